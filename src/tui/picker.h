/* A list to choose one entry from, drawn as a box over the screen:
 * Up/Down (j/k), PgUp/PgDn, Home/End (g/G) move, Enter picks, Esc cancels. With a
 * "new" entry, picking it asks for a value in a line editor (Enter
 * takes it, Esc goes back to the list). The first entry starts
 * selected unless picker_select says otherwise. Screens own it and feed
 * it keys; only picker_add_decks reads (through the core) what to list. */
#ifndef PREPDECK_TUI_PICKER_H
#define PREPDECK_TUI_PICKER_H

#include <stddef.h>

#include "db.h"
#include "tui/app.h"
#include "tui/lineedit.h"

struct picker {
	char *title;
	char **labels, **values;
	size_t n;
	int cur, top;
	char *new_label; /* the "new" entry's label, or NULL for none */
	char *new_prompt;
	int asking; /* typing a new value */
	struct lineedit le;
	char msg[160]; /* shown under the list (e.g. why a value was refused) */
};

enum picker_result { PK_NONE, PK_PICKED, PK_CANCEL };

/* new_label (may be NULL) adds a last entry that asks for a value with
 * new_prompt. */
void picker_init(struct picker *p, const char *title, const char *new_label,
                 const char *new_prompt);
void picker_add(struct picker *p, const char *value, const char *label);
/* Selects the entry whose value is value, if any. */
void picker_select(struct picker *p, const char *value);
void picker_free(struct picker *p);

/* Adds an entry per live deck (the decks used last first, with their
 * titles and card counts) and selects current when given. Returns 1 when
 * current is one of them. */
int picker_add_decks(struct picker *p, struct db *db, const char *current);
/* Adds n entries (values and labels) and selects current when given. */
void picker_add_names(struct picker *p, const char *const *values, const char *const *labels, int n,
                      const char *current);

/* Handles one key (iscode: a KEY_* code). On PK_PICKED, *value is the
 * chosen value (or the typed new one), valid until the next call. */
enum picker_result picker_key(struct picker *p, int key, int iscode, const char **value);
void picker_draw(struct picker *p, struct app *a, int lines, int cols);

#endif
