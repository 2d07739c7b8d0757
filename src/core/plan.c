#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "plan.h"
#include "review.h"
#include "settings.h"
#include "util.h"

size_t
plan_list(struct db *db, struct plan_info **out)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT d.id, d.title,"
	        " (SELECT max(week) FROM plan_week w WHERE w.plan_id = d.id AND w.retired = 0),"
	        " (SELECT count(*) FROM plan_task t WHERE t.plan_id = d.id AND t.retired = 0)"
	        " FROM doc d WHERE d.kind = 'plan' AND d.retired = 0 ORDER BY d.ord, d.id",
	        "");
	size_t n = 0, cap = 4;
	struct plan_info *p = xcalloc(cap, sizeof *p);
	while (db_step(st)) {
		if (n == cap) {
			cap *= 2;
			p = xrealloc(p, cap * sizeof *p);
		}
		p[n].id = xstrdup(db_col_text(st, 0));
		p[n].title = xstrdup(db_col_text(st, 1));
		p[n].weeks = (int)db_col_int(st, 2);
		p[n].ntasks = (int)db_col_int(st, 3);
		n++;
	}
	db_finalize(st);
	*out = p;
	return n;
}

void
plan_info_free(struct plan_info *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].id);
		free(p[i].title);
	}
	free(p);
}

int
plan_week_of(int day)
{
	return day < 1 ? 1 : (day - 1) / 7 + 1;
}

void
plan_fmt_day(int64_t day, char *buf, size_t n)
{
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	/* 1970-01-01 was a Thursday. */
	int64_t k = ((day % 7) + 7 + 3) % 7;
	char date[16];
	fmt_date(day, date, sizeof date);
	snprintf(buf, n, "%s %s", wd[k], date);
}

void
plan_where(const struct plan_view *v, char *buf, size_t n)
{
	char d[20];
	switch (v->phase) {
	case PLAN_ON:
		snprintf(buf, n, "Day %d of %d", v->today_day, v->ndays);
		break;
	case PLAN_BEFORE:
		plan_fmt_day(plan_date(v, 1), d, sizeof d);
		snprintf(buf, n, "Day 1 of %d comes on %s", v->ndays, d);
		break;
	case PLAN_BREAK:
		plan_fmt_day(plan_date(v, v->pos + 1), d, sizeof d);
		snprintf(buf, n, "A free day; day %d of %d comes on %s", v->pos + 1, v->ndays, d);
		break;
	case PLAN_AFTER:
		plan_fmt_day(plan_date(v, v->ndays), d, sizeof d);
		snprintf(buf, n, "Finished: day %d was %s", v->ndays, d);
		break;
	}
}

size_t
plan_runs(struct db *db, struct plan_runinfo **out)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT r.id, r.plan_id, r.start_day, r.started_at, ifnull(r.ended_at, 0),"
	        " r.active, (SELECT count(*) FROM task_done d WHERE d.run_id = r.id)"
	        " FROM plan_run r ORDER BY r.id",
	        "");
	size_t n = 0, cap = 4;
	struct plan_runinfo *r = xcalloc(cap, sizeof *r);
	while (db_step(st)) {
		if (n == cap) {
			cap *= 2;
			r = xrealloc(r, cap * sizeof *r);
		}
		r[n].id = db_col_int(st, 0);
		r[n].plan_id = xstrdup(db_col_text(st, 1));
		r[n].start_day = db_col_int(st, 2);
		r[n].started_at = db_col_int(st, 3);
		r[n].ended_at = db_col_int(st, 4);
		r[n].active = (int)db_col_int(st, 5);
		r[n].ticked = (int)db_col_int(st, 6);
		n++;
	}
	db_finalize(st);
	*out = r;
	return n;
}

void
plan_runs_free(struct plan_runinfo *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(r[i].plan_id);
	free(r);
}

int64_t
plan_active_run(struct db *db)
{
	return db_int(db, 0,
	              "SELECT id FROM plan_run WHERE active = 1 ORDER BY id DESC "
	              "LIMIT 1",
	              "");
}

/* A "did you mean" hint for an unknown plan id, with the plans there are
 * (caller frees). */
