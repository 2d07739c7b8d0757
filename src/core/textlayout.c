/* The layout of styled text (see textlayout.h). */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "textlayout.h"
#include "util.h"

struct cells {
	struct tcell *v;
	int n, cap;
};

static void
cells_add(struct cells *c, wchar_t ch, unsigned char style)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
	}
	c->v[c->n].ch = ch;
	c->v[c->n].style = style;
	c->n++;
}

static void
cells_add_str(struct cells *c, const char *s, size_t len, unsigned char style)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	while (len > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, len, &ps);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			wc = L'?';
			k = 1;
		}
		if (k == 0)
			break;
		if (wc == L'\t')
			wc = L' ';
		if (wc != L'\r')
			cells_add(c, wc, style);
		s += k;
		len -= k;
	}
}

static int
cell_width(wchar_t ch)
{
	int w = wcwidth(ch);
	return w < 0 ? 1 : w;
}

static void
push_line(struct tlayout *l, const struct tcell *cells, int n, int indent)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->lines = xrealloc(l->lines, (size_t)l->cap * sizeof *l->lines);
	}
	struct tline *t = &l->lines[l->n++];
	t->n = n;
	t->indent = indent;
	t->cells = xmalloc((size_t)(n ? n : 1) * sizeof *t->cells);
	if (n)
		memcpy(t->cells, cells, (size_t)n * sizeof *cells);
}

void
text_blank(struct tlayout *l)
{
	push_line(l, NULL, 0, 0);
}

/* Wraps one paragraph's cells: the first line after `first` columns of
 * prefix cells, the rest with a hanging indent of `hang` columns. */
static void
wrap(struct tlayout *l, const struct cells *c, int width, int hang)
{
	int i = 0;
	int first = 1;
	while (i < c->n) {
		int avail = width - (first ? 0 : hang);
		if (avail < 8)
			avail = 8;
		int w = 0, j = i, last_space = -1;
		while (j < c->n) {
			int cw = cell_width(c->v[j].ch);
			if (w + cw > avail)
				break;
			if (c->v[j].ch == L' ')
				last_space = j;
			w += cw;
			j++;
		}
		int end = j;
		if (j < c->n && last_space > i)
			end = last_space;
		if (end == i)
			end = i + 1; /* a single over-wide character */
		push_line(l, c->v + i, end - i, first ? 0 : hang);
		i = end;
		while (i < c->n && c->v[i].ch == L' ')
			i++;
		first = 0;
	}
}

/* Parses inline markup of one paragraph into cells. */
static void
inline_cells(struct cells *c, const char *s, size_t len, const struct text_opts *o)
{
	unsigned char style = o->base;
	const char *start = s, *end = s + len;
	const char *italic_end = NULL;
	while (s < end) {
		/* Inside `code` only the closing backquote (and a cloze
		 * marker) is markup: x**2 and *.json stay as typed. */
		if (s[0] == '`') {
			style ^= TS_CODE;
			s++;
			continue;
		}
		if (!(style & TS_CODE) && s + 1 < end && s[0] == '*' && s[1] == '*') {
			style ^= TS_BOLD;
			s += 2;
			continue;
		}
		if (s == italic_end) {
			style &= (unsigned char)~TS_ITALIC;
			italic_end = NULL;
			s++;
			continue;
		}
		if (!(style & TS_CODE) && italic_end == NULL && s[0] == '*') {
			size_t close = markup_italic(start, len, (size_t)(s - start));
			if (close) {
				italic_end = start + close;
				style |= TS_ITALIC;
				s++;
				continue;
			}
		}
		if (s + 5 < end && strncmp(s, "{{c", 3) == 0 && s[3] >= '1' && s[3] <= '9' &&
		    s[4] == ':' && s[5] == ':') {
			const char *close = strstr(s + 6, "}}");
			if (close != NULL && close <= end) {
				int n = s[3] - '0';
				const char *body = s + 6;
				const char *hint = NULL;
				for (const char *p = body; p + 1 < close; p++)
					if (p[0] == ':' && p[1] == ':') {
						hint = p + 2;
						break;
					}
				const char *body_end = hint ? hint - 2 : close;
				if (o->cloze == n && !o->reveal) {
					cells_add(c, L'[', style | TS_CLOZE);
					if (hint)
						cells_add_str(c, hint, (size_t)(close - hint),
						              style | TS_CLOZE);
					else
						cells_add_str(c, "...", 3, style | TS_CLOZE);
					cells_add(c, L']', style | TS_CLOZE);
				} else {
					unsigned char st = style;
					if (o->cloze == n)
						st |= TS_CLOZE | TS_BOLD;
					cells_add_str(c, body, (size_t)(body_end - body), st);
				}
				s = close + 2;
				if (italic_end && italic_end < s) {
					style &= (unsigned char)~TS_ITALIC; /* it ended inside */
					italic_end = NULL;
				}
				continue;
			}
		}
		const char *next = s + 1;
		while (next < end && (*next & 0xC0) == 0x80)
			next++;
		cells_add_str(c, s, (size_t)(next - s), style);
		s = next;
	}
}

