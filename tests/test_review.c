/* Unit tests of the review engine on a constructed collection: queue
 * order and limits, the rollover hour, interleaving, undo, bury,
 * suspend, leeches, cram, damaged state, a clock that went backwards,
 * and lenient type-in comparison. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "content.h"
#include "import.h"
#include "review.h"
#include "util.h"

static struct db *db;
static struct settings set;

static void
import_text(const char *text)
{
	struct content_run *run = content_load_buffer("mem/t.yaml", text, strlen(text), NULL, NULL);
	CHECK_INT(run->diags.n, 0);
	struct import_stats st;
	import_run(db, run, &st);
	content_free(run);
}

/* Gives card key a review-state memory, due at `due`. */
static void
make_review(const char *key, int64_t due, int lapses)
{
	db_exec(db, "INSERT OR REPLACE INTO card_state(key, state, due, stability, difficulty, "
	        "last_review, reps, lapses, scheduled_days) VALUES (?, 2, ?, 10, 5, ?, 3, ?, 10)",
	        "tiii", key, due, due - 10 * DAY_SECONDS, (int64_t)lapses);
}

static int64_t
at(int y, int m, int d, int hh, int mm)
{
	return days_from_civil(y, m, d) * DAY_SECONDS + hh * 3600 + mm * 60;
}

/* All keys the queue gives, in order, grading each Good (so learning
 * cards come back later and do not repeat now). */
