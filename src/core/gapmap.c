#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gapmap.h"
#include "util.h"

static const struct {
	const char *column, *label;
} fields[GF__COUNT] = {
	[GF_NAME] = { "name", "Skill" },
	[GF_CATEGORY] = { "category", "Category" },
	[GF_CONFIDENCE] = { "confidence", "Confidence" },
	[GF_STATUS] = { "status", "Status" },
	[GF_EVIDENCE] = { "evidence", "Evidence" },
	[GF_NEXT] = { "next_action", "Next action" },
	[GF_DECKS] = { "decks", "Decks" },
	[GF_STORIES] = { "stories", "Stories" },
	[GF_KEYWORDS] = { "keywords", "Keywords" },
};

static const char *const sort_names[GAP_SORT__COUNT] = {
	"map",
	"confidence",
	"category",
	"name",
};

static const char *const categories[] = { "technical", "system", "behavioral" };
static const char *const statuses[] = { "todo", "doing", "done" };

const char *
gap_field_column(enum gap_field f)
{
	return f < GF__COUNT ? fields[f].column : "";
}

const char *
gap_field_label(enum gap_field f)
{
	return f < GF__COUNT ? fields[f].label : "";
}

int
gap_field_parse(const char *s, enum gap_field *f)
{
	static const struct {
		const char *name;
		enum gap_field f;
	} aliases[] = {
		{ "name", GF_NAME },
		{ "skill", GF_NAME },
		{ "category", GF_CATEGORY },
		{ "cat", GF_CATEGORY },
		{ "confidence", GF_CONFIDENCE },
		{ "conf", GF_CONFIDENCE },
		{ "status", GF_STATUS },
		{ "evidence", GF_EVIDENCE },
		{ "next", GF_NEXT },
		{ "next_action", GF_NEXT },
		{ "next-action", GF_NEXT },
		{ "decks", GF_DECKS },
		{ "deck", GF_DECKS },
		{ "stories", GF_STORIES },
		{ "story", GF_STORIES },
		{ "keywords", GF_KEYWORDS },
	};
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(s, aliases[i].name) == 0) {
			*f = aliases[i].f;
			return 0;
		}
	return -1;
}

const char *
gap_sort_name(enum gap_sort s)
{
	return s < GAP_SORT__COUNT ? sort_names[s] : "";
}

int
gap_sort_parse(const char *s, enum gap_sort *out)
{
	for (int i = 0; i < GAP_SORT__COUNT; i++)
		if (strcmp(s, sort_names[i]) == 0 ||
		    (strcmp(s, "conf") == 0 && i == GAP_SORT_CONFIDENCE)) {
			*out = (enum gap_sort)i;
			return 0;
		}
	return -1;
}

char *
gap_slug(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	int dash = 0;
	for (; *s && b.len < 48; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80 && isalnum(c)) {
			if (dash && b.len > 0)
				sbuf_addc(&b, '-');
			dash = 0;
			sbuf_addc(&b, (char)tolower(c));
		} else {
			dash = 1;
		}
	}
	return sbuf_take(&b);
}

/* ---- maps ------------------------------------------------------------ */

/* clang-format off */
#define MAP_COLS "m.id, m.title, m.role, m.origin, m.created_at, " \
	"(SELECT count(*) FROM gap_row r WHERE r.map_id = m.id AND r.deleted = 0 " \
	"AND r.retired = 0), " \
	"(SELECT count(*) FROM gap_row r WHERE r.map_id = m.id AND r.deleted = 0 " \
	"AND r.retired = 0 AND (trim(r.evidence, ' ' || char(9, 10, 13)) = '' OR " \
	"r.confidence <= 2))"
/* clang-format on */

static void
map_from(struct db_stmt *st, struct gap_map *m)
{
	m->id = db_col_strdup(st, 0);
	m->title = db_col_strdup(st, 1);
	m->role = db_col_strdup(st, 2);
	m->origin = db_col_strdup(st, 3);
	m->created_at = db_col_int(st, 4);
	m->nrows = (int)db_col_int(st, 5);
	m->ngaps = (int)db_col_int(st, 6);
}

void
gap_map_clear(struct gap_map *m)
{
	free(m->id);
	free(m->title);
	free(m->role);
	free(m->origin);
	memset(m, 0, sizeof *m);
}

