/* The skills-gap map screen (gapmap_screen in app.h) and the section of
 * the Today screen that names the weakest gaps. */
#ifndef PREPDECK_TUI_GAP_TODAY_H
#define PREPDECK_TUI_GAP_TODAY_H

#include "tui/app.h"

/* Draws the Today section from row y (a title line, the three weakest
 * gaps of the current map, a blank line); returns the next free row. */
int gapmap_today_section(struct app *a, int y, int cols);

#endif
