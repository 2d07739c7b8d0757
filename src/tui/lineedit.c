/* The one-line editor (see lineedit.h): keys onto the edit buffer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/lineedit.h"
#include "util.h"

#define CTRL(c) ((c)&0x1f)

void
lineedit_init(struct lineedit *le, const char *text, int multiline, size_t max)
{
	memset(le, 0, sizeof *le);
	editbuf_init(&le->eb, text, multiline, max);
}

void
lineedit_free(struct lineedit *le)
{
	editbuf_free(&le->eb);
	memset(le, 0, sizeof *le);
}

const char *
lineedit_text(const struct lineedit *le)
{
	return editbuf_text(&le->eb);
}

int
lineedit_changed(const struct lineedit *le)
{
	return editbuf_changed(&le->eb);
}

int
lineedit_cursor_col(const struct lineedit *le)
{
	return editbuf_width(&le->eb, 0, le->eb.cur);
}

void
lineedit_insert(struct lineedit *le, const char *s, size_t n)
{
	editbuf_insert(&le->eb, s, n);
}

enum le_result
lineedit_key(struct lineedit *le, int key, int iscode)
{
	struct editbuf *eb = &le->eb;
	eb->refused = 0;
	if (iscode) {
		switch (key) {
		case KEY_LEFT:
			eb->cur = editbuf_prev(eb, eb->cur);
			break;
		case KEY_RIGHT:
			eb->cur = editbuf_next(eb, eb->cur);
			break;
		case KEY_HOME:
			eb->cur = editbuf_line_start(eb, eb->cur);
			break;
		case KEY_END:
			eb->cur = editbuf_line_end(eb, eb->cur);
			break;
		case KEY_BACKSPACE:
			editbuf_backspace(eb);
			break;
		case KEY_DC:
			editbuf_delete_next(eb);
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
		if (!eb->multiline)
			return LE_SAVE;
		editbuf_insert(eb, "\n", 1);
		return LE_NONE;
	case CTRL('a'):
		eb->cur = editbuf_line_start(eb, eb->cur);
		return LE_NONE;
	case CTRL('e'):
		eb->cur = editbuf_line_end(eb, eb->cur);
		return LE_NONE;
	case CTRL('b'):
		eb->cur = editbuf_prev(eb, eb->cur);
		return LE_NONE;
	case CTRL('f'):
		eb->cur = editbuf_next(eb, eb->cur);
		return LE_NONE;
	case CTRL('d'):
		editbuf_delete_next(eb);
		return LE_NONE;
	case CTRL('h'):
	case 127:
		editbuf_backspace(eb);
		return LE_NONE;
	case CTRL('k'):
		editbuf_kill_to_end(eb);
		return LE_NONE;
	case CTRL('u'):
		editbuf_kill_to_start(eb);
		return LE_NONE;
	case CTRL('w'):
		editbuf_kill_word(eb);
		return LE_NONE;
	case '\t':
		editbuf_insert(eb, " ", 1);
		return LE_NONE;
	default:
		break;
	}
	if (key < 32)
		return LE_NONE;
	editbuf_insert_char(eb, (unsigned)key);
	return LE_NONE;
}

void
lineedit_draw(struct lineedit *le, int y, int x, int width, attr_t attr)
{
	const struct editbuf *eb = &le->eb;
	if (width < 2)
		return;
	int cc = lineedit_cursor_col(le);
	int total = editbuf_width(eb, 0, eb->len);
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
	const char *nl = locale_utf8() ? "\xe2\x86\xb5" : "|";
	int col = 0;
	size_t p = 0;
	while (p < eb->len) {
		size_t e = editbuf_next(eb, p);
		unsigned cp;
		editbuf_decode(eb->buf + p, eb->len - p, &cp);
		int w = editbuf_width(eb, p, e);
		if (col >= le->scroll && col + w <= le->scroll + width) {
			attr_t at = attr | (p == eb->cur ? A_REVERSE : 0);
			if (cp == '\n') {
				tui_put(y, x + col - le->scroll, nl, 1, at | A_DIM);
			} else {
				char *s = xstrndup(eb->buf + p, e - p);
				tui_put(y, x + col - le->scroll, s, w > 0 ? w : 1, at);
				free(s);
			}
		}
		col += w;
		p = e;
	}
	if (eb->cur == eb->len && cc - le->scroll < width)
		tui_put(y, x + cc - le->scroll, " ", 1, attr | A_REVERSE);
	if (le->scroll > 0)
		tui_put(y, x, "<", 1, attr | A_BOLD);
	if (total - le->scroll > width - 1 && cc - le->scroll < width - 1)
		tui_put(y, x + width - 1, ">", 1, attr | A_BOLD);
}
