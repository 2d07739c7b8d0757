/* Commands for the learner's own cards: card add|edit|history|revert|
 * delete|reset|move|undo, cards search, export deck, and profile. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "cli_cards.h"
#include "db_search.h"
#include "deck_export.h"
#include "outfile.h"
#include "profile.h"
#include "review.h"
#include "settings.h"
#include "story.h"
#include "util.h"

/* A field's VALUE: the text, or standard input for "-" (cli_value). */
static char *
value_arg(const char *v, int *used_stdin, char **cause)
{
	return cli_value(v, 4 * (size_t)CARD_TEXT_MAX, used_stdin, cause);
}

static int
cmd_card_add(struct cmd *c)
{
	static const char *const fields[][2] = {
		{ "--deck", "deck" }, { "--kind", "kind" }, { "--front", "front" },
		{ "--back", "back" }, { "--note", "note" }, { "--tags", "tags" },
	};
	struct card_note n;
	cards_note_init(&n);
	int used_stdin = 0, rc = EXIT_OK;
	char *cause = NULL;
	for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
		const char *v = arg_str(c, fields[f][0]);
		if (v == NULL)
			continue;
		char *val = value_arg(v, &used_stdin, &cause);
		if (val == NULL) {
			rc = cli_cause(cause);
			goto out;
		}
		cards_note_set(&n, fields[f][1], val, NULL);
		free(val);
	}
	if (arg_str(c, "--deck") == NULL || arg_str(c, "--front") == NULL) {
		rc = cli_usage(c, "card add needs --deck ID and --front TEXT");
		goto out;
	}
	struct db *db = cli_db(c);
	int r = cards_add(db, &n, arg_flag(c, "--now"), arg_flag(c, "--force"), &cause);
	if (r == CARDS_DUPLICATE) {
		rc = cli_error("%s; not added (add --force to add it anyway)", cause);
		free(cause);
	} else if (r != 0) {
		rc = cli_cause(cause);
	} else {
		printf("%s\n", n.note_id);
	}
out:
	cards_note_clear(&n);
	return rc;
}

/* clang-format off */
const struct cmd_entry cmd_card_add_entry = {
	.name = "add",
	.args = "--deck ID --front TEXT [--kind basic|reverse|cloze|typein] [--back TEXT] "
	"[--note TEXT] [--tags a,b] [--now] [--force]",
	.summary = "write a card of your own; prints its id",
	.opts = (const struct cmd_opt[]){
		{ .name = "--deck", .type = OPT_STR, .arg = "ID", .need = "a deck id", .kind = ARG_DECK },
		{ .name = "--kind", .type = OPT_STR, .arg = "KIND", .words = "basic reverse cloze typein" },
		{ .name = "--front", .type = OPT_STR, .arg = "TEXT", .need = "a value" },
		{ .name = "--back", .type = OPT_STR, .arg = "TEXT", .need = "a value" },
		{ .name = "--note", .type = OPT_STR, .arg = "TEXT", .need = "a value" },
		{ .name = "--tags", .type = OPT_STR, .arg = "a,b", .need = "a value" },
		{ .name = "--now", .type = OPT_FLAG },
		{ .name = "--force", .type = OPT_FLAG },
		{ NULL },
	},
	.exec = cmd_card_add,
};
/* clang-format on */

