/* The Today screen: what the day asks of the user. It is drawn as a
 * column of sections (the plan, due cards, gaps, stories, ...), each a
 * today_section (tui/today.h) in the table below. */
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
#include "tui/today.h"
#include "util.h"

/* The first line: the study day and the next interview. */
struct header {
	char countdown[320]; /* the next interview */
};

/* The counts of the cards due today. */
struct cards {
	struct review_counts due;
};

/* The one thing to fix from the latest mock round. */
struct mock {
	char fix_next[SCORECARD_TEXT_MAX + 1];
	char fix_day[16];
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
	{ '\r', ACT_SELECT, "Enter",
	  "Read the selected plan task in full (o there opens "
	  "its link)" },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static void
header_load(struct app *a, void *st)
{
	struct header *h = st;
	struct settings set;
	settings_load(a->db, &set);
	int64_t today = day_number(now_unix(), set.rollover_hour);
	struct target tg;
	h->countdown[0] = '\0';
	if (target_next(a->db, today, &tg) == 0) {
		long long left = (long long)(tg.day - today);
		char when[32];
		if (left == 0)
			snprintf(when, sizeof when, "today");
		else if (left == 1)
			snprintf(when, sizeof when, "tomorrow");
		else
			snprintf(when, sizeof when, "in %lld days", left);
		snprintf(h->countdown, sizeof h->countdown, "Interview %s%s%s  (i)", when,
		         tg.company[0] ? " · " : "", tg.company);
	}
}

static int
header_draw(struct app *a, void *st, int y, int lines, int cols)
{
	struct header *h = st;
	(void)lines;
	/* The study day, not the calendar date: they differ between
	 * midnight and the rollover, and the plan counts study days. */
	char day[80], date[96];
	struct settings set;
	settings_load(a->db, &set);
	studyday_name(now_unix(), set.rollover_hour, day, sizeof day);
	snprintf(date, sizeof date, "Today · %s", day);
	/* The next interview, or where to set one: the countdown's place
	 * is never empty, so i and x can be found without the help. */
	const char *right = h->countdown[0] ? h->countdown
	                    : cols >= 100   ? "No interview date yet: i sets one · x crams a deck"
	                                    : "No interview yet: i sets one · x cram";
	int rw = tui_width(right), dw = tui_width(date);
	if (rw > cols - 6 - dw)
		rw = cols - 6 - dw > cols / 3 ? cols - 6 - dw : cols / 3;
	tui_put(y, 2, date, cols - 6 - rw, tui_attr(a, C_TITLE) | A_BOLD);
	tui_put(y, cols - 2 - rw, right, rw,
	        h->countdown[0] ? tui_attr(a, C_WARN) | A_BOLD : tui_attr(a, C_DIM));
	return y + 1;
}

static void
cards_load(struct app *a, void *st)
{
	review_today_counts(a->db, now_unix(), &((struct cards *)st)->due);
}

/* Flashcards due today: learning, to review, new. */
static int
cards_draw(struct app *a, void *st, int y, int lines, int cols)
{
	const struct review_counts *due = &((struct cards *)st)->due;
	char buf[160];
	(void)lines;
	tui_put(y++, 2, "Flashcards", cols - 4, tui_attr(a, C_TITLE));
	int total = due->learning + due->review + due->fresh;
	if (total == 0) {
		tui_put(y++, 4, "Nothing due. Well done.", cols - 8, A_NORMAL);
	} else {
		int x = 4;
		snprintf(buf, sizeof buf, "%d", due->learning);
		x += tui_put(y, x, buf, 8, tui_attr(a, C_BAD) | A_BOLD);
		x += tui_put(y, x, " learning   ", 12, A_NORMAL);
		snprintf(buf, sizeof buf, "%d", due->review);
		x += tui_put(y, x, buf, 8, tui_attr(a, C_GOOD) | A_BOLD);
		x += tui_put(y, x, " to review   ", 13, A_NORMAL);
		snprintf(buf, sizeof buf, "%d", due->fresh);
		x += tui_put(y, x, buf, 8, tui_attr(a, C_TITLE) | A_BOLD);
		x += tui_put(y, x, " new", 4, A_NORMAL);
		tui_put(y, x + 4, "r  start review", cols - x - 8, tui_attr(a, C_ACCENT));
		y++;
	}
	return y + 1;
}

static void
mock_load(struct app *a, void *st)
{
	struct mock *m = st;
	char *day = NULL, *fix = scorecard_next_fix(a->db, &day);
	snprintf(m->fix_next, sizeof m->fix_next, "%s", fix ? fix : "");
	snprintf(m->fix_day, sizeof m->fix_day, "%s", day ? day : "");
	free(fix);
	free(day);
}

/* The one thing to fix from the latest mock round. */
static int
mock_draw(struct app *a, void *st, int y, int lines, int cols)
{
	const struct mock *m = st;
	const char *hint = "m  scorecards  t  stats";
	(void)lines;
	tui_put(y, 2, "Mock rounds", cols - 4, tui_attr(a, C_TITLE));
	tui_put(y++, cols - 2 - tui_width(hint), hint, tui_width(hint), tui_attr(a, C_ACCENT));
	if (m->fix_next[0]) {
		int x = 4 + tui_put(y, 4, "Next to fix: ", 13, tui_attr(a, C_ACCENT) | A_BOLD);
		x += tui_put(y, x, m->fix_next, cols - x - 20, A_BOLD);
		char buf[32];
		snprintf(buf, sizeof buf, "  (%s)", m->fix_day);
		tui_put(y, x, buf, cols - x - 2, tui_attr(a, C_DIM));
		y++;
	} else {
		tui_put(y++, 4, "No mock round scored yet.", cols - 8, tui_attr(a, C_DIM));
	}
	return y + 1;
}

/* clang-format off */
static const struct today_section header_section = {
	.name = "Header", .size = sizeof(struct header), .load = header_load,
	.draw = header_draw,
};
/* clang-format on */
/* clang-format off */
static const struct today_section cards_section = {
	.name = "Flashcards", .size = sizeof(struct cards), .load = cards_load,
	.draw = cards_draw,
};
/* clang-format on */
/* clang-format off */
static const struct today_section mock_section = {
	.name = "Mock rounds", .size = sizeof(struct mock), .load = mock_load,
	.draw = mock_draw,
};
/* clang-format on */

/* The screen from the top down; a section's input comes before the
 * screen's own keys, in this order. */
/* clang-format off */
static const struct today_section *const sections[] = {
	&header_section,
	&profile_today_section,
	&plan_today_section,
	&cards_section,
	&gap_today_section,
	&mock_section,
	&story_today_section,
};
/* clang-format on */
#define NSECTIONS (sizeof sections / sizeof sections[0])

struct today {
	void *st[NSECTIONS]; /* each section's state, or NULL */
};

static void *
today_open(struct app *a, const void *arg)
{
	struct today *t = xcalloc(1, sizeof *t);
	(void)arg;
	for (size_t i = 0; i < NSECTIONS; i++) {
		if (sections[i]->size)
			t->st[i] = xcalloc(1, sections[i]->size);
		if (sections[i]->load)
			sections[i]->load(a, t->st[i]);
	}
	return t;
}

static void
today_close(struct app *a, void *st)
{
	struct today *t = st;
	(void)a;
	for (size_t i = 0; i < NSECTIONS; i++) {
		if (sections[i]->release)
			sections[i]->release(t->st[i]);
		free(t->st[i]);
	}
	free(t);
}

static void
today_resume(struct app *a, void *st)
{
	struct today *t = st;
	for (size_t i = 0; i < NSECTIONS; i++)
		if (sections[i]->load)
			sections[i]->load(a, t->st[i]);
}

static void
today_draw(struct app *a, void *st, int lines, int cols)
{
	struct today *t = st;
	int y = 0;
	for (size_t i = 0; i < NSECTIONS; i++)
		y = sections[i]->draw(a, t->st[i], y, lines, cols);
}

static int
today_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct today *t = st;
	for (size_t i = 0; i < NSECTIONS; i++)
		if (sections[i]->input && sections[i]->input(a, t->st[i], act, key))
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
