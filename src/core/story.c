#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "profile_sql.h"
#include "story.h"
#include "util.h"

const char *const story_fields[] = {
	"title",  "type",   "competencies", "situation", "task",
	"action", "result", "reflection",   "metrics",   NULL,
};

int
story_is_user(const struct story *s)
{
	return strcmp(s->origin, "bundled") != 0;
}

/* " a b " (the database's word list) to "a b"; a new string. */
static char *
words_trim(const char *w)
{
	while (*w == ' ')
		w++;
	size_t n = strlen(w);
	while (n > 0 && w[n - 1] == ' ')
		n--;
	return xstrndup(w, n);
}

/* The columns story rows are read with, in the order fill_story reads
 * them; the summary covers completed sessions of modes story and pitch. */
#define STORY_COLS \
	"s.id, s.origin, s.type, " PROFILE_TITLE_SQL( \
	        "s") ", s.competencies, s.situation, " \
	             "s.task, " \
	             "s.action, s.result, s.reflection, s.metrics, s.copied_from, s.created_at, " \
	             "s.updated_at, " \
	             "(SELECT count(*) FROM rehearsal r WHERE r.story_id = s.id AND r.completed = 1 " \
	             " AND r.mode IN ('story', 'pitch')), " \
	             "(SELECT max(r.started_at) FROM rehearsal r WHERE r.story_id = s.id AND " \
	             " r.completed = 1 AND r.mode IN ('story', 'pitch')), " \
	             "(SELECT avg(x.score) FROM rehearsal_score x WHERE x.rehearsal_id = " \
	             " (SELECT r.id FROM rehearsal r WHERE r.story_id = s.id AND r.mode IN " \
	             " ('story', 'pitch') AND EXISTS (SELECT 1 FROM rehearsal_score y WHERE " \
	             " y.rehearsal_id = r.id) ORDER BY r.started_at DESC, r.id DESC LIMIT 1)), " \
	             "(SELECT r.total_ms || ' ' || r.budget_ms FROM rehearsal r WHERE r.story_id = " \
	             " s.id AND r.completed = 1 AND r.mode IN ('story', 'pitch') ORDER BY " \
	             " r.started_at DESC, r.id DESC LIMIT 1), s.profile"

#define STORY_ORDER \
	" ORDER BY s.origin = 'bundled', CASE s.type WHEN 'story' THEN 0 WHEN " \
	"'pitch' THEN 1 ELSE 2 END, CASE WHEN s.origin = 'bundled' THEN s.src " \
	"ELSE '' END, s.line, s.created_at, s.id"

static void
fill_story(struct db_stmt *st, struct story *s)
{
	memset(s, 0, sizeof *s);
	s->id = xstrdup(db_col_text(st, 0));
	s->origin = xstrdup(db_col_text(st, 1));
	s->type = xstrdup(db_col_text(st, 2));
	s->title = xstrdup(db_col_text(st, 3));
	s->competencies = words_trim(db_col_text(st, 4));
	s->situation = xstrdup(db_col_text(st, 5));
	s->task = xstrdup(db_col_text(st, 6));
	s->action = xstrdup(db_col_text(st, 7));
	s->result = xstrdup(db_col_text(st, 8));
	s->reflection = xstrdup(db_col_text(st, 9));
	s->metrics = xstrdup(db_col_text(st, 10));
	s->copied_from = db_col_strdup(st, 11);
	s->created_at = db_col_int(st, 12);
	s->updated_at = db_col_int(st, 13);
	s->rehearsals = (int)db_col_int(st, 14);
	s->last_rehearsed = db_col_int(st, 15);
	s->last_score = db_col_double(st, 16);
	long long tot = 0, bud = 0;
	if (sscanf(db_col_text(st, 17), "%lld %lld", &tot, &bud) == 2) {
		s->last_total_ms = tot;
		s->last_budget_ms = bud;
	}
	s->profile = xstrdup(db_col_text(st, 18));
}

void
story_clear(struct story *s)
{
	free(s->id);
	free(s->origin);
	free(s->type);
	free(s->title);
	free(s->competencies);
	free(s->situation);
	free(s->task);
	free(s->action);
	free(s->result);
	free(s->reflection);
	free(s->metrics);
	free(s->copied_from);
	free(s->profile);
	for (size_t i = 0; i < s->npoints; i++) {
		free(s->points[i].question);
		free(s->points[i].answer);
	}
	free(s->points);
	memset(s, 0, sizeof *s);
}

void
story_list_free(struct story *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		story_clear(&v[i]);
	free(v);
}

/* Runs a story query (STORY_COLS) and collects the rows. */
static void
collect(struct db_stmt *st, struct story **out, size_t *n)
{
	struct story *v = NULL;
	size_t k = 0;
	while (db_step(st)) {
		v = xrealloc(v, (k + 1) * sizeof *v);
		fill_story(st, &v[k++]);
	}
	db_finalize(st);
	*out = v;
	*n = k;
}

void
story_list(struct db *db, struct story **out, size_t *n)
{
	collect(db_prepare(db, "SELECT " STORY_COLS " FROM story s WHERE s.retired = 0" STORY_ORDER,
	                   ""),
	        out, n);
}

