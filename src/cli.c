#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "content.h"
#include "import.h"
#include "paths.h"
#include "replay.h"
#include "summary.h"
#include "tui/app.h"
#include "util.h"

static int cmd_tui(struct cli *, int, char **);
static int cmd_import(struct cli *, int, char **);
static int cmd_check(struct cli *, int, char **);
static int cmd_replay(struct cli *, int, char **);
static int cmd_status(struct cli *, int, char **);
static int cmd_help(struct cli *, int, char **);
static int cmd_version(struct cli *, int, char **);

const struct command cli_commands[] = {
	{ "tui", "", "start the interactive program (the default)",
	  "Opens the Today screen. Runs when no command is given.", cmd_tui },
	{ "import", "[PATH...]", "import curriculum files (default: the bundled curriculum)",
	  "Checks every YAML file under the given files or directories and, only if "
	  "all of them are correct, writes them to the database in one transaction. "
	  "Importing the same files again changes nothing; edited items are updated "
	  "and keep their history; items no longer in the files are retired.",
	  cmd_import },
	{ "check", "PATH...", "validate curriculum files without writing anything",
	  "Reports every mistake as FILE:LINE:COLUMN: message and exits 1 if there "
	  "is any.", cmd_check },
	{ "replay", "[--retention R]", "run review history through the scheduler",
	  "Reads tab-separated lines card, reviewed_at, rating (with a header line) "
	  "on standard input and prints each review's state, due time, stability and "
	  "difficulty as the FSRS-6 scheduler computes them, each card starting new, "
	  "fuzz off. Touches no database.", cmd_replay },
	{ "review", "[--deck ID] [--tag TAG]", "review today's cards in the interactive program",
	  "Opens the review screen straight away, optionally on one deck or tag, and "
	  "returns to the shell when you leave it.", cmd_review },
	{ "due", "[--deck ID] [--json]", "print today's due counts per deck",
	  "Prints learning, review and new counts per deck for the current study day "
	  "(which starts at the rollover hour), and the totals with the daily limits "
	  "applied. With --json, one JSON object for scripts.", cmd_due },
	{ "next", "[--deck ID] [--tag TAG] [--json]", "print the next card to review",
	  "Prints the key, deck and kind of the card the review would show next, or "
	  "'nothing due'.", cmd_next },
	{ "grade", "[--cram] CARD RATING", "grade a card: 1 again, 2 hard, 3 good, 4 easy",
	  "Grades CARD as the review screen would and prints its new state and due "
	  "time. The grade and the review-log row are written in one transaction. "
	  "With --cram the answer is logged as cram practice and the schedule is "
	  "left alone.", cmd_grade },
	{ "undo", "", "undo the last grade",
	  "Restores the card graded last to its state before that grade and removes "
	  "the log row. Repeatable.", cmd_undo },
	{ "card", "show|bury|suspend|unsuspend|flag CARD", "show or change one card",
	  "Shows a card's content, source and memory state, buries it until the next "
	  "study day, suspends or unsuspends it, or toggles its flag.", cmd_card },
	{ "settings", "[NAME [VALUE]]", "show or change review settings",
	  "Without arguments lists retention (desired retention, 0.70-0.99), "
	  "new_per_day, reviews_per_day and rollover_hour (the local hour the study "
	  "day starts, 4 by default). With NAME prints one; with NAME VALUE sets it.",
	  cmd_settings },
	{ "status", "", "print what the database holds",
	  "Prints the database path and the number of decks, cards, reviews, plans, "
	  "stories, checklists, rubrics and gap maps.", cmd_status },
	{ "help", "[COMMAND]", "show help for prepdeck or one command",
	  "Without a command, lists all commands.", cmd_help },
	{ "version", "", "print the version", "Same as --version.", cmd_version },
	{ NULL, NULL, NULL, NULL, NULL },
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: prepdeck [--db PATH] [COMMAND [ARGS...]]\n\n"
	        "A study planner and flashcard trainer for AI-engineering interviews.\n"
	        "With no command, starts the interactive program.\n\ncommands:\n");
	for (const struct command *c = cli_commands; c->name; c++) {
		char head[64];
		snprintf(head, sizeof head, "%s %s", c->name, c->args);
		fprintf(fp, "  %-28s %s\n", head, c->summary);
	}
	fprintf(fp, "\noptions:\n"
	        "  --db PATH                    use this database file (also: PREPDECK_DB)\n"
	        "  -h, --help                   show this help\n"
	        "  -V, --version                print the version\n"
	        "\nSee prepdeck(1) and prepdeck-content(5).\n");
}