static char *
unknown_plan(struct db *db, const char *id)
{
	struct plan_info *p;
	size_t n = plan_list(db, &p);
	struct sbuf b = { 0 };
	sbuf_addf(&b, "no study plan '%s'", id);
	const char *best = NULL;
	int bestd = 3;
	for (size_t i = 0; i < n; i++) {
		int d = str_distance(id, p[i].id);
		if (d < bestd) {
			bestd = d;
			best = p[i].id;
		}
	}
	if (best)
		sbuf_addf(&b, " (did you mean '%s'?)", best);
	if (n) {
		sbuf_add(&b, "; the plans are:");
		for (size_t i = 0; i < n; i++)
			sbuf_addf(&b, "%s %s", i ? "," : "", p[i].id);
	} else {
		sbuf_add(&b, "; no plan is imported");
	}
	plan_info_free(p, n);
	return sbuf_take(&b);
}

int
plan_start(struct db *db, const char *plan_id, int64_t start_day, int replace, int64_t now,
           int64_t *run_id, char **cause)
{
	int64_t retired = db_int(db, -1,
	                         "SELECT retired FROM doc WHERE id = ? AND "
	                         "kind = 'plan'",
	                         "t", plan_id);
	if (retired == -1) {
		if (cause)
			*cause = unknown_plan(db, plan_id);
		return -1;
	}
	if (retired)
		return fail(cause,
		            "the plan '%s' is retired (it is no longer in the "
		            "curriculum files)",
		            plan_id);
	if (db_int(db, 0, "SELECT count(*) FROM plan_day WHERE plan_id = ? AND retired = 0", "t",
	           plan_id) == 0)
		return fail(cause, "the plan '%s' has no days", plan_id);
	db_begin(db);
	int64_t active = plan_active_run(db);
	if (active && !replace) {
		char *cur = db_text(db, "SELECT plan_id FROM plan_run WHERE id = ?", "i", active);
		db_rollback(db);
		fail(cause, "the plan '%s' is running; starting another replaces it",
		     cur ? cur : "?");
		free(cur);
		return -1;
	}
	db_exec(db, "UPDATE plan_run SET active = 0, ended_at = ? WHERE active = 1", "i",
	        (int64_t)now);
	db_exec(db,
	        "INSERT INTO plan_run(plan_id, start_day, active, started_at) "
	        "VALUES (?, ?, 1, ?)",
	        "tii", plan_id, (int64_t)start_day, (int64_t)now);
	int64_t id = db_last_rowid(db);
	db_commit(db);
	if (run_id)
		*run_id = id;
	return 0;
}

int
plan_stop(struct db *db, int64_t now)
{
	return db_exec(db, "UPDATE plan_run SET active = 0, ended_at = ? WHERE active = 1", "i",
	               (int64_t)now) > 0;
}

/* The date of plan day `day` with the view's shifts and one more shift
 * (xfrom, xdays) that is not stored (xdays 0 for none). */
static int64_t
date_with(const struct plan_view *v, int day, int xfrom, int xdays)
{
	int64_t d = v->start_day + day - 1;
	for (size_t i = 0; i < v->nshifts; i++)
		if (v->shifts[i].from_day <= day)
			d += v->shifts[i].days;
	if (xdays && xfrom <= day)
		d += xdays;
	return d;
}

int64_t
plan_date(const struct plan_view *v, int day)
{
	return date_with(v, day, 0, 0);
}

/* Where `today` falls with the extra shift (xfrom, xdays): the phase, the
 * plan day dated today (0 if none) and the last day dated on or before it. */
static enum plan_phase
locate(const struct plan_view *v, int64_t today, int xfrom, int xdays, int *today_day, int *pos)
{
	*today_day = 0;
	*pos = 0;
	if (today < date_with(v, 1, xfrom, xdays))
		return PLAN_BEFORE;
	int p = 1;
	while (p < v->ndays && date_with(v, p + 1, xfrom, xdays) <= today)
		p++;
	*pos = p;
	int64_t d = date_with(v, p, xfrom, xdays);
	if (d == today) {
		*today_day = p;
		return PLAN_ON;
	}
	return p == v->ndays ? PLAN_AFTER : PLAN_BREAK;
}

/* Reviews (mode 'review', any card state) of cards of the decks (ids
 * separated by spaces) during study day `day`. */
