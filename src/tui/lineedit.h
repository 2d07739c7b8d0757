/* The editing keys every editor shares, on the one edit buffer
 * (core/editbuf.h): a one-line editor for a cell or a field in place,
 * and the keys under the multi-line editor (textedit.c). UTF-8 aware (the cursor moves
 * over whole characters, combining marks included, and is placed by
 * display width), scrolls sideways when the text is wider than its box,
 * Left/Right, Home/End and Ctrl-A/Ctrl-E (start/end of the line),
 * Backspace, Delete, Ctrl-K/Ctrl-U (delete to the end/start of the
 * line), Ctrl-W (delete a word), Enter saves, Esc cancels. With
 * `multiline`, Ctrl-J inserts a line break, shown as ↵. Screens own it
 * and feed it keys; it never touches the database. */
#ifndef PREPDECK_TUI_LINEEDIT_H
#define PREPDECK_TUI_LINEEDIT_H

#include <stddef.h>

#include "editbuf.h"
#include "tui/app.h"

enum le_result {
	LE_NONE,   /* keep editing */
	LE_SAVE,   /* Enter: read lineedit_text() */
	LE_CANCEL, /* Esc */
};

struct lineedit {
	struct editbuf eb; /* the text and the cursor; eb.refused: the last
	                        key would have gone past the limit */
	int scroll;        /* display column shown at the left edge */
};

/* Starts editing a copy of text (NULL: empty) with the cursor at the
 * end. max 0 means 20000 bytes. Free with lineedit_free. */
void lineedit_init(struct lineedit *le, const char *text, int multiline, size_t max);
void lineedit_free(struct lineedit *le);

/* Handles one key from get_wch: key is the character or KEY_* code,
 * iscode tells which. Returns LE_SAVE, LE_CANCEL or LE_NONE. */
enum le_result lineedit_key(struct lineedit *le, int key, int iscode);

/* The text (owned by the editor). */
const char *lineedit_text(const struct lineedit *le);

/* True when the text differs from the text it started with. */
int lineedit_changed(const struct lineedit *le);

/* Inserts n bytes of UTF-8 at the cursor (refused past max). */
void lineedit_insert(struct lineedit *le, const char *s, size_t n);

/* Display column of the cursor within the whole text. */
int lineedit_cursor_col(const struct lineedit *le);

/* Draws the text in `width` columns at (y, x), scrolled so the cursor
 * shows (the cursor is drawn in reverse video). */
void lineedit_draw(struct lineedit *le, int y, int x, int width, attr_t attr);

#endif
