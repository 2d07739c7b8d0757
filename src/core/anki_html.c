#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "anki_html.h"
#include "util.h"

#define MAX_LISTS 16

struct cleaner {
	struct sbuf out;
	int bold, italic, code, pre;
	size_t bold_at, italic_at, code_at; /* where each mark opened */
	int nlists;
	struct {
		int ordered, n;
	} lists[MAX_LISTS];
};

static int
last_char(const struct cleaner *c)
{
	return c->out.len ? (unsigned char)c->out.s[c->out.len - 1] : '\n';
}

static void
line_break(struct cleaner *c)
{
	while (c->out.len && c->out.s[c->out.len - 1] == ' ')
		c->out.s[--c->out.len] = '\0';
	sbuf_addc(&c->out, '\n');
}

/* Starts a new line unless one was just started. */
static void
block_break(struct cleaner *c)
{
	if (c->out.len && last_char(c) != '\n')
		line_break(c);
}

static void
put_space(struct cleaner *c)
{
	int l = last_char(c);
	if (l != ' ' && l != '\n')
		sbuf_addc(&c->out, ' ');
}

/* Toggles a markup pair: opens at depth 0 -> 1, closes at 1 -> 0. The
 * marks go around the text, blanks outside: "<i> a </i>" gives " *a* "
 * ("* a *" would not read as italic); around nothing but blanks there
 * are no marks (<i></i> would read as the ** of bold). */
static void
toggle(struct cleaner *c, int *depth, size_t *at, int open, const char *mark)
{
	if (open) {
		if ((*depth)++ == 0) {
			*at = c->out.len;
			sbuf_add(&c->out, mark);
		}
		return;
	}
	if (*depth == 0 || --*depth > 0)
		return;
	const char *o = c->out.s;
	size_t n = strlen(mark);
	if (*at + n > c->out.len || strncmp(o + *at, mark, n) != 0) {
		/* Tags closed out of order moved the opening mark: just close. */
		sbuf_add(&c->out, mark);
		return;
	}
	size_t from = *at + n, a = from, e = c->out.len;
	while (a < e && (o[a] == ' ' || o[a] == '\n'))
		a++;
	while (e > a && (o[e - 1] == ' ' || o[e - 1] == '\n'))
		e--;
	char *lead = xstrndup(o + from, a - from);
	char *inner = xstrndup(o + a, e - a);
	char *tail = xstrdup(o + e);
	c->out.s[c->out.len = *at] = '\0';
	sbuf_add(&c->out, lead);
	if (*inner) {
		sbuf_add(&c->out, mark);
		sbuf_add(&c->out, inner);
		sbuf_add(&c->out, mark);
	}
	sbuf_add(&c->out, tail);
	free(lead);
	free(inner);
	free(tail);
}

static void
put_utf8(struct sbuf *b, unsigned long cp)
{
	char u[4];
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		sbuf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		sbuf_addn(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		sbuf_addn(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		sbuf_addn(b, u, 4);
	}
}

static const struct {
	const char *name;
	unsigned long cp;
} entities[] = {
	{ "amp", '&' },       { "lt", '<' },        { "gt", '>' },       { "quot", '"' },
	{ "apos", '\'' },     { "nbsp", ' ' },      { "ndash", 0x2013 }, { "mdash", 0x2014 },
	{ "hellip", 0x2026 }, { "lsquo", 0x2018 },  { "rsquo", 0x2019 }, { "ldquo", 0x201C },
	{ "rdquo", 0x201D },  { "laquo", 0xAB },    { "raquo", 0xBB },   { "middot", 0xB7 },
	{ "bull", 0x2022 },   { "times", 0xD7 },    { "divide", 0xF7 },  { "plusmn", 0xB1 },
	{ "deg", 0xB0 },      { "le", 0x2264 },     { "ge", 0x2265 },    { "ne", 0x2260 },
	{ "asymp", 0x2248 },  { "larr", 0x2190 },   { "rarr", 0x2192 },  { "uarr", 0x2191 },
	{ "darr", 0x2193 },   { "harr", 0x2194 },   { "rArr", 0x21D2 },  { "lArr", 0x21D0 },
	{ "hArr", 0x21D4 },   { "infin", 0x221E },  { "sum", 0x2211 },   { "prod", 0x220F },
	{ "radic", 0x221A },  { "alpha", 0x3B1 },   { "beta", 0x3B2 },   { "gamma", 0x3B3 },
	{ "delta", 0x3B4 },   { "epsilon", 0x3B5 }, { "theta", 0x3B8 },  { "lambda", 0x3BB },
	{ "mu", 0x3BC },      { "pi", 0x3C0 },      { "sigma", 0x3C3 },  { "tau", 0x3C4 },
	{ "phi", 0x3C6 },     { "omega", 0x3C9 },   { "copy", 0xA9 },    { "reg", 0xAE },
	{ "trade", 0x2122 },  { "euro", 0x20AC },   { "pound", 0xA3 },   { "cent", 0xA2 },
	{ "sect", 0xA7 },     { "para", 0xB6 },     { "frac12", 0xBD },  { "frac14", 0xBC },
	{ "sup2", 0xB2 },     { "sup3", 0xB3 },     { "minus", 0x2212 }, { "shy", 0 },
};

/* Decodes the entity at s ('&'); returns the bytes consumed, 0 when it
 * is not an entity (then '&' is plain text). */
static size_t
entity(struct cleaner *c, const char *s)
{
	const char *semi = s + 1;
	while (*semi && *semi != ';' && semi - s < 12 &&
	       (isalnum((unsigned char)*semi) || *semi == '#'))
		semi++;
	if (*semi != ';' || semi == s + 1)
		return 0;
	size_t len = (size_t)(semi - s - 1);
	if (s[1] == '#') {
		char *end;
		unsigned long cp;
		if (s[2] == 'x' || s[2] == 'X')
			cp = strtoul(s + 3, &end, 16);
		else
			cp = strtoul(s + 2, &end, 10);
		if (end != semi || end == s + 2 || len > 9)
			return 0;
		if (cp == 0xA0 || cp == '\t' || cp == '\n' || cp == '\r')
			put_space(c);
		else
			put_utf8(&c->out, cp);
		return len + 2;
	}
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
		if (strlen(entities[i].name) == len && strncmp(entities[i].name, s + 1, len) == 0) {
			if (entities[i].cp == ' ')
				put_space(c);
			else if (entities[i].cp != 0)
				put_utf8(&c->out, entities[i].cp);
			return len + 2;
		}
	}
	return 0;
}

