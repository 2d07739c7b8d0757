/* The Today screen: what the day asks of the user. It is drawn as a
 * column of sections (the plan, due cards, gaps, stories, ...), each a
 * function that returns the next free row. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "review.h"
#include "tui/app.h"
#include "util.h"

struct today {
	struct review_counts due;
};

static const struct tui_key today_keys[] = {
	{ 'r', ACT_REVIEW, "r", NULL },
	{ 'o', ACT_SETTINGS, "o", NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static void
today_load(struct app *a, struct today *t)
{
	review_today_counts(a->db, now_unix(), &t->due);
}

static void *
today_open(struct app *a, const char *arg)
{
	struct today *t = xcalloc(1, sizeof *t);
	today_load(a, t);
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
	today_load(a, st);
}

/* Section: flashcards due today. */
static int
section_cards(struct app *a, struct today *t, int y, int cols)
{
	char buf[160];
	tui_put(y++, 2, "Flashcards", cols - 4, tui_attr(a, C_TITLE));
	int total = t->due.learning + t->due.review + t->due.fresh;
	if (total == 0) {
		tui_put(y++, 4, "Nothing due. Well done.", cols - 8, A_NORMAL);
	} else {
		int x = 4;
		snprintf(buf, sizeof buf, "%d", t->due.learning);
		x += tui_put(y, x, buf, 8, tui_attr(a, C_BAD) | A_BOLD);
		x += tui_put(y, x, " learning   ", 12, A_NORMAL);
		snprintf(buf, sizeof buf, "%d", t->due.review);
		x += tui_put(y, x, buf, 8, tui_attr(a, C_GOOD) | A_BOLD);
		x += tui_put(y, x, " to review   ", 13, A_NORMAL);
		snprintf(buf, sizeof buf, "%d", t->due.fresh);
		x += tui_put(y, x, buf, 8, tui_attr(a, C_TITLE) | A_BOLD);
		x += tui_put(y, x, " new", 4, A_NORMAL);
		tui_put(y, x + 4, "r  start review", cols - x - 8, tui_attr(a, C_ACCENT));
		y++;
	}
	return y + 1;
}

static void
today_draw(struct app *a, void *st, int lines, int cols)
{
	struct today *t = st;
	char date[64];
	time_t now = (time_t)now_unix();
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(date, sizeof date, "Today · %A %d %B %Y", &tm);
	tui_put(0, 2, date, cols - 4, tui_attr(a, C_TITLE) | A_BOLD);
	int y = 2;
	y = section_cards(a, t, y, cols);
	(void)lines;
}

static int
today_input(struct app *a, void *st, enum tui_action act, int key)
{
	switch (act) {
	case ACT_REVIEW:
		tui_push(a, &review_screen, NULL);
		return 1;
	case ACT_SETTINGS:
		tui_push(a, &settings_screen, NULL);
		return 1;
	default:
		return 0;
	}
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
