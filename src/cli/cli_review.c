/* Commands of the daily review: review, due, next, grade, undo, card,
 * settings, and replay (history through the scheduler). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "cli_cards.h"
#include "cli_review.h"
#include "plan.h"
#include "replay.h"
#include "review.h"
#include "settings.h"
#include "util.h"

static int
check_deck(struct db *db, const char *deck)
{
	if (deck == NULL)
		return 0;
	if (!review_deck_exists(db, deck)) {
		cli_error("no deck '%s' (see 'prepdeck due' for the decks)", deck);
		return -1;
	}
	return 0;
}

/* The deck or tag a review is limited to. */
static const struct cmd_opt filter_opts[] = {
	{ .name = "--deck", .type = OPT_STR, .arg = "ID", .kind = ARG_DECK },
	{ .name = "--tag", .type = OPT_STR, .arg = "TAG" },
	{ NULL },
};

/* The same with --json, for due and next. */
static const struct cmd_opt query_opts[] = {
	{ .name = "--deck", .type = OPT_STR, .arg = "ID", .kind = ARG_DECK },
	{ .name = "--tag", .type = OPT_STR, .arg = "TAG" },
	{ .name = "--json", .type = OPT_FLAG },
	{ NULL },
};

/* The shared start of `due` and `next`: the database and a check that
 * the deck exists. Returns EXIT_OK with *db set, or the exit status. */
static int
filter_setup(struct cmd *c, struct review_filter *f, struct db **db)
{
	*f = (struct review_filter){ .deck = arg_str(c, "--deck"), .tag = arg_str(c, "--tag") };
	*db = cli_db(c);
	return check_deck(*db, f->deck) != 0 ? EXIT_USER : EXIT_OK;
}