static int
name_is(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* Acts on one tag <name ...> or </name>. */
static void
tag(struct cleaner *c, const char *name, int closing, struct anki_html_counts *n)
{
	static const char *const blocks[] = { "div",   "p",       "h1",      "h2",     "h3",
		                              "h4",    "h5",      "h6",      "tr",     "blockquote",
		                              "table", "section", "article", "header", "footer",
		                              "dl",    "dt",      "dd",      "hr",     NULL };
	if (strcmp(name, "b") == 0 || strcmp(name, "strong") == 0) {
		toggle(c, &c->bold, &c->bold_at, !closing, "**");
	} else if (strcmp(name, "i") == 0 || strcmp(name, "em") == 0) {
		toggle(c, &c->italic, &c->italic_at, !closing, "*");
	} else if (strcmp(name, "code") == 0 || strcmp(name, "kbd") == 0 ||
	           strcmp(name, "tt") == 0 || strcmp(name, "samp") == 0) {
		toggle(c, &c->code, &c->code_at, !closing, "`");
	} else if (strcmp(name, "br") == 0) {
		line_break(c);
	} else if (strcmp(name, "pre") == 0) {
		block_break(c);
		c->pre = !closing;
	} else if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) {
		block_break(c);
		if (!closing && c->nlists < MAX_LISTS) {
			c->lists[c->nlists].ordered = name[0] == 'o';
			c->lists[c->nlists].n = 0;
			c->nlists++;
		} else if (closing && c->nlists > 0) {
			c->nlists--;
		}
	} else if (strcmp(name, "li") == 0) {
		block_break(c);
		if (!closing) {
			int d = c->nlists ? c->nlists - 1 : 0;
			for (int i = 0; i < d; i++)
				sbuf_add(&c->out, "  ");
			if (c->nlists && c->lists[c->nlists - 1].ordered)
				sbuf_addf(&c->out, "%d. ", ++c->lists[c->nlists - 1].n);
			else
				sbuf_add(&c->out, "- ");
		}
	} else if (strcmp(name, "img") == 0) {
		if (n && !closing)
			n->images++;
	} else if (name_is(name, blocks)) {
		block_break(c);
	} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
		if (closing)
			put_space(c);
	}
}

/* Finds the '>' ending the tag that starts at s, past quoted values. */
static const char *
tag_end(const char *s)
{
	char q = 0;
	for (; *s; s++) {
		if (q) {
			if (*s == q)
				q = 0;
		} else if (*s == '"' || *s == '\'') {
			q = *s;
		} else if (*s == '>') {
			return s;
		}
	}
	return NULL;
}

