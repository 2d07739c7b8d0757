/* The command line: one table of subcommands drives dispatch, --help and
 * the command list of prepdeck(1). */
#ifndef PREPDECK_CLI_H
#define PREPDECK_CLI_H

#include <stdint.h>

#include "db.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

struct cli {
	const char *dbflag;    /* --db PATH, or NULL */
	char *dbpath;          /* resolved */
	struct db *db;         /* opened on demand by cli_db */
	int created;           /* the database was created in this run */
};

struct command {
	const char *name;
	const char *args;      /* usage after the name */
	const char *summary;   /* one line for --help */
	const char *help;      /* paragraph for the man page and `help CMD` */
	int (*exec)(struct cli *c, int argc, char **argv);
};

extern const struct command cli_commands[];

/* Opens the database (creating it and importing the bundled curriculum
 * on first use). Exits with a plain message when it cannot. */
struct db *cli_db(struct cli *c);

int cli_main(int argc, char **argv);

/* Takes standard output back from the filter that makes control
 * characters visible, for the screens (which draw with curses). */
void cli_raw_output(void);

/* Messages of the subcommands, on standard error. cli_usage prints
 * "prepdeck: MESSAGE", then "(see prepdeck help CMD)" when cmd is not
 * NULL, and returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "prepdeck: MESSAGE" and returns EXIT_USER. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints cause as cli_error does ("failed" when NULL), frees it and
 * returns EXIT_USER. */
int cli_cause(char *cause);

/* "--" ends the options of every command: cli_main takes it out of the
 * command's arguments and remembers those after it as operands, which
 * are never options even when they start with '-'. */
/* True when argv[i] is an option: it starts with '-', is not "-" alone
 * and came before a "--". */
int cli_isopt(char **argv, int i);
/* True when argv[i] is the option name ("--json"). */
int cli_flag(char **argv, int i, const char *name);

/* Matches "--name VALUE" and "--name=VALUE" at argv[*i]: returns 1 with
 * *val set and *i advanced past the value, 0 when argv[*i] is another
 * argument, -1 (printing nothing) when the value is missing. */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **val);

/* Numbers and dates in arguments, read by the strict parsers of parse.h:
 * 0 with *out set, or -1 after printing the parser's message as a usage
 * error (pointing at `prepdeck help cmd` when cmd is not NULL); the
 * caller then returns EXIT_USAGE. */
int cli_int(const char *cmd, const char *what, const char *s, int64_t min, int64_t max,
            int64_t *out);
int cli_real(const char *cmd, const char *what, const char *s, double min, double max,
             double *out);
int cli_day(const char *cmd, const char *what, const char *s, int64_t *day);

/* Review commands (cli_review.c). */
int cmd_due(struct cli *c, int argc, char **argv);
int cmd_review(struct cli *c, int argc, char **argv);
int cmd_next(struct cli *c, int argc, char **argv);
int cmd_grade(struct cli *c, int argc, char **argv);
int cmd_undo(struct cli *c, int argc, char **argv);
int cmd_card(struct cli *c, int argc, char **argv);
int cmd_settings(struct cli *c, int argc, char **argv);

/* Interview dates and cram (cli_target.c). */
int cmd_target(struct cli *c, int argc, char **argv);
int cmd_cram(struct cli *c, int argc, char **argv);

#endif