int
story_get(struct db *db, const char *id, struct story *s, char **cause)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT " STORY_COLS " FROM story s "
	                                "WHERE s.id = ?",
	                                "t", id);
	if (!db_step(st)) {
		db_finalize(st);
		return fail(cause, "no story '%s' (see prepdeck stories list)", id);
	}
	fill_story(st, s);
	db_finalize(st);
	st = db_prepare(db,
	                "SELECT question, answer FROM story_point WHERE story_id = ? "
	                "ORDER BY ord",
	                "t", id);
	while (db_step(st)) {
		s->points = xrealloc(s->points, (s->npoints + 1) * sizeof *s->points);
		s->points[s->npoints].question = xstrdup(db_col_text(st, 0));
		s->points[s->npoints].answer = xstrdup(db_col_text(st, 1));
		s->npoints++;
	}
	db_finalize(st);
	return 0;
}

void
story_comps(struct db *db, struct story_comp **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, name, description FROM competency "
	                                "WHERE retired = 0 ORDER BY src, rowid",
	                                "");
	struct story_comp *v = NULL;
	size_t k = 0;
	while (db_step(st)) {
		v = xrealloc(v, (k + 1) * sizeof *v);
		v[k].id = xstrdup(db_col_text(st, 0));
		v[k].name = xstrdup(db_col_text(st, 1));
		v[k].description = xstrdup(db_col_text(st, 2));
		k++;
	}
	db_finalize(st);
	*out = v;
	*n = k;
}

void
story_comps_free(struct story_comp *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].name);
		free(v[i].description);
	}
	free(v);
}

char *
story_comp_name(struct db *db, const char *id)
{
	char *name = db_text(db, "SELECT name FROM competency WHERE id = ?", "t", id);
	return name ? name : xstrdup(id);
}

/* True when the space-separated word list has word w. */
static int
has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = list; (p = strstr(p, w)) != NULL; p++)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

void
story_coverage(struct db *db, struct story_coverage *cv)
{
	memset(cv, 0, sizeof *cv);
	story_comps(db, &cv->comps, &cv->ncomps);
	collect(db_prepare(db,
	                   "SELECT " STORY_COLS " FROM story s WHERE s.retired = 0 "
	                   "AND s.type = 'story'" STORY_ORDER,
	                   ""),
	        &cv->stories, &cv->nstories);
	cv->cell = xcalloc(cv->ncomps * cv->nstories + 1, 1);
	cv->mine = xcalloc(cv->ncomps + 1, sizeof *cv->mine);
	cv->examples = xcalloc(cv->ncomps + 1, sizeof *cv->examples);
	for (size_t c = 0; c < cv->ncomps; c++) {
		for (size_t s = 0; s < cv->nstories; s++) {
			if (!has_word(cv->stories[s].competencies, cv->comps[c].id))
				continue;
			cv->cell[c * cv->nstories + s] = 1;
			if (story_is_user(&cv->stories[s]))
				cv->mine[c]++;
			else
				cv->examples[c]++;
		}
		if (cv->mine[c] + cv->examples[c] == 0)
			cv->gaps++;
	}
}

void
story_coverage_free(struct story_coverage *cv)
{
	story_comps_free(cv->comps, cv->ncomps);
	story_list_free(cv->stories, cv->nstories);
	free(cv->cell);
	free(cv->mine);
	free(cv->examples);
	memset(cv, 0, sizeof *cv);
}

/* ---- checking user text -------------------------------------------- */


static int
id_taken(struct db *db, const char *id)
{
	return db_int(db, 0, "SELECT count(*) FROM story WHERE id = ?", "t", id) > 0;
}

/* A free story id made from text: "my-" + a lowercase slug, with -2, -3
 * ... when taken. A new string. */
static char *
derive_id(struct db *db, const char *text)
{
	/* Latin-1 letters (U+00C0..U+00FF) to plain ASCII. */
	static const char fold[] = "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
	                           "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "my-");
	int dash = 1;
	for (const unsigned char *p = (const unsigned char *)text; *p && b.len < 44; p++) {
		char c = 0;
		if (isalnum(*p) && *p < 0x80)
			c = (char)tolower(*p);
		else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf)
			c = fold[*++p - 0x80];
		if (c != 0 && c != '-') {
			sbuf_addc(&b, c);
			dash = 0;
		} else if (!dash) {
			sbuf_addc(&b, '-');
			dash = 1;
		}
	}
	while (b.len > 3 && b.s[b.len - 1] == '-')
		b.s[--b.len] = '\0';
	if (b.len == 3)
		sbuf_add(&b, "story");
	char *base = sbuf_take(&b);
	char *id = xstrdup(base);
	for (int i = 2; id_taken(db, id); i++) {
		free(id);
		id = xprintf("%s-%d", base, i);
	}
	free(base);
	return id;
}

/* Checks a requested id for a new story. */
static int
check_new_id(struct db *db, const char *id, char **cause)
{
	if (!valid_id(id))
		return fail(cause,
		            "'%s' is not a valid id (lowercase letters, digits, "
		            "'-', '_' or '.', at most %d)",
		            id, ID_MAX);
	if (id_taken(db, id))
		return fail(cause, "story id '%s' is already used", id);
	return 0;
}