static int
deck_reviews_on(struct db *db, const char *decks, int64_t day, int rollover)
{
	int64_t from = day_number_start(day, rollover);
	int64_t to = day_number_start(day + 1, rollover);
	return (int)db_int(db, 0,
	                   "SELECT count(*) FROM review_log r JOIN card c ON c.key = r.card_key "
	                   "WHERE instr(' ' || ?1 || ' ', ' ' || c.deck_id || ' ') > 0 "
	                   "AND r.mode = 'review' AND r.reviewed_at >= ?2 AND r.reviewed_at < ?3",
	                   "tii", decks, from, to);
}

/* Cards today's review can still serve from the decks: learning cards
 * due before the day ends, due reviews and new cards, under the daily
 * limits, exactly as the review of those decks would serve them. */
static int
decks_left_today(struct db *db, const char *decks, int64_t now)
{
	struct review_filter f = { .decks = decks };
	struct review_queue q;
	review_queue_build(db, &f, now, &q);
	struct review_counts c;
	review_queue_counts(&q, now, &c);
	review_queue_free(&q);
	return c.learning + c.review + c.fresh;
}

/* True when checklist id was completed during study day `day`. */
static int
checklist_done_on(struct db *db, const char *id, int64_t day, int rollover)
{
	int64_t from = day_number_start(day, rollover);
	int64_t to = day_number_start(day + 1, rollover);
	return db_int(db, 0,
	              "SELECT count(*) FROM checklist_done WHERE checklist_id = ? "
	              "AND completed_at >= ? AND completed_at < ?",
	              "tii", id, from, to) > 0;
}

/* A copy of s with every run of white space turned into one space and
 * none at the ends (caller frees). */
static char *
squeeze(const char *s)
{
	char *out = xmalloc(strlen(s) + 1);
	size_t n = 0;
	int sp = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			sp = n > 0;
			continue;
		}
		if (sp)
			out[n++] = ' ';
		sp = 0;
		out[n++] = *s;
	}
	out[n] = '\0';
	return out;
}

/* Whether a task's own condition (target reached, checklist completed
 * on its day) holds as of today; fills t->progress and t->target for
 * deck tasks. The one place their figures come from: Today, the plan
 * screen and `plan today` all show these. */
static int
condition_met(struct db *db, const struct plan_view *v, struct plan_task *t)
{
	int64_t date = plan_date(v, t->day);
	t->target = t->count;
	if (date > v->today)
		return 0;
	if (strcmp(t->link_kind, "deck") == 0 && t->count > 0) {
		t->progress = deck_reviews_on(db, t->link_id, date, v->rollover);
		/* On its day, the task asks for no more than the day's review
		 * can serve from its decks: finishing the review finishes it.
		 * A past day is judged by its count (its tick, if earned, was
		 * recorded on the day). */
		if (date == v->today && t->progress < t->count) {
			int left = decks_left_today(db, t->link_id, v->now);
			if (t->progress + left < t->count)
				t->target = t->progress + left;
		}
		return t->progress >= t->target;
	}
	if (strcmp(t->link_kind, "checklist") == 0)
		return checklist_done_on(db, t->link_id, date, v->rollover);
	return 0;
}

