#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "profile.h"
#include "story.h"
#include "storysched.h"
#include "util.h"

/* A rehearsal counts for the schedule when it went through the whole
 * story (modes story and pitch, as the bank's own summaries count) and
 * was completed, not abandoned. */
#define COUNTS "r.completed = 1 AND r.mode IN ('story', 'pitch')"

int
storysched_rating(int64_t sum, int64_t n)
{
	if (n <= 0)
		return 0;
	/* floor(sum / n + 1/2) in integers: 1.5 -> 2, 2.5 -> 3, 3.5 -> 4. */
	int64_t r = (2 * sum + n) / (2 * n);
	return r < FSRS_AGAIN ? FSRS_AGAIN : r > FSRS_EASY ? FSRS_EASY : (int)r;
}

void
storysched_params(const struct settings *set, struct fsrs_params *p)
{
	fsrs_default_params(p, 0);
	p->retention = set->retention;
	if (set->fitted == 1) {
		memcpy(p->w, set->w, sizeof p->w);
		fsrs_clip_weights(p);
	}
	/* Stories are rehearsed on whole days: a weak rehearsal comes back
	 * tomorrow, not in ten minutes. */
	p->enable_short_term = 0;
	fsrs_prepare(p);
}

void
storysched_replay(struct db *db, const char *story_id)
{
	struct settings set;
	settings_load(db, &set);
	struct fsrs_params p;
	storysched_params(&set, &p);
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT r.started_at, sum(x.score), count(x.score) FROM rehearsal r "
	        "JOIN rehearsal_score x ON x.rehearsal_id = r.id WHERE r.story_id = ? AND " COUNTS
	        " GROUP BY r.id ORDER BY r.started_at, r.id",
	        "t", story_id);
	struct fsrs_card c;
	int n = 0;
	while (db_step(st)) {
		int64_t at = db_col_int(st, 0);
		int rating = storysched_rating(db_col_int(st, 1), db_col_int(st, 2));
		if (n == 0)
			fsrs_new_card(&c, at);
		/* A session dated before the previous one (clock trouble) cannot
		 * be scheduled after it; it is skipped. */
		if (rating > 0 && fsrs_review(&p, &c, at, rating, 0, &c) == 0)
			n++;
	}
	db_finalize(st);
	db_begin(db);
	if (n == 0) {
		db_exec(db, "DELETE FROM story_state WHERE story_id = ?", "t", story_id);
	} else {
		db_exec(db,
		        "INSERT OR REPLACE INTO story_state(story_id, state, due, "
		        "stability, difficulty, last_review, reps, lapses, step, scheduled_days) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		        "tiiddiiiii", story_id, (int64_t)c.state, c.due, c.stability, c.difficulty,
		        c.last_review, (int64_t)c.reps, (int64_t)c.lapses, (int64_t)c.step,
		        (int64_t)c.scheduled_days);
	}
	db_commit(db);
}

int
storysched_record(struct db *db, int64_t rehearsal_id)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT r.story_id, " COUNTS ", (SELECT sum(score) FROM rehearsal_score x "
	        "WHERE x.rehearsal_id = r.id), (SELECT count(*) FROM rehearsal_score x WHERE "
	        "x.rehearsal_id = r.id) FROM rehearsal r WHERE r.id = ? AND r.story_id IS NOT "
	        "NULL",
	        "i", rehearsal_id);
	int rating = 0;
	if (db_step(st) && db_col_int(st, 1)) {
		char *story_id = xstrdup(db_col_text(st, 0));
		rating = storysched_rating(db_col_int(st, 2), db_col_int(st, 3));
		db_finalize(st);
		storysched_replay(db, story_id);
		free(story_id);
		return rating;
	}
	db_finalize(st);
	return 0;
}

int
storysched_get(struct db *db, const char *story_id, struct fsrs_card *c)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT state, due, stability, difficulty, last_review, reps, lapses, step, "
	        "scheduled_days FROM story_state WHERE story_id = ?",
	        "t", story_id);
	int rc = -1;
	if (db_step(st)) {
		memset(c, 0, sizeof *c);
		c->state = (int)db_col_int(st, 0);
		c->due = db_col_int(st, 1);
		c->stability = db_col_double(st, 2);
		c->difficulty = db_col_double(st, 3);
		c->last_review = db_col_int(st, 4);
		c->reps = (int)db_col_int(st, 5);
		c->lapses = (int)db_col_int(st, 6);
		c->step = (int)db_col_int(st, 7);
		c->scheduled_days = (int)db_col_int(st, 8);
		rc = 0;
	}
	db_finalize(st);
	return rc;
}

