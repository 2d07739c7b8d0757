/* Unit tests of study plans and checklists: the day arithmetic across
 * month and year ends, the rollover hour, a daylight-saving switch and a
 * change of time zone; overdue tasks; shifting; deck and checklist tasks
 * that tick themselves from review-log rows; replacing a run; weekly
 * reviews; checklist ticks, completions and resets. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "checklist.h"
#include "content.h"
#include "db.h"
#include "import.h"
#include "plan.h"
#include "studyday.h"
#include "util.h"

static struct db *db;

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* A Unix time from "YYYY-MM-DDTHH:MM:SSZ". */
static int64_t
at(const char *iso)
{
	int64_t t = 0;
	if (parse_iso_utc(iso, &t) != 0)
		fprintf(stderr, "bad time in test: %s\n", iso);
	return t;
}

static int64_t
date(const char *ymd)
{
	int64_t d = 0;
	if (parse_date(ymd, &d) != 0)
		fprintf(stderr, "bad date in test: %s\n", ymd);
	return d;
}

/* The date of plan day `day` as text, in a static buffer. */
static const char *
date_of(const struct plan_view *v, int day)
{
	static char buf[16];
	fmt_date(plan_date(v, day), buf, sizeof buf);
	return buf;
}

/* Two plans: "p" (2 weeks; each day a deck task needing 2 reviews of
 * deck dk and a plain task; day 3 also a checklist task) and "q" (1
 * week); the deck dk, another deck ok, and the checklist cl. */
static void
import_fixture(void)
{
	struct sbuf b = { 0 };
	sbuf_add(&b, "kind: deck\nid: dk\ntitle: Deck K\ncards:\n"
	         "  - {id: k1, q: Q1, a: A1}\n  - {id: k2, q: Q2, a: A2}\n"
	         "  - {id: k3, q: Q3, a: A3}\n"
	         "---\nkind: deck\nid: ok\ntitle: Other\ncards:\n  - {id: o1, q: Q, a: A}\n"
	         "---\nkind: checklist\nid: cl\ntitle: Check\nitems:\n"
	         "  - {id: one, text: First}\n  - {id: two, text: Second}\n"
	         "  - {id: three, text: Third}\n"
	         "---\nkind: plan\nid: p\ntitle: Plan P\n"
	         "weeks: [{week: 1, theme: Alpha}, {week: 2, theme: Beta}]\ndays:\n");
	for (int d = 1; d <= 14; d++) {
		sbuf_addf(&b, "  - day: %d\n    title: Day %d title\n    tasks:\n", d, d);
		sbuf_addf(&b, "      - {id: d%d-deck, text: Review K, deck: dk, count: 2}\n", d);
		sbuf_addf(&b, "      - {id: d%d-x, text: \"Do   thing\\n %d\"}\n", d, d);
		if (d == 3)
			sbuf_add(&b, "      - {id: d3-cl, text: Walk it, checklist: cl}\n");
	}
	sbuf_add(&b, "---\nkind: plan\nid: q\ntitle: Plan Q\nweeks: [{week: 1, theme: W}]\n"
	         "days:\n");
	for (int d = 1; d <= 7; d++)
		sbuf_addf(&b, "  - {day: %d, title: Q%d, tasks: [{id: q%d, text: T}, "
		          "{id: r%d, text: U}]}\n", d, d, d, d);
	struct content_run *run = content_load_buffer("mem/fixture.yaml", b.s, b.len,
	                                              import_lookup, db);
	CHECK_INT(run->diags.n, 0);
	if (run->diags.n)
		diags_print(&run->diags, stderr);
	struct import_stats st;
	import_run(db, run, &st);
	content_free(run);
	sbuf_free(&b);
}

static void
review(const char *card, const char *iso, const char *mode)
{
	db_exec(db, "INSERT INTO review_log(card_key, reviewed_at, rating, mode) "
	        "VALUES (?, ?, 3, ?)", "tit", card, at(iso), mode);
}

static int
run_count(void)
{
	return (int)db_int(db, 0, "SELECT count(*) FROM plan_run", "");
}