static int
cmd_card_edit(struct cmd *c)
{
	const char *key = c->argv[0], *field = c->argv[1];
	struct db *db = cli_db(c);
	char *cause = NULL;
	int used = 0;
	char *val = value_arg(c->argv[2], &used, &cause);
	if (val == NULL)
		return cli_cause(cause);
	int r = cards_edit(db, key, field, val, &cause);
	free(val);
	if (r != 0)
		return cli_cause(cause);
	struct card_note n;
	if (cards_note_get(db, key, &n, NULL) == 0)
		printf("%s: %s saved%s\n", key, field,
		       n.override ? " (your version of "
		                    "the curriculum card; 'prepdeck card revert' goes back)"
		                  : "");
	cards_note_clear(&n);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_card_edit_entry = {
	.name = "edit", .args = "CARD FIELD VALUE",
	.summary = "change a card's front, back, note, tags, deck or kind",
	.min = 3, .max = 3, .needs = "CARD FIELD VALUE",
	.operand = { ARG_CARD }, .exec = cmd_card_edit, .flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_card_history(struct cmd *c)
{
	const char *card = c->argv[0];
	struct db *db = cli_db(c);
	struct card_history h;
	char *cause = NULL;
	if (cards_history(db, card, &h, &cause) != 0)
		return cli_cause(cause);
	char at[32], due[32], ivl[16];
	if (arg_flag(c, "--json")) {
		printf("{\"card\": ");
		json_put_str(stdout, card);
		printf(", \"reviews\": [");
		for (size_t i = 0; i < h.nrev; i++) {
			const struct card_review_entry *e = &h.rev[i];
			fmt_iso_utc(e->at, at, sizeof at);
			fmt_iso_utc(e->due, due, sizeof due);
			printf("%s\n  {\"card\": ", i ? "," : "");
			json_put_str(stdout, e->key);
			printf(", \"at\": \"%s\", \"rating\": %d, \"cram\": %s, \"state\": \"%s\", "
			       "\"due\": \"%s\", \"interval_days\": %.4f}",
			       at, e->rating, e->cram ? "true" : "false",
			       review_state_name(e->state), due,
			       (double)(e->due - e->at) / DAY_SECONDS);
		}
		printf("],\n \"changes\": [");
		for (size_t i = 0; i < h.nchg; i++) {
			const struct card_change_entry *e = &h.chg[i];
			fmt_iso_utc(e->at, at, sizeof at);
			printf("%s\n  {\"at\": \"%s\", \"action\": ", i ? "," : "", at);
			json_put_str(stdout, e->action);
			printf(", \"detail\": ");
			json_put_str(stdout, e->detail);
			printf(", \"undone\": %s}", e->undone_at ? "true" : "false");
		}
		printf("]}\n");
	} else {
		if (h.nrev == 0)
			printf("no reviews\n");
		for (size_t i = 0; i < h.nrev; i++) {
			const struct card_review_entry *e = &h.rev[i];
			static const char *const rn[] = { "?", "again", "hard", "good", "easy" };
			fmt_iso_utc(e->at, at, sizeof at);
			review_fmt_interval(e->due - e->at, ivl, sizeof ivl);
			printf("%s  %-20s %-6s %-10s %s%s\n", at, e->key,
			       rn[e->rating >= 1 && e->rating <= 4 ? e->rating : 0],
			       review_state_name(e->state), e->cram ? "-" : ivl,
			       e->cram ? "  cram" : "");
		}
		for (size_t i = 0; i < h.nchg; i++) {
			const struct card_change_entry *e = &h.chg[i];
			fmt_iso_utc(e->at, at, sizeof at);
			printf("%s  %s%s%s%s\n", at, e->action, *e->detail ? ": " : "", e->detail,
			       e->undone_at ? " (undone)" : "");
		}
	}
	cards_history_free(&h);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_card_history_entry = {
	.name = "history", .args = "CARD [--json]",
	.summary = "a card's reviews and changes",
	.opts = (const struct cmd_opt[]){ { .name = "--json", .type = OPT_FLAG }, { NULL } },
	.min = 1, .max = 1, .needs = "a CARD", .operand = { ARG_CARD },
	.exec = cmd_card_history,
};
/* clang-format on */

static int
cmd_card_undo(struct cmd *c)
{
	char *cause = NULL, *what = NULL;
	if (cards_undo(cli_db(c), &what, &cause) != 0)
		return cli_cause(cause);
	printf("%s\n", what);
	free(what);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_card_undo_entry = {
	.name = "undo", .args = "",
	.summary = "undo the last change to a card (repeatable)",
	.exec = cmd_card_undo,
};
/* clang-format on */

static int
cmd_card_move(struct cmd *c)
{
	char *cause = NULL;
	if (cards_move(cli_db(c), c->argv[0], c->argv[1], &cause) != 0)
		return cli_cause(cause);
	printf("%s: moved to %s\n", c->argv[0], c->argv[1]);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_card_move_entry = {
	.name = "move", .args = "CARD DECK", .summary = "move a card of yours to another deck",
	.min = 2, .max = 2, .needs = "a CARD and a DECK", .operand = { ARG_CARD, ARG_DECK },
	.exec = cmd_card_move, .flags = CMD_OPERANDS,
};
/* clang-format on */

/* card revert|delete|reset CARD, the verb being the subcommand's name. */
static int
cmd_card_change(struct cmd *c)
{
	const char *verb = c->entry->name, *key = c->argv[0], *done;
	struct db *db = cli_db(c);
	char *cause = NULL;
	int r;
	if (strcmp(verb, "revert") == 0) {
		r = cards_revert(db, key, &cause);
		done = "back to the curriculum's text";
	} else if (strcmp(verb, "delete") == 0) {
		r = cards_delete(db, key, &cause);
		done = "deleted (its reviews stay in the log; 'prepdeck card undo' brings it back)";
	} else {
		r = cards_reset(db, key, &cause);
		done = "reset to new (its reviews stay in the log)";
	}
	if (r != 0)
		return cli_cause(cause);
	printf("%s: %s\n", key, done);
	return EXIT_OK;
}

/* clang-format off */
#define CARD_CHANGE(what, sum) \
	const struct cmd_entry cmd_card_##what##_entry = { \
		.name = #what, .args = "CARD", .summary = sum, .min = 1, .max = 1, \
		.needs = "a CARD", .operand = { ARG_CARD }, .exec = cmd_card_change, \
		.flags = CMD_OPERANDS, \
	}
/* clang-format on */
CARD_CHANGE(revert, "go back to the curriculum's text of a card you edited");
CARD_CHANGE(delete, "delete a card of yours (its reviews stay in the log)");
CARD_CHANGE(reset, "make a card new again (its reviews stay in the log)");

static int
cmd_cards_search(struct cmd *c)
{
	struct card_query q = { .limit = 100, .count_max = 1000000 };
	q.text = c->argc > 0 ? c->argv[0] : NULL;
	q.deck = arg_str(c, "--deck");
	q.tag = arg_str(c, "--tag");
	q.limit = (size_t)arg_int(c, "--limit", 100);
	const char *v;
	if ((v = arg_str(c, "--state")) != NULL)
		card_state_parse(v, &q.state);
	if ((v = arg_str(c, "--sort")) != NULL)
		card_sort_parse(v, &q.sort);
	if (q.text && utf8_invalid_at(q.text, strlen(q.text)) >= 0)
		return cli_error("the search is not valid UTF-8");
	struct db *db = cli_db(c);
	if (q.deck && !review_deck_exists(db, q.deck))
		return cli_error("no deck '%s' (see 'prepdeck due' for the decks)", q.deck);
	struct settings set;
	settings_load(db, &set);
	q.now = now_unix();
	q.day_end = day_end(q.now, set.rollover_hour);
	struct card_hit *h;
	size_t n, total;
	char *cause = NULL;
	if (db_card_search(db, &q, &h, &n, &total, &cause) != 0)
		return cli_cause(cause);
	if (arg_flag(c, "--json")) {
		printf("[");
		for (size_t i = 0; i < n; i++) {
			printf("%s\n  {\"card\": ", i ? "," : "");
			json_put_str(stdout, h[i].key);
			printf(", \"deck\": ");
			json_put_str(stdout, h[i].deck_id);
			printf(", \"kind\": ");
			json_put_str(stdout, h[i].kind);
			printf(", \"front\": ");
			json_put_str(stdout, h[i].front);
			printf(", \"back\": ");
			json_put_str(stdout, h[i].back);
			char due[32] = "";
			if (h[i].state)
				fmt_iso_utc(h[i].due, due, sizeof due);
			printf(", \"state\": \"%s\", \"due\": %s%s%s, \"suspended\": %s, "
			       "\"flagged\": %s, \"leech\": %s, \"mine\": %s, \"edited\": %s, "
			       "\"changed\": %s}",
			       review_state_name(h[i].state), h[i].state ? "\"" : "",
			       h[i].state ? due : "null", h[i].state ? "\"" : "",
			       h[i].suspended ? "true" : "false", h[i].flag ? "true" : "false",
			       h[i].leech ? "true" : "false", h[i].user ? "true" : "false",
			       h[i].override ? "true" : "false", h[i].changed ? "true" : "false");
		}
		printf("%s]\n", n ? "\n" : "");
	} else {
		for (size_t i = 0; i < n; i++) {
			char line[81];
			utf8_copy(line, sizeof line, h[i].front);
			line[strcspn(line, "\n")] = '\0';
			printf("%s\t%s\t%s\t%s%s%s\t%s\n", h[i].key, h[i].deck_id, h[i].kind,
			       review_state_name(h[i].state), h[i].suspended ? ",suspended" : "",
			       h[i].override ? ",edited" : "", line);
		}
		if (total > n)
			fprintf(stderr,
			        "prepdeck: showing %zu of %zu cards (--limit N shows more)\n", n,
			        total);
		else if (n == 0)
			fprintf(stderr, "prepdeck: no card matches\n");
	}
	card_hits_free(h, n);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry cards_search_entry = {
	.name = "search",
	.args = "QUERY [--deck ID] [--tag TAG] [--state S] [--sort S] [--limit N] [--json]",
	.summary = "find cards by their text",
	.opts = (const struct cmd_opt[]){
		{ .name = "--deck", .type = OPT_STR, .arg = "ID", .need = "a deck id", .kind = ARG_DECK },
		{ .name = "--tag", .type = OPT_STR, .arg = "TAG", .need = "a tag" },
		{ .name = "--state", .type = OPT_STR, .arg = "S",
		  .words = "new learning review suspended buried flagged leech due mine edited changed" },
		{ .name = "--sort", .type = OPT_STR, .arg = "S",
		  .words = "added relevance deck due difficulty lapses" },
		{ .name = "--limit", .type = OPT_INT, .arg = "N", .min = 1, .max = 1000000 },
		{ .name = "--json", .type = OPT_FLAG },
		{ NULL },
	},
	.max = 1, .exec = cmd_cards_search,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_cards_entry = {
	.name = "cards", .args = "search QUERY [--deck ID] [--state S] [--json] ...",
	.summary = "find cards by their text",
	.help = "Full-text search over the front, back, note and tags of every live card, "
	"bundled and your own (SQLite FTS5): words match whole words in any order, word* "
	"a prefix, \"a phrase\" a phrase, with AND, OR, NOT and parentheses; an empty "
	"QUERY lists every card. A query FTS5 cannot read is refused with its message. "
	"--state is new, learning, review, suspended, buried, flagged, leech, due "
	"(today), mine, edited (your version of a curriculum card) or changed (the "
	"curriculum's text changed under your version); --sort is added (the default), "
	"relevance, deck, due, difficulty or lapses; --limit N (100). Prints key, deck, "
	"kind, state and the front's first line, or with --json a list of objects with "
	"card, deck, kind, front, back, state, due, suspended, flagged, leech, mine, "
	"edited and changed.",
	.subs = (const struct cmd_entry *const[]){ &cards_search_entry, NULL },
};
/* clang-format on */

static int
cmd_export_deck(struct cmd *c)
{
	const char *deck = c->argv[0], *out = arg_str(c, "--out");
	enum deck_format fmt = DECK_FMT_YAML;
	if (arg_str(c, "--format") != NULL)
		deck_format_parse(arg_str(c, "--format"), &fmt);
	if (out != NULL && *out == '\0')
		return cli_usage(c, "--out needs a file name");
	struct db *db = cli_db(c);
	struct outfile of;
	char *cause = NULL;
	if (outfile_open(&of, out, &cause) != 0)
		return cli_cause(cause);
	int n = deck_export(db, deck, fmt, of.fp, &cause);
	if (n < 0) {
		outfile_abort(&of);
		return cli_cause(cause);
	}
	int to_file = of.path != NULL;
	if (outfile_commit(&of, &cause) != 0)
		return cli_cause(cause);
	if (to_file)
		fprintf(stderr, "prepdeck: wrote %d card%s of deck %s to %s\n", n,
		        n == 1 ? "" : "s", deck, out);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_export_deck_entry = {
	.name = "deck", .args = "ID [--format yaml|md|csv] [--out FILE]",
	.summary = "a deck with your text, as YAML, Markdown or CSV",
	.opts = (const struct cmd_opt[]){
		{ .name = "--format", .type = OPT_STR, .arg = "FMT", .words = "yaml md csv" },
		{ .name = "--out", .type = OPT_STR, .arg = "FILE", .need = "a file name", .kind = ARG_FILE },
		{ NULL },
	},
	.min = 1, .max = 1, .needs = "a deck ID", .operand = { ARG_DECK },
	.exec = cmd_export_deck,
};
/* clang-format on */

static int
cmd_profile_show(struct cmd *c)
{
	struct db *db = cli_db(c);
	struct profile_info p;
	profile_info(db, &p);
	const char *choice = p.choice ? p.choice : "unset";
	int words = 0;
	for (const char *s = p.pitch; *s;) {
		s += strspn(s, " \t\n");
		if (*s) {
			words++;
			s += strcspn(s, " \t\n");
		}
	}
	int own = p.choice && strcmp(p.choice, PROFILE_OWN) == 0;
	if (arg_flag(c, "--json")) {
		printf("{\"profile\": \"%s\", \"pitch\": ", choice);
		if (p.pitch_id)
			json_put_str(stdout, p.pitch_id);
		else
			printf("null");
		printf(", \"pitch_words\": %d, \"figures\": %d, \"figures_deck\": \"%s\", "
		       "\"stories\": %d, \"example_figures\": %d, \"example_stories\": %d, "
		       "\"example_in_use\": %s}\n",
		       words, p.figures, CARDS_FIGURES_DECK, p.stories, p.example_figures,
		       p.example_stories, own ? "false" : "true");
	} else {
		printf("profile: %s\n",
		       p.choice == NULL ? "not chosen yet (the example is used "
		                          "until you choose)"
		       : own            ? "own (your pitch, figures and stories)"
		             : "example (the example candidate's pitch, figures and stories)");
		if (p.pitch_id)
			printf("pitch: %d words (story %s)\n", words, p.pitch_id);
		else
			printf("pitch: not written (prepdeck profile pitch TEXT)\n");
		printf("figures: %d of yours (deck %s)\n", p.figures, CARDS_FIGURES_DECK);
		printf("stories: %d of yours\n", p.stories);
		printf("example: %d figures, %d stories, marked (example); %s\n", p.example_figures,
		       p.example_stories,
		       own ? "kept out of reviews and rehearsals, there to read and copy"
		           : "in reviews and rehearsals");
	}
	profile_info_free(&p);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry profile_show_entry = {
	.name = "show", .args = "[--json]", .summary = "the choice and what you have written",
	.opts = (const struct cmd_opt[]){ { .name = "--json", .type = OPT_FLAG }, { NULL } },
	.exec = cmd_profile_show,
};
/* clang-format on */

/* profile example|own, the choice being the subcommand's name. */
static int
cmd_profile_choose(struct cmd *c)
{
	const char *verb = c->entry->name;
	char *cause = NULL;
	if (profile_choose(cli_db(c), verb, &cause) != 0)
		return cli_cause(cause);
	if (strcmp(verb, PROFILE_OWN) == 0)
		printf("profile: own. The example's figures and stories are kept out of "
		       "reviews and rehearsals.\nNext: prepdeck profile pitch TEXT; prepdeck "
		       "profile figure METRIC VALUE [CONTEXT]; prepdeck profile story "
		       "TEMPLATE\n(or the profile screen: y on Today)\n");
	else
		printf("profile: example. The example candidate's pitch, figures and stories "
		       "are used, marked (example).\n");
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry profile_example_entry = {
	.name = PROFILE_EXAMPLE, .args = "",
	.summary = "use the example candidate's pitch, figures and stories",
	.exec = cmd_profile_choose,
};
/* clang-format on */

/* clang-format off */
static const struct cmd_entry profile_own_entry = {
	.name = PROFILE_OWN, .args = "",
	.summary = "use your own; the example's leave reviews and rehearsals",
	.exec = cmd_profile_choose,
};
/* clang-format on */

static int
cmd_profile_pitch(struct cmd *c)
{
	char *cause = NULL;
	int used = 0;
	char *text = value_arg(c->argv[0], &used, &cause);
	if (text == NULL || profile_set_pitch(cli_db(c), text, &cause) != 0) {
		free(text);
		return cli_cause(cause);
	}
	free(text);
	printf("pitch saved\n");
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry profile_pitch_entry = {
	.name = "pitch", .args = "TEXT|-", .summary = "write your 60-second pitch",
	.min = 1, .max = 1, .needs = "the pitch's TEXT (or - for standard input)",
	.exec = cmd_profile_pitch, .flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_profile_figure(struct cmd *c)
{
	char *id = NULL, *cause = NULL;
	if (profile_add_figure(cli_db(c), c->argv[0], c->argv[1], c->argc == 3 ? c->argv[2] : "",
	                       &id, &cause) != 0)
		return cli_cause(cause);
	printf("%s\n", id);
	free(id);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry profile_figure_entry = {
	.name = "figure", .args = "METRIC VALUE [CONTEXT]",
	.summary = "add a figure of yours (a type-in card)",
	.min = 2, .max = 3, .needs = "a METRIC and its VALUE",
	.exec = cmd_profile_figure, .flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_profile_story(struct cmd *c)
{
	char *id = NULL, *cause = NULL;
	if (profile_story_from_template(cli_db(c), c->argv[0], &id, &cause) != 0)
		return cli_cause(cause);
	printf("%s\n", id);
	free(id);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry profile_story_entry = {
	.name = "story", .args = "TEMPLATE", .summary = "start a story of yours from a template",
	.min = 1, .max = 1, .needs = "a TEMPLATE (see prepdeck stories)",
	.operand = { ARG_STORY }, .exec = cmd_profile_story,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_profile_entry = {
	.name = "profile", .args = "example|own|show|pitch|figure|story ...",
	.summary = "choose the example candidate's profile or build your own",
	.help = "profile example uses the example candidate's pitch, figures and stories "
	"(marked (example)); profile own uses yours: the example's figures leave the "
	"review queue and its stories the rehearsal schedule, and stay there to read and "
	"copy. Until you choose, the example is used and the Today screen asks. profile "
	"show [--json] (or profile alone) prints the choice and what you have written. "
	"profile pitch TEXT|- writes your 60-second pitch; profile figure METRIC VALUE "
	"[CONTEXT] adds a figure of yours, a type-in card in deck my-figures; profile "
	"story TEMPLATE starts a story of yours from a template (its competencies and "
	"follow-up questions; the STAR fields start empty, the template's guidance is "
	"shown as hints).",
	.subs = (const struct cmd_entry *const[]){
		&profile_show_entry, &profile_example_entry, &profile_own_entry,
		&profile_pitch_entry, &profile_figure_entry, &profile_story_entry, NULL,
	},
	.dflt = "show",
};
/* clang-format on */
