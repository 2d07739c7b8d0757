/* Unit tests of the progress statistics and mock-round scorecards on a
 * small fixture database built here, with explicit times. Every expected
 * figure is worked out by hand in the comments next to it.
 *
 * The clock: "now" is 2024-06-15 12:00 UTC (a Saturday), TZ is UTC and
 * the study day starts at 04:00 (the default rollover hour), so
 * 2024-06-15 03:30 still belongs to the study day 2024-06-14. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "db.h"
#include "scorecard.h"
#include "stats.h"
#include "util.h"

/* Unix time of a UTC date and time. */
static int64_t
T(int y, int mo, int d, int h, int mi)
{
	return days_from_civil(y, mo, d) * DAY_SECONDS + h * 3600 + mi * 60;
}

static int64_t
D(int y, int mo, int d)
{
	return days_from_civil(y, mo, d);
}

static void
doc(struct db *db, const char *id, const char *kind, const char *title, int ord,
    int retired)
{
	db_exec(db, "INSERT INTO doc (id, kind, title, ord, src, retired) VALUES "
	        "(?, ?, ?, ?, 'fixture', ?)", "tttii", id, kind, title, (int64_t)ord,
	        (int64_t)retired);
}

static void
card(struct db *db, const char *key, const char *deck, int retired)
{
	db_exec(db, "INSERT INTO card (key, note_id, deck_id, kind, front, back, src, "
	        "retired) VALUES (?, ?, ?, 'basic', 'q', 'a', 'fixture', ?)", "ttti",
	        key, key, deck, (int64_t)retired);
}

static void
state(struct db *db, const char *key, int st, int64_t due, int sched, int suspended)
{
	db_exec(db, "INSERT INTO card_state (key, state, due, scheduled_days, suspended) "
	        "VALUES (?, ?, ?, ?, ?)", "tiiii", key, (int64_t)st, (int64_t)due,
	        (int64_t)sched, (int64_t)suspended);
}

static void
review(struct db *db, const char *key, int64_t at, int rating, int prev_state,
       const char *mode)
{
	db_exec(db, "INSERT INTO review_log (card_key, reviewed_at, rating, mode, "
	        "prev_state) VALUES (?, ?, ?, ?, ?)", "tiiti", key, (int64_t)at,
	        (int64_t)rating, mode, (int64_t)prev_state);
}

static void
cat(struct db *db, const char *rubric, const char *id, const char *name, int ord)
{
	db_exec(db, "INSERT INTO rubric_cat (rubric_id, cat_id, ord, name, level1, "
	        "level2, level3, level4, src) VALUES (?, ?, ?, ?, 'one', 'two', 'three', "
	        "'four', 'fixture')", "ttit", rubric, id, (int64_t)ord, name);
}

static int64_t
rehearsal(struct db *db, const char *story, const char *mode, int64_t at,
          int64_t total, int64_t budget, int completed)
{
	db_exec(db, "INSERT INTO rehearsal (story_id, mode, started_at, total_ms, "
	        "budget_ms, completed) VALUES (?, ?, ?, ?, ?, ?)", "ttiiii", story, mode,
	        (int64_t)at, (int64_t)total, (int64_t)budget, (int64_t)completed);
	return db_last_rowid(db);
}

static void
section(struct db *db, int64_t rid, int ord, const char *name, int64_t budget,
        int64_t spent)
{
	db_exec(db, "INSERT INTO rehearsal_section (rehearsal_id, ord, name, budget_ms, "
	        "spent_ms) VALUES (?, ?, ?, ?, ?)", "iitii", (int64_t)rid, (int64_t)ord,
	        name, (int64_t)budget, (int64_t)spent);
}

static void
rscore(struct db *db, int64_t rid, const char *cat_id, int score)
{
	db_exec(db, "INSERT INTO rehearsal_score (rehearsal_id, category, score) VALUES "
	        "(?, ?, ?)", "iti", (int64_t)rid, cat_id, (int64_t)score);
}

static int64_t
scorecard(struct db *db, const char *rubric, const char *day, const char *fix,
          int64_t created)
{
	db_exec(db, "INSERT INTO scorecard (rubric_id, day, fix_next, created_at) "
	        "VALUES (?, ?, ?, ?)", "ttti", rubric, day, fix, (int64_t)created);
	return db_last_rowid(db);
}

