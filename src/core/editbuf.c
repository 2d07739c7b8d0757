/* The edit buffer (see editbuf.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "editbuf.h"
#include "util.h"

size_t
editbuf_decode(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t need = u[0] < 0x80             ? 1
	              : (u[0] & 0xe0) == 0xc0 ? 2
	              : (u[0] & 0xf0) == 0xe0 ? 3
	              : (u[0] & 0xf8) == 0xf0 ? 4
	                                      : 0;
	if (need == 0 || need > n) {
		*cp = 0xfffd;
		return 1;
	}
	unsigned v = need == 1   ? u[0]
	             : need == 2 ? u[0] & 0x1fu
	             : need == 3 ? u[0] & 0x0fu
	                         : u[0] & 0x07u;
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		v = (v << 6) | (u[i] & 0x3fu);
	}
	*cp = v;
	return need;
}

int
editbuf_char_width(unsigned cp)
{
	if (cp == '\n')
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
editbuf_width(const struct editbuf *eb, size_t from, size_t to)
{
	int w = 0;
	while (from < to) {
		unsigned cp;
		from += editbuf_decode(eb->buf + from, to - from, &cp);
		w += editbuf_char_width(cp);
	}
	return w;
}

size_t
editbuf_next(const struct editbuf *eb, size_t pos)
{
	if (pos >= eb->len)
		return eb->len;
	unsigned cp;
	pos += editbuf_decode(eb->buf + pos, eb->len - pos, &cp);
	while (pos < eb->len) {
		size_t n = editbuf_decode(eb->buf + pos, eb->len - pos, &cp);
		if (cp == '\n' || editbuf_char_width(cp) != 0)
			break;
		pos += n;
	}
	return pos;
}

size_t
editbuf_prev(const struct editbuf *eb, size_t pos)
{
	/* Clusters are only known going forward: walk from the start. */
	size_t p = 0, last = 0;
	while (p < pos) {
		last = p;
		p = editbuf_next(eb, p);
	}
	return last;
}

size_t
editbuf_line_start(const struct editbuf *eb, size_t pos)
{
	while (pos > 0 && eb->buf[pos - 1] != '\n')
		pos--;
	return pos;
}

size_t
editbuf_line_end(const struct editbuf *eb, size_t pos)
{
	while (pos < eb->len && eb->buf[pos] != '\n')
		pos++;
	return pos;
}

static int
is_word_byte(char c)
{
	return c != ' ' && c != '\n' && c != '\t';
}

size_t
editbuf_word_start(const struct editbuf *eb, size_t pos)
{
	while (pos > 0 && !is_word_byte(eb->buf[pos - 1]))
		pos--;
	while (pos > 0 && is_word_byte(eb->buf[pos - 1]))
		pos--;
	return pos;
}

size_t
editbuf_word_end(const struct editbuf *eb, size_t pos)
{
	while (pos < eb->len && !is_word_byte(eb->buf[pos]))
		pos++;
	while (pos < eb->len && is_word_byte(eb->buf[pos]))
		pos++;
	return pos;
}

void
editbuf_init(struct editbuf *eb, const char *text, int multiline, size_t max)
{
	memset(eb, 0, sizeof *eb);
	eb->max = max ? max : 20000;
	eb->multiline = multiline;
	eb->len = text ? strlen(text) : 0;
	eb->cap = eb->len + 64;
	eb->buf = xmalloc(eb->cap);
	if (eb->len)
		memcpy(eb->buf, text, eb->len);
	eb->buf[eb->len] = '\0';
	eb->cur = eb->len;
	eb->orig = xstrdup(eb->buf);
}

void
editbuf_free(struct editbuf *eb)
{
	free(eb->buf);
	free(eb->orig);
	memset(eb, 0, sizeof *eb);
}

const char *
editbuf_text(const struct editbuf *eb)
{
	return eb->buf;
}

int
editbuf_changed(const struct editbuf *eb)
{
	return eb->orig != NULL && strcmp(eb->buf, eb->orig) != 0;
}

int
editbuf_insert(struct editbuf *eb, const char *s, size_t n)
{
	if (eb->len + n > eb->max || (!eb->multiline && memchr(s, '\n', n) != NULL)) {
		eb->refused = 1;
		return -1;
	}
	if (eb->len + n + 1 > eb->cap) {
		eb->cap = (eb->len + n + 1) * 2;
		eb->buf = xrealloc(eb->buf, eb->cap);
	}
	memmove(eb->buf + eb->cur + n, eb->buf + eb->cur, eb->len - eb->cur + 1);
	memcpy(eb->buf + eb->cur, s, n);
	eb->len += n;
	eb->cur += n;
	return 0;
}

/* Encodes a code point as UTF-8 into out (4 bytes); returns the length. */
static size_t
encode(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

int
editbuf_insert_char(struct editbuf *eb, unsigned cp)
{
	if ((cp < 32 && cp != '\n') || cp == 127 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	char out[4];
	return editbuf_insert(eb, out, encode(cp, out));
}

void
editbuf_delete(struct editbuf *eb, size_t from, size_t to)
{
	if (to > eb->len)
		to = eb->len;
	if (to <= from)
		return;
	memmove(eb->buf + from, eb->buf + to, eb->len - to + 1);
	eb->len -= to - from;
	eb->cur = from;
}

void
editbuf_backspace(struct editbuf *eb)
{
	editbuf_delete(eb, editbuf_prev(eb, eb->cur), eb->cur);
}

void
editbuf_delete_next(struct editbuf *eb)
{
	editbuf_delete(eb, eb->cur, editbuf_next(eb, eb->cur));
}

void
editbuf_kill_to_end(struct editbuf *eb)
{
	size_t to = eb->cur < eb->len && eb->buf[eb->cur] == '\n' ? eb->cur + 1
	                                                          : editbuf_line_end(eb, eb->cur);
	editbuf_delete(eb, eb->cur, to);
}

void
editbuf_kill_to_start(struct editbuf *eb)
{
	editbuf_delete(eb, editbuf_line_start(eb, eb->cur), eb->cur);
}

void
editbuf_kill_word(struct editbuf *eb)
{
	editbuf_delete(eb, editbuf_word_start(eb, eb->cur), eb->cur);
}
