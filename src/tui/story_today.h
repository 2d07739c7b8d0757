/* The Stories section of the Today screen: today's story rehearsals
 * from the spaced schedule (storysched.h), and the key that starts the
 * first one. */
#ifndef PREPDECK_TUI_STORY_TODAY_H
#define PREPDECK_TUI_STORY_TODAY_H

#include "tui/app.h"

/* Draws the section from row y (a title line, one line per story to
 * rehearse today as far as rows up to lines - 2 allow, a blank line);
 * returns the next free row. */
int story_today_section(struct app *a, int y, int lines, int cols);

/* Opens the rehearsal timer on the first story due today (or, when none
 * is due, the one rehearsed least recently). */
void story_today_rehearse(struct app *a);

#endif
