/* Progress statistics (see stats.h and doc/stats.md). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "settings.h"
#include "stats.h"
#include "util.h"

double
stats_ratio(int passed, int reviews)
{
	return reviews > 0 ? (double)passed / (double)reviews : -1.0;
}

int
stats_heat_level(int n, int max)
{
	if (n <= 0 || max <= 0)
		return 0;
	int l = (4 * n + max - 1) / max;
	return l > 4 ? 4 : l;
}

int
stats_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	int64_t w = (day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

int
stats_heat_weeks(const struct stats *s)
{
	int64_t monday = s->heat_first - stats_weekday(s->heat_first);
	return (int)((s->today - monday) / 7) + 1;
}

int
stats_heat_index(const struct stats *s, int week, int weekday)
{
	int64_t monday = s->heat_first - stats_weekday(s->heat_first);
	int64_t day = monday + (int64_t)week * 7 + weekday;
	if (week < 0 || weekday < 0 || weekday > 6 || day < s->heat_first || day > s->today)
		return -1;
	return (int)(day - s->heat_first);
}

/* Index of the study day containing t among the sorted day starts
 * b[0..n] (b[n] is the end of the last day), or -1 outside them. */
static int
bucket(const int64_t *b, int n, int64_t t)
{
	if (t < b[0] || t >= b[n])
		return -1;
	int lo = 0, hi = n; /* b[lo] <= t < b[hi] */
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (b[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void
load_heat(struct db *db, struct stats *s)
{
	int64_t b[STATS_HEAT_DAYS + 1];
	s->heat_first = s->today - (STATS_HEAT_DAYS - 1);
	for (int i = 0; i <= STATS_HEAT_DAYS; i++)
		b[i] = day_number_start(s->heat_first + i, s->rollover_hour);
	struct db_stmt *st = db_prepare(db,
	                                "SELECT reviewed_at FROM review_log "
	                                "WHERE reviewed_at >= ? AND reviewed_at < ?",
	                                "ii", (int64_t)b[0], (int64_t)b[STATS_HEAT_DAYS]);
	while (db_step(st)) {
		int k = bucket(b, STATS_HEAT_DAYS, db_col_int(st, 0));
		if (k >= 0)
			s->heat[k]++;
	}
	db_finalize(st);
	for (int i = 0; i < STATS_HEAT_DAYS; i++) {
		s->heat_total += s->heat[i];
		s->heat_active += s->heat[i] > 0;
		if (s->heat[i] > s->heat_max)
			s->heat_max = s->heat[i];
	}
	/* The streak counts back from today, or from yesterday while today
	 * has no answers yet; it may reach past the heatmap. */
	int64_t day = s->today;
	if (s->heat[STATS_HEAT_DAYS - 1] == 0)
		day--;
	for (;;) {
		int64_t from = day_number_start(day, s->rollover_hour);
		int64_t to = day_number_start(day + 1, s->rollover_hour);
		if (db_int(db, 0,
		           "SELECT EXISTS (SELECT 1 FROM review_log WHERE "
		           "reviewed_at >= ? AND reviewed_at < ?)",
		           "ii", (int64_t)from, (int64_t)to) == 0)
			break;
		s->streak++;
		day--;
	}
}

static void
load_forecast(struct db *db, struct stats *s)
{
	int64_t b[STATS_FORECAST_DAYS + 1];
	for (int i = 0; i <= STATS_FORECAST_DAYS; i++)
		b[i] = day_number_start(s->today + i, s->rollover_hour);
	struct db_stmt *st = db_prepare(db,
	                                "SELECT s.due FROM card_state s JOIN card "
	                                "c ON c.key = s.key WHERE c.retired = 0 AND "
	                                "s.state <> 0 AND s.suspended = 0 AND s.due < ?",
	                                "i", (int64_t)b[STATS_FORECAST_DAYS]);
	while (db_step(st)) {
		int64_t due = db_col_int(st, 0);
		if (due < b[0]) {
			s->overdue++;
			s->forecast[0]++;
		} else {
			int k = bucket(b, STATS_FORECAST_DAYS, due);
			if (k >= 0)
				s->forecast[k]++;
		}
	}
	db_finalize(st);
	for (int i = 0; i < STATS_FORECAST_DAYS; i++)
		s->forecast_total += s->forecast[i];
}

static void
load_retention(struct db *db, struct stats *s)
{
	int64_t from = day_number_start(s->today - (STATS_RETENTION_DAYS - 1), s->rollover_hour);
	int64_t to = day_number_start(s->today + 1, s->rollover_hour);
	/* A scheduled answer to a card in the review state; Again is a lapse. */
	static const char where[] = "r.mode = 'review' AND r.prev_state = 2 AND "
	                            "r.reviewed_at >= ? AND r.reviewed_at < ?";
	char *sql = xprintf("SELECT count(*), ifnull(sum(r.rating > 1), 0) FROM "
	                    "review_log r WHERE %s",
	                    where);
	struct db_stmt *st = db_prepare(db, sql, "ii", (int64_t)from, (int64_t)to);
	if (db_step(st)) {
		s->ret_reviews = (int)db_col_int(st, 0);
		s->ret_passed = (int)db_col_int(st, 1);
	}
	db_finalize(st);
	free(sql);

	sql = xprintf("SELECT d.id, " PROFILE_TITLE_SQL(
	                      "d") ", (SELECT count(*) FROM review_log r "
	                           "JOIN card c ON c.key = r.card_key WHERE c.deck_id = d.id AND "
	                           "%s), (SELECT ifnull(sum(r.rating > 1), 0) FROM review_log r "
	                           "JOIN card c ON c.key = r.card_key WHERE c.deck_id = d.id AND "
	                           "%s) FROM doc d WHERE d.kind IN ('deck', 'numbers') AND "
	                           "d.retired = 0 ORDER BY d.ord, d.id",
	              where, where);
	st = db_prepare(db, sql, "iiii", (int64_t)from, (int64_t)to, (int64_t)from, (int64_t)to);
	size_t cap = 0;
	while (db_step(st)) {
		if (s->ndecks == cap) {
			cap = cap ? cap * 2 : 16;
			s->decks = xrealloc(s->decks, cap * sizeof *s->decks);
		}
		struct stats_deck *d = &s->decks[s->ndecks++];
		d->id = xstrdup(db_col_text(st, 0));
		d->title = xstrdup(db_col_text(st, 1));
		d->reviews = (int)db_col_int(st, 2);
		d->passed = (int)db_col_int(st, 3);
	}
	db_finalize(st);
	free(sql);
}

static void
load_counts(struct db *db, struct stats *s)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT ifnull(sum(s.suspended = 1), 0), "
	        "ifnull(sum(ifnull(s.suspended, 0) = 0 AND ifnull(s.state, 0) = 0), 0), "
	        "ifnull(sum(s.suspended = 0 AND s.state IN (1, 3)), 0), "
	        "ifnull(sum(s.suspended = 0 AND s.state = 2 AND s.scheduled_days < ?1), 0), "
	        "ifnull(sum(s.suspended = 0 AND s.state = 2 AND s.scheduled_days >= ?1), 0) "
	        "FROM card c LEFT JOIN card_state s ON s.key = c.key WHERE c.retired = 0",
	        "i", (int64_t)STATS_MATURE_DAYS);
	if (db_step(st)) {
		s->n_suspended = (int)db_col_int(st, 0);
		s->n_new = (int)db_col_int(st, 1);
		s->n_learning = (int)db_col_int(st, 2);
		s->n_young = (int)db_col_int(st, 3);
		s->n_mature = (int)db_col_int(st, 4);
	}
	db_finalize(st);
}

/* Adds 1 to the count of section name in the parallel arrays. */
static void
count_section(char ***names, int **counts, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0) {
			(*counts)[i]++;
			return;
		}
	*names = xrealloc(*names, (*n + 1) * sizeof **names);
	*counts = xrealloc(*counts, (*n + 1) * sizeof **counts);
	(*names)[*n] = xstrdup(name);
	(*counts)[*n] = 1;
	(*n)++;
}

