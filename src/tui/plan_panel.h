/* The study plan's section of the Today screen (tui/plan.c): day N of M,
 * the week's theme, today's tasks with check boxes, week and plan
 * progress, the overdue count; keys to tick, read a task in full, open
 * the plan and the checklists, or start a plan. */
#ifndef PREPDECK_TUI_PLAN_PANEL_H
#define PREPDECK_TUI_PLAN_PANEL_H

#include "tui/app.h"

struct plan_panel;

/* Loads the active plan (if any); free with plan_panel_free. */
struct plan_panel *plan_panel_new(struct app *a);
void plan_panel_free(struct plan_panel *p);
/* Reloads after another screen may have changed things. */
void plan_panel_reload(struct app *a, struct plan_panel *p);
/* Draws the section from row y; returns the next free row (after a
 * blank line). */
int plan_panel_draw(struct app *a, struct plan_panel *p, int y, int cols);
/* Handles the plan's keys on Today (ACT_UP/DOWN move among today's
 * tasks, ACT_TOGGLE, ACT_SELECT (the task in full), ACT_PLAN,
 * ACT_CHECKLISTS, ACT_START_PLAN);
 * returns 1 when handled. */
int plan_panel_input(struct app *a, struct plan_panel *p, enum tui_action act, int key);

#endif