int
story_add(struct db *db, const char *title, const char *type, const char *id, char **newid,
          char **cause)
{
	if (type == NULL)
		type = "story";
	if (strcmp(type, "story") != 0 && strcmp(type, "pitch") != 0)
		return fail(cause, "a new story's type is story or pitch, not '%s'", type);
	char *t = text_clean("the title", title, STORY_TITLE_MAX, 0, cause);
	if (t == NULL)
		return -1;
	if (*t == '\0') {
		free(t);
		return fail(cause, "a story needs a title");
	}
	if (id != NULL && check_new_id(db, id, cause) != 0) {
		free(t);
		return -1;
	}
	char *nid = id ? xstrdup(id) : derive_id(db, t);
	int64_t now = now_unix();
	db_exec(db,
	        "INSERT INTO story(id, origin, type, title, created_at, updated_at) "
	        "VALUES (?, 'user', ?, ?, ?, ?)",
	        "tttii", nid, type, t, now, now);
	free(t);
	*newid = nid;
	return 0;
}

int
story_copy(struct db *db, const char *src, const char *id, char **newid, char **cause)
{
	struct story s;
	if (story_get(db, src, &s, cause) != 0)
		return -1;
	if (id != NULL && check_new_id(db, id, cause) != 0) {
		story_clear(&s);
		return -1;
	}
	const char *type = strcmp(s.type, "pitch") == 0 ? "pitch" : "story";
	char *title;
	if (strcmp(s.type, "template") == 0) {
		const char *t = s.title;
		if (str_prefix(t, "Template: "))
			t += strlen("Template: ");
		title = xprintf("My %s story", t);
	} else {
		/* A copy is the learner's own: no example mark on its title. */
		const char *t = s.title;
		if (strcmp(s.profile, PROFILE_EXAMPLE) == 0 && str_prefix(t, PROFILE_MARK))
			t += strlen(PROFILE_MARK);
		title = xstrdup(t);
	}
	char *nid;
	if (id != NULL) {
		nid = xstrdup(id);
	} else {
		const char *base = src;
		if (str_prefix(base, "tpl-"))
			base += 4;
		else if (str_prefix(base, "story-"))
			base += 6;
		else if (str_prefix(base, "my-"))
			base += 3;
		nid = derive_id(db, base);
	}
	int64_t now = now_unix();
	db_begin(db);
	/* A template's text is guidance, shown as a hint in the empty
	 * fields of the copy (story_template_of), never the user's words;
	 * its follow-up questions are real questions and are kept. */
	int tpl = strcmp(s.type, "template") == 0;
#define KEEP(f) "CASE WHEN ?6 THEN '' ELSE " f " END"
	db_exec(db,
	        "INSERT INTO story(id, origin, type, title, competencies, situation, "
	        "task, action, result, reflection, metrics, copied_from, created_at, "
	        "updated_at) SELECT ?1, 'user', ?2, ?3, competencies, " KEEP("situation") ", " KEEP("task") ", " KEEP(
	                "action") ", " KEEP("result") ", " KEEP("reflection") ", " KEEP("metrics") ", id, ?4, ?4 FROM story WHERE id = ?5",
	        "tttiti", nid, type, title, now, src, (int64_t)tpl);
#undef KEEP
	db_exec(db,
	        "INSERT INTO story_point(story_id, ord, question, answer) SELECT ?1, "
	        "ord, question, CASE WHEN ?2 THEN '' ELSE answer END FROM story_point "
	        "WHERE story_id = ?3",
	        "tit", nid, (int64_t)tpl, src);
	db_commit(db);
	free(title);
	story_clear(&s);
	*newid = nid;
	return 0;
}

int
story_template_of(struct db *db, const struct story *s, struct story *tpl)
{
	if (s->copied_from == NULL || story_get(db, s->copied_from, tpl, NULL) != 0)
		return -1;
	if (strcmp(tpl->type, "template") == 0)
		return 0;
	story_clear(tpl);
	return -1;
}

int
story_clear_guidance(struct db *db)
{
	static const char *const cols[] = {
		"situation", "task", "action", "result", "reflection", "metrics",
	};
	int n = 0;
	db_begin(db);
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		char *q = xprintf("UPDATE story SET %1$s = '' WHERE origin = 'user' AND "
		                  "%1$s <> '' AND %1$s = (SELECT t.%1$s FROM story t WHERE "
		                  "t.id = story.copied_from AND t.type = 'template')",
		                  cols[i]);
		n += db_exec(db, q, "");
		free(q);
	}
	n += db_exec(db,
	             "UPDATE story_point SET answer = '' WHERE answer <> '' AND "
	             "story_id IN (SELECT id FROM story WHERE origin = 'user') AND answer = "
	             "(SELECT tp.answer FROM story s JOIN story t ON t.id = s.copied_from AND "
	             "t.type = 'template' JOIN story_point tp ON tp.story_id = t.id AND "
	             "tp.ord = story_point.ord WHERE s.id = story_point.story_id)",
	             "");
	db_commit(db);
	return n;
}

