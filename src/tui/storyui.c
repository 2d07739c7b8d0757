#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "textlayout.h"
#include "tui/cardview.h"
#include "tui/storyui.h"
#include "util.h"

int
sui_text(struct app *a, int y, int x, int w, int maxrows, const char *text, unsigned char style,
         int *more)
{
	struct tlayout l = { 0 };
	struct text_opts o = { .cloze = 0, .reveal = 0, .base = style };
	if (w < 4)
		w = 4;
	text_layout(&l, text, w, &o);
	int rows = l.n < maxrows ? l.n : maxrows;
	if (rows < 0)
		rows = 0;
	cardview_draw(a, &l, y, x, 0, rows);
	/* Rows left out: the last row shown says so. */
	if (l.n > maxrows && rows > 0) {
		const struct tline *t = &l.lines[rows - 1];
		int end = x + t->indent + text_line_width(t);
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
	return a->color && locale_utf8();
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
