/* Checklists (the scenario-answer checklist, the night before, ...):
 * items ticked in the current pass, a reset for the next use, and the
 * passes completed so far. No curses here. */
#ifndef PREPDECK_CHECKLIST_H
#define PREPDECK_CHECKLIST_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct checklist_item {
	char *id, *text;
	int ticked;
	int64_t ticked_at;
};

struct checklist {
	char *id, *title, *description;
	struct checklist_item *items;
	size_t nitems;
	int nticked;
	int times_done;    /* passes completed */
	int64_t last_done; /* when the last pass was completed, 0 if never */
};

/* Every checklist that is not retired, in file order, with its items;
 * returns how many and sets *out (free with checklist_list_free). */
size_t checklist_list(struct db *db, struct checklist **out);
void checklist_list_free(struct checklist *c, size_t n);

/* One checklist by id, or NULL with *cause set (caller frees) when there
 * is none. Free with checklist_free. */
struct checklist *checklist_load(struct db *db, const char *id, char **cause);
void checklist_free(struct checklist *c);

/* The item named by an item id or its 1-based number, or NULL. */
struct checklist_item *checklist_find_item(const struct checklist *c, const char *item);

/* Ticks (on = 1) or unticks one item (an id or a 1-based number). When
 * the tick completes the checklist, the pass is recorded as completed
 * (once per pass) and *completed is set. Returns 0, or -1 with *cause. */
int checklist_tick(struct db *db, const char *id, const char *item, int on, int64_t now,
                   int *completed, char **cause);

/* Records a completed pass now, whatever is ticked. Returns 0 or -1. */
int checklist_done(struct db *db, const char *id, int64_t now, char **cause);

/* Unticks every item for the next use (completed passes are kept).
 * Returns the number of items unticked, or -1 with *cause set. */
int checklist_reset(struct db *db, const char *id, char **cause);

#endif
