#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/cardview.h"
#include "util.h"

static int
style_attr(struct app *a, unsigned char st)
{
	int at = A_NORMAL;
	if (st & TS_BOLD)
		at |= A_BOLD;
	if (st & TS_CODE)
		at |= a->color ? tui_attr(a, C_ACCENT) : (int)A_UNDERLINE;
	if (st & TS_ITALIC)
		at |= (int)tui_italic();
	if (st & TS_CLOZE)
		at |= tui_attr(a, C_WARN) | A_BOLD;
	if (st & TS_DIM)
		at |= tui_attr(a, C_DIM);
	if (st & TS_GOOD)
		at |= tui_attr(a, C_GOOD) | A_BOLD;
	if (st & TS_BAD)
		at |= tui_attr(a, C_BAD) | A_BOLD;
	return at;
}

void
cardview_draw(struct app *a, const struct tlayout *l, int y0, int x0, int first, int rows)
{
	for (int i = 0; i < rows && first + i < l->n; i++) {
		const struct tline *t = &l->lines[first + i];
		move(y0 + i, x0 + t->indent);
		for (int k = 0; k < t->n; k++) {
			if (t->cells[k].ch == 0)
				continue;
			cchar_t cc;
			wchar_t w[2] = { t->cells[k].ch, 0 };
			int at = style_attr(a, t->cells[k].style);
			setcchar(&cc, w, (attr_t)(at & ~A_COLOR), (short)PAIR_NUMBER(at), NULL);
			add_wch(&cc);
		}
	}
}

void
cardview_rule(struct tlayout *l, int width)
{
	int n = width < 64 ? width : 64;
	if (n < 1)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->lines = xrealloc(l->lines, (size_t)l->cap * sizeof *l->lines);
	}
	struct tline *t = &l->lines[l->n++];
	wchar_t ch = locale_utf8() ? 0x2500 : L'-';
	t->cells = xmalloc((size_t)n * sizeof *t->cells);
	for (int i = 0; i < n; i++) {
		t->cells[i].ch = ch;
		t->cells[i].style = TS_DIM;
	}
	t->n = n;
	t->indent = 0;
}

void
cardview_layout(struct tlayout *l, const char *kind, const char *front, const char *back,
                const char *note, int cloze, int shown, int width)
{
	cardview_layout_typed(l, kind, front, back, note, cloze, shown, width, NULL, 0);
}

void
cardview_layout_typed(struct tlayout *l, const char *kind, const char *front, const char *back,
                      const char *note, int cloze, int shown, int width, const char *typed,
                      int typed_ok)
{
	struct text_opts q = { .cloze = cloze, .reveal = 0, .base = 0 };
	struct text_opts ans = { .cloze = cloze, .reveal = 1, .base = 0 };
	int is_cloze = strcmp(kind, "cloze") == 0;
	text_layout(l, front, width, is_cloze && shown ? &ans : &q);
	if (!shown)
		return;
	if (strcmp(kind, "typein") == 0) {
		text_blank(l);
		char *s;
		int none = typed == NULL || typed[0] == '\0';
		/* Said in words, not only in colour (NO_COLOR shows no red). */
		if (none)
			s = xprintf("Answer: **%s**", back);
		else if (typed_ok)
			s = xprintf("Correct: **%s**", back);
		else
			s = xprintf("Wrong. You typed: %s\n\nExpected: **%s**", typed, back);
		struct text_opts o = { .base = none ? 0 : typed_ok ? TS_GOOD : TS_BAD };
		text_layout(l, s, width, &o);
		free(s);
	} else if (!is_cloze) {
		text_blank(l);
		cardview_rule(l, width);
		text_blank(l);
		text_layout(l, back, width, &ans);
	}
	if (note && *note) {
		text_blank(l);
		struct text_opts o = { .base = TS_DIM };
		text_layout(l, note, width, &o);
	}
}