/* A task over several decks is named by their titles, "A, B". */
static void
deck_titles(struct db *db, struct plan_task *t)
{
	struct sbuf b = { 0 };
	char *ids = xstrdup(t->link_id), *save = NULL;
	for (char *id = strtok_r(ids, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
		char *title = db_text(db, "SELECT title FROM doc WHERE id = ?", "t", id);
		sbuf_addf(&b, "%s%s", b.len ? ", " : "", title ? title : id);
		free(title);
	}
	free(ids);
	free(t->link_title);
	t->link_title = sbuf_take(&b);
}

/* Records the ticks deck and checklist tasks earned by themselves, and
 * takes back today's automatic ticks whose reviews were undone. */
static void
sync_auto(struct db *db, struct plan_view *v, int64_t now)
{
	int began = 0;
	for (size_t i = 0; i < v->ntasks; i++) {
		struct plan_task *t = &v->tasks[i];
		int met = condition_met(db, v, t);
		if (met && !t->done) {
			if (!began++)
				db_begin(db);
			db_exec(db,
			        "INSERT OR IGNORE INTO task_done(run_id, task_id, done_at, "
			        "auto) VALUES (?, ?, ?, 1)",
			        "iti", v->run_id, t->id, (int64_t)now);
			t->done = t->auto_done = 1;
			t->done_at = now;
		} else if (!met && t->done && t->auto_done && t->progress >= 0 &&
		           plan_date(v, t->day) == v->today) {
			if (!began++)
				db_begin(db);
			db_exec(db,
			        "DELETE FROM task_done WHERE run_id = ? AND task_id = ? "
			        "AND auto = 1",
			        "it", v->run_id, t->id);
			t->done = t->auto_done = 0;
			t->done_at = 0;
		}
	}
	if (began)
		db_commit(db);
}

/* Fills the figures derived from dates and ticks. */
static void
compute(struct plan_view *v)
{
	v->phase = locate(v, v->today, 0, 0, &v->today_day, &v->pos);
	switch (v->phase) {
	case PLAN_ON:
		v->cur_week = plan_week_of(v->today_day);
		break;
	case PLAN_BREAK:
		v->cur_week = plan_week_of(v->pos + 1);
		break;
	case PLAN_BEFORE:
		v->cur_week = 1;
		break;
	case PLAN_AFTER:
		v->cur_week = v->nweeks;
		break;
	}
	v->done = v->total = v->overdue = 0;
	for (int w = 0; w < v->nweeks; w++) {
		v->weeks[w].ntasks = v->weeks[w].ndone = 0;
		v->weeks[w].ended = plan_date(v, (w + 1) * 7) <= v->today;
	}
	for (int d = 0; d < v->ndays; d++) {
		v->days[d].date = plan_date(v, d + 1);
		v->days[d].ndone = 0;
	}
	for (size_t i = 0; i < v->ntasks; i++) {
		struct plan_task *t = &v->tasks[i];
		struct plan_dayinfo *d = &v->days[t->day - 1];
		struct plan_weekinfo *w = &v->weeks[t->week - 1];
		t->overdue = !t->done && d->date < v->today;
		v->total++;
		w->ntasks++;
		if (t->done) {
			v->done++;
			w->ndone++;
			d->ndone++;
		}
		if (t->overdue)
			v->overdue++;
	}
	v->review_due = 0;
	for (int w = v->nweeks; w >= 1; w--) {
		if (v->weeks[w - 1].ended) {
			if (!v->weeks[w - 1].reviewed)
				v->review_due = w;
			break;
		}
	}
}

/* Sizes the run's calendar (whole weeks, enough for the plan's last week
 * and day) and fills it with untitled days and weeks. all: the plan was
 * retired, so its retired rows count. */
static void
blank_calendar(struct db *db, struct plan_view *v, int64_t all)
{
	int maxweek = (int)db_int(db, 0,
	                          "SELECT max(week) FROM plan_week WHERE plan_id = ? "
	                          "AND (retired = 0 OR ?)",
	                          "ti", v->plan_id, all);
	int maxday = (int)db_int(db, 0,
	                         "SELECT max(day) FROM plan_day WHERE plan_id = ? "
	                         "AND (retired = 0 OR ?)",
	                         "ti", v->plan_id, all);
	v->nweeks = maxweek > (maxday + 6) / 7 ? maxweek : (maxday + 6) / 7;
	if (v->nweeks < 1)
		v->nweeks = 1;
	v->ndays = 7 * v->nweeks;
	v->weeks = xcalloc((size_t)v->nweeks, sizeof *v->weeks);
	v->days = xcalloc((size_t)v->ndays, sizeof *v->days);
	for (int w = 0; w < v->nweeks; w++) {
		v->weeks[w].week = w + 1;
		v->weeks[w].theme = xstrdup("");
		v->weeks[w].moved = xstrdup("");
		v->weeks[w].reprioritize = xstrdup("");
	}
	for (int d = 0; d < v->ndays; d++) {
		v->days[d].day = d + 1;
		v->days[d].week = plan_week_of(d + 1);
		v->days[d].title = xstrdup("");
	}
}

/* Each week's theme, and the weekly review the learner wrote for it. */
static void
load_weeks(struct db *db, struct plan_view *v, int64_t all)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT week, theme FROM plan_week WHERE "
	                                "plan_id = ? AND (retired = 0 OR ?) AND week "
	                                "BETWEEN 1 AND ?",
	                                "tii", v->plan_id, all, (int64_t)v->nweeks);
	while (db_step(st)) {
		struct plan_weekinfo *w = &v->weeks[db_col_int(st, 0) - 1];
		free(w->theme);
		w->theme = xstrdup(db_col_text(st, 1));
	}
	db_finalize(st);
	st = db_prepare(db,
	                "SELECT week, moved, reprioritize, created_at FROM plan_review "
	                "WHERE run_id = ? AND week BETWEEN 1 AND ?",
	                "ii", v->run_id, (int64_t)v->nweeks);
	while (db_step(st)) {
		struct plan_weekinfo *w = &v->weeks[db_col_int(st, 0) - 1];
		w->reviewed = 1;
		free(w->moved);
		free(w->reprioritize);
		w->moved = xstrdup(db_col_text(st, 1));
		w->reprioritize = xstrdup(db_col_text(st, 2));
		w->reviewed_at = db_col_int(st, 3);
	}
	db_finalize(st);
}

