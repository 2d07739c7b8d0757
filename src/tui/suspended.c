/* The suspended cards: a list to find a card suspended by hand or as a
 * leech, and unsuspend it (and suspend it again, changing one's mind)
 * without the command line. Reached with S from the review screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review.h"
#include "textlayout.h"
#include "tui/app.h"
#include "util.h"

struct susp {
	struct review_suspended *v;
	size_t n;
	char *back; /* per row: 1 once unsuspended here */
	int cur, top;
};

static const struct tui_key suspended_keys[] = {
	{ ' ', ACT_TOGGLE, "Space/Enter", "Unsuspend the selected card (again: suspend it)" },
	{ '\r', ACT_TOGGLE, NULL, NULL },
	{ KEY_ENTER, ACT_TOGGLE, NULL, NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static void *
suspended_open(struct app *a, const void *arg)
{
	(void)arg;
	struct susp *s = xcalloc(1, sizeof *s);
	s->v = review_suspended_list(a->db, &s->n);
	s->back = xcalloc(s->n + 1, 1);
	return s;
}

static void
suspended_close(struct app *a, void *st)
{
	(void)a;
	struct susp *s = st;
	review_suspended_free(s->v, s->n);
	free(s->back);
	free(s);
}

static void
suspended_draw(struct app *a, void *st, int lines, int cols)
{
	struct susp *s = st;
	char buf[512];
	int left = 0;
	for (size_t i = 0; i < s->n; i++)
		left += !s->back[i];
	snprintf(buf, sizeof buf, "Suspended cards · %d", left);
	tui_put(0, 2, buf, cols - 4, tui_attr(a, C_TITLE));
	tui_hline(1, 0, cols, tui_attr(a, C_DIM));
	if (s->n == 0) {
		tui_put(3, 4, "No card is suspended. s on the review screen suspends one.",
		        cols - 8, A_NORMAL);
		return;
	}
	int rows = lines - 5;
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + rows)
		s->top = s->cur - rows + 1;
	int deckw = cols / 4 < 24 ? cols / 4 : 24;
	for (int i = s->top, y = 2; i < (int)s->n && y < 2 + rows; i++, y++) {
		const struct review_suspended *e = &s->v[i];
		int sel = i == s->cur;
		attr_t at = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		move(y, 0);
		for (int k = 0; k < cols; k++)
			addch(' ' | (sel ? at : A_NORMAL));
		const char *mark = s->back[i] ? "back " : e->leech ? "leech" : "     ";
		tui_put(y, 2, mark, 5,
		        sel          ? at
		        : s->back[i] ? tui_attr(a, C_GOOD)
		                     : tui_attr(a, C_BAD));
		char deck[96];
		text_excerpt(e->deck_title, 0, deckw, deck, sizeof deck);
		tui_put(y, 8, deck, deckw, sel ? at : tui_attr(a, C_DIM));
		int qx = 8 + deckw + 2;
		text_excerpt(e->front, e->cloze, cols - qx - 2, buf, sizeof buf);
		tui_put(y, qx, buf, cols - qx - 2, at);
	}
	tui_put(lines - 2, 2,
	        "Space unsuspends (it comes back in the review); Space again "
	        "suspends",
	        cols - 4, tui_attr(a, C_DIM));
}

static int
suspended_input(struct app *a, void *st, enum tui_action act, int key)
{
	(void)key;
	struct susp *s = st;
	if (tui_list_move(act, &s->cur, (int)s->n, LINES - 6))
		return 1;
	if (s->n == 0)
		return 0;
	const struct review_suspended *e = &s->v[s->cur];
	char name[160];
	text_excerpt(e->front, e->cloze, COLS - 50 > 12 ? COLS - 50 : 12, name, sizeof name);
	switch (act) {
	case ACT_TOGGLE:
		s->back[s->cur] = !s->back[s->cur];
		review_set_suspended(a->db, e->key, !s->back[s->cur]);
		tui_message(a, "%s %s", s->back[s->cur] ? "Unsuspended" : "Suspended again:", name);
		return 1;
	default:
		return 0;
	}
}

const struct screen_ops suspended_screen = {
	.name = "Suspended",
	.open = suspended_open,
	.close = suspended_close,
	.draw = suspended_draw,
	.input = suspended_input,
	.keys = suspended_keys,
};
