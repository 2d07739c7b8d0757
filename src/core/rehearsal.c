#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "parse.h"
#include "rehearsal.h"
#include "story.h"
#include "storysched.h"
#include "util.h"

/* ---- the timer ------------------------------------------------------ */

static int64_t
monotonic_ms(void *ctx)
{
	struct timespec ts;
	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const struct rh_clock rh_monotonic = { monotonic_ms, NULL };

static int64_t
now(const struct rh_timer *t)
{
	return t->clock.now_ms(t->clock.ctx);
}

void
rh_init(struct rh_timer *t, const struct rh_clock *clock)
{
	memset(t, 0, sizeof *t);
	t->clock = clock ? *clock : rh_monotonic;
	t->state = RH_READY;
}

void
rh_free(struct rh_timer *t)
{
	for (int i = 0; i < t->nsec; i++) {
		free(t->sec[i].name);
		free(t->sec[i].cue);
	}
	free(t->sec);
	t->sec = NULL;
	t->nsec = 0;
}

void
rh_add(struct rh_timer *t, const char *name, const char *cue, int64_t budget_ms)
{
	t->sec = xrealloc(t->sec, (size_t)(t->nsec + 1) * sizeof *t->sec);
	struct rh_section *s = &t->sec[t->nsec++];
	s->name = xstrdup(name);
	s->cue = xstrdup(cue ? cue : "");
	s->budget_ms = budget_ms;
	s->spent_ms = 0;
}

/* Adds the running stretch to the current section and starts a new
 * stretch at the current reading. */
static void
close_stretch(struct rh_timer *t)
{
	int64_t n = now(t);
	if (t->state == RH_RUNNING && t->cur < t->nsec && n > t->mark)
		t->sec[t->cur].spent_ms += n - t->mark;
	t->mark = n;
}

void
rh_start(struct rh_timer *t)
{
	if (t->state != RH_READY || t->nsec == 0)
		return;
	t->cur = 0;
	t->state = RH_RUNNING;
	t->mark = now(t);
	t->started_at = now_unix();
}

int
rh_next(struct rh_timer *t)
{
	if (t->state != RH_RUNNING && t->state != RH_PAUSED)
		return 0;
	close_stretch(t);
	t->cur++;
	if (t->cur >= t->nsec) {
		t->cur = t->nsec;
		t->state = RH_DONE;
		return 1;
	}
	t->state = RH_RUNNING;
	return 0;
}

void
rh_pause(struct rh_timer *t)
{
	if (t->state != RH_RUNNING)
		return;
	close_stretch(t);
	t->state = RH_PAUSED;
}

void
rh_resume(struct rh_timer *t)
{
	if (t->state != RH_PAUSED)
		return;
	t->mark = now(t);
	t->state = RH_RUNNING;
}

void
rh_toggle_pause(struct rh_timer *t)
{
	if (t->state == RH_RUNNING)
		rh_pause(t);
	else if (t->state == RH_PAUSED)
		rh_resume(t);
}

void
rh_restart(struct rh_timer *t)
{
	if (t->nsec == 0)
		return;
	for (int i = 0; i < t->nsec; i++)
		t->sec[i].spent_ms = 0;
	t->cur = 0;
	t->state = RH_RUNNING;
	t->mark = now(t);
	t->started_at = now_unix();
}

void
rh_abandon(struct rh_timer *t)
{
	if (t->state == RH_RUNNING || t->state == RH_PAUSED) {
		close_stretch(t);
		t->state = RH_ABANDONED;
	}
}

int64_t
rh_elapsed(const struct rh_timer *t, int i)
{
	if (i < 0 || i >= t->nsec)
		return 0;
	int64_t ms = t->sec[i].spent_ms;
	if (t->state == RH_RUNNING && i == t->cur) {
		int64_t n = now(t);
		if (n > t->mark)
			ms += n - t->mark;
	}
	return ms;
}

int64_t
rh_total(const struct rh_timer *t)
{
	int64_t ms = 0;
	for (int i = 0; i < t->nsec; i++)
		ms += rh_elapsed(t, i);
	return ms;
}

int64_t
rh_budget(const struct rh_timer *t)
{
	int64_t ms = 0;
	for (int i = 0; i < t->nsec; i++)
		ms += t->sec[i].budget_ms;
	return ms;
}

int64_t
rh_overrun(const struct rh_timer *t, int i)
{
	if (i < 0 || i >= t->nsec)
		return 0;
	int64_t over = rh_elapsed(t, i) - t->sec[i].budget_ms;
	return over > 0 ? over : 0;
}

int64_t
rehearsal_round_ms(int64_t ms)
{
	return ms >= 0 ? (ms + 500) / 1000 * 1000 : -((-ms + 500) / 1000 * 1000);
}

int64_t
rh_shown(const struct rh_timer *t, int i)
{
	return rehearsal_round_ms(rh_elapsed(t, i));
}

int64_t
rh_shown_total(const struct rh_timer *t)
{
	int64_t ms = 0;
	for (int i = 0; i < t->nsec; i++)
		ms += rh_shown(t, i);
	return ms;
}

int
rh_overruns(const struct rh_timer *t)
{
	int n = 0;
	for (int i = 0; i < t->nsec; i++)
		n += rh_overrun(t, i) > 0;
	return n;
}

/* ---- budgets -------------------------------------------------------- */

static const struct {
	const char *name;
	int dflt_s;
	const char *desc;
} budgets[] = {
	{ "situation", 20, "Situation: the context, kept short" },
	{ "task", 15, "Task: what you had to do" },
	{ "action", 60, "Action: what you did, the longest part" },
	{ "result", 25, "Result: the outcome, with numbers" },
	{ "reflection", 20, "Reflection: what you learned or would change" },
	{ "pitch", 60, "the 60-second pitch" },
	{ "drill", 60, "a drill-down answer to one follow-up question" },
};
#define NBUDGETS ((int)(sizeof budgets / sizeof budgets[0]))

int
rehearsal_budget_describe(int i, const char **name, int *dflt_s, const char **desc)
{
	if (i < 0 || i >= NBUDGETS)
		return 0;
	*name = budgets[i].name;
	*dflt_s = budgets[i].dflt_s;
	*desc = budgets[i].desc;
	return 1;
}

static int
budget_index(const char *name)
{
	for (int i = 0; i < NBUDGETS; i++)
		if (strcasecmp(budgets[i].name, name) == 0)
			return i;
	return -1;
}

int64_t
rehearsal_parse_secs(const char *s)
{
	if (s == NULL || *s == '\0' || *s == '-' || *s == '+')
		return -1;
	const char *colon = strchr(s, ':');
	if (colon != NULL) {
		char *mins = xstrndup(s, (size_t)(colon - s));
		int64_t m;
		int ok = parse_int(NULL, mins, 0, 10000, &m, NULL) == 0;
		free(mins);
		if (!ok)
			return -1;
		const char *sec = colon + 1;
		if (strlen(sec) != 2 || sec[0] < '0' || sec[0] > '5' || sec[1] < '0' ||
		    sec[1] > '9')
			return -1;
		return ((int64_t)m * 60 + (sec[0] - '0') * 10 + (sec[1] - '0')) * 1000;
	}
	double x;
	if (parse_real(NULL, s, 0, 1e7, &x, NULL) != 0)
		return -1;
	return (int64_t)(x * 1000.0 + 0.5);
}

int64_t
rehearsal_budget_step(int64_t ms, int dir)
{
	const int64_t step = RH_BUDGET_STEP_S * 1000;
	int64_t v = dir > 0 ? ms / step * step + step : (ms - 1) / step * step;
	if (v < step)
		v = step;
	if (v > RH_BUDGET_MAX_S * 1000)
		v = RH_BUDGET_MAX_S * 1000;
	return v;
}

int64_t
rehearsal_budget_ms(struct db *db, const char *name)
{
	int i = budget_index(name);
	if (i < 0)
		return 60000;
	char *key = xprintf("budget_%s", budgets[i].name);
	char *v = db_setting(db, key);
	free(key);
	int64_t ms = (int64_t)budgets[i].dflt_s * 1000;
	if (v != NULL) {
		int64_t x = rehearsal_parse_secs(v);
		if (x >= RH_BUDGET_MIN_S * 1000 && x <= RH_BUDGET_MAX_S * 1000)
			ms = x;
		free(v);
	}
	return ms;
}

int
rehearsal_budget_set(struct db *db, const char *name, const char *value, char **cause)
{
	int i = budget_index(name);
	if (i < 0) {
		struct sbuf b;
		sbuf_init(&b);
		for (int k = 0; k < NBUDGETS; k++)
			sbuf_addf(&b, "%s%s", k ? ", " : "", budgets[k].name);
		fail(cause, "unknown section '%s' (one of %s)", name, b.s);
		sbuf_free(&b);
		return -1;
	}
	int64_t ms = rehearsal_parse_secs(value);
	if (ms < 0 || ms % 1000 != 0)
		return fail(cause,
		            "a budget is whole seconds (45) or minutes and "
		            "seconds (1:30), got '%s'",
		            value);
	if (ms < RH_BUDGET_MIN_S * 1000 || ms > RH_BUDGET_MAX_S * 1000)
		return fail(cause, "a budget must be between %d and %d seconds, got %s",
		            RH_BUDGET_MIN_S, RH_BUDGET_MAX_S, value);
	char *key = xprintf("budget_%s", budgets[i].name);
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)(ms / 1000));
	db_set_setting(db, key, buf);
	free(key);
	return 0;
}

