#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "review.h"
#include "util.h"

const char *const lint_rule_names[LINT_NRULES] = {
	"invalid",           "long-answer",  "long-cloze",      "duplicate",
	"term-without-deck", "generic-task", "typein-keyboard",
};

/* ---- words ------------------------------------------------------------ */

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Letters and digits; any non-ASCII byte counts as a letter. */
static int
is_wordch(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

int
lint_words(const char *s, size_t n)
{
	int words = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && is_space((unsigned char)s[i]))
			i++;
		int has = 0;
		while (i < n && !is_space((unsigned char)s[i]))
			has |= is_wordch((unsigned char)s[i++]);
		words += has;
	}
	return words;
}

/* Splits text into lower-case words (runs of letters and digits) and
 * calls fn on each; returns fn's first non-zero result, or 0. */
static int
each_word(const char *text, int (*fn)(const char *w, void *ctx), void *ctx)
{
	char buf[128];
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		while (*p && !is_wordch(*p))
			p++;
		size_t n = 0;
		while (*p && is_wordch(*p)) {
			unsigned char c = *p++;
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			if (n < sizeof buf - 1)
				buf[n++] = (char)c;
		}
		if (n == 0)
			continue;
		buf[n] = '\0';
		int rc = fn(buf, ctx);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- cloze markers ---------------------------------------------------- */

struct deletion {
	const char *start;  /* "{{" */
	const char *hidden; /* the hidden text */
	size_t hidden_len;
	const char *end; /* just past "}}" */
};

/* The next well-formed {{cN::hidden[::hint]}} at or after p, or 0. */
static int
next_deletion(const char *p, struct deletion *d)
{
	for (p = strstr(p, "{{"); p; p = strstr(p + 2, "{{")) {
		if (p[2] != 'c' || p[3] < '1' || p[3] > '9' || p[4] != ':' || p[5] != ':')
			continue;
		const char *close = strstr(p + 6, "}}");
		if (close == NULL)
			return 0;
		const char *hint = strstr(p + 6, "::");
		d->start = p;
		d->hidden = p + 6;
		d->hidden_len = (size_t)((hint && hint < close ? hint : close) - d->hidden);
		d->end = close + 2;
		return 1;
	}
	return 0;
}

/* Cloze text with each marker replaced by its hidden text. */
static char *
cloze_revealed(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	struct deletion d;
	while (next_deletion(s, &d)) {
		sbuf_addn(&b, s, (size_t)(d.start - s));
		sbuf_addn(&b, d.hidden, d.hidden_len);
		s = d.end;
	}
	sbuf_add(&b, s);
	return sbuf_take(&b);
}

/* ---- generic task text ----------------------------------------------- */

/* Words that say nothing about what to study: stop words, and the
 * vocabulary of studying itself (sorted; documented in
 * prepdeck-content(5)). */
static const char *const generic_words[] = {
	"a",          "about",       "after",     "again",        "ai",        "all",
	"also",       "an",          "and",       "answer",       "answers",   "any",
	"are",        "as",          "at",        "basics",       "be",        "before",
	"behavioral", "behavioural", "by",        "card",         "cards",     "code",
	"coding",     "concept",     "concepts",  "content",      "daily",     "day",
	"days",       "deck",        "decks",     "design",       "do",        "drill",
	"due",        "each",        "eight",     "every",        "exercise",  "exercises",
	"few",        "figures",     "first",     "five",         "flashcard", "flashcards",
	"for",        "four",        "from",      "fundamentals", "general",   "hour",
	"hours",      "in",          "interview", "interviews",   "into",      "is",
	"it",         "item",        "items",     "its",          "last",      "llm",
	"material",   "memorise",    "memorize",  "min",          "mins",      "minute",
	"minutes",    "ml",          "more",      "most",         "my",        "new",
	"next",       "nine",        "note",      "notes",        "number",    "numbers",
	"of",         "old",         "on",        "once",         "one",       "or",
	"other",      "our",         "out",       "over",         "own",       "per",
	"practice",   "practise",    "problem",   "problems",     "question",  "questions",
	"quick",      "recall",      "recap",     "refresh",      "remaining", "repeat",
	"repetition", "review",      "reviews",   "revise",       "revisit",   "session",
	"sessions",   "seven",       "short",     "six",          "so",        "some",
	"spaced",     "study",       "system",    "systems",      "technical", "ten",
	"that",       "the",         "their",     "them",         "then",      "these",
	"this",       "those",       "three",     "through",      "time",      "timed",
	"to",         "today",       "topic",     "topics",       "twice",     "two",
	"up",         "usual",       "weak",      "weakest",      "week",      "weeks",
	"with",       "work",        "you",       "your",
};

static int
cmp_word(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 (stop) at the first word that is neither a number, a single letter
 * (the s of "today's") nor generic. */
static int
specific_word(const char *w, void *ctx)
{
	(void)ctx;
	if (strspn(w, "0123456789") == strlen(w) || w[1] == '\0')
		return 0;
	const char *key = w;
	return bsearch(&key, generic_words, sizeof generic_words / sizeof generic_words[0],
	               sizeof generic_words[0], cmp_word) == NULL;
}

int
lint_generic_text(const char *text)
{
	return each_word(text, specific_word, NULL) == 0;
}

/* ---- shingles --------------------------------------------------------- */

struct shingles {
	uint64_t *h; /* sorted, distinct */
	size_t n;
};

struct shingle_ctx {
	uint64_t w[3]; /* hashes of the last three words */
	size_t nwords;
	uint64_t *h;
	size_t n, cap;
};

static uint64_t
fnv(const char *s, uint64_t h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int
add_shingle_word(const char *w, void *ctx)
{
	struct shingle_ctx *c = ctx;
	c->w[0] = c->w[1];
	c->w[1] = c->w[2];
	c->w[2] = fnv(w, 1469598103934665603ull);
	if (++c->nwords < 3)
		return 0;
	uint64_t h = c->w[0];
	h = (h ^ (c->w[1] + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)));
	h = (h ^ (c->w[2] + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)));
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->h = xrealloc(c->h, c->cap * sizeof *c->h);
	}
	c->h[c->n++] = h;
	return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void
shingles_of(const char *text, struct shingles *s)
{
	struct shingle_ctx c = { { 0, 0, 0 }, 0, NULL, 0, 0 };
	each_word(text, add_shingle_word, &c);
	if (c.n > 1)
		qsort(c.h, c.n, sizeof *c.h, cmp_u64);
	size_t k = 0;
	for (size_t i = 0; i < c.n; i++)
		if (k == 0 || c.h[k - 1] != c.h[i])
			c.h[k++] = c.h[i];
	s->h = c.h;
	s->n = k;
}

static double
jaccard(const struct shingles *a, const struct shingles *b)
{
	if (a->n == 0 || b->n == 0)
		return 0;
	size_t i = 0, j = 0, both = 0;
	while (i < a->n && j < b->n) {
		if (a->h[i] == b->h[j]) {
			both++;
			i++;
			j++;
		} else if (a->h[i] < b->h[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (double)both / (double)(a->n + b->n - both);
}

double
lint_overlap(const char *a, const char *b)
{
	struct shingles x, y;
	shingles_of(a, &x);
	shingles_of(b, &y);
	double v = jaccard(&x, &y);
	free(x.h);
	free(y.h);
	return v;
}

/* ---- findings ---------------------------------------------------------- */

struct linter {
	const struct content_run *run;
	const struct lint_opts *o;
	struct lint_report *r;
	/* The current file and, once read, its text (for exact positions
	 * inside a scalar). */
	const char *file;
	char *text;
	size_t len;
	int text_tried;
};

static struct lint_finding *add(struct linter *l, enum lint_rule rule, int line, int col,
                                const char *id, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));

static struct lint_finding *
add(struct linter *l, enum lint_rule rule, int line, int col, const char *id, const char *fmt, ...)
{
	struct lint_report *r = l->r;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	struct lint_finding *f = &r->v[r->n++];
	memset(f, 0, sizeof *f);
	f->rule = rule;
	f->file = xstrdup(l->file);
	f->line = line;
	f->col = col;
	f->id = xstrdup(id ? id : "");
	va_list ap;
	va_start(ap, fmt);
	f->msg = xvprintf(fmt, ap);
	va_end(ap);
	r->count[rule]++;
	return f;
}

/* The first line of text, cut to about 40 bytes, for messages. */
static void
excerpt(const char *s, char *buf, size_t n)
{
	size_t k = 0;
	while (*s && is_space((unsigned char)*s))
		s++;
	for (; *s && *s != '\n' && k + 4 < n; s++) {
		/* Stop at a character boundary near 40 bytes. */
		if (k >= 40 && ((unsigned char)*s & 0xc0) != 0x80) {
			memcpy(buf + k, "...", 3);
			k += 3;
			break;
		}
		buf[k++] = *s;
	}
	buf[k] = '\0';
}

/* Where the deletion that starts at d (the index-th marker of the scalar
 * node v) is in the file: the index-th occurrence, from the node on, of
 * its first characters as written. Falls back to the node. */
static void
deletion_place(struct linter *l, const struct ynode *v, const struct deletion *d, int *line,
               int *col)
{
	*line = v->line;
	*col = v->col;
	if (!l->text_tried) {
		l->text_tried = 1;
		l->text = read_file(l->file, YT_MAX_FILE, &l->len, NULL);
	}
	if (l->text == NULL)
		return;
	/* The marker up to the end of its first word, as it appears. */
	size_t n = 6;
	while (n < 40 && d->start[n] && !is_space((unsigned char)d->start[n]) &&
	       d->start + n < d->end && d->start[n] != '\\' && d->start[n] != '\'' &&
	       d->start[n] != '"')
		n++;
	/* Which occurrence of that text within the scalar this is. */
	int nth = 0;
	for (const char *q = v->str; (q = strstr(q, "{{")) != NULL && q < d->start; q += 2)
		if (strncmp(q, d->start, n) == 0)
			nth++;
	/* The node's offset in the file. */
	const char *p = l->text, *end = l->text + l->len;
	int ln = 1, cl = 1;
	while (p < end && (ln < v->line || (ln == v->line && cl < v->col))) {
		if (*p == '\n') {
			ln++;
			cl = 1;
		} else if (((unsigned char)*p & 0xc0) != 0x80) {
			cl++;
		}
		p++;
	}
	for (; p < end; p++) {
		if ((size_t)(end - p) >= n && memcmp(p, d->start, n) == 0 && nth-- == 0) {
			*line = ln;
			*col = cl;
			return;
		}
		if (*p == '\n') {
			ln++;
			cl = 1;
		} else if (((unsigned char)*p & 0xc0) != 0x80) {
			cl++;
		}
	}
}

static const struct ynode *
scalar(const struct ynode *map, const char *key)
{
	const struct ynode *v = ymap_get(map, key);
	return v && v->type == YN_SCALAR ? v : NULL;
}

/* One card (or numbers item) with its text for the duplicate rule. */
struct lcard {
	const char *file, *id;
	int line, col;
	struct shingles sh;
	const char *typed; /* the expected answer of a type-in, else NULL */
};

struct lcards {
	struct lcard *v;
	size_t n, cap;
};

static void
check_answer(struct linter *l, const struct ynode *v, const char *id, const char *what)
{
	int w = lint_words(v->str, strlen(v->str));
	if (w > l->o->answer_max)
		add(l, LINT_LONG_ANSWER, v->line, v->col, id,
		    "%s of '%s' has %d words (at most %d): split it, or make it a cloze", what, id,
		    w, l->o->answer_max);
}

static void
check_typein(struct linter *l, const struct ynode *v, const char *id)
{
	char bad[8];
	if (!review_answer_typeable(v->str, bad))
		add(l, LINT_TYPEIN_KEYS, v->line, v->col, id,
		    "type-in answer of '%s' has '%s', which a plain keyboard cannot type: "
		    "write the answer in ASCII",
		    id, bad);
}

static void
lint_card(struct linter *l, const struct ynode *it, int numbers, struct lcards *cs)
{
	if (it->type != YN_MAP)
		return;
	const struct ynode *idn = scalar(it, "id");
	const char *id = idn ? idn->str : "?";
	char *text = NULL;
	const char *typed = NULL;
	if (numbers) {
		const struct ynode *m = scalar(it, "metric"), *v = scalar(it, "value");
		if (v) {
			typed = v->str;
			check_answer(l, v, id, "the value");
			check_typein(l, v, id);
		}
		text = xprintf("%s %s", m ? m->str : "", v ? v->str : "");
	} else if (scalar(it, "cloze")) {
		const struct ynode *v = scalar(it, "cloze");
		text = cloze_revealed(v->str);
		int w = lint_words(text, strlen(text));
		if (w > l->o->answer_max)
			add(l, LINT_LONG_ANSWER, v->line, v->col, id,
			    "cloze text of '%s' has %d words (at most %d): split it", id, w,
			    l->o->answer_max);
		struct deletion d;
		for (const char *p = v->str; next_deletion(p, &d); p = d.end) {
			int dw = lint_words(d.hidden, d.hidden_len);
			if (dw <= l->o->cloze_max)
				continue;
			char *hid = xstrndup(d.hidden, d.hidden_len);
			char ex[64];
			excerpt(hid, ex, sizeof ex);
			int line, col;
			deletion_place(l, v, &d, &line, &col);
			add(l, LINT_LONG_CLOZE, line, col, id,
			    "cloze deletion {{c%c::%s}} of '%s' hides %d words (at most %d)",
			    d.start[3], ex, id, dw, l->o->cloze_max);
			free(hid);
		}
	} else {
		const struct ynode *q = scalar(it, "q"), *a = scalar(it, "a");
		const struct ynode *ans = scalar(it, "answer");
		if (a)
			check_answer(l, a, id, "the answer");
		if (ans) {
			typed = ans->str;
			check_answer(l, ans, id, "the type-in answer");
			check_typein(l, ans, id);
		}
		text = xprintf("%s %s", q ? q->str : "", a ? a->str : ans ? ans->str : "");
	}
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 256;
		cs->v = xrealloc(cs->v, cs->cap * sizeof *cs->v);
	}
	struct lcard *c = &cs->v[cs->n++];
	c->file = l->file;
	c->id = id;
	c->line = idn ? idn->line : it->line;
	c->col = idn ? idn->col : it->col;
	c->typed = typed;
	shingles_of(text, &c->sh);
	free(text);
	l->r->ncards++;
}

static void
lint_terms(struct linter *l, const struct ynode *terms)
{
	for (size_t i = 0; terms && terms->type == YN_SEQ && i < terms->n; i++) {
		const struct ynode *t = terms->items[i];
		if (t->type != YN_MAP)
			continue;
		const struct ynode *decks = ymap_get(t, "decks");
		if (decks && decks->type == YN_SEQ && decks->n > 0)
			continue;
		const struct ynode *idn = scalar(t, "id");
		const char *id = idn ? idn->str : "?";
		add(l, LINT_TERM_NO_DECK, idn ? idn->line : t->line, idn ? idn->col : t->col, id,
		    "vocabulary term '%s' (%s) has no deck: a job description can ask for it, "
		    "but nothing teaches it",
		    id, cnode_str(t, "name", id));
	}
}

static void
lint_plan(struct linter *l, const struct ynode *days)
{
	for (size_t i = 0; days && days->type == YN_SEQ && i < days->n; i++) {
		const struct ynode *tasks = ymap_get(days->items[i], "tasks");
		for (size_t k = 0; tasks && tasks->type == YN_SEQ && k < tasks->n; k++) {
			const struct ynode *t = tasks->items[k];
			const struct ynode *tx = t->type == YN_MAP ? scalar(t, "text") : NULL;
			if (tx == NULL || !lint_generic_text(tx->str))
				continue;
			const char *id = cnode_str(t, "id", "?");
			char ex[64];
			excerpt(tx->str, ex, sizeof ex);
			add(l, LINT_GENERIC_TASK, tx->line, tx->col, id,
			    "plan task '%s' is generic: '%s' names nothing to study (name the "
			    "decks, tags, topics or problems)",
			    id, ex);
		}
	}
}

static void
lint_duplicates(struct linter *l, struct lcards *cs)
{
	double t = l->o->duplicate;
	for (size_t j = 0; j < cs->n; j++) {
		struct lcard *b = &cs->v[j];
		for (size_t i = 0; i < j; i++) {
			struct lcard *a = &cs->v[i];
			size_t lo = a->sh.n < b->sh.n ? a->sh.n : b->sh.n;
			size_t hi = a->sh.n < b->sh.n ? b->sh.n : a->sh.n;
			/* The overlap cannot reach t when the sizes differ too much. */
			if (lo == 0 || (double)lo < t * (double)hi)
				continue;
			/* Two type-ins that expect different answers practise one
			 * skill on different figures (one template, other numbers):
			 * not a duplicate, however alike the questions read. */
			if (a->typed && b->typed && !review_answer_matches(a->typed, b->typed))
				continue;
			double v = jaccard(&a->sh, &b->sh);
			if (v < t)
				continue;
			l->file = b->file;
			struct lint_finding *f = add(
			        l, LINT_DUPLICATE, b->line, b->col, b->id,
			        "card '%s' nearly duplicates card '%s' at %s:%d:%d (word 3-shingle "
			        "overlap %.2f, at least %.2f): keep one, and list the other in its "
			        "replaces",
			        b->id, a->id, a->file, a->line, a->col, v, t);
			f->other_file = xstrdup(a->file);
			f->other_line = a->line;
			f->other_col = a->col;
			f->other_id = xstrdup(a->id);
		}
	}
}

static int
cmp_finding(const void *x, const void *y)
{
	const struct lint_finding *a = x, *b = y;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if (a->rule != b->rule)
		return (int)a->rule - (int)b->rule;
	return strcmp(a->msg, b->msg);
}

void
lint_run(const struct content_run *run, const struct lint_opts *o, struct lint_report *r)
{
	memset(r, 0, sizeof *r);
	struct linter l = { .run = run, .o = o, .r = r };
	for (size_t i = 0; i < run->diags.n; i++) {
		const struct diag *d = &run->diags.v[i];
		l.file = d->file;
		add(&l, LINT_INVALID, d->line, d->col, "", "%s", d->msg);
	}
	struct lcards cs = { NULL, 0, 0 };
	for (size_t f = 0; f < run->nfiles; f++) {
		const struct content_file *cf = &run->files[f];
		l.file = cf->path;
		l.text = NULL;
		l.text_tried = 0;
		for (size_t k = 0; cf->yf && k < cf->yf->ndocs; k++) {
			const struct ynode *root = cf->yf->docs[k].root;
			if (root == NULL || root->type != YN_MAP)
				continue;
			const char *kind = cnode_str(root, "kind", "");
			if (strcmp(kind, "deck") == 0 || strcmp(kind, "numbers") == 0) {
				int numbers = kind[0] == 'n';
				const struct ynode *list =
				        ymap_get(root, numbers ? "items" : "cards");
				for (size_t i = 0; list && list->type == YN_SEQ && i < list->n; i++)
					lint_card(&l, list->items[i], numbers, &cs);
			} else if (strcmp(kind, "vocabulary") == 0) {
				lint_terms(&l, ymap_get(root, "terms"));
			} else if (strcmp(kind, "plan") == 0) {
				lint_plan(&l, ymap_get(root, "days"));
			}
		}
		free(l.text);
		l.text = NULL;
	}
	lint_duplicates(&l, &cs);
	for (size_t i = 0; i < cs.n; i++)
		free(cs.v[i].sh.h);
	free(cs.v);
	if (r->n > 1)
		qsort(r->v, r->n, sizeof *r->v, cmp_finding);
}

void
lint_report_free(struct lint_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].file);
		free(r->v[i].id);
		free(r->v[i].msg);
		free(r->v[i].other_file);
		free(r->v[i].other_id);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}
