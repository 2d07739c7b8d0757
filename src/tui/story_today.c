/* The Stories section of the Today screen: today's story rehearsals
 * from the spaced schedule (storysched.h), and the key that starts the
 * first one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"
#include "storysched.h"
#include "tui/app.h"
#include "tui/today.h"
#include "util.h"

#define WHY_COLS 20 /* the column that says why a story is listed */

/* Why an item is listed, for the right-hand column. */
static void
why_text(const struct storysched_item *it, char *buf, size_t n)
{
	switch (it->why) {
	case STORYSCHED_INTERVIEW:
		snprintf(buf, n, "interview week");
		break;
	case STORYSCHED_SCHEDULED:
		if (it->last_score > 0)
			snprintf(buf, n, "scheduled · last %.1f", it->last_score);
		else
			snprintf(buf, n, "scheduled");
		break;
	default:
		snprintf(buf, n, it->last_rehearsed ? "new · not scored yet" : "new");
		break;
	}
}

/* A title line, one line per story to rehearse today as far as rows up
 * to lines - 2 allow, a blank line. */
static int
story_today_draw(struct app *a, void *st, int y, int lines, int cols)
{
	(void)st;
	struct storysched_day d;
	int64_t now = now_unix();
	storysched_due(a->db, now, &d);
	char buf[256];
	const char *hint = "e  rehearse  s  stories";
	int x = 2 + tui_put(y, 2, "Stories", cols - 4, tui_attr(a, C_TITLE));
	if (d.n)
		snprintf(buf, sizeof buf, d.in_week ? " · %zu today" : " · %zu to rehearse today",
		         d.n);
	else if (d.done)
		snprintf(buf, sizeof buf, " · done for today");
	else
		buf[0] = '\0';
	if (d.in_week) {
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, " · interview week: %d of %d left", d.pending,
		         d.mapped);
	}
	tui_put(y, x, buf, cols - x - tui_width(hint) - 4, tui_attr(a, C_DIM));
	tui_put(y++, cols - 2 - tui_width(hint), hint, tui_width(hint), tui_attr(a, C_ACCENT));

	/* The rows left above the status line. */
	int room = lines - 1 - y;
	if (d.n == 0) {
		if (room > 0) {
			if (d.done)
				snprintf(buf, sizeof buf, "Done: %d stor%s rehearsed today.",
				         d.done, d.done == 1 ? "y" : "ies");
			else
				snprintf(buf, sizeof buf, "Nothing due today.");
			int used = 4 + tui_put(y, 4, buf, cols - 8,
			                       tui_attr(a, d.done ? C_GOOD : C_DIM));
			if (d.next_id) {
				char when[32];
				fmt_local_day(d.next_due, when, sizeof when);
				snprintf(buf, sizeof buf, "  Next: %s on %s", d.next_title, when);
				tui_put(y, used, buf, cols - used - 2, tui_attr(a, C_DIM));
			}
			y++;
		}
		storysched_day_free(&d);
		return y + 1;
	}
	const char *label = "Rehearse next: ";
	int lw = tui_width(label);
	int tx = 4 + lw, wx = cols - 2 - WHY_COLS;
	size_t shown = (size_t)(room > 0 ? room : 0);
	if (shown > d.n)
		shown = d.n;
	for (size_t i = 0; i < shown; i++, y++) {
		const struct storysched_item *it = &d.items[i];
		if (i == 0)
			tui_put(y, 4, label, lw, tui_attr(a, C_ACCENT) | A_BOLD);
		tui_put(y, tx, it->title, wx - tx - 2, i == 0 ? A_BOLD : A_NORMAL);
		if (i + 1 == shown && shown < d.n)
			snprintf(buf, sizeof buf, "+%zu more", d.n - shown);
		else
			why_text(it, buf, sizeof buf);
		tui_put(y, wx, buf, WHY_COLS,
		        tui_attr(a, it->why == STORYSCHED_INTERVIEW ? C_WARN : C_DIM));
	}
	storysched_day_free(&d);
	return y + 1;
}

/* Opens the rehearsal timer on the first story due today (or, when none
 * is due, the one rehearsed least recently). */
static void
story_today_rehearse(struct app *a)
{
	char *id = storysched_suggest(a->db, now_unix());
	if (id == NULL) {
		tui_message(a, "No story to rehearse yet: s opens the story bank.");
		return;
	}
	tui_push(a, &rehearse_screen, &(struct rehearse_start){ .story = id });
	free(id);
}

static int
story_today_input(struct app *a, void *st, enum tui_action act, int key)
{
	(void)st;
	(void)key;
	if (act != ACT_REHEARSE)
		return 0;
	story_today_rehearse(a);
	return 1;
}

/* clang-format off */
const struct today_section story_today_section = {
	.name = "Stories",
	.draw = story_today_draw,
	.input = story_today_input,
};
/* clang-format on */
