#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gapmap.h"
#include "jd.h"
#include "util.h"

/* A job description is at most this big (a long posting is ~15 KB). */
#define JD_MAX_BYTES (1024 * 1024)

/* Single words that name a skill but are also everyday English ("go
 * further", "rust", "a spark of"): they count only when capitalized in
 * the middle of a sentence; the vocabulary's other spellings ("Golang",
 * "Apache Spark") count as usual. */
static const char *const common_words[] = {
	"go",      "rust",   "spark",  "ray",    "chroma",    "prefect", "flask",
	"iceberg", "presto", "celery", "locust", "snowflake", "triton",  "phoenix",
	"helm",    "swift",  "ruby",   "dash",   "julia",     "gemini",  "claude",
};

/* Words that make a sentence ask harder for what it names, and words that
 * make it optional. */
static const char *const strong_words[] = {
	"own",       "owns",     "owning",   "lead",     "leads",     "leading", "production",
	"required",  "require",  "requires", "must",     "strong",    "deep",    "expert",
	"expertise", "hands-on", "in depth", "in-depth", "extensive", "proven",  "solid",
	"essential", "core",     "serious",  "rigorous",
};
static const char *const weak_words[] = {
	"nice to have", "nice-to-have", "good to have", "bonus",        "a plus",   "preferred",
	"familiarity",  "ideally",      "exposure to",  "not required", "optional", "helpful",
};
/* Section headings whose text counts for less. */
static const char *const weak_sections[] = {
	"nice to have", "nice-to-have", "good to have", "bonus",       "preferred",
	"plus",         "optional",     "interview",    "process",     "benefit",
	"perks",        "we offer",     "about",        "who we are",  "equal",
	"compensation", "salary",       "apply",        "how we work", "life at",
};
/* Sections that list the company's tools rather than ask for them. */
static const char *const stack_sections[] = {
	"stack",
	"tools",
	"technologies",
	"tech we use",
};
/* Terms that name the whole field rather than one skill: every posting of
 * the kind says them, so they rank below the skills that set it apart. */
static const char *const broad_terms[] = {
	"machine-learning", "deep-learning", "llm", "ml-platform", "mlops",
};
/* Capitalized words that are not tool names. */
static const char *const not_names[] = {
	"The",      "This",      "That",      "These",     "Those",    "We",       "You",
	"Our",      "Your",      "They",      "Their",     "And",      "But",      "For",
	"With",     "Not",       "All",       "Any",       "Every",    "Each",     "Some",
	"Most",     "Monday",    "Tuesday",   "Wednesday", "Thursday", "Friday",   "Saturday",
	"Sunday",   "January",   "February",  "March",     "April",    "May",      "June",
	"July",     "August",    "September", "October",   "November", "December", "English",
	"European", "Europe",    "American",  "America",   "Remote",   "Hybrid",   "Senior",
	"Staff",    "Principal", "Engineer",  "Engineers", "Manager",  "Director", "Team",
	"Inc",      "Ltd",       "GmbH",
};

struct term {
	char *id, *name, *category, *decks;
};

struct phrase {
	const char *text;
	size_t len;
	int term;
	int cs;     /* match case-sensitively (short acronyms: RAG, ML, IAM) */
	int risky;  /* a common English word: needs a capital, mid-sentence */
	int plural; /* may take an 's' */
};

struct occ {
	size_t s, e;
	int term;
	size_t sent, sent_e; /* its sentence */
};

struct line {
	size_t s, e; /* [s, e) without the newline */
	int blank, heading, bullet;
	double factor;
	size_t cstart;         /* content_start of the line */
	size_t blk_a, blk_b;   /* first and last line of its paragraph or item */
	size_t item;           /* the line its list item starts on */
	size_t lead_s, lead_e; /* an item's lead (see in_lead), on its first line */
};

/* The text and what is known of it. Everything below is computed once,
 * so each mention costs a binary search, not a walk over its paragraph:
 * a 1 MB posting is read in linear time. The text need not end with a
 * NUL: nothing reads t[len]. */
struct doc {
	const char *t;
	size_t len;
	struct line *lines;
	size_t nlines;
	size_t title;            /* index of the title line */
	size_t *starts, nstarts; /* where a sentence may start, ascending */
	size_t *stops, nstops;   /* where one may end (its .!?;), ascending */
	/* sentence_factor of the last sentence asked for */
	size_t memo_s, memo_e;
	double memo_f;
};

