/* The cram picker: every deck, due or not, one key away from cram
 * practice on it (answers logged as cram; no schedule changes). */
#include "config.h"

#include <stdlib.h>

#include "cram.h"
#include "review.h"
#include "tui/app.h"
#include "util.h"

struct cpick {
	struct review_deck_due *d;
	size_t n;
	int sel;
};

static const struct tui_key cram_keys_tbl[] = {
	{ '\r', ACT_SELECT, "Enter", "Cram the selected deck (no schedule changes)" },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static void *
cram_open(struct app *a, const void *arg)
{
	struct cpick *c = xcalloc(1, sizeof *c);
	struct review_counts tot;
	c->d = review_due(a->db, now_unix(), &c->n, &tot);
	return c;
}

static void
cram_close(struct app *a, void *st)
{
	struct cpick *c = st;
	review_due_free(c->d, c->n);
	free(c);
}

static void
cram_draw(struct app *a, void *st, int lines, int cols)
{
	struct cpick *c = st;
	tui_put(1, 2, "Cram: practise a deck now, whether or not it is due", cols - 4,
	        tui_attr(a, C_TITLE));
	tui_put(2, 2, "Answers are logged as cram; no due date or memory state changes.", cols - 4,
	        tui_attr(a, C_DIM));
	int first = c->sel > lines - 8 ? c->sel - (lines - 8) : 0;
	for (int i = first, y = 4; i < (int)c->n && y < lines - 2; i++, y++) {
		attr_t at = i == c->sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		move(y, 2);
		for (int k = 0; k < cols - 4; k++)
			addch(' ' | (i == c->sel ? at : A_NORMAL));
		tui_put(y, 4, c->d[i].title, cols - 10, at);
	}
}

static int
cram_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct cpick *c = st;
	if (tui_list_move(act, &c->sel, (int)c->n, LINES - 8))
		return 1;
	if (act == ACT_SELECT && c->n > 0) {
		struct cram_source src = { .deck = c->d[c->sel].deck_id };
		tui_push(a, &review_screen,
		         &(struct review_start){ .cram = &src, .limit = CRAM_LIMIT });
		return 1;
	}
	return 0;
}

const struct screen_ops cram_screen = {
	.name = "Cram",
	.open = cram_open,
	.close = cram_close,
	.draw = cram_draw,
	.input = cram_input,
	.keys = cram_keys_tbl,
};