void
gap_maps(struct db *db, struct gap_map **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT " MAP_COLS " FROM gapmap m "
	                                "WHERE m.retired = 0 ORDER BY m.origin <> 'bundled', "
	                                "m.created_at, m.id",
	                                "");
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	while (db_step(st)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		map_from(st, &(*out)[(*n)++]);
	}
	db_finalize(st);
}

void
gap_maps_free(struct gap_map *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		gap_map_clear(&m[i]);
	free(m);
}

int
gap_map_get(struct db *db, const char *id, struct gap_map *out, char **cause)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = db_prepare(db,
	                                "SELECT " MAP_COLS " FROM gapmap m "
	                                "WHERE m.id = ? AND m.retired = 0",
	                                "t", id);
	int found = db_step(st);
	if (found)
		map_from(st, out);
	db_finalize(st);
	if (!found)
		return fail(cause, "no gap map '%s' (see 'prepdeck gapmap list')", id);
	return 0;
}

static int
id_taken(struct db *db, const char *id)
{
	return db_int(db, 0,
	              "SELECT EXISTS (SELECT 1 FROM gapmap WHERE id = ?1) OR "
	              "EXISTS (SELECT 1 FROM doc WHERE id = ?1)",
	              "t", id) != 0;
}

char *
gap_map_unused_id(struct db *db, const char *base)
{
	char *slug = gap_slug(base);
	if (*slug == '\0') {
		free(slug);
		slug = xstrdup("map");
	}
	char *id = xstrdup(slug);
	for (int i = 2; id_taken(db, id); i++) {
		free(id);
		id = xprintf("%s-%d", slug, i);
	}
	free(slug);
	return id;
}

/* Text fields: valid UTF-8, no control characters but newlines and tabs
 * (and not even those in one-line fields). */
static int
check_text(const char *what, const char *s, int multiline, char **cause)
{
	size_t n = strlen(s);
	if (utf8_invalid_at(s, n) >= 0)
		return fail(cause, "%s is not valid UTF-8 text", what);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' && !multiline)
			return fail(cause, "%s must be one line", what);
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return fail(cause, "%s contains a control character (byte 0x%02x)", what,
			            *p);
	}
	if (n > 20000)
		return fail(cause, "%s is too long (%zu bytes; the limit is 20000)", what, n);
	return 0;
}

