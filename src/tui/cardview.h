/* Cards drawn as the review screen shows them: the layout of a card's
 * question, answer and note (cloze deletions hidden or revealed), and
 * drawing a laid-out text with its styles. Shared by the review screen,
 * the card editor's preview and the browser's detail pane. */
#ifndef PREPDECK_TUI_CARDVIEW_H
#define PREPDECK_TUI_CARDVIEW_H

#include "textlayout.h"
#include "tui/app.h"

/* Draws rows first.. of l at (y0, x0), at most rows rows. */
void cardview_draw(struct app *a, const struct tlayout *l, int y0, int x0, int first, int rows);

/* Appends to l one card as the review shows it: the question (cloze
 * number `cloze` hidden), and when shown, the answer below a rule (a
 * cloze revealed in place) and the note dimmed. kind is the card's kind
 * (basic, reverse, cloze, typein). */
void cardview_layout(struct tlayout *l, const char *kind, const char *front, const char *back,
                     const char *note, int cloze, int shown, int width);

/* The same for the review of a type-in card: after the answer is shown,
 * what was typed (NULL or "": nothing) and whether it matched. */
void cardview_layout_typed(struct tlayout *l, const char *kind, const char *front, const char *back,
                           const char *note, int cloze, int shown, int width, const char *typed,
                           int typed_ok);

/* Appends a rule of width columns (at most 64): box drawing in a UTF-8
 * locale, '-' otherwise. */
void cardview_rule(struct tlayout *l, int width);

#endif
