/* A text editor widget for a rectangle of the screen: UTF-8 aware,
 * wraps by display width (at spaces when it can), Up/Down and PgUp/PgDn
 * by wrapped line, Enter for a new line (or to save a one-line field),
 * F2 or Ctrl-S to save, Esc to cancel (asking first when the text
 * changed); every other key is the line editor's (lineedit.h: Home/End,
 * Ctrl-A/E/K/U/W, Backspace, Delete), so the two editors share their
 * keys. Screens own it and feed it keys; it never touches the
 * database. */
#ifndef PREPDECK_TUI_TEXTEDIT_H
#define PREPDECK_TUI_TEXTEDIT_H

#include <stddef.h>

#include "tui/app.h"

enum te_result {
	TE_NONE,   /* keep editing */
	TE_SAVE,   /* the user asked to save: read textedit_text() */
	TE_CANCEL, /* the user left without saving */
};

struct textedit;

/* A new editor on a copy of text (NULL = empty). multiline: Enter
 * inserts a line break (else it saves); max: bytes allowed; readonly:
 * view only (Esc or q closes). The caller frees with textedit_free. */
struct textedit *textedit_new(const char *title, const char *text, int multiline, size_t max,
                              int readonly);
void textedit_free(struct textedit *te);

/* Guidance shown dim while the text is empty; never part of the text. */
void textedit_hint(struct textedit *te, const char *hint);

/* Handles one key; iscode is set for curses KEY_* codes (not a->key_char). */
enum te_result textedit_key(struct textedit *te, int key, int iscode);

/* Draws the editor in rows y..y+h-1, columns x..x+w-1: a title line,
 * the text, and a line with the keys (or the discard question). */
void textedit_draw(struct textedit *te, struct app *a, int y, int x, int h, int w);

/* The current text (owned by the editor). */
const char *textedit_text(const struct textedit *te);
/* True when the text differs from the text it started with. */
int textedit_changed(const struct textedit *te);
/* Replaces the status shown on the key line (e.g. why a save failed). */
void textedit_message(struct textedit *te, const char *msg);

#endif