const char *
storysched_why_name(enum storysched_why w)
{
	switch (w) {
	case STORYSCHED_INTERVIEW:
		return "interview week";
	case STORYSCHED_SCHEDULED:
		return "scheduled";
	default:
		return "new";
	}
}

/* ---- the story pool and the interview's stories ----------------------- */

/* One story of the pool with what the rules need. */
struct cand {
	char *id, *title;
	char *comps;       /* word list " a b " */
	char *copied_from; /* "" when none */
	int has_state;
	int64_t due;
	int64_t last;  /* latest completed rehearsal; 0 = never */
	double score;  /* mean self-score of the latest scored one */
	int in_window; /* completed rehearsals in [week start, today) */
	int today;     /* completed rehearsals today */
	int mapped;
	int taken; /* already on today's list */
};

static void
cands_free(struct cand *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].comps);
		free(v[i].copied_from);
	}
	free(v);
}

/* The stories the schedule works on: the user's live stories of type
 * story, or the bundled ones when the user has none, in bank order.
 * week_start..today_start and today_start..today_end are the windows
 * rehearsals are counted in. */
static struct cand *
pool_load(struct db *db, int64_t week_start, int64_t today_start, int64_t today_end, size_t *n)
{
	int64_t bundled = db_int(db, 0,
	                         "SELECT count(*) FROM story WHERE retired = 0 AND "
	                         "type = 'story' AND origin <> 'bundled'",
	                         "") == 0;
	/* One pass over the rehearsals (no correlated scans per story). */
	struct db_stmt *st = db_prepare(
	        db,
	        "WITH c AS (SELECT r.id, r.story_id, r.started_at FROM rehearsal r WHERE " COUNTS
	        "), "
	        "agg AS (SELECT story_id, max(started_at) AS last, "
	        " sum(started_at >= ?1 AND started_at < ?2) AS win, "
	        " sum(started_at >= ?2 AND started_at < ?3) AS tod FROM c GROUP BY story_id), "
	        "ls AS (SELECT story_id, id, max(started_at) FROM c WHERE EXISTS (SELECT 1 "
	        " FROM rehearsal_score y WHERE y.rehearsal_id = c.id) GROUP BY story_id) "
	        "SELECT s.id, " PROFILE_TITLE_SQL(
	                "s") ", s.competencies, ifnull(s.copied_from, ''), "
	                     "st.story_id IS NOT NULL, ifnull(st.due, 0), ifnull(agg.last, 0), "
	                     "ifnull(agg.win, 0), ifnull(agg.tod, 0), "
	                     "(SELECT avg(x.score) FROM rehearsal_score x WHERE x.rehearsal_id = ls.id) "
	                     "FROM story s LEFT JOIN story_state st ON st.story_id = s.id "
	                     "LEFT JOIN agg ON agg.story_id = s.id LEFT JOIN ls ON ls.story_id = s.id "
	                     "WHERE s.retired = 0 AND s.type = 'story' AND (s.origin = 'bundled') = ?4 "
	                     "AND NOT " PROFILE_STORY_SET_ASIDE_SQL(
	                             "s") " "
	                                  "ORDER BY CASE WHEN s.origin = 'bundled' THEN s.src ELSE '' END, s.line, "
	                                  "s.created_at, s.id",
	        "iiii", week_start, today_start, today_end, bundled);
	struct cand *v = NULL;
	size_t k = 0;
	while (db_step(st)) {
		v = xrealloc(v, (k + 1) * sizeof *v);
		struct cand *c = &v[k++];
		memset(c, 0, sizeof *c);
		c->id = xstrdup(db_col_text(st, 0));
		c->title = xstrdup(db_col_text(st, 1));
		c->comps = xstrdup(db_col_text(st, 2));
		c->copied_from = xstrdup(db_col_text(st, 3));
		c->has_state = (int)db_col_int(st, 4);
		c->due = db_col_int(st, 5);
		c->last = db_col_int(st, 6);
		c->in_window = (int)db_col_int(st, 7);
		c->today = (int)db_col_int(st, 8);
		c->score = db_col_double(st, 9);
	}
	db_finalize(st);
	*n = k;
	return v;
}

/* " lower case words " from s: ASCII letters lowered, every other ASCII
 * character but digits a word break, other bytes kept (UTF-8 letters).
 * A new string. */
static char *
norm_words(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addc(&b, ' ');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int c = *p;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
		if (word)
			sbuf_addc(&b, (char)c);
		else if (b.s[b.len - 1] != ' ')
			sbuf_addc(&b, ' ');
	}
	if (b.s[b.len - 1] != ' ')
		sbuf_addc(&b, ' ');
	return sbuf_take(&b);
}

