/* The command line: the one table of commands, the global options,
 * --help, the command list of prepdeck(1) and the shell completions.
 * Each command file defines its entries (cmd.h); this table only lists
 * them, in the order --help and the man page show them. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_anki.h"
#include "cli_cards.h"
#include "cli_complete.h"
#include "cli_content.h"
#include "cli_gap.h"
#include "cli_ical.h"
#include "cli_lint.h"
#include "cli_memory.h"
#include "cli_plan.h"
#include "cli_review.h"
#include "cli_stats.h"
#include "cli_story.h"
#include "cli_target.h"
#include "util.h"

static int
cmd_tui(struct cmd *c)
{
	cli_start(c, START_TODAY);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry cmd_tui_entry = {
	.name = "tui", .args = "",
	.summary = "start the interactive program (the default)",
	.help = "Opens the Today screen. Runs when no command is given.",
	.exec = cmd_tui,
};
/* clang-format on */

/* `export` groups the exports of three command files. */
/* clang-format off */
static const struct cmd_entry cmd_export_entry = {
	.name = "export", .args = "gapmap|stories|ical|deck ... [--format FMT] [--out FILE]",
	.summary = "write a gap map (md, csv, yaml), your stories (md, yaml), a calendar (ical) "
	"or a deck (yaml, md, csv)",
	.help = "export deck ID [--format yaml|md|csv] [--out FILE] writes any deck with your "
	"text (your edits of curriculum cards as you have them): a deck YAML document "
	"marked 'origin: user' that 'prepdeck import' reads back as your own cards with "
	"the same ids (a new deck and new cards are made; a card you already have takes "
	"the file's text, a curriculum card as your version of it), Markdown, or CSV "
	"(id, kind, front, back, note, tags, deck). "
	"export gapmap [MAP] --format md|csv|yaml [--out FILE] [--id ID] writes the "
	"map (the current one by default) to standard output or FILE: a "
	"Markdown table for notes, CSV (RFC 4180: fields with commas, quotes or line "
	"breaks quoted) for spreadsheets, or a skillmap YAML document that 'prepdeck "
	"import' reads back into the same map, every field kept: your own maps are "
	"marked 'origin: user' (or 'jd') and come back as yours where the id is new, "
	"while a database that has the map keeps its own; a curriculum map needs a "
	"database without it. --id writes the YAML under another id, as your copy, "
	"so it can be imported beside the original. "
	"export stories [--format md|yaml] [--out FILE] [--all] writes your own "
	"stories (with --all, Markdown only, the bundled ones too) as Markdown, or as "
	"a stories YAML document whose stories are marked 'origin: user': 'prepdeck "
	"import' reads them back as your own stories, adds those whose id is new, "
	"keeps the ones you already have as they are, and no later import overwrites "
	"or retires them. "
	"export ical [--out FILE] writes an iCalendar file (RFC 5545) that calendar "
	"programs import: one all-day event per day of the running study plan "
	"(titled with the day's number and title, its tasks as the description, "
	"marked [x] done or [!] overdue, on the dates shifts give), one per "
	"mock round (rubric, partner, scores, what to fix next) and one per "
	"interview date. Every event keeps the same UID from one export to the "
	"next, so importing a newer file updates the events rather than adding "
	"copies. Every export writes FILE whole or not at all: a new FILE gets mode "
	"0600 and an existing one keeps its mode; only a new or regular file is "
	"replaced (a directory, device, FIFO or symbolic link is refused), and "
	"FILE '-' is standard output.",
	.subs = (const struct cmd_entry *const[]){
		&cmd_export_gapmap_entry, &cmd_export_stories_entry, &cmd_export_ical_entry,
		&cmd_export_deck_entry, NULL,
	},
	.needs = "what to export: gapmap, stories, ical or deck",
};
/* clang-format on */

static int cmd_help(struct cmd *c);
static int cmd_version(struct cmd *c);

/* clang-format off */
static const struct cmd_entry cmd_help_entry = {
	.name = "help", .args = "[COMMAND]",
	.summary = "show help for prepdeck or one command",
	.help = "Without a command, lists all commands.",
	.opts = (const struct cmd_opt[]){
		{ .name = "--roff", .type = OPT_FLAG },
		{ .name = "--bash", .type = OPT_FLAG },
		{ .name = "--zsh", .type = OPT_FLAG },
		{ NULL },
	},
	.max = 1, .exec = cmd_help,
};
/* clang-format on */

/* clang-format off */
static const struct cmd_entry cmd_version_entry = {
	.name = "version", .args = "",
	.summary = "print the version",
	.help = "Same as --version.",
	.max = -1, .exec = cmd_version, .flags = CMD_OPERANDS,
};
/* clang-format on */

