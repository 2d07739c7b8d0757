/* The Today screen: what the day asks of the user. It is drawn as a
 * column of sections (the plan, due cards, gaps, stories, ...), each a
 * function that returns the next free row. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "review.h"
#include "settings.h"
#include "scorecard.h"
#include "story.h"
#include "studyday.h"
#include "tui/app.h"
#include "tui/gap_today.h"
#include "tui/plan_panel.h"
#include "tui/profile_today.h"
#include "tui/story_today.h"
#include "util.h"

struct today {
	struct plan_panel *plan;       /* the study plan section */
	struct review_counts due;
	char fix_next[SCORECARD_TEXT_MAX + 1]; /* from the latest mock round */
	char fix_day[16];
	char countdown[320];           /* the next interview */
};

static const struct tui_key today_keys[] = {
	{ 'r', ACT_REVIEW, "r", NULL },
	{ 'o', ACT_SETTINGS, "o", NULL },
	{ 'm', ACT_MOCK, "m", NULL },
	{ 't', ACT_STATS, "t", NULL },
	{ 'p', ACT_PLAN, "p", NULL },
	{ 'c', ACT_CHECKLISTS, "c", NULL },
	{ 'g', ACT_GAPMAP, "g", NULL },
	{ 'n', ACT_START_PLAN, "n", NULL },
	{ 's', ACT_STORIES, "s", NULL },
	{ 'e', ACT_REHEARSE, "e", "Rehearse the first story due today" },
	{ 'i', ACT_INTERVIEW, "i", NULL },
	{ 'x', ACT_CRAM, "x", NULL },
	{ 'a', ACT_ANKI, "a", NULL },
	{ 'b', ACT_BROWSE, "b", "Browse and search all cards (also / anywhere)" },
	{ 'y', ACT_PROFILE, "y", NULL },
	{ ' ', ACT_TOGGLE, "Space", "Tick or untick the selected plan task" },
	{ '\r', ACT_SELECT, "Enter", "Read the selected plan task in full (o there opens "
	  "its link)" },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static void
today_load(struct app *a, struct today *t)
{
	review_today_counts(a->db, now_unix(), &t->due);
	struct settings set;
	settings_load(a->db, &set);
	int64_t today = day_number(now_unix(), set.rollover_hour);
	struct target tg;
	t->countdown[0] = '\0';
	if (target_next(a->db, today, &tg) == 0) {
		long long left = (long long)(tg.day - today);
		char when[32];
		if (left == 0)
			snprintf(when, sizeof when, "today");
		else if (left == 1)
			snprintf(when, sizeof when, "tomorrow");
		else
			snprintf(when, sizeof when, "in %lld days", left);
		snprintf(t->countdown, sizeof t->countdown, "Interview %s%s%s  (i)", when,
		         tg.company[0] ? " · " : "", tg.company);
	}
	char *day = NULL, *fix = scorecard_next_fix(a->db, &day);
	snprintf(t->fix_next, sizeof t->fix_next, "%s", fix ? fix : "");
	snprintf(t->fix_day, sizeof t->fix_day, "%s", day ? day : "");
	free(fix);
	free(day);
}

static void *
today_open(struct app *a, const void *arg)
{
	struct today *t = xcalloc(1, sizeof *t);
	today_load(a, t);
	t->plan = plan_panel_new(a);
	return t;
}

static void
today_close(struct app *a, void *st)
{
	plan_panel_free(((struct today *)st)->plan);
	free(st);
}

static void
today_resume(struct app *a, void *st)
{
	today_load(a, st);
	plan_panel_reload(a, ((struct today *)st)->plan);
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

/* Section: the one thing to fix from the latest mock round. */
static int
section_mock(struct app *a, struct today *t, int y, int cols)
{
	const char *hint = "m  scorecards  t  stats";
	tui_put(y, 2, "Mock rounds", cols - 4, tui_attr(a, C_TITLE));
	tui_put(y++, cols - 2 - tui_width(hint), hint, tui_width(hint), tui_attr(a, C_ACCENT));
	if (t->fix_next[0]) {
		int x = 4 + tui_put(y, 4, "Next to fix: ", 13, tui_attr(a, C_ACCENT) | A_BOLD);
		x += tui_put(y, x, t->fix_next, cols - x - 20, A_BOLD);
		char buf[32];
		snprintf(buf, sizeof buf, "  (%s)", t->fix_day);
		tui_put(y, x, buf, cols - x - 2, tui_attr(a, C_DIM));
		y++;
	} else {
		tui_put(y++, 4, "No mock round scored yet.", cols - 8, tui_attr(a, C_DIM));
	}
	return y + 1;
}

static void
today_draw(struct app *a, void *st, int lines, int cols)
{
	struct today *t = st;
	/* The study day, not the calendar date: they differ between
	 * midnight and the rollover, and the plan counts study days. */
	char day[80], date[96];
	struct settings set;
	settings_load(a->db, &set);
	studyday_name(now_unix(), set.rollover_hour, day, sizeof day);
	snprintf(date, sizeof date, "Today · %s", day);
	/* The next interview, or where to set one: the countdown's place
	 * is never empty, so i and x can be found without the help. */
	const char *right = t->countdown[0] ? t->countdown : cols >= 100 ?
	                    "No interview date yet: i sets one · x crams a deck" :
	                    "No interview yet: i sets one · x cram";
	int rw = tui_width(right), dw = tui_width(date);
	if (rw > cols - 6 - dw)
		rw = cols - 6 - dw > cols / 3 ? cols - 6 - dw : cols / 3;
	tui_put(0, 2, date, cols - 6 - rw, tui_attr(a, C_TITLE) | A_BOLD);
	tui_put(0, cols - 2 - rw, right, rw, t->countdown[0] ? tui_attr(a, C_WARN) | A_BOLD :
	        tui_attr(a, C_DIM));
	profile_today_banner(a, 1, cols);
	int y = 2;
	y = plan_panel_draw(a, t->plan, y, cols);
	y = section_cards(a, t, y, cols);
	y = gapmap_today_section(a, y, cols);
	y = section_mock(a, t, y, cols);
	y = story_today_section(a, y, lines, cols);
	(void)lines;
}

static int
today_input(struct app *a, void *st, enum tui_action act, int key)
{
	if (plan_panel_input(a, ((struct today *)st)->plan, act, key))
		return 1;
	switch (act) {
	case ACT_REVIEW:
		tui_push(a, &review_screen, NULL);
		return 1;
	case ACT_SETTINGS:
		tui_push(a, &settings_screen, NULL);
		return 1;
	case ACT_MOCK:
		tui_push(a, &mock_screen, NULL);
		return 1;
	case ACT_STATS:
		tui_push(a, &stats_screen, NULL);
		return 1;
	case ACT_GAPMAP:
		tui_push(a, &gapmap_screen, NULL);
		return 1;
	case ACT_STORIES:
		tui_push(a, &stories_screen, NULL);
		return 1;
	case ACT_REHEARSE:
		story_today_rehearse(a);
		return 1;
	case ACT_INTERVIEW:
		tui_push(a, &target_screen, NULL);
		return 1;
	case ACT_CRAM:
		tui_push(a, &cram_screen, NULL);
		return 1;
	case ACT_ANKI:
		tui_push(a, &anki_screen, NULL);
		return 1;
	case ACT_BROWSE:
		tui_push(a, &browser_screen, NULL);
		return 1;
	case ACT_PROFILE:
		tui_push(a, &profile_screen, NULL);
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
