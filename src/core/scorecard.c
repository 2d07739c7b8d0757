/* Mock-round scorecards (see scorecard.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "scorecard.h"
#include "settings.h"
#include "util.h"

/* Today's study day number. */
static int64_t
study_today(struct db *db, int64_t now)
{
	struct settings set;
	settings_load(db, &set);
	return day_number(now, set.rollover_hour);
}

static void
load_cats(struct db *db, struct scorecard_rubric *r)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT cat_id, name, level1, level2, "
	                                "level3, level4 FROM rubric_cat WHERE "
	                                "rubric_id = ? AND retired = 0 ORDER BY ord, "
	                                "cat_id",
	                                "t", r->id);
	size_t cap = 0;
	r->cats = NULL;
	r->ncats = 0;
	while (db_step(st)) {
		if (r->ncats == cap) {
			cap = cap ? cap * 2 : 8;
			r->cats = xrealloc(r->cats, cap * sizeof *r->cats);
		}
		struct scorecard_cat *c = &r->cats[r->ncats++];
		c->id = xstrdup(db_col_text(st, 0));
		c->name = xstrdup(db_col_text(st, 1));
		for (int i = 0; i < 4; i++)
			c->level[i] = xstrdup(db_col_text(st, 2 + i));
	}
	db_finalize(st);
}

void
scorecard_rubric_free(struct scorecard_rubric *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->ncats; i++) {
		free(r->cats[i].id);
		free(r->cats[i].name);
		for (int k = 0; k < 4; k++)
			free(r->cats[i].level[k]);
	}
	free(r->cats);
	free(r->id);
	free(r->title);
	free(r->round);
	memset(r, 0, sizeof *r);
}

void
scorecard_rubrics(struct db *db, struct scorecard_rubric **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, title, extra FROM doc WHERE "
	                                "kind = 'rubric' AND retired = 0 ORDER BY "
	                                "ord, id",
	                                "");
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	while (db_step(st)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		struct scorecard_rubric *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = xstrdup(db_col_text(st, 0));
		r->title = xstrdup(db_col_text(st, 1));
		r->round = xstrdup(db_col_text(st, 2));
	}
	db_finalize(st);
	for (size_t i = 0; i < *n; i++)
		load_cats(db, &(*out)[i]);
}

void
scorecard_rubrics_free(struct scorecard_rubric *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		scorecard_rubric_free(&r[i]);
	free(r);
}

int
scorecard_rubric_load(struct db *db, const char *id, struct scorecard_rubric *r, char **cause)
{
	memset(r, 0, sizeof *r);
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, title, extra FROM doc WHERE "
	                                "kind = 'rubric' AND retired = 0 AND id = ?",
	                                "t", id);
	if (db_step(st)) {
		r->id = xstrdup(db_col_text(st, 0));
		r->title = xstrdup(db_col_text(st, 1));
		r->round = xstrdup(db_col_text(st, 2));
	}
	db_finalize(st);
	if (r->id == NULL) {
		/* Name the nearest rubric, and list them when none is near. */
		struct scorecard_rubric *all;
		size_t n;
		scorecard_rubrics(db, &all, &n);
		const char *best = NULL;
		int bestd = 4;
		struct sbuf ids;
		sbuf_init(&ids);
		for (size_t i = 0; i < n; i++) {
			int d = str_distance(id, all[i].id);
			if (d < bestd) {
				bestd = d;
				best = all[i].id;
			}
			sbuf_addf(&ids, "%s%s", i ? ", " : "", all[i].id);
		}
		if (best)
			fail(cause, "no rubric '%s' (did you mean '%s'?)", id, best);
		else
			fail(cause, "no rubric '%s' (rubrics: %s)", id, n ? ids.s : "none");
		sbuf_free(&ids);
		scorecard_rubrics_free(all, n);
		return -1;
	}
	load_cats(db, r);
	if (r->ncats == 0) {
		fail(cause, "rubric '%s' has no categories", id);
		scorecard_rubric_free(r);
		return -1;
	}
	return 0;
}