/* clang-format off */
static const struct cmd_entry *const commands[] = {
	&cmd_tui_entry, &cmd_import_entry, &cmd_check_entry, &cmd_lint_entry,
	&cmd_replay_entry, &cmd_optimize_entry, &cmd_simulate_entry, &cmd_retention_entry,
	&cmd_review_entry, &cmd_due_entry, &cmd_next_entry,
	&cmd_grade_entry, &cmd_undo_entry, &cmd_card_entry, &cmd_cards_entry,
	&cmd_profile_entry, &cmd_settings_entry,
	&cmd_mock_entry, &cmd_stats_entry, &cmd_plan_entry, &cmd_checklist_entry,
	&cmd_gapmap_entry, &cmd_jd_entry, &cmd_export_entry, &cmd_anki_entry,
	&cmd_stories_entry, &cmd_story_entry, &cmd_rehearse_entry, &cmd_target_entry,
	&cmd_cram_entry, &cmd_status_entry, &cmd_help_entry, &cmd_version_entry,
	&cmd_complete_entry, NULL,
};
/* clang-format on */

#define HELP_COL 31 /* where the summaries of `prepdeck --help` start */

/* Prints a command's synopsis after two blanks; one wider than 80
 * columns breaks before its last " | " alternative that fits (or its
 * last blank), the rest indented under it. Returns the width of the
 * last line less the two blanks. */
static int
put_synopsis(FILE *fp, const char *head)
{
	int indent = 0;
	for (;;) {
		int room = 78 - indent;
		size_t n = strlen(head), cut = 0;
		if (str_width(head) <= room) {
			fprintf(fp, "  %*s%s", indent, "", head);
			return indent + str_width(head);
		}
		for (size_t i = 0; i + 1 < n; i++) {
			if (head[i] != ' ')
				continue;
			char *pre = xstrndup(head, i);
			int fits = str_width(pre) <= room;
			free(pre);
			if (!fits)
				break;
			if (head[i + 1] == '|' || cut == 0 || head[cut + 1] != '|')
				cut = i;
		}
		if (cut == 0) { /* one word wider than the line: leave it whole */
			fprintf(fp, "  %*s%s", indent, "", head);
			return indent + str_width(head);
		}
		fprintf(fp, "  %*s%.*s\n", indent, "", (int)cut, head);
		head += cut + 1;
		indent = 2;
	}
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: prepdeck [--db PATH] [COMMAND [ARGS...]]\n\n"
	            "A study planner and flashcard trainer for AI-engineering interviews.\n"
	            "With no command, starts the interactive program.\n\ncommands:\n");
	for (const struct cmd_entry *const *e = commands; *e; e++) {
		const struct cmd_entry *c = *e;
		if (c->flags & CMD_HIDDEN)
			continue;
		/* A long synopsis gets a line of its own; summaries wrap
		 * under their column, so nothing runs past 80 columns. */
		char *head = xprintf("%s %s", c->name, c->args);
		int hw = put_synopsis(fp, head);
		int col = 2 + hw;
		if (hw > HELP_COL - 3) {
			fputc('\n', fp);
			col = 0;
		}
		free(head);
		for (const char *p = c->summary; *p;) {
			const char *sp = strchr(p, ' ');
			size_t n = sp ? (size_t)(sp - p) : strlen(p);
			char *word = xstrndup(p, n);
			int ww = str_width(word);
			if (col >= HELP_COL && col + 1 + ww > 79) {
				fputc('\n', fp);
				col = 0;
			}
			if (col < HELP_COL) {
				fprintf(fp, "%*s", HELP_COL - col, "");
				col = HELP_COL;
			} else {
				fputc(' ', fp);
				col++;
			}
			fputs(word, fp);
			col += ww;
			free(word);
			p += n;
			while (*p == ' ')
				p++;
		}
		fputc('\n', fp);
	}
	fprintf(fp, "\noptions:\n"
	            "  --db PATH                    use this database file (also: PREPDECK_DB)\n"
	            "  -h, --help                   show this help\n"
	            "  -V, --version                print the version\n"
	            "\nSee prepdeck(1) and prepdeck-content(5).\n");
}

static const struct cmd_entry *
find_command(const char *name)
{
	for (const struct cmd_entry *const *e = commands; *e; e++)
		if (strcmp((*e)->name, name) == 0)
			return *e;
	return NULL;
}

