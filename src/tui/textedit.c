#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textlayout.h"
#include "tui/lineedit.h"
#include "tui/storyui.h"
#include "tui/textedit.h"
#include "util.h"

#define TE_BOLD ((int)A_BOLD)
#define TE_NORMAL ((int)A_NORMAL)
#define TE_REVERSE ((int)A_REVERSE)

static int
te_attr(struct app *a, enum tui_color c)
{
	return (int)tui_attr(a, c);
}

struct vline {
	size_t start, end; /* byte range of the visual line, without its '\n' */
};

struct textedit {
	char *title;
	struct lineedit le; /* the text, the cursor and the editing keys */
	char *hint;         /* shown dim while the text is empty (never saved) */
	int multiline, readonly;
	int confirm;       /* asking whether to discard changes */
	int top;           /* first visual line shown */
	int want_col;      /* column kept while moving up and down; -1 = none */
	int width, height; /* text area of the last draw */
	struct vline *lines;
	int nlines, caplines;
	char msg[160];
};

struct textedit *
textedit_new(const char *title, const char *text, int multiline, size_t max, int readonly)
{
	struct textedit *te = xcalloc(1, sizeof *te);
	te->title = xstrdup(title ? title : "");
	lineedit_init(&te->le, text, multiline, max);
	te->multiline = multiline;
	te->readonly = readonly;
	te->want_col = -1;
	te->width = 60;
	te->height = 10;
	if (readonly)
		te->le.eb.cur = 0;
	return te;
}

void
textedit_free(struct textedit *te)
{
	if (te == NULL)
		return;
	free(te->title);
	free(te->hint);
	lineedit_free(&te->le);
	free(te->lines);
	free(te);
}

void
textedit_hint(struct textedit *te, const char *hint)
{
	free(te->hint);
	te->hint = hint && *hint ? xstrdup(hint) : NULL;
}

const char *
textedit_text(const struct textedit *te)
{
	return lineedit_text(&te->le);
}

int
textedit_changed(const struct textedit *te)
{
	return lineedit_changed(&te->le);
}

void
textedit_message(struct textedit *te, const char *msg)
{
	snprintf(te->msg, sizeof te->msg, "%s", msg ? msg : "");
}

/* Decodes the character at byte i; sets *n to its length and returns
 * its display width (a tab and anything unprintable count as 1). */
static int
char_at(const struct textedit *te, size_t i, size_t *n)
{
	unsigned cp;
	*n = editbuf_decode(te->le.eb.buf + i, te->le.eb.len - i, &cp);
	return editbuf_char_width(cp);
}

static void
add_line(struct textedit *te, size_t start, size_t end)
{
	if (te->nlines == te->caplines) {
		te->caplines = te->caplines ? te->caplines * 2 : 32;
		te->lines = xrealloc(te->lines, (size_t)te->caplines * sizeof *te->lines);
	}
	te->lines[te->nlines].start = start;
	te->lines[te->nlines].end = end;
	te->nlines++;
}

/* Splits the text into visual lines of at most width columns, breaking
 * after the last space that fits when there is one. */
static void
layout(struct textedit *te)
{
	int width = te->width > 1 ? te->width : 1;
	te->nlines = 0;
	size_t pos = 0;
	for (;;) {
		size_t start = pos, brk = 0;
		int col = 0;
		for (;;) {
			if (pos >= te->le.eb.len) {
				add_line(te, start, pos);
				return;
			}
			if (te->le.eb.buf[pos] == '\n') {
				add_line(te, start, pos);
				pos++;
				break;
			}
			size_t n;
			int cw = char_at(te, pos, &n);
			if (col + cw > width && pos > start) {
				if (brk > start)
					pos = brk;
				add_line(te, start, pos);
				break;
			}
			col += cw;
			pos += n;
			if (te->le.eb.buf[pos - 1] == ' ')
				brk = pos;
		}
	}
}

/* The visual line holding the cursor. */
static int
cursor_line(const struct textedit *te)
{
	for (int i = 0; i < te->nlines; i++) {
		const struct vline *l = &te->lines[i];
		if (te->le.eb.cur < l->start)
			continue;
		if (te->le.eb.cur < l->end)
			return i;
		if (te->le.eb.cur == l->end) {
			/* At a soft break the cursor belongs to the next line. */
			if (i + 1 < te->nlines && te->lines[i + 1].start == l->end)
				continue;
			return i;
		}
	}
	return te->nlines - 1;
}

static int
width_between(const struct textedit *te, size_t a, size_t b)
{
	return editbuf_width(&te->le.eb, a, b);
}

/* The byte offset in line i closest to display column col. */
static size_t
offset_at_col(const struct textedit *te, int i, int col)
{
	size_t p = te->lines[i].start;
	int w = 0;
	while (p < te->lines[i].end) {
		size_t n;
		int cw = char_at(te, p, &n);
		if (w + cw > col)
			break;
		w += cw;
		p += n;
	}
	return p;
}

/* Moves the cursor by dl visual lines, keeping its column. */
static void
move_lines(struct textedit *te, int dl)
{
	layout(te);
	int i = cursor_line(te);
	if (te->want_col < 0)
		te->want_col = width_between(te, te->lines[i].start, te->le.eb.cur);
	int j = i + dl;
	if (j < 0) {
		te->le.eb.cur = 0;
		return;
	}
	if (j >= te->nlines) {
		te->le.eb.cur = te->le.eb.len;
		return;
	}
	te->le.eb.cur = offset_at_col(te, j, te->want_col);
}