static void
test_list_and_start(void)
{
	struct plan_info *p;
	size_t n = plan_list(db, &p);
	CHECK_INT(n, 2);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(p[i].id, "p") == 0) {
			found = 1;
			CHECK_INT(p[i].weeks, 2);
			CHECK_INT(p[i].ntasks, 29);
		}
	CHECK(found);
	plan_info_free(p, n);

	char *cause = NULL;
	CHECK(plan_load(db, at("2025-01-28T12:00:00Z")) == NULL);
	CHECK_INT(plan_start(db, "pp", date("2025-01-28"), 0, 1, NULL, &cause), -1);
	CHECK(cause && strstr(cause, "did you mean 'p'"));
	free(cause);
	cause = NULL;
	CHECK_INT(run_count(), 0);
	int64_t run = 0;
	CHECK_INT(plan_start(db, "p", date("2025-01-28"), 0, 1000, &run, &cause), 0);
	CHECK(run > 0);
	CHECK_INT(plan_active_run(db), run);
}

/* Month and year ends, leap days, the rollover hour. */
static void
test_arithmetic(void)
{
	set_tz("UTC");
	struct plan_view *v = plan_load(db, at("2025-01-28T12:00:00Z"));
	CHECK(v != NULL);
	if (v == NULL)
		return;
	CHECK_INT(v->ndays, 14);
	CHECK_INT(v->nweeks, 2);
	CHECK_INT(v->phase, PLAN_ON);
	CHECK_INT(v->today_day, 1);
	CHECK_STR(date_of(v, 4), "2025-01-31");
	CHECK_STR(date_of(v, 5), "2025-02-01");
	CHECK_STR(date_of(v, 14), "2025-02-10");
	CHECK_STR(v->weeks[1].theme, "Beta");
	CHECK_STR(v->days[4].title, "Day 5 title");
	CHECK_STR(plan_find_task(v, "d1-x")->text, "Do thing 1");
	CHECK_INT(v->cur_week, 1);
	char where[96];
	plan_where(v, where, sizeof where);
	CHECK_STR(where, "Day 1 of 14");
	plan_view_free(v);

	v = plan_load(db, at("2025-02-01T12:00:00Z"));
	CHECK_INT(v->today_day, 5);
	CHECK_INT(v->cur_week, 1);
	plan_view_free(v);
	v = plan_load(db, at("2025-02-04T12:00:00Z"));
	CHECK_INT(v->today_day, 8);
	CHECK_INT(v->cur_week, 2);
	plan_view_free(v);

	/* The study day starts at 04:00 by default: 03:30 is still day 1. */
	v = plan_load(db, at("2025-01-29T03:30:00Z"));
	CHECK_INT(v->today_day, 1);
	plan_view_free(v);
	v = plan_load(db, at("2025-01-29T04:00:00Z"));
	CHECK_INT(v->today_day, 2);
	plan_view_free(v);
	db_set_setting(db, "rollover_hour", "0");
	v = plan_load(db, at("2025-01-29T03:30:00Z"));
	CHECK_INT(v->today_day, 2);
	plan_view_free(v);
	db_set_setting(db, "rollover_hour", "4");

	/* Before day 1 and after the last day. */
	v = plan_load(db, at("2025-01-27T12:00:00Z"));
	CHECK_INT(v->phase, PLAN_BEFORE);
	CHECK_INT(v->today_day, 0);
	CHECK_INT(v->pos, 0);
	CHECK_INT(v->overdue, 0);
	plan_where(v, where, sizeof where);
	CHECK_STR(where, "Day 1 of 14 comes on Tue 2025-01-28");
	plan_view_free(v);
	v = plan_load(db, at("2025-02-11T12:00:00Z"));
	CHECK_INT(v->phase, PLAN_AFTER);
	CHECK_INT(v->pos, 14);
	CHECK_INT(v->overdue, 29);
	CHECK_INT(v->cur_week, 2);
	plan_where(v, where, sizeof where);
	CHECK_STR(where, "Finished: day 14 was Mon 2025-02-10");
	plan_view_free(v);

	/* A leap day and a year end, on other runs (replacing this one). */
	char *cause = NULL;
	CHECK_INT(plan_start(db, "q", date("2024-02-27"), 1, 2000, NULL, &cause), 0);
	v = plan_load(db, at("2024-03-01T12:00:00Z"));
	CHECK_STR(date_of(v, 3), "2024-02-29");
	CHECK_STR(date_of(v, 4), "2024-03-01");
	CHECK_INT(v->today_day, 4);
	CHECK_INT(v->ndays, 7);
	plan_view_free(v);
	CHECK_INT(plan_start(db, "q", date("2024-12-30"), 1, 3000, NULL, &cause), 0);
	v = plan_load(db, at("2025-01-01T23:59:59Z"));
	CHECK_STR(date_of(v, 3), "2025-01-01");
	CHECK_INT(v->today_day, 3);
	plan_view_free(v);
	/* 00:30 on 2 January is still study day 1 January with the rollover. */
	v = plan_load(db, at("2025-01-02T00:30:00Z"));
	CHECK_INT(v->today_day, 3);
	plan_view_free(v);
}