static int
wordc(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Matches phrase text (plen bytes) at t[i]: whole words, any case (unless
 * cs), a space or hyphen in the phrase matching any run of white space or
 * a hyphen. Returns the end offset, or 0 when it does not match. */
static size_t
match_at(const char *t, size_t len, size_t i, const char *text, size_t plen, int cs, int plural)
{
	if (plen == 0)
		return 0;
	if (wordc((unsigned char)text[0]) && i > 0 && wordc((unsigned char)t[i - 1]))
		return 0;
	const char *q = text;
	size_t j = i;
	while (*q) {
		if (*q == ' ' || *q == '-') {
			size_t k = j;
			int seen = 0;
			while (k < len && is_space((unsigned char)t[k])) {
				k++;
				seen = 1;
			}
			if (k < len && t[k] == '-') {
				k++;
				seen = 1;
				while (k < len && is_space((unsigned char)t[k]))
					k++;
			}
			if (!seen || k == j)
				return 0;
			j = k;
			while (*q == ' ' || *q == '-')
				q++;
			continue;
		}
		if (j >= len)
			return 0;
		unsigned char a = (unsigned char)t[j], b = (unsigned char)*q;
		if (cs ? a != b : tolower(a) != tolower(b))
			return 0;
		j++;
		q++;
	}
	if (plural && j < len && (t[j] == 's' || t[j] == 'S') &&
	    (j + 1 >= len || !wordc((unsigned char)t[j + 1])))
		j++;
	if (wordc((unsigned char)text[plen - 1]) && j < len && wordc((unsigned char)t[j]))
		return 0;
	return j;
}

/* True when phrase occurs in t[s, e). */
static int
occurs(const char *t, size_t s, size_t e, const char *phrase)
{
	int first = tolower((unsigned char)phrase[0]);
	size_t plen = 0;
	for (size_t i = s; i < e; i++) {
		if (tolower((unsigned char)t[i]) != first)
			continue;
		if (plen == 0)
			plen = strlen(phrase);
		size_t end = match_at(t, e, i, phrase, plen, 0, 0);
		if (end)
			return 1;
	}
	return 0;
}

static size_t
line_of(const struct doc *d, size_t pos)
{
	size_t lo = 0, hi = d->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (d->lines[mid].s <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Offset of the first character of a line after indentation, a bullet
 * or list number, heading marks and emphasis. */
static size_t
content_start(const struct doc *d, const struct line *l)
{
	size_t k = l->s;
	while (k < l->e && strchr(" \t#>*_`", d->t[k]))
		k++;
	if (k + 1 < l->e && (d->t[k] == '-' || d->t[k] == '+') && d->t[k + 1] == ' ')
		k += 2;
	size_t n = k;
	while (n < l->e && isdigit((unsigned char)d->t[n]))
		n++;
	if (n > k && n + 1 < l->e && (d->t[n] == '.' || d->t[n] == ')') && d->t[n + 1] == ' ')
		k = n + 2;
	while (k < l->e && strchr(" \t*_`", d->t[k]))
		k++;
	return k;
}

/* The paragraph or list item of every line (blk_a..blk_b, where a
 * sentence is looked for), the line its list item starts on, and each
 * item's lead (see in_lead), by one pass each way over the lines. */
static void
doc_blocks(struct doc *d)
{
	struct line *L = d->lines;
	size_t n = d->nlines;
	for (size_t i = 0; i < n; i++) {
		int starts = i == 0 || L[i - 1].blank || L[i - 1].heading;
		L[i].blk_a = starts || L[i].bullet || L[i].heading ? i : L[i - 1].blk_a;
		L[i].item = starts || L[i].bullet ? i : L[i - 1].item;
	}
	size_t item_end = n ? n - 1 : 0;
	for (size_t i = n; i-- > 0;) {
		int ends = i + 1 >= n || L[i + 1].blank || L[i + 1].bullet || L[i + 1].heading;
		L[i].blk_b = ends || L[i].heading ? i : L[i + 1].blk_b;
		if (ends)
			item_end = i;
		L[i].lead_s = L[i].lead_e = 0;
		if (!L[i].bullet)
			continue;
		/* The lead: a bold opening ("**GPU serving.** ...") or the words
		 * before an early colon ("Drive cost optimization: ..."). */
		const struct line *l = &L[i];
		size_t k = l->s;
		while (k < l->e && strchr(" \t-*+", d->t[k]) &&
		       !(d->t[k] == '*' && k + 1 < l->e && d->t[k + 1] == '*'))
			k++;
		size_t start = k, lead_e = k;
		if (k + 1 < l->e && d->t[k] == '*' && d->t[k + 1] == '*') {
			for (size_t c = k + 2; c + 1 < l->e; c++)
				if (d->t[c] == '*' && d->t[c + 1] == '*') {
					lead_e = c;
					break;
				}
		}
		/* The colon must come early, before the item's first full stop,
		 * and within the item. */
		size_t end = L[item_end].e;
		for (size_t e = start; e < end && e < start + 120; e++) {
			char ch = d->t[e];
			if (ch == ':' && (e + 1 >= end || is_space((unsigned char)d->t[e + 1]))) {
				if (e > lead_e)
					lead_e = e;
				break;
			}
			if (ch == '.' && (e + 1 >= end || is_space((unsigned char)d->t[e + 1])))
				break;
		}
		L[i].lead_s = start;
		L[i].lead_e = lead_e;
	}
}

static void
push_pos(size_t **v, size_t *n, size_t *cap, size_t pos)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = pos;
}

/* Where sentences may start (after ".!?;" and white space) and end (at
 * such a mark followed by white space or the end), in text order. */
static void
doc_sentences(struct doc *d)
{
	size_t cs = 0, ce = 0;
	d->starts = d->stops = NULL;
	d->nstarts = d->nstops = 0;
	for (size_t i = 0; i < d->len; i++) {
		if (!strchr(".!?;", d->t[i]))
			continue;
		if (i + 1 >= d->len || is_space((unsigned char)d->t[i + 1]))
			push_pos(&d->stops, &d->nstops, &ce, i);
		if (i + 1 < d->len && is_space((unsigned char)d->t[i + 1]))
			push_pos(&d->starts, &d->nstarts, &cs, i + 1);
	}
	d->memo_s = d->memo_e = SIZE_MAX;
}

/* Splits the text into lines and classifies them: headings (Markdown
 * '#', a short line ending in ':' after a blank line, a bold-only line,
 * an all-capitals line), bullets, blank lines; then gives each line the
 * weight of its section. */
static void
doc_lines(struct doc *d)
{
	size_t cap = 64;
	d->lines = xmalloc(cap * sizeof d->lines[0]);
	d->nlines = 0;
	size_t s = 0;
	while (s <= d->len) {
		size_t e = s;
		while (e < d->len && d->t[e] != '\n')
			e++;
		if (d->nlines == cap) {
			cap *= 2;
			d->lines = xrealloc(d->lines, cap * sizeof d->lines[0]);
		}
		struct line *l = &d->lines[d->nlines++];
		memset(l, 0, sizeof *l);
		l->s = s;
		l->e = e;
		l->blank = 1;
		for (size_t k = s; k < e; k++)
			if (!is_space((unsigned char)d->t[k]))
				l->blank = 0;
		l->cstart = content_start(d, l);
		if (e >= d->len)
			break;
		s = e + 1;
	}
	int prev_blank = 1;
	for (size_t i = 0; i < d->nlines; i++) {
		struct line *l = &d->lines[i];
		if (l->blank) {
			prev_blank = 1;
			continue;
		}
		size_t k = l->s;
		while (k < l->e && (d->t[k] == ' ' || d->t[k] == '\t'))
			k++;
		size_t e = l->e;
		while (e > k && is_space((unsigned char)d->t[e - 1]))
			e--;
		const char *p = d->t + k;
		size_t n = e - k;
		if (n >= 2 && (p[0] == '-' || p[0] == '*' || p[0] == '+') && p[1] == ' ')
			l->bullet = 1;
		else if (isdigit((unsigned char)p[0]) && l->cstart > k + 1 &&
		         (d->t[l->cstart - 2] == '.' || d->t[l->cstart - 2] == ')'))
			l->bullet = 1;
		int letters = 0, upper = 0;
		for (size_t j = 0; j < n; j++)
			if (isalpha((unsigned char)p[j])) {
				letters++;
				upper += isupper((unsigned char)p[j]) != 0;
			}
		if (p[0] == '#')
			l->heading = 1;
		else if (!l->bullet && n <= 60 && n > 1 && p[n - 1] == ':' && prev_blank)
			l->heading = 1;
		else if (!l->bullet && n > 4 && p[0] == '*' && p[1] == '*' &&
		         ((p[n - 1] == '*' && p[n - 2] == '*') ||
		          (p[n - 1] == ':' && p[n - 2] == '*')) &&
		         memchr(p + 2, '*', n - 4) == NULL)
			l->heading = 1;
		else if (!l->bullet && n <= 60 && letters >= 4 && upper == letters)
			l->heading = 1;
		prev_blank = 0;
	}
	/* Section weights: the title line counts fully; text between it and
	 * the first heading (the company blurb) for less, if headings follow;
	 * the sections named in weak_sections for much less. */
	size_t first = 0;
	while (first < d->nlines && d->lines[first].blank)
		first++;
	int any_heading = 0;
	for (size_t i = first + 1; i < d->nlines; i++)
		any_heading |= d->lines[i].heading;
	double factor = any_heading ? 0.6 : 1.0;
	d->title = first;
	for (size_t i = 0; i < d->nlines; i++) {
		struct line *l = &d->lines[i];
		if (i == first) {
			l->heading = 1;
			l->factor = 1.0;
			continue;
		}
		if (l->heading) {
			factor = 1.0;
			for (size_t w = 0; w < sizeof weak_sections / sizeof weak_sections[0]; w++)
				if (occurs(d->t, l->s, l->e, weak_sections[w]))
					factor = 0.4;
			for (size_t w = 0; w < sizeof stack_sections / sizeof stack_sections[0];
			     w++)
				if (factor == 1.0 && occurs(d->t, l->s, l->e, stack_sections[w]))
					factor = 0.7;
		}
		l->factor = factor;
	}
	doc_blocks(d);
	doc_sentences(d);
}

/* True when the word at pos starts a sentence, a list item or a line
 * after a heading or blank line (where any word is capitalized). */
static int
sentence_initial(const struct doc *d, size_t pos)
{
	size_t li = line_of(d, pos);
	const struct line *l = &d->lines[li];
	if (l->heading && li != d->title)
		return 1;
	size_t k = pos;
	while (k > l->s && strchr(" \t\r*_`\"'([>", d->t[k - 1]))
		k--;
	if (k > l->s) {
		if (k <= l->cstart)
			return 1;
		return strchr(".!?:;", d->t[k - 1]) != NULL;
	}
	if (l->bullet || li == 0)
		return 1;
	const struct line *p = &d->lines[li - 1];
	if (p->blank || p->heading)
		return 1;
	size_t e = p->e;
	while (e > p->s && strchr(" \t\r*_`\"')", d->t[e - 1]))
		e--;
	return e > p->s && strchr(".!?:;", d->t[e - 1]) != NULL;
}

/* The last of v[0..n) that is <= pos, or SIZE_MAX. */
static size_t
last_at_most(const size_t *v, size_t n, size_t pos)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? v[lo - 1] : SIZE_MAX;
}

/* The first of v[0..n) that is >= pos, or SIZE_MAX. */
static size_t
first_at_least(const size_t *v, size_t n, size_t pos)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n ? v[lo] : SIZE_MAX;
}