static const struct command *
find_command(const char *name)
{
	for (const struct command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("prepdeck: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(see prepdeck --help)\n", stderr);
	return EXIT_USAGE;
}

struct db *
cli_db(struct cli *c)
{
	if (c->db != NULL)
		return c->db;
	char *cause = NULL;
	c->dbpath = paths_db(c->dbflag, &cause);
	if (c->dbpath == NULL)
		die(EXIT_USER, "%s", cause);
	c->db = db_open(c->dbpath, DB_OPEN_CREATE, &c->created, &cause);
	if (c->db == NULL)
		die(EXIT_USER, "%s", cause);
	/* The bundled curriculum is imported once, on first use (and again
	 * if that first import could not finish). */
	char *done = db_setting(c->db, "bundled_imported");
	if (done == NULL) {
		struct import_stats st;
		if (import_paths(c->db, NULL, 0, &st, stderr) != 0)
			die(EXIT_USER, "the bundled curriculum has errors (listed above)");
		db_set_setting(c->db, "bundled_imported", "1");
	}
	free(done);
	return c->db;
}

static int
cmd_tui(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return usage_error("tui takes no arguments: '%s'", argv[1]);
	return tui_main(c, TUI_START_TODAY, NULL);
}

static int
cmd_import(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage_error("import: unknown option '%s'", argv[i]);
	struct db *db = cli_db(c);
	struct import_stats st;
	if (import_paths(db, argv + 1, (size_t)(argc - 1), &st, stderr) != 0)
		return EXIT_USER;
	printf("imported: %d added or changed, %d unchanged, %d retired\n",
	       st.written, st.kept, st.retired);
	return EXIT_OK;
}

static int
cmd_check(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return usage_error("check needs at least one PATH%s", "");
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage_error("check: unknown option '%s'", argv[i]);
	/* References to ids outside the checked files resolve against an
	 * existing database, opened read-only; nothing is written. */
	struct db *db = NULL;
	char *path = paths_db(c->dbflag, NULL);
	if (path != NULL && access(path, R_OK) == 0)
		db = db_open(path, DB_OPEN_READONLY, NULL, NULL);
	free(path);
	char *bundled = paths_content();
	struct content_run *run = content_load(argv + 1, (size_t)(argc - 1), bundled,
	                                       db ? import_lookup : NULL, db);
	free(bundled);
	int rc = EXIT_OK;
	if (run->diags.n) {
		diags_print(&run->diags, stderr);
		fprintf(stderr, "%zu error%s\n", run->diags.n, run->diags.n == 1 ? "" : "s");
		rc = EXIT_USER;
	} else {
		printf("ok: %zu file%s, %zu document%s, %zu cards, %zu stories, "
		       "%zu prompts, %zu vocabulary terms\n", run->nfiles,
		       run->nfiles == 1 ? "" : "s", run->ndocs, run->ndocs == 1 ? "" : "s",
		       run->ncards, run->nstories, run->nprompts, run->nterms);
	}
	content_free(run);
	db_close(db);
	return rc;
}

static int
cmd_replay(struct cli *c, int argc, char **argv)
{
	double retention = 0.9;
	for (int i = 1; i < argc; i++) {
		const char *val = NULL;
		if (strcmp(argv[i], "--retention") == 0) {
			if (i + 1 >= argc)
				return usage_error("replay: --retention needs a value%s", "");
			val = argv[++i];
		} else if (str_prefix(argv[i], "--retention=")) {
			val = argv[i] + strlen("--retention=");
		} else {
			return usage_error("replay: unknown argument '%s'", argv[i]);
		}
		char *end;
		errno = 0;
		retention = strtod(val, &end);
		if (*end != '\0' || errno || !(retention > 0.0 && retention < 1.0))
			return usage_error("replay: --retention must be a number between 0 "
			                   "and 1 (exclusive), got '%s'", val);
	}
	return replay_run(stdin, stdout, stderr, retention) == 0 ? EXIT_OK : EXIT_USER;
}

static int
cmd_status(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return usage_error("status takes no arguments: '%s'", argv[1]);
	struct db *db = cli_db(c);
	struct summary s;
	summary_load(db, &s);
	printf("database: %s\n", db_path(db));
	printf("decks: %d\ncards: %d (%d new, %d seen)\nreviews: %d\nplans: %d\n"
	       "stories: %d\nprompts: %d\nchecklists: %d\nrubrics: %d\n"
	       "gap maps: %d (%d skills)\nvocabulary: %d terms\n", s.decks, s.cards,
	       s.cards_new, s.cards_seen, s.reviews_total, s.plans, s.stories,
	       s.prompts, s.checklists, s.rubrics, s.gapmaps, s.gap_rows, s.terms);
	return EXIT_OK;
}

/* Writes the command list as man-page source for prepdeck(1). */
static void
roff_commands(FILE *fp)
{
	for (const struct command *c = cli_commands; c->name; c++) {
		fprintf(fp, ".TP\n.B %s", c->name);
		if (*c->args)
			fprintf(fp, " \\fI%s\\fR", c->args);
		fputc('\n', fp);
		for (const char *p = c->help; *p; p++) {
			if (*p == '\\')
				fputs("\\e", fp);
			else if (*p == '-')
				fputs("\\-", fp);
			else
				fputc(*p, fp);
		}
		fputc('\n', fp);
	}
}

static int
cmd_help(struct cli *c, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--roff") == 0) {
		roff_commands(stdout);
		return EXIT_OK;
	}
	if (argc > 1) {
		const struct command *cmd = find_command(argv[1]);
		if (cmd == NULL)
			return usage_error("help: unknown command '%s'", argv[1]);
		printf("usage: prepdeck %s %s\n\n%s\n\n%s\n", cmd->name, cmd->args,
		       cmd->summary, cmd->help);
		return EXIT_OK;
	}
	usage(stdout);
	return EXIT_OK;
}