/* Loads a story the user may edit. */
static int
user_story(struct db *db, const char *id, char **cause)
{
	struct db_stmt *st =
	        db_prepare(db, "SELECT origin, retired FROM story WHERE id = ?", "t", id);
	int rc = 0;
	if (!db_step(st))
		rc = fail(cause, "no story '%s' (see prepdeck stories list)", id);
	else if (strcmp(db_col_text(st, 0), "bundled") == 0)
		rc = fail(cause,
		          "story '%s' comes with the curriculum and cannot be "
		          "edited; copy it first (prepdeck story copy %s)",
		          id, id);
	else if (db_col_int(st, 1) != 0)
		rc = fail(cause, "story '%s' was deleted", id);
	db_finalize(st);
	return rc;
}

/* " a b " from ids separated by spaces or commas, each a live competency. */
static char *
parse_comps(struct db *db, const char *value, char **cause)
{
	char *copy = xstrdup(value);
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addc(&b, ' ');
	for (char *tok = strtok(copy, " ,\t\n"); tok; tok = strtok(NULL, " ,\t\n")) {
		if (db_int(db, 0,
		           "SELECT count(*) FROM competency WHERE id = ? AND "
		           "retired = 0",
		           "t", tok) == 0) {
			struct story_comp *v;
			size_t n;
			story_comps(db, &v, &n);
			struct sbuf all;
			sbuf_init(&all);
			for (size_t i = 0; i < n; i++)
				sbuf_addf(&all, "%s%s", i ? ", " : "", v[i].id);
			story_comps_free(v, n);
			fail(cause, "unknown competency '%s' (known: %s)", tok,
			     all.s ? all.s : "none");
			sbuf_free(&all);
			sbuf_free(&b);
			free(copy);
			return NULL;
		}
		char *needle = xprintf(" %s ", tok);
		if (strstr(b.s, needle) == NULL) {
			sbuf_add(&b, tok);
			sbuf_addc(&b, ' ');
		}
		free(needle);
	}
	free(copy);
	if (b.len == 1)
		b.s[--b.len] = '\0';
	return sbuf_take(&b);
}

/* Removes point ord (0-based) and closes the gap. */
static void
remove_point(struct db *db, const char *id, int64_t ord)
{
	db_exec(db, "DELETE FROM story_point WHERE story_id = ? AND ord = ?", "ti", id, ord);
	db_exec(db, "UPDATE story_point SET ord = -ord - 1 WHERE story_id = ? AND ord > ?", "ti",
	        id, ord);
	db_exec(db, "UPDATE story_point SET ord = -ord - 2 WHERE story_id = ? AND ord < 0", "t",
	        id);
}

static int
set_point(struct db *db, const char *id, const char *field, const char *value, char **cause)
{
	int answer = str_prefix(field, "answer.");
	const char *num = field + (answer ? 7 : 9);
	int64_t k;
	int64_t n = db_int(db, 0, "SELECT count(*) FROM story_point WHERE story_id = ?", "t", id);
	if (parse_int(NULL, num, 1, n + (answer ? 0 : 1), &k, NULL) != 0)
		return fail(
		        cause, "story '%s' has %lld decision point%s; %s", id, (long long)n,
		        n == 1 ? "" : "s",
		        answer ? "answer.N needs an existing point N"
		               : "question.N edits point N, or adds one with N one past the last");
	if (!answer && k == n + 1 && n >= STORY_POINTS_MAX)
		return fail(cause, "a story has at most %d decision points", STORY_POINTS_MAX);
	char *v =
	        text_clean(answer ? "the answer" : "the question", value, STORY_TEXT_MAX, 1, cause);
	if (v == NULL)
		return -1;
	int64_t ord = k - 1;
	if (answer) {
		db_exec(db, "UPDATE story_point SET answer = ? WHERE story_id = ? AND ord = ?",
		        "tti", v, id, ord);
	} else if (*v == '\0') {
		if (k == n + 1) {
			free(v);
			return fail(cause, "a new decision point needs a question");
		}
		remove_point(db, id, ord);
	} else {
		db_exec(db,
		        "INSERT INTO story_point(story_id, ord, question) VALUES (?, ?, ?) "
		        "ON CONFLICT(story_id, ord) DO UPDATE SET question = excluded.question",
		        "tit", id, ord, v);
	}
	free(v);
	return 0;
}

