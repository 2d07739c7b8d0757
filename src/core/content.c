#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "util.h"

const char *const content_kinds[9] = {
	"deck",       "numbers",   "plan",   "stories", "skillmap",
	"vocabulary", "checklist", "rubric", "flow",
};

/* ---- a small string-keyed hash map ---------------------------------- */

struct def {
	const char *file;
	int line, col;
	const char *kind; /* document kind for NS_DOC */
};

struct strmap {
	char **keys;
	struct def *vals;
	size_t n, cap;
};

static struct def *
strmap_find(const struct strmap *m, const char *key)
{
	if (m->cap == 0)
		return NULL;
	for (size_t i = str_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == NULL)
			return NULL;
		if (strcmp(m->keys[i], key) == 0)
			return &m->vals[i];
	}
}

static void strmap_put(struct strmap *m, const char *key, struct def v);

static void
strmap_grow(struct strmap *m)
{
	struct strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->n = 0;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xcalloc(m->cap, sizeof *m->vals);
	for (size_t i = 0; i < old.cap; i++) {
		if (old.keys[i]) {
			strmap_put(m, old.keys[i], old.vals[i]);
			free(old.keys[i]);
		}
	}
	free(old.keys);
	free(old.vals);
}

static void
strmap_put(struct strmap *m, const char *key, struct def v)
{
	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	size_t i = str_hash(key) & (m->cap - 1);
	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	if (m->keys[i] == NULL) {
		m->keys[i] = xstrdup(key);
		m->n++;
	}
	m->vals[i] = v;
}