static void
load_day_titles(struct db *db, struct plan_view *v, int64_t all)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT day, title FROM plan_day WHERE "
	                                "plan_id = ? AND (retired = 0 OR ?) AND day "
	                                "BETWEEN 1 AND ?",
	                                "tii", v->plan_id, all, (int64_t)v->ndays);
	while (db_step(st)) {
		struct plan_dayinfo *d = &v->days[db_col_int(st, 0) - 1];
		free(d->title);
		d->title = squeeze(db_col_text(st, 1));
	}
	db_finalize(st);
}

/* The run's shifts (days it was moved by), oldest first. */
static void
load_shifts(struct db *db, struct plan_view *v)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT from_day, days, created_at FROM "
	                                "plan_shift WHERE run_id = ? ORDER BY rowid",
	                                "i", v->run_id);
	size_t cap = 4;
	v->shifts = xcalloc(cap, sizeof *v->shifts);
	while (db_step(st)) {
		if (v->nshifts == cap) {
			cap *= 2;
			v->shifts = xrealloc(v->shifts, cap * sizeof *v->shifts);
		}
		v->shifts[v->nshifts].from_day = (int)db_col_int(st, 0);
		v->shifts[v->nshifts].days = (int)db_col_int(st, 1);
		v->shifts[v->nshifts].created_at = db_col_int(st, 2);
		v->nshifts++;
	}
	db_finalize(st);
}

/* The tasks in day order, each with the title of what it links to and
 * whether (and when) the run has done it; each day points at its first. */
static void
load_tasks(struct db *db, struct plan_view *v, int64_t all)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT t.task_id, t.day, t.ord, t.text, t.link_kind, t.link_id, t.count,"
	        " t.minutes,"
	        " CASE t.link_kind"
	        "  WHEN '' THEN ''"
	        "  WHEN 'story' THEN (SELECT title FROM story WHERE id = t.link_id)"
	        "  WHEN 'skillmap' THEN coalesce((SELECT title FROM gapmap WHERE id = t.link_id),"
	        "   (SELECT title FROM doc WHERE id = t.link_id))"
	        "  ELSE (SELECT title FROM doc WHERE id = t.link_id) END,"
	        " d.done_at, d.auto"
	        " FROM plan_task t LEFT JOIN task_done d ON d.run_id = ?1 AND d.task_id = t.task_id"
	        " WHERE t.plan_id = ?2 AND (t.retired = 0 OR ?3) AND t.day BETWEEN 1 AND ?4"
	        " ORDER BY t.day, t.ord, t.task_id",
	        "itii", v->run_id, v->plan_id, all, (int64_t)v->ndays);
	size_t cap = 64;
	v->tasks = xcalloc(cap, sizeof *v->tasks);
	while (db_step(st)) {
		if (v->ntasks == cap) {
			cap *= 2;
			v->tasks = xrealloc(v->tasks, cap * sizeof *v->tasks);
		}
		struct plan_task *t = &v->tasks[v->ntasks++];
		memset(t, 0, sizeof *t);
		t->id = xstrdup(db_col_text(st, 0));
		t->day = (int)db_col_int(st, 1);
		t->week = plan_week_of(t->day);
		t->ord = (int)db_col_int(st, 2);
		t->text = squeeze(db_col_text(st, 3));
		t->link_kind = xstrdup(db_col_text(st, 4));
		t->link_id = xstrdup(db_col_text(st, 5));
		t->count = (int)db_col_int(st, 6);
		t->minutes = (int)db_col_int(st, 7);
		t->link_title = xstrdup(db_col_text(st, 8));
		t->done = !db_col_isnull(st, 9);
		t->done_at = t->done ? db_col_int(st, 9) : 0;
		t->auto_done = t->done && db_col_int(st, 10) != 0;
		t->progress = -1;
		t->target = t->count;
	}
	db_finalize(st);
	for (size_t i = 0; i < v->ntasks; i++)
		if (strcmp(v->tasks[i].link_kind, "deck") == 0 && strchr(v->tasks[i].link_id, ' '))
			deck_titles(db, &v->tasks[i]);
	for (size_t i = 0; i < v->ntasks; i++) {
		struct plan_dayinfo *d = &v->days[v->tasks[i].day - 1];
		if (d->ntasks++ == 0)
			d->first = i;
	}
}