int
gap_map_create(struct db *db, const char *id, const char *title, const char *role,
               const char *origin, char **cause)
{
	if (!valid_id(id))
		return fail(cause,
		            "'%s' is not a valid map id (lowercase letters, digits, "
		            "'.', '_', '-'; starting with a letter or digit; at most %d)",
		            id, ID_MAX);
	if (id_taken(db, id))
		return fail(cause, "the id '%s' is already used by a map or document", id);
	char *t = xstrdup(title ? title : "");
	/* Titles are one line. */
	for (char *p = t; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	if (check_text("the title", t, 0, cause) != 0 ||
	    check_text("the role", role ? role : "", 0, cause) != 0) {
		free(t);
		return -1;
	}
	db_exec(db,
	        "INSERT INTO gapmap(id, origin, title, role, created_at, src) "
	        "VALUES (?, ?, ?, ?, ?, '')",
	        "tttti", id, origin, *t ? t : id, role ? role : "", now_unix());
	free(t);
	return 0;
}

int
gap_map_delete(struct db *db, const char *id, char **cause)
{
	char *origin =
	        db_text(db, "SELECT origin FROM gapmap WHERE id = ? AND retired = 0", "t", id);
	if (origin == NULL)
		return fail(cause, "no gap map '%s' (see 'prepdeck gapmap list')", id);
	int bundled = strcmp(origin, "bundled") == 0;
	free(origin);
	if (bundled)
		return fail(cause, "'%s' comes with the curriculum and cannot be deleted", id);
	db_begin(db);
	db_exec(db, "UPDATE gapmap SET retired = 1 WHERE id = ?", "t", id);
	db_set_setting(db, "gapmap_deleted", id);
	db_commit(db);
	return 0;
}

int
gap_map_restore(struct db *db, const char *id, char **cause)
{
	if (db_int(db, 0,
	           "SELECT count(*) FROM gapmap WHERE id = ? AND retired = 1 AND "
	           "origin <> 'bundled'",
	           "t", id) == 0)
		return fail(cause, "no deleted gap map '%s'", id);
	db_begin(db);
	db_exec(db, "UPDATE gapmap SET retired = 0 WHERE id = ?", "t", id);
	char *last = db_setting(db, "gapmap_deleted");
	if (last && strcmp(last, id) == 0)
		db_exec(db, "DELETE FROM setting WHERE key = 'gapmap_deleted'", "");
	free(last);
	db_commit(db);
	gap_set_current(db, id);
	return 0;
}

/* The map a setting names, when it is (retired 1) or is not (0)
 * deleted; else NULL. Caller frees. */
static char *
setting_map(struct db *db, const char *key, int retired)
{
	char *id = db_setting(db, key);
	if (id != NULL && db_int(db, 0,
	                         "SELECT count(*) FROM gapmap WHERE id = ? AND "
	                         "retired = ?",
	                         "ti", id, (int64_t)retired) == 1)
		return id;
	free(id);
	return NULL;
}

char *
gap_map_last_deleted(struct db *db)
{
	return setting_map(db, "gapmap_deleted", 1);
}

char *
gap_current(struct db *db)
{
	char *id = setting_map(db, "gapmap_current", 0);
	if (id != NULL)
		return id;
	return db_text(db,
	               "SELECT id FROM gapmap WHERE retired = 0 ORDER BY "
	               "origin = 'bundled', created_at DESC, rowid DESC LIMIT 1",
	               "");
}

void
gap_set_current(struct db *db, const char *map_id)
{
	db_set_setting(db, "gapmap_current", map_id);
}

/* ---- rows ------------------------------------------------------------ */

/* clang-format off */
#define ROW_COLS "id, map_id, skill_id, name, category, keywords, evidence, " \
	"confidence, next_action, status, decks, stories, ord, weight, edited"
/* clang-format on */

static void
row_from(struct db_stmt *st, struct gap_row *r)
{
	r->id = db_col_int(st, 0);
	r->map_id = db_col_strdup(st, 1);
	r->skill_id = db_col_strdup(st, 2);
	r->name = xstrdup(db_col_text(st, 3));
	r->category = xstrdup(db_col_text(st, 4));
	r->keywords = xstrdup(db_col_text(st, 5));
	r->evidence = xstrdup(db_col_text(st, 6));
	r->confidence = db_col_isnull(st, 7) ? 0 : (int)db_col_int(st, 7);
	r->next_action = xstrdup(db_col_text(st, 8));
	r->status = xstrdup(db_col_text(st, 9));
	r->decks = xstrdup(db_col_text(st, 10));
	r->stories = xstrdup(db_col_text(st, 11));
	r->ord = (int)db_col_int(st, 12);
	r->weight = db_col_double(st, 13);
	r->edited = (int)db_col_int(st, 14);
}

void
gap_row_clear(struct gap_row *r)
{
	free(r->map_id);
	free(r->skill_id);
	free(r->name);
	free(r->category);
	free(r->keywords);
	free(r->evidence);
	free(r->next_action);
	free(r->status);
	free(r->decks);
	free(r->stories);
	memset(r, 0, sizeof *r);
}

void
gap_rows_free(struct gap_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		gap_row_clear(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

int
gap_row_load(struct db *db, int64_t row_id, struct gap_row *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st =
	        db_prepare(db, "SELECT " ROW_COLS " FROM gap_row WHERE id = ?", "i", row_id);
	int found = db_step(st);
	if (found)
		row_from(st, out);
	db_finalize(st);
	return found ? 0 : -1;
}

static int
blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

int
gap_row_is_gap(const struct gap_row *r)
{
	return blank(r->evidence) || (r->confidence > 0 && r->confidence <= 2);
}

/* Case-insensitive (ASCII) substring search. */
static int
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return 1;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

int
gap_row_matches(const struct gap_row *r, const char *filter)
{
	if (filter == NULL || *filter == '\0')
		return 1;
	/* The columns the map shows at any width; not the keywords,
	 * vocabulary id or linked deck and story ids, which would match rows
	 * that show nothing like the filter (llm matching llm-retrieval). */
	const char *f[] = { r->name, r->category, r->evidence, r->next_action, r->status };
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (contains_ci(f[i], filter))
			return 1;
	return 0;
}

static int
category_rank(const char *c)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(c, categories[i]) == 0)
			return i;
	return 3;
}

static int
cmp_map(const struct gap_row *a, const struct gap_row *b)
{
	if (a->ord != b->ord)
		return a->ord < b->ord ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Weakest first: unrated and low confidence, then no evidence, then the
 * most asked-for. */
static int
cmp_conf(const struct gap_row *a, const struct gap_row *b)
{
	if (a->confidence != b->confidence)
		return a->confidence < b->confidence ? -1 : 1;
	int ea = blank(a->evidence), eb = blank(b->evidence);
	if (ea != eb)
		return ea ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return cmp_map(a, b);
}

static int
cmp_name(const struct gap_row *a, const struct gap_row *b)
{
	int c = strcasecmp(a->name, b->name);
	return c ? c : cmp_map(a, b);
}

static int
cmp_cat(const struct gap_row *a, const struct gap_row *b)
{
	int ca = category_rank(a->category), cb = category_rank(b->category);
	if (ca != cb)
		return ca < cb ? -1 : 1;
	return cmp_name(a, b);
}

static int
qcmp_map(const void *a, const void *b)
{
	return cmp_map(a, b);
}

static int
qcmp_conf(const void *a, const void *b)
{
	return cmp_conf(a, b);
}

static int
qcmp_cat(const void *a, const void *b)
{
	return cmp_cat(a, b);
}

static int
qcmp_name(const void *a, const void *b)
{
	return cmp_name(a, b);
}

void
gap_rows_sort(struct gap_rows *r, enum gap_sort sort)
{
	int (*cmp)(const void *, const void *) = qcmp_map;
	if (sort == GAP_SORT_CONFIDENCE)
		cmp = qcmp_conf;
	else if (sort == GAP_SORT_CATEGORY)
		cmp = qcmp_cat;
	else if (sort == GAP_SORT_NAME)
		cmp = qcmp_name;
	if (r->n > 1)
		qsort(r->v, r->n, sizeof r->v[0], cmp);
}

void
gap_rows_load(struct db *db, const char *map_id, const char *filter, enum gap_sort sort,
              struct gap_rows *out)
{
	out->v = NULL;
	out->n = 0;
	size_t cap = 0;
	struct db_stmt *st = db_prepare(db,
	                                "SELECT " ROW_COLS " FROM gap_row WHERE "
	                                "map_id = ? AND deleted = 0 AND retired = 0 "
	                                "ORDER BY ord, id",
	                                "t", map_id);
	while (db_step(st)) {
		struct gap_row r;
		row_from(st, &r);
		if (!gap_row_matches(&r, filter)) {
			gap_row_clear(&r);
			continue;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->v = xrealloc(out->v, cap * sizeof out->v[0]);
		}
		out->v[out->n++] = r;
	}
	db_finalize(st);
	gap_rows_sort(out, sort);
}

/* Weakness: a rating of 1 or 2 is a known weakness and comes first, an
 * unrated skill next, then 3 to 5; then no evidence, the most asked-for,
 * map order. */
static int
qcmp_weak(const void *pa, const void *pb)
{
	const struct gap_row *a = pa, *b = pb;
	int ka = a->confidence ? a->confidence * 2 : 5, kb = b->confidence ? b->confidence * 2 : 5;
	if (ka != kb)
		return ka < kb ? -1 : 1;
	return cmp_conf(a, b);
}

void
gap_weakest(struct db *db, const char *map_id, size_t k, struct gap_rows *out)
{
	gap_rows_load(db, map_id, NULL, GAP_SORT_MAP, out);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof out->v[0], qcmp_weak);
	size_t w = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (w < k && gap_row_is_gap(&out->v[i]))
			out->v[w++] = out->v[i];
		else
			gap_row_clear(&out->v[i]);
	}
	out->n = w;
}