/* ---- what to rehearse ----------------------------------------------- */

int
rehearsal_story_sections(struct db *db, const char *story_id, struct rh_timer *t, char **cause)
{
	struct db_stmt *st =
	        db_prepare(db,
	                   "SELECT type, situation, task, action, result, reflection FROM story "
	                   "WHERE id = ?",
	                   "t", story_id);
	if (!db_step(st)) {
		db_finalize(st);
		return fail(cause, "no story '%s' (see prepdeck stories list)", story_id);
	}
	if (strcmp(db_col_text(st, 0), "pitch") == 0) {
		struct sbuf cue;
		sbuf_init(&cue);
		for (int c = 1; c <= 5; c++) {
			const char *txt = db_col_text(st, c);
			if (*txt == '\0')
				continue;
			if (cue.len)
				sbuf_addc(&cue, '\n');
			sbuf_add(&cue, txt);
		}
		rh_add(t, "Pitch", cue.s ? cue.s : "", rehearsal_budget_ms(db, "pitch"));
		sbuf_free(&cue);
	} else {
		static const char *const names[] = { "Situation", "Task", "Action", "Result",
			                             "Reflection" };
		for (int c = 0; c < 5; c++)
			rh_add(t, names[c], db_col_text(st, c + 1),
			       rehearsal_budget_ms(db, names[c]));
	}
	db_finalize(st);
	return 0;
}

