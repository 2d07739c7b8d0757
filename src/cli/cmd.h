/* Commands as data. Each command file describes its commands with a
 * struct cmd_entry: name, synopsis, help, an option template and the
 * handler, subcommands as a table of entries. One parser reads every
 * command line against the template; handlers read the values through
 * the arg_* functions and report through cli_usage, cli_error and
 * cli_cause, so every command answers a mistake the same way. The
 * table in cli.c lists the entries; --help, prepdeck(1) and the shell
 * completions are written from it. */
#ifndef PREPDECK_CLI_CMD_H
#define PREPDECK_CLI_CMD_H

#include <stdint.h>

#include "db.h"
#include "start.h"
#include "store.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

/* One run of the program: the global options, the store the command
 * opened, and the screen it asks for. */
struct cli {
	const char *dbflag;         /* --db PATH, or NULL */
	int lock;                   /* a command that opens a screen: the
	                              interactive session's lock */
	struct store *store;        /* opened on demand by cli_db */
	struct start_request start; /* the screen a command asks for */
};

enum opt_type {
	OPT_FLAG, /* --json */
	OPT_STR,  /* --deck ID */
	OPT_INT,  /* --limit N: a whole number in [min, max] */
	OPT_REAL, /* --retention R: a number in [min, max] */
	OPT_DATE, /* --on YYYY-MM-DD */
};

/* What a value or an operand names, for the shell completions. */
enum arg_kind {
	ARG_NONE,
	ARG_FILE, /* a path */
	ARG_DECK, /* ids from the database ... */
	ARG_STORY,
	ARG_MAP,
	ARG_CARD,
	ARG__COUNT,
};

struct cmd_opt {
	const char *name; /* "--deck" */
	enum opt_type type;
	const char *arg;    /* the value as help names it ("ID") */
	double min, max;    /* OPT_INT, OPT_REAL */
	const char *need;   /* what a missing value is ("a file name");
	                              NULL: arg */
	const char *alias;  /* another spelling ("-y") */
	const char *words;  /* OPT_STR: the only values it takes,
	                              separated by spaces ("md csv yaml") */
	enum arg_kind kind; /* OPT_STR: what the value names */
	int many;           /* may be given more than once */
};

struct cmd;

enum {
	CMD_OPERANDS = 1, /* every argument is an operand (a setting's
	                              value may start with '-'); only the
	                              first "--" is taken out */
	CMD_HIDDEN = 2,   /* not in --help, the man page or the
	                              completions */
};

struct cmd_entry {
	const char *name;
	const char *alias;          /* another name ("edit" for "set") */
	const char *args;           /* synopsis after the name */
	const char *summary;        /* one line for --help */
	const char *help;           /* paragraph for the man page and `help CMD` */
	const struct cmd_opt *opts; /* ends with a NULL name; NULL: none */
	int min, max;               /* operands (max -1: any number) */
	const char *needs;          /* what too few operands lack ("a RUBRIC
	                              (see ...)"), or a missing subcommand;
	                              NULL: the synopsis, the subcommands */
	enum arg_kind operand[3];   /* what the operands name (with max -1,
	                              the last one named stands for the rest) */
	int (*exec)(struct cmd *c);
	const struct cmd_entry *const *subs; /* subcommands, ending with NULL */
	const char *dflt;                    /* the subcommand run without arguments */
	int flags;                           /* CMD_* */
};

/* The parsed command line of one (sub)command. */
struct cmd {
	const struct cmd_entry *entry;
	const struct cmd_entry *top; /* the command named first (for help) */
	char name[64];               /* "gapmap show", for messages */
	int argc;                    /* the operands */
	char **argv;
	struct cmd_val {
		int set;
		const char *s;     /* the value as given */
		int64_t i;         /* OPT_INT, OPT_DATE (a day number) */
		double r;          /* OPT_REAL */
		const char **list; /* many: every value in order */
		size_t n;
	} * vals; /* one per option of the template */
	struct cli *cli;
};

/* Parses args (the words after the command's name) against e and its
 * subcommands and runs the handler. Returns the exit status, or
 * CMD_HELP when the user asked for the command's help. */
#define CMD_HELP (-1)
int cmd_run(struct cli *cli, const struct cmd_entry *e, int argc, char **argv);

/* The option values. name must be in the command's template. */
int arg_flag(const struct cmd *c, const char *name);
const char *arg_str(const struct cmd *c, const char *name);           /* NULL: not given */
int64_t arg_int(const struct cmd *c, const char *name, int64_t dflt); /* also OPT_DATE */
double arg_real(const struct cmd *c, const char *name, double dflt);
const char **arg_list(const struct cmd *c, const char *name, size_t *n);

/* An operand read by the strict parsers of parse.h: 0 with *out set, or
 * -1 after a usage error naming what (the caller returns EXIT_USAGE). */
int cli_int(const struct cmd *c, const char *what, const char *s, int64_t min, int64_t max,
            int64_t *out);
int cli_day(const struct cmd *c, const char *what, const char *s, int64_t *day);

/* A VALUE operand or option value: a copy of v, or when v is "-" all of
 * standard input (one final newline, as echo and editors add, dropped).
 * Standard input is read once: *used_stdin says whether it was. NULL
 * with *cause set when it holds a NUL byte, exceeds max bytes or was
 * read already. */
char *cli_value(const char *v, size_t max, int *used_stdin, char **cause);

/* The one way to report. cli_usage prints "prepdeck: MESSAGE" and
 * "(see prepdeck help CMD)" and returns EXIT_USAGE; cli_error prints
 * "prepdeck: MESSAGE" and returns EXIT_USER; cli_cause prints cause as
 * cli_error does ("failed" when NULL), frees it and returns EXIT_USER. */
int cli_usage(const struct cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_cause(char *cause);

/* The store, opened on first use (created, migrated and given the
 * bundled curriculum when new). Exits with a plain message when it
 * cannot be opened. */
struct db *cli_db(struct cmd *c);

/* An existing database, read-only, to look ids and settings up (check,
 * lint): NULL when there is none, or with *cause set when it cannot be
 * read. Never created or written. */
struct db *cli_lookup_db(struct cmd *c, char **cause);

/* The same for a command that goes on to open a screen: the store is
 * opened with the interactive session's lock (one session at a time). */
struct db *cli_screen_db(struct cmd *c);

/* For main, before the screens: opens the store with the interactive
 * session's lock when no command opened it. */
void cli_screen_store(struct cli *cli);

/* Asks for screen s once the command returns; the handler fills in the
 * strings of c->cli->start (its own copies, freed with the request). */
void cli_start(struct cmd *c, enum start_screen s);

#endif
