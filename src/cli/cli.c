#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_cards.h"
#include "cli_gap.h"
#include "cli_ical.h"
#include "cli_lint.h"
#include "cli_plan.h"
#include "cli_stats.h"
#include "cli_story.h"
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
static int cmd_export_what(struct cli *, int, char **);

const struct command cli_commands[] = {
	{ "tui", "", "start the interactive program (the default)",
	  "Opens the Today screen. Runs when no command is given.", cmd_tui },
	{ "import", "[PATH...]", "import curriculum files (default: the bundled curriculum)",
	  "Checks every YAML file under the given files or directories and, only if "
	  "all of them are correct, writes them to the database in one transaction. "
	  "Importing the same files again changes nothing; edited items are updated "
	  "and keep their history; items no longer in the files are retired. A card "
	  "that names retired cards in its replaces: list takes over their reviews "
	  "and memory state (see prepdeck-content(5)).",
	  cmd_import },
	{ "check", "PATH...", "validate curriculum files without writing anything",
	  "Reports every mistake as FILE:LINE:COLUMN: message and exits 1 if there "
	  "is any.", cmd_check },
	{ "lint", "[--json] [OPTIONS] [PATH...]",
	  "report craft problems in curriculum files (default: the bundled curriculum)",
	  "Reads the curriculum files under the given files or directories (the bundled "
	  "curriculum by default) and reports, as FILE:LINE:COLUMN: RULE: message, what "
	  "check lets pass but a good card avoids: long-answer (an answer, type-in answer, "
	  "numbers value or cloze text of more than lint_answer_max words, 60 by "
	  "default), long-cloze (a cloze deletion hiding more than lint_cloze_max words, "
	  "5), duplicate (two cards anywhere in the files whose word 3-shingles overlap "
	  "by lint_duplicate or more, 0.20 as a Jaccard index; both places are named), "
	  "term-without-deck (a vocabulary term with no deck), generic-task (a plan task "
	  "whose text has no word beyond stop words, numbers and generic study words, "
	  "such as 'Daily card review.'), typein-keyboard (a type-in answer with a "
	  "character a plain keyboard cannot type) and invalid (anything check "
	  "reports). A word is a run of characters between spaces that holds a letter "
	  "or a digit. The rules are defined in prepdeck-content(5). The thresholds are "
	  "settings (prepdeck settings NAME VALUE); --answer-max N, --cloze-max N and "
	  "--duplicate X override them for one run. --json prints one JSON object with "
	  "the counts per rule and every finding. Exits 1 when there is any finding; "
	  "writes nothing.", cli_lint },
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
	{ "card", "show|add|edit|history|revert|delete|... CARD",
	  "show, write or change one card",
	  "card show|bury|suspend|unsuspend|flag CARD shows a card's content, source and "
	  "memory state, buries it until the next study day, suspends or unsuspends it, or "
	  "toggles its flag. card add --deck ID [--kind basic|reverse|cloze|typein] --front "
	  "TEXT [--back TEXT] [--note TEXT] [--tags a,b] [--now] [--force] writes a card of "
	  "your own and prints its id alone (u- and six letters or digits; a cloze card's "
	  "cards are ID:c1, ID:c2, ..., a reverse card's ID and ID:r): the deck is made when "
	  "it does not exist; the card is due as a new card under the daily limits, or at "
	  "once with --now; a front another card already has is refused unless --force; an "
	  "empty front, a cloze without a {{c1::...}} deletion or with an empty one, a "
	  "type-in without an answer, text over 65,536 bytes, invalid UTF-8 or a bad deck id "
	  "are refused and nothing is saved. card edit CARD FIELD VALUE sets front, back, "
	  "note, tags, deck (of your own cards) or kind (basic or reverse) (VALUE '-' reads "
	  "standard input); a curriculum card's new text "
	  "is kept as your version, which no import overwrites (a changed curriculum text "
	  "is marked in the browser). card revert CARD goes back to the curriculum's text. "
	  "card history CARD [--json] lists the card's reviews (time, rating, state, "
	  "interval, cram) and changes. card delete CARD deletes a card of yours (its "
	  "reviews stay in the log); card reset CARD makes a card new again; card move CARD "
	  "DECK moves a card of yours; card undo undoes the last of these changes "
	  "(repeatable). CARD is a card key or the id of its note.", cmd_card },
	{ "cards", "search QUERY [--deck ID] [--state S] [--json] ...",
	  "find cards by their text",
	  "Full-text search over the front, back, note and tags of every live card, bundled "
	  "and your own (SQLite FTS5): words match whole words in any order, word* a prefix, "
	  "\"a phrase\" a phrase, with AND, OR, NOT and parentheses; an empty QUERY lists "
	  "every card. A query FTS5 cannot read is refused with its message. --state is new, "
	  "learning, review, suspended, buried, flagged, leech, due (today), mine, edited (your "
	  "version of a curriculum card) or changed (the curriculum's text changed under "
	  "your version); --sort is added (the default), relevance, deck, due, difficulty or "
	  "lapses; --limit N (100). Prints key, deck, kind, state and the front's first line, "
	  "or with --json a list of objects with card, deck, kind, front, back, state, due, "
	  "suspended, flagged, leech, mine, edited and changed.", cli_cards },
	{ "profile", "example|own|show|pitch|figure|story ...",
	  "choose the example candidate's profile or build your own",
	  "profile example uses the example candidate's pitch, figures and stories (marked "
	  "(example)); profile own uses yours: the example's figures leave the review queue "
	  "and its stories the rehearsal schedule, and stay there to read and copy. Until "
	  "you choose, the example is used and the Today screen asks. profile show [--json] "
	  "prints the choice and what you have written. profile pitch TEXT|- writes your "
	  "60-second pitch; profile figure METRIC VALUE [CONTEXT] adds a figure of yours, a "
	  "type-in card in deck my-figures; profile story TEMPLATE starts a story of yours "
	  "from a template (its competencies and follow-up questions; the STAR fields start "
	  "empty, the template's guidance is shown as hints).", cli_profile },
	{ "settings", "[NAME [VALUE]]", "show or change review settings",
	  "Without arguments lists retention (desired retention, 0.70-0.99), "
	  "new_per_day, reviews_per_day, rollover_hour (the local hour the study "
	  "day starts, 4 by default), load_balance, and the thresholds of prepdeck "
	  "lint: lint_answer_max (words in an answer, 60), lint_cloze_max (words in a "
	  "cloze deletion, 5) and lint_duplicate (the overlap of near-duplicate cards, "
	  "0.20). With NAME prints one; with NAME VALUE sets it.",
	  cmd_settings },
	{ "mock", "SUBCOMMAND ...", "record and list mock-round scorecards",
	  "mock record RUBRIC --score CAT=N:EVIDENCE... --fix TEXT [--partner NAME] "
	  "[--date YYYY-MM-DD] records a mock round scored on RUBRIC (mock-coding, "
	  "mock-ml-design, mock-behavioral or any rubric from the curriculum): every "
	  "category of the rubric once, N from 1 to 4, with one sentence of evidence, "
	  "and the one thing to fix next (shown on the Today screen). The date "
	  "defaults to today. mock list [RUBRIC] lists the rounds, newest first; mock "
	  "show ID prints one; mock delete ID removes one; mock rubrics [RUBRIC] "
	  "lists the rubrics and their categories, or one rubric's level "
	  "descriptions.", cli_mock },
	{ "stats", "[--json]", "print progress statistics",
	  "Prints the figures of the stats screen: answers per day over the last 26 "
	  "weeks, cards due in each of the next 30 days, true retention per deck over "
	  "the last 30 days against the desired retention, new, learning, young and "
	  "mature card counts, rehearsal time against budget per story, rubric scores "
	  "per category, and gap-map confidence over time. With --json, one JSON "
	  "object for scripts. The figures are defined in doc/stats.md.", cli_stats },
	{ "plan", "SUBCOMMAND ...", "follow a study plan: start, today, show, done, shift, review",
	  "plan start two-week|six-week|ID [--on YYYY-MM-DD] [--yes] starts a plan with "
	  "day 1 today (or on the given date); one plan runs at a time, and replacing "
	  "a running plan needs --yes (its ticked tasks and reviews are kept). "
	  "plan today [--json|--short] prints today's tasks (day N of M, the week's "
	  "theme, each task done, overdue or with its review progress); --json is for "
	  "scripts, --short prints one line for a shell prompt (nothing when no plan "
	  "runs); plan alone is plan today. plan show prints the whole plan by week "
	  "and day with done and overdue marks. plan done TASK-ID... and plan undone "
	  "TASK-ID... tick and untick tasks; deck tasks tick themselves when their "
	  "count of reviews is reached on their day. plan shift N [--from DAY] [--yes] "
	  "pushes the rest of the plan back by N days (by default from the days just "
	  "missed, else from today); it prints what moves and changes nothing without "
	  "--yes. plan review [WEEK] --moved TEXT --next TEXT stores the weekly review "
	  "(what moved, what to reprioritize); without texts it prints the reviews. "
	  "plan list lists the plans and past runs; plan stop [--yes] ends the running "
	  "plan. Days are study days, which start at the rollover_hour setting.",
	  cli_plan },
	{ "checklist", "[ID] | tick|untick|reset|done ID [ITEM...]", "tick checklists for the next use",
	  "Without arguments lists the checklists with items ticked and when each was "
	  "last completed; with an ID prints its items. checklist tick ID ITEM... "
	  "ticks items (by id or number) and records the checklist as completed when "
	  "the last one is ticked; checklist untick ID ITEM... unticks; checklist "
	  "reset ID unticks everything for the next use; checklist done ID records a "
	  "completed pass.", cli_checklist },
	{ "gapmap", "SUBCOMMAND ...", "list, show and edit skills-gap maps",
	  "gapmap list lists the maps (* marks the current one, which the Today screen "
	  "and commands without MAP use). gapmap show [MAP] [--sort map|confidence|"
	  "category|name] [--filter TEXT] [--gaps] prints a map as a table, numbering "
	  "rows in map order and marking gaps (no evidence, or confidence 2 or lower) "
	  "with '!'; gapmap show MAP ROW prints every field of one row. ROW is a row "
	  "number, a skill id or a skill name (or a unique start of one). gapmap new ID "
	  "[--title TITLE] [--role ROLE] makes an empty map. gapmap add MAP NAME "
	  "[--category technical|system|behavioral] adds a row. gapmap set MAP ROW FIELD "
	  "VALUE changes one field: skill, category, confidence (1-5, or none), status "
	  "(todo, doing, done), evidence, next, decks, stories (ids separated by spaces "
	  "or commas) or keywords; VALUE '-' reads it from standard input, for "
	  "multi-line evidence. gapmap delete MAP ROW deletes a row. Every change is "
	  "saved at once with its history, and is never overwritten by a later import. "
	  "gapmap undo [MAP] undoes the last change (repeatable). gapmap gaps [MAP] "
	  "[--limit N] prints the weakest gaps (3 by default). gapmap history [MAP] "
	  "prints every confidence change with its time. gapmap use MAP makes MAP the "
	  "current map.", cmd_gapmap },
	{ "jd", "import FILE [--name NAME]", "turn a job description into a gap map",
	  "Reads a job description saved as plain text or Markdown, finds the skills it "
	  "asks for with the curriculum's skill vocabulary and its synonyms, weighs how "
	  "strongly each is asked for (repeats; words such as own, lead, production, "
	  "required and must count more; nice to have, bonus and a plus less; so do the "
	  "company blurb and the interview-process section), and creates a new gap map "
	  "with those skills strongest first, evidence empty and confidence unset, "
	  "linked to the decks that cover them. The map's id comes from NAME or the "
	  "file name and its title from NAME or the first heading. Capitalized names "
	  "the vocabulary lacks and that appear at least twice are listed as 'also "
	  "mentioned', to add by hand. An empty file, a binary file or a text with no "
	  "known skill is refused with a message and creates nothing.", cmd_jd },
	{ "export", "gapmap|stories|ical|deck ... [--format FMT] [--out FILE]",
	  "write a gap map (md, csv, yaml), your stories (md, yaml), a calendar (ical) or a deck (yaml, md, csv)",
	  "export deck ID [--format yaml|md|csv] [--out FILE] writes any deck with your "
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
	  "copies. FILE is written whole or not at all, with mode 0600.",
	  cmd_export_what },
	{ "stories", "[list|show ID|due|coverage|prompt ...]",
	  "the story bank, today's rehearsals, the coverage grid, a prompt",
	  "stories (or stories list) lists every story, yours first, with its kind "
	  "(mine, example, pitch, template), when it was last rehearsed, how many times, "
	  "the mean self-score of its latest scored rehearsal, its title and "
	  "competencies. stories show ID prints one story with its decision points, "
	  "metrics, recent rehearsals and the date of its next rehearsal. stories due "
	  "[--json] lists today's story rehearsals and why each is asked for: "
	  "'scheduled' (the spaced schedule set by its self-scores fell due; a low score "
	  "brings a story back sooner), 'new' (not yet rehearsed with a self-score) or "
	  "'interview week' (in the 7 days before the next interview every story the "
	  "interview's gap map asks for is rehearsed at least once, spread over the days "
	  "left); at most 3 a day besides the interview week, and never one already "
	  "rehearsed today (see doc/stories.md). stories coverage prints the grid of "
	  "competencies against stories and marks each competency no story covers as "
	  "a GAP (with a template to start from). stories prompt [--competency ID | "
	  "--weakest] picks a behavioral prompt at random, for one competency, or for "
	  "the weakest-scored competency (the lowest mean self-score over the "
	  "rehearsals of the stories that cover it; never-scored ones first), and lists "
	  "the stories that fit it.", cli_stories },
	{ "story", "add|copy|set|delete ...", "add, copy, edit or delete your own stories",
	  "story add TITLE [--type story|pitch] [--id ID] makes a new empty story of "
	  "yours and prints its id (my-... from the title unless --id is given). story "
	  "copy ID [--id NEWID] copies a bundled story, template or pitch (or one of "
	  "yours) into a new story of yours with its decision points and prints the new "
	  "id. story set ID FIELD VALUE (also: story edit) changes one field of your "
	  "story: title, type, competencies (ids separated by spaces or commas), "
	  "situation, task, action, result, reflection, metrics (one a line), "
	  "question.N or answer.N (decision point N; question.N one past the last adds "
	  "a point, an empty question removes it); VALUE '-' reads standard input. "
	  "story delete ID removes your story from the bank and keeps its rehearsals. "
	  "Every change is saved at once; bundled stories cannot be edited (copy them) "
	  "and imports never touch yours.", cli_story },
	{ "rehearse", "[STORY|pitch|flow] | record|budgets|list|score|note ...",
	  "rehearse a story against the clock, or record a rehearsal",
	  "rehearse STORY opens the rehearsal timer on a story (Situation, Task, Action, "
	  "Result, Reflection, each with its budget), or without STORY on the first "
	  "story due today (stories due), else the one rehearsed least recently; "
	  "rehearse pitch times your 60-second "
	  "pitch; rehearse flow walks the 60-minute interview loop with a timer per "
	  "segment. rehearse record STORY --time SECTION=SECONDS[/BUDGET]... [--score "
	  "CATEGORY=N:EVIDENCE]... [--change TEXT] [--prompt ID] [--mode "
	  "story|pitch|drill|flow] [--point N] [--abandoned] [--at TIME] saves a "
	  "rehearsal done elsewhere in one transaction (budgets default to the "
	  "settings; a drill is --mode drill --point N --time SECONDS; a flow takes "
	  "--flow and segment ids as sections). Scores are on the behavioral rubric "
	  "(clarity, ownership, conflict, impact), 1 to 4 with one sentence of evidence. "
	  "rehearse budgets [SECTION SECONDS] shows or sets the section budgets "
	  "(situation 20, task 15, action 60, result 25, reflection 20, pitch 60, drill "
	  "60 seconds by default; 1 to 3600). rehearse list [STORY] [--limit N] lists "
	  "rehearsals, latest first; rehearse score ID CATEGORY N [EVIDENCE] and "
	  "rehearse note ID TEXT change a saved one.", cli_rehearse },
	{ "target", "set|list|plan|schedule|remove ...", "interview dates: everything works toward the next one",
	  "target set YYYY-MM-DD [--company NAME] [--role NAME] [--map GAPMAP] adds an "
	  "interview, shows the plan proposed for it (the 2-week plan with under three "
	  "weeks left, else the 6-week one, ending the day before) and moves reviews so "
	  "that every card's predicted recall on the day reaches the desired retention "
	  "where a review still fits, spread under the daily review budget (the effect "
	  "is printed; --dry-run only shows it). target list [--json] lists upcoming "
	  "interviews; target plan [--yes] starts the proposed plan; target schedule "
	  "[--dry-run] plans the reviews again; target remove ID deletes one and puts "
	  "the reviews moved for it back.", cmd_target },
	{ "cram", "[--deck ID] [--tag TAG] [--skill MAP:ROW] [--list]", "practise cards outside the schedule",
	  "Opens the review screen on the chosen cards, weakest first, whether or not "
	  "they are due: a deck, a tag, or the decks linked to a gap-map skill. "
	  "Answers are logged as cram and change no schedule. --list prints the cards "
	  "instead; --limit N (50) caps them.", cmd_cram },
	{ "status", "", "print what the database holds",
	  "Prints the database path and the number of decks, cards, reviews, plans, "
	  "stories, checklists, rubrics and gap maps.", cmd_status },
	{ "help", "[COMMAND]", "show help for prepdeck or one command",
	  "Without a command, lists all commands.", cmd_help },
	{ "version", "", "print the version", "Same as --version.", cmd_version },
	{ NULL, NULL, NULL, NULL, NULL },
};