int
rehearsal_flow_sections(struct db *db, const char *flow_id, struct rh_timer *t, char **cause)
{
	struct db_stmt *st =
	        db_prepare(db,
	                   "SELECT title, cues, minutes FROM flow_segment WHERE flow_id = ? AND "
	                   "retired = 0 ORDER BY ord",
	                   "t", flow_id);
	int n = 0;
	while (db_step(st)) {
		rh_add(t, db_col_text(st, 0), db_col_text(st, 1), db_col_int(st, 2) * 60000);
		n++;
	}
	db_finalize(st);
	if (n == 0)
		return fail(cause, "no interview flow '%s' (import the bundled curriculum)",
		            flow_id);
	return 0;
}

int
rehearsal_drill_pick(struct db *db, const char *story_id, char **question, char **answer, int *ord,
                     char **cause)
{
	/* How often each point's question was drilled for this story. */
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT p.ord, p.question, p.answer, (SELECT count(*) FROM rehearsal r "
	        "JOIN rehearsal_section s ON s.rehearsal_id = r.id WHERE r.mode = 'drill' "
	        "AND r.story_id = p.story_id AND s.name = p.question) AS n "
	        "FROM story_point p WHERE p.story_id = ? ORDER BY n, p.ord LIMIT 1",
	        "t", story_id);
	int rc = -1;
	if (db_step(st)) {
		*ord = (int)db_col_int(st, 0);
		*question = xstrdup(db_col_text(st, 1));
		*answer = xstrdup(db_col_text(st, 2));
		rc = 0;
	} else {
		fail(cause, "story '%s' has no decision points to drill", story_id);
	}
	db_finalize(st);
	return rc;
}