/* The sentence around pos, within its paragraph or list item: from the
 * last sentence start at or before pos to the first end at or after it. */
static void
sentence_bounds(const struct doc *d, size_t pos, size_t *s, size_t *e)
{
	const struct line *l = &d->lines[line_of(d, pos)];
	size_t bs = d->lines[l->blk_a].s, be = d->lines[l->blk_b].e;
	size_t a = last_at_most(d->starts, d->nstarts, pos);
	size_t b = first_at_least(d->stops, d->nstops, pos);
	*s = a != SIZE_MAX && a > bs ? a : bs;
	*e = b < be ? b : be;
}

/* True when pos lies in the lead of a list item: its bold opening
 * ("**GPU serving.** ...") or the words before its first colon ("Drive
 * cost optimization: ..."), which name what the item is about. */
static int
in_lead(const struct doc *d, size_t pos)
{
	const struct line *l = &d->lines[d->lines[line_of(d, pos)].item];
	return l->bullet && pos >= l->lead_s && pos < l->lead_e;
}

/* How strongly the sentence t[s, e) asks for what it names (the same
 * sentence is weighed once). */
static double
sentence_factor(struct doc *d, size_t s, size_t e)
{
	if (s == d->memo_s && e == d->memo_e)
		return d->memo_f;
	int strong = 0;
	for (size_t i = 0; i < sizeof strong_words / sizeof strong_words[0]; i++)
		strong += occurs(d->t, s, e, strong_words[i]);
	if (strong > 2)
		strong = 2;
	double f = 1.0 + 0.5 * strong;
	for (size_t i = 0; i < sizeof weak_words / sizeof weak_words[0]; i++)
		if (occurs(d->t, s, e, weak_words[i])) {
			f *= 0.4;
			break;
		}
	d->memo_s = s;
	d->memo_e = e;
	d->memo_f = f;
	return f;
}