static void
sscore(struct db *db, int64_t id, const char *cat_id, int score)
{
	db_exec(db, "INSERT INTO scorecard_score (scorecard_id, cat_id, score, evidence) "
	        "VALUES (?, ?, ?, 'seen')", "iti", (int64_t)id, cat_id, (int64_t)score);
}

static void
gap_row(struct db *db, int64_t id, const char *map, int conf, int deleted)
{
	if (conf)
		db_exec(db, "INSERT INTO gap_row (id, map_id, name, confidence, deleted) "
		        "VALUES (?, ?, 'skill', ?, ?)", "itii", (int64_t)id, map,
		        (int64_t)conf, (int64_t)deleted);
	else
		db_exec(db, "INSERT INTO gap_row (id, map_id, name, confidence, deleted) "
		        "VALUES (?, ?, 'skill', NULL, ?)", "iti", (int64_t)id, map,
		        (int64_t)deleted);
}

static void
gap_edit(struct db *db, int64_t row, const char *field, const char *old,
         const char *new_, int64_t at)
{
	db_exec(db, "INSERT INTO gap_edit (row_id, field, old, new, at) VALUES "
	        "(?, ?, ?, ?, ?)", "ittti", (int64_t)row, field, old, new_, (int64_t)at);
}

static void
fixture(struct db *db)
{
	const int64_t now = T(2024, 6, 15, 12, 0);

	/* Decks: d1, d2 and a numbers document; a retired deck that must not
	 * be listed. Rubrics: rb (Coding) and mock-behavioral. */
	doc(db, "d1", "deck", "Deck One", 0, 0);
	doc(db, "d2", "deck", "Deck Two", 1, 0);
	doc(db, "num", "numbers", "Numbers", 2, 0);
	doc(db, "old", "deck", "Old deck", 3, 1);
	doc(db, "rb", "rubric", "Coding", 4, 0);
	doc(db, "mock-behavioral", "rubric", "Behavioral", 5, 0);
	cat(db, "rb", "u", "Understanding", 0);
	cat(db, "rb", "t", "Tests", 1);
	cat(db, "mock-behavioral", "clarity", "Clarity", 0);
	cat(db, "mock-behavioral", "ownership", "Ownership", 1);

	const char *d1[] = { "a", "b", "c", "d", "e" }, *d2[] = { "f", "g", "h", "i" };
	for (int i = 0; i < 5; i++)
		card(db, d1[i], "d1", 0);
	for (int i = 0; i < 4; i++)
		card(db, d2[i], "d2", 0);
	card(db, "n1", "num", 0);
	card(db, "n2", "num", 0);
	card(db, "x", "d1", 1); /* retired */

	/* Card states (today is study day 2024-06-15, 04:00 to 04:00):
	 * a review, interval 30, due in 2 days         mature, forecast[2]
	 * b review, interval 21, due 3 days ago        mature, overdue -> [0]
	 * c review, interval 20, due today 20:00       young, [0]
	 * d learning, due in 10 minutes                learning, [0]
	 * e no row                                     new
	 * f relearning, due tomorrow 03:00 (still today's study day)
	 *                                              learning, [0]
	 * g review, interval 5, suspended, due today   suspended only
	 * h state 0                                    new
	 * i review, interval 3, due tomorrow 05:00     young, [1]
	 * n1 review, interval 40, due day +29 10:00    mature, [29]
	 * n2 review, interval 50, due day +30 10:00    mature, outside
	 * x retired, due today                         nowhere */
	state(db, "a", 2, now + 2 * DAY_SECONDS, 30, 0);
	state(db, "b", 2, now - 3 * DAY_SECONDS, 21, 0);
	state(db, "c", 2, T(2024, 6, 15, 20, 0), 20, 0);
	state(db, "d", 1, now + 600, 0, 0);
	state(db, "f", 3, T(2024, 6, 16, 3, 0), 0, 0);
	state(db, "g", 2, now, 5, 1);
	state(db, "h", 0, 0, 0, 0);
	state(db, "i", 2, T(2024, 6, 16, 5, 0), 3, 0);
	state(db, "n1", 2, T(2024, 7, 14, 10, 0), 40, 0);
	state(db, "n2", 2, T(2024, 7, 15, 10, 0), 50, 0);
	state(db, "x", 2, now, 30, 0);

	/* Answers. Study day, deck, and whether each counts for retention
	 * (scheduled review, prev_state 2, within 2024-05-17..2024-06-15):
	 *   06-15 10:00 a 3 prev 2          06-15  d1  yes, passed
	 *   06-15 10:00 b 1 prev 2          06-15  d1  yes, Again
	 *   06-15 10:00 c 3 prev 2 cram     06-15  d1  no (cram)
	 *   06-15 03:30 f 1 prev 2          06-14  d2  yes, Again
	 *   06-14 09:00 d 3 prev 0          06-14  d1  no (was new)
	 *   06-12 12:00 i 4 prev 2          06-12  d2  yes, passed
	 *   05-20 09:00 n1 2 prev 2         05-20  num yes, passed
	 *   05-20 09:10 n1 3 prev 2         05-20  num yes, passed
	 *   05-20 09:20 a 3 prev 2          05-20  d1  yes, passed
	 *   05-20 09:30 g 1 prev 3          05-20  d2  no (relearning)
	 *   05-10 09:00 a 1 prev 2          05-10  d1  no (before the window)
	 *   05-10 09:10 b 3 prev 2          05-10  d1  no (before the window)
	 *   2023-12-17 08:00 a 3 prev 0     12-17 = first heatmap day
	 *   2023-12-17 02:00 b 3 prev 0     12-16, before the heatmap */
	review(db, "a", T(2024, 6, 15, 10, 0), 3, 2, "review");
	review(db, "b", T(2024, 6, 15, 10, 0), 1, 2, "review");
	review(db, "c", T(2024, 6, 15, 10, 0), 3, 2, "cram");
	review(db, "f", T(2024, 6, 15, 3, 30), 1, 2, "review");
	review(db, "d", T(2024, 6, 14, 9, 0), 3, 0, "review");
	review(db, "i", T(2024, 6, 12, 12, 0), 4, 2, "review");
	review(db, "n1", T(2024, 5, 20, 9, 0), 2, 2, "review");
	review(db, "n1", T(2024, 5, 20, 9, 10), 3, 2, "review");
	review(db, "a", T(2024, 5, 20, 9, 20), 3, 2, "review");
	review(db, "g", T(2024, 5, 20, 9, 30), 1, 3, "review");
	review(db, "a", T(2024, 5, 10, 9, 0), 1, 2, "review");
	review(db, "b", T(2024, 5, 10, 9, 10), 3, 2, "review");
	review(db, "a", T(2023, 12, 17, 8, 0), 3, 0, "review");
	review(db, "b", T(2023, 12, 17, 2, 0), 3, 0, "review");

	/* Stories and rehearsals. */
	db_exec(db, "INSERT INTO story (id, title) VALUES ('s1', 'Migration story')", "");
	db_exec(db, "INSERT INTO story (id, type, title) VALUES ('s2', 'pitch', 'Pitch')",
	        "");
	/* r1: s1, 2:30 of 2:20; Situation and Action over budget. */
	int64_t r1 = rehearsal(db, "s1", "story", T(2024, 6, 1, 10, 0), 150000, 140000, 1);
	section(db, r1, 0, "Situation", 20000, 25000);
	section(db, r1, 1, "Task", 15000, 10000);
	section(db, r1, 2, "Action", 60000, 80000);
	section(db, r1, 3, "Result", 25000, 20000);
	section(db, r1, 4, "Reflection", 20000, 15000);
	/* r2: s1, 2:10 of 2:20; only Action over. */
	int64_t r2 = rehearsal(db, "s1", "story", T(2024, 6, 10, 10, 0), 130000, 140000, 1);
	section(db, r2, 0, "Situation", 20000, 15000);
	section(db, r2, 1, "Action", 60000, 70000);
	/* r3: abandoned, left out. */
	int64_t r3 = rehearsal(db, "s1", "story", T(2024, 6, 11, 10, 0), 99000, 140000, 0);
	section(db, r3, 0, "Situation", 20000, 99000);
	/* r4: the pitch, 1:10 of 1:00. */
	int64_t r4 = rehearsal(db, "s2", "pitch", T(2024, 6, 5, 10, 0), 70000, 60000, 1);
	section(db, r4, 0, "Pitch", 60000, 70000);
	/* r5: an interview-flow run without a story. */
	rehearsal(db, NULL, "flow", T(2024, 5, 1, 10, 0), 3600000, 3600000, 1);
	rscore(db, r1, "clarity", 2);
	rscore(db, r1, "ownership", 3);
	rscore(db, r2, "clarity", 3);
	rscore(db, r4, "clarity", 4);

	/* Mock scorecards. sc4 was recorded last but is for an older round. */
	int64_t sc1 = scorecard(db, "rb", "2024-06-01", "Test edge cases", T(2024, 6, 1, 20, 0));
	sscore(db, sc1, "u", 2);
	sscore(db, sc1, "t", 1);
	int64_t sc2 = scorecard(db, "rb", "2024-06-08", "State complexity", T(2024, 6, 8, 20, 0));
	sscore(db, sc2, "u", 3);
	sscore(db, sc2, "t", 3);
	int64_t sc3 = scorecard(db, "mock-behavioral", "2024-06-08", "", T(2024, 6, 9, 8, 0));
	sscore(db, sc3, "clarity", 3);
	int64_t sc4 = scorecard(db, "rb", "2024-05-25", "Old fix", T(2024, 6, 12, 8, 0));
	sscore(db, sc4, "u", 1);
	sscore(db, sc4, "t", 2);

	/* Gap maps: m1 (bundled) with edits, m2 (the user's) without, m3
	 * retired, m4 without rows. */
	db_exec(db, "INSERT INTO gapmap (id, origin, title) VALUES ('m1', 'bundled', "
	        "'Map one')", "");
	db_exec(db, "INSERT INTO gapmap (id, origin, title, created_at) VALUES ('m2', "
	        "'user', 'Map two', ?)", "i", (int64_t)T(2024, 6, 2, 0, 0));
	db_exec(db, "INSERT INTO gapmap (id, title, retired) VALUES ('m3', 'Gone', 1)", "");
	db_exec(db, "INSERT INTO gapmap (id, title) VALUES ('m4', 'Empty')", "");
	gap_row(db, 1, "m1", 4, 0);
	gap_row(db, 2, "m1", 3, 0);
	gap_row(db, 3, "m1", 0, 0);
	gap_row(db, 4, "m1", 5, 1); /* deleted */
	gap_row(db, 5, "m2", 2, 0);
	gap_row(db, 6, "m3", 1, 0);
	gap_edit(db, 1, "confidence", "2", "3", T(2024, 6, 1, 10, 0));
	gap_edit(db, 2, "confidence", NULL, "2", T(2024, 6, 1, 11, 0));
	gap_edit(db, 1, "confidence", "3", "4", T(2024, 6, 5, 10, 0));
	gap_edit(db, 2, "confidence", "2", "3", T(2024, 6, 5, 3, 0)); /* study day 06-04 */
	gap_edit(db, 1, "evidence", "", "did it", T(2024, 6, 6, 10, 0));
	gap_edit(db, 4, "confidence", "4", "5", T(2024, 6, 7, 10, 0));
}