char *
rehearsal_point_question(struct db *db, const char *story_id, int n)
{
	return db_text(db,
	               "SELECT question FROM story_point WHERE story_id = ? AND "
	               "ord = ?",
	               "ti", story_id, (int64_t)(n - 1));
}

int
rehearsal_flow_segment(struct db *db, const char *flow_id, const char *key, char **title,
                       int64_t *budget_ms)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT title, minutes FROM flow_segment "
	                                "WHERE flow_id = ?1 AND (seg_id = ?2 OR title = ?2) "
	                                "ORDER BY retired, ord LIMIT 1",
	                                "tt", flow_id, key);
	int rc = -1;
	if (db_step(st)) {
		*title = xstrdup(db_col_text(st, 0));
		*budget_ms = db_col_int(st, 1) * 60000;
		rc = 0;
	}
	db_finalize(st);
	return rc;
}

/* "Situation" for "situation"; a known section's name, else a copy. */
static char *
section_name(const char *s)
{
	const char *name;
	int dflt;
	const char *desc;
	for (int i = 0; rehearsal_budget_describe(i, &name, &dflt, &desc); i++) {
		if (strcasecmp(name, s) == 0) {
			char *v = xstrdup(name);
			v[0] = (char)(v[0] - 'a' + 'A');
			return v;
		}
	}
	return xstrdup(s);
}

/* Names and times section sec of a session in mode (see
 * rehearsal_fill_sections). */
static int
fill_section(struct db *db, const char *story_id, const char *mode, int point, int nsec,
             struct rh_section *sec, char **cause)
{
	char *name = sec->name;
	int64_t budget = sec->budget_ms;
	if (strcmp(mode, "drill") == 0 && story_id) {
		if (nsec != 1 || point == 0)
			return RH_FILL_DRILL;
		char *q = rehearsal_point_question(db, story_id, point);
		if (q == NULL) {
			*cause = xprintf("story '%s' has no decision point %d", story_id, point);
			return RH_FILL_MISSING;
		}
		free(name);
		name = q;
		if (budget < 0)
			budget = rehearsal_budget_ms(db, "drill");
	} else if (strcmp(mode, "flow") == 0) {
		char *t;
		int64_t seg;
		if (rehearsal_flow_segment(db, FLOW_ID, name, &t, &seg) == 0) {
			if (budget < 0)
				budget = seg;
			free(name);
			name = t;
		}
	} else if (*name == '\0' && strcmp(mode, "pitch") == 0) {
		free(name);
		name = xstrdup("Pitch");
	} else {
		char *n2 = section_name(name);
		free(name);
		name = n2;
	}
	sec->name = name;
	if (*name == '\0')
		return RH_FILL_UNNAMED;
	sec->budget_ms = budget < 0 ? rehearsal_budget_ms(db, name) : budget;
	return RH_FILL_OK;
}

int
rehearsal_fill_sections(struct db *db, const char *story_id, const char **mode, int point,
                        struct rh_section *sec, int nsec, char **cause)
{
	char *type = story_id ? story_type(db, story_id) : NULL;
	if (story_id && type == NULL) {
		*cause = xprintf("no story '%s' (see prepdeck stories list)", story_id);
		return RH_FILL_MISSING;
	}
	if (*mode == NULL)
		*mode = type && strcmp(type, "pitch") == 0 ? "pitch" : "story";
	free(type);
	for (int i = 0; i < nsec; i++) {
		int rc = fill_section(db, story_id, *mode, point, nsec, &sec[i], cause);
		if (rc != RH_FILL_OK)
			return rc;
	}
	return RH_FILL_OK;
}

