/* Unit tests of `replaces:` on cards: the checker's rules (each reported
 * at its line and column) and the import that carries a retired card's
 * reviews, memory state, flags and deadline moves over to the card that
 * replaces it, once, for basic, reverse, cloze and numbers cards. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "curriculum.h"
#include "review.h"
#include "settings.h"
#include "util.h"

static int64_t clock_now = 1790000000;   /* 2026-09-21 */


static void
grade(const char *key, int rating)
{
	struct settings set;
	settings_load(db, &set);
	struct review_result res;
	char *cause = NULL;
	clock_now += 3 * DAY_SECONDS;
	if (review_grade(db, &set, key, rating, clock_now, 5000, "review", &res, &cause) != 0) {
		fprintf(stderr, "grade %s: %s\n", key, cause);
		free(cause);
		CHECK(0);
	}
}

static int64_t
reviews_of(const char *key)
{
	return db_int(db, -1, "SELECT count(*) FROM review_log WHERE card_key = ?", "t", key);
}

/* "state|reps|lapses|stability|due|suspended|flag" of a card, or "-". */
static char *
state_of(const char *key)
{
	char *s = db_text(db, "SELECT state || '|' || reps || '|' || lapses || '|' || "
	                  "stability || '|' || due || '|' || suspended || '|' || flag "
	                  "FROM card_state WHERE key = ?", "t", key);
	return s ? s : xstrdup("-");
}

#define EXPECT_STATE(key, want) do { \
	char *s_ = state_of(key); \
	CHECK_STR(s_, want); \
	free(s_); \
} while (0)

/* Every review row, in id order, as "id:key"; to compare before/after. */
static char *
log_rows(void)
{
	char *s = db_text(db, "SELECT group_concat(id || ':' || reviewed_at || ':' || rating, ' ') "
	                  "FROM (SELECT * FROM review_log ORDER BY id)", "");
	return s ? s : xstrdup("");
}

static const char v1[] =
	"kind: deck\nid: d\ntitle: Deck\ncards:\n"
	"  - {id: basic-old, q: What is drift?, a: A change in inputs.}\n"
	"  - {id: rev-old, q: ROC-AUC, a: P(pos > neg), reverse: true}\n"
	"  - {id: cloze-old, cloze: '{{c1::a}} {{c2::b}} {{c3::c}}'}\n"
	"  - {id: keep, q: Kept?, a: Yes.}\n"
	"  - {id: mine-old, q: Mine?, a: Old.}\n"
	"  - {id: mine-new, q: Mine too?, a: New.}\n"
	"---\nkind: numbers\nid: n\ntitle: Numbers\nitems:\n"
	"  - {id: num-old, metric: p95 target, value: 500 ms}\n";

static const char v2[] =
	"kind: deck\nid: d\ntitle: Deck\ncards:\n"
	"  - {id: basic-new, q: What is data drift?, a: Inputs change., replaces: [basic-old]}\n"
	"  - {id: rev-new, cloze: 'ROC-AUC is {{c1::P(pos > neg)}} {{c2::x}}', replaces: [rev-old]}\n"
	"  - {id: cloze-new, cloze: '{{c1::a}} {{c2::b}}', replaces: [cloze-old, never-was]}\n"
	"  - {id: keep, q: Kept?, a: Yes.}\n"
	"  - {id: mine-new, q: Mine too?, a: New., replaces: [mine-old]}\n"
	"---\nkind: numbers\nid: n\ntitle: Numbers\nitems:\n"
	"  - {id: num-new, metric: p95 target (ms), value: '500', replaces: [num-old]}\n";