static void
test_helpers(void)
{
	CHECK_INT(stats_heat_level(0, 4), 0);
	CHECK_INT(stats_heat_level(1, 4), 1);
	CHECK_INT(stats_heat_level(3, 4), 3);
	CHECK_INT(stats_heat_level(4, 4), 4);
	CHECK_INT(stats_heat_level(1, 13), 1);  /* ceil(4/13) */
	CHECK_INT(stats_heat_level(7, 13), 3);  /* ceil(28/13) */
	CHECK_INT(stats_weekday(0), 3);         /* 1970-01-01, a Thursday */
	CHECK_INT(stats_weekday(D(2024, 6, 15)), 5); /* a Saturday */
	CHECK_NEAR(stats_ratio(2, 3), 2.0 / 3.0, 1e-12);
	CHECK(stats_ratio(0, 0) < 0);
}

static void
test_stats(struct db *db)
{
	struct stats s;
	stats_load(db, T(2024, 6, 15, 12, 0), &s);
	CHECK_INT(s.today, D(2024, 6, 15));
	CHECK_INT(s.rollover_hour, 4);
	CHECK_NEAR(s.desired, 0.90, 1e-9);

	/* Heatmap: 182 days ending today start 181 days back, 2023-12-17. */
	CHECK_INT(s.heat_first, D(2023, 12, 17));
	CHECK_INT(s.heat[181], 3);              /* 06-15: a, b, c (cram counts) */
	CHECK_INT(s.heat[180], 2);              /* 06-14: d, and f at 03:30 on the 15th */
	CHECK_INT(s.heat[179], 0);              /* 06-13 */
	CHECK_INT(s.heat[178], 1);              /* 06-12 */
	CHECK_INT(s.heat[181 - 26], 4);         /* 05-20 */
	CHECK_INT(s.heat[181 - 36], 2);         /* 05-10 */
	CHECK_INT(s.heat[0], 1);                /* 12-17 08:00, not 12-17 02:00 */
	CHECK_INT(s.heat_total, 13);            /* 3+2+1+4+2+1 */
	CHECK_INT(s.heat_active, 6);
	CHECK_INT(s.heat_max, 4);
	CHECK_INT(s.streak, 2);                 /* 06-15 and 06-14; none on 06-13 */
	/* The calendar: 2023-12-17 is a Sunday, so the first column starts on
	 * Monday 12-11 and today (Saturday) is in column 26 of 27. */
	CHECK_INT(stats_heat_weeks(&s), 27);
	CHECK_INT(stats_heat_index(&s, 0, 6), 0);
	CHECK_INT(stats_heat_index(&s, 0, 0), -1);
	CHECK_INT(stats_heat_index(&s, 26, 5), 181);
	CHECK_INT(stats_heat_index(&s, 26, 6), -1);
	CHECK_INT(stats_heat_index(&s, 1, 0), 1);  /* Monday 12-18 */

	/* Forecast: today b (overdue), c, d, f; +1 i; +2 a; +29 n1. */
	CHECK_INT(s.overdue, 1);
	CHECK_INT(s.forecast[0], 4);
	CHECK_INT(s.forecast[1], 1);
	CHECK_INT(s.forecast[2], 1);
	CHECK_INT(s.forecast[3], 0);
	CHECK_INT(s.forecast[29], 1);
	CHECK_INT(s.forecast_total, 7);

	/* True retention, 30 days: d1 a pass, b Again, a pass (05-20) = 2/3;
	 * d2 f Again, i pass = 1/2; num n1, n1 = 2/2; all 5/7. */
	CHECK_INT(s.ndecks, 3);
	if (s.ndecks == 3) {
		CHECK_STR(s.decks[0].id, "d1");
		CHECK_INT(s.decks[0].reviews, 3);
		CHECK_INT(s.decks[0].passed, 2);
		CHECK_STR(s.decks[1].id, "d2");
		CHECK_INT(s.decks[1].reviews, 2);
		CHECK_INT(s.decks[1].passed, 1);
		CHECK_STR(s.decks[2].id, "num");
		CHECK_STR(s.decks[2].title, "Numbers");
		CHECK_INT(s.decks[2].reviews, 2);
		CHECK_INT(s.decks[2].passed, 2);
	}
	CHECK_INT(s.ret_reviews, 7);
	CHECK_INT(s.ret_passed, 5);
	CHECK_NEAR(stats_ratio(s.ret_passed, s.ret_reviews), 5.0 / 7.0, 1e-12);

	/* Counts: new e, h; learning d, f; young c (20), i (3); mature a (30),
	 * b (21), n1, n2; suspended g; x retired. */
	CHECK_INT(s.n_new, 2);
	CHECK_INT(s.n_learning, 2);
	CHECK_INT(s.n_young, 2);
	CHECK_INT(s.n_mature, 4);
	CHECK_INT(s.n_suspended, 1);

	/* Rehearsals, most recent first: s1 (06-10), s2 pitch (06-05), flow. */
	CHECK_INT(s.nstories, 3);
	if (s.nstories == 3) {
		const struct stats_story *t = &s.stories[0];
		CHECK_STR(t->story_id, "s1");
		CHECK_STR(t->title, "Migration story");
		CHECK_INT(t->n, 2);             /* r3 was abandoned */
		CHECK_INT(t->s[0].total_ms, 150000);
		CHECK_INT(t->s[0].budget_ms, 140000);
		CHECK_INT(t->s[0].sections_over, 2); /* Situation, Action */
		CHECK_INT(t->s[1].total_ms, 130000);
		CHECK_INT(t->s[1].sections_over, 1);
		CHECK_STR(t->worst_section, "Action");
		CHECK_INT(t->worst_over, 2);
		t = &s.stories[1];
		CHECK_STR(t->story_id, "s2");
		CHECK_STR(t->mode, "pitch");
		CHECK_INT(t->n, 1);
		CHECK_STR(t->worst_section, "Pitch");
		t = &s.stories[2];
		CHECK(t->story_id == NULL);
		CHECK_STR(t->mode, "flow");
		CHECK_STR(t->title, "Interview flow");
		CHECK(t->worst_section == NULL);
	}

	/* Score trends: rb/u by round date 05-25, 06-01, 06-08 = 1 2 3;
	 * rb/t = 2 1 3; mock-behavioral/clarity = 3; rehearsal clarity by
	 * start 06-01, 06-05, 06-10 = 2 4 3; rehearsal ownership = 3. */
	CHECK_INT(s.ntrends, 5);
	if (s.ntrends == 5) {
		const struct stats_trend *t = s.trends;
		CHECK_STR(t[0].source, "rb");
		CHECK_STR(t[0].name, "Understanding");
		CHECK_INT(t[0].n, 3);
		CHECK_INT(t[0].p[0].score * 100 + t[0].p[1].score * 10 + t[0].p[2].score, 123);
		CHECK_INT(t[0].p[0].day, D(2024, 5, 25));
		CHECK_STR(t[1].cat_id, "t");
		CHECK_INT(t[1].n, 3);
		CHECK_INT(t[1].p[0].score * 100 + t[1].p[1].score * 10 + t[1].p[2].score, 213);
		CHECK_STR(t[2].source, "mock-behavioral");
		CHECK_INT(t[2].n, 1);
		CHECK_STR(t[3].source, "rehearsal");
		CHECK_STR(t[3].cat_id, "clarity");
		CHECK_STR(t[3].name, "Clarity");
		CHECK_INT(t[3].n, 3);
		CHECK_INT(t[3].p[0].score * 100 + t[3].p[1].score * 10 + t[3].p[2].score, 243);
		CHECK_INT(t[3].p[1].day, D(2024, 6, 5));
		CHECK_STR(t[4].cat_id, "ownership");
		CHECK_INT(t[4].n, 1);
	}

	/* Gap maps: m1 starts at row1 = 2 (old of its first edit), row2
	 * unrated, row3 unrated: 2.00 over 1 rated. After 06-01: 3 and 2 =
	 * 2.50. After 06-04 (the 03:00 edit): 3 and 3 = 3.00. After 06-05: 4
	 * and 3 = 3.50, the current values. m2: one point today, 2.00. */
	CHECK_INT(s.ngaps, 2);
	if (s.ngaps == 2) {
		const struct stats_gapmap *g = &s.gaps[0];
		CHECK_STR(g->id, "m1");
		CHECK_INT(g->skills, 3);
		CHECK_INT(g->edits, 4);
		CHECK_INT(g->n, 4);
		if (g->n == 4) {
			CHECK_INT(g->p[0].day, D(2024, 6, 1));
			CHECK_NEAR(g->p[0].mean, 2.0, 1e-9);
			CHECK_INT(g->p[0].rated, 1);
			CHECK_INT(g->p[1].day, D(2024, 6, 1));
			CHECK_NEAR(g->p[1].mean, 2.5, 1e-9);
			CHECK_INT(g->p[1].rated, 2);
			CHECK_INT(g->p[2].day, D(2024, 6, 4));
			CHECK_NEAR(g->p[2].mean, 3.0, 1e-9);
			CHECK_INT(g->p[3].day, D(2024, 6, 5));
			CHECK_NEAR(g->p[3].mean, 3.5, 1e-9);
		}
		g = &s.gaps[1];
		CHECK_STR(g->id, "m2");
		CHECK_INT(g->n, 1);
		CHECK_INT(g->p[0].day, D(2024, 6, 15));
		CHECK_NEAR(g->p[0].mean, 2.0, 1e-9);
	}
	stats_free(&s);

	/* A later clock: on 06-17 nothing was answered on 06-16 or 06-17, so
	 * the streak is over, and b, c, d, f, i and a (due 06-17 12:00) are
	 * due today: 6, of which 5 overdue. */
	stats_load(db, T(2024, 6, 17, 12, 0), &s);
	CHECK_INT(s.streak, 0);
	CHECK_INT(s.forecast[0], 6);
	CHECK_INT(s.overdue, 5);
	CHECK_INT(s.heat[181 - 2], 3); /* 06-15 is now two days back */
	stats_free(&s);

	/* A rollover hour of 0 moves f's 03:30 answer to 06-15. */
	db_set_setting(db, "rollover_hour", "0");
	stats_load(db, T(2024, 6, 15, 12, 0), &s);
	CHECK_INT(s.heat[181], 4);
	CHECK_INT(s.heat[180], 1);
	stats_free(&s);
	db_set_setting(db, "rollover_hour", "4");
}