int
story_set(struct db *db, const char *id, const char *field, const char *value, char **cause)
{
	if (user_story(db, id, cause) != 0)
		return -1;
	int rc = 0;
	db_begin(db);
	if (str_prefix(field, "question.") || str_prefix(field, "answer.")) {
		rc = set_point(db, id, field, value, cause);
	} else if (strcmp(field, "title") == 0) {
		char *v = text_clean("the title", value, STORY_TITLE_MAX, 0, cause);
		if (v == NULL)
			rc = -1;
		else if (*v == '\0')
			rc = fail(cause, "the title cannot be empty");
		else
			db_exec(db, "UPDATE story SET title = ? WHERE id = ?", "tt", v, id);
		free(v);
	} else if (strcmp(field, "type") == 0) {
		if (strcmp(value, "story") != 0 && strcmp(value, "pitch") != 0)
			rc = fail(cause, "type is story or pitch, not '%s'", value);
		else
			db_exec(db, "UPDATE story SET type = ? WHERE id = ?", "tt", value, id);
	} else if (strcmp(field, "competencies") == 0) {
		char *v = parse_comps(db, value, cause);
		if (v == NULL)
			rc = -1;
		else
			db_exec(db, "UPDATE story SET competencies = ? WHERE id = ?", "tt", v, id);
		free(v);
	} else if (strcmp(field, "metrics") == 0) {
		char *v = text_clean("metrics", value, STORY_TEXT_MAX, 1, cause);
		if (v == NULL) {
			rc = -1;
		} else {
			/* One metric a line; blank lines and edge spaces dropped. */
			struct sbuf b;
			sbuf_init(&b);
			sbuf_add(&b, "");
			for (char *line = strtok(v, "\n"); line; line = strtok(NULL, "\n")) {
				while (*line == ' ' || *line == '\t')
					line++;
				size_t n = strlen(line);
				while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
					n--;
				if (n == 0)
					continue;
				if (b.len)
					sbuf_addc(&b, '\n');
				sbuf_addn(&b, line, n);
			}
			db_exec(db, "UPDATE story SET metrics = ? WHERE id = ?", "tt", b.s, id);
			sbuf_free(&b);
		}
		free(v);
	} else {
		static const char *const text[] = { "situation", "task", "action", "result",
			                            "reflection" };
		const char *col = NULL;
		for (size_t i = 0; i < 5; i++)
			if (strcmp(field, text[i]) == 0)
				col = text[i];
		if (col == NULL) {
			rc = fail(cause,
			          "unknown field '%s' (title, type, competencies, "
			          "situation, task, action, result, reflection, metrics, "
			          "question.N, answer.N)",
			          field);
		} else {
			char *v = text_clean(col, value, STORY_TEXT_MAX, 1, cause);
			if (v == NULL) {
				rc = -1;
			} else {
				/* col is one of the fixed names above, never user text. */
				char *q = xprintf("UPDATE story SET %s = ? WHERE id = ?", col);
				db_exec(db, q, "tt", v, id);
				free(q);
			}
			free(v);
		}
	}
	if (rc == 0) {
		db_exec(db, "UPDATE story SET updated_at = ? WHERE id = ?", "it", now_unix(), id);
		db_commit(db);
	} else {
		db_rollback(db);
	}
	return rc;
}

int
story_delete(struct db *db, const char *id, char **cause)
{
	if (user_story(db, id, cause) != 0)
		return -1;
	db_exec(db, "UPDATE story SET retired = 1, updated_at = ? WHERE id = ?", "it", now_unix(),
	        id);
	return 0;
}

/* ---- prompts -------------------------------------------------------- */

void
story_prompt_clear(struct story_prompt *p)
{
	free(p->id);
	free(p->text);
	free(p->competencies);
	memset(p, 0, sizeof *p);
}

char *
story_weakest(struct db *db, unsigned rnd, double *mean, int *count)
{
	/* Per competency with prompts: the mean over scored sessions of the
	 * stories covering it of each session's mean score. */
	struct db_stmt *st = db_prepare(
	        db,
	        "WITH sess AS (SELECT r.id, r.story_id, avg(x.score) AS m FROM rehearsal r "
	        "  JOIN rehearsal_score x ON x.rehearsal_id = r.id GROUP BY r.id), "
	        "comp AS (SELECT c.id, c.rowid AS o FROM competency c WHERE c.retired = 0 AND "
	        "  EXISTS (SELECT 1 FROM prompt p WHERE p.retired = 0 AND "
	        "  instr(p.competencies, ' ' || c.id || ' ') > 0)) "
	        "SELECT comp.id, ifnull(avg(sess.m), 0), count(sess.id) FROM comp "
	        "LEFT JOIN story s ON instr(s.competencies, ' ' || comp.id || ' ') > 0 "
	        "LEFT JOIN sess ON sess.story_id = s.id "
	        "GROUP BY comp.id ORDER BY ifnull(avg(sess.m), 0), comp.o",
	        "");
	char *best = NULL;
	double bm = 0;
	int bc = 0, ties = 0;
	while (db_step(st)) {
		double m = db_col_double(st, 1);
		if (best != NULL && m > bm)
			break;
		/* Reservoir choice among the ties, driven by rnd. */
		ties++;
		if (best == NULL || (rnd = rnd * 1103515245u + 12345u) % (unsigned)ties == 0) {
			free(best);
			best = xstrdup(db_col_text(st, 0));
			bm = m;
			bc = (int)db_col_int(st, 2);
		}
	}
	db_finalize(st);
	if (mean)
		*mean = bm;
	if (count)
		*count = bc;
	return best;
}