/* Writes the command list as man-page source for prepdeck(1). */
static void
roff_commands(FILE *fp)
{
	for (const struct cmd_entry *const *e = commands; *e; e++) {
		const struct cmd_entry *c = *e;
		if (c->flags & CMD_HIDDEN)
			continue;
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
help_for(const struct cmd_entry *e)
{
	printf("usage: prepdeck %s %s\n\n%s\n\n%s\n", e->name, e->args, e->summary, e->help);
	return EXIT_OK;
}

static int
cmd_help(struct cmd *c)
{
	if (arg_flag(c, "--roff")) {
		roff_commands(stdout);
		return EXIT_OK;
	}
	if (arg_flag(c, "--bash")) {
		complete_bash(stdout, commands);
		return EXIT_OK;
	}
	if (arg_flag(c, "--zsh")) {
		complete_zsh(stdout, commands);
		return EXIT_OK;
	}
	if (c->argc == 1) {
		const struct cmd_entry *e = find_command(c->argv[0]);
		if (e == NULL)
			return cli_usage(NULL, "help: unknown command '%s'", c->argv[0]);
		return help_for(e);
	}
	usage(stdout);
	return EXIT_OK;
}

static int
cmd_version(struct cmd *c)
{
	(void)c;
	printf("prepdeck %s\n", PACKAGE_VERSION);
	return EXIT_OK;
}

/* ---- visible output ------------------------------------------------- */

/* Standard output and error of every command pass through a filter that
 * shows control characters the way the screens do (sbuf_add_visible):
 * text from a content file, the database or an argument can never move
 * the cursor, set the window title or write the clipboard. Exports write
 * their formats byte for byte on a stream of their own (outfile.c), and
 * the screens take the terminal back with cli_raw_output. */
struct visible {
	int fd;
	char pend[4]; /* the start of a UTF-8 sequence cut by a flush */
	size_t npend;
};

static FILE *raw_stdout;

static int
visible_put(struct visible *v, const char *buf, size_t n, int final)
{
	/* Plain ASCII text (most output: tables, TSV) goes out as it is. */
	static unsigned char plain[256];
	if (!plain['a']) {
		for (int c = 0x20; c < 0x7f; c++)
			plain[c] = 1;
		plain['\n'] = plain['\t'] = 1;
	}
	const unsigned char *u = (const unsigned char *)buf;
	size_t k = 0;
	while (k < n && plain[u[k]])
		k++;
	if (k == n && v->npend == 0)
		return fd_write_all(v->fd, buf, n);
	struct sbuf out, in;
	sbuf_init(&out);
	sbuf_init(&in);
	sbuf_addn(&in, v->pend, v->npend);
	sbuf_addn(&in, buf, n);
	size_t used = sbuf_add_visible(&out, in.s, in.len, 1, final);
	v->npend = in.len - used;
	memcpy(v->pend, in.s + used, v->npend);
	int rc = fd_write_all(v->fd, out.s, out.len);
	sbuf_free(&out);
	sbuf_free(&in);
	return rc;
}

#ifdef HAVE_FOPENCOOKIE
static ssize_t
visible_write(void *cookie, const char *buf, size_t n)
{
	return visible_put(cookie, buf, n, 0) == 0 ? (ssize_t)n : -1;
}

static int
visible_close(void *cookie)
{
	return visible_put(cookie, "", 0, 1);
}

static FILE *
visible_stream(struct visible *v, int mode)
{
	cookie_io_functions_t io = { .write = visible_write, .close = visible_close };
	FILE *f = fopencookie(v, "w", io);
	if (f != NULL)
		setvbuf(f, NULL, mode, BUFSIZ);
	return f;
}
#endif

/* Puts the filter in front of standard output and error. */
static void
visible_output(void)
{
#ifdef HAVE_FOPENCOOKIE
	static struct visible out = { STDOUT_FILENO, "", 0 }, err = { STDERR_FILENO, "", 0 };
	FILE *o = visible_stream(&out, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
	FILE *e = visible_stream(&err, _IOLBF);
	if (o != NULL) {
		raw_stdout = stdout;
		stdout = o;
	}
	if (e != NULL)
		stderr = e;
#endif
}

void
cli_raw_output(void)
{
	if (raw_stdout == NULL)
		return;
	fflush(stdout);
	stdout = raw_stdout;
	raw_stdout = NULL;
}


/* An unknown command: the nearest name when one is close. */
static int
unknown_command(const char *name)
{
	const char *best = NULL;
	int bestd = 3;
	for (const struct cmd_entry *const *e = commands; *e; e++) {
		int d = str_distance(name, (*e)->name);
		if (d < bestd && !((*e)->flags & CMD_HIDDEN)) {
			bestd = d;
			best = (*e)->name;
		}
	}
	if (best)
		return cli_usage(NULL, "unknown command '%s' (did you mean '%s'?)", name, best);
	return cli_usage(NULL, "unknown command '%s'", name);
}

int
cli_main(struct cli *c, int argc, char **argv)
{
	visible_output();
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc)
				return cli_usage(NULL, "--db needs a PATH");
			c->dbflag = argv[++i];
		} else if (str_prefix(a, "--db=")) {
			c->dbflag = a + 5;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			return cmd_version(NULL);
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage(NULL, "unknown option '%s'", a);
		} else {
			break;
		}
	}
	if (c->dbflag != NULL && *c->dbflag == '\0')
		return cli_usage(NULL, "--db needs a non-empty PATH");
	const struct cmd_entry *cmd = &cmd_tui_entry;
	if (i < argc && argv[i][0] == '\0')
		return cli_usage(NULL, "no command given (an empty argument)");
	if (i < argc && (cmd = find_command(argv[i])) == NULL)
		return unknown_command(argv[i]);
	int rc = i < argc ? cmd_run(c, cmd, argc - i - 1, argv + i + 1) : cmd_run(c, cmd, 0, argv);
	if (rc == CMD_HELP)
		rc = help_for(cmd);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		return cli_error("cannot write output: %s", strerror(errno));
	}
	return rc;
}