static int
in_list(const char *w, const char *const *list, size_t n, int ci)
{
	for (size_t i = 0; i < n; i++)
		if ((ci ? strcasecmp(w, list[i]) : strcmp(w, list[i])) == 0)
			return 1;
	return 0;
}

static void
load_vocab(struct db *db, struct term **terms, size_t *nterms, struct phrase **ph, size_t *nph,
           char ***owned, size_t *nowned)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, name, category, synonyms, decks FROM "
	                                "vocab WHERE retired = 0 ORDER BY rowid",
	                                "");
	size_t tcap = 0, pcap = 0, ocap = 0;
	*terms = NULL;
	*ph = NULL;
	*owned = NULL;
	*nterms = *nph = *nowned = 0;
	while (db_step(st)) {
		if (*nterms == tcap) {
			tcap = tcap ? tcap * 2 : 256;
			*terms = xrealloc(*terms, tcap * sizeof **terms);
		}
		int ti = (int)(*nterms)++;
		struct term *t = &(*terms)[ti];
		t->id = xstrdup(db_col_text(st, 0));
		t->name = xstrdup(db_col_text(st, 1));
		t->category = xstrdup(db_col_text(st, 2));
		t->decks = xstrdup(db_col_text(st, 4));
		/* The name and every synonym are phrases of this term. */
		struct sbuf all;
		sbuf_init(&all);
		sbuf_add(&all, t->name);
		if (*db_col_text(st, 3)) {
			sbuf_addc(&all, '\n');
			sbuf_add(&all, db_col_text(st, 3));
		}
		char *text = sbuf_take(&all);
		if (*nowned == ocap) {
			ocap = ocap ? ocap * 2 : 256;
			*owned = xrealloc(*owned, ocap * sizeof **owned);
		}
		(*owned)[(*nowned)++] = text;
		for (char *p = strtok(text, "\n"); p; p = strtok(NULL, "\n")) {
			while (*p == ' ')
				p++;
			if (*p == '\0')
				continue;
			if (*nph == pcap) {
				pcap = pcap ? pcap * 2 : 1024;
				*ph = xrealloc(*ph, pcap * sizeof **ph);
			}
			struct phrase *f = &(*ph)[(*nph)++];
			memset(f, 0, sizeof *f);
			f->text = p;
			f->len = strlen(p);
			f->term = ti;
			size_t n = strlen(p);
			int letters = 0, lower = 0, space = 0;
			for (size_t k = 0; k < n; k++) {
				if (isalpha((unsigned char)p[k])) {
					letters++;
					lower += islower((unsigned char)p[k]) != 0;
				}
				space |= p[k] == ' ';
			}
			f->cs = letters > 0 && lower == 0 && letters <= 4 && !space;
			/* The first word decides whether the phrase is risky. */
			char first[32];
			size_t w = 0;
			while (w < n && w < sizeof first - 1 && p[w] != ' ') {
				first[w] = p[w];
				w++;
			}
			first[w] = '\0';
			f->risky = in_list(first, common_words,
			                   sizeof common_words / sizeof common_words[0], 1);
			f->plural = n >= 4 && islower((unsigned char)p[n - 1]) && p[n - 1] != 's';
		}
	}
	db_finalize(st);
}

/* A risky word (see common_words) counts when capitalized, and, at the
 * start of a sentence, only as one item of a list ("Go, Rust or C++",
 * a bullet of its own) or in a longer name ("Ray Serve"). */
static int
risky_ok(const struct doc *d, size_t s, size_t e, int multiword)
{
	if (!isupper((unsigned char)d->t[s]))
		return 0;
	if (multiword || !sentence_initial(d, s))
		return 1;
	while (e < d->len && (d->t[e] == ' ' || d->t[e] == '\t' || d->t[e] == '*'))
		e++;
	return e >= d->len || strchr(",/();:\r\n", d->t[e]) != NULL ||
	       (d->len - e >= 4 && memcmp(d->t + e, "and ", 4) == 0) ||
	       (d->len - e >= 3 && memcmp(d->t + e, "or ", 3) == 0);
}

static int
cmp_occ_len(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	size_t lx = x->e - x->s, ly = y->e - y->s;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	/* The same words matched for two terms: the first in the
	 * vocabulary wins. */
	return (x->term > y->term) - (x->term < y->term);
}

/* The bucket of a phrase, or of the text at a word start: its first two
 * bytes, lower case; white space or a hyphen second is one key (they
 * match each other), a phrase of one byte has 0 second. */
static size_t
pair_key(const char *s, size_t n)
{
	unsigned a = (unsigned)tolower((unsigned char)s[0]), b = 0;
	if (n >= 2) {
		unsigned char c = (unsigned char)s[1];
		b = c == '-' || is_space(c) ? ' ' : (unsigned)tolower(c);
	}
	return (size_t)(a << 8 | b);
}