int
gap_row_find(struct db *db, const char *map_id, const char *ref, int64_t *row_id, char **cause)
{
	/* An empty ROW is a start of every name: it names no row. */
	if (*ref == '\0')
		return fail(cause,
		            "ROW is empty: give a row number, a skill id or a skill name "
		            "(see 'prepdeck gapmap show %s')",
		            map_id);
	struct gap_rows rows;
	gap_rows_load(db, map_id, NULL, GAP_SORT_MAP, &rows);
	int rc = -1;
	char *end;
	long pos = strtol(ref, &end, 10);
	if (*ref && *end == '\0' && isdigit((unsigned char)*ref)) {
		if (pos >= 1 && (size_t)pos <= rows.n) {
			*row_id = rows.v[pos - 1].id;
			rc = 0;
		} else {
			fail(cause, "map '%s' has %zu rows; there is no row %s", map_id, rows.n,
			     ref);
		}
		gap_rows_free(&rows);
		return rc;
	}
	for (int pass = 0; pass < 2 && rc != 0; pass++)
		for (size_t i = 0; i < rows.n; i++) {
			const struct gap_row *r = &rows.v[i];
			if ((pass == 0 && r->skill_id && strcmp(r->skill_id, ref) == 0) ||
			    (pass == 1 && strcasecmp(r->name, ref) == 0)) {
				*row_id = r->id;
				rc = 0;
				break;
			}
		}
	if (rc != 0) {
		size_t hits = 0;
		struct sbuf names;
		sbuf_init(&names);
		for (size_t i = 0; i < rows.n; i++)
			if (strncasecmp(rows.v[i].name, ref, strlen(ref)) == 0) {
				*row_id = rows.v[i].id;
				sbuf_addf(&names, "%s'%s'", hits ? ", " : "", rows.v[i].name);
				hits++;
			}
		if (hits == 1)
			rc = 0;
		else if (hits > 1)
			fail(cause, "'%s' matches several rows of '%s': %s", ref, map_id, names.s);
		else
			fail(cause, "no row '%s' in map '%s' (see 'prepdeck gapmap show %s')", ref,
			     map_id, map_id);
		sbuf_free(&names);
	}
	gap_rows_free(&rows);
	return rc;
}