/* ---- the rubric ----------------------------------------------------- */

void
rehearsal_rubric(struct db *db, struct rh_cat **cats, int *n)
{
	struct db_stmt *st =
	        db_prepare(db,
	                   "SELECT cat_id, name, level1, level2, level3, level4 FROM rubric_cat "
	                   "WHERE rubric_id = ? AND retired = 0 ORDER BY ord",
	                   "t", RH_RUBRIC_ID);
	struct rh_cat *v = NULL;
	int k = 0;
	while (db_step(st)) {
		v = xrealloc(v, (size_t)(k + 1) * sizeof *v);
		v[k].id = xstrdup(db_col_text(st, 0));
		v[k].name = xstrdup(db_col_text(st, 1));
		for (int l = 0; l < 4; l++)
			v[k].level[l] = xstrdup(db_col_text(st, 2 + l));
		k++;
	}
	db_finalize(st);
	if (k == 0) {
		static const char *const fb[4][2] = {
			{ "clarity", "Clarity" },
			{ "ownership", "Ownership" },
			{ "conflict", "Conflict handling" },
			{ "impact", "Impact" },
		};
		v = xcalloc(4, sizeof *v);
		for (k = 0; k < 4; k++) {
			v[k].id = xstrdup(fb[k][0]);
			v[k].name = xstrdup(fb[k][1]);
			for (int l = 0; l < 4; l++)
				v[k].level[l] = xstrdup("");
		}
	}
	*cats = v;
	*n = k;
}

/* Which behavioral category scores each competency of the bank. The
 * curriculum's rubric has four categories and the bank a dozen
 * competencies; the rubric file says nothing of how they meet, so the
 * mapping lives here (doc/stories.md). Clarity is always scored. */
static const struct {
	const char *comp, *cat;
} comp_cat[] = {
	{ "ownership", "ownership" },     { "leadership", "ownership" },
	{ "failure", "ownership" },       { "learning", "ownership" },
	{ "ambiguity", "ownership" },     { "debugging", "ownership" },
	{ "ethics", "ownership" },        { "conflict", "conflict" },
	{ "influence", "conflict" },      { "impact", "impact" },
	{ "customer-focus", "impact" },   { "prioritization", "impact" },
	{ "technical-depth", "clarity" }, { "communication", "clarity" },
};