static int
cmp_occ_pos(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Finds every vocabulary phrase in the text; where matches overlap the
 * longest wins ("LLM evaluation" over "LLM"). Returns them in text order. */
static struct occ *
find_occurrences(const struct doc *d, const struct phrase *ph, size_t nph, size_t *nout)
{
	/* The phrases by their first two letters (any case; a space or a
	 * hyphen second stands for any separator), in vocabulary order, so
	 * each word of the text is tried only against those that can match. */
	size_t *first = xcalloc(65536 + 1, sizeof *first);
	size_t *byletter = xmalloc((nph ? nph : 1) * sizeof *byletter);
	for (size_t p = 0; p < nph; p++)
		first[pair_key(ph[p].text, ph[p].len) + 1]++;
	for (size_t k = 0; k < 65536; k++)
		first[k + 1] += first[k];
	size_t *fill = xmalloc(65536 * sizeof *fill);
	memcpy(fill, first, 65536 * sizeof *fill);
	for (size_t p = 0; p < nph; p++)
		byletter[fill[pair_key(ph[p].text, ph[p].len)]++] = p;
	free(fill);

	size_t cap = 64, n = 0;
	struct occ *o = xmalloc(cap * sizeof *o);
	for (size_t i = 0; i < d->len; i++) {
		unsigned char c = (unsigned char)d->t[i];
		if (i > 0 && wordc(c) && wordc((unsigned char)d->t[i - 1]))
			continue;
		/* Headings name sections; only the title asks for anything. */
		size_t li = line_of(d, i);
		if (d->lines[li].heading && li != d->title) {
			i = d->lines[li].e;
			continue;
		}
		/* The phrases of one letter, and those whose second letter
		 * is the text's. */
		size_t keys[2], nk = 0;
		keys[nk++] = pair_key(d->t + i, 1);
		if (i + 1 < d->len)
			keys[nk++] = pair_key(d->t + i, 2);
		for (size_t k = 0; k < nk; k++) {
			for (size_t q = first[keys[k]]; q < first[keys[k] + 1]; q++) {
				const struct phrase *f = &ph[byletter[q]];
				size_t e = match_at(d->t, d->len, i, f->text, f->len, f->cs,
				                    f->plural);
				if (!e)
					continue;
				if (f->risky && !risky_ok(d, i, e, strchr(f->text, ' ') != NULL))
					continue;
				if (n == cap) {
					cap *= 2;
					o = xrealloc(o, cap * sizeof *o);
				}
				o[n++] = (struct occ){ i, e, f->term, 0, 0 };
			}
		}
	}
	free(byletter);
	free(first);
	/* Longest first, each kept unless it overlaps one kept before: the
	 * kept ones are marked byte by byte, so the check costs the length
	 * of the match, not the number of matches kept. */
	if (n > 1)
		qsort(o, n, sizeof *o, cmp_occ_len);
	unsigned char *taken = xcalloc(d->len ? d->len : 1, 1);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		int overlap = 0;
		for (size_t k = o[i].s; k < o[i].e && !overlap; k++)
			overlap = taken[k];
		if (overlap)
			continue;
		memset(taken + o[i].s, 1, o[i].e - o[i].s);
		o[kept++] = o[i];
	}
	free(taken);
	if (kept > 1)
		qsort(o, kept, sizeof *o, cmp_occ_pos);
	*nout = kept;
	return o;
}

struct mention {
	int term;
	size_t sent, i;
};