int64_t
gap_row_insert(struct db *db, const struct gap_row *r)
{
	int64_t ord = db_int(db, 0, "SELECT ifnull(max(ord) + 1, 0) FROM gap_row WHERE map_id = ?",
	                     "t", r->map_id);
	struct db_stmt *st = db_prepare(
	        db,
	        "INSERT INTO gap_row(map_id, skill_id, name, category, keywords, evidence, "
	        "confidence, next_action, status, decks, stories, ord, weight, src) "
	        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
	        "tttttt", r->map_id, r->skill_id, r->name, r->category ? r->category : "technical",
	        r->keywords ? r->keywords : "", r->evidence ? r->evidence : "");
	if (r->confidence > 0)
		db_bind_int(st, 7, r->confidence);
	db_bind_text(st, 8, r->next_action ? r->next_action : "");
	db_bind_text(st, 9, r->status ? r->status : "todo");
	db_bind_text(st, 10, r->decks ? r->decks : "");
	db_bind_text(st, 11, r->stories ? r->stories : "");
	db_bind_int(st, 12, ord);
	db_bind_double(st, 13, r->weight);
	while (db_step(st))
		;
	db_finalize(st);
	return db_last_rowid(db);
}

/* Matches s against a list of words by whole word or unique prefix (any
 * case); returns the index or -1. */
static int
pick(const char *s, const char *const *words, int n)
{
	char *t = xstrdup(s);
	char *b = t, *e;
	while (isspace((unsigned char)*b))
		b++;
	e = b + strlen(b);
	while (e > b && isspace((unsigned char)e[-1]))
		*--e = '\0';
	int hit = -1, nhits = 0;
	for (int i = 0; i < n && *b; i++) {
		if (strcasecmp(b, words[i]) == 0) {
			free(t);
			return i;
		}
		if (strncasecmp(b, words[i], strlen(b)) == 0) {
			hit = i;
			nhits++;
		}
	}
	free(t);
	return nhits == 1 ? hit : -1;
}

/* Normalizes a list of ids typed as "a, b c" into the word-list form
 * " a b ", checking each against the table. */
