/* The Today screen's sections (tui/today.c): each part of the screen
 * (the plan, due cards, gaps, mock rounds, stories, ...) is one
 * today_section, and today.c draws them in the order of its table.
 * Adding a section is writing one of these and adding a row there. */
#ifndef PREPDECK_TUI_TODAY_H
#define PREPDECK_TUI_TODAY_H

#include <stddef.h>

#include "tui/app.h"

struct today_section {
	const char *name;
	/* The size of the section's state, which today.c allocates zeroed
	 * and keeps while the screen is open; 0 for a section that keeps
	 * none (its draw reads what it shows, and st is NULL). */
	size_t size;
	/* Optional: reads the state from the store, when the screen opens
	 * and again after another screen may have changed things. */
	void (*load)(struct app *a, void *st);
	/* Optional: frees what load allocated in the state. */
	void (*release)(void *st);
	/* Draws from row y, in rows up to lines - 2 (the status line is the
	 * shell's) and columns 0 .. cols - 1; returns the next free row. */
	int (*draw)(struct app *a, void *st, int y, int lines, int cols);
	/* Optional: a key on Today, before the screen's own; returns 1 when
	 * handled. */
	int (*input)(struct app *a, void *st, enum tui_action act, int key);
};

/* Sections written beside their screens. */
extern const struct today_section plan_today_section;    /* tui/plan.c */
extern const struct today_section gap_today_section;     /* tui/gapmap.c */
extern const struct today_section story_today_section;   /* tui/story_today.c */
extern const struct today_section profile_today_section; /* tui/profile.c */

#endif