/* `export` dispatches on its first argument: gapmap (cli_gap.c),
 * stories (cli_story.c), ical (cli_ical.c). */
static int
cmd_export_what(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "stories") == 0)
		return cli_export_stories(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "gapmap") == 0)
		return cmd_export(c, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "ical") == 0)
		return cli_export_ical(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "deck") == 0)
		return cli_export_deck(c, argc - 1, argv + 1);
	fprintf(stderr, "prepdeck: export needs what to export: gapmap, stories, ical or deck%s%s%s\n"
	        "(see prepdeck help export)\n", argc >= 2 ? " (not '" : "",
	        argc >= 2 ? argv[1] : "", argc >= 2 ? "')" : "");
	return EXIT_USAGE;
}

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

/* "prepdeck: MESSAGE" and a newline on standard error. */
static void __attribute__((format(printf, 1, 0)))
vmessage(const char *fmt, va_list ap)
{
	fputs("prepdeck: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* A usage message, with a pointer to `prepdeck help CMD` when cmd is not
 * NULL; returns EXIT_USAGE. */
int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	if (cmd != NULL)
		fprintf(stderr, "(see prepdeck help %s)\n", cmd);
	return EXIT_USAGE;
}

/* A message about something the user asked for; returns EXIT_USER. */
int
cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	return EXIT_USER;
}

/* Prints an error cause ("failed" when there is none) and frees it. */
int
cli_cause(char *cause)
{
	int rc = cli_error("%s", cause ? cause : "failed");
	free(cause);
	return rc;
}

/* "--name VALUE" or "--name=VALUE" at argv[*i]: 1 and *val set (and *i
 * advanced), 0 when it is another argument, -1 when the value is missing. */
int
cli_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
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
	if (st.carried)
		printf("replaced: the history of %d old card%s carried over\n", st.carried,
		       st.carried == 1 ? "" : "s");
	if (st.kept_apart)
		printf("replaced: %d old card%s kept %s history: the card replacing %s "
		       "has history of its own\n", st.kept_apart, st.kept_apart == 1 ? "" : "s",
		       st.kept_apart == 1 ? "its" : "their", st.kept_apart == 1 ? "it" : "them");
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