static int
norm_ids(struct db *db, const char *what, const char *s, char **out, char **cause)
{
	struct sbuf b;
	sbuf_init(&b);
	const char *p = s;
	while (*p) {
		while (*p && (isspace((unsigned char)*p) || *p == ','))
			p++;
		const char *q = p;
		while (*q && !isspace((unsigned char)*q) && *q != ',')
			q++;
		if (q == p)
			break;
		char *id = xstrndup(p, (size_t)(q - p));
		int ok;
		if (strcmp(what, "deck") == 0)
			ok = db_int(db, 0,
			            "SELECT count(*) FROM doc WHERE id = ? AND kind IN "
			            "('deck', 'numbers') AND retired = 0",
			            "t", id) > 0;
		else
			ok = db_int(db, 0,
			            "SELECT count(*) FROM story WHERE id = ? AND "
			            "retired = 0",
			            "t", id) > 0;
		if (!ok) {
			fail(cause, "no %s '%s'", what, id);
			free(id);
			sbuf_free(&b);
			return -1;
		}
		char *needle = xprintf(" %s ", id);
		if (b.len == 0 || strstr(b.s, needle) == NULL) {
			if (b.len == 0)
				sbuf_addc(&b, ' ');
			sbuf_add(&b, id);
			sbuf_addc(&b, ' ');
		}
		free(needle);
		free(id);
		p = q;
	}
	if (b.s == NULL)
		sbuf_add(&b, "");
	*out = sbuf_take(&b);
	return 0;
}

/* Turns a value as typed into the stored text of a field (NULL for an
 * unset confidence). Returns 0 or -1 with *cause set. */
static int
normalize(struct db *db, enum gap_field f, const char *v, char **out, char **cause)
{
	*out = NULL;
	int i;
	switch (f) {
	case GF_NAME: {
		if (check_text("the skill name", v, 0, cause) != 0)
			return -1;
		char *t = xstrdup(v);
		char *b = t;
		while (isspace((unsigned char)*b))
			b++;
		size_t n = strlen(b);
		while (n > 0 && isspace((unsigned char)b[n - 1]))
			b[--n] = '\0';
		if (n == 0) {
			free(t);
			return fail(cause, "the skill name cannot be empty");
		}
		if (n > 200) {
			free(t);
			return fail(cause, "the skill name is too long (at most 200 bytes)");
		}
		*out = xstrdup(b);
		free(t);
		return 0;
	}
	case GF_CATEGORY:
		if ((i = pick(v, categories, 3)) < 0)
			return fail(cause,
			            "category must be technical, system or behavioral, "
			            "not '%s'",
			            v);
		*out = xstrdup(categories[i]);
		return 0;
	case GF_STATUS:
		if ((i = pick(v, statuses, 3)) < 0)
			return fail(cause, "status must be todo, doing or done, not '%s'", v);
		*out = xstrdup(statuses[i]);
		return 0;
	case GF_CONFIDENCE: {
		char *t = xstrdup(v), *b = t;
		while (isspace((unsigned char)*b))
			b++;
		size_t n = strlen(b);
		while (n > 0 && isspace((unsigned char)b[n - 1]))
			b[--n] = '\0';
		if (n == 0 || strcmp(b, "0") == 0 || strcmp(b, "-") == 0 ||
		    strcasecmp(b, "none") == 0 || strcasecmp(b, "unset") == 0) {
			free(t);
			return 0;
		}
		if (n != 1 || b[0] < '1' || b[0] > '5') {
			fail(cause, "confidence must be 1 to 5 (or 'none'), not '%s'", b);
			free(t);
			return -1;
		}
		*out = xstrdup(b);
		free(t);
		return 0;
	}
	case GF_EVIDENCE:
	case GF_NEXT: {
		/* Line ends pasted from elsewhere (CR LF, CR) become LF. */
		char *t = xstrdup(v), *w = t;
		for (const char *p = v; *p; p++) {
			if (*p == '\r') {
				*w++ = '\n';
				if (p[1] == '\n')
					p++;
			} else {
				*w++ = *p;
			}
		}
		*w = '\0';
		if (check_text(f == GF_EVIDENCE ? "the evidence" : "the next action", t, 1,
		               cause) != 0) {
			free(t);
			return -1;
		}
		*out = t;
		return 0;
	}
	case GF_KEYWORDS: {
		if (check_text("the keywords", v, 1, cause) != 0)
			return -1;
		/* One keyword a line; commas separate too. */
		struct sbuf b;
		sbuf_init(&b);
		sbuf_add(&b, "");
		const char *p = v;
		while (*p) {
			while (*p && (isspace((unsigned char)*p) || *p == ','))
				p++;
			const char *q = p;
			while (*q && *q != ',' && *q != '\n')
				q++;
			const char *e = q;
			while (e > p && isspace((unsigned char)e[-1]))
				e--;
			if (e > p) {
				if (b.len)
					sbuf_addc(&b, '\n');
				sbuf_addn(&b, p, (size_t)(e - p));
			}
			p = q;
		}
		*out = sbuf_take(&b);
		return 0;
	}
	case GF_DECKS:
		return norm_ids(db, "deck", v, out, cause);
	case GF_STORIES:
		return norm_ids(db, "story", v, out, cause);
	default:
		return fail(cause, "unknown field");
	}
}