static int
cmd_due(struct cmd *c)
{
	struct review_filter f;
	int json = arg_flag(c, "--json");
	struct db *db;
	int rc = filter_setup(c, &f, &db);
	if (rc != EXIT_OK)
		return rc;
	size_t n;
	struct review_counts total;
	struct review_deck_due *d = review_due(db, now_unix(), &n, &total);
	if (json) {
		printf("{\"learning\": %d, \"review\": %d, \"new\": %d, \"decks\": [",
		       total.learning, total.review, total.fresh);
		int first = 1;
		for (size_t k = 0; k < n; k++) {
			if (f.deck && strcmp(f.deck, d[k].deck_id) != 0)
				continue;
			printf("%s\n  {\"id\": ", first ? "" : ",");
			json_put_str(stdout, d[k].deck_id);
			printf(", \"title\": ");
			json_put_str(stdout, d[k].title);
			printf(", \"learning\": %d, \"review\": %d, \"new\": %d}", d[k].c.learning,
			       d[k].c.review, d[k].c.fresh);
			first = 0;
		}
		printf("]}\n");
	} else {
		printf("%-24s %8s %8s %8s\n", "deck", "learning", "review", "new");
		for (size_t k = 0; k < n; k++) {
			if (f.deck && strcmp(f.deck, d[k].deck_id) != 0)
				continue;
			char name[64];
			snprintf(name, sizeof name, "%s%s", d[k].deck_id,
			         d[k].example ? " (example)" : "");
			printf("%-24s %8d %8d %8d\n", name, d[k].c.learning, d[k].c.review,
			       d[k].c.fresh);
		}
		if (!f.deck)
			printf("%-24s %8d %8d %8d\n", "total (with daily limits)", total.learning,
			       total.review, total.fresh);
	}
	review_due_free(d, n);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_due_entry = {
	.name = "due", .args = "[--deck ID] [--json]",
	.summary = "print today's due counts per deck",
	.help = "Prints learning, review and new counts per deck for the current study day "
	"(which starts at the rollover hour), and the totals with the daily limits "
	"applied. With --json, one JSON object for scripts.",
	.opts = query_opts, .exec = cmd_due,
};
/* clang-format on */

static int
cmd_review(struct cmd *c)
{
	const char *deck = arg_str(c, "--deck"), *tag = arg_str(c, "--tag");
	if (deck && check_deck(cli_screen_db(c), deck) != 0)
		return EXIT_USER;
	cli_start(c, START_REVIEW);
	c->cli->start.deck = deck && *deck ? xstrdup(deck) : NULL;
	c->cli->start.tag = tag ? xstrdup(tag) : NULL;
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_review_entry = {
	.name = "review", .args = "[--deck ID] [--tag TAG]",
	.summary = "review today's cards in the interactive program",
	.help = "Opens the review screen straight away, optionally on one deck or tag, and "
	"returns to the shell when you leave it.",
	.opts = filter_opts, .exec = cmd_review,
};
/* clang-format on */

static int
cmd_next(struct cmd *c)
{
	struct review_filter f;
	int json = arg_flag(c, "--json");
	struct db *db;
	int st = filter_setup(c, &f, &db);
	if (st != EXIT_OK)
		return st;
	int64_t now = now_unix(), next_due;
	struct review_queue q;
	review_queue_build(db, &f, now, &q);
	char key[CARD_KEY_MAX];
	int have = review_next(&q, now, key, &next_due);
	review_queue_free(&q);
	if (!have) {
		if (json)
			printf("null\n");
		else
			printf("nothing due\n");
		return EXIT_OK;
	}
	struct review_card rc;
	review_card_load(db, key, &rc);
	if (json) {
		printf("{\"card\": ");
		json_put_str(stdout, rc.key);
		printf(", \"deck\": ");
		json_put_str(stdout, rc.deck_id);
		printf(", \"kind\": ");
		json_put_str(stdout, rc.kind);
		printf(", \"state\": %d, \"front\": ", rc.fc.state);
		json_put_str(stdout, rc.front);
		printf(", \"back\": ");
		json_put_str(stdout, rc.back);
		printf("}\n");
	} else {
		printf("%s\t%s\t%s\n", rc.key, rc.deck_id, rc.kind);
	}
	review_card_free(&rc);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_next_entry = {
	.name = "next", .args = "[--deck ID] [--tag TAG] [--json]",
	.summary = "print the next card to review",
	.help = "Prints the key, deck and kind of the card the review would show next, or "
	"'nothing due'.",
	.opts = query_opts, .exec = cmd_next,
};
/* clang-format on */

/* Sets *r from "1"-"4" or a rating's name; returns 0, or -1 for
 * anything else. */
static int
parse_rating(const char *s, enum fsrs_rating *r)
{
	static const char *const names[] = { "again", "hard", "good", "easy" };
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*r = (enum fsrs_rating)(FSRS_AGAIN + i);
			return 0;
		}
	if (s[0] >= '1' && s[0] <= '4' && s[1] == '\0') {
		*r = (enum fsrs_rating)(s[0] - '0');
		return 0;
	}
	return -1;
}

static int
cmd_grade(struct cmd *c)
{
	/* Milliseconds spent on the card: a day at most. */
	int64_t duration = arg_int(c, "--duration", 0);
	const char *mode = arg_flag(c, "--cram") ? "cram" : "review";
	const char *key = c->argv[0];
	enum fsrs_rating rating;
	if (parse_rating(c->argv[1], &rating) != 0)
		return cli_usage(c, "rating must be 1-4 or again/hard/good/easy, not '%s'",
		                 c->argv[1]);
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	struct review_result res;
	char *cause = NULL;
	int64_t now = now_unix();
	if (review_grade(db, &set, key, rating, now, (int)duration, mode, &res, &cause) != 0)
		return cli_cause(cause);
	char due[32], ivl[16];
	fmt_iso_utc(res.after.due, due, sizeof due);
	review_fmt_interval(res.after.due - now, ivl, sizeof ivl);
	if (strcmp(mode, "cram") == 0)
		printf("%s: crammed (schedule unchanged)\n", key);
	else
		printf("%s: state %s, due %s (in %s), stability %.2f, difficulty %.2f\n", key,
		       review_state_name(res.after.state), due, ivl, res.after.stability,
		       res.after.difficulty);
	if (res.message[0])
		fprintf(stderr, "prepdeck: %s\n", res.message);
	if (strcmp(mode, "cram") != 0)
		plan_record_ticks(db, now);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_grade_entry = {
	.name = "grade", .args = "[--cram] CARD RATING",
	.summary = "grade a card: 1 again, 2 hard, 3 good, 4 easy",
	.help = "Grades CARD as the review screen would and prints its new state and due "
	"time. The grade and the review-log row are written in one transaction. "
	"With --cram the answer is logged as cram practice and the schedule is "
	"left alone.",
	.opts = (const struct cmd_opt[]){
		{ .name = "--cram", .type = OPT_FLAG },
		{ .name = "--duration", .type = OPT_INT, .arg = "MS", .min = 0, .max = DAY_SECONDS * 1000 },
		{ NULL },
	},
	.min = 2, .max = 2, .needs = "CARD and RATING", .operand = { ARG_CARD },
	.exec = cmd_grade,
};
/* clang-format on */

static int
cmd_undo(struct cmd *c)
{
	char key[CARD_KEY_MAX];
	if (review_undo(cli_db(c), key) != 0)
		return cli_error("nothing to undo");
	plan_record_ticks(cli_db(c), now_unix());
	printf("undid the last grade of %s\n", key);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_undo_entry = {
	.name = "undo", .args = "", .summary = "undo the last grade",
	.help = "Restores the card graded last to its state before that grade and removes "
	"the log row. Repeatable.",
	.exec = cmd_undo,
};
/* clang-format on */

/* `card suspended [--json]`: the suspended cards, to find one again. */
static int
cmd_card_suspended(struct cmd *c)
{
	int json = arg_flag(c, "--json");
	size_t n;
	struct review_suspended *v = review_suspended_list(cli_db(c), &n);
	if (json)
		putchar('[');
	for (size_t i = 0; i < n; i++) {
		if (json) {
			printf("%s\n  {\"card\": ", i ? "," : "");
			json_put_str(stdout, v[i].key);
			printf(", \"deck\": ");
			json_put_str(stdout, v[i].deck_title);
			printf(", \"leech\": %s, \"front\": ", v[i].leech ? "true" : "false");
			json_put_str(stdout, v[i].front);
			putchar('}');
		} else {
			/* the question's first line, as a name for the card */
			size_t len = strcspn(v[i].front, "\n");
			printf("%s\t%s\t%s%.*s\n", v[i].key, v[i].deck_title,
			       v[i].leech ? "(leech) " : "", (int)len, v[i].front);
		}
	}
	if (json)
		printf("%s]\n", n ? "\n" : "");
	else if (n == 0)
		printf("no card is suspended\n");
	review_suspended_free(v, n);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry card_suspended_entry = {
	.name = "suspended", .args = "[--json]", .summary = "list the suspended cards",
	.opts = (const struct cmd_opt[]){ { .name = "--json", .type = OPT_FLAG }, { NULL } },
	.exec = cmd_card_suspended,
};
/* clang-format on */

/* `card ACTION CARD`, the action being the subcommand's name. */
static int
cmd_card(struct cmd *c)
{
	const char *what = c->entry->name, *key = c->argv[0];
	struct db *db = cli_db(c);
	struct review_card rc;
	if (review_card_load(db, key, &rc) != 0)
		return cli_error("no card '%s'", key);
	int rcode = EXIT_OK;
	if (strcmp(what, "show") == 0) {
		char due[32] = "-";
		if (rc.fc.state)
			fmt_iso_utc(rc.fc.due, due, sizeof due);
		printf("card: %s\ndeck: %s%s\nkind: %s\nsource: %s:%d\ntags:%s\n"
		       "state: %s\ndue: %s\nstability: %.4f\ndifficulty: %.4f\nreps: %d\n"
		       "lapses: %d\nsuspended: %s\nflag: %s\nleech: %s\nfront: %s\nback: %s\n",
		       rc.key, rc.deck_id, rc.example ? " (example)" : "", rc.kind, rc.src, rc.line,
		       rc.tags, review_state_name(rc.fc.state), due, rc.fc.stability,
		       rc.fc.difficulty, rc.fc.reps, rc.fc.lapses, rc.suspended ? "yes" : "no",
		       rc.flag ? "yes" : "no", rc.leech ? "yes" : "no", rc.front, rc.back);
	} else {
		/* Through the card log, so card history shows the change and
		 * card undo takes it back. */
		char *cause = NULL;
		int r;
		if (strcmp(what, "bury") == 0) {
			struct settings set;
			settings_load(db, &set);
			r = cards_bury(db, key, day_end(now_unix(), set.rollover_hour), &cause);
			if (r == 0)
				printf("%s: buried until tomorrow\n", key);
		} else if (strcmp(what, "flag") == 0) {
			r = cards_flag(db, key, &cause);
			if (r >= 0)
				printf("%s: %s\n", key, r ? "flagged" : "unflagged");
		} else {
			r = cards_suspend(db, key, what[0] == 's', &cause);
			if (r == 0)
				printf("%s: %s\n", key,
				       what[0] == 's' ? "suspended" : "unsuspended");
		}
		if (r < 0)
			rcode = cli_cause(cause);
	}
	review_card_free(&rc);
	return rcode;
}

/* clang-format off */
#define CARD_SUB(what, sum) \
	static const struct cmd_entry card_##what##_entry = { \
		.name = #what, .args = "CARD", .summary = sum, .min = 1, .max = 1, \
		.needs = "a CARD", .operand = { ARG_CARD }, .exec = cmd_card, \
		.flags = CMD_OPERANDS, \
	}
/* clang-format on */
CARD_SUB(show, "print a card's content, source and memory state");
CARD_SUB(bury, "hide a card until the next study day");
CARD_SUB(suspend, "take a card out of the reviews");
CARD_SUB(unsuspend, "put a suspended card back");
CARD_SUB(flag, "flag or unflag a card");

/* clang-format off */
const struct cmd_entry cmd_card_entry = {
	.name = "card", .args = "show|add|edit|history|undo|... CARD",
	.summary = "show, write or change one card; list the suspended ones",
	.help = "CARD is a card key or the id of its note. "
	"card show CARD prints a card's content, source and memory state (its state in "
	"words: new, learning, review or relearning); card bury CARD hides it until the "
	"next study day; card suspend CARD and card unsuspend CARD take it out of the "
	"reviews and put it back; card flag CARD toggles its flag; card suspended "
	"[--json] lists the suspended cards (key, deck, question; leeches marked), as "
	"the review screen's S key does. "
	"card add --deck ID --front TEXT [--kind basic|reverse|cloze|typein] [--back "
	"TEXT] [--note TEXT] [--tags a,b] [--now] [--force] writes a card of your own and "
	"prints its id alone (u- and six letters or digits; a cloze card's cards are "
	"ID:c1, ID:c2, ..., a reverse card's ID and ID:r): the deck is made when it does "
	"not exist; the card is due as a new card under the daily limits, or at once "
	"with --now; a front another card already has is refused unless --force; an "
	"empty front, a cloze without a {{c1::...}} deletion or with an empty one, a "
	"type-in without an answer, text over 65,536 bytes, invalid UTF-8 or a bad deck "
	"id are refused and nothing is saved. "
	"card edit CARD FIELD VALUE sets front, back, note, tags, deck (of your own "
	"cards) or kind (basic or reverse); a curriculum card's new text is kept as your "
	"version, which no import overwrites (a changed curriculum text is marked in the "
	"browser), and card revert CARD goes back to the curriculum's text. A TEXT or "
	"VALUE of '-' is read from standard input. "
	"card history CARD [--json] lists the card's reviews (time, rating, state, "
	"interval, cram) and changes. card delete CARD deletes a card of yours (its "
	"reviews stay in the log); card reset CARD makes a card new again; card move "
	"CARD DECK moves a card of yours; card undo undoes the last change made with "
	"these, or with bury, suspend and flag (repeatable).",
	.subs = (const struct cmd_entry *const[]){
		&card_show_entry, &card_bury_entry, &card_suspend_entry, &card_unsuspend_entry,
		&card_flag_entry, &card_suspended_entry, &cmd_card_add_entry, &cmd_card_edit_entry,
		&cmd_card_history_entry, &cmd_card_revert_entry, &cmd_card_delete_entry,
		&cmd_card_reset_entry, &cmd_card_move_entry, &cmd_card_undo_entry, NULL,
	},
};
/* clang-format on */

static int
cmd_settings(struct cmd *c)
{
	struct db *db = cli_db(c);
	if (c->argc == 2) {
		char *cause = NULL;
		if (settings_set(db, c->argv[0], c->argv[1], &cause) != 0)
			return cli_cause(cause);
		return EXIT_OK;
	}
	const char *name, *desc;
	char value[32];
	int found = 0;
	for (int i = 0; settings_describe(db, i, &name, value, sizeof value, &desc); i++) {
		if (c->argc == 1 && strcmp(c->argv[0], name) != 0)
			continue;
		found = 1;
		if (c->argc == 1)
			printf("%s\n", value);
		else
			printf("%-16s %-8s %s\n", name, value, desc);
	}
	if (c->argc == 1 && !found)
		return cli_error("unknown setting '%s'", c->argv[0]);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_settings_entry = {
	.name = "settings", .args = "[NAME [VALUE]]",
	.summary = "show or change review settings",
	.help = "Without arguments lists retention (desired retention, 0.70-0.99), "
	"new_per_day, reviews_per_day, rollover_hour (the local hour the study "
	"day starts, 4 by default), load_balance, and the thresholds of prepdeck "
	"lint: lint_answer_max (words in an answer, 60), lint_cloze_max (words in a "
	"cloze deletion, 5) and lint_duplicate (the overlap of near-duplicate cards, "
	"0.20). With NAME prints one; with NAME VALUE sets it.",
	.max = 2, .exec = cmd_settings, .flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_replay(struct cmd *c)
{
	double retention = arg_real(c, "--retention", 0.9);
	if (retention == 0 || retention == 1)
		return cli_usage(c, "replay: --retention must be above 0 and below 1, not '%s'",
		                 arg_str(c, "--retention"));
	return replay_run(stdin, stdout, stderr, retention) == 0 ? EXIT_OK : EXIT_USER;
}

/* clang-format off */
const struct cmd_entry cmd_replay_entry = {
	.name = "replay", .args = "[--retention R]",
	.summary = "run review history through the scheduler",
	.help = "Reads tab-separated lines card, reviewed_at, rating (with a header line) "
	"on standard input and prints each review's state, due time, stability and "
	"difficulty as the FSRS-6 scheduler computes them, each card starting new, "
	"fuzz off. Touches no database.",
	.opts = (const struct cmd_opt[]){
		{ .name = "--retention", .type = OPT_REAL, .arg = "R", .min = 0, .max = 1 },
		{ NULL },
	},
	.exec = cmd_replay,
};
/* clang-format on */
