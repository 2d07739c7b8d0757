#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "tui/picker.h"
#include "util.h"

void
picker_init(struct picker *p, const char *title, const char *new_label, const char *new_prompt)
{
	memset(p, 0, sizeof *p);
	p->title = xstrdup(title);
	p->new_label = new_label ? xstrdup(new_label) : NULL;
	p->new_prompt = xstrdup(new_prompt ? new_prompt : "");
}

void
picker_add(struct picker *p, const char *value, const char *label)
{
	p->labels = xrealloc(p->labels, (p->n + 1) * sizeof *p->labels);
	p->values = xrealloc(p->values, (p->n + 1) * sizeof *p->values);
	p->labels[p->n] = xstrdup(label);
	p->values[p->n] = xstrdup(value);
	p->n++;
}

void
picker_select(struct picker *p, const char *value)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->values[i], value) == 0)
			p->cur = (int)i;
}

void
picker_free(struct picker *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->labels[i]);
		free(p->values[i]);
	}
	free(p->labels);
	free(p->values);
	free(p->title);
	free(p->new_label);
	free(p->new_prompt);
	if (p->asking)
		lineedit_free(&p->le);
	memset(p, 0, sizeof *p);
}

/* Entries shown: the values, then the "new" entry. */
static int
entries(const struct picker *p)
{
	return (int)p->n + (p->new_label != NULL);
}

/* The list move a key asks for (the picker gets raw keys): the arrows,
 * PgUp/PgDn, Home/End, j/k and g/G. */
static enum tui_action
move_of(int key, int iscode)
{
	if (iscode)
		return key == KEY_UP      ? ACT_UP
		       : key == KEY_DOWN  ? ACT_DOWN
		       : key == KEY_PPAGE ? ACT_PGUP
		       : key == KEY_NPAGE ? ACT_PGDOWN
		       : key == KEY_HOME  ? ACT_TOP
		       : key == KEY_END   ? ACT_BOTTOM
		                          : ACT_NONE;
	return key == 'k'   ? ACT_UP
	       : key == 'j' ? ACT_DOWN
	       : key == 'g' ? ACT_TOP
	       : key == 'G' ? ACT_BOTTOM
	                    : ACT_NONE;
}

/* Enter on an entry: its value, or the question for a new one. */
static enum picker_result
pick(struct picker *p, const char **value)
{
	int n = entries(p);
	if (n == 0)
		return PK_CANCEL;
	if ((size_t)p->cur == p->n) {
		lineedit_init(&p->le, NULL, 0, 64);
		p->asking = 1;
		return PK_NONE;
	}
	*value = p->values[p->cur];
	return PK_PICKED;
}

enum picker_result
picker_key(struct picker *p, int key, int iscode, const char **value)
{
	p->msg[0] = '\0';
	if (p->asking) {
		enum le_result r = lineedit_key(&p->le, key, iscode);
		if (r == LE_CANCEL) {
			lineedit_free(&p->le);
			p->asking = 0;
		} else if (r == LE_SAVE) {
			*value = lineedit_text(&p->le);
			return PK_PICKED;
		}
		return PK_NONE;
	}
	int n = entries(p);
	if (tui_list_move(move_of(key, iscode), &p->cur, n, 10))
		return PK_NONE;
	if (iscode)
		return key == KEY_ENTER ? pick(p, value) : PK_NONE;
	if (key == 27 || key == 'q')
		return PK_CANCEL;
	if (key == '\r' || key == '\n' || key == ' ')
		return pick(p, value);
	return PK_NONE;
}

void
picker_draw(struct picker *p, struct app *a, int lines, int cols)
{
	int n = entries(p);
	int w = cols - 8 < 64 ? cols - 8 : 64;
	int h = n + 4 + (p->asking ? 2 : 0);
	if (h > lines - 2)
		h = lines - 2;
	int x0 = (cols - w) / 2, y0 = (lines - h) / 2;
	for (int y = y0; y < y0 + h; y++) {
		move(y, x0);
		for (int x = 0; x < w; x++)
			addch(' ' | A_REVERSE);
	}
	tui_put(y0, x0 + 2, p->title, w - 4, A_REVERSE | A_BOLD);
	int rows = h - 4 - (p->asking ? 2 : 0);
	if (rows < 1)
		rows = 1;
	if (p->cur < p->top)
		p->top = p->cur;
	if (p->cur >= p->top + rows)
		p->top = p->cur - rows + 1;
	for (int r = 0; r < rows && p->top + r < n; r++) {
		int i = p->top + r;
		const char *label = (size_t)i < p->n ? p->labels[i] : p->new_label;
		attr_t at = i == p->cur ? A_NORMAL | A_BOLD : A_REVERSE;
		char line[256];
		snprintf(line, sizeof line, "%s %s", i == p->cur ? ">" : " ", label);
		if (i == p->cur) {
			move(y0 + 1 + r, x0 + 1);
			for (int x = 1; x < w - 1; x++)
				addch(' ');
		}
		tui_put(y0 + 1 + r, x0 + 2, line, w - 4, at);
	}
	int y = y0 + 1 + rows;
	if (p->asking) {
		tui_put(++y, x0 + 2, p->new_prompt, w - 4, A_REVERSE);
		move(++y, x0 + 2);
		for (int x = 2; x < w - 2; x++)
			addch(' ');
		lineedit_draw(&p->le, y, x0 + 2, w - 4, A_NORMAL);
	}
	tui_put(y0 + h - 1, x0 + 2,
	        p->msg[0]   ? p->msg
	        : p->asking ? "Enter takes it · Esc back to the list"
	                    : "Enter picks · Esc cancels",
	        w - 4, A_REVERSE | (p->msg[0] ? A_BOLD : A_DIM));
}

int
picker_add_decks(struct picker *p, struct db *db, const char *current)
{
	struct cards_deck *d;
	size_t n;
	cards_decks(db, &d, &n);
	int have = 0;
	for (size_t i = 0; i < n; i++) {
		char label[200];
		snprintf(label, sizeof label, "%-22s %s%s (%d)", d[i].id, d[i].title,
		         d[i].user ? "" : " ·curriculum", d[i].cards);
		picker_add(p, d[i].id, label);
		have |= current && strcmp(d[i].id, current) == 0;
	}
	cards_decks_free(d, n);
	if (current && *current)
		picker_select(p, current);
	return have;
}

void
picker_add_names(struct picker *p, const char *const *values, const char *const *labels, int n,
                 const char *current)
{
	for (int i = 0; i < n; i++)
		picker_add(p, values[i], labels[i]);
	if (current)
		picker_select(p, current);
}
