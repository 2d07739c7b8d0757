/* The text layout moved to the core (textlayout.h); this name stays
 * until its last user (plan.c) includes textlayout.h itself. */
#ifndef PREPDECK_TUI_TEXT_H
#define PREPDECK_TUI_TEXT_H

#include "textlayout.h"

#endif