static void
strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* The closest key within edit distance 2 (scaled for short words). */
static const char *
nearest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	int bestd = 3;
	int limit = strlen(word) <= 4 ? 1 : 2;
	for (size_t i = 0; i < n; i++) {
		if (cands[i] == NULL)
			continue;
		int d = str_distance(word, cands[i]);
		if (d <= limit && d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return best;
}

/* ---- field specifications -------------------------------------------- */

enum ftype { T_STR, T_ID, T_INT, T_BOOL, T_ENUM, T_TAGS, T_STRS, T_IDS, T_LIST };
enum ref { R_NONE, R_DECK, R_CHECKLIST, R_STORY, R_RUBRIC, R_SKILLMAP, R_COMPETENCY };
enum idscope { ID_NONE, ID_GLOBAL, ID_LOCAL };

struct spec;
struct field {
	const char *name;
	enum ftype type;
	int required;
	long min, max;          /* T_INT range; list length bounds (0 = none) */
	const char *enums;      /* T_ENUM: "a|b|c" */
	enum ref ref;           /* T_ID references, T_IDS */
	const struct spec *sub; /* T_LIST item spec */
	int empty_ok;           /* T_STR may be "" */
};

struct spec {
	const char *what; /* "card", "task", ... for messages */
	enum idscope idscope;
	enum content_ns ns; /* ID_GLOBAL namespace */
	const struct field *fields;
};

/* clang-format off */
#define END { NULL, 0, 0, 0, 0, NULL, R_NONE, NULL, 0 }
/* clang-format on */

static const struct field card_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "q", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "a", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "cloze", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "answer", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "note", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	                               { "tags", T_TAGS, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "reverse", T_BOOL, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "replaces", T_IDS, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               END };
static const struct spec card_s = { "card", ID_GLOBAL, NS_CARD, card_f };

static const struct field num_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                              { "metric", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                              { "value", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                              { "context", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	                              { "tags", T_TAGS, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                              { "replaces", T_IDS, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                              END };
static const struct spec num_s = { "number", ID_GLOBAL, NS_CARD, num_f };

static const struct field week_f[] = { { "week", T_INT, 1, 1, 52, NULL, R_NONE, NULL, 0 },
	                               { "theme", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                               END };
static const struct spec week_s = { "week", ID_NONE, NS_DOC, week_f };

static const struct field task_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "text", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "deck", T_ID, 0, 0, 0, NULL, R_DECK, NULL, 0 },
	                               { "decks", T_IDS, 0, 1, 20, NULL, R_DECK, NULL, 0 },
	                               { "checklist", T_ID, 0, 0, 0, NULL, R_CHECKLIST, NULL, 0 },
	                               { "story", T_ID, 0, 0, 0, NULL, R_STORY, NULL, 0 },
	                               { "mock", T_ID, 0, 0, 0, NULL, R_RUBRIC, NULL, 0 },
	                               { "skillmap", T_ID, 0, 0, 0, NULL, R_SKILLMAP, NULL, 0 },
	                               { "count", T_INT, 0, 1, 1000, NULL, R_NONE, NULL, 0 },
	                               { "minutes", T_INT, 0, 1, 600, NULL, R_NONE, NULL, 0 },
	                               END };
static const struct spec task_s = { "task", ID_LOCAL, NS_DOC, task_f };

static const struct field day_f[] = { { "day", T_INT, 1, 1, 366, NULL, R_NONE, NULL, 0 },
	                              { "title", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                              { "tasks", T_LIST, 1, 1, 10, NULL, R_NONE, &task_s, 0 },
	                              END };
static const struct spec day_s = { "day", ID_NONE, NS_DOC, day_f };

static const struct field comp_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "name", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "description", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	                               END };
static const struct spec comp_s = { "competency", ID_GLOBAL, NS_COMPETENCY, comp_f };

static const struct field dp_f[] = { { "question", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                             { "answer", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	                             END };
static const struct spec dp_s = { "decision point", ID_NONE, NS_DOC, dp_f };

static const struct field story_f[] = {
	{ "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	{ "title", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	{ "type", T_ENUM, 0, 0, 0, "story|template|pitch", R_NONE, NULL, 0 },
	{ "competencies", T_IDS, 0, 0, 0, NULL, R_COMPETENCY, NULL, 0 },
	{ "situation", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	{ "task", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	{ "action", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	{ "result", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	{ "reflection", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	{ "decision_points", T_LIST, 0, 0, 10, NULL, R_NONE, &dp_s, 0 },
	{ "metrics", T_STRS, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	{ "origin", T_ENUM, 0, 0, 0, "bundled|user", R_NONE, NULL, 0 },
	{ "copied_from", T_ID, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	END
};
static const struct spec story_s = { "story", ID_GLOBAL, NS_STORY, story_f };

static const struct field prompt_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                                 { "text", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                                 { "competencies", T_IDS, 1, 1, 0, NULL, R_COMPETENCY, NULL,
	                                   0 },
	                                 END };
static const struct spec prompt_s = { "prompt", ID_GLOBAL, NS_PROMPT, prompt_f };

static const struct field skill_f[] = {
	{ "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	{ "name", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	{ "category", T_ENUM, 1, 0, 0, "technical|system|behavioral", R_NONE, NULL, 0 },
	{ "keywords", T_STRS, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	{ "evidence", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	{ "confidence", T_INT, 0, 1, 5, NULL, R_NONE, NULL, 0 },
	{ "next", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	{ "status", T_ENUM, 0, 0, 0, "todo|doing|done", R_NONE, NULL, 0 },
	{ "decks", T_IDS, 0, 0, 0, NULL, R_DECK, NULL, 0 },
	{ "stories", T_IDS, 0, 0, 0, NULL, R_STORY, NULL, 0 },
	END
};
static const struct spec skill_s = { "skill", ID_LOCAL, NS_DOC, skill_f };

static const struct field term_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "name", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "category", T_ENUM, 1, 0, 0, "technical|system|behavioral",
	                                 R_NONE, NULL, 0 },
	                               { "synonyms", T_STRS, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "decks", T_IDS, 0, 0, 0, NULL, R_DECK, NULL, 0 },
	                               END };
static const struct spec term_s = { "term", ID_GLOBAL, NS_VOCAB, term_f };

static const struct field citem_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                                { "text", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                                END };
static const struct spec citem_s = { "checklist item", ID_LOCAL, NS_DOC, citem_f };

static const struct field cat_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                              { "name", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                              { "description", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	                              { "levels", T_STRS, 1, 4, 4, NULL, R_NONE, NULL, 0 },
	                              END };
static const struct spec cat_s = { "category", ID_LOCAL, NS_DOC, cat_f };

static const struct field seg_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                              { "title", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                              { "minutes", T_INT, 1, 1, 240, NULL, R_NONE, NULL, 0 },
	                              { "cues", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	                              END };
static const struct spec seg_s = { "segment", ID_LOCAL, NS_DOC, seg_f };

static const struct field fprompt_f[] = { { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                                  { "title", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                                  { "text", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 },
	                                  END };
static const struct spec fprompt_s = { "prompt", ID_LOCAL, NS_DOC, fprompt_f };

#define DOC_FIELDS \
	{ "kind", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 }, \
	        { "id", T_ID, 1, 0, 0, NULL, R_NONE, NULL, 0 }, \
	        { "title", T_STR, 1, 0, 0, NULL, R_NONE, NULL, 0 }, \
	{ \
		"description", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 \
	}

static const struct field deck_f[] = { DOC_FIELDS,
	                               { "tags", T_TAGS, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "reverse", T_BOOL, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	                               { "origin", T_ENUM, 0, 0, 0, "bundled|user", R_NONE, NULL,
	                                 0 },
	                               { "cards", T_LIST, 1, 1, 0, NULL, R_NONE, &card_s, 0 },
	                               END };
static const struct field numbers_f[] = {
	DOC_FIELDS,
	{ "profile", T_ENUM, 0, 0, 0, "example", R_NONE, NULL, 0 },
	{ "tags", T_TAGS, 0, 0, 0, NULL, R_NONE, NULL, 0 },
	{ "origin", T_ENUM, 0, 0, 0, "bundled|user", R_NONE, NULL, 0 },
	{ "items", T_LIST, 1, 1, 0, NULL, R_NONE, &num_s, 0 },
	END
};
static const struct field plan_f[] = { DOC_FIELDS,
	                               { "weeks", T_LIST, 1, 1, 52, NULL, R_NONE, &week_s, 0 },
	                               { "days", T_LIST, 1, 1, 366, NULL, R_NONE, &day_s, 0 },
	                               END };
static const struct field stories_f[] = {
	DOC_FIELDS,
	{ "profile", T_ENUM, 0, 0, 0, "example", R_NONE, NULL, 0 },
	{ "competencies", T_LIST, 0, 0, 0, NULL, R_NONE, &comp_s, 0 },
	{ "stories", T_LIST, 0, 0, 0, NULL, R_NONE, &story_s, 0 },
	{ "prompts", T_LIST, 0, 0, 0, NULL, R_NONE, &prompt_s, 0 },
	END
};
static const struct field skillmap_f[] = { DOC_FIELDS,
	                                   { "role", T_STR, 0, 0, 0, NULL, R_NONE, NULL, 1 },
	                                   { "origin", T_ENUM, 0, 0, 0, "bundled|user|jd", R_NONE,
	                                     NULL, 0 },
	                                   { "skills", T_LIST, 1, 1, 0, NULL, R_NONE, &skill_s, 0 },
	                                   END };
static const struct field vocab_f[] = { DOC_FIELDS,
	                                { "terms", T_LIST, 1, 1, 0, NULL, R_NONE, &term_s, 0 },
	                                END };
static const struct field checklist_f[] = {
	DOC_FIELDS, { "items", T_LIST, 1, 1, 100, NULL, R_NONE, &citem_s, 0 }, END
};
static const struct field rubric_f[] = {
	DOC_FIELDS,
	{ "round", T_ENUM, 0, 0, 0, "coding|ml-design|behavioral|custom", R_NONE, NULL, 0 },
	{ "categories", T_LIST, 1, 1, 20, NULL, R_NONE, &cat_s, 0 },
	END
};
static const struct field flow_f[] = { DOC_FIELDS,
	                               { "segments", T_LIST, 1, 1, 30, NULL, R_NONE, &seg_s, 0 },
	                               { "prompts", T_LIST, 0, 0, 0, NULL, R_NONE, &fprompt_s, 0 },
	                               END };

static const struct spec doc_specs[9] = {
	{ "deck", ID_GLOBAL, NS_DOC, deck_f },
	{ "numbers", ID_GLOBAL, NS_DOC, numbers_f },
	{ "plan", ID_GLOBAL, NS_DOC, plan_f },
	{ "stories", ID_GLOBAL, NS_DOC, stories_f },
	{ "skillmap", ID_GLOBAL, NS_DOC, skillmap_f },
	{ "vocabulary", ID_GLOBAL, NS_DOC, vocab_f },
	{ "checklist", ID_GLOBAL, NS_DOC, checklist_f },
	{ "rubric", ID_GLOBAL, NS_DOC, rubric_f },
	{ "flow", ID_GLOBAL, NS_DOC, flow_f },
};

/* ---- the checker ------------------------------------------------------ */

struct pending_ref {
	enum ref ref;
	char *id;
	const char *file;
	int line, col;
	const char *what; /* "plan task", ... */
};

/* One id named in a card's `replaces` list. */
struct pending_repl {
	char *old, *by; /* the replaced card id, the card naming it */
	const char *file;
	int line, col;
};

struct checker {
	struct content_run *run;
	const char *file;           /* path for messages */
	struct strmap ns[NS_COUNT]; /* definitions in this run */
	struct strmap local;        /* ids local to the current document */
	struct pending_ref *refs;
	size_t nrefs, caprefs;
	struct pending_repl *repls;
	size_t nrepls, caprepls;
	content_lookup_fn lookup;
	void *ctx;
	int user_item; /* checking a story with origin: user */
	int user_doc;  /* in a deck or numbers document with origin:
	                             * user (the learner's own cards) */
};

#define ERR(c, node, ...) \
	diags_add(&(c)->run->diags, (c)->file, (node)->line, (node)->col, __VA_ARGS__)

static const char *
node_desc(const struct ynode *n)
{
	switch (n->type) {
	case YN_SEQ:
		return "a list";
	case YN_MAP:
		return "a mapping";
	default:
		return "text";
	}
}

static int
is_null_scalar(const struct ynode *n)
{
	return n->type == YN_SCALAR && n->plain &&
	       (n->str[0] == '\0' || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
	        strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0);
}

static int
valid_tag(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > ID_MAX)
		return 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == ':'))
			return 0;
	}
	return 1;
}

int
content_valid_id(const char *s)
{
	return valid_id(s);
}

int
content_valid_tag(const char *s)
{
	return valid_tag(s);
}

static int
parse_bool(const char *s, int *v)
{
	static const char *const t[] = { "true", "True", "TRUE", "yes", "Yes",
		                         "YES",  "on",   "On",   "ON" };
	static const char *const f[] = { "false", "False", "FALSE", "no", "No",
		                         "NO",    "off",   "Off",   "OFF" };
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (strcmp(s, t[i]) == 0) {
			*v = 1;
			return 0;
		}
		if (strcmp(s, f[i]) == 0) {
			*v = 0;
			return 0;
		}
	}
	return -1;
}

static int
parse_long(const char *s, long *v)
{
	char *end;
	if (*s == '\0')
		return -1;
	long x = strtol(s, &end, 10);
	if (*end != '\0')
		return -1;
	*v = x;
	return 0;
}

static int
enum_has(const char *enums, const char *v)
{
	size_t n = strlen(v);
	const char *p = enums;
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, v, n) == 0)
			return 1;
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

static const char *const ns_names[NS_COUNT] = {
	"document", "card", "story", "prompt", "competency", "vocabulary term",
};

/* True when an item from source label src is rewritten or retired by
 * this run (its file or directory is among the paths given). */
static int
in_scope(const struct content_run *run, const char *src)
{
	for (size_t i = 0; i < run->nscopes; i++) {
		size_t n = strlen(run->scopes[i]);
		if (strncmp(src, run->scopes[i], n) == 0 && (src[n] == '\0' || src[n] == '/'))
			return 1;
	}
	return 0;
}

/* Looks an id up in the database; items this run replaces do not count. */
static const char *
lookup_outside(struct checker *c, enum content_ns ns, const char *id, const char **src)
{
	if (c->lookup == NULL)
		return NULL;
	const char *s = NULL;
	const char *kind = c->lookup(c->ctx, ns, id, &s);
	if (kind == NULL || (s != NULL && *s != '\0' && in_scope(c->run, s)))
		return NULL;
	if (src)
		*src = s;
	return kind;
}

static void
define_id(struct checker *c, enum content_ns ns, const struct ynode *idn, const char *kind)
{
	struct def *d = strmap_find(&c->ns[ns], idn->str);
	if (d != NULL) {
		ERR(c, idn, "duplicate %s id '%s' (first defined at %s:%d:%d)", ns_names[ns],
		    idn->str, d->file, d->line, d->col);
		return;
	}
	const char *src = NULL;
	/* A user's story (origin: user) may name a story of the user's
	 * already in the database: import keeps that one. A deck of the
	 * learner's (origin: user) may name any deck or card there: import
	 * gives it the file's text as the learner's own. */
	const char *found = lookup_outside(c, ns, idn->str, &src);
	if (found != NULL && c->user_doc && ns == NS_DOC && kind != NULL &&
	    strcmp(found, "deck") != 0 && strcmp(found, "numbers") != 0) {
		ERR(c, idn, "document id '%s' is already used by a %s", idn->str, found);
		return;
	}
	if (found != NULL && !c->user_doc && !(c->user_item && src != NULL && *src == '\0')) {
		ERR(c, idn, "%s id '%s' is already used by %s", ns_names[ns], idn->str,
		    src && *src ? src : "your own data");
		return;
	}
	struct def v = { c->file, idn->line, idn->col, kind };
	strmap_put(&c->ns[ns], idn->str, v);
}

static void
define_local(struct checker *c, const char *what, const struct ynode *idn)
{
	char *key = xprintf("%s/%s", what, idn->str);
	struct def *d = strmap_find(&c->local, key);
	if (d != NULL)
		ERR(c, idn, "duplicate %s id '%s' in this document (first at line %d)", what,
		    idn->str, d->line);
	else {
		struct def v = { c->file, idn->line, idn->col, NULL };
		strmap_put(&c->local, key, v);
	}
	free(key);
}

static void
add_ref(struct checker *c, enum ref ref, const struct ynode *n, const char *what)
{
	if (c->nrefs == c->caprefs) {
		c->caprefs = c->caprefs ? c->caprefs * 2 : 64;
		c->refs = xrealloc(c->refs, c->caprefs * sizeof *c->refs);
	}
	struct pending_ref *r = &c->refs[c->nrefs++];
	r->ref = ref;
	r->id = xstrdup(n->str);
	r->file = c->file;
	r->line = n->line;
	r->col = n->col;
	r->what = what;
}

/* Remembers the ids of a card's `replaces` list, checked once the whole
 * run is known (resolve_replaces). */
static void
add_replaces(struct checker *c, const struct ynode *item)
{
	const struct ynode *list = ymap_get(item, "replaces");
	const struct ynode *idn = ymap_get(item, "id");
	if (list == NULL || list->type != YN_SEQ || idn == NULL || idn->type != YN_SCALAR)
		return;
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *v = list->items[i];
		if (v->type != YN_SCALAR || !valid_id(v->str))
			continue;
		if (c->nrepls == c->caprepls) {
			c->caprepls = c->caprepls ? c->caprepls * 2 : 32;
			c->repls = xrealloc(c->repls, c->caprepls * sizeof *c->repls);
		}
		struct pending_repl *r = &c->repls[c->nrepls++];
		r->old = xstrdup(v->str);
		r->by = xstrdup(idn->str);
		r->file = c->file;
		r->line = v->line;
		r->col = v->col;
	}
}

/* A replaced id is named by one card only, is not a card of this run,
 * and is not a live card this run leaves in place (from a file outside
 * its paths). An id the database never had is fine. */
static void
resolve_replaces(struct checker *c)
{
	struct strmap named = { 0 };
	for (size_t i = 0; i < c->nrepls; i++) {
		struct pending_repl *r = &c->repls[i];
		struct def *d = strmap_find(&named, r->old);
		const char *src = NULL;
		if (d != NULL) {
			diags_add(&c->run->diags, r->file, r->line, r->col,
			          "card '%s' is already replaced by '%s' (at %s:%d:%d); "
			          "an old card can be replaced by one card only",
			          r->old, d->kind, d->file, d->line, d->col);
			continue;
		}
		struct def v = { r->file, r->line, r->col, r->by };
		strmap_put(&named, r->old, v);
		if ((d = strmap_find(&c->ns[NS_CARD], r->old)) != NULL)
			diags_add(&c->run->diags, r->file, r->line, r->col,
			          "card '%s' replaces '%s', which is still a card (at "
			          "%s:%d:%d); remove the old card from the files",
			          r->by, r->old, d->file, d->line, d->col);
		else if (lookup_outside(c, NS_CARD, r->old, &src) != NULL)
			diags_add(&c->run->diags, r->file, r->line, r->col,
			          "card '%s' replaces '%s', which is still a card in %s; "
			          "remove it there, or import that file in the same run",
			          r->by, r->old, src && *src ? src : "your database");
	}
	strmap_free(&named);
}

static void check_map(struct checker *c, const struct ynode *n, const struct spec *s);

static void
check_field(struct checker *c, const struct field *f, const struct ynode *v, const struct spec *s)
{
	switch (f->type) {
	case T_STR:
	case T_ID:
	case T_INT:
	case T_BOOL:
	case T_ENUM:
		if (v->type != YN_SCALAR) {
			ERR(c, v, "'%s' must be %s, not %s", f->name,
			    f->type == T_INT    ? "a whole number"
			    : f->type == T_BOOL ? "true or false"
			                        : "text",
			    node_desc(v));
			return;
		}
		if (is_null_scalar(v) && !(f->type == T_STR && f->empty_ok)) {
			ERR(c, v, "'%s' has no value", f->name);
			return;
		}
		break;
	case T_TAGS:
	case T_STRS:
	case T_IDS:
	case T_LIST:
		if (v->type != YN_SEQ) {
			if (is_null_scalar(v) && !f->required)
				return;
			ERR(c, v, "'%s' must be a list, not %s", f->name, node_desc(v));
			return;
		}
		if (f->min && v->n < (size_t)f->min) {
			if (f->min == f->max)
				ERR(c, v, "'%s' must have exactly %ld entries, has %zu", f->name,
				    f->min, v->n);
			else
				ERR(c, v, "'%s' needs at least %ld %s", f->name, f->min,
				    f->min == 1 ? "entry" : "entries");
		} else if (f->max && v->n > (size_t)f->max) {
			if (f->min == f->max)
				ERR(c, v, "'%s' must have exactly %ld entries, has %zu", f->name,
				    f->min, v->n);
			else
				ERR(c, v, "'%s' has %zu entries; at most %ld allowed", f->name,
				    v->n, f->max);
		}
		break;
	}

	switch (f->type) {
	case T_STR:
		if (!f->empty_ok && strspn(v->str, " \t\r\n") == strlen(v->str))
			ERR(c, v, "'%s' is empty", f->name);
		break;
	case T_ID:
		if (!valid_id(v->str))
			ERR(c, v,
			    "'%s' is not a valid id: '%s' (use lowercase letters, "
			    "digits, '-', '_' or '.', at most %d)",
			    f->name, v->str, ID_MAX);
		else if (f->ref != R_NONE)
			add_ref(c, f->ref, v, s->what);
		break;
	case T_INT: {
		long x;
		if (!v->plain || parse_long(v->str, &x) != 0)
			ERR(c, v, "'%s' must be a whole number, got '%s'", f->name, v->str);
		else if (x < f->min || x > f->max)
			ERR(c, v, "%s must be %ld to %ld, got %ld", f->name, f->min, f->max, x);
		break;
	}
	case T_BOOL: {
		int b;
		if (!v->plain || parse_bool(v->str, &b) != 0)
			ERR(c, v, "'%s' must be true or false, got '%s'", f->name, v->str);
		break;
	}
	case T_ENUM:
		if (!enum_has(f->enums, v->str)) {
			char *opts = xstrdup(f->enums);
			for (char *p = opts; *p; p++)
				if (*p == '|')
					*p = ',';
			ERR(c, v, "'%s' must be one of %s; got '%s'", f->name, opts, v->str);
			free(opts);
		}
		break;
	case T_TAGS:
	case T_STRS:
	case T_IDS:
		for (size_t i = 0; i < v->n; i++) {
			const struct ynode *it = v->items[i];
			if (it->type != YN_SCALAR || is_null_scalar(it)) {
				ERR(c, it, "entries of '%s' must be text", f->name);
				continue;
			}
			if (f->type == T_TAGS && !valid_tag(it->str))
				ERR(c, it,
				    "'%s' is not a valid tag (lowercase letters, digits, "
				    "'-', '_', ':')",
				    it->str);
			if (f->type == T_IDS) {
				if (!valid_id(it->str))
					ERR(c, it, "'%s' is not a valid id", it->str);
				else if (f->ref != R_NONE)
					add_ref(c, f->ref, it, s->what);
			}
		}
		break;
	case T_LIST:
		for (size_t i = 0; i < v->n; i++)
			check_map(c, v->items[i], f->sub);
		break;
	}
}

static void check_semantics(struct checker *c, const struct ynode *n, const struct spec *s);

/* Checks a mapping against a spec: required keys, unknown keys (with a
 * suggestion), value types; then the item's own rules. */
static void
check_map(struct checker *c, const struct ynode *n, const struct spec *s)
{
	if (n->type != YN_MAP) {
		ERR(c, n, "each %s must be a mapping (key: value lines), not %s", s->what,
		    node_desc(n));
		return;
	}
	const char *names[32];
	size_t nf = 0;
	for (const struct field *f = s->fields; f->name; f++)
		names[nf++] = f->name;
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *k = n->items[i];
		if (k->type != YN_SCALAR) {
			ERR(c, k, "keys must be plain text");
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			if (n->items[j]->type == YN_SCALAR &&
			    strcmp(n->items[j]->str, k->str) == 0) {
				ERR(c, k, "duplicate key '%s' (also at line %d)", k->str,
				    n->items[j]->line);
				break;
			}
		}
		const struct field *f = NULL;
		for (size_t j = 0; j < nf; j++)
			if (strcmp(names[j], k->str) == 0)
				f = &s->fields[j];
		if (f == NULL) {
			const char *near = nearest(k->str, names, nf);
			if (near)
				ERR(c, k, "unknown key '%s' in %s (did you mean '%s'?)", k->str,
				    s->what, near);
			else
				ERR(c, k, "unknown key '%s' in %s", k->str, s->what);
			continue;
		}
		check_field(c, f, n->vals[i], s);
	}
	for (const struct field *f = s->fields; f->name; f++) {
		if (f->required && ymap_get(n, f->name) == NULL) {
			const struct ynode *idn = ymap_get(n, "id");
			if (idn && idn->type == YN_SCALAR && strcmp(f->name, "id") != 0)
				ERR(c, n, "%s '%s' is missing required key '%s'", s->what, idn->str,
				    f->name);
			else
				ERR(c, n, "%s is missing required key '%s'", s->what, f->name);
		}
	}
	const struct ynode *idn = ymap_get(n, "id");
	if (idn && idn->type == YN_SCALAR && valid_id(idn->str) && !c->user_doc &&
	    (s == &card_s || s == &num_s) && str_prefix(idn->str, CONTENT_USER_PREFIX))
		ERR(c, idn,
		    "card id '%s': ids starting with '%s' are kept for the cards "
		    "you write in prepdeck",
		    idn->str, CONTENT_USER_PREFIX);
	if (c->user_doc && (s == &card_s || s == &num_s) && ymap_get(n, "replaces"))
		ERR(c, ymap_get(n, "replaces"),
		    "'replaces' belongs in curriculum files, "
		    "not in a deck marked 'origin: user'");
	if (idn && idn->type == YN_SCALAR && valid_id(idn->str)) {
		c->user_item =
		        s == &story_s && strcmp(cnode_str(n, "origin", "bundled"), "user") == 0;
		if (s->idscope == ID_GLOBAL && s->ns != NS_DOC)
			define_id(c, s->ns, idn, NULL);
		else if (s->idscope == ID_LOCAL)
			define_local(c, s->what, idn);
		c->user_item = 0;
	}
	check_semantics(c, n, s);
}

static int
has_scalar(const struct ynode *n, const char *key)
{
	const struct ynode *v = ymap_get(n, key);
	return v != NULL && v->type == YN_SCALAR && !is_null_scalar(v) &&
	       strspn(v->str, " \t\r\n") != strlen(v->str);
}

int
content_cloze_mask(const char *s, char **cause)
{
	int mask = 0;
	for (const char *p = strstr(s, "{{"); p; p = strstr(p, "{{")) {
		if (p[2] != 'c' || p[3] < '1' || p[3] > '9' || p[4] != ':' || p[5] != ':')
			return fail(cause,
			            "malformed cloze marker near '%.12s' (write "
			            "{{c1::hidden text}})",
			            p);
		const char *end = strstr(p + 6, "}}");
		if (end == NULL || end == p + 6)
			return fail(cause, "cloze marker {{c%c:: is %s", p[3],
			            end ? "empty" : "not closed with }}");
		mask |= 1 << (p[3] - '0');
		p = end + 2;
	}
	return mask;
}

/* The cloze markers of node n (see content_cloze_mask), reporting a
 * malformed one at the node when c is not NULL. */
static int
cloze_mask(struct checker *c, const struct ynode *n)
{
	char *cause = NULL;
	int mask = content_cloze_mask(n->str, c ? &cause : NULL);
	if (mask < 0 && c)
		ERR(c, n, "%s", cause);
	free(cause);
	return mask;
}

static void
check_semantics(struct checker *c, const struct ynode *n, const struct spec *s)
{
	if (s == &card_s) {
		int q = has_scalar(n, "q"), a = has_scalar(n, "a");
		int cl = has_scalar(n, "cloze"), ans = has_scalar(n, "answer");
		if (cl && (q || a || ans))
			ERR(c, n, "a cloze card has only 'cloze' (and 'note'), not q/a/answer");
		else if (!cl && !(q && (a ^ ans)))
			ERR(c, n,
			    "a card needs 'q' and 'a' (basic), 'q' and 'answer' "
			    "(type-in), or 'cloze'");
		if (cl) {
			const struct ynode *v = ymap_get(n, "cloze");
			int m = cloze_mask(c, v);
			if (m == 0)
				ERR(c, v, "cloze text has no {{c1::...}} marker");
		}
		const struct ynode *rv = ymap_get(n, "reverse");
		int b = 0;
		if (rv && rv->type == YN_SCALAR && parse_bool(rv->str, &b) == 0 && b && !(q && a))
			ERR(c, rv, "'reverse' applies only to q/a cards");
		add_replaces(c, n);
	} else if (s == &num_s) {
		add_replaces(c, n);
	} else if (s == &story_s) {
		const char *type = cnode_str(n, "type", "story");
		/* A user's story may be a draft: only id and title are required. */
		if (strcmp(cnode_str(n, "origin", "bundled"), "user") == 0) {
			;
		} else if (strcmp(type, "story") == 0) {
			static const char *const need[] = { "situation", "task", "action",
				                            "result" };
			for (size_t i = 0; i < 4; i++)
				if (!has_scalar(n, need[i]))
					ERR(c, n, "story '%s' needs '%s'", cnode_str(n, "id", "?"),
					    need[i]);
			if (ymap_get(n, "competencies") == NULL)
				ERR(c, n, "story '%s' needs 'competencies'",
				    cnode_str(n, "id", "?"));
		} else if (strcmp(type, "pitch") == 0 && !has_scalar(n, "situation")) {
			ERR(c, n, "a pitch needs its text in 'situation'");
		}
	} else if (s == &task_s) {
		static const char *const links[] = { "deck",  "decks", "checklist",
			                             "story", "mock",  "skillmap" };
		int nl = 0;
		for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
			nl += ymap_get(n, links[i]) != NULL;
		if (nl > 1)
			ERR(c, n,
			    "a task links to at most one of deck, decks, checklist, story, "
			    "mock, skillmap");
		const struct ynode *cnt = ymap_get(n, "count");
		if (cnt && !ymap_get(n, "deck") && !ymap_get(n, "decks"))
			ERR(c, cnt, "'count' goes with 'deck' or 'decks'");
	}
}

/* Plan-wide rules: weeks 1..W, days 1..7W, each once. */
static void
check_plan(struct checker *c, const struct ynode *doc)
{
	const struct ynode *weeks = ymap_get(doc, "weeks");
	const struct ynode *days = ymap_get(doc, "days");
	if (!weeks || weeks->type != YN_SEQ || !days || days->type != YN_SEQ)
		return;
	size_t nw = weeks->n;
	char seen[53] = { 0 };
	for (size_t i = 0; i < nw; i++) {
		long w = cnode_int(weeks->items[i], "week", 0);
		if (w < 1 || w > 52)
			continue;
		if (seen[w])
			ERR(c, weeks->items[i], "week %ld is listed twice", w);
		if ((size_t)w > nw)
			ERR(c, weeks->items[i],
			    "week %ld but the plan has %zu weeks "
			    "(number them 1 to %zu)",
			    w, nw, nw);
		seen[w] = 1;
	}
	size_t nd = nw * 7;
	char *dseen = xcalloc(nd + 1, 1);
	for (size_t i = 0; i < days->n; i++) {
		long d = cnode_int(days->items[i], "day", 0);
		if (d < 1)
			continue;
		if ((size_t)d > nd)
			ERR(c, days->items[i],
			    "day %ld is past the end of a %zu-week plan "
			    "(%zu days)",
			    d, nw, nd);
		else if (dseen[d])
			ERR(c, days->items[i], "day %ld is listed twice", d);
		else
			dseen[d] = 1;
	}
	for (size_t d = 1; d <= nd; d++) {
		if (!dseen[d]) {
			ERR(c, days, "day %zu is missing (a %zu-week plan has days 1 to %zu)", d,
			    nw, nd);
			break;
		}
	}
	free(dseen);
}

static const char *
ref_kind(enum ref r)
{
	switch (r) {
	case R_DECK:
		return "deck";
	case R_CHECKLIST:
		return "checklist";
	case R_RUBRIC:
		return "rubric";
	case R_SKILLMAP:
		return "skillmap";
	case R_STORY:
		return "story";
	case R_COMPETENCY:
		return "competency";
	default:
		return "?";
	}
}

static void
resolve_refs(struct checker *c)
{
	for (size_t i = 0; i < c->nrefs; i++) {
		struct pending_ref *r = &c->refs[i];
		enum content_ns ns = r->ref == R_STORY        ? NS_STORY
		                     : r->ref == R_COMPETENCY ? NS_COMPETENCY
		                                              : NS_DOC;
		const char *want = ref_kind(r->ref);
		struct def *d = strmap_find(&c->ns[ns], r->id);
		const char *found_kind = d ? d->kind : NULL;
		int ok = d != NULL;
		if (!ok) {
			found_kind = lookup_outside(c, ns, r->id, NULL);
			ok = found_kind != NULL;
		}
		if (ok && ns == NS_DOC && found_kind) {
			int match = strcmp(found_kind, want) == 0 ||
			            (r->ref == R_DECK && strcmp(found_kind, "numbers") == 0);
			if (!match) {
				diags_add(&c->run->diags, r->file, r->line, r->col,
				          "%s refers to %s '%s', but '%s' is a %s", r->what, want,
				          r->id, r->id, found_kind);
			}
			continue;
		}
		if (ok)
			continue;
		/* Suggest the nearest id of the right kind. */
		const char **cands = xcalloc(c->ns[ns].cap + 1, sizeof *cands);
		size_t nc = 0;
		for (size_t k = 0; k < c->ns[ns].cap; k++) {
			const char *key = c->ns[ns].keys[k];
			if (key == NULL)
				continue;
			const char *kk = c->ns[ns].vals[k].kind;
			if (ns == NS_DOC && kk && strcmp(kk, want) != 0 &&
			    !(r->ref == R_DECK && strcmp(kk, "numbers") == 0))
				continue;
			cands[nc++] = key;
		}
		const char *near = nearest(r->id, cands, nc);
		if (near)
			diags_add(&c->run->diags, r->file, r->line, r->col,
			          "%s refers to unknown %s '%s' (did you mean '%s'?)", r->what,
			          want, r->id, near);
		else
			diags_add(&c->run->diags, r->file, r->line, r->col,
			          "%s refers to unknown %s '%s'", r->what, want, r->id);
		free(cands);
	}
}

static void
check_doc(struct checker *c, const struct ydoc *doc)
{
	const struct ynode *root = doc->root;
	if (root == NULL || is_null_scalar(root)) {
		diags_add(&c->run->diags, c->file, doc->line, doc->col, "empty document");
		return;
	}
	if (root->type != YN_MAP) {
		ERR(c, root,
		    "a document must be a mapping that starts with 'kind:' and "
		    "'id:', not %s",
		    node_desc(root));
		return;
	}
	const struct ynode *kind = ymap_get(root, "kind");
	if (kind == NULL) {
		ERR(c, root,
		    "document has no 'kind' (one of deck, numbers, plan, "
		    "stories, skillmap, vocabulary, checklist, rubric, flow)");
		return;
	}
	if (kind->type != YN_SCALAR) {
		ERR(c, kind, "'kind' must be text");
		return;
	}
	int k = -1;
	for (int i = 0; i < 9; i++)
		if (strcmp(kind->str, content_kinds[i]) == 0)
			k = i;
	if (k < 0) {
		const char *near = nearest(kind->str, content_kinds, 9);
		if (near)
			ERR(c, kind, "unknown kind '%s' (did you mean '%s'?)", kind->str, near);
		else
			ERR(c, kind,
			    "unknown kind '%s' (one of deck, numbers, plan, "
			    "stories, skillmap, vocabulary, checklist, rubric, flow)",
			    kind->str);
		return;
	}
	strmap_free(&c->local);
	const struct ynode *idn = ymap_get(root, "id");
	if (idn && idn->type == YN_SCALAR && valid_id(idn->str)) {
		/* A user's gap map (origin: user or jd, from `prepdeck export
		 * gapmap`) may name a map of the user's already in the database:
		 * import keeps that one. */
		c->user_item = strcmp(content_kinds[k], "skillmap") == 0 &&
		               strcmp(cnode_str(root, "origin", "bundled"), "bundled") != 0;
		c->user_doc = k <= 1 && strcmp(cnode_str(root, "origin", "bundled"), "user") == 0;
		define_id(c, NS_DOC, idn, content_kinds[k]);
		c->user_item = 0;
	}
	size_t before = c->run->diags.n;
	check_map(c, root, &doc_specs[k]);
	c->user_doc = 0;
	if (k == 2 && c->run->diags.n == before)
		check_plan(c, root);
	if ((k == 0 || k == 1) && c->run->diags.n == before) {
		const struct ynode *list = ymap_get(root, k == 0 ? "cards" : "items");
		int rev = cnode_bool(root, "reverse", 0);
		struct content_card tmp[10];
		for (size_t i = 0; list && i < list->n; i++)
			c->run->ncards +=
			        (size_t)content_expand_card(list->items[i], k == 1, rev, tmp);
	}
	c->run->kinds[k]++;
	c->run->ndocs++;
}

/* Resolves references, records counts and frees the checker. */
static void
checker_finish(struct checker *c)
{
	resolve_refs(c);
	resolve_replaces(c);
	c->run->nstories = c->ns[NS_STORY].n;
	c->run->nprompts = c->ns[NS_PROMPT].n;
	c->run->nterms = c->ns[NS_VOCAB].n;
	for (size_t i = 0; i < c->nrefs; i++)
		free(c->refs[i].id);
	free(c->refs);
	for (size_t i = 0; i < c->nrepls; i++) {
		free(c->repls[i].old);
		free(c->repls[i].by);
	}
	free(c->repls);
	for (int i = 0; i < NS_COUNT; i++)
		strmap_free(&c->ns[i]);
	strmap_free(&c->local);
}

/* ---- files ------------------------------------------------------------ */

static int
has_yaml_ext(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the YAML files under dir (sorted, recursive). */
static void
collect_dir(const char *dir, char ***out, size_t *n, size_t *cap, int depth)
{
	DIR *d = opendir(dir);
	if (d == NULL || depth > 16) {
		if (d)
			closedir(d);
		return;
	}
	char **names = NULL;
	size_t nn = 0, cn = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (nn == cn) {
			cn = cn ? cn * 2 : 16;
			names = xrealloc(names, cn * sizeof *names);
		}
		names[nn++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (nn > 1)
		qsort(names, nn, sizeof *names, cmp_str);
	for (size_t i = 0; i < nn; i++) {
		size_t dl = strlen(dir);
		while (dl > 1 && dir[dl - 1] == '/')
			dl--;
		char *p = xprintf("%.*s/%s", (int)dl, dir, names[i]);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			collect_dir(p, out, n, cap, depth + 1);
			free(p);
		} else if (has_yaml_ext(names[i])) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 32;
				*out = xrealloc(*out, *cap * sizeof **out);
			}
			(*out)[(*n)++] = p;
		} else {
			free(p);
		}
		free(names[i]);
	}
	free(names);
}

/* The stable label of a path: "@bundled/REL" under the bundled root,
 * otherwise the absolute path. */
static char *
src_label(const char *path, const char *broot_real)
{
	char real[PATH_MAX];
	if (realpath(path, real) == NULL)
		return xstrdup(path);
	if (broot_real != NULL) {
		size_t n = strlen(broot_real);
		if (strcmp(real, broot_real) == 0)
			return xstrdup("@bundled");
		if (strncmp(real, broot_real, n) == 0 && real[n] == '/')
			return xprintf("@bundled/%s", real + n + 1);
	}
	return xstrdup(real);
}

struct content_run *
content_load(char *const *paths, size_t npaths, const char *bundled_root, content_lookup_fn lookup,
             void *ctx)
{
	struct content_run *run = xcalloc(1, sizeof *run);
	char broot[PATH_MAX];
	const char *broot_real = NULL;
	if (bundled_root != NULL && realpath(bundled_root, broot) != NULL)
		broot_real = broot;

	char **files = NULL;
	size_t nfiles = 0, capfiles = 0;
	run->scopes = xcalloc(npaths + 1, sizeof *run->scopes);
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			diags_add(&run->diags, paths[i], 1, 1, "no such file or directory");
			continue;
		}
		run->scopes[run->nscopes++] = src_label(paths[i], broot_real);
		if (S_ISDIR(st.st_mode)) {
			size_t before = nfiles;
			collect_dir(paths[i], &files, &nfiles, &capfiles, 0);
			if (nfiles == before)
				diags_add(&run->diags, paths[i], 1, 1,
				          "directory has no .yaml or .yml files");
		} else {
			if (nfiles == capfiles) {
				capfiles = capfiles ? capfiles * 2 : 32;
				files = xrealloc(files, capfiles * sizeof *files);
			}
			files[nfiles++] = xstrdup(paths[i]);
		}
	}

	struct checker c = { .run = run, .lookup = lookup, .ctx = ctx };
	run->files = xcalloc(nfiles + 1, sizeof *run->files);
	for (size_t i = 0; i < nfiles; i++) {
		struct content_file *cf = &run->files[run->nfiles];
		cf->path = files[i];
		cf->src = src_label(files[i], broot_real);
		cf->yf = yfile_load(files[i], &run->diags);
		run->nfiles++;
		if (cf->yf == NULL)
			continue;
		if (cf->yf->ndocs == 0)
			diags_add(&run->diags, cf->path, 1, 1,
			          "no YAML documents in this file (only comments?)");
		c.file = cf->path;
		for (size_t k = 0; k < cf->yf->ndocs; k++)
			check_doc(&c, &cf->yf->docs[k]);
	}
	free(files);
	checker_finish(&c);
	return run;
}

struct content_run *
content_load_buffer(const char *name, const char *buf, size_t len, content_lookup_fn lookup,
                    void *ctx)
{
	struct content_run *run = xcalloc(1, sizeof *run);
	run->scopes = xcalloc(1, sizeof *run->scopes);
	run->scopes[run->nscopes++] = xstrdup(name);
	run->files = xcalloc(1, sizeof *run->files);
	struct content_file *cf = &run->files[run->nfiles++];
	cf->path = xstrdup(name);
	cf->src = xstrdup(name);
	cf->yf = yfile_parse(name, buf, len, &run->diags);
	struct checker c = { .run = run, .lookup = lookup, .ctx = ctx, .file = cf->path };
	for (size_t k = 0; cf->yf && k < cf->yf->ndocs; k++)
		check_doc(&c, &cf->yf->docs[k]);
	checker_finish(&c);
	return run;
}

void
content_free(struct content_run *run)
{
	if (run == NULL)
		return;
	for (size_t i = 0; i < run->nfiles; i++) {
		free(run->files[i].path);
		free(run->files[i].src);
		yfile_free(run->files[i].yf);
	}
	free(run->files);
	for (size_t i = 0; i < run->nscopes; i++)
		free(run->scopes[i]);
	free(run->scopes);
	diags_free(&run->diags);
	free(run);
}

/* ---- accessors -------------------------------------------------------- */

const char *
cnode_str(const struct ynode *map, const char *key, const char *dflt)
{
	const struct ynode *v = ymap_get(map, key);
	if (v == NULL || v->type != YN_SCALAR || is_null_scalar(v))
		return dflt;
	return v->str;
}

long
cnode_int(const struct ynode *map, const char *key, long dflt)
{
	const struct ynode *v = ymap_get(map, key);
	long x;
	if (v == NULL || v->type != YN_SCALAR || parse_long(v->str, &x) != 0)
		return dflt;
	return x;
}

int
cnode_bool(const struct ynode *map, const char *key, int dflt)
{
	const struct ynode *v = ymap_get(map, key);
	int b;
	if (v == NULL || v->type != YN_SCALAR || parse_bool(v->str, &b) != 0)
		return dflt;
	return b;
}

int
content_expand_text(const char *id, const char *kind, const char *front, const char *back,
                    struct content_card out[10])
{
	if (strcmp(kind, "cloze") == 0) {
		int mask = content_cloze_mask(front, NULL);
		if (mask <= 0)
			return mask < 0 ? -1 : 0;
		int n = 0;
		for (int k = 1; k <= 9; k++) {
			if (!(mask & (1 << k)))
				continue;
			snprintf(out[n].key, sizeof out[n].key, "%s:c%d", id, k);
			out[n].kind = "cloze";
			out[n].cloze = k;
			out[n].front = front;
			out[n].back = front;
			n++;
		}
		return n;
	}
	snprintf(out[0].key, sizeof out[0].key, "%s", id);
	out[0].kind = strcmp(kind, "typein") == 0 ? "typein" : "basic";
	out[0].cloze = 0;
	out[0].front = front;
	out[0].back = back;
	if (strcmp(kind, "reverse") != 0)
		return 1;
	snprintf(out[1].key, sizeof out[1].key, "%s:r", id);
	out[1].kind = "reverse";
	out[1].cloze = 0;
	out[1].front = back;
	out[1].back = front;
	return 2;
}

int
content_expand_card(const struct ynode *item, int numbers, int deck_reverse,
                    struct content_card out[10])
{
	const char *id = cnode_str(item, "id", "");
	if (numbers)
		return content_expand_text(id, "typein", cnode_str(item, "metric", ""),
		                           cnode_str(item, "value", ""), out);
	const char *cl = cnode_str(item, "cloze", NULL);
	if (cl != NULL) {
		int n = content_expand_text(id, "cloze", cl, cl, out);
		return n < 0 ? 0 : n;
	}
	const char *ans = cnode_str(item, "answer", NULL);
	const char *front = cnode_str(item, "q", "");
	if (ans != NULL)
		return content_expand_text(id, "typein", front, ans, out);
	return content_expand_text(id,
	                           cnode_bool(item, "reverse", deck_reverse) ? "reverse" : "basic",
	                           front, cnode_str(item, "a", ""), out);
}