/* Writes the edit row; kept apart so every edit goes through one place. */
static void
record(struct db *db, int64_t row_id, const char *field, const char *old, const char *new)
{
	db_exec(db, "INSERT INTO gap_edit(row_id, field, old, new, at) VALUES (?, ?, ?, ?, ?)",
	        "ittti", row_id, field, old, new, now_unix());
}

int64_t
gap_row_add(struct db *db, const char *map_id, const char *name, const char *category, char **cause)
{
	char *nm = NULL, *cat = NULL;
	if (db_int(db, 0, "SELECT count(*) FROM gapmap WHERE id = ? AND retired = 0", "t",
	           map_id) == 0)
		return fail(cause, "no gap map '%s'", map_id);
	if (normalize(db, GF_NAME, name, &nm, cause) != 0)
		return -1;
	if (normalize(db, GF_CATEGORY, category && *category ? category : "technical", &cat,
	              cause) != 0) {
		free(nm);
		return -1;
	}
	struct gap_row r = { .map_id = (char *)map_id, .name = nm, .category = cat };
	db_begin(db);
	int64_t id = gap_row_insert(db, &r);
	db_exec(db, "UPDATE gap_row SET edited = 1 WHERE id = ?", "i", id);
	record(db, id, "created", NULL, nm);
	db_commit(db);
	free(nm);
	free(cat);
	return id;
}

/* Sets one column of a live row to val (NULL = SQL NULL), recording the
 * edit when the value changes. */
static int
set_column(struct db *db, int64_t row_id, const char *col, const char *val, char **cause)
{
	db_begin(db);
	char *q = xprintf("SELECT %s, deleted FROM gap_row WHERE id = ?", col);
	struct db_stmt *st = db_prepare(db, q, "i", row_id);
	free(q);
	if (!db_step(st) || db_col_int(st, 1) != 0) {
		db_finalize(st);
		db_rollback(db);
		return fail(cause, "no such row (it may have been deleted)");
	}
	char *old = db_col_strdup(st, 0);
	db_finalize(st);
	int same = (old == NULL && val == NULL) ||
	           (old != NULL && val != NULL && strcmp(old, val) == 0);
	if (!same) {
		q = xprintf("UPDATE gap_row SET %s = ?, edited = 1 WHERE id = ?", col);
		if (strcmp(col, "confidence") == 0 && val != NULL)
			db_exec(db, q, "ii", (int64_t)atoi(val), row_id);
		else
			db_exec(db, q, "ti", val, row_id);
		free(q);
		record(db, row_id, col, old, val);
	}
	db_commit(db);
	free(old);
	return 0;
}

int
gap_row_set(struct db *db, int64_t row_id, enum gap_field f, const char *value, char **cause)
{
	if (f >= GF__COUNT)
		return fail(cause, "unknown field");
	char *v = NULL;
	if (normalize(db, f, value ? value : "", &v, cause) != 0)
		return -1;
	int rc = set_column(db, row_id, fields[f].column, v, cause);
	free(v);
	return rc;
}

int
gap_row_set_confidence(struct db *db, int64_t row_id, int confidence, char **cause)
{
	if (confidence < 0 || confidence > 5)
		return fail(cause, "confidence must be 1 to 5 (0 clears it)");
	char buf[4];
	snprintf(buf, sizeof buf, "%d", confidence);
	return set_column(db, row_id, "confidence", confidence ? buf : NULL, cause);
}