/* Fills story->worst_section from the sections of its sessions' ids. */
static void
worst_section(struct db *db, struct stats_story *story, const int64_t *ids)
{
	char **names = NULL;
	int *counts = NULL;
	size_t n = 0;
	for (size_t i = 0; i < story->n; i++) {
		struct db_stmt *st = db_prepare(db,
		                                "SELECT name FROM rehearsal_section "
		                                "WHERE rehearsal_id = ? AND budget_ms > 0 "
		                                "AND spent_ms > budget_ms ORDER BY ord",
		                                "i", (int64_t)ids[i]);
		while (db_step(st)) {
			story->s[i].sections_over++;
			count_section(&names, &counts, &n, db_col_text(st, 0));
		}
		db_finalize(st);
	}
	for (size_t i = 0; i < n; i++) {
		if (counts[i] > story->worst_over) {
			story->worst_over = counts[i];
			free(story->worst_section);
			story->worst_section = xstrdup(names[i]);
		}
		free(names[i]);
	}
	free(names);
	free(counts);
}

static int
cmp_story_recent(const void *pa, const void *pb)
{
	const struct stats_story *a = pa, *b = pb;
	int64_t ta = a->s[a->n - 1].at, tb = b->s[b->n - 1].at;
	if (ta != tb)
		return ta > tb ? -1 : 1;
	return strcmp(a->title, b->title);
}