static int
cmd_version(struct cli *c, int argc, char **argv)
{
	printf("prepdeck %s\n", PACKAGE_VERSION);
	return EXIT_OK;
}

int
cli_main(int argc, char **argv)
{
	struct cli c = { 0 };
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc)
				return usage_error("--db needs a PATH%s", "");
			c.dbflag = argv[++i];
		} else if (str_prefix(a, "--db=")) {
			c.dbflag = a + 5;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			return cmd_version(&c, 0, NULL);
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option '%s'", a);
		} else {
			break;
		}
	}
	if (c.dbflag != NULL && *c.dbflag == '\0')
		return usage_error("--db needs a non-empty PATH%s", "");
	const struct command *cmd = cli_commands; /* tui */
	char *tui_argv[] = { "tui", NULL };
	char **cargv = tui_argv;
	int cargc = 1;
	if (i < argc) {
		cmd = find_command(argv[i]);
		if (cmd == NULL) {
			const char *best = NULL;
			int bestd = 3;
			for (const struct command *k = cli_commands; k->name; k++) {
				int d = str_distance(argv[i], k->name);
				if (d < bestd) {
					bestd = d;
					best = k->name;
				}
			}
			if (best) {
				fprintf(stderr, "prepdeck: unknown command '%s' (did you mean "
				        "'%s'?)\n", argv[i], best);
				return EXIT_USAGE;
			}
			return usage_error("unknown command '%s'", argv[i]);
		}
		cargv = argv + i;
		cargc = argc - i;
		if (cargc > 1 && (strcmp(cargv[1], "--help") == 0 || strcmp(cargv[1], "-h") == 0)) {
			char *hargv[] = { "help", (char *)cmd->name, NULL };
			return cmd_help(&c, 2, hargv);
		}
	}
	int rc = cmd->exec(&c, cargc, cargv);
	db_close(c.db);
	free(c.dbpath);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "prepdeck: cannot write output: %s\n", strerror(errno));
		return EXIT_USER;
	}
	return rc;
}