int
gap_row_delete(struct db *db, int64_t row_id, char **cause)
{
	return set_column(db, row_id, "deleted", "1", cause);
}

int
gap_undo(struct db *db, const char *map_id, char **what, int64_t *row_id)
{
	*what = NULL;
	db_begin(db);
	struct db_stmt *st =
	        db_prepare(db,
	                   "SELECT e.id, e.row_id, e.field, e.old, e.new, r.name FROM gap_edit e "
	                   "JOIN gap_row r ON r.id = e.row_id WHERE ?1 IS NULL OR r.map_id = ?1 "
	                   "ORDER BY e.id DESC LIMIT 1",
	                   "t", map_id);
	if (!db_step(st)) {
		db_finalize(st);
		db_commit(db);
		return 0;
	}
	int64_t eid = db_col_int(st, 0), row = db_col_int(st, 1);
	if (row_id)
		*row_id = row;
	char *field = xstrdup(db_col_text(st, 2));
	char *old = db_col_strdup(st, 3);
	char *new = db_col_strdup(st, 4);
	char *name = xstrdup(db_col_text(st, 5));
	db_finalize(st);

	if (strcmp(field, "created") == 0) {
		db_exec(db, "DELETE FROM gap_edit WHERE row_id = ?", "i", row);
		db_exec(db, "DELETE FROM gap_row WHERE id = ?", "i", row);
		*what = xprintf("removed the added row '%s'", name);
		if (row_id)
			*row_id = 0;
	} else {
		const char *col = NULL;
		for (int i = 0; i < GF__COUNT; i++)
			if (strcmp(field, fields[i].column) == 0)
				col = fields[i].column;
		if (strcmp(field, "deleted") == 0)
			col = "deleted";
		if (col != NULL) {
			char *q = xprintf("UPDATE gap_row SET %s = ? WHERE id = ?", col);
			if ((strcmp(col, "confidence") == 0 || strcmp(col, "deleted") == 0) && old)
				db_exec(db, q, "ii", (int64_t)atoi(old), row);
			else
				db_exec(db, q, "ti", old, row);
			free(q);
		}
		db_exec(db, "DELETE FROM gap_edit WHERE id = ?", "i", eid);
		db_exec(db,
		        "UPDATE gap_row SET edited = (skill_id IS NULL OR EXISTS (SELECT 1 "
		        "FROM gap_edit WHERE row_id = ?1)) WHERE id = ?1",
		        "i", row);
		/* What changed first, so a narrow status line still says it. */
		if (strcmp(field, "deleted") == 0)
			*what = xprintf("restored the deleted row '%s'", name);
		else if (strcmp(field, "confidence") == 0)
			*what = xprintf("confidence back to %s ('%s')", old ? old : "not rated",
			                name);
		else if (strcmp(field, "name") == 0)
			*what = xprintf("name back to '%s'", old ? old : "");
		else
			*what = xprintf("%s restored ('%s')",
			                strcmp(field, "next_action") == 0 ? "next action" : field,
			                name);
	}
	db_commit(db);
	free(field);
	free(old);
	free(new);
	free(name);
	return 1;
}

void
gap_history(struct db *db, const char *map_id, struct gap_point **out, size_t *n)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT e.at, e.row_id, e.new FROM gap_edit e JOIN gap_row r ON r.id = e.row_id "
	        "WHERE e.field = 'confidence' AND r.deleted = 0 AND r.retired = 0 AND "
	        "(?1 IS NULL OR r.map_id = ?1) ORDER BY e.at, e.id",
	        "t", map_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	while (db_step(st)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		struct gap_point *p = &(*out)[(*n)++];
		p->at = db_col_int(st, 0);
		p->row_id = db_col_int(st, 1);
		p->confidence = db_col_isnull(st, 2) ? 0 : atoi(db_col_text(st, 2));
	}
	db_finalize(st);
}

void
gap_conf_bar(int confidence, char *buf, size_t n)
{
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 1; i <= 5; i++)
		sbuf_add(&b, confidence == 0 ? "·" : i <= confidence ? "■" : "□");
	snprintf(buf, n, "%s", b.s);
	sbuf_free(&b);
}