static int
cmp_mention(const void *a, const void *b)
{
	const struct mention *x = a, *y = b;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	if (x->sent != y->sent)
		return x->sent < y->sent ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Sets each occurrence's sentence and returns, for each (in text order),
 * whether its term was named before in the same sentence: sorted by term,
 * sentence and place, it is every one but the first of its group. Caller
 * frees. */
static unsigned char *
same_sentence(const struct doc *d, struct occ *o, size_t n)
{
	struct mention *m = xmalloc((n ? n : 1) * sizeof *m);
	for (size_t i = 0; i < n; i++) {
		sentence_bounds(d, o[i].s, &o[i].sent, &o[i].sent_e);
		m[i] = (struct mention){ o[i].term, o[i].sent, i };
	}
	if (n > 1)
		qsort(m, n, sizeof *m, cmp_mention);
	unsigned char *again = xcalloc(n ? n : 1, 1);
	for (size_t k = 1; k < n; k++)
		again[m[k].i] = m[k].term == m[k - 1].term && m[k].sent == m[k - 1].sent;
	free(m);
	return again;
}

static int
cmp_skill(const void *a, const void *b)
{
	const struct jd_skill *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	if (x->mentions != y->mentions)
		return x->mentions > y->mentions ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* Words of the title and of a short line under it (the company, the
 * place): a name made only of these is not a tool. */
static int
header_word(const struct doc *d, const char *w)
{
	size_t seen = 0, wlen = strlen(w);
	for (size_t i = d->title; i < d->nlines && seen < 2; i++) {
		const struct line *l = &d->lines[i];
		if (l->blank)
			continue;
		if (seen++ == 1 && l->e - l->s > 100)
			break;
		/* A header is short: past its first 300 bytes a line is text. */
		size_t end = l->e - l->s > 300 ? l->s + 300 : l->e;
		for (size_t k = l->s; k < end; k++)
			if (match_at(d->t, end, k, w, wlen, 1, 0))
				return 1;
	}
	return 0;
}

static char *
lower_dup(const char *s, size_t n)
{
	char *v = xstrndup(s, n);
	for (char *p = v; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return v;
}

/* Sorts names by count, most first, keeping the order of equal counts:
 * a merge sort, n log n. */
static void
stable_sort_names(struct jd_name *v, size_t n)
{
	if (n < 2)
		return;
	struct jd_name *tmp = xmalloc(n * sizeof *tmp);
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t a = lo, b = mid, k = lo;
			while (a < mid && b < hi)
				tmp[k++] = v[b].count > v[a].count ? v[b++] : v[a++];
			while (a < mid)
				tmp[k++] = v[a++];
			while (b < hi)
				tmp[k++] = v[b++];
		}
		memcpy(v, tmp, n * sizeof *v);
	}
	free(tmp);
}

/* Capitalized names (one to three words: "Argo CD", "ClickHouse") that
 * appear at least twice, at least once in mid-sentence, outside any
 * vocabulary match and outside headings. */
static void
find_names(const struct doc *d, const struct occ *o, size_t no, const struct phrase *ph, size_t nph,
           struct jd_result *out)
{
	struct cand {
		char *name;
		int count, mid;
		int skip; /* not a tool name (see below), decided once */
	} *c = NULL;
	size_t nc = 0, cap = 0;
	struct strtab seen = { 0 }, vocab = { 0 };
	/* The vocabulary's phrases in lower case: a name that is one is no
	 * new name. */
	char **lowered = xmalloc((nph ? nph : 1) * sizeof *lowered);
	for (size_t p = 0; p < nph; p++) {
		lowered[p] = lower_dup(ph[p].text, ph[p].len);
		strtab_put(&vocab, lowered[p], p);
	}
	size_t oi = 0;
	size_t i = 0;
	while (i < d->len) {
		if (!isupper((unsigned char)d->t[i]) ||
		    (i > 0 && wordc((unsigned char)d->t[i - 1]))) {
			i++;
			continue;
		}
		/* Words: letters and digits, with inner '.', '-' or '+'. */
		size_t ws[3], we[3];
		int nw = 0;
		size_t j = i;
		while (nw < 3 && j < d->len && isupper((unsigned char)d->t[j])) {
			size_t e = j;
			while (e < d->len &&
			       (isalnum((unsigned char)d->t[e]) ||
			        ((d->t[e] == '.' || d->t[e] == '-' || d->t[e] == '+') &&
			         e + 1 < d->len && isalnum((unsigned char)d->t[e + 1]))))
				e++;
			if (e < d->len && (unsigned char)d->t[e] >= 0x80)
				break;
			ws[nw] = j;
			we[nw] = e;
			nw++;
			if (e + 1 < d->len && d->t[e] == ' ' && isupper((unsigned char)d->t[e + 1]))
				j = e + 1;
			else
				break;
		}
		if (nw == 0) {
			i++;
			continue;
		}
		size_t end = we[nw - 1];
		/* The first word must look like a name: three or more characters
		 * with a lowercase letter (so no acronyms such as ETA or S3). */
		int lower = 0;
		for (size_t k = ws[0]; k < we[0]; k++)
			lower |= islower((unsigned char)d->t[k]) != 0;
		while (oi < no && o[oi].e <= i)
			oi++;
		int in_vocab = oi < no && o[oi].s < end;
		const struct line *l = &d->lines[line_of(d, i)];
		if (!lower || we[0] - ws[0] < 3 || in_vocab || l->heading) {
			i = we[0];
			continue;
		}
		char *name = xstrndup(d->t + ws[0], end - ws[0]);
		size_t *at = strtab_get(&seen, name);
		size_t k = at ? *at : nc;
		if (at == NULL) {
			/* A new name: made only of header words, an everyday word,
			 * or a vocabulary phrase (itself or its first word)? */
			int all_header = 1;
			for (int w = 0; w < nw; w++) {
				char *word = xstrndup(d->t + ws[w], we[w] - ws[w]);
				all_header &= header_word(d, word);
				free(word);
			}
			char *w0 = xstrndup(d->t + ws[0], we[0] - ws[0]);
			char *lname = lower_dup(name, strlen(name)),
			     *lw0 = lower_dup(w0, strlen(w0));
			int skip =
			        all_header ||
			        in_list(w0, not_names, sizeof not_names / sizeof not_names[0], 0) ||
			        strtab_get(&vocab, lname) || strtab_get(&vocab, lw0);
			free(w0);
			free(lname);
			free(lw0);
			if (nc == cap) {
				cap = cap ? cap * 2 : 32;
				c = xrealloc(c, cap * sizeof *c);
			}
			c[nc++] = (struct cand){ name, 0, 0, skip };
			strtab_put(&seen, name, k);
			name = NULL;
		}
		if (!c[k].skip) {
			c[k].count++;
			c[k].mid += !sentence_initial(d, i);
		}
		free(name);
		i = end;
	}
	out->also = xmalloc((nc ? nc : 1) * sizeof *out->also);
	out->nalso = 0;
	for (size_t k = 0; k < nc; k++) {
		if (!c[k].skip && c[k].count >= 2 && c[k].mid >= 1)
			out->also[out->nalso++] = (struct jd_name){ c[k].name, c[k].count };
		else
			free(c[k].name);
	}
	free(c);
	free(seen.v);
	free(vocab.v);
	for (size_t p = 0; p < nph; p++)
		free(lowered[p]);
	free(lowered);
	/* Most frequent first; equal counts keep the order of first mention
	 * (a stable sort: the merge sort below, for any libc). */
	stable_sort_names(out->also, out->nalso);
}

/* The title: the first non-blank line without Markdown marks. */
static char *
doc_title(const struct doc *d)
{
	for (size_t i = 0; i < d->nlines; i++) {
		const struct line *l = &d->lines[i];
		if (l->blank)
			continue;
		size_t s = l->s, e = l->e;
		while (s < e && strchr(" \t#*_", d->t[s]))
			s++;
		while (e > s && strchr(" \t\r#*_", d->t[e - 1]))
			e--;
		if (e - s > 120)
			e = s + 120;
		/* Do not cut a UTF-8 sequence in half. */
		while (e > s && e < l->e && ((unsigned char)d->t[e] & 0xc0) == 0x80)
			e--;
		return xstrndup(d->t + s, e - s);
	}
	return xstrdup("");
}

/* Refuses what is no job description in text: a binary file, text
 * that is not UTF-8, an empty file. Returns 0, or -1 with *cause. */
static int
check_posting(const char *text, size_t len, char **cause)
{
	if (memchr(text, '\0', len) != NULL)
		return fail(cause,
		            "this is a binary file, not a job description (it "
		            "contains NUL bytes); save the posting as plain text or Markdown");
	long bad = utf8_invalid_at(text, len);
	if (bad >= 0)
		return fail(cause,
		            "this is not UTF-8 text (invalid byte at offset %ld); save "
		            "the posting as plain text or Markdown in UTF-8",
		            bad);
	int empty = 1;
	for (size_t i = 0; i < len && empty; i++)
		empty = is_space((unsigned char)text[i]);
	if (empty)
		return fail(cause, "the file is empty; paste the job description into it first");
	return 0;
}

/* Adds the spelling text[s..e) of a skill to its list sp (one a line),
 * white space made single, unless the list has it in any case. */
static void
add_spelling(struct sbuf *sp, const char *text, size_t s, size_t e)
{
	struct sbuf one;
	sbuf_init(&one);
	for (size_t k = s; k < e; k++) {
		if (is_space((unsigned char)text[k])) {
			if (one.len && one.s[one.len - 1] != ' ')
				sbuf_addc(&one, ' ');
		} else {
			sbuf_addc(&one, text[k]);
		}
	}
	if (sp->s == NULL)
		sbuf_init(sp);
	int dup = 0;
	for (const char *p = sp->s; *p && !dup;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		dup = n == one.len && strncasecmp(p, one.s, n) == 0;
		p = nl ? nl + 1 : p + n;
	}
	if (!dup) {
		if (sp->len)
			sbuf_addc(sp, '\n');
		sbuf_add(sp, one.s);
	}
	sbuf_free(&one);
}

/* Moves the skills that count from sk (one per term) to the front of
 * sk, which becomes out->skills, with their names and spellings (taken
 * from terms and spell); frees the spellings of the rest. */
static void
keep_skills(struct jd_result *out, struct jd_skill *sk, struct sbuf *spell, struct term *terms,
            size_t nterms)
{
	for (size_t t = 0; t < nterms; t++) {
		/* A skill named once, and only as optional, is left out. */
		if (sk[t].mentions > 0 && sk[t].weight >= 0.3) {
			struct jd_skill *s = &sk[out->nskills];
			if (s != &sk[t])
				*s = sk[t];
			s->vocab_id = terms[t].id;
			s->name = terms[t].name;
			s->category = terms[t].category;
			s->decks = terms[t].decks;
			s->spellings = sbuf_take(&spell[t]);
			s->weight = (double)(long)(s->weight * 100 + 0.5) / 100;
			terms[t].id = terms[t].name = terms[t].category = terms[t].decks = NULL;
			out->nskills++;
		} else {
			sbuf_free(&spell[t]);
		}
	}
	out->skills = sk;
}

int
jd_analyze(struct db *db, const char *text, size_t len, struct jd_result *out, char **cause)
{
	memset(out, 0, sizeof *out);
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (check_posting(text, len, cause) != 0)
		return -1;

	struct doc d = { .t = text, .len = len };
	doc_lines(&d);
	struct term *terms;
	struct phrase *ph;
	char **owned;
	size_t nterms, nph, nowned;
	load_vocab(db, &terms, &nterms, &ph, &nph, &owned, &nowned);

	size_t no;
	struct occ *o = find_occurrences(&d, ph, nph, &no);
	unsigned char *again = same_sentence(&d, o, no);
	int debug = getenv("PREPDECK_JD_DEBUG") != NULL;
	struct jd_skill *sk = xcalloc(nterms ? nterms : 1, sizeof *sk);
	struct sbuf *spell = xcalloc(nterms ? nterms : 1, sizeof *spell);
	for (size_t i = 0; i < no; i++) {
		const struct line *l = &d.lines[line_of(&d, o[i].s)];
		double w = l->factor * sentence_factor(&d, o[i].sent, o[i].sent_e);
		if (in_lead(&d, o[i].s))
			w *= 1.5;
		if (in_list(terms[o[i].term].id, broad_terms,
		            sizeof broad_terms / sizeof broad_terms[0], 0))
			w *= 0.5;
		/* Naming a skill again in the same sentence (a list of its
		 * tools) adds little; naming it again elsewhere counts in full. */
		if (again[i])
			w *= 0.25;
		if (debug)
			fprintf(stderr, "%-24s %5.2f  %.*s\n", terms[o[i].term].id, w,
			        (int)(o[i].e - o[i].s), text + o[i].s);
		struct jd_skill *s = &sk[o[i].term];
		if (s->mentions == 0)
			s->first = o[i].s;
		s->weight += w;
		s->mentions++;
		add_spelling(&spell[o[i].term], text, o[i].s, o[i].e);
	}
	out->title = doc_title(&d);
	keep_skills(out, sk, spell, terms, nterms);
	if (out->nskills > 1)
		qsort(out->skills, out->nskills, sizeof *out->skills, cmp_skill);
	find_names(&d, o, no, ph, nph, out);

	for (size_t t = 0; t < nterms; t++) {
		free(terms[t].id);
		free(terms[t].name);
		free(terms[t].category);
		free(terms[t].decks);
	}
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	free(terms);
	free(ph);
	free(spell);
	free(again);
	free(o);
	free(d.lines);
	free(d.starts);
	free(d.stops);
	return 0;
}

void
jd_result_free(struct jd_result *r)
{
	for (size_t i = 0; i < r->nskills; i++) {
		free(r->skills[i].vocab_id);
		free(r->skills[i].name);
		free(r->skills[i].category);
		free(r->skills[i].decks);
		free(r->skills[i].spellings);
	}
	free(r->skills);
	for (size_t i = 0; i < r->nalso; i++)
		free(r->also[i].name);
	free(r->also);
	free(r->title);
	memset(r, 0, sizeof *r);
}

/* A map name given on the command line: one line of UTF-8 text. */
static int
check_name(const char *name, char **cause)
{
	if (utf8_invalid_at(name, strlen(name)) >= 0)
		return fail(cause, "the name is not valid UTF-8 text");
	int letters = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return fail(cause, "the name must be one line of text");
		letters += !is_space(*p);
	}
	if (letters == 0)
		return fail(cause, "the name cannot be empty");
	return 0;
}