/* True when the words of `needle` (normalised, " a b ") appear together
 * in `hay` (normalised). An empty needle never matches. */
static int
has_words(const char *hay, const char *needle)
{
	return strlen(needle) > 2 && strstr(hay, needle) != NULL;
}

/* True when word list `list` (" a b ") holds the word w. */
static int
list_has(const char *list, const char *w)
{
	if (*w == '\0')
		return 0;
	size_t n = strlen(w);
	for (const char *p = strstr(list, w); p; p = strstr(p + 1, w))
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Sets mapped on the pool stories that belong to an interview whose gap
 * map is map_id: the competencies named by the map's behavioral rows
 * (a competency's name or id among a row's name or keywords, or the
 * row's name inside a competency's name) and the stories those rows
 * list (or a copy of one of them). Returns 1 when that selects no
 * story of the pool and every story maps instead. */
static int
mark_mapped(struct db *db, const char *map_id, struct cand *v, size_t n)
{
	struct sbuf comps, named;
	sbuf_init(&comps);
	sbuf_init(&named);
	sbuf_add(&comps, " ");
	sbuf_add(&named, " ");
	if (map_id != NULL && *map_id) {
		struct story_comp *cv;
		size_t nc;
		story_comps(db, &cv, &nc);
		char **cname = xcalloc(nc ? nc : 1, sizeof *cname);
		char **cid = xcalloc(nc ? nc : 1, sizeof *cid);
		for (size_t i = 0; i < nc; i++) {
			cname[i] = norm_words(cv[i].name);
			cid[i] = norm_words(cv[i].id);
		}
		unsigned char *hit = xcalloc(nc ? nc : 1, 1);
		struct db_stmt *st = db_prepare(
		        db,
		        "SELECT name, keywords, stories FROM gap_row WHERE map_id = ? AND "
		        "category = 'behavioral' AND deleted = 0 AND retired = 0 ORDER BY ord, id",
		        "t", map_id);
		while (db_step(st)) {
			char *rname = norm_words(db_col_text(st, 0));
			char *rtext = norm_words(db_col_text(st, 1));
			char *all = xprintf("%s%s", rname, rtext);
			for (size_t i = 0; i < nc; i++)
				if (has_words(all, cname[i]) || has_words(all, cid[i]) ||
				    has_words(cname[i], rname))
					hit[i] = 1;
			sbuf_add(&named, db_col_text(st, 2));
			sbuf_add(&named, " ");
			free(rname);
			free(rtext);
			free(all);
		}
		db_finalize(st);
		for (size_t i = 0; i < nc; i++) {
			if (hit[i])
				sbuf_addf(&comps, "%s ", cv[i].id);
			free(cname[i]);
			free(cid[i]);
		}
		free(cname);
		free(cid);
		free(hit);
		story_comps_free(cv, nc);
	}
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		v[i].mapped = list_has(named.s, v[i].id) || list_has(named.s, v[i].copied_from);
		char *w = xstrdup(v[i].comps);
		for (char *t = strtok(w, " "); t && !v[i].mapped; t = strtok(NULL, " "))
			v[i].mapped = list_has(comps.s, t);
		free(w);
		any |= v[i].mapped;
	}
	/* Nothing selected (no map, no behavioral rows, or rows that name
	 * nothing the pool has a story for): every story counts. */
	if (!any)
		for (size_t i = 0; i < n; i++)
			v[i].mapped = 1;
	sbuf_free(&comps);
	sbuf_free(&named);
	return !any;
}

void
storysched_mapped(struct db *db, const char *map_id, char ***ids, size_t *n, int *all)
{
	size_t nc;
	struct cand *v = pool_load(db, 0, 0, 0, &nc);
	int a = mark_mapped(db, map_id, v, nc);
	if (all)
		*all = a;
	*ids = xcalloc(nc ? nc : 1, sizeof **ids);
	*n = 0;
	for (size_t i = 0; i < nc; i++)
		if (v[i].mapped)
			(*ids)[(*n)++] = xstrdup(v[i].id);
	cands_free(v, nc);
}

