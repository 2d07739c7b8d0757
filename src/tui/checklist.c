/* Checklists: the list of checklists with how far each is ticked and
 * when it was last completed, and one checklist whose items tick with
 * Space and reset for the next use. Opened from Today (c), the plan
 * screen, or a plan task that links to a checklist. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "checklist.h"
#include "tui/app.h"
#include "util.h"

struct clscr {
	char *id;              /* NULL: the list of checklists */
	struct checklist *one; /* the checklist shown (id set) */
	struct checklist *all; /* the list (id NULL) */
	size_t nall;
	int cur, top, height;
	int confirm_reset;
};

static const struct tui_key checklist_keys[] = {
	{ ' ', ACT_TOGGLE, "Space/Enter",
	  "Tick or untick the item (open the checklist in the list)" },
	{ '\r', ACT_TOGGLE, NULL, NULL },
	{ KEY_ENTER, ACT_TOGGLE, NULL, NULL },
	{ 'r', ACT_RESET, "r", NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static void
last_done_text(const struct checklist *c, char *buf, size_t n)
{
	if (c->times_done == 0) {
		snprintf(buf, n, "never completed");
		return;
	}
	char when[40];
	fmt_local_stamp(c->last_done, when, sizeof when);
	snprintf(buf, n, "last completed %s (%d time%s)", when, c->times_done,
	         c->times_done == 1 ? "" : "s");
}

static void
load(struct app *a, struct clscr *s)
{
	checklist_free(s->one);
	s->one = NULL;
	checklist_list_free(s->all, s->nall);
	s->all = NULL;
	s->nall = 0;
	if (s->id) {
		char *cause = NULL;
		s->one = checklist_load(a->db, s->id, &cause);
		if (s->one == NULL) {
			tui_message(a, "%s", cause);
			free(cause);
		}
	} else {
		s->nall = checklist_list(a->db, &s->all);
	}
	int n = s->id ? (s->one ? (int)s->one->nitems : 0) : (int)s->nall;
	if (s->cur >= n)
		s->cur = n > 0 ? n - 1 : 0;
}

static void *
checklist_open(struct app *a, const void *arg)
{
	struct clscr *s = xcalloc(1, sizeof *s);
	s->id = arg ? xstrdup(arg) : NULL;
	load(a, s);
	if (s->id && s->one == NULL) {
		free(s->id);
		free(s);
		return NULL;
	}
	/* Start on the first item still to tick. */
	if (s->one)
		for (size_t i = 0; i < s->one->nitems; i++)
			if (!s->one->items[i].ticked) {
				s->cur = (int)i;
				break;
			}
	return s;
}

static void
checklist_close(struct app *a, void *st)
{
	struct clscr *s = st;
	checklist_free(s->one);
	checklist_list_free(s->all, s->nall);
	free(s->id);
	free(s);
}

static void
checklist_resume(struct app *a, void *st)
{
	load(a, st);
}

/* Draws a description on one line (tui_put marks a cut). */
static void
put_oneline(int y, int x, const char *text, int width, attr_t attr)
{
	if (width <= 0)
		return;
	/* Line breaks of multi-line descriptions become single spaces. */
	char *s = xstrdup(text), *o = s;
	for (const char *p = text; *p; p++) {
		int space = *p == '\n' || *p == ' ' || *p == '\t';
		if (space && (o == s || o[-1] == ' '))
			continue;
		*o++ = space ? ' ' : *p;
	}
	while (o > s && o[-1] == ' ')
		o--;
	*o = '\0';
	tui_put(y, x, s, width, attr);
	free(s);
}

/* The byte length of the longest prefix of s (cut at a space when it
 * can) that fits width columns. */
static size_t
wrap_len(const char *s, int width)
{
	size_t len = strlen(s);
	char *tmp = xstrdup(s);
	if (tui_width(tmp) <= width) {
		free(tmp);
		return len;
	}
	size_t fit = 0, space = 0;
	for (size_t i = 1; i <= len; i++) {
		if (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		char c = tmp[i];
		tmp[i] = '\0';
		int w = tui_width(tmp);
		tmp[i] = c;
		if (w > width)
			break;
		fit = i;
		if (i < len && s[i] == ' ')
			space = i;
	}
	free(tmp);
	return space > 0 ? space : fit > 0 ? fit : 1;
}

/* Rows an item takes when wrapped to width. */
static int
item_rows(const char *text, int width)
{
	int rows = 0;
	while (*text) {
		size_t n = wrap_len(text, width);
		text += n;
		while (*text == ' ')
			text++;
		rows++;
	}
	return rows ? rows : 1;
}

static void
draw_list(struct app *a, struct clscr *s, int lines, int cols)
{
	tui_put(0, 2, "Checklists", cols - 4, tui_attr(a, C_TITLE) | A_BOLD);
	tui_hline(1, 0, cols, tui_attr(a, C_DIM));
	if (s->nall == 0) {
		tui_put(3, 4, "No checklists are imported.", cols - 8, A_NORMAL);
		return;
	}
	int y = 2;
	for (size_t i = 0; i < s->nall && y < lines - 2; i++) {
		const struct checklist *c = &s->all[i];
		int sel = (int)i == s->cur;
		attr_t attr = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		if (sel) {
			move(y, 2);
			attron(attr);
			for (int x = 2; x < cols - 2; x++)
				addch(' ');
			attroff(attr);
		}
		tui_put(y, 3, c->title, cols - 40, attr | A_BOLD);
		char buf[96];
		snprintf(buf, sizeof buf, "%d/%zu", c->nticked, c->nitems);
		tui_put(y, cols - 34, buf, 8,
		        sel          ? attr
		        : c->nticked ? tui_attr(a, C_ACCENT)
		                     : tui_attr(a, C_DIM));
		last_done_text(c, buf, sizeof buf);
		tui_put(y, cols - 26, c->times_done ? buf + strlen("last completed ") : buf, 24,
		        sel ? attr : tui_attr(a, C_DIM));
		y++;
		put_oneline(y++, 5, c->description, cols - 8, tui_attr(a, C_DIM));
	}
	tui_put(lines - 1, 2, "Enter open  q back", cols - 4, tui_attr(a, C_DIM));
}

static void
draw_one(struct app *a, struct clscr *s, int lines, int cols)
{
	const struct checklist *c = s->one;
	char buf[160];
	snprintf(buf, sizeof buf, "Checklist · %s", c->title);
	tui_put(0, 2, buf, cols - 14, tui_attr(a, C_TITLE) | A_BOLD);
	snprintf(buf, sizeof buf, "%d/%zu", c->nticked, c->nitems);
	tui_put(0, cols - 2 - tui_width(buf), buf, 10,
	        c->nticked == (int)c->nitems ? tui_attr(a, C_GOOD) | A_BOLD : A_BOLD);
	put_oneline(1, 2, c->description, cols - 4, tui_attr(a, C_DIM));
	last_done_text(c, buf, sizeof buf);
	buf[0] = (char)(buf[0] - 'a' + 'A');
	tui_put(2, 2, buf, cols - 4, c->times_done ? tui_attr(a, C_GOOD) : tui_attr(a, C_DIM));
	tui_hline(3, 0, cols, tui_attr(a, C_DIM));
	int y0 = 4, h = lines - y0 - 1, width = cols - 12;
	s->height = h;
	/* Keep the cursor's item on screen, counting wrapped rows. */
	if (s->cur < s->top)
		s->top = s->cur;
	for (;;) {
		int rows = 0;
		for (int i = s->top; i <= s->cur; i++)
			rows += item_rows(c->items[i].text, width);
		if (rows <= h || s->top >= s->cur)
			break;
		s->top++;
	}
	int y = y0;
	for (size_t i = (size_t)s->top; i < c->nitems && y < y0 + h; i++) {
		const struct checklist_item *it = &c->items[i];
		int sel = (int)i == s->cur;
		int rows = item_rows(it->text, width);
		attr_t base = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		if (sel)
			for (int r = 0; r < rows && y + r < y0 + h; r++) {
				move(y + r, 2);
				attron(base);
				for (int x = 2; x < cols - 2; x++)
					addch(' ');
				attroff(base);
			}
		tui_put(y, 3, it->ticked ? "[x]" : "[ ]", 3,
		        sel          ? base
		        : it->ticked ? tui_attr(a, C_GOOD) | A_BOLD
		                     : A_BOLD);
		snprintf(buf, sizeof buf, "%2zu", i + 1);
		tui_put(y, 7, buf, 2, sel ? base : tui_attr(a, C_DIM));
		const char *p = it->text;
		attr_t tattr = sel ? base : it->ticked ? tui_attr(a, C_DIM) : A_NORMAL;
		for (int r = 0; *p && y < y0 + h; r++) {
			size_t n = wrap_len(p, width);
			char *line = xstrndup(p, n);
			tui_put(y++, 10, line, width, tattr);
			free(line);
			p += n;
			while (*p == ' ')
				p++;
		}
	}
	if (s->confirm_reset) {
		snprintf(buf, sizeof buf, "Untick all %d ticked items for the next use? y/n",
		         c->nticked);
		move(lines - 1, 0);
		clrtoeol();
		tui_put(lines - 1, 2, buf, cols - 4, tui_attr(a, C_WARN) | A_BOLD);
	} else {
		tui_put(lines - 1, 2, "Space tick  r reset for the next use  q back", cols - 4,
		        tui_attr(a, C_DIM));
	}
}

static void
checklist_draw(struct app *a, void *st, int lines, int cols)
{
	struct clscr *s = st;
	if (s->one)
		draw_one(a, s, lines, cols);
	else if (s->id == NULL)
		draw_list(a, s, lines, cols);
}

static int
checklist_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct clscr *s = st;
	char *cause = NULL;
	if (s->confirm_reset) {
		s->confirm_reset = 0;
		if (a->key_char && (key == 'y' || key == 'Y')) {
			int n = checklist_reset(a->db, s->id, &cause);
			if (n < 0) {
				tui_message(a, "%s", cause);
				free(cause);
			} else {
				tui_message(a, "Reset: %d item%s unticked.", n, n == 1 ? "" : "s");
			}
			load(a, s);
			s->cur = 0;
			s->top = 0;
		} else {
			tui_message(a, "Nothing unticked.");
		}
		return 1;
	}
	int n = s->one ? (int)s->one->nitems : (int)s->nall;
	if (tui_list_move(act, &s->cur, n, 5))
		return 1;
	switch (act) {
	case ACT_TOGGLE:
		if (n == 0)
			return 1;
		if (s->one == NULL) {
			tui_push(a, &checklist_screen, s->all[s->cur].id);
			return 1;
		} else {
			const struct checklist_item *it = &s->one->items[s->cur];
			int done = 0;
			if (checklist_tick(a->db, s->id, it->id, !it->ticked, now_unix(), &done,
			                   &cause) != 0) {
				tui_message(a, "%s", cause);
				free(cause);
				return 1;
			}
			if (done)
				tui_message(a, "Checklist complete; recorded. r resets it for the "
				               "next use.");
			int was = s->cur;
			load(a, s);
			/* Move on to the next item after a tick. */
			if (s->one && was + 1 < (int)s->one->nitems && s->one->items[was].ticked)
				s->cur = was + 1;
		}
		return 1;
	case ACT_RESET:
		if (s->one == NULL)
			return 0;
		if (s->one->nticked == 0)
			tui_message(a, "Nothing is ticked.");
		else
			s->confirm_reset = 1;
		return 1;
	default:
		return 0;
	}
}

const struct screen_ops checklist_screen = {
	.name = "Checklist",
	.open = checklist_open,
	.close = checklist_close,
	.draw = checklist_draw,
	.input = checklist_input,
	.keys = checklist_keys,
	.resume = checklist_resume,
};
