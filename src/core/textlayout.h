/* Laying out card text for the screen: the curriculum's small Markdown
 * subset (**bold**, *italic*, `code`, "- " bullets, "1. " lists,
 * blank-line paragraphs) and cloze markers, wrapped by display width
 * into lines of styled cells. No drawing here: the screens draw a
 * layout with cardview_draw (tui/cardview.c). */
#ifndef PREPDECK_TEXTLAYOUT_H
#define PREPDECK_TEXTLAYOUT_H

#include <stddef.h>
#include <wchar.h>

enum {
	TS_BOLD = 1,
	TS_CODE = 2,
	TS_CLOZE = 4, /* the hidden or revealed cloze text */
	TS_DIM = 8,
	TS_GOOD = 16,
	TS_BAD = 32,
	TS_ITALIC = 64, /* *italic*: italic where the terminal has it */
};

struct tcell {
	wchar_t ch;
	unsigned char style;
};

struct tline {
	struct tcell *cells;
	int n;
	int indent; /* columns of hanging indent before the cells */
};

struct tlayout {
	struct tline *lines;
	int n, cap;
};

/* How cloze markers render: cloze 0 means "not a cloze card" (markers
 * show their text plainly); otherwise marker N = cloze is hidden as
 * [...] (or [hint]) unless reveal is set, when it is highlighted. */
struct text_opts {
	int cloze;
	int reveal;
	unsigned char base; /* style applied to all cells (e.g. TS_DIM) */
};

/* Appends text laid out to `width` columns to *l (which starts zeroed).
 * A bullet is U+2022 in a UTF-8 locale, '*' otherwise. */
void text_layout(struct tlayout *l, const char *text, int width, const struct text_opts *o);
/* Appends an empty line. */
void text_blank(struct tlayout *l);
void text_free(struct tlayout *l);
/* Columns the cells of a line take (without its indent). */
int text_line_width(const struct tline *t);

/* The first line of a card's text as the screen shows it (markup gone,
 * cloze markers hidden when cloze is not 0), cut to `cols` columns with
 * an ellipsis when it does not fit or more lines follow: a short name for
 * the card in messages. Writes at most n bytes (NUL included) to buf. */
void text_excerpt(const char *text, int cloze, int cols, char *buf, size_t n);

#endif