static void
test_scorecards(struct db *db)
{
	const int64_t now = T(2024, 6, 15, 12, 0);
	char *cause = NULL, *day = NULL;

	/* The latest round by date with a fix-next: sc2 (06-08); sc3 is on
	 * the same day, recorded later, but has none; sc4 is older. */
	char *fix = scorecard_next_fix(db, &day);
	CHECK_STR(fix, "State complexity");
	CHECK_STR(day, "2024-06-08");
	free(fix);
	free(day);

	struct scorecard_score ok[2] = {
		{ "u", NULL, 3, "Restated the problem" },
		{ "t", NULL, 4, "Found the off-by-one" },
	};
	struct scorecard sc = { .rubric_id = "rb", .day = "2024-06-14",
	                        .partner = "Zoë", .fix_next = "Write tests first",
	                        .nscores = 2, .scores = ok };
	int64_t id = 0;
	CHECK_INT(scorecard_record(db, &sc, now, &id, &cause), 0);
	CHECK(id > 0);
	fix = scorecard_next_fix(db, NULL);
	CHECK_STR(fix, "Write tests first");
	free(fix);
	struct scorecard got;
	CHECK_INT(scorecard_get(db, id, &got, &cause), 0);
	CHECK_STR(got.partner, "Zoë");
	CHECK_INT(got.nscores, 2);
	CHECK_INT(got.ncats, 2);
	CHECK_NEAR(scorecard_mean(&got), 3.5, 1e-12);
	CHECK_STR(got.scores[0].name, "Understanding");
	scorecard_free(&got);

	/* Refusals, each with its message, and nothing written. */
	int64_t before = db_int(db, 0, "SELECT count(*) FROM scorecard", "");
	struct { const char *rubric, *day, *fix; const char *cat0; int score0;
	         const char *ev0; size_t n; const char *want; } bad[] = {
		{ "rbx", "2024-06-14", "x", "u", 3, "e", 2, "no rubric 'rbx' (did you mean 'rb'?)" },
		{ "rb", "2024-06-14", "x", "q", 3, "e", 2, "rubric 'rb' has no category 'q'" },
		{ "rb", "2024-06-14", "x", "u", 5, "e", 2, "score 5 is not between 1 and 4" },
		{ "rb", "2024-06-14", "x", "u", 0, "e", 2, "score 0 is not between 1 and 4" },
		{ "rb", "2024-06-14", "x", "u", 3, "  ", 2, "needs one sentence of evidence" },
		{ "rb", "2024-06-14", "x", "t", 3, "e", 2, "category 't' is scored twice" },
		{ "rb", "2024-06-14", "x", "u", 3, "e", 1, "also needs a score for t" },
		{ "rb", "2024-6-14", "x", "u", 3, "e", 2, "'2024-6-14' is not a date" },
		{ "rb", "2024-02-30", "x", "u", 3, "e", 2, "'2024-02-30' is not a date" },
		{ "rb", "2024-06-17", "x", "u", 3, "e", 2, "date 2024-06-17 is in the future" },
		{ "rb", "2024-06-14", "", "u", 3, "e", 2, "the one thing to fix next is missing" },
		{ "rb", "2024-06-14", "x", "u", 3, "line\nbreak", 2, "must be one line" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct scorecard_score sc2[2] = {
			{ (char *)bad[i].cat0, NULL, bad[i].score0, (char *)bad[i].ev0 },
			{ "t", NULL, 2, "fine" },
		};
		struct scorecard b = { .rubric_id = (char *)bad[i].rubric,
		                       .day = (char *)bad[i].day, .partner = "",
		                       .fix_next = (char *)bad[i].fix, .nscores = bad[i].n,
		                       .scores = sc2 };
		cause = NULL;
		CHECK_INT(scorecard_record(db, &b, now, &id, &cause), -1);
		CHECK(cause != NULL && strstr(cause, bad[i].want) != NULL);
		if (cause == NULL || strstr(cause, bad[i].want) == NULL)
			fprintf(stderr, "  case %zu: got '%s'\n", i, cause ? cause : "(null)");
		free(cause);
	}
	/* Tomorrow's date is allowed (a round late in the evening). */
	CHECK_INT(scorecard_check_day("2024-06-16", D(2024, 6, 15), NULL), 0);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM scorecard", ""), before);

	/* Step by step, as the form does it. */
	int64_t sid;
	CHECK_INT(scorecard_create(db, "mock-behavioral", "2024-06-15", "", now, &sid,
	                           &cause), 0);
	CHECK_INT(scorecard_set_score(db, sid, "clarity", 2, "", &cause), 0);
	CHECK_INT(scorecard_set_score(db, sid, "clarity", 3, "Clear", &cause), 0);
	CHECK_INT(db_int(db, 0, "SELECT score FROM scorecard_score WHERE scorecard_id = ? "
	                 "AND cat_id = 'clarity'", "i", (int64_t)sid), 3);
	cause = NULL;
	CHECK_INT(scorecard_set_score(db, sid, "u", 3, "x", &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(scorecard_set_field(db, sid, "day", "yesterday", now, &cause), -1);
	free(cause);
	CHECK_INT(scorecard_set_field(db, sid, "partner", "Kim", now, &cause), 0);
	CHECK_INT(scorecard_set_field(db, sid, "fix_next", "Say I, not we", now, &cause), 0);
	fix = scorecard_next_fix(db, NULL);
	CHECK_STR(fix, "Say I, not we");
	free(fix);

	/* The list: newest round first; filtered by rubric. */
	struct scorecard *list;
	size_t n;
	scorecard_list(db, NULL, &list, &n);
	CHECK_INT(n, 6);
	if (n == 6) {
		CHECK_INT(list[0].id, sid);           /* 06-15 */
		CHECK_STR(list[1].day, "2024-06-14");
		CHECK_STR(list[2].fix_next, "");      /* sc3: 06-08, recorded after sc2 */
		CHECK_STR(list[3].fix_next, "State complexity");
		CHECK_STR(list[5].day, "2024-05-25");
		CHECK_INT(list[0].nscores, 1);
		CHECK_INT(list[0].ncats, 2);
	}
	scorecard_list_free(list, n);
	scorecard_list(db, "mock-behavioral", &list, &n);
	CHECK_INT(n, 2);
	scorecard_list_free(list, n);

	CHECK_INT(scorecard_delete(db, sid, &cause), 0);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM scorecard_score WHERE "
	                 "scorecard_id = ?", "i", (int64_t)sid), 0);
	cause = NULL;
	CHECK_INT(scorecard_delete(db, sid, &cause), -1);
	free(cause);
	fix = scorecard_next_fix(db, NULL);
	CHECK_STR(fix, "Write tests first");
	free(fix);

	struct scorecard_rubric *rs;
	size_t nr;
	scorecard_rubrics(db, &rs, &nr);
	CHECK_INT(nr, 2);
	if (nr == 2) {
		CHECK_STR(rs[0].id, "rb");
		CHECK_INT(rs[0].ncats, 2);
		CHECK_STR(rs[1].cats[1].level[3], "four");
	}
	scorecard_rubrics_free(rs, nr);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	char dir[256];
	snprintf(dir, sizeof dir, "%s/prepdeck-stats-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 99;
	char *path = xprintf("%s/s.db", dir);
	char *cause = NULL;
	struct db *db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	CHECK(db != NULL);
	if (db == NULL) {
		fprintf(stderr, "%s\n", cause);
		return check_done();
	}
	fixture(db);
	test_helpers();
	test_stats(db);
	test_scorecards(db);
	db_close(db);
	unlink(path);
	char *wal = xprintf("%s-wal", path), *shm = xprintf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	free(wal);
	free(shm);
	rmdir(dir);
	free(path);
	return check_done();
}
