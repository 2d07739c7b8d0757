/* The one-line editor (see lineedit.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/lineedit.h"
#include "util.h"

#define CTRL(c) ((c) & 0x1f)

/* Decodes the character at s (at most n bytes); returns its length (1
 * for a stray byte, whose code point is then U+FFFD). */
static size_t
decode(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t need = u[0] < 0x80 ? 1 : (u[0] & 0xe0) == 0xc0 ? 2 : (u[0] & 0xf0) == 0xe0 ? 3 :
	              (u[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (need == 0 || need > n) {
		*cp = 0xfffd;
		return 1;
	}
	unsigned v = need == 1 ? u[0] : need == 2 ? u[0] & 0x1fu : need == 3 ? u[0] & 0x0fu :
	             u[0] & 0x07u;
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

/* Columns a character takes: line breaks show as one column (↵),
 * unprintable ones as one ('?'), combining marks as none. */
static int
char_width(unsigned cp)
{
	if (cp == '\n')
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* End of the character cluster (a character and the combining marks
 * after it) that starts at pos. */
static size_t
next_cluster(const struct lineedit *le, size_t pos)
{
	if (pos >= le->len)
		return le->len;
	unsigned cp;
	pos += decode(le->buf + pos, le->len - pos, &cp);
	while (pos < le->len) {
		size_t n = decode(le->buf + pos, le->len - pos, &cp);
		if (cp == '\n' || char_width(cp) != 0)
			break;
		pos += n;
	}
	return pos;
}

/* Start of the cluster that ends at pos. */
static size_t
prev_cluster(const struct lineedit *le, size_t pos)
{
	size_t p = 0, last = 0;
	while (p < pos) {
		last = p;
		p = next_cluster(le, p);
	}
	return last;
}

static int
width_between(const struct lineedit *le, size_t from, size_t to)
{
	int w = 0;
	while (from < to) {
		unsigned cp;
		from += decode(le->buf + from, to - from, &cp);
		w += char_width(cp);
	}
	return w;
}

void
lineedit_init(struct lineedit *le, const char *text, int multiline, size_t max)
{
	memset(le, 0, sizeof *le);
	le->max = max ? max : 20000;
	le->multiline = multiline;
	le->len = text ? strlen(text) : 0;
	le->cap = le->len + 64;
	le->buf = xmalloc(le->cap);
	if (le->len)
		memcpy(le->buf, text, le->len);
	le->buf[le->len] = '\0';
	le->cur = le->len;
	le->orig = xstrdup(le->buf);
}

void
lineedit_free(struct lineedit *le)
{
	free(le->buf);
	free(le->orig);
	memset(le, 0, sizeof *le);
}

const char *
lineedit_text(const struct lineedit *le)
{
	return le->buf;
}

int
lineedit_changed(const struct lineedit *le)
{
	return le->orig != NULL && strcmp(le->buf, le->orig) != 0;
}

int
lineedit_cursor_col(const struct lineedit *le)
{
	return width_between(le, 0, le->cur);
}

void
lineedit_insert(struct lineedit *le, const char *s, size_t n)
{
	if (le->len + n > le->max) {
		le->refused = 1;
		return;
	}
	if (le->len + n + 1 > le->cap) {
		le->cap = (le->len + n + 1) * 2;
		le->buf = xrealloc(le->buf, le->cap);
	}
	memmove(le->buf + le->cur + n, le->buf + le->cur, le->len - le->cur + 1);
	memcpy(le->buf + le->cur, s, n);
	le->len += n;
	le->cur += n;
}

static void
del_range(struct lineedit *le, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
	le->cur = from;
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

/* Start and end of the line (between line breaks) holding pos. */
static size_t
line_start(const struct lineedit *le, size_t pos)
{
	while (pos > 0 && le->buf[pos - 1] != '\n')
		pos--;
	return pos;
}

static size_t
line_end(const struct lineedit *le, size_t pos)
{
	while (pos < le->len && le->buf[pos] != '\n')
		pos++;
	return pos;
}

static int
is_word_byte(char c)
{
	return c != ' ' && c != '\n' && c != '\t';
}

enum le_result
lineedit_key(struct lineedit *le, int key, int iscode)
{
	le->refused = 0;
	if (iscode) {
		switch (key) {
		case KEY_LEFT:
			le->cur = prev_cluster(le, le->cur);
			break;
		case KEY_RIGHT:
			le->cur = next_cluster(le, le->cur);
			break;
		case KEY_HOME:
			le->cur = line_start(le, le->cur);
			break;
		case KEY_END:
			le->cur = line_end(le, le->cur);
			break;
		case KEY_BACKSPACE:
			del_range(le, prev_cluster(le, le->cur), le->cur);
			break;
		case KEY_DC:
			del_range(le, le->cur, next_cluster(le, le->cur));
			break;
		case KEY_ENTER:
			return LE_SAVE;
		default:
			break;
		}
		return LE_NONE;
	}
	switch (key) {
	case 27:
		return LE_CANCEL;
	case '\r':
		return LE_SAVE;
	case '\n':
		if (!le->multiline)
			return LE_SAVE;
		lineedit_insert(le, "\n", 1);
		return LE_NONE;
	case CTRL('a'):
		le->cur = line_start(le, le->cur);
		return LE_NONE;
	case CTRL('e'):
		le->cur = line_end(le, le->cur);
		return LE_NONE;
	case CTRL('b'):
		le->cur = prev_cluster(le, le->cur);
		return LE_NONE;
	case CTRL('f'):
		le->cur = next_cluster(le, le->cur);
		return LE_NONE;
	case CTRL('d'):
		del_range(le, le->cur, next_cluster(le, le->cur));
		return LE_NONE;
	case CTRL('h'):
	case 127:
		del_range(le, prev_cluster(le, le->cur), le->cur);
		return LE_NONE;
	case CTRL('k'):
		/* At the end of a line: join the next one. */
		del_range(le, le->cur, le->cur < le->len && le->buf[le->cur] == '\n' ?
		          le->cur + 1 : line_end(le, le->cur));
		return LE_NONE;
	case CTRL('u'):
		del_range(le, line_start(le, le->cur), le->cur);
		return LE_NONE;
	case CTRL('w'): {
		size_t p = le->cur;
		while (p > 0 && !is_word_byte(le->buf[p - 1]))
			p--;
		while (p > 0 && is_word_byte(le->buf[p - 1]))
			p--;
		del_range(le, p, le->cur);
		return LE_NONE;
	}
	case '\t':
		lineedit_insert(le, " ", 1);
		return LE_NONE;
	default:
		break;
	}
	if (key < 32 || key == 127 || key > 0x10ffff || (key >= 0xd800 && key <= 0xdfff))
		return LE_NONE;
	char out[4];
	lineedit_insert(le, out, encode((unsigned)key, out));
	return LE_NONE;
}

void
lineedit_draw(struct lineedit *le, int y, int x, int width, attr_t attr)
{
	if (width < 2)
		return;
	int cc = lineedit_cursor_col(le);
	int total = width_between(le, 0, le->len);
	/* Keep the cursor in view, with a column of context on each side
	 * when the text runs past the edge. */
	if (cc < le->scroll + (le->scroll > 0))
		le->scroll = cc > 0 ? cc - 1 : 0;
	if (cc > le->scroll + width - 2)
		le->scroll = cc - width + 2;
	if (le->scroll > 0 && total + 1 <= width)
		le->scroll = 0;
	if (le->scroll < 0)
		le->scroll = 0;
	move(y, x);
	for (int i = 0; i < width; i++)
		tui_put(y, x + i, " ", 1, attr);
	const char *nl = MB_CUR_MAX > 1 ? "\xe2\x86\xb5" : "|";
	int col = 0;
	size_t p = 0;
	while (p < le->len) {
		size_t e = next_cluster(le, p);
		unsigned cp;
		decode(le->buf + p, le->len - p, &cp);
		int w = width_between(le, p, e);
		if (col >= le->scroll && col + w <= le->scroll + width) {
			attr_t at = attr | (p == le->cur ? A_REVERSE : 0);
			if (cp == '\n') {
				tui_put(y, x + col - le->scroll, nl, 1, at | A_DIM);
			} else {
				char *s = xstrndup(le->buf + p, e - p);
				tui_put(y, x + col - le->scroll, s, w > 0 ? w : 1, at);
				free(s);
			}
		}
		col += w;
		p = e;
	}
	if (le->cur == le->len && cc - le->scroll < width)
		tui_put(y, x + cc - le->scroll, " ", 1, attr | A_REVERSE);
	if (le->scroll > 0)
		tui_put(y, x, "<", 1, attr | A_BOLD);
	if (total - le->scroll > width - 1 && cc - le->scroll < width - 1)
		tui_put(y, x + width - 1, ">", 1, attr | A_BOLD);
}