int
story_pick_prompt(struct db *db, enum story_pick how, const char *comp, unsigned rnd,
                  struct story_prompt *p, char **why, char **cause)
{
	char *target = NULL;
	double mean = 0;
	int count = 0;
	if (how == STORY_PICK_COMPETENCY) {
		if (comp == NULL || db_int(db, 0,
		                           "SELECT count(*) FROM competency WHERE "
		                           "id = ? AND retired = 0",
		                           "t", comp) == 0)
			return fail(cause,
			            "unknown competency '%s' (see prepdeck stories "
			            "coverage)",
			            comp ? comp : "");
		target = xstrdup(comp);
	} else if (how == STORY_PICK_WEAKEST) {
		target = story_weakest(db, rnd, &mean, &count);
		if (target == NULL)
			return fail(cause, "there are no behavioral prompts");
	}
	int64_t n = db_int(db, 0,
	                   "SELECT count(*) FROM prompt WHERE retired = 0 AND "
	                   "(?1 IS NULL OR instr(competencies, ' ' || ?1 || ' ') > 0)",
	                   "t", target);
	if (n == 0) {
		char *name = target ? story_comp_name(db, target) : NULL;
		int rc = fail(cause, "no behavioral prompt %s%s", name ? "for " : "",
		              name ? name : "at all");
		free(name);
		free(target);
		return rc;
	}
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, text, competencies FROM prompt "
	                                "WHERE retired = 0 AND (?1 IS NULL OR "
	                                "instr(competencies, ' ' || ?1 || ' ') > 0) "
	                                "ORDER BY src, line, id LIMIT 1 OFFSET ?2",
	                                "ti", target, (int64_t)(rnd % (unsigned)n));
	db_step(st);
	p->id = xstrdup(db_col_text(st, 0));
	p->text = xstrdup(db_col_text(st, 1));
	p->competencies = words_trim(db_col_text(st, 2));
	db_finalize(st);
	if (why != NULL) {
		char *name = target ? story_comp_name(db, target) : NULL;
		if (how == STORY_PICK_RANDOM)
			*why = xprintf("a random prompt");
		else if (how == STORY_PICK_COMPETENCY)
			*why = xprintf("a prompt for %s", name);
		else if (count == 0)
			*why = xprintf("%s has no self-scored rehearsal yet", name);
		else
			*why = xprintf("%s is your weakest competency: mean self-score %.1f "
			               "over %d rehearsal%s",
			               name, mean, count, count == 1 ? "" : "s");
		free(name);
	}
	free(target);
	return 0;
}

void
story_for_prompt(struct db *db, const char *prompt_id, struct story **out, size_t *n)
{
	char *pc = db_text(db, "SELECT competencies FROM prompt WHERE id = ?", "t", prompt_id);
	struct story *all;
	size_t na;
	collect(db_prepare(db,
	                   "SELECT " STORY_COLS " FROM story s WHERE s.retired = 0 "
	                   "AND s.type = 'story'" STORY_ORDER,
	                   ""),
	        &all, &na);
	int *score = xcalloc(na + 1, sizeof *score);
	size_t keep = 0;
	char *words = pc ? words_trim(pc) : xstrdup("");
	for (size_t i = 0; i < na; i++) {
		char *copy = xstrdup(words);
		for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
			score[i] += has_word(all[i].competencies, w);
		free(copy);
		keep += score[i] > 0;
	}
	/* Stable selection sort by shared competencies (the list order
	 * already puts the user's stories first). */
	struct story *v = xcalloc(keep + 1, sizeof *v);
	size_t k = 0;
	for (int want = 16; want > 0; want--)
		for (size_t i = 0; i < na; i++)
			if (score[i] == want) {
				v[k++] = all[i];
				score[i] = -1;
			}
	for (size_t i = 0; i < na; i++)
		if (score[i] >= 0)
			story_clear(&all[i]);
	free(all);
	free(score);
	free(words);
	free(pc);
	*out = v;
	*n = k;
}

int
story_prompt_get(struct db *db, const char *id, struct story_prompt *p, char **cause)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, text, competencies FROM prompt "
	                                "WHERE id = ?",
	                                "t", id);
	int rc = -1;
	if (db_step(st)) {
		p->id = xstrdup(db_col_text(st, 0));
		p->text = xstrdup(db_col_text(st, 1));
		p->competencies = words_trim(db_col_text(st, 2));
		rc = 0;
	} else {
		fail(cause, "no prompt '%s'", id);
	}
	db_finalize(st);
	return rc;
}

char *
story_template_for(struct db *db, const char *comp)
{
	return db_text(db,
	               "SELECT id FROM story WHERE retired = 0 AND type = 'template' "
	               "AND instr(competencies, ' ' || ? || ' ') > 0 ORDER BY src, line "
	               "LIMIT 1",
	               "t", comp);
}

char *
story_pitch_id(struct db *db)
{
	/* With a profile of their own, the example's pitch is set aside. */
	return db_text(
	        db,
	        "SELECT id FROM story WHERE retired = 0 AND type = 'pitch' AND NOT " PROFILE_STORY_SET_ASIDE_SQL(
	                "story") " ORDER BY origin = 'bundled', updated_at DESC, id = 'pitch-60s' DESC, "
	                         "src, line LIMIT 1",
	        "");
}

char *
story_type(struct db *db, const char *id)
{
	return db_text(db, "SELECT type FROM story WHERE id = ?", "t", id);
}