struct plan_view *
plan_load(struct db *db, int64_t now)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, plan_id, start_day, started_at "
	                                "FROM plan_run WHERE active = 1 ORDER BY id DESC "
	                                "LIMIT 1",
	                                "");
	if (!db_step(st)) {
		db_finalize(st);
		return NULL;
	}
	struct plan_view *v = xcalloc(1, sizeof *v);
	v->run_id = db_col_int(st, 0);
	v->plan_id = xstrdup(db_col_text(st, 1));
	v->start_day = db_col_int(st, 2);
	v->started_at = db_col_int(st, 3);
	db_finalize(st);

	struct settings set;
	settings_load(db, &set);
	v->rollover = set.rollover_hour;
	v->now = now;
	v->today = day_number(now, v->rollover);

	/* A run outlives its plan: when the plan was retired, show its
	 * retired rows rather than nothing. */
	int64_t all = db_int(db, 1, "SELECT retired FROM doc WHERE id = ?", "t", v->plan_id);
	v->title = db_text(db, "SELECT title FROM doc WHERE id = ?", "t", v->plan_id);
	if (v->title == NULL)
		v->title = xstrdup(v->plan_id);
	blank_calendar(db, v, all);
	load_weeks(db, v, all);
	load_day_titles(db, v, all);
	load_shifts(db, v);
	load_tasks(db, v, all);

	sync_auto(db, v, now);
	compute(v);
	return v;
}

void
plan_record_ticks(struct db *db, int64_t now)
{
	plan_view_free(plan_load(db, now));
}

void
plan_view_free(struct plan_view *v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < v->ntasks; i++) {
		struct plan_task *t = &v->tasks[i];
		free(t->id);
		free(t->text);
		free(t->link_kind);
		free(t->link_id);
		free(t->link_title);
	}
	for (int d = 0; d < v->ndays; d++)
		free(v->days[d].title);
	for (int w = 0; w < v->nweeks; w++) {
		free(v->weeks[w].theme);
		free(v->weeks[w].moved);
		free(v->weeks[w].reprioritize);
	}
	free(v->tasks);
	free(v->days);
	free(v->weeks);
	free(v->shifts);
	free(v->plan_id);
	free(v->title);
	free(v);
}

void
plan_describe(const struct plan_view *v, char *buf, size_t n)
{
	char where[48];
	switch (v->phase) {
	case PLAN_ON:
		snprintf(where, sizeof where, "day %d of %d", v->today_day, v->ndays);
		break;
	case PLAN_BEFORE:
		snprintf(where, sizeof where, "not begun");
		break;
	case PLAN_BREAK:
		snprintf(where, sizeof where, "a free day before day %d of %d", v->pos + 1,
		         v->ndays);
		break;
	default:
		snprintf(where, sizeof where, "finished");
		break;
	}
	snprintf(buf, n, "'%s' (%s, %d of %d tasks done)", v->title, where, v->done, v->total);
}

struct plan_task *
plan_find_task(const struct plan_view *v, const char *id)
{
	for (size_t i = 0; i < v->ntasks; i++)
		if (strcmp(v->tasks[i].id, id) == 0)
			return &v->tasks[i];
	return NULL;
}

const char *
plan_suggest_task(const struct plan_view *v, const char *id)
{
	const char *best = NULL;
	int bestd = 3;
	for (size_t i = 0; i < v->ntasks; i++) {
		int d = str_distance(id, v->tasks[i].id);
		if (d < bestd) {
			bestd = d;
			best = v->tasks[i].id;
		}
	}
	return best;
}