/* Refreshes map id from a new reading of its job description: skills
 * new to the map are added at the end; the others get the new spellings
 * (unless the user set the keywords) and weights. Evidence, confidence
 * and every other field the user keeps are not touched. Returns the rows
 * added. */
static int
jd_update(struct db *db, const char *id, const struct jd_result *res)
{
	int added = 0;
	db_exec(db, "UPDATE gapmap SET role = ?, retired = 0 WHERE id = ?", "tt", res->title, id);
	for (size_t i = 0; i < res->nskills; i++) {
		const struct jd_skill *s = &res->skills[i];
		int64_t row = db_int(db, 0,
		                     "SELECT id FROM gap_row WHERE map_id = ? AND "
		                     "skill_id = ?",
		                     "tt", id, s->vocab_id);
		if (row == 0) {
			struct gap_row r = {
				.map_id = (char *)id,
				.skill_id = s->vocab_id,
				.name = s->name,
				.category = s->category,
				.keywords = s->spellings,
				.decks = s->decks,
				.weight = s->weight,
			};
			gap_row_insert(db, &r);
			added++;
			continue;
		}
		db_exec(db,
		        "UPDATE gap_row SET weight = ?1, keywords = CASE WHEN EXISTS (SELECT 1 "
		        "FROM gap_edit WHERE row_id = ?3 AND field = 'keywords') THEN keywords "
		        "ELSE ?2 END WHERE id = ?3",
		        "dti", s->weight, s->spellings, row);
	}
	return added;
}