int
story_exists(struct db *db, const char *id)
{
	return db_int(db, 0, "SELECT count(*) FROM story WHERE id = ? AND retired = 0", "t", id) >
	       0;
}

char *
story_suggest(struct db *db, struct story *s)
{
	char *id = db_text(
	        db,
	        "SELECT s.id FROM story s WHERE s.retired = 0 AND s.type = 'story' ORDER BY "
	        "s.origin = 'bundled', (SELECT ifnull(max(r.started_at), 0) FROM rehearsal r "
	        "WHERE r.story_id = s.id AND r.completed = 1), s.src, s.line, s.created_at "
	        "LIMIT 1",
	        "");
	if (id != NULL && s != NULL && story_get(db, id, s, NULL) != 0) {
		free(id);
		id = NULL;
	}
	return id;
}

void
story_fmt_ago(int64_t t, int64_t now, char *buf, size_t n)
{
	if (t <= 0) {
		snprintf(buf, n, "never");
		return;
	}
	int64_t d = (now - t) / DAY_SECONDS;
	if (now - t < 0 || d == 0)
		snprintf(buf, n, "today");
	else if (d < 14)
		snprintf(buf, n, "%lldd ago", (long long)d);
	else if (d < 70)
		snprintf(buf, n, "%lldw ago", (long long)(d / 7));
	else
		snprintf(buf, n, "%lldmo ago", (long long)(d / 30));
}

/* ---- export --------------------------------------------------------- */

static void
md_section(FILE *fp, const char *head, const char *text)
{
	if (*text == '\0')
		return;
	fprintf(fp, "### %s\n\n%s\n\n", head, text);
}

void
story_export_md(struct db *db, FILE *fp, int all)
{
	struct story *v;
	size_t n;
	story_list(db, &v, &n);
	fprintf(fp, "# %s\n\n", all ? "Story bank" : "My stories");
	size_t written = 0;
	for (size_t i = 0; i < n; i++) {
		if (!all && !story_is_user(&v[i]))
			continue;
		struct story s;
		if (story_get(db, v[i].id, &s, NULL) != 0)
			continue;
		written++;
		fprintf(fp, "## %s\n\n", s.title);
		fprintf(fp, "- Id: `%s`%s\n", s.id, story_is_user(&s) ? " (mine)" : "");
		if (strcmp(s.type, "story") != 0)
			fprintf(fp, "- Type: %s\n", s.type);
		if (*s.competencies) {
			fputs("- Competencies: ", fp);
			char *copy = xstrdup(s.competencies);
			int first = 1;
			for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
				char *name = story_comp_name(db, w);
				fprintf(fp, "%s%s", first ? "" : ", ", name);
				free(name);
				first = 0;
			}
			free(copy);
			fputc('\n', fp);
		}
		if (s.copied_from)
			fprintf(fp, "- Copied from: `%s`\n", s.copied_from);
		fputc('\n', fp);
		md_section(fp, "Situation", s.situation);
		md_section(fp, "Task", s.task);
		md_section(fp, "Action", s.action);
		md_section(fp, "Result", s.result);
		md_section(fp, "Reflection", s.reflection);
		if (s.npoints) {
			fputs("### Decision points\n\n", fp);
			for (size_t k = 0; k < s.npoints; k++) {
				fprintf(fp, "%zu. **%s**", k + 1, s.points[k].question);
				if (*s.points[k].answer) {
					/* Indent the answer under its list item. */
					fputs("\n   ", fp);
					for (const char *p = s.points[k].answer; *p; p++) {
						fputc(*p, fp);
						if (*p == '\n' && p[1] != '\0')
							fputs("   ", fp);
					}
				}
				fputc('\n', fp);
			}
			fputc('\n', fp);
		}
		if (*s.metrics) {
			fputs("### Metrics\n\n- ", fp);
			for (const char *p = s.metrics; *p; p++) {
				fputc(*p, fp);
				if (*p == '\n')
					fputs("- ", fp);
			}
			fputs("\n\n", fp);
		}
		story_clear(&s);
	}
	if (written == 0)
		fputs(all ? "No stories.\n"
		          : "You have no stories of your own yet: copy one "
		            "with `prepdeck story copy ID` or add one with `prepdeck story add "
		            "TITLE`.\n",
		      fp);
	story_list_free(v, n);
}