/* New York springs forward at 02:00 on 9 March 2025: the study day of
 * 8 March runs from 04:00 EST (09:00Z) to 04:00 EDT (08:00Z), 23 hours.
 * A change of time zone moves "today", never the plan's dates. */
static void
test_dst_and_zones(void)
{
	set_tz("America/New_York");
	char *cause = NULL;
	CHECK_INT(plan_start(db, "p", date("2025-03-07"), 1, 4000, NULL, &cause), 0);
	struct plan_view *v = plan_load(db, at("2025-03-09T07:30:00Z"));   /* 03:30 EDT */
	CHECK_INT(v->today_day, 2);
	CHECK_STR(date_of(v, 3), "2025-03-09");
	plan_view_free(v);
	v = plan_load(db, at("2025-03-09T08:00:00Z"));                     /* 04:00 EDT */
	CHECK_INT(v->today_day, 3);
	plan_view_free(v);
	CHECK_INT(day_number_start(date("2025-03-09"), 4), at("2025-03-09T08:00:00Z"));
	CHECK_INT(day_number_start(date("2025-03-08"), 4), at("2025-03-08T09:00:00Z"));

	/* Reviews inside day 2's 23 hours count for its deck task; 03:59 EST
	 * on 8 March still belongs to day 1. */
	review("k1", "2025-03-08T08:59:00Z", "review");
	v = plan_load(db, at("2025-03-09T07:59:00Z"));
	CHECK_INT(plan_find_task(v, "d1-deck")->progress, 1);
	CHECK_INT(plan_find_task(v, "d2-deck")->progress, 0);
	plan_view_free(v);
	review("k2", "2025-03-08T09:00:00Z", "review");
	review("k3", "2025-03-09T07:59:00Z", "review");
	v = plan_load(db, at("2025-03-09T07:59:00Z"));
	struct plan_task *t = plan_find_task(v, "d2-deck");
	CHECK_INT(t->progress, 2);
	CHECK_INT(t->done, 1);
	CHECK_INT(t->auto_done, 1);
	CHECK_INT(plan_find_task(v, "d1-deck")->done, 0);
	plan_view_free(v);
	CHECK_INT(db_int(db, 0, "SELECT auto FROM task_done WHERE task_id = 'd2-deck' AND "
	                 "run_id = ?", "i", plan_active_run(db)), 1);

	/* The same moment is 10 March in New York and 11 March in Tokyo. */
	int64_t now = at("2025-03-10T20:00:00Z");
	v = plan_load(db, now);
	CHECK_INT(v->today_day, 4);
	plan_view_free(v);
	set_tz("Asia/Tokyo");
	v = plan_load(db, now);
	CHECK_INT(v->today_day, 5);
	CHECK_STR(date_of(v, 1), "2025-03-07");
	/* Day 2's tick stays, though its reviews fall on other local days here. */
	CHECK_INT(plan_find_task(v, "d2-deck")->done, 1);
	plan_view_free(v);
	set_tz("UTC");
}

/* Overdue tasks, the default day a shift starts from, previews and
 * shifts, free days between shifted days. */
/* The study day a plan started now begins on: today's, or in the small
 * hours (after midnight, before the rollover) the one starting at the
 * rollover; also across a daylight-saving night. */