int
jd_import(struct db *db, const char *path, const char *name, enum jd_again again,
          struct jd_result *out, char **map_id, int *added, char **cause)
{
	memset(out, 0, sizeof *out);
	*map_id = NULL;
	if (added)
		*added = 0;
	size_t len;
	char *err = NULL;
	char *text = read_file(path, JD_MAX_BYTES, &len, &err);
	if (text == NULL) {
		fail(cause, "%s", err);
		free(err);
		return -1;
	}
	if (jd_analyze(db, text, len, out, &err) != 0) {
		fail(cause, "%s: %s", path, err);
		free(err);
		free(text);
		return -1;
	}
	free(text);
	if (out->nskills == 0)
		return fail(cause,
		            "%s: no skill from the vocabulary found; nothing created "
		            "(is this a job description? 'prepdeck gapmap new' makes an "
		            "empty map to fill by hand)",
		            path);
	if (name != NULL && check_name(name, cause) != 0)
		return -1;
	/* The id comes from the name given, else from the file's name. */
	char *base;
	if (name != NULL) {
		base = xstrdup(name);
	} else {
		const char *slash = strrchr(path, '/');
		base = xstrdup(slash ? slash + 1 : path);
		char *dot = strrchr(base, '.');
		if (dot && dot != base)
			*dot = '\0';
	}
	/* The same job description again: ask, update, or make another. */
	char *same = gap_slug(base);
	if (again != JD_ANOTHER && db_int(db, 0,
	                                  "SELECT count(*) FROM gapmap WHERE id = ? "
	                                  "AND origin = 'jd'",
	                                  "t", same) > 0) {
		if (again == JD_ASK) {
			fail(cause, "the map '%s' came from a job description of this name", same);
			*map_id = same;
			free(base);
			return JD_EXISTS;
		}
		db_begin(db);
		int n = jd_update(db, same, out);
		db_commit(db);
		if (added)
			*added = n;
		gap_set_current(db, same);
		*map_id = same;
		free(base);
		return 1;
	}
	free(same);
	char *id = gap_map_unused_id(db, base);
	free(base);
	const char *title = name ? name : (*out->title ? out->title : id);
	db_begin(db);
	if (gap_map_create(db, id, title, out->title, "jd", cause) != 0) {
		db_rollback(db);
		free(id);
		return -1;
	}
	for (size_t i = 0; i < out->nskills; i++) {
		const struct jd_skill *s = &out->skills[i];
		struct gap_row r = {
			.map_id = id,
			.skill_id = s->vocab_id,
			.name = s->name,
			.category = s->category,
			.keywords = s->spellings,
			.decks = s->decks,
			.weight = s->weight,
		};
		gap_row_insert(db, &r);
	}
	db_commit(db);
	gap_set_current(db, id);
	*map_id = id;
	if (added)
		*added = (int)out->nskills;
	return 0;
}
