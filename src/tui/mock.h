/* What the two mock-round screens share (mock_list.c, mock_form.c). */
#ifndef PREPDECK_TUI_MOCK_H
#define PREPDECK_TUI_MOCK_H

#include "tui/app.h"

/* Fills width columns of row y from x with blanks in attr: the bar
 * behind a selected row, or a field being edited. */
static inline void
mock_fill_row(int y, int x, int width, attr_t attr)
{
	move(y, x);
	for (int i = 0; i < width; i++)
		addch(' ' | attr);
}

#endif