int
scorecard_cat_index(const struct scorecard_rubric *r, const char *id)
{
	for (size_t i = 0; i < r->ncats; i++)
		if (strcmp(r->cats[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* "unknown category 'x' in rubric r (did you mean 'y'?)" or with the list
 * of the rubric's categories. */
static int
unknown_cat(const struct scorecard_rubric *r, const char *cat, char **cause)
{
	const char *best = NULL;
	int bestd = 3;
	struct sbuf ids;
	sbuf_init(&ids);
	for (size_t i = 0; i < r->ncats; i++) {
		int d = str_distance(cat, r->cats[i].id);
		if (d < bestd) {
			bestd = d;
			best = r->cats[i].id;
		}
		sbuf_addf(&ids, "%s%s", i ? ", " : "", r->cats[i].id);
	}
	if (best)
		fail(cause, "rubric '%s' has no category '%s' (did you mean '%s'?)", r->id, cat,
		     best);
	else
		fail(cause, "rubric '%s' has no category '%s' (its categories: %s)", r->id, cat,
		     ids.s);
	sbuf_free(&ids);
	return -1;
}

int
scorecard_check_day(const char *day, int64_t today, char **cause)
{
	int64_t d;
	if (parse_day("the date of a mock round", day, &d, cause) != 0)
		return -1;
	if (d > today + 1)
		return fail(cause, "date %s is in the future", day);
	return 0;
}

int
scorecard_check_text(const char *what, const char *s, char **cause)
{
	size_t n = strlen(s);
	if (utf8_invalid_at(s, n) >= 0)
		return fail(cause, "%s is not valid UTF-8", what);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return fail(cause,
			            "%s must be one line of text (no control "
			            "characters)",
			            what);
	}
	if (n > SCORECARD_TEXT_MAX)
		return fail(cause, "%s is too long (%zu bytes; at most %d)", what, n,
		            SCORECARD_TEXT_MAX);
	return 0;
}

/* True when s has something other than spaces. */
static int
has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ')
			return 1;
	return 0;
}

int
scorecard_record(struct db *db, const struct scorecard *sc, int64_t now, int64_t *id, char **cause)
{
	struct scorecard_rubric r;
	if (scorecard_rubric_load(db, sc->rubric_id, &r, cause) != 0)
		return -1;
	int rc = -1;
	int *seen = xcalloc(r.ncats, sizeof *seen);
	const char *day = sc->day;
	if (scorecard_check_day(day, study_today(db, now), cause) != 0)
		goto out;
	if (scorecard_check_text("the partner's name", sc->partner ? sc->partner : "", cause) != 0)
		goto out;
	if (!has_text(sc->fix_next)) {
		fail(cause, "the one thing to fix next is missing");
		goto out;
	}
	if (scorecard_check_text("the fix-next text", sc->fix_next, cause) != 0)
		goto out;
	for (size_t i = 0; i < sc->nscores; i++) {
		const struct scorecard_score *s = &sc->scores[i];
		int k = scorecard_cat_index(&r, s->cat_id);
		if (k < 0) {
			unknown_cat(&r, s->cat_id, cause);
			goto out;
		}
		if (seen[k]++) {
			fail(cause, "category '%s' is scored twice", s->cat_id);
			goto out;
		}
		if (s->score < 1 || s->score > 4) {
			fail(cause, "category '%s': score %d is not between 1 and 4", s->cat_id,
			     s->score);
			goto out;
		}
		if (!has_text(s->evidence)) {
			fail(cause, "category '%s' needs one sentence of evidence", s->cat_id);
			goto out;
		}
		char *what = xprintf("the evidence for '%s'", s->cat_id);
		int bad = scorecard_check_text(what, s->evidence, cause);
		free(what);
		if (bad)
			goto out;
	}
	struct sbuf missing;
	sbuf_init(&missing);
	int nmissing = 0;
	for (size_t k = 0; k < r.ncats; k++)
		if (!seen[k])
			sbuf_addf(&missing, "%s%s", nmissing++ ? ", " : "", r.cats[k].id);
	if (nmissing) {
		fail(cause, "rubric '%s' also needs a score for %s", r.id, missing.s);
		sbuf_free(&missing);
		goto out;
	}
	sbuf_free(&missing);

	db_begin(db);
	db_exec(db,
	        "INSERT INTO scorecard (rubric_id, day, partner, fix_next, "
	        "created_at) VALUES (?, ?, ?, ?, ?)",
	        "tttti", r.id, day, sc->partner ? sc->partner : "", sc->fix_next, (int64_t)now);
	*id = db_last_rowid(db);
	for (size_t i = 0; i < sc->nscores; i++)
		db_exec(db,
		        "INSERT INTO scorecard_score (scorecard_id, cat_id, score, "
		        "evidence) VALUES (?, ?, ?, ?)",
		        "itit", (int64_t)*id, sc->scores[i].cat_id, (int64_t)sc->scores[i].score,
		        sc->scores[i].evidence);
	db_commit(db);
	rc = 0;
out:
	free(seen);
	scorecard_rubric_free(&r);
	return rc;
}

int
scorecard_create(struct db *db, const char *rubric_id, const char *day, const char *partner,
                 int64_t now, int64_t *id, char **cause)
{
	struct scorecard_rubric r;
	if (scorecard_rubric_load(db, rubric_id, &r, cause) != 0)
		return -1;
	scorecard_rubric_free(&r);
	if (scorecard_check_day(day, study_today(db, now), cause) != 0 ||
	    scorecard_check_text("the partner's name", partner, cause) != 0)
		return -1;
	db_exec(db,
	        "INSERT INTO scorecard (rubric_id, day, partner, fix_next, "
	        "created_at) VALUES (?, ?, ?, '', ?)",
	        "ttti", rubric_id, day, partner, (int64_t)now);
	*id = db_last_rowid(db);
	return 0;
}

/* The rubric id of scorecard id (caller frees), or NULL with *cause set. */
static char *
rubric_of(struct db *db, int64_t id, char **cause)
{
	char *r = db_text(db, "SELECT rubric_id FROM scorecard WHERE id = ?", "i", (int64_t)id);
	if (r == NULL)
		fail(cause, "no scorecard %lld", (long long)id);
	return r;
}

int
scorecard_set_score(struct db *db, int64_t id, const char *cat_id, int score, const char *evidence,
                    char **cause)
{
	char *rubric = rubric_of(db, id, cause);
	if (rubric == NULL)
		return -1;
	int known = (int)db_int(db, 0,
	                        "SELECT count(*) FROM rubric_cat WHERE "
	                        "rubric_id = ? AND cat_id = ?",
	                        "tt", rubric, cat_id);
	free(rubric);
	if (!known)
		return fail(cause, "scorecard %lld's rubric has no category '%s'", (long long)id,
		            cat_id);
	if (score < 1 || score > 4)
		return fail(cause, "score %d is not between 1 and 4", score);
	if (scorecard_check_text("the evidence", evidence, cause) != 0)
		return -1;
	db_exec(db,
	        "INSERT OR REPLACE INTO scorecard_score (scorecard_id, cat_id, "
	        "score, evidence) VALUES (?, ?, ?, ?)",
	        "itit", (int64_t)id, cat_id, (int64_t)score, evidence);
	return 0;
}

int
scorecard_set_field(struct db *db, int64_t id, const char *field, const char *value, int64_t now,
                    char **cause)
{
	char *rubric = rubric_of(db, id, cause);
	if (rubric == NULL)
		return -1;
	free(rubric);
	if (strcmp(field, "day") == 0) {
		if (scorecard_check_day(value, study_today(db, now), cause) != 0)
			return -1;
		db_exec(db, "UPDATE scorecard SET day = ? WHERE id = ?", "ti", value, (int64_t)id);
	} else if (strcmp(field, "partner") == 0) {
		if (scorecard_check_text("the partner's name", value, cause) != 0)
			return -1;
		db_exec(db, "UPDATE scorecard SET partner = ? WHERE id = ?", "ti", value,
		        (int64_t)id);
	} else if (strcmp(field, "fix_next") == 0) {
		if (scorecard_check_text("the fix-next text", value, cause) != 0)
			return -1;
		db_exec(db, "UPDATE scorecard SET fix_next = ? WHERE id = ?", "ti", value,
		        (int64_t)id);
	} else {
		return fail(cause, "no scorecard field '%s'", field);
	}
	return 0;
}

int
scorecard_delete(struct db *db, int64_t id, char **cause)
{
	char *rubric = rubric_of(db, id, cause);
	if (rubric == NULL)
		return -1;
	free(rubric);
	db_begin(db);
	db_exec(db, "DELETE FROM scorecard_score WHERE scorecard_id = ?", "i", (int64_t)id);
	db_exec(db, "DELETE FROM scorecard WHERE id = ?", "i", (int64_t)id);
	db_commit(db);
	return 0;
}

/* Fills sc's scores, in the order of the rubric's categories (scores of
 * categories that have since left the rubric last). */
static void
load_scores(struct db *db, struct scorecard *sc)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT s.cat_id, ifnull(c.name, ''), "
	                                "s.score, s.evidence FROM scorecard_score s "
	                                "LEFT JOIN rubric_cat c ON c.rubric_id = ? AND "
	                                "c.cat_id = s.cat_id AND c.retired = 0 WHERE "
	                                "s.scorecard_id = ? ORDER BY c.ord IS NULL, "
	                                "c.ord, s.cat_id",
	                                "ti", sc->rubric_id, (int64_t)sc->id);
	size_t cap = 0;
	while (db_step(st)) {
		if (sc->nscores == cap) {
			cap = cap ? cap * 2 : 8;
			sc->scores = xrealloc(sc->scores, cap * sizeof *sc->scores);
		}
		struct scorecard_score *s = &sc->scores[sc->nscores++];
		s->cat_id = xstrdup(db_col_text(st, 0));
		s->name = xstrdup(db_col_text(st, 1));
		s->score = (int)db_col_int(st, 2);
		s->evidence = xstrdup(db_col_text(st, 3));
	}
	db_finalize(st);
}

