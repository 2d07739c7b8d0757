/* The Today screen: what the day asks of the user. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "tui/app.h"
#include "util.h"

struct today {
	struct summary s;
};

static const struct tui_key today_keys[] = {
	{ 0, ACT_NONE, NULL, NULL },
};

static void *
today_open(struct app *a, const char *arg)
{
	struct today *t = xcalloc(1, sizeof *t);
	summary_load(a->db, &t->s);
	return t;
}

static void
today_close(struct app *a, void *st)
{
	free(st);
}

static void
today_resume(struct app *a, void *st)
{
	struct today *t = st;
	summary_load(a->db, &t->s);
}

static void
line_kv(struct app *a, int y, const char *k, const char *fmt, int v)
{
	char buf[64];
	snprintf(buf, sizeof buf, fmt, v);
	tui_put(y, 4, k, 24, tui_attr(a, C_DIM));
	tui_put(y, 28, buf, 40, A_BOLD);
}

static void
today_draw(struct app *a, void *st, int lines, int cols)
{
	struct today *t = st;
	tui_put(1, 2, "Today", cols - 4, tui_attr(a, C_TITLE));
	int y = 3;
	line_kv(a, y++, "Cards", "%d", t->s.cards);
	line_kv(a, y++, "  new", "%d", t->s.cards_new);
	line_kv(a, y++, "  seen", "%d", t->s.cards_seen);
	line_kv(a, y++, "Decks", "%d", t->s.decks);
	line_kv(a, y++, "Reviews so far", "%d", t->s.reviews_total);
	y++;
	line_kv(a, y++, "Study plans", "%d", t->s.plans);
	line_kv(a, y++, "Stories", "%d", t->s.stories);
	line_kv(a, y++, "Behavioral prompts", "%d", t->s.prompts);
	line_kv(a, y++, "Checklists", "%d", t->s.checklists);
	line_kv(a, y++, "Gap maps", "%d", t->s.gapmaps);
	(void)lines;
}

static int
today_input(struct app *a, void *st, enum tui_action act, int key)
{
	return 0;
}

const struct screen_ops today_screen = {
	.name = "Today",
	.open = today_open,
	.close = today_close,
	.draw = today_draw,
	.input = today_input,
	.keys = today_keys,
	.resume = today_resume,
};