static void
test_late_start(void)
{
	set_tz("UTC");
	int64_t sat;
	parse_date("2026-11-28", &sat);
	CHECK_INT(studyday_plan_start(at("2026-11-28T22:00:00Z"), 4), sat);
	CHECK_INT(studyday_plan_start(at("2026-11-28T23:59:59Z"), 4), sat);
	CHECK_INT(studyday_plan_start(at("2026-11-29T00:00:00Z"), 4), sat + 1);
	CHECK_INT(studyday_plan_start(at("2026-11-29T03:48:00Z"), 4), sat + 1);
	CHECK_INT(studyday_plan_start(at("2026-11-29T04:00:00Z"), 4), sat + 1);
	CHECK_INT(studyday_small_hours(at("2026-11-29T03:59:59Z"), 4), 1);
	CHECK_INT(studyday_small_hours(at("2026-11-29T04:00:00Z"), 4), 0);
	/* With the rollover at midnight there are no small hours. */
	CHECK_INT(studyday_plan_start(at("2026-11-29T00:30:00Z"), 0), sat + 1);
	CHECK_INT(studyday_small_hours(at("2026-11-29T00:30:00Z"), 0), 0);
	char buf[80];
	studyday_name(at("2026-11-29T03:48:00Z"), 4, buf, sizeof buf);
	CHECK_STR(buf, "Sat 28 Nov, study day until 04:00");
	studyday_name(at("2026-11-29T04:00:00Z"), 4, buf, sizeof buf);
	CHECK_STR(buf, "Sunday 29 November 2026");
	studyday_when(sat + 1, at("2026-11-29T03:48:00Z"), 4, buf, sizeof buf);
	CHECK_STR(buf, "Sun 29 Nov at 04:00");
	studyday_when(sat + 1, at("2026-11-29T04:48:00Z"), 4, buf, sizeof buf);
	CHECK_STR(buf, "today");
	/* Berlin, the night clocks go forward (02:00 -> 03:00 on 03-31). */
	set_tz("Europe/Berlin");
	int64_t mar31;
	parse_date("2024-03-31", &mar31);
	CHECK_INT(studyday_plan_start(at("2024-03-31T01:30:00Z"), 4), mar31);  /* 03:30 */
	CHECK_INT(studyday_plan_start(at("2024-03-30T22:30:00Z"), 4), mar31 - 1); /* 23:30 */
	set_tz("UTC");
}