#define SCORECARD_COLS \
	"SELECT s.id, s.rubric_id, ifnull(d.title, s.rubric_id), s.day, s.partner, " \
	"s.fix_next, s.created_at, (SELECT count(*) FROM rubric_cat c WHERE " \
	"c.rubric_id = s.rubric_id AND c.retired = 0) FROM scorecard s LEFT JOIN " \
	"doc d ON d.id = s.rubric_id AND d.kind = 'rubric' "

static void
read_row(struct db_stmt *st, struct scorecard *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->id = db_col_int(st, 0);
	sc->rubric_id = xstrdup(db_col_text(st, 1));
	sc->rubric_title = xstrdup(db_col_text(st, 2));
	sc->day = xstrdup(db_col_text(st, 3));
	sc->partner = xstrdup(db_col_text(st, 4));
	sc->fix_next = xstrdup(db_col_text(st, 5));
	sc->created_at = db_col_int(st, 6);
	sc->ncats = (int)db_col_int(st, 7);
}

void
scorecard_list(struct db *db, const char *rubric_id, struct scorecard **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db,
	                                SCORECARD_COLS "WHERE ?1 IS NULL OR "
	                                               "s.rubric_id = ?1 ORDER BY s.day DESC, "
	                                               "s.created_at DESC, s.id DESC",
	                                "t", rubric_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	while (db_step(st)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		read_row(st, &(*out)[(*n)++]);
	}
	db_finalize(st);
	for (size_t i = 0; i < *n; i++)
		load_scores(db, &(*out)[i]);
}