/* Writes s as a YAML double-quoted scalar (exact for any text). */
static void
yaml_dq(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int bad = text_bad_unicode(p);
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\x%02x", *p);
		else if (bad) {
			/* Decode the sequence and write it as \uXXXX. */
			unsigned cp = bad == 2 ? ((p[0] & 0x1fu) << 6 | (p[1] & 0x3fu))
			                       : ((p[0] & 0x0fu) << 12 | (p[1] & 0x3fu) << 6 |
			                          (p[2] & 0x3fu));
			fprintf(fp, "\\u%04X", cp);
			p += bad - 1;
		} else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

/* Writes a value after "key:" — a literal block for multi-line text
 * that a block keeps exactly, a double-quoted scalar otherwise. indent
 * is the block's indentation. */
static void
yaml_text(FILE *fp, const char *s, int indent)
{
	int block = strchr(s, '\n') != NULL && s[0] != ' ' && s[0] != '\t';
	size_t n = strlen(s);
	if (block && n >= 2 && s[n - 1] == '\n' && s[n - 2] == '\n')
		block = 0;
	for (const unsigned char *p = (const unsigned char *)s; block && *p; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f || text_bad_unicode(p))
			block = 0;
		/* A line of only blanks would not survive a block scalar. */
		if (*p == '\n' || p == (const unsigned char *)s) {
			const unsigned char *q = *p == '\n' ? p + 1 : p;
			size_t sp = strspn((const char *)q, " \t");
			if (sp > 0 && (q[sp] == '\n' || q[sp] == '\0'))
				block = 0;
			if (*p == '\n' && *q == '\t')
				block = 0;
		}
	}
	if (!block) {
		fputc(' ', fp);
		yaml_dq(fp, s);
		fputc('\n', fp);
		return;
	}
	fputs(s[n - 1] == '\n' ? " |\n" : " |-\n", fp);
	int bol = 1;
	for (const char *p = s; *p; p++) {
		if (bol && *p != '\n')
			fprintf(fp, "%*s", indent, "");
		fputc(*p, fp);
		bol = *p == '\n';
	}
	if (!bol)
		fputc('\n', fp);
}

int
story_export_yaml(struct db *db, FILE *fp)
{
	struct story *v;
	size_t n;
	story_list(db, &v, &n);
	int64_t now = now_unix();
	char stamp[32];
	fmt_iso_utc(now, stamp, sizeof stamp);
	char docid[40];
	/* A document id of its own per export, so several exports can be
	 * imported into one database. */
	snprintf(docid, sizeof docid, "my-stories-%.4s%.2s%.2s-%.2s%.2s%.2s", stamp, stamp + 5,
	         stamp + 8, stamp + 11, stamp + 14, stamp + 17);
	fprintf(fp,
	        "# Your stories, exported from prepdeck on %s.\n"
	        "# `prepdeck import FILE` reads them back as your own stories\n"
	        "# (origin: user): ids already in the database are kept as they are,\n"
	        "# and no later import overwrites or retires them.\n",
	        stamp);
	fprintf(fp, "kind: stories\nid: %s\ntitle: ", docid);
	yaml_dq(fp, "My stories");
	fputs("\nstories:", fp);
	int written = 0;
	for (size_t i = 0; i < n; i++) {
		if (!story_is_user(&v[i]))
			continue;
		struct story s;
		if (story_get(db, v[i].id, &s, NULL) != 0)
			continue;
		if (written++ == 0)
			fputc('\n', fp);
		fputs("  - id: ", fp);
		yaml_dq(fp, s.id);
		fputs("\n    origin: user\n    type: ", fp);
		yaml_dq(fp, s.type);
		fputs("\n    title: ", fp);
		yaml_dq(fp, s.title);
		fputs("\n    competencies: [", fp);
		char *copy = xstrdup(s.competencies);
		int first = 1;
		for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
			if (!first)
				fputs(", ", fp);
			yaml_dq(fp, w);
			first = 0;
		}
		free(copy);
		fputs("]\n", fp);
		if (s.copied_from) {
			fputs("    copied_from: ", fp);
			yaml_dq(fp, s.copied_from);
			fputc('\n', fp);
		}
		const char *names[] = { "situation", "task", "action", "result", "reflection" };
		const char *vals[] = { s.situation, s.task, s.action, s.result, s.reflection };
		for (int k = 0; k < 5; k++) {
			if (*vals[k] == '\0')
				continue;
			fprintf(fp, "    %s:", names[k]);
			yaml_text(fp, vals[k], 6);
		}
		if (s.npoints) {
			fputs("    decision_points:\n", fp);
			for (size_t k = 0; k < s.npoints; k++) {
				fputs("      - question:", fp);
				yaml_text(fp, s.points[k].question, 10);
				if (*s.points[k].answer) {
					fputs("        answer:", fp);
					yaml_text(fp, s.points[k].answer, 10);
				}
			}
		}
		if (*s.metrics) {
			fputs("    metrics: [", fp);
			char *m = xstrdup(s.metrics);
			first = 1;
			for (char *w = strtok(m, "\n"); w; w = strtok(NULL, "\n")) {
				if (!first)
					fputs(", ", fp);
				yaml_dq(fp, w);
				first = 0;
			}
			free(m);
			fputs("]\n", fp);
		}
		story_clear(&s);
	}
	if (written == 0)
		fputs(" []\n", fp);
	story_list_free(v, n);
	return written;
}

/* "Technical depth, Impact" from "technical-depth impact"; a new string. */
char *
story_comp_names(struct db *db, const char *ids)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	char *copy = xstrdup(ids);
	for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
		char *name = story_comp_name(db, w);
		sbuf_addf(&b, "%s%s", b.len ? ", " : "", name);
		free(name);
	}
	free(copy);
	return sbuf_take(&b);
}

const char *
story_kind_label(const struct story *s)
{
	if (story_is_user(s))
		return strcmp(s->type, "pitch") == 0 ? "my pitch" : "mine";
	if (strcmp(s->type, "story") == 0)
		return "example";
	return s->type;
}