static void
test_overdue_and_shift(void)
{
	set_tz("UTC");
	char *cause = NULL;
	CHECK_INT(plan_start(db, "p", date("2025-04-01"), 1, 5000, NULL, &cause), 0);
	/* Day 3: days 1 and 2 missed. */
	struct plan_view *v = plan_load(db, at("2025-04-03T12:00:00Z"));
	CHECK_INT(v->today_day, 3);
	CHECK_INT(v->overdue, 4);
	CHECK_INT(plan_find_task(v, "d1-x")->overdue, 1);
	CHECK_INT(plan_find_task(v, "d3-x")->overdue, 0);
	CHECK_INT(plan_shift_default_from(v), 1);
	CHECK_INT(plan_tick(db, v, "d1-x", 1, 100, &cause), 0);
	plan_view_free(v);
	v = plan_load(db, at("2025-04-03T12:00:00Z"));
	CHECK_INT(v->overdue, 3);
	CHECK_INT(plan_find_task(v, "d1-x")->done, 1);
	CHECK_INT(v->done, 1);
	CHECK_INT(v->weeks[0].ndone, 1);
	CHECK_INT(v->days[0].ndone, 1);
	/* Day 1 has a tick: only day 2 counts as missed. */
	CHECK_INT(plan_shift_default_from(v), 2);

	char *pre = plan_shift_preview(v, 2, 1, &cause);
	CHECK(pre != NULL);
	if (pre) {
		CHECK(strstr(pre, "Push days 2-14 back by 1 day.") != NULL);
		CHECK(strstr(pre, "Day 2: Wed 2025-04-02 -> Thu 2025-04-03") != NULL);
		CHECK(strstr(pre, "Day 14 (the last): Mon 2025-04-14 -> Tue 2025-04-15") != NULL);
		CHECK(strstr(pre, "Day 1 stays where it is.") != NULL);
		CHECK(strstr(pre, "is day 3 of 14; afterwards day 2 of 14") != NULL);
		CHECK(strstr(pre, "Overdue tasks: 3 -> 1.") != NULL);
	}
	free(pre);
	/* A preview writes nothing. */
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM plan_shift", ""), 0);
	CHECK(plan_shift_preview(v, 2, 0, &cause) == NULL);
	CHECK(cause && strstr(cause, "between 1 and"));
	free(cause);
	cause = NULL;
	CHECK_INT(plan_shift(db, v, 15, 1, 1, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(plan_shift(db, v, 0, 1, 1, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(plan_shift(db, v, 2, PLAN_SHIFT_MAX + 1, 1, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(plan_shift(db, v, 2, 1, 200, &cause), 0);
	plan_view_free(v);

	v = plan_load(db, at("2025-04-03T12:00:00Z"));
	CHECK_INT(v->today_day, 2);
	CHECK_INT(v->overdue, 1);
	CHECK_STR(date_of(v, 1), "2025-04-01");
	CHECK_STR(date_of(v, 2), "2025-04-03");
	CHECK_STR(date_of(v, 14), "2025-04-15");
	CHECK_INT(v->nshifts, 1);
	/* A second shift later in the plan adds up with the first. */
	CHECK_INT(plan_shift(db, v, 10, 3, 300, &cause), 0);
	plan_view_free(v);
	v = plan_load(db, at("2025-04-03T12:00:00Z"));
	CHECK_STR(date_of(v, 9), "2025-04-10");
	CHECK_STR(date_of(v, 10), "2025-04-14");
	CHECK_STR(date_of(v, 14), "2025-04-18");
	plan_view_free(v);
	/* 11-13 April lie between day 9 and day 10: free days. */
	v = plan_load(db, at("2025-04-12T12:00:00Z"));
	CHECK_INT(v->phase, PLAN_BREAK);
	CHECK_INT(v->today_day, 0);
	CHECK_INT(v->pos, 9);
	CHECK_INT(v->cur_week, 2);
	char where[96];
	plan_where(v, where, sizeof where);
	CHECK_STR(where, "A free day; day 10 of 14 comes on Mon 2025-04-14");
	/* Days 2-9 have no tick (day 1 has one): they are the days missed. */
	CHECK_INT(plan_shift_default_from(v), 2);
	plan_view_free(v);
}

/* Deck tasks tick themselves from review-log rows of their day; other
 * decks, cram answers and other days do not count; an undone grade the
 * same day takes the tick back; a checklist completed on a task's day
 * ticks it. */
static void
test_auto_ticks(void)
{
	set_tz("UTC");
	char *cause = NULL;
	CHECK_INT(plan_start(db, "p", date("2025-05-01"), 1, 6000, NULL, &cause), 0);
	int64_t run = plan_active_run(db);
	review("k1", "2025-05-01T10:00:00Z", "review");
	review("o1", "2025-05-01T10:01:00Z", "review");   /* another deck */
	review("k2", "2025-05-01T10:02:00Z", "cram");     /* not a review */
	review("k2", "2025-05-02T04:00:00Z", "review");   /* day 2 */
	struct plan_view *v = plan_load(db, at("2025-05-01T20:00:00Z"));
	struct plan_task *t = plan_find_task(v, "d1-deck");
	CHECK_INT(t->progress, 1);
	CHECK_INT(t->done, 0);
	/* Future days show no progress yet. */
	CHECK_INT(plan_find_task(v, "d2-deck")->progress, -1);
	CHECK_INT(plan_find_task(v, "d1-x")->progress, -1);
	plan_view_free(v);

	review("k3", "2025-05-02T03:59:59Z", "review");   /* still 1 May's study day */
	v = plan_load(db, at("2025-05-02T03:59:59Z"));
	t = plan_find_task(v, "d1-deck");
	CHECK_INT(t->progress, 2);
	CHECK_INT(t->done, 1);
	CHECK_INT(t->auto_done, 1);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM task_done WHERE run_id = ? AND "
	                 "task_id = 'd1-deck' AND auto = 1", "i", run), 1);
	/* It cannot be unticked while its reviews stand. */
	CHECK_INT(plan_tick(db, v, "d1-deck", 0, 1, &cause), -1);
	CHECK(cause && strstr(cause, "ticks itself"));
	free(cause);
	cause = NULL;
	plan_view_free(v);

	/* Undoing the last grade the same day takes the tick back. */
	db_exec(db, "DELETE FROM review_log WHERE card_key = 'k3'", "");
	v = plan_load(db, at("2025-05-02T03:59:59Z"));
	CHECK_INT(plan_find_task(v, "d1-deck")->done, 0);
	plan_view_free(v);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM task_done WHERE run_id = ? AND "
	                 "task_id = 'd1-deck'", "i", run), 0);

	/* Day 2 needs two reviews on 2 May; once ticked, a later day keeps
	 * the tick. */
	review("k1", "2025-05-02T18:00:00Z", "review");
	v = plan_load(db, at("2025-05-02T18:00:00Z"));
	CHECK_INT(plan_find_task(v, "d2-deck")->done, 1);
	plan_view_free(v);
	v = plan_load(db, at("2025-05-05T18:00:00Z"));
	CHECK_INT(plan_find_task(v, "d2-deck")->done, 1);
	CHECK_INT(plan_find_task(v, "d1-deck")->overdue, 1);
	/* A manual tick of an unfinished deck task works and can be undone. */
	CHECK_INT(plan_tick(db, v, "d1-deck", 1, 1, &cause), 0);
	CHECK_INT(db_int(db, -1, "SELECT auto FROM task_done WHERE run_id = ? AND "
	                 "task_id = 'd1-deck'", "i", run), 0);
	CHECK_INT(plan_tick(db, v, "d1-deck", 0, 1, &cause), 0);
	CHECK_INT(plan_tick(db, v, "nope", 1, 1, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(plan_tick(db, v, "d1-dekc", 1, 1, &cause), -1);
	CHECK(cause && strstr(cause, "did you mean 'd1-deck'"));
	free(cause);
	cause = NULL;
	plan_view_free(v);

	/* The checklist task of day 3 (3 May) ticks when cl is completed
	 * that day, not before. */
	int comp = 0;
	CHECK_INT(checklist_tick(db, "cl", "one", 1, at("2025-05-02T12:00:00Z"), &comp, &cause), 0);
	CHECK_INT(checklist_tick(db, "cl", "2", 1, at("2025-05-02T12:00:00Z"), &comp, &cause), 0);
	v = plan_load(db, at("2025-05-03T11:00:00Z"));
	CHECK_INT(plan_find_task(v, "d3-cl")->done, 0);
	plan_view_free(v);
	CHECK_INT(checklist_tick(db, "cl", "three", 1, at("2025-05-03T12:00:00Z"), &comp,
	                         &cause), 0);
	CHECK_INT(comp, 1);
	v = plan_load(db, at("2025-05-03T13:00:00Z"));
	t = plan_find_task(v, "d3-cl");
	CHECK_INT(t->done, 1);
	CHECK_INT(t->auto_done, 1);
	plan_view_free(v);
	CHECK_INT(checklist_reset(db, "cl", &cause), 3);
}

/* Starting another plan ends the old run and keeps its history;
 * weekly reviews. */
static void
test_replace_and_review(void)
{
	set_tz("UTC");
	char *cause = NULL;
	int64_t old = plan_active_run(db);
	int olddone = (int)db_int(db, 0, "SELECT count(*) FROM task_done WHERE run_id = ?",
	                          "i", old);
	CHECK(olddone > 0);
	int runs = run_count();
	CHECK_INT(plan_start(db, "q", date("2025-06-01"), 0, 7000, NULL, &cause), -1);
	CHECK(cause && strstr(cause, "'p' is running"));
	free(cause);
	cause = NULL;
	CHECK_INT(run_count(), runs);
	CHECK_INT(plan_active_run(db), old);
	CHECK_INT(db_exec(db, "UPDATE doc SET retired = 1 WHERE id = 'q'", ""), 1);
	CHECK_INT(plan_start(db, "q", date("2025-06-01"), 1, 7000, NULL, &cause), -1);
	CHECK(cause && strstr(cause, "retired"));
	free(cause);
	cause = NULL;
	db_exec(db, "UPDATE doc SET retired = 0 WHERE id = 'q'", "");

	int64_t run = 0;
	CHECK_INT(plan_start(db, "p", date("2025-06-01"), 1, 7000, &run, &cause), 0);
	CHECK(run != old);
	CHECK_INT(db_int(db, -1, "SELECT active FROM plan_run WHERE id = ?", "i", old), 0);
	CHECK_INT(db_int(db, -1, "SELECT ended_at FROM plan_run WHERE id = ?", "i", old), 7000);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM plan_run WHERE active = 1", ""), 1);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM task_done WHERE run_id = ?", "i", old),
	          olddone);

	struct plan_runinfo *ri;
	size_t nr = plan_runs(db, &ri);
	CHECK_INT(nr, run_count());
	for (size_t i = 0; i < nr; i++) {
		if (ri[i].id == old) {
			CHECK_INT(ri[i].active, 0);
			CHECK_INT(ri[i].ended_at, 7000);
			CHECK_INT(ri[i].ticked, olddone);
		} else if (ri[i].id == run) {
			CHECK_INT(ri[i].active, 1);
			CHECK_INT(ri[i].start_day, date("2025-06-01"));
		}
	}
	plan_runs_free(ri, nr);

	/* The new run starts clean. */
	struct plan_view *v = plan_load(db, at("2025-06-06T12:00:00Z"));
	CHECK_INT(v->done, 0);
	CHECK_INT(v->review_due, 0);
	CHECK_INT(plan_review_save(db, v, 2, "x", "y", 1, &cause), -1);
	CHECK(cause && strstr(cause, "has not begun"));
	free(cause);
	cause = NULL;
	CHECK_INT(plan_review_save(db, v, 3, "x", "y", 1, &cause), -1);
	free(cause);
	cause = NULL;
	plan_view_free(v);
	/* Day 7 is the end of week 1: its review is due. */
	v = plan_load(db, at("2025-06-07T12:00:00Z"));
	CHECK_INT(v->review_due, 1);
	CHECK_INT(v->weeks[0].ended, 1);
	CHECK_INT(v->weeks[1].ended, 0);
	CHECK_INT(plan_review_save(db, v, 1, "Graphs \"moved\" to week 2", NULL, 8000,
	                           &cause), 0);
	plan_view_free(v);
	v = plan_load(db, at("2025-06-07T12:00:00Z"));
	CHECK_INT(v->review_due, 0);
	CHECK_INT(v->weeks[0].reviewed, 1);
	CHECK_STR(v->weeks[0].moved, "Graphs \"moved\" to week 2");
	CHECK_STR(v->weeks[0].reprioritize, "");
	/* NULL keeps the stored answer. */
	CHECK_INT(plan_review_save(db, v, 1, NULL, "More DP", 8100, &cause), 0);
	plan_view_free(v);
	v = plan_load(db, at("2025-06-07T12:00:00Z"));
	CHECK_STR(v->weeks[0].moved, "Graphs \"moved\" to week 2");
	CHECK_STR(v->weeks[0].reprioritize, "More DP");
	CHECK_INT(v->weeks[0].reviewed_at, 8100);
	plan_view_free(v);

	CHECK_INT(plan_stop(db, 9000), 1);
	CHECK(plan_load(db, at("2025-06-07T12:00:00Z")) == NULL);
	CHECK_INT(plan_stop(db, 9000), 0);
}

static void
test_checklists(void)
{
	char *cause = NULL;
	/* Later than the completions of test_auto_ticks. */
	int64_t T0 = at("2025-07-01T00:00:00Z");
	struct checklist *all;
	size_t n = checklist_list(db, &all);
	CHECK_INT(n, 1);
	CHECK_STR(all[0].id, "cl");
	CHECK_INT(all[0].nitems, 3);
	checklist_list_free(all, n);

	CHECK(checklist_load(db, "c1", &cause) == NULL);
	CHECK(cause && strstr(cause, "did you mean 'cl'"));
	free(cause);
	cause = NULL;
	int comp = 0;
	CHECK_INT(checklist_tick(db, "cl", "four", 1, 100, &comp, &cause), -1);
	CHECK(cause && strstr(cause, "no item 'four'"));
	free(cause);
	cause = NULL;
	CHECK_INT(checklist_tick(db, "cl", "4", 1, 100, &comp, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(checklist_tick(db, "cl", "0", 1, 100, &comp, &cause), -1);
	free(cause);
	cause = NULL;

	struct checklist *c = checklist_load(db, "cl", &cause);
	int before = c->times_done;
	checklist_free(c);
	CHECK_INT(checklist_tick(db, "cl", "1", 1, T0 + 1000, &comp, &cause), 0);
	CHECK_INT(checklist_tick(db, "cl", "two", 1, T0 + 1001, &comp, &cause), 0);
	CHECK_INT(comp, 0);
	/* Ticking twice changes nothing. */
	CHECK_INT(checklist_tick(db, "cl", "two", 1, T0 + 1002, &comp, &cause), 0);
	c = checklist_load(db, "cl", &cause);
	CHECK_INT(c->nticked, 2);
	CHECK_INT(c->items[1].ticked_at, T0 + 1001);
	CHECK_INT(c->items[2].ticked, 0);
	checklist_free(c);
	CHECK_INT(checklist_tick(db, "cl", "three", 1, T0 + 1003, &comp, &cause), 0);
	CHECK_INT(comp, 1);
	c = checklist_load(db, "cl", &cause);
	CHECK_INT(c->times_done, before + 1);
	CHECK_INT(c->last_done, T0 + 1003);
	checklist_free(c);
	/* Unticking and ticking again within the same pass records nothing new. */
	CHECK_INT(checklist_tick(db, "cl", "three", 0, T0 + 1004, &comp, &cause), 0);
	CHECK_INT(checklist_tick(db, "cl", "three", 1, T0 + 1005, &comp, &cause), 0);
	CHECK_INT(comp, 0);
	c = checklist_load(db, "cl", &cause);
	CHECK_INT(c->times_done, before + 1);
	CHECK_INT(c->nticked, 3);
	checklist_free(c);
	/* Reset for the next use keeps the completion. */
	CHECK_INT(checklist_reset(db, "cl", &cause), 3);
	c = checklist_load(db, "cl", &cause);
	CHECK_INT(c->nticked, 0);
	CHECK_INT(c->times_done, before + 1);
	CHECK_INT(c->last_done, T0 + 1003);
	checklist_free(c);
	/* A second pass is a second completion. */
	for (int i = 1; i <= 3; i++) {
		char item[4];
		snprintf(item, sizeof item, "%d", i);
		CHECK_INT(checklist_tick(db, "cl", item, 1, T0 + 2000 + i, &comp, &cause), 0);
	}
	CHECK_INT(comp, 1);
	CHECK_INT(checklist_done(db, "cl", T0 + 3000, &cause), 0);
	c = checklist_load(db, "cl", &cause);
	CHECK_INT(c->times_done, before + 3);
	CHECK_INT(c->last_done, T0 + 3000);
	checklist_free(c);
	CHECK_INT(checklist_reset(db, "nope", &cause), -1);
	free(cause);
}

int
main(void)
{
	char dir[256];
	snprintf(dir, sizeof dir, "%s/prepdeck-plantest-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 99;
	char *path = xprintf("%s/p.db", dir);
	char *cause = NULL;
	db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	CHECK(db != NULL);
	if (db == NULL) {
		fprintf(stderr, "%s\n", cause);
		return check_done();
	}
	import_fixture();
	test_list_and_start();
	test_arithmetic();
	test_dst_and_zones();
	test_late_start();
	test_overdue_and_shift();
	test_auto_ticks();
	test_replace_and_review();
	test_checklists();
	db_close(db);
	char *wal = xprintf("%s-wal", path), *shm = xprintf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	unlink(path);
	rmdir(dir);
	free(wal);
	free(shm);
	free(path);
	return check_done();
}
