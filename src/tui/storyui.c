#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "story.h"
#include "textlayout.h"
#include "tui/storyui.h"
#include "util.h"

static int
style_attr(struct app *a, unsigned char st)
{
	int at = SUI_NORMAL;
	if (st & TS_BOLD)
		at |= SUI_BOLD;
	if (st & TS_CODE)
		at |= a->color ? sui_attr(a, C_ACCENT) : (int)A_UNDERLINE;
	if (st & TS_ITALIC)
		at |= (int)tui_italic();
	if (st & TS_DIM)
		at |= sui_attr(a, C_DIM);
	if (st & TS_GOOD)
		at |= sui_attr(a, C_GOOD) | SUI_BOLD;
	if (st & TS_BAD)
		at |= sui_attr(a, C_BAD) | SUI_BOLD;
	return at;
}

int
sui_text(struct app *a, int y, int x, int w, int maxrows, const char *text,
         unsigned char style, int *more)
{
	struct tlayout l = { 0 };
	struct text_opts o = { .cloze = 0, .reveal = 0, .base = style };
	if (w < 4)
		w = 4;
	text_layout(&l, text, w, &o);
	int rows = 0;
	for (int i = 0; i < l.n && rows < maxrows; i++, rows++) {
		const struct tline *t = &l.lines[i];
		move(y + rows, x + t->indent);
		for (int k = 0; k < t->n; k++) {
			if (t->cells[k].ch == 0)
				continue;
			cchar_t cc;
			wchar_t wc[2] = { t->cells[k].ch, 0 };
			int at = style_attr(a, t->cells[k].style);
			setcchar(&cc, wc, (attr_t)(at & ~A_COLOR), (short)PAIR_NUMBER(at), NULL);
			add_wch(&cc);
		}
	}
	/* Rows left out: the last row shown says so. */
	if (l.n > maxrows && rows > 0) {
		const struct tline *t = &l.lines[rows - 1];
		int end = x + t->indent;
		for (int k = 0; k < t->n; k++)
			end += wcwidth(t->cells[k].ch) > 0 ? wcwidth(t->cells[k].ch) : 0;
		tui_put(y + rows - 1, end < x + w ? end : x + w - 1, str_ellipsis(), 1,
		        sui_attr(a, C_DIM));
	}
	if (more)
		*more = l.n > maxrows;
	text_free(&l);
	return rows;
}

int
sui_text_rows(const char *text, int w)
{
	struct tlayout l = { 0 };
	struct text_opts o = { 0 };
	text_layout(&l, text, w < 4 ? 4 : w, &o);
	int n = l.n;
	text_free(&l);
	return n;
}

int
sui_fancy(struct app *a)
{
	return a->color && MB_CUR_MAX > 1;
}

void
sui_rehearse(struct app *a, const struct story *s, const char *prompt)
{
	if (strcmp(s->type, "template") == 0) {
		tui_message(a, "A template is guidance: press c to copy it into a story of "
		            "your own first.");
		return;
	}
	tui_push(a, &rehearse_screen, &(struct rehearse_start){ .story = s->id, .prompt = prompt });
}