static int
story_asks(const char *comps, const char *cat)
{
	if (strcmp(cat, "clarity") == 0)
		return 1;
	for (size_t i = 0; i < sizeof comp_cat / sizeof comp_cat[0]; i++) {
		if (strcmp(comp_cat[i].cat, cat) != 0)
			continue;
		size_t n = strlen(comp_cat[i].comp);
		for (const char *p = strstr(comps, comp_cat[i].comp); p;
		     p = strstr(p + 1, comp_cat[i].comp))
			if ((p == comps || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
				return 1;
	}
	return 0;
}

void
rehearsal_rubric_for(struct db *db, const char *story_id, struct rh_cat **cats, int *n, char **why)
{
	rehearsal_rubric(db, cats, n);
	if (why)
		*why = NULL;
	char *comps =
	        story_id ? db_text(db, "SELECT competencies FROM story WHERE id = ?", "t", story_id)
	                 : NULL;
	char *names = comps ? story_comp_names(db, comps) : NULL;
	int keep = 0;
	for (int i = 0; comps && i < *n; i++)
		keep += story_asks(comps, (*cats)[i].id);
	/* Only clarity (or nothing) left: the story names no competency the
	 * rubric knows, so it is scored on the whole rubric. */
	int clarity_only = keep <= 1;
	if (comps && !clarity_only) {
		int k = 0;
		for (int i = 0; i < *n; i++) {
			if (story_asks(comps, (*cats)[i].id)) {
				(*cats)[k++] = (*cats)[i];
			} else {
				free((*cats)[i].id);
				free((*cats)[i].name);
				for (int l = 0; l < 4; l++)
					free((*cats)[i].level[l]);
			}
		}
		*n = k;
	}
	if (why) {
		if (names && *names && !clarity_only)
			*why = xprintf("categories from its competencies %s; clarity always",
			               names);
		else
			*why = xstrdup("every category: none of its competencies maps to one");
	}
	free(names);
	free(comps);
}

void
rehearsal_rubric_free(struct rh_cat *cats, int n)
{
	for (int i = 0; i < n; i++) {
		free(cats[i].id);
		free(cats[i].name);
		for (int l = 0; l < 4; l++)
			free(cats[i].level[l]);
	}
	free(cats);
}

/* ---- sessions ------------------------------------------------------- */

int
rehearsal_check_text(const char *what, const char *s, char **cause)
{
	size_t n = strlen(s);
	if (n > RH_TEXT_MAX)
		return fail(cause, "%s is too long (%zu bytes; at most %d)", what, n, RH_TEXT_MAX);
	if (utf8_invalid_at(s, n) >= 0)
		return fail(cause, "%s is not valid UTF-8", what);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return fail(cause,
			            "%s must be one line of text (no control "
			            "characters)",
			            what);
	return 0;
}

static int
valid_mode(const char *m)
{
	return strcmp(m, "story") == 0 || strcmp(m, "pitch") == 0 || strcmp(m, "drill") == 0 ||
	       strcmp(m, "flow") == 0;
}

static int
rubric_has(struct db *db, const char *cat)
{
	struct rh_cat *cats;
	int n, found = 0;
	rehearsal_rubric(db, &cats, &n);
	for (int i = 0; i < n; i++)
		found |= strcmp(cats[i].id, cat) == 0;
	rehearsal_rubric_free(cats, n);
	return found;
}

static int
check_score(struct db *db, const char *category, int score, const char *evidence, char **cause)
{
	if (category == NULL || !rubric_has(db, category)) {
		struct rh_cat *cats;
		int n;
		rehearsal_rubric(db, &cats, &n);
		struct sbuf b;
		sbuf_init(&b);
		for (int i = 0; i < n; i++)
			sbuf_addf(&b, "%s%s", i ? ", " : "", cats[i].id);
		rehearsal_rubric_free(cats, n);
		fail(cause, "unknown rubric category '%s' (one of %s)", category ? category : "",
		     b.s);
		sbuf_free(&b);
		return -1;
	}
	if (score < 1 || score > 4)
		return fail(cause, "score for %s must be 1 to 4, got %d", category, score);
	return rehearsal_check_text("evidence", evidence ? evidence : "", cause);
}

int
rehearsal_save(struct db *db, const struct rh_record *r, int64_t *id, char **cause)
{
	const char *mode = r->mode ? r->mode : "story";
	if (!valid_mode(mode))
		return fail(cause, "unknown mode '%s' (story, pitch, drill or flow)", mode);
	if (r->story_id != NULL &&
	    db_int(db, 0, "SELECT count(*) FROM story WHERE id = ?", "t", r->story_id) == 0)
		return fail(cause, "no story '%s'", r->story_id);
	if (r->prompt_id != NULL &&
	    db_int(db, 0, "SELECT count(*) FROM prompt WHERE id = ?", "t", r->prompt_id) == 0)
		return fail(cause, "no prompt '%s'", r->prompt_id);
	if (r->story_id == NULL && strcmp(mode, "flow") != 0)
		return fail(cause, "a %s rehearsal needs a story", mode);
	if (r->nsec < 1)
		return fail(cause, "a rehearsal needs at least one timed section");
	for (int i = 0; i < r->nsec; i++) {
		if (r->sec[i].name == NULL || r->sec[i].name[0] == '\0')
			return fail(cause, "section %d has no name", i + 1);
		if (r->sec[i].budget_ms < 0 || r->sec[i].spent_ms < 0)
			return fail(cause, "section %s has a negative time", r->sec[i].name);
		for (int k = 0; k < i; k++)
			if (strcmp(r->sec[k].name, r->sec[i].name) == 0)
				return fail(cause, "section %s is given twice", r->sec[i].name);
	}
	for (int i = 0; i < r->nscores; i++) {
		if (check_score(db, r->scores[i].category, r->scores[i].score,
		                r->scores[i].evidence, cause) != 0)
			return -1;
		for (int k = 0; k < i; k++)
			if (strcmp(r->scores[k].category, r->scores[i].category) == 0)
				return fail(cause, "%s is scored twice", r->scores[i].category);
	}
	if (r->change_note && rehearsal_check_text("what to change", r->change_note, cause) != 0)
		return -1;

	/* Whole seconds per section, and the total is their sum, so every
	 * figure shown later adds up (doc/stories.md, "Times"). */
	int64_t total = 0, budget = 0;
	for (int i = 0; i < r->nsec; i++) {
		total += rehearsal_round_ms(r->sec[i].spent_ms);
		budget += r->sec[i].budget_ms;
	}
	db_begin(db);
	db_exec(db,
	        "INSERT INTO rehearsal(story_id, prompt_id, mode, started_at, "
	        "total_ms, budget_ms, completed, change_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	        "tttiiiit", r->story_id, r->prompt_id, mode, r->started_at, total, budget,
	        (int64_t)(r->completed != 0), r->change_note ? r->change_note : "");
	int64_t rid = db_last_rowid(db);
	for (int i = 0; i < r->nsec; i++)
		db_exec(db,
		        "INSERT INTO rehearsal_section(rehearsal_id, ord, name, "
		        "budget_ms, spent_ms) VALUES (?, ?, ?, ?, ?)",
		        "iitii", rid, (int64_t)i, r->sec[i].name, r->sec[i].budget_ms,
		        rehearsal_round_ms(r->sec[i].spent_ms));
	for (int i = 0; i < r->nscores; i++)
		db_exec(db,
		        "INSERT INTO rehearsal_score(rehearsal_id, category, score, "
		        "evidence) VALUES (?, ?, ?, ?)",
		        "itit", rid, r->scores[i].category, (int64_t)r->scores[i].score,
		        r->scores[i].evidence ? r->scores[i].evidence : "");
	storysched_record(db, rid); /* the story's spaced schedule */
	db_commit(db);
	if (id)
		*id = rid;
	return 0;
}

int
rehearsal_save_timer(struct db *db, const struct rh_timer *t, const char *story_id,
                     const char *prompt_id, const char *mode, int64_t *id, char **cause)
{
	struct rh_section *sec = xcalloc((size_t)t->nsec, sizeof *sec);
	for (int i = 0; i < t->nsec; i++) {
		sec[i] = t->sec[i];
		sec[i].spent_ms = rh_elapsed(t, i);
	}
	struct rh_record r = {
		.story_id = story_id,
		.prompt_id = prompt_id,
		.mode = mode,
		.started_at = t->started_at ? t->started_at : now_unix(),
		.completed = t->state == RH_DONE,
		.sec = sec,
		.nsec = t->nsec,
	};
	int rc = rehearsal_save(db, &r, id, cause);
	free(sec);
	return rc;
}

static int
session_exists(struct db *db, int64_t id, char **cause)
{
	if (db_int(db, 0, "SELECT count(*) FROM rehearsal WHERE id = ?", "i", id) == 0)
		return fail(cause, "no rehearsal %lld", (long long)id);
	return 0;
}

int
rehearsal_set_score(struct db *db, int64_t id, const char *category, int score,
                    const char *evidence, char **cause)
{
	if (session_exists(db, id, cause) != 0 ||
	    check_score(db, category, score, evidence, cause) != 0)
		return -1;
	db_begin(db);
	db_exec(db,
	        "INSERT INTO rehearsal_score(rehearsal_id, category, score, evidence) "
	        "VALUES (?, ?, ?, ?) ON CONFLICT(rehearsal_id, category) DO UPDATE SET "
	        "score = excluded.score, evidence = excluded.evidence",
	        "itit", id, category, (int64_t)score, evidence ? evidence : "");
	storysched_record(db, id); /* the story's spaced schedule */
	db_commit(db);
	return 0;
}

int
rehearsal_set_note(struct db *db, int64_t id, const char *note, char **cause)
{
	if (session_exists(db, id, cause) != 0 ||
	    rehearsal_check_text("what to change", note, cause) != 0)
		return -1;
	db_exec(db, "UPDATE rehearsal SET change_note = ? WHERE id = ?", "ti", note, id);
	return 0;
}

void
rehearsal_history(struct db *db, const char *story_id, int limit, struct rh_session **out,
                  size_t *n)
{
	struct db_stmt *st =
	        db_prepare(db,
	                   "SELECT r.id, ifnull(r.story_id, ''), ifnull(r.prompt_id, ''), r.mode, "
	                   "r.started_at, r.total_ms, r.budget_ms, r.completed, r.change_note, "
	                   "(SELECT count(*) FROM rehearsal_score s WHERE s.rehearsal_id = r.id), "
	                   "(SELECT avg(score) FROM rehearsal_score s WHERE s.rehearsal_id = r.id) "
	                   "FROM rehearsal r WHERE ?1 IS NULL OR r.story_id = ?1 "
	                   "ORDER BY r.started_at DESC, r.id DESC LIMIT ?2",
	                   "ti", story_id, (int64_t)(limit > 0 ? limit : -1));
	struct rh_session *v = NULL;
	size_t k = 0;
	while (db_step(st)) {
		v = xrealloc(v, (k + 1) * sizeof *v);
		struct rh_session *s = &v[k++];
		s->id = db_col_int(st, 0);
		s->story_id = xstrdup(db_col_text(st, 1));
		s->prompt_id = xstrdup(db_col_text(st, 2));
		s->mode = xstrdup(db_col_text(st, 3));
		s->started_at = db_col_int(st, 4);
		s->total_ms = db_col_int(st, 5);
		s->budget_ms = db_col_int(st, 6);
		s->completed = (int)db_col_int(st, 7);
		s->change_note = xstrdup(db_col_text(st, 8));
		s->nscores = (int)db_col_int(st, 9);
		s->mean_score = db_col_double(st, 10);
	}
	db_finalize(st);
	*out = v;
	*n = k;
}

void
rehearsal_sessions_free(struct rh_session *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].story_id);
		free(s[i].prompt_id);
		free(s[i].mode);
		free(s[i].change_note);
	}
	free(s);
}

int
rehearsal_round_stored(struct db *db)
{
	db_begin(db);
	int n = db_exec(db,
	                "UPDATE rehearsal_section SET spent_ms = (spent_ms + 500) / 1000 "
	                "* 1000 WHERE spent_ms % 1000 <> 0",
	                "");
	db_exec(db,
	        "UPDATE rehearsal SET total_ms = (SELECT ifnull(sum(spent_ms), 0) FROM "
	        "rehearsal_section s WHERE s.rehearsal_id = rehearsal.id) WHERE EXISTS "
	        "(SELECT 1 FROM rehearsal_section s WHERE s.rehearsal_id = rehearsal.id)",
	        "");
	db_commit(db);
	return n;
}

void
rehearsal_fmt_ms(int64_t ms, char *buf, size_t n)
{
	int64_t s = rehearsal_round_ms(ms < 0 ? -ms : ms) / 1000;
	const char *sign = ms < 0 ? "-" : "";
	if (s >= 3600)
		snprintf(buf, n, "%s%lld:%02lld:%02lld", sign, (long long)(s / 3600),
		         (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(buf, n, "%s%lld:%02lld", sign, (long long)(s / 60), (long long)(s % 60));
}