static char *
drain(int64_t now, const char *deck, int grade)
{
	struct review_filter f = { .deck = deck };
	struct review_queue q;
	review_queue_build(db, &f, now, &q);
	struct sbuf b = { 0 };
	sbuf_add(&b, "");
	char key[CARD_KEY_MAX];
	int n = 0;
	while (n < 100 && review_next(&q, now, key, NULL)) {
		sbuf_addf(&b, "%s%s", b.len ? " " : "", key);
		if (grade) {
			struct review_result res;
			review_grade(db, &set, key, 4, now, 1000, "review", &res, NULL);
		} else {
			break;
		}
		n++;
	}
	review_queue_free(&q);
	return sbuf_take(&b);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	char dir[] = "/tmp/prepdeck-review-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 99;
	char *path = xprintf("%s/r.db", dir);
	char *cause = NULL;
	db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	if (db == NULL) {
		fprintf(stderr, "%s\n", cause);
		return 99;
	}
	import_text("kind: deck\nid: a\ntitle: A\ncards:\n"
	            "  - {id: a1, q: Q1, a: A1}\n  - {id: a2, q: Q2, a: A2}\n"
	            "  - {id: a3, q: Q3, a: A3}\n  - {id: a4, q: Q4, a: A4}\n"
	            "  - {id: a5, q: Q5, a: A5}\n  - {id: a6, q: Q6, a: A6}\n"
	            "---\nkind: deck\nid: b\ntitle: B\ncards:\n"
	            "  - {id: b1, q: Q, a: A, reverse: true}\n  - {id: b2, cloze: '{{c1::x}} {{c2::y}}'}\n"
	            "  - {id: b3, q: 'p95?', answer: '<500ms'}\n");
	settings_set(db, "new_per_day", "3", NULL);
	settings_set(db, "rollover_hour", "4", NULL);
	settings_load(db, &set);
	CHECK_INT(set.new_per_day, 3);
	CHECK_INT(set.rollover_hour, 4);

	int64_t now = at(2026, 3, 1, 10, 0);

	/* New cards: round-robin over decks in deck order, limited to 3. */
	char *order = drain(now, NULL, 1);
	CHECK_STR(order, "a1 b1 a2");
	free(order);
	/* The limit holds across a rebuilt queue the same day... */
	order = drain(now + 60, NULL, 0);
	CHECK_STR(order, "");
	free(order);
	/* ...and the graded (Easy) cards are due in days, not today. */
	CHECK(db_int(db, 0, "SELECT min(due) FROM card_state", "") > now + DAY_SECONDS);

	/* Next study day: three more new cards; b1's sibling b1:r waits a day
	 * after b1 was studied, so it is allowed again now. */
	int64_t tomorrow = at(2026, 3, 2, 10, 0);
	order = drain(tomorrow, NULL, 1);
	CHECK_STR(order, "b1:r b2:c1 a3");
	free(order);

	/* Deck filter: deck a alone. */
	order = drain(at(2026, 3, 3, 10, 0), "a", 0);
	CHECK_STR(order, "a4");
	free(order);

	/* Rollover: at 02:00 the study day is still yesterday's, which ends at
	 * 04:00; a review due at 03:59 is due, one at 04:01 is not. */
	db_exec(db, "DELETE FROM card_state", "");
	db_exec(db, "DELETE FROM review_log", "");
	settings_set(db, "new_per_day", "0", NULL);
	settings_load(db, &set);
	int64_t night = at(2026, 3, 5, 2, 0);
	make_review("a1", at(2026, 3, 5, 3, 59), 0);
	make_review("a2", at(2026, 3, 5, 4, 1), 0);
	order = drain(night, NULL, 0);
	CHECK_STR(order, "a1");
	free(order);
	CHECK_INT(day_number(night, 4), days_from_civil(2026, 3, 4));
	CHECK_INT(day_end(night, 4), at(2026, 3, 5, 4, 0));
	/* After 04:00 a2 belongs to the new day. */
	order = drain(at(2026, 3, 5, 4, 30), NULL, 1);
	CHECK_STR(order, "a1 a2");
	free(order);

	/* The review limit. */
	db_exec(db, "DELETE FROM card_state", "");
	db_exec(db, "DELETE FROM review_log", "");
	settings_set(db, "reviews_per_day", "2", NULL);
	settings_load(db, &set);
	for (int i = 1; i <= 5; i++) {
		char k[8];
		snprintf(k, sizeof k, "a%d", i);
		make_review(k, now - DAY_SECONDS + i, 0);
	}
	order = drain(now, NULL, 1);
	CHECK_STR(order, "a1 a2");
	free(order);
	settings_set(db, "reviews_per_day", "200", NULL);

	/* Interleaving: 4 reviews and 2 new cards mix, new not all last. */
	db_exec(db, "DELETE FROM card_state", "");
	db_exec(db, "DELETE FROM review_log", "");
	settings_set(db, "new_per_day", "2", NULL);
	settings_load(db, &set);
	for (int i = 1; i <= 4; i++) {
		char k[8];
		snprintf(k, sizeof k, "a%d", i);
		make_review(k, now - 3600 * i, 0);
	}
	order = drain(now, NULL, 1);
	CHECK_STR(order, "a4 b1 a3 b2:c1 a2 a1");
	free(order);

	/* Learning cards due now come first. */
	db_exec(db, "UPDATE card_state SET state = 1, due = ? WHERE key = 'a6'", "i", now - 5);
	db_exec(db, "INSERT OR REPLACE INTO card_state(key, state, due, stability, difficulty, "
	        "last_review, reps) VALUES ('a6', 1, ?, 1, 5, ?, 1)", "ii", now - 5, now - 600);
	make_review("a1", now - 10, 0);
	order = drain(now + 7200, NULL, 0);
	CHECK_STR(order, "a6");
	free(order);

	/* Grading writes state and log in one go; undo restores both. */
	struct review_result res;
	int64_t before_due = db_int(db, 0, "SELECT due FROM card_state WHERE key = 'a1'", "");
	int nlog = (int)db_int(db, 0, "SELECT count(*) FROM review_log", "");
	CHECK_INT(review_grade(db, &set, "a1", 3, now, 1200, "review", &res, &cause), 0);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM review_log", ""), nlog + 1);
	CHECK(db_int(db, 0, "SELECT due FROM card_state WHERE key = 'a1'", "") > now);
	CHECK_INT(db_int(db, 0, "SELECT duration_ms FROM review_log ORDER BY id DESC LIMIT 1", ""), 1200);
	CHECK_INT(review_grade(db, &set, "a2", 1, now, 0, "review", &res, &cause), 0);
	char key[CARD_KEY_MAX];
	CHECK_INT(review_undo(db, key), 0);
	CHECK_STR(key, "a2");
	CHECK_INT(review_undo(db, key), 0);
	CHECK_STR(key, "a1");
	CHECK_INT(db_int(db, 0, "SELECT due FROM card_state WHERE key = 'a1'", ""), before_due);
	CHECK_INT(db_int(db, 0, "SELECT state FROM card_state WHERE key = 'a1'", ""), 2);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM review_log", ""), nlog);

	/* A grade for the card as shown: refused once it changed meanwhile. */
	struct review_card shown;
	CHECK_INT(review_card_load(db, "a1", &shown), 0);
	CHECK_INT(review_grade(db, &set, "a1", 4, now, 0, "review", &res, &cause), 0);
	nlog = (int)db_int(db, 0, "SELECT count(*) FROM review_log", "");
	CHECK_INT(review_grade_shown(db, &set, &shown, 3, now + 1, 0, "review", &res, &cause),
	          REVIEW_CHANGED);
	CHECK(cause && strstr(cause, "changed elsewhere") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM review_log", ""), nlog);
	review_card_free(&shown);
	CHECK_INT(review_card_load(db, "a1", &shown), 0);
	CHECK_INT(review_grade_shown(db, &set, &shown, 3, now + 1, 0, "review", &res, &cause), 0);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM review_log", ""), nlog + 1);
	review_card_free(&shown);
	CHECK_INT(review_undo(db, key), 0);
	CHECK_INT(review_undo(db, key), 0);

	/* A rating outside 1-4 and an unknown card are refused. */
	CHECK_INT(review_grade(db, &set, "a1", 5, now, 0, "review", &res, &cause), -1);
	CHECK(cause && strstr(cause, "rating must be") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(review_grade(db, &set, "nope", 3, now, 0, "review", &res, &cause), -1);
	free(cause);
	cause = NULL;

	/* Bury until tomorrow; suspend. */
	db_exec(db, "DELETE FROM card_state", "");
	db_exec(db, "DELETE FROM review_log", "");
	make_review("a1", now - 100, 0);
	make_review("a2", now - 50, 0);
	settings_set(db, "new_per_day", "0", NULL);
	settings_load(db, &set);
	review_bury(db, "a1", day_end(now, 4));
	review_set_suspended(db, "a2", 1);
	order = drain(now, NULL, 0);
	CHECK_STR(order, "");
	free(order);
	order = drain(day_end(now, 4) + 60, NULL, 0);
	CHECK_STR(order, "a1");
	free(order);
	review_set_suspended(db, "a2", 0);
	CHECK_INT(review_toggle_flag(db, "a2"), 1);
	CHECK_INT(review_toggle_flag(db, "a2"), 0);

	/* Leech: the 8th lapse suspends and tags the card. */
	make_review("a3", now - 10, 7);
	CHECK_INT(review_grade(db, &set, "a3", 1, now, 0, "review", &res, &cause), 0);
	CHECK_INT(res.leech, 1);
	CHECK(strstr(res.message, "Leech") != NULL);
	CHECK_INT(db_int(db, 0, "SELECT suspended + leech FROM card_state WHERE key = 'a3'", ""), 2);
	/* Undo takes the leech back too. */
	CHECK_INT(review_undo(db, key), 0);
	CHECK_INT(db_int(db, 0, "SELECT suspended + leech FROM card_state WHERE key = 'a3'", ""), 0);

	/* Cram: logged as cram, schedule untouched, not undoable as a grade. */
	int64_t d4 = db_int(db, 0, "SELECT due FROM card_state WHERE key = 'a3'", "");
	CHECK_INT(review_grade(db, &set, "a3", 3, now, 0, "cram", &res, &cause), 0);
	CHECK_INT(db_int(db, 0, "SELECT due FROM card_state WHERE key = 'a3'", ""), d4);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM review_log WHERE mode = 'cram'", ""), 1);

	/* Damaged state: graded from new, with a message; nothing lost. */
	db_exec(db, "UPDATE card_state SET stability = -3, state = 7 WHERE key = 'a4'", "");
	db_exec(db, "INSERT OR IGNORE INTO card_state(key, stability, state) VALUES ('a4', -3, 7)", "");
	CHECK_INT(review_grade(db, &set, "a4", 3, now, 0, "review", &res, &cause), 0);
	CHECK(strstr(res.message, "damaged") != NULL);
	CHECK(db_double(db, 0, "SELECT stability FROM card_state WHERE key = 'a4'", "") > 0);

	/* The clock went backwards: graded as of the last review, a note. */
	make_review("a5", now + DAY_SECONDS, 0);
	db_exec(db, "UPDATE card_state SET last_review = ? WHERE key = 'a5'", "i", now + 3600);
	CHECK_INT(review_grade(db, &set, "a5", 3, now, 0, "review", &res, &cause), 0);
	CHECK(strstr(res.message, "clock") != NULL);
	CHECK_INT(db_int(db, 0, "SELECT reviewed_at FROM review_log ORDER BY id DESC LIMIT 1", ""),
	          now + 3600);

	/* Previews: Again <= Hard <= Good <= Easy. */
	int64_t pv[4];
	CHECK_INT(review_preview(db, &set, "a1", now, pv), 0);
	CHECK(pv[0] <= pv[1] && pv[1] <= pv[2] && pv[2] <= pv[3]);

	/* Interval labels. */
	char buf[16];
	review_fmt_interval(30, buf, sizeof buf);
	CHECK_STR(buf, "<1m");
	review_fmt_interval(600, buf, sizeof buf);
	CHECK_STR(buf, "10m");
	review_fmt_interval(3 * DAY_SECONDS, buf, sizeof buf);
	CHECK_STR(buf, "3d");
	review_fmt_interval(63 * DAY_SECONDS, buf, sizeof buf);
	CHECK_STR(buf, "2.1mo");
	review_fmt_interval(548 * DAY_SECONDS, buf, sizeof buf);
	CHECK_STR(buf, "1.5y");

	/* Lenient type-in comparison. */
	CHECK(review_answer_matches("< 500 ms", "<500ms"));
	CHECK(review_answer_matches("  <500MS.", "<500ms"));
	CHECK(review_answer_matches("\xe2\x89\xa4 2 s", "<=2s"));
	CHECK(review_answer_matches("70 %", "70%"));
	CHECK(!review_answer_matches("600ms", "<500ms"));
	CHECK(!review_answer_matches("", ""));
	CHECK(!review_answer_matches("50", "500"));
	CHECK(review_answer_matches(".75", "0.75"));
	CHECK(review_answer_matches("O(n\xc2\xb2)", "O(n^2)"));
	CHECK(review_answer_matches("O(n**2)", "O(n^2)"));
	CHECK(!review_answer_matches("1.75", "0.75"));

	/* Due counts per deck respect the daily new limit. */
	settings_set(db, "new_per_day", "2", NULL);
	size_t n;
	struct review_counts tot;
	struct review_deck_due *d = review_due(db, now, &n, &tot);
	CHECK_INT(n, 2);
	CHECK(tot.fresh <= 2);
	review_due_free(d, n);

	db_close(db);
	char *rm = xprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(rm);
	free(path);
	return check_done();
}