int
plan_tick(struct db *db, const struct plan_view *v, const char *task_id, int on, int64_t now,
          char **cause)
{
	struct plan_task *t = plan_find_task(v, task_id);
	if (t == NULL) {
		const char *s = plan_suggest_task(v, task_id);
		if (s)
			return fail(cause, "no task '%s' in the plan '%s' (did you mean '%s'?)",
			            task_id, v->plan_id, s);
		return fail(cause, "no task '%s' in the plan '%s'", task_id, v->plan_id);
	}
	if (on) {
		db_exec(db,
		        "INSERT OR IGNORE INTO task_done(run_id, task_id, done_at, auto) "
		        "VALUES (?, ?, ?, 0)",
		        "iti", v->run_id, t->id, (int64_t)now);
		return 0;
	}
	struct plan_task probe = *t;
	if (condition_met(db, v, &probe)) {
		if (strcmp(t->link_kind, "deck") == 0)
			return fail(cause,
			            "'%s' ticks itself: %d reviews of '%s' were done on "
			            "its day (%d needed)",
			            t->id, probe.progress,
			            *t->link_title ? t->link_title : t->link_id, probe.target);
		return fail(cause,
		            "'%s' ticks itself: the checklist '%s' was completed on "
		            "its day",
		            t->id, t->link_id);
	}
	db_exec(db, "DELETE FROM task_done WHERE run_id = ? AND task_id = ?", "it", v->run_id,
	        t->id);
	return 0;
}

int
plan_shift_default_from(const struct plan_view *v)
{
	int limit;
	switch (v->phase) {
	case PLAN_BEFORE:
		return 1;
	case PLAN_ON:
		limit = v->today_day;
		break;
	case PLAN_BREAK:
		limit = v->pos + 1;
		break;
	default:
		limit = v->ndays + 1;
		break;
	}
	int first = limit;
	for (int d = limit - 1; d >= 1; d--) {
		const struct plan_dayinfo *di = &v->days[d - 1];
		if (di->date >= v->today || di->ntasks == 0 || di->ndone > 0)
			break;
		first = d;
	}
	return first;
}

/* The number of tasks that would be overdue with the extra shift. */
static int
overdue_with(const struct plan_view *v, int xfrom, int xdays)
{
	int n = 0;
	for (size_t i = 0; i < v->ntasks; i++)
		if (!v->tasks[i].done && date_with(v, v->tasks[i].day, xfrom, xdays) < v->today)
			n++;
	return n;
}

static int
check_shift(const struct plan_view *v, int from, int n, char **cause)
{
	if (n < 1 || n > PLAN_SHIFT_MAX)
		return fail(cause, "the number of days must be between 1 and %d, got %d",
		            PLAN_SHIFT_MAX, n);
	if (from == v->ndays + 1 && v->phase == PLAN_AFTER) {
		char d[20];
		plan_fmt_day(plan_date(v, v->ndays), d, sizeof d);
		return fail(cause,
		            "the plan ended on %s with no days missed at its end; "
		            "nothing is left to push back",
		            d);
	}
	if (from < 1 || from > v->ndays)
		return fail(cause, "the day to shift from must be between 1 and %d, got %d",
		            v->ndays, from);
	return 0;
}

/* Describes where today falls with the extra shift, for the preview. */
static void
describe_today(struct sbuf *b, const struct plan_view *v, int xfrom, int xdays)
{
	int td, pos;
	enum plan_phase ph = locate(v, v->today, xfrom, xdays, &td, &pos);
	char d[20];
	switch (ph) {
	case PLAN_ON:
		sbuf_addf(b, "day %d of %d", td, v->ndays);
		break;
	case PLAN_BREAK:
		plan_fmt_day(date_with(v, pos + 1, xfrom, xdays), d, sizeof d);
		sbuf_addf(b, "a free day (day %d comes on %s)", pos + 1, d);
		break;
	case PLAN_BEFORE:
		plan_fmt_day(date_with(v, 1, xfrom, xdays), d, sizeof d);
		sbuf_addf(b, "before the start (day 1 comes on %s)", d);
		break;
	case PLAN_AFTER:
		sbuf_add(b, "after the plan's end");
		break;
	}
}