enum te_result
textedit_key(struct textedit *te, int key, int iscode)
{
	te->msg[0] = '\0';
	if (te->confirm) {
		if (!iscode && (key == 'y' || key == 'Y'))
			return TE_CANCEL;
		te->confirm = 0;
		return TE_NONE;
	}
	/* Moving by visual lines, saving and leaving are the editor's own;
	 * every other key is the line editor's, shared with the one-line
	 * fields. */
	if (iscode) {
		int dl = 0;
		switch (key) {
		case KEY_UP:
			dl = -1;
			break;
		case KEY_DOWN:
			dl = 1;
			break;
		case KEY_PPAGE:
			dl = -(te->height > 1 ? te->height - 1 : 1);
			break;
		case KEY_NPAGE:
			dl = te->height > 1 ? te->height - 1 : 1;
			break;
		case KEY_ENTER:
			goto enter;
		case KEY_F(2):
			return te->readonly ? TE_CANCEL : TE_SAVE;
		default:
			break;
		}
		if (dl) {
			move_lines(te, dl);
			return TE_NONE;
		}
	} else {
		switch (key) {
		case 27: /* Esc */
			if (te->readonly || !textedit_changed(te))
				return TE_CANCEL;
			te->confirm = 1;
			return TE_NONE;
		case 19: /* Ctrl-S */
			return te->readonly ? TE_CANCEL : TE_SAVE;
		case '\r':
		case '\n':
			goto enter;
		case 'q':
			if (te->readonly)
				return TE_CANCEL;
			break;
		default:
			break;
		}
	}
	te->want_col = -1;
	if (te->readonly) {
		/* Only the keys that move. */
		int moves = iscode ? key == KEY_LEFT || key == KEY_RIGHT || key == KEY_HOME ||
		                             key == KEY_END
		                   : key == 1 || key == 5 || key == 2 || key == 6;
		if (!moves)
			return TE_NONE;
	}
	lineedit_key(&te->le, key, iscode);
	if (te->le.eb.refused)
		snprintf(te->msg, sizeof te->msg, "At most %zu bytes here.", te->le.eb.max);
	return TE_NONE;
enter:
	if (te->readonly)
		return TE_NONE;
	if (!te->multiline)
		return TE_SAVE;
	lineedit_insert(&te->le, "\n", 1);
	if (te->le.eb.refused)
		snprintf(te->msg, sizeof te->msg, "At most %zu bytes here.", te->le.eb.max);
	return TE_NONE;
}

void
textedit_draw(struct textedit *te, struct app *a, int y, int x, int h, int w)
{
	if (h < 3 || w < 10)
		return;
	/* Title line. */
	move(y, x);
	attron(TE_REVERSE);
	for (int i = 0; i < w; i++)
		addch(' ');
	attroff(TE_REVERSE);
	char head[256];
	snprintf(head, sizeof head, " %s%s", te->title,
	         te->readonly           ? " (read-only)"
	         : textedit_changed(te) ? " (changed)"
	                                : "");
	tui_put(y, x, head, w, TE_REVERSE | TE_BOLD);

	te->width = w - 2;
	te->height = h - 2;
	layout(te);
	int cl = cursor_line(te);
	if (cl < te->top)
		te->top = cl;
	if (cl >= te->top + te->height)
		te->top = cl - te->height + 1;
	if (te->top > 0 && te->top + te->height > te->nlines)
		te->top = te->nlines - te->height > 0 ? te->nlines - te->height : 0;
	for (int r = 0; r < te->height; r++) {
		int i = te->top + r;
		if (i >= te->nlines)
			break;
		const struct vline *l = &te->lines[i];
		char *s = xstrndup(te->le.eb.buf + l->start, l->end - l->start);
		tui_put(y + 1 + r, x + 1, s, te->width, TE_NORMAL);
		free(s);
		if (i == cl && !te->readonly) {
			/* The cursor: the character under it in reverse video. */
			int col = width_between(te, l->start, te->le.eb.cur);
			char cell[8] = " ";
			if (te->le.eb.cur < l->end && te->le.eb.buf[te->le.eb.cur] != '\t') {
				size_t n;
				char_at(te, te->le.eb.cur, &n);
				memcpy(cell, te->le.eb.buf + te->le.eb.cur, n);
				cell[n] = '\0';
			}
			if (col < te->width)
				tui_put(y + 1 + r, x + 1 + col, cell, te->width - col, TE_REVERSE);
		}
	}
	/* The guidance of an empty field, dim and wrapped, beside the cursor. */
	if (te->le.eb.len == 0 && te->hint)
		sui_text(a, y + 1, x + 3, te->width - 2, te->height, te->hint, TS_DIM, NULL);
	if (te->top > 0)
		tui_put(y + 1, x + w - 1, "^", 1, te_attr(a, C_DIM));
	if (te->top + te->height < te->nlines)
		tui_put(y + h - 2, x + w - 1, "v", 1, te_attr(a, C_DIM));

	/* Key line. */
	const char *keys;
	if (te->confirm)
		keys = "Discard your changes? y = discard, any other key = keep editing";
	else if (te->msg[0])
		keys = te->msg;
	else if (te->readonly)
		keys = "Arrows scroll · Esc close";
	else if (te->multiline)
		keys = w >= 110
		               ? "F2 or Ctrl-S save · Esc cancel · Enter new line · Home/End · "
		                 "Ctrl-U/Ctrl-K delete to the start/end of the line · Ctrl-W a word"
		               : "F2 or Ctrl-S save · Esc cancel · Enter new line · Ctrl-U/K/W delete";
	else
		keys = "Enter or F2 save · Esc cancel";
	int attr = te->confirm || te->msg[0] ? te_attr(a, C_WARN) | TE_BOLD : te_attr(a, C_DIM);
	tui_put(y + h - 1, x, keys, w, attr);
}