int
main(void)
{
	db_setup("replaces");

	/* The checker: unknown ids are fine (a fresh database); an id named
	 * twice, a card still in the run (or the card itself) are errors. */
	EXPECT_ERRORS("t.yaml", "kind: deck\nid: d\ntitle: D\ncards:\n"
	              "  - {id: a, q: x, a: y, replaces: [gone, gone-too]}\n", "");
	EXPECT_ERRORS("t.yaml", "kind: deck\nid: d\ntitle: D\ncards:\n"
	              "  - {id: a, q: x, a: y, replaces: [gone]}\n"
	              "  - {id: b, q: x, a: y, replaces: [b, a]}\n"
	              "---\nkind: numbers\nid: n\ntitle: N\nitems:\n"
	              "  - {id: c, metric: m, value: v, replaces: [gone]}\n",
	              "6:36: card 'b' replaces 'b', which is still a card (at t.yaml:6:10); "
	              "remove the old card from the files\n"
	              "6:39: card 'b' replaces 'a', which is still a card (at t.yaml:5:10); "
	              "remove the old card from the files\n"
	              "12:45: card 'gone' is already replaced by 'a' (at t.yaml:5:36); "
	              "an old card can be replaced by one card only");
	EXPECT_ERRORS("t.yaml", "kind: deck\nid: d\ntitle: D\ncards:\n"
	              "  - {id: a, q: x, a: y, replaces: [gone, gone]}\n",
	              "5:42: card 'gone' is already replaced by 'a' (at t.yaml:5:36); "
	              "an old card can be replaced by one card only");
	EXPECT_ERRORS("t.yaml", "kind: deck\nid: d\ntitle: D\ncards:\n"
	              "  - {id: a, q: x, a: y, replaces: gone}\n"
	              "  - {id: b, q: x, a: y, replaces: [Bad Id]}\n",
	              "5:35: 'replaces' must be a list, not text\n"
	              "6:36: 'Bad Id' is not a valid id");

	/* Build a history on version 1. */
	struct import_stats st = import_text("mem/deck.yaml", v1);
	CHECK(st.written > 0);
	grade("basic-old", 3);
	grade("basic-old", 1);
	grade("basic-old", 3);
	grade("rev-old", 3);
	grade("rev-old:r", 2);
	grade("cloze-old:c1", 3);
	grade("cloze-old:c2", 4);
	grade("cloze-old:c3", 3);
	grade("mine-old", 3);
	grade("mine-new", 3);
	grade("num-old", 3);
	grade("keep", 3);
	review_set_suspended(db, "basic-old", 1);
	review_toggle_flag(db, "cloze-old:c3");
	db_exec(db, "INSERT INTO deadline_move(card_key, target_id, old_due, new_due, at) "
	        "VALUES ('num-old', 1, 10, 5, 1)", "");
	char *before_log = log_rows();
	char *basic_state = state_of("basic-old");
	char *c2_state = state_of("cloze-old:c2");
	char *c3_state = state_of("cloze-old:c3");
	char *num_state = state_of("num-old");

	/* A card elsewhere cannot replace a card this run leaves live. */
	EXPECT_ERRORS("mem/other.yaml", "kind: deck\nid: o\ntitle: O\ncards:\n"
	              "  - {id: o1, q: x, a: y, replaces: [keep]}\n",
	              "5:37: card 'o1' replaces 'keep', which is still a card in mem/deck.yaml; "
	              "remove it there, or import that file in the same run");

	/* Version 2 replaces them. */
	st = import_text("mem/deck.yaml", v2);
	char *after_log = log_rows();
	CHECK_STR(after_log, before_log);
	CHECK_INT(st.carried, 7);
	CHECK_INT(st.kept_apart, 1);
	/* Basic to basic: every review and the whole state, suspension too. */
	CHECK_INT(reviews_of("basic-new"), 3);
	CHECK_INT(reviews_of("basic-old"), 0);
	EXPECT_STATE("basic-new", basic_state);
	EXPECT_STATE("basic-old", "-");
	CHECK_INT(db_int(db, 0, "SELECT retired FROM card WHERE key = 'basic-old'", ""), 1);
	/* A basic card and its reverse become a cloze: both go to c1. */
	CHECK_INT(reviews_of("rev-new:c1"), 2);
	CHECK_INT(reviews_of("rev-new:c2"), 0);
	EXPECT_STATE("rev-new:c2", "-");
	/* Cloze to cloze: c1 to c1, c2 to c2, c3 (no c3 now) to c1; c1
	 * takes the state of the one reviewed last (c3), flag included. */
	CHECK_INT(reviews_of("cloze-new:c1"), 2);
	CHECK_INT(reviews_of("cloze-new:c2"), 1);
	EXPECT_STATE("cloze-new:c2", c2_state);
	EXPECT_STATE("cloze-new:c1", c3_state);
	/* A new card with history of its own keeps it and takes nothing. */
	CHECK_INT(reviews_of("mine-new"), 1);
	CHECK_INT(reviews_of("mine-old"), 1);
	/* Numbers items, deadline moves. */
	CHECK_INT(reviews_of("num-new"), 1);
	EXPECT_STATE("num-new", num_state);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM deadline_move WHERE card_key = 'num-new'", ""), 1);
	/* Untouched cards stay as they were. */
	CHECK_INT(reviews_of("keep"), 1);
	/* Undo still finds the last review, now on the new card. */
	char key[CARD_KEY_MAX];
	CHECK_INT(review_undo(db, key), 0);
	CHECK_STR(key, "keep");

	/* Importing again changes nothing and moves nothing. */
	char *again_before = log_rows();
	char *c1_state = state_of("cloze-new:c1");
	st = import_text("mem/deck.yaml", v2);
	CHECK_INT(st.written, 0);
	CHECK_INT(st.carried, 0);
	CHECK_INT(st.kept_apart, 1);
	char *again_after = log_rows();
	CHECK_STR(again_after, again_before);
	EXPECT_STATE("cloze-new:c1", c1_state);
	CHECK_INT(reviews_of("basic-new"), 3);

	free(before_log);
	free(after_log);
	free(again_before);
	free(again_after);
	free(basic_state);
	free(c2_state);
	free(c3_state);
	free(num_state);
	free(c1_state);
	db_teardown();
	return check_done();
}