char *
plan_shift_preview(const struct plan_view *v, int from, int n, char **cause)
{
	if (check_shift(v, from, n, cause) != 0)
		return NULL;
	struct sbuf b = { 0 };
	char was[20], now[20], today[20];
	if (from == v->ndays)
		sbuf_addf(&b, "Push day %d back by %d day%s.\n", from, n, n == 1 ? "" : "s");
	else
		sbuf_addf(&b, "Push days %d-%d back by %d day%s.\n", from, v->ndays, n,
		          n == 1 ? "" : "s");
	plan_fmt_day(plan_date(v, from), was, sizeof was);
	plan_fmt_day(date_with(v, from, from, n), now, sizeof now);
	sbuf_addf(&b, "  Day %d: %s -> %s\n", from, was, now);
	if (from < v->ndays) {
		plan_fmt_day(plan_date(v, v->ndays), was, sizeof was);
		plan_fmt_day(date_with(v, v->ndays, from, n), now, sizeof now);
		sbuf_addf(&b, "  Day %d (the last): %s -> %s\n", v->ndays, was, now);
	}
	if (from == 2)
		sbuf_add(&b, "  Day 1 stays where it is.\n");
	else if (from > 2)
		sbuf_addf(&b, "  Days 1-%d stay where they are.\n", from - 1);
	plan_fmt_day(v->today, today, sizeof today);
	sbuf_addf(&b, "Today (%s) is ", today);
	describe_today(&b, v, 0, 0);
	sbuf_add(&b, "; afterwards ");
	describe_today(&b, v, from, n);
	sbuf_add(&b, ".\n");
	sbuf_addf(&b, "Overdue tasks: %d -> %d. Ticked tasks stay ticked.\n", v->overdue,
	          overdue_with(v, from, n));
	return sbuf_take(&b);
}

int
plan_shift(struct db *db, const struct plan_view *v, int from, int n, int64_t now, char **cause)
{
	if (check_shift(v, from, n, cause) != 0)
		return -1;
	db_exec(db,
	        "INSERT INTO plan_shift(run_id, from_day, days, created_at) "
	        "VALUES (?, ?, ?, ?)",
	        "iiii", v->run_id, (int64_t)from, (int64_t)n, (int64_t)now);
	return 0;
}

int
plan_review_save(struct db *db, const struct plan_view *v, int week, const char *moved,
                 const char *reprioritize, int64_t now, char **cause)
{
	if (week < 1 || week > v->nweeks)
		return fail(cause, "the plan has weeks 1-%d, not %d", v->nweeks, week);
	if ((moved && text_check("what moved", moved, PLAN_REVIEW_MAX, 0, cause) != 0) ||
	    (reprioritize &&
	     text_check("what to reprioritize", reprioritize, PLAN_REVIEW_MAX, 0, cause) != 0))
		return -1;
	int64_t first = plan_date(v, (week - 1) * 7 + 1);
	if (first > v->today) {
		char d[20];
		plan_fmt_day(first, d, sizeof d);
		return fail(cause, "week %d has not begun (it starts on %s)", week, d);
	}
	db_exec(db,
	        "INSERT INTO plan_review(run_id, week, moved, reprioritize, created_at) "
	        "VALUES (?1, ?2, coalesce(?3, ''), coalesce(?4, ''), ?5) "
	        "ON CONFLICT(run_id, week) DO UPDATE SET moved = coalesce(?3, moved), "
	        "reprioritize = coalesce(?4, reprioritize), created_at = ?5",
	        "iitti", v->run_id, (int64_t)week, moved, reprioritize, (int64_t)now);
	return 0;
}

int
plan_interview_warning(struct db *db, const struct plan_view *v, char *buf, size_t n)
{
	buf[0] = '\0';
	struct target t;
	if (v == NULL || target_next(db, v->today, &t) != 0)
		return 0;
	int64_t first = plan_date(v, 1), last = plan_date(v, v->ndays);
	if (last < t.day)
		return 0;
	char d_day[20], d_plan[20];
	plan_fmt_day(t.day, d_day, sizeof d_day);
	if (first >= t.day) {
		plan_fmt_day(first, d_plan, sizeof d_plan);
		snprintf(buf, n, "Interview %s comes before plan day 1 (%s)", d_day, d_plan);
		return 1;
	}
	/* The plan day dated on the interview (shifts may leave a gap). */
	int on = 1;
	while (on < v->ndays && plan_date(v, on + 1) <= t.day)
		on++;
	plan_fmt_day(last, d_plan, sizeof d_plan);
	snprintf(buf, n, "Plan ends %s, after your interview on %s (day %d)", d_plan, d_day, on);
	return 1;
}
