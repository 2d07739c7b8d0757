/* The Today screen's line about the profile (profile.c): until the
 * learner chooses between the example candidate's profile and their own,
 * one line on Today says the example is in use and that y chooses. */
#ifndef PREPDECK_TUI_PROFILE_TODAY_H
#define PREPDECK_TUI_PROFILE_TODAY_H

#include "tui/app.h"

/* Draws the line at row y when the choice is not made; returns y. */
int profile_today_banner(struct app *a, int y, int cols);

#endif
