/* Helpers shared by the story screens (story_list.c, story_form.c,
 * story_prompt.c, rehearse.c): wrapped curriculum text, the character
 * set in use, and the way into a rehearsal. */
#ifndef PREPDECK_TUI_STORYUI_H
#define PREPDECK_TUI_STORYUI_H

#include "tui/app.h"

/* Attributes as int, the type the story screens keep them in (tui_put
 * takes attr_t, which an int converts to). */
#define SUI_BOLD ((int)A_BOLD)
#define SUI_NORMAL ((int)A_NORMAL)
#define SUI_REVERSE ((int)A_REVERSE)
static inline int
sui_attr(struct app *a, enum tui_color c)
{
	return (int)tui_attr(a, c);
}

/* Draws text (the curriculum's Markdown subset) wrapped to w columns at
 * (y, x), at most maxrows rows, with style (TS_* from textlayout.h) on
 * every cell; when rows are left out the last row shown ends in the
 * ellipsis. Returns the rows drawn; sets *more (may be NULL) when rows
 * were left out. */
int sui_text(struct app *a, int y, int x, int w, int maxrows, const char *text, unsigned char style,
             int *more);
/* The rows text needs at width w. */
int sui_text_rows(const char *text, int w);
/* True when block and box characters can be drawn: a UTF-8 locale and
 * colour allowed (NO_COLOR asks for the plain ASCII look). */
int sui_fancy(struct app *a);

struct story;
/* Pushes the rehearsal screen on story s, answering prompt (an id, or
 * NULL); a template is not rehearsed: it says to copy it first. */
void sui_rehearse(struct app *a, const struct story *s, const char *prompt);

#endif