char *
anki_html_clean(const char *html, struct anki_html_counts *n, char **cause)
{
	struct cleaner c;
	memset(&c, 0, sizeof c);
	sbuf_init(&c.out);
	const char *s = html;
	while (*s) {
		if (*s == '[' && strncmp(s, "[sound:", 7) == 0 && strchr(s, ']')) {
			s = strchr(s, ']') + 1;
			if (n)
				n->sounds++;
			continue;
		}
		if (*s == '<' && strncmp(s, "<!--", 4) == 0) {
			const char *e = strstr(s + 4, "-->");
			if (e == NULL) {
				sbuf_free(&c.out);
				fail(cause, "an HTML comment never closes (missing -->)");
				return NULL;
			}
			s = e + 3;
			continue;
		}
		if (*s == '<' && (isalpha((unsigned char)s[1]) || s[1] == '!' || s[1] == '?' ||
		                  (s[1] == '/' && isalpha((unsigned char)s[2])))) {
			const char *e = tag_end(s + 1);
			if (e == NULL) {
				int k = 1;
				while (s[k] && s[k] != ' ' && k < 24)
					k++;
				sbuf_free(&c.out);
				fail(cause, "HTML tag '%.*s' never closes (missing >)", k, s);
				return NULL;
			}
			int closing = s[1] == '/';
			const char *p = s + 1 + closing;
			char name[16];
			size_t k = 0;
			while (isalnum((unsigned char)*p) && k + 1 < sizeof name)
				name[k++] = (char)tolower((unsigned char)*p++);
			name[k] = '\0';
			if (!closing &&
			    (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)) {
				/* Skip the text to the closing tag (or the end). */
				char endtag[24];
				snprintf(endtag, sizeof endtag, "</%s", name);
				const char *q = e + 1;
				while (*q && strncasecmp(q, endtag, strlen(endtag)) != 0)
					q++;
				const char *qe = *q ? tag_end(q) : NULL;
				s = qe ? qe + 1 : q;
				continue;
			}
			tag(&c, name, closing, n);
			s = e + 1;
			continue;
		}
		if (*s == '&') {
			size_t k = entity(&c, s);
			if (k > 0) {
				s += k;
				continue;
			}
		}
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (c.pre && *s == '\n')
				line_break(&c);
			else if (c.pre)
				sbuf_addc(&c.out, ' ');
			else
				put_space(&c);
			s++;
			continue;
		}
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			put_space(&c); /* a no-break space typed into the field */
			s += 2;
			continue;
		}
		sbuf_addc(&c.out, *s++);
	}
	/* Close what was left open, the last opened first. */
	struct {
		int *depth;
		size_t *at;
		const char *mark;
	} open[3] = { { &c.code, &c.code_at, "`" },
		      { &c.italic, &c.italic_at, "*" },
		      { &c.bold, &c.bold_at, "**" } };
	for (;;) {
		int last = -1;
		for (int k = 0; k < 3; k++)
			if (*open[k].depth > 0 && (last < 0 || *open[k].at > *open[last].at))
				last = k;
		if (last < 0)
			break;
		*open[last].depth = 1;
		toggle(&c, open[last].depth, open[last].at, 0, open[last].mark);
	}

	/* Trim each line, keep at most one blank line in a row, trim the ends. */
	struct sbuf t;
	sbuf_init(&t);
	const char *p = c.out.s;
	int blank = 0;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		size_t a = 0;
		while (a < len && p[a] == ' ')
			a++;
		/* Indentation stays only in front of a nested list item. */
		if (a < len && (p[a] == '-' || isdigit((unsigned char)p[a])))
			a = 0;
		while (len > a && p[len - 1] == ' ')
			len--;
		if (len == a) {
			blank = t.len > 0;
		} else {
			if (t.len)
				sbuf_add(&t, blank ? "\n\n" : "\n");
			blank = 0;
			sbuf_addn(&t, p + a, len - a);
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	sbuf_free(&c.out);
	return sbuf_take(&t);
}

char *
anki_html_from_markup(const char *text)
{
	struct sbuf b;
	sbuf_init(&b);
	int bold = 0, code = 0;
	size_t len = strlen(text), italic_end = 0;
	for (size_t i = 0; i < len; i++) {
		const char *s = text + i;
		if (*s == '`') {
			sbuf_add(&b, code ? "</code>" : "<code>");
			code = !code;
		} else if (!code && s[0] == '*' && s[1] == '*') {
			sbuf_add(&b, bold ? "</b>" : "<b>");
			bold = !bold;
			i++;
		} else if (italic_end && i == italic_end) {
			sbuf_add(&b, "</i>");
			italic_end = 0;
		} else if (!code && !italic_end && *s == '*' &&
		           (italic_end = markup_italic(text, len, i))) {
			sbuf_add(&b, "<i>");
		} else if (*s == '&') {
			sbuf_add(&b, "&amp;");
		} else if (*s == '<') {
			sbuf_add(&b, "&lt;");
		} else if (*s == '>') {
			sbuf_add(&b, "&gt;");
		} else if (*s == '\n') {
			sbuf_add(&b, "<br>");
		} else {
			sbuf_addc(&b, *s);
		}
	}
	if (code)
		sbuf_add(&b, "</code>");
	if (bold)
		sbuf_add(&b, "</b>");
	return sbuf_take(&b);
}

char *
anki_markup_plain(const char *text)
{
	struct sbuf b;
	sbuf_init(&b);
	int code = 0;
	size_t len = strlen(text), italic_end = 0;
	for (size_t i = 0; i < len; i++) {
		const char *s = text + i;
		if (*s == '`')
			code = !code;
		else if (!code && s[0] == '*' && s[1] == '*')
			i++;
		else if (italic_end && i == italic_end)
			italic_end = 0;
		else if (!code && !italic_end && *s == '*' &&
		         (italic_end = markup_italic(text, len, i)))
			;
		else if (*s == '\n')
			sbuf_addc(&b, ' ');
		else
			sbuf_addc(&b, *s);
	}
	return sbuf_take(&b);
}