static int
is_item(const char *line, size_t len, int *prefix_len)
{
	if (len >= 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') {
		*prefix_len = 2;
		return 1;
	}
	size_t i = 0;
	while (i < len && i < 3 && line[i] >= '0' && line[i] <= '9')
		i++;
	if (i > 0 && i + 1 < len && line[i] == '.' && line[i + 1] == ' ') {
		*prefix_len = (int)i + 2;
		return 2;
	}
	return 0;
}

/* Emits one collected block (a paragraph or a list item). */
static void
emit_block(struct tlayout *l, struct sbuf *b, int kind, int prefix, int *blank, int width,
           const struct text_opts *o)
{
	if (b->len == 0)
		return;
	if (*blank && l->n > 0)
		text_blank(l);
	*blank = 0;
	struct cells c = { 0 };
	int hang = 0;
	if (kind == 1) {
		cells_add(&c, L' ', o->base);
		cells_add(&c, locale_utf8() ? 0x2022 : L'*', o->base);
		cells_add(&c, L' ', o->base);
		inline_cells(&c, b->s + prefix, b->len - (size_t)prefix, o);
		hang = 3;
	} else if (kind == 2) {
		cells_add(&c, L' ', o->base);
		inline_cells(&c, b->s, b->len, o);
		hang = prefix + 1;
	} else {
		inline_cells(&c, b->s, b->len, o);
	}
	wrap(l, &c, width, hang);
	free(c.v);
	sbuf_free(b);
}

void
text_layout(struct tlayout *l, const char *text, int width, const struct text_opts *o)
{
	struct sbuf b = { 0 };
	int kind = 0, prefix = 0, blank = 0;
	const char *p = text;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *line = p;
		while (len > 0 && (*line == ' ' || *line == '\t')) {
			line++;
			len--;
		}
		while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\r'))
			len--;
		int pre = 0;
		int k = len ? is_item(line, len, &pre) : 0;
		if (len == 0) {
			emit_block(l, &b, kind, prefix, &blank, width, o);
			blank = 1;
		} else if (k != 0) {
			emit_block(l, &b, kind, prefix, &blank, width, o);
			kind = k;
			prefix = pre;
			sbuf_addn(&b, line, len);
		} else if (b.len > 0) {
			sbuf_addc(&b, ' ');
			sbuf_addn(&b, line, len);
		} else {
			kind = 0;
			sbuf_addn(&b, line, len);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	emit_block(l, &b, kind, prefix, &blank, width, o);
}

void
text_free(struct tlayout *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->lines[i].cells);
	free(l->lines);
	memset(l, 0, sizeof *l);
}

int
text_line_width(const struct tline *t)
{
	int w = 0;
	for (int k = 0; k < t->n; k++)
		w += t->cells[k].ch ? cell_width(t->cells[k].ch) : 0;
	return w;
}

void
text_excerpt(const char *text, int cloze, int cols, char *buf, size_t n)
{
	/* Laid out on one very long line, so markup and hidden cloze text
	 * come out as the card shows them. */
	struct tlayout l = { 0 };
	struct text_opts o = { .cloze = cloze, .reveal = 0, .base = 0 };
	text_layout(&l, text, 4096, &o);
	const struct tline *t = NULL;
	int later = 0; /* more non-empty lines after the first */
	for (int i = 0; i < l.n; i++) {
		if (l.lines[i].n == 0)
			continue;
		if (t == NULL)
			t = &l.lines[i];
		else
			later = 1;
	}
	int total = t ? text_line_width(t) : 0;
	int cut = total > cols || later;
	int room = cut ? cols - 1 : cols;
	const char *more = str_ellipsis();
	size_t used = 0, mlen = strlen(more);
	int width = 0;
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	for (int k = 0; t && k < t->n; k++) {
		wchar_t ch = t->cells[k].ch;
		if (ch == 0)
			continue;
		char mb[MB_LEN_MAX];
		size_t m = wcrtomb(mb, ch, &ps);
		if (m == (size_t)-1 || width + cell_width(ch) > room || used + m + mlen + 1 > n)
			break;
		memcpy(buf + used, mb, m);
		used += m;
		width += cell_width(ch);
	}
	if (cut && used + mlen + 1 <= n) {
		memcpy(buf + used, more, mlen);
		used += mlen;
	}
	if (n > 0)
		buf[used < n ? used : n - 1] = '\0';
	text_free(&l);
}