void
storysched_ids_free(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* ---- today's list ----------------------------------------------------- */

static void
add_item(struct storysched_day *d, struct cand *c, enum storysched_why why)
{
	d->items = xrealloc(d->items, (d->n + 1) * sizeof *d->items);
	struct storysched_item *it = &d->items[d->n++];
	it->id = xstrdup(c->id);
	it->title = xstrdup(c->title);
	it->why = why;
	it->due = c->has_state ? c->due : 0;
	it->last_rehearsed = c->last;
	it->last_score = c->score;
	c->taken = 1;
}

/* Order for the interview week and the scheduled stories: never
 * scheduled first, then the longest overdue; bank order breaks ties. */
static int
cmp_due(const void *a, const void *b)
{
	const struct cand *x = *(struct cand *const *)a, *y = *(struct cand *const *)b;
	if (x->has_state != y->has_state)
		return x->has_state ? 1 : -1;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x < y ? -1 : x > y;
}

void
storysched_due(struct db *db, int64_t now, struct storysched_day *d)
{
	struct settings set;
	settings_load(db, &set);
	int roll = set.rollover_hour;
	memset(d, 0, sizeof *d);
	d->today = day_number(now, roll);
	int64_t ts = day_start(now, roll), te = day_end(now, roll);

	struct target t;
	if (target_next(db, d->today, &t) == 0) {
		d->has_target = 1;
		d->target_day = t.day;
		snprintf(d->target_name, sizeof d->target_name, "%s%s%s", t.company,
		         *t.company && *t.role ? ", " : "", t.role);
		d->in_week = t.day - d->today <= STORYSCHED_WEEK;
	}
	int64_t ws = d->in_week ? day_number_start(t.day - STORYSCHED_WEEK, roll) : ts;
	if (ws > ts)
		ws = ts;
	size_t n;
	struct cand *v = pool_load(db, ws, ts, te, &n);
	struct cand **order = xmalloc((n ? n : 1) * sizeof *order);
	for (size_t i = 0; i < n; i++) {
		order[i] = &v[i];
		d->done += v[i].today > 0;
	}
	qsort(order, n, sizeof *order, cmp_due);

	/* The interview week: every mapped story not rehearsed since the
	 * week began, spread evenly over the days left before the interview
	 * (the day itself when it has come). The quota is worked out from
	 * the stories pending when today began, so rehearsing one does not
	 * pull another into today. */
	int remaining = 0;
	if (d->in_week) {
		d->all_competencies = mark_mapped(db, t.map_id, v, n);
		int pending_start = 0, first_today = 0;
		for (size_t i = 0; i < n; i++) {
			if (!v[i].mapped)
				continue;
			d->mapped++;
			if (v[i].in_window == 0) {
				pending_start++;
				first_today += v[i].today > 0;
				d->pending += v[i].today == 0;
			}
		}
		int64_t days_left = t.day - d->today;
		if (days_left < 1)
			days_left = 1;
		d->quota = (int)((pending_start + days_left - 1) / days_left);
		remaining = d->quota - first_today;
	}
	d->total = d->quota > STORYSCHED_PER_DAY ? d->quota : STORYSCHED_PER_DAY;
	for (size_t i = 0; i < n && remaining > 0; i++) {
		struct cand *c = order[i];
		if (c->mapped && c->in_window == 0 && c->today == 0) {
			add_item(d, c, STORYSCHED_INTERVIEW);
			remaining--;
		}
	}
	/* Then the spaced schedule, then stories never scheduled, up to the
	 * day's total with the ones rehearsed today counted in. */
	for (size_t i = 0; i < n && (int)d->n + d->done < d->total; i++) {
		struct cand *c = order[i];
		if (!c->taken && c->today == 0 && c->has_state && c->due <= te)
			add_item(d, c, STORYSCHED_SCHEDULED);
	}
	for (size_t i = 0; i < n && (int)d->n + d->done < d->total; i++) {
		struct cand *c = &v[i];
		if (!c->taken && c->today == 0 && !c->has_state)
			add_item(d, c, STORYSCHED_NEW);
	}
	for (size_t i = 0; i < n; i++) {
		struct cand *c = order[i];
		if (!c->taken && c->has_state && c->due > te) {
			d->next_id = xstrdup(c->id);
			d->next_title = xstrdup(c->title);
			d->next_due = c->due;
			break;
		}
	}
	free(order);
	cands_free(v, n);
}

void
storysched_day_free(struct storysched_day *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].id);
		free(d->items[i].title);
	}
	free(d->items);
	free(d->next_id);
	free(d->next_title);
	d->items = NULL;
	d->next_id = d->next_title = NULL;
	d->n = 0;
}

char *
storysched_suggest(struct db *db, int64_t now)
{
	struct storysched_day d;
	storysched_due(db, now, &d);
	char *id = d.n ? xstrdup(d.items[0].id) : story_suggest(db, NULL);
	storysched_day_free(&d);
	return id;
}