static void
load_rehearsals(struct db *db, struct stats *s)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT r.id, r.story_id, ifnull(t.title, "
	                                "ifnull(r.story_id, CASE r.mode WHEN 'flow' "
	                                "THEN 'Interview flow' ELSE r.mode END)), r.mode, "
	                                "r.started_at, r.total_ms, r.budget_ms FROM "
	                                "rehearsal r LEFT JOIN story t ON t.id = "
	                                "r.story_id WHERE r.completed = 1 ORDER BY "
	                                "ifnull(r.story_id, ''), r.mode, r.started_at, "
	                                "r.id",
	                                "");
	size_t cap = 0, idcap = 0;
	int64_t *ids = NULL;
	struct stats_story *cur = NULL;
	while (db_step(st)) {
		const char *sid = db_col_isnull(st, 1) ? NULL : db_col_text(st, 1);
		const char *mode = db_col_text(st, 3);
		if (cur == NULL || (sid == NULL) != (cur->story_id == NULL) ||
		    (sid && strcmp(sid, cur->story_id) != 0) || strcmp(mode, cur->mode) != 0) {
			if (cur != NULL)
				worst_section(db, cur, ids);
			if (s->nstories == cap) {
				cap = cap ? cap * 2 : 8;
				s->stories = xrealloc(s->stories, cap * sizeof *s->stories);
			}
			cur = &s->stories[s->nstories++];
			memset(cur, 0, sizeof *cur);
			cur->story_id = sid ? xstrdup(sid) : NULL;
			cur->title = xstrdup(db_col_text(st, 2));
			cur->mode = xstrdup(mode);
			idcap = 0;
		}
		if (cur->n == idcap) {
			idcap = idcap ? idcap * 2 : 8;
			cur->s = xrealloc(cur->s, idcap * sizeof *cur->s);
			ids = xrealloc(ids, idcap * sizeof *ids);
		}
		ids[cur->n] = db_col_int(st, 0);
		struct stats_session *x = &cur->s[cur->n++];
		x->at = db_col_int(st, 4);
		x->total_ms = db_col_int(st, 5);
		x->budget_ms = db_col_int(st, 6);
		x->sections_over = 0;
	}
	db_finalize(st);
	if (cur != NULL)
		worst_section(db, cur, ids);
	free(ids);
	if (s->nstories > 1)
		qsort(s->stories, s->nstories, sizeof *s->stories, cmp_story_recent);
}

/* Appends a point to the trend of (source, cat), starting a new trend
 * when the pair differs from the last one. */
static void
add_point(struct stats *s, size_t *cap, const char *source, const char *stitle, const char *cat,
          const char *name, int64_t day, int score)
{
	struct stats_trend *t = s->ntrends ? &s->trends[s->ntrends - 1] : NULL;
	if (t == NULL || strcmp(t->source, source) != 0 || strcmp(t->cat_id, cat) != 0) {
		if (s->ntrends == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			s->trends = xrealloc(s->trends, *cap * sizeof *s->trends);
		}
		t = &s->trends[s->ntrends++];
		memset(t, 0, sizeof *t);
		t->source = xstrdup(source);
		t->source_title = xstrdup(stitle);
		t->cat_id = xstrdup(cat);
		t->name = xstrdup(name);
	}
	t->p = xrealloc(t->p, (t->n + 1) * sizeof *t->p);
	t->p[t->n].day = day;
	t->p[t->n].score = score;
	t->n++;
}