int
scorecard_get(struct db *db, int64_t id, struct scorecard *sc, char **cause)
{
	struct db_stmt *st = db_prepare(db, SCORECARD_COLS "WHERE s.id = ?", "i", (int64_t)id);
	int found = db_step(st);
	if (found)
		read_row(st, sc);
	db_finalize(st);
	if (!found) {
		memset(sc, 0, sizeof *sc);
		return fail(cause, "no scorecard %lld", (long long)id);
	}
	load_scores(db, sc);
	return 0;
}

void
scorecard_free(struct scorecard *sc)
{
	if (sc == NULL)
		return;
	for (size_t i = 0; i < sc->nscores; i++) {
		free(sc->scores[i].cat_id);
		free(sc->scores[i].name);
		free(sc->scores[i].evidence);
	}
	free(sc->scores);
	free(sc->rubric_id);
	free(sc->rubric_title);
	free(sc->day);
	free(sc->partner);
	free(sc->fix_next);
	memset(sc, 0, sizeof *sc);
}

void
scorecard_list_free(struct scorecard *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		scorecard_free(&s[i]);
	free(s);
}

double
scorecard_mean(const struct scorecard *sc)
{
	if (sc->nscores == 0)
		return 0;
	int sum = 0;
	for (size_t i = 0; i < sc->nscores; i++)
		sum += sc->scores[i].score;
	return (double)sum / (double)sc->nscores;
}

char *
scorecard_next_fix(struct db *db, char **day)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT fix_next, day FROM scorecard "
	                                "WHERE trim(fix_next) <> '' ORDER BY day "
	                                "DESC, created_at DESC, id DESC LIMIT 1",
	                                "");
	char *fix = NULL;
	if (day)
		*day = NULL;
	if (db_step(st)) {
		fix = xstrdup(db_col_text(st, 0));
		if (day)
			*day = xstrdup(db_col_text(st, 1));
	}
	db_finalize(st);
	return fix;
}