static void
load_trends(struct db *db, struct stats *s)
{
	size_t cap = 0;
	/* Mock scorecards: rubrics in file order, categories in rubric order,
	 * rounds by date. */
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT k.rubric_id, ifnull(d.title, k.rubric_id), x.cat_id, "
	        "ifnull(c.name, x.cat_id), k.day, x.score FROM scorecard_score x "
	        "JOIN scorecard k ON k.id = x.scorecard_id "
	        "LEFT JOIN doc d ON d.id = k.rubric_id AND d.kind = 'rubric' "
	        "LEFT JOIN rubric_cat c ON c.rubric_id = k.rubric_id AND c.cat_id = x.cat_id "
	        "ORDER BY ifnull(d.ord, 1e9), k.rubric_id, ifnull(c.ord, 1e9), x.cat_id, "
	        "k.day, k.created_at, k.id",
	        "");
	while (db_step(st)) {
		int64_t day;
		if (parse_date(db_col_text(st, 4), &day) != 0)
			continue;
		add_point(s, &cap, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		          db_col_text(st, 3), day, (int)db_col_int(st, 5));
	}
	db_finalize(st);
	/* Rehearsal self-scores; categories named after the behavioral rubric
	 * when they are its category ids. */
	st = db_prepare(db,
	                "SELECT x.category, ifnull((SELECT c.name FROM rubric_cat c WHERE "
	                "c.cat_id = x.category ORDER BY c.rubric_id = 'mock-behavioral' DESC, "
	                "c.retired, c.rubric_id LIMIT 1), x.category), r.started_at, x.score, "
	                "ifnull((SELECT c.ord FROM rubric_cat c WHERE c.cat_id = x.category AND "
	                "c.rubric_id = 'mock-behavioral'), 1e9) AS o FROM rehearsal_score x JOIN "
	                "rehearsal r ON r.id = x.rehearsal_id ORDER BY o, x.category, "
	                "r.started_at, r.id",
	                "");
	while (db_step(st))
		add_point(s, &cap, "rehearsal", "Rehearsal self-scores", db_col_text(st, 0),
		          db_col_text(st, 1), day_number(db_col_int(st, 2), s->rollover_hour),
		          (int)db_col_int(st, 3));
	db_finalize(st);
}

/* Confidence 1..5 from a gap_edit value, 0 for unrated or unreadable. */
static int
conf_value(const char *v)
{
	if (v == NULL || *v == '\0')
		return 0;
	char *end;
	long x = strtol(v, &end, 10);
	return (*end == '\0' && x >= 1 && x <= 5) ? (int)x : 0;
}

static void
gap_point(struct stats_gapmap *g, int64_t day, const int *conf, size_t nrows)
{
	int sum = 0, rated = 0;
	for (size_t i = 0; i < nrows; i++)
		if (conf[i]) {
			sum += conf[i];
			rated++;
		}
	g->p = xrealloc(g->p, (g->n + 1) * sizeof *g->p);
	g->p[g->n].day = day;
	g->p[g->n].rated = rated;
	g->p[g->n].mean = rated ? (double)sum / rated : 0.0;
	g->n++;
}

/* Replays the map's confidence edits forward from the values before the
 * first edit of each skill. */
static void
load_gap_history(struct db *db, struct stats *s, struct stats_gapmap *g)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, ifnull(confidence, 0) FROM "
	                                "gap_row WHERE map_id = ? AND retired = 0 AND "
	                                "deleted = 0 ORDER BY id",
	                                "t", g->id);
	int64_t *rows = NULL;
	int *conf = NULL;
	size_t nrows = 0;
	while (db_step(st)) {
		rows = xrealloc(rows, (nrows + 1) * sizeof *rows);
		conf = xrealloc(conf, (nrows + 1) * sizeof *conf);
		rows[nrows] = db_col_int(st, 0);
		conf[nrows] = (int)db_col_int(st, 1);
		nrows++;
	}
	db_finalize(st);
	g->skills = (int)nrows;

	struct edit {
		size_t row;
		int old, new_;
		int64_t day;
	} *e = NULL;
	size_t ne = 0;
	st = db_prepare(db,
	                "SELECT e.row_id, e.old, e.new, e.at FROM gap_edit e JOIN "
	                "gap_row r ON r.id = e.row_id WHERE r.map_id = ? AND "
	                "r.retired = 0 AND r.deleted = 0 AND e.field = 'confidence' "
	                "ORDER BY e.at, e.id",
	                "t", g->id);
	while (db_step(st)) {
		int64_t rid = db_col_int(st, 0);
		size_t k = 0;
		while (k < nrows && rows[k] != rid)
			k++;
		if (k == nrows)
			continue;
		e = xrealloc(e, (ne + 1) * sizeof *e);
		e[ne].row = k;
		e[ne].old = conf_value(db_col_isnull(st, 1) ? NULL : db_col_text(st, 1));
		e[ne].new_ = conf_value(db_col_isnull(st, 2) ? NULL : db_col_text(st, 2));
		e[ne].day = day_number(db_col_int(st, 3), s->rollover_hour);
		ne++;
	}
	db_finalize(st);
	g->edits = (int)ne;
	if (ne == 0) {
		gap_point(g, s->today, conf, nrows);
	} else {
		/* Each skill starts at the old value of its first edit. */
		for (size_t i = ne; i-- > 0;)
			conf[e[i].row] = e[i].old;
		gap_point(g, e[0].day, conf, nrows);
		for (size_t i = 0; i < ne; i++) {
			conf[e[i].row] = e[i].new_;
			if (i + 1 == ne || e[i + 1].day != e[i].day)
				gap_point(g, e[i].day, conf, nrows);
		}
	}
	free(e);
	free(rows);
	free(conf);
}

static void
load_gaps(struct db *db, struct stats *s)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT m.id, m.title FROM gapmap m WHERE "
	                                "m.retired = 0 AND EXISTS (SELECT 1 FROM "
	                                "gap_row r WHERE r.map_id = m.id AND "
	                                "r.retired = 0 AND r.deleted = 0) ORDER BY "
	                                "m.origin <> 'bundled', m.created_at, m.id",
	                                "");
	size_t cap = 0;
	while (db_step(st)) {
		if (s->ngaps == cap) {
			cap = cap ? cap * 2 : 8;
			s->gaps = xrealloc(s->gaps, cap * sizeof *s->gaps);
		}
		struct stats_gapmap *g = &s->gaps[s->ngaps++];
		memset(g, 0, sizeof *g);
		g->id = xstrdup(db_col_text(st, 0));
		g->title = xstrdup(db_col_text(st, 1));
	}
	db_finalize(st);
	for (size_t i = 0; i < s->ngaps; i++)
		load_gap_history(db, s, &s->gaps[i]);
}

void
stats_load(struct db *db, int64_t now, struct stats *s)
{
	struct settings set;
	memset(s, 0, sizeof *s);
	settings_load(db, &set);
	s->now = now;
	s->rollover_hour = set.rollover_hour;
	s->desired = set.retention;
	s->today = day_number(now, s->rollover_hour);
	load_heat(db, s);
	load_forecast(db, s);
	load_retention(db, s);
	load_counts(db, s);
	load_rehearsals(db, s);
	load_trends(db, s);
	load_gaps(db, s);
}

void
stats_free(struct stats *s)
{
	for (size_t i = 0; i < s->ndecks; i++) {
		free(s->decks[i].id);
		free(s->decks[i].title);
	}
	free(s->decks);
	for (size_t i = 0; i < s->nstories; i++) {
		free(s->stories[i].story_id);
		free(s->stories[i].title);
		free(s->stories[i].mode);
		free(s->stories[i].s);
		free(s->stories[i].worst_section);
	}
	free(s->stories);
	for (size_t i = 0; i < s->ntrends; i++) {
		free(s->trends[i].source);
		free(s->trends[i].source_title);
		free(s->trends[i].cat_id);
		free(s->trends[i].name);
		free(s->trends[i].p);
	}
	free(s->trends);
	for (size_t i = 0; i < s->ngaps; i++) {
		free(s->gaps[i].id);
		free(s->gaps[i].title);
		free(s->gaps[i].p);
	}
	free(s->gaps);
	memset(s, 0, sizeof *s);
}
