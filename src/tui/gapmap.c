/* The skills-gap map: a small spreadsheet of skills with evidence,
 * confidence, status and next action. Arrows or h/j/k/l move between
 * cells, Enter or e edits the cell in place with the line editor (enum
 * cells cycle), +/- and 1-5 set confidence, a adds, d deletes (asking),
 * f filters, s sorts, u undoes, m switches maps, r reviews the row's
 * deck. Every edit goes to the database at once through gapmap.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gapmap.h"
#include "jd.h"
#include "tui/app.h"
#include "tui/today.h"
#include "tui/lineedit.h"
#include "util.h"

enum col {
	COL_NAME,
	COL_CAT,
	COL_CONF,
	COL_STATUS,
	COL_EVIDENCE,
	COL_NEXT,
	COL_DECKS,
	COL_STORIES,
	COL__COUNT
};

static const enum gap_field col_field[COL__COUNT] = {
	GF_NAME, GF_CATEGORY, GF_CONFIDENCE, GF_STATUS, GF_EVIDENCE, GF_NEXT, GF_DECKS, GF_STORIES,
};

enum mode {
	M_NORMAL,
	M_EDIT,
	M_ADD,
	M_FILTER,
	M_CONFIRM,
	M_MAPS,
	M_NEWMAP,
	M_IMPORT,       /* typing the path of a job description */
	M_IMPORT_AGAIN, /* that posting was imported before: update or another? */
	M_MAP_CONFIRM,  /* y/n before deleting the map picked in M_MAPS */
};

struct gscr {
	char *map; /* the map shown */
	struct gap_map info;
	struct gap_rows rows; /* filtered and sorted */
	char *filter;         /* NULL: none */
	enum gap_sort sort;
	int cur, col, top;
	enum mode mode;
	struct lineedit le;
	char *old_filter;     /* restored when a filter edit is cancelled */
	struct gap_map *maps; /* the map picker */
	size_t nmaps;
	int mcur;
	char *import_path; /* M_IMPORT_AGAIN: the file, and the map it */
	char *import_map;  /* would update */
	char *undo_map;    /* a map deleted here, until the next change */
};

/* Where things go on a screen of a given size. */
struct layout {
	int x[COL__COUNT], w[COL__COUNT]; /* x < 0: shown in the detail pane */
	int table_y, table_h, pane_y, hint_y;
	int pane_x; /* where the pane's values start */
};

static const struct tui_key gapmap_keys[] = {
	{ '\r', ACT_GAP_EDIT, "Enter/e", NULL },
	{ KEY_ENTER, ACT_GAP_EDIT, NULL, NULL },
	{ 'e', ACT_GAP_EDIT, NULL, NULL },
	{ KEY_LEFT, ACT_GAP_LEFT, "Left/h", NULL },
	{ 'h', ACT_GAP_LEFT, NULL, NULL },
	{ KEY_BTAB, ACT_GAP_LEFT, NULL, NULL },
	{ KEY_RIGHT, ACT_GAP_RIGHT, "Right/l", NULL },
	{ 'l', ACT_GAP_RIGHT, NULL, NULL },
	{ '\t', ACT_GAP_RIGHT, NULL, NULL },
	{ '+', ACT_GAP_CONF_UP, "+", NULL },
	{ '=', ACT_GAP_CONF_UP, NULL, NULL },
	{ '-', ACT_GAP_CONF_DOWN, "-", NULL },
	{ '0', ACT_GAP_CONF_SET, "1-5, 0", NULL },
	{ '1', ACT_GAP_CONF_SET, NULL, NULL },
	{ '2', ACT_GAP_CONF_SET, NULL, NULL },
	{ '3', ACT_GAP_CONF_SET, NULL, NULL },
	{ '4', ACT_GAP_CONF_SET, NULL, NULL },
	{ '5', ACT_GAP_CONF_SET, NULL, NULL },
	{ 'a', ACT_GAP_ADD, "a", NULL },
	{ 'd', ACT_GAP_DELETE, "d", NULL },
	{ 'f', ACT_GAP_FILTER, "f", NULL },
	{ 's', ACT_GAP_SORT, "s", NULL },
	{ 'u', ACT_GAP_UNDO, "u", NULL },
	{ 'm', ACT_GAP_MAPS, "m", NULL },
	{ 'r', ACT_GAP_REVIEW, "r", NULL },
	{ 'i', ACT_GAP_IMPORT, "i", NULL },
	{ 27, ACT_CLEAR, "Esc", NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static const char *const col_title[COL__COUNT] = {
	"Skill", "Cat", "Conf", "Status", "Evidence", "Next action", "Decks", "Stories",
};

static void
compute_layout(int lines, int cols, struct layout *L)
{
	int name = cols >= 110 ? 28 : 20, cat = cols >= 110 ? 10 : 4;
	int x = 2;
	L->x[COL_NAME] = x;
	L->w[COL_NAME] = name;
	x += name + 1;
	L->x[COL_CAT] = x;
	L->w[COL_CAT] = cat;
	x += cat + 1;
	L->x[COL_CONF] = x;
	L->w[COL_CONF] = 7;
	x += 8;
	L->x[COL_STATUS] = x;
	L->w[COL_STATUS] = 6;
	x += 7;
	int rest = cols - x - 1;
	if (cols >= 130) {
		L->w[COL_DECKS] = L->w[COL_STORIES] = 14;
		rest -= 30;
	} else {
		L->x[COL_DECKS] = L->x[COL_STORIES] = -1;
		L->w[COL_DECKS] = L->w[COL_STORIES] = 0;
	}
	L->x[COL_EVIDENCE] = x;
	L->w[COL_EVIDENCE] = rest * 55 / 100;
	x += L->w[COL_EVIDENCE] + 1;
	L->x[COL_NEXT] = x;
	L->w[COL_NEXT] = rest - L->w[COL_EVIDENCE] - 1;
	x += L->w[COL_NEXT] + 1;
	if (cols >= 130) {
		L->x[COL_DECKS] = x;
		L->x[COL_STORIES] = x + 15;
	}
	L->table_y = 3;
	L->hint_y = lines - 1;
	L->pane_y = lines - 1 - 6;
	L->table_h = L->pane_y - L->table_y;
	L->pane_x = 13;
}

/* Reloads the rows, keeping the cursor on the row it was on (row_id)
 * when that row is still shown. */
static void
reload(struct app *a, struct gscr *s, int64_t row_id)
{
	gap_map_clear(&s->info);
	gap_rows_free(&s->rows);
	if (gap_map_get(a->db, s->map, &s->info, NULL) != 0) {
		/* The map went away (retired by an import): show the current one. */
		free(s->map);
		s->map = gap_current(a->db);
		if (s->map == NULL)
			s->map = xstrdup(""); /* no map at all: i imports one */
		if (gap_map_get(a->db, s->map, &s->info, NULL) != 0)
			return;
	}
	gap_rows_load(a->db, s->map, s->filter, s->sort, &s->rows);
	for (size_t i = 0; i < s->rows.n; i++)
		if (s->rows.v[i].id == row_id)
			s->cur = (int)i;
	if (s->cur >= (int)s->rows.n)
		s->cur = s->rows.n ? (int)s->rows.n - 1 : 0;
}

static int64_t
cur_id(const struct gscr *s)
{
	return s->cur < (int)s->rows.n ? s->rows.v[s->cur].id : 0;
}

static const struct gap_row *
cur_row(const struct gscr *s)
{
	return s->cur < (int)s->rows.n ? &s->rows.v[s->cur] : NULL;
}

static void *
gapmap_open(struct app *a, const void *arg)
{
	char *id = arg ? xstrdup(arg) : gap_current(a->db);
	struct gscr *s = xcalloc(1, sizeof *s);
	if (id == NULL) {
		/* No map yet: the screen opens empty, ready to import one. */
		s->map = xstrdup("");
		tui_message(a, "No gap map yet: i imports a job description, m n makes an "
		               "empty map");
		return s;
	}
	s->map = id;
	if (gap_map_get(a->db, id, &s->info, NULL) != 0) {
		tui_message(a, "No gap map '%s'", id);
		free(id);
		free(s);
		return NULL;
	}
	gap_set_current(a->db, id);
	reload(a, s, 0);
	return s;
}

static void
gapmap_close(struct app *a, void *st)
{
	struct gscr *s = st;
	if (s->mode == M_EDIT || s->mode == M_ADD || s->mode == M_FILTER || s->mode == M_NEWMAP ||
	    s->mode == M_IMPORT)
		lineedit_free(&s->le);
	free(s->import_path);
	free(s->import_map);
	free(s->undo_map);
	gap_rows_free(&s->rows);
	gap_map_clear(&s->info);
	gap_maps_free(s->maps, s->nmaps);
	free(s->map);
	free(s->filter);
	free(s->old_filter);
	free(s);
}

static void
gapmap_resume(struct app *a, void *st)
{
	struct gscr *s = st;
	reload(a, s, cur_id(s));
}

static attr_t
conf_attr(struct app *a, int conf)
{
	if (conf == 0)
		return tui_attr(a, C_DIM);
	if (conf <= 2)
		return tui_attr(a, C_BAD);
	if (conf == 3)
		return tui_attr(a, C_WARN);
	return tui_attr(a, C_GOOD);
}

/* The first line of a text, with ↵ when more lines follow. Caller frees. */
static char *
cell_text(const char *s)
{
	while (*s == ' ')
		s++;
	const char *nl = strchr(s, '\n');
	if (nl == NULL)
		return xstrdup(s);
	return xprintf("%.*s ↵ %s", (int)(nl - s), s, nl + 1);
}

static const char *
cat_short(const char *c, int w)
{
	if (w >= 10)
		return c;
	if (strcmp(c, "technical") == 0)
		return "tech";
	if (strcmp(c, "system") == 0)
		return "sys";
	if (strcmp(c, "behavioral") == 0)
		return "beh";
	return c;
}

/* The text shown in a cell. Caller frees. */
static char *
cell_value(const struct gap_row *r, enum col c, int w)
{
	switch (c) {
	case COL_NAME:
		return xstrdup(r->name);
	case COL_CAT:
		return xstrdup(cat_short(r->category, w));
	case COL_STATUS:
		return xstrdup(r->status);
	case COL_EVIDENCE:
		return cell_text(r->evidence);
	case COL_NEXT:
		return cell_text(r->next_action);
	case COL_DECKS:
		return xstrdup(*r->decks ? r->decks + 1 : "");
	case COL_STORIES:
		return xstrdup(*r->stories ? r->stories + 1 : "");
	default:
		return xstrdup("");
	}
}

/* The text the editor starts with for a field. Caller frees. */
static char *
edit_value(const struct gap_row *r, enum col c)
{
	switch (c) {
	case COL_CONF:
		return r->confidence ? xprintf("%d", r->confidence) : xstrdup("");
	case COL_EVIDENCE:
		return xstrdup(r->evidence);
	case COL_NEXT:
		return xstrdup(r->next_action);
	case COL_DECKS:
	case COL_STORIES: {
		char *v = xstrdup(c == COL_DECKS ? r->decks : r->stories);
		char *b = v;
		while (*b == ' ')
			b++;
		size_t n = strlen(b);
		while (n > 0 && b[n - 1] == ' ')
			b[--n] = '\0';
		char *out = xstrdup(b);
		free(v);
		return out;
	}
	default:
		return cell_value(r, c, 10);
	}
}

static void
draw_row(struct app *a, struct gscr *s, const struct layout *L, int i, int y)
{
	const struct gap_row *r = &s->rows.v[i];
	int sel = i == s->cur;
	if (gap_row_is_gap(r))
		tui_put(y, 0, "!", 1, tui_attr(a, C_BAD) | A_BOLD);
	for (int c = 0; c < COL__COUNT; c++) {
		if (L->x[c] < 0)
			continue;
		attr_t at = sel ? A_BOLD : A_NORMAL;
		if (sel && c == s->col)
			at = tui_attr(a, C_SELECT);
		int x = L->x[c], w = L->w[c];
		for (int k = 0; k < w && sel && c == s->col; k++)
			tui_put(y, x + k, " ", 1, at);
		if (s->mode == M_EDIT && sel && c == s->col)
			continue;
		if (c == COL_CONF) {
			char bar[32];
			gap_conf_bar(r->confidence, bar, sizeof bar);
			int used = tui_put(y, x, bar, 5,
			                   sel && c == s->col ? at : conf_attr(a, r->confidence));
			char d[4] = " -";
			if (r->confidence)
				snprintf(d, sizeof d, " %d", r->confidence);
			tui_put(y, x + used, d, w - used, at);
			continue;
		}
		char *v = cell_value(r, (enum col)c, w);
		if (*v == '\0' && (c == COL_EVIDENCE || c == COL_NEXT)) {
			tui_put(y, x, "—", w, sel && c == s->col ? at : tui_attr(a, C_DIM));
		} else {
			if (c == COL_STATUS && !(sel && c == s->col))
				at |= strcmp(v, "done") == 0    ? tui_attr(a, C_GOOD)
				      : strcmp(v, "doing") == 0 ? tui_attr(a, C_WARN)
				                                : 0;
			tui_put(y, x, v, w, at);
		}
		free(v);
	}
}

/* The detail pane: the whole evidence, next action, decks and stories
 * of the selected row. */
static void
draw_pane(struct app *a, struct gscr *s, const struct layout *L, int cols)
{
	const struct gap_row *r = cur_row(s);
	int y = L->pane_y;
	tui_hline(y, 0, cols, tui_attr(a, C_DIM));
	if (r == NULL)
		return;
	char head[512];
	if (*r->keywords) {
		/* What the job description called it. */
		char *kw = xstrdup(r->keywords);
		for (char *p = kw; *p; p++)
			if (*p == '\n')
				*p = ',';
		snprintf(head, sizeof head, " %d/%zu · %s · asked as: %s ", s->cur + 1, s->rows.n,
		         r->name, kw);
		free(kw);
	} else {
		snprintf(head, sizeof head, " %d/%zu · %s%s ", s->cur + 1, s->rows.n, r->name,
		         r->skill_id ? "" : " · added by you");
	}
	tui_put(y, 2, head, cols - 4, tui_attr(a, C_TITLE));
	const struct {
		const char *label, *text;
		enum col c;
		int rows;
	} f[] = {
		{ "Evidence", r->evidence, COL_EVIDENCE, 2 },
		{ "Next", r->next_action, COL_NEXT, 1 },
		{ "Decks", r->decks, COL_DECKS, 1 },
		{ "Stories", r->stories, COL_STORIES, 1 },
	};
	y++;
	int w = cols - L->pane_x - 1;
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		int mine = s->col == (int)f[i].c;
		tui_put(y, 2, f[i].label, 10,
		        mine ? tui_attr(a, C_ACCENT) | A_BOLD : tui_attr(a, C_DIM));
		if (s->mode == M_EDIT && mine && L->x[f[i].c] < 0) {
			lineedit_draw(&s->le, y, L->pane_x, w, A_NORMAL);
			y += f[i].rows;
			continue;
		}
		const char *t = f[i].text;
		while (*t == ' ')
			t++;
		if (*t == '\0') {
			tui_put(y, L->pane_x,
			        f[i].c == COL_DECKS ? "— (r reviews a linked deck)" : "—", w,
			        tui_attr(a, C_DIM));
			y += f[i].rows;
			continue;
		}
		/* Line by line, as many as fit. */
		for (int k = 0; k < f[i].rows; k++) {
			const char *nl = strchr(t, '\n');
			size_t n = nl ? (size_t)(nl - t) : strlen(t);
			char *line = xstrndup(t, n);
			int more = nl && nl[1] && k == f[i].rows - 1;
			int used = tui_put(y + k, L->pane_x, line, more ? w - 12 : w,
			                   mine ? A_BOLD : A_NORMAL);
			if (more)
				tui_put(y + k, L->pane_x + used + 1, "(more: e)", 11,
				        tui_attr(a, C_DIM));
			free(line);
			if (!nl)
				break;
			t = nl + 1;
		}
		y += f[i].rows;
	}
}

static void
draw_maps(struct app *a, struct gscr *s, const struct layout *L, int cols)
{
	int y = L->table_y - 1;
	int h = L->pane_y - y + 6;
	for (int k = 0; k < h; k++)
		for (int x = 0; x < cols; x++)
			tui_put(y + k, x, " ", 1, A_NORMAL);
	tui_put(y++, 2, "Gap maps — Enter opens · n new · d deletes · u undoes · Esc goes back",
	        cols - 4, tui_attr(a, C_TITLE));
	y++;
	for (size_t i = 0; i < s->nmaps && y < L->hint_y; i++, y++) {
		const struct gap_map *m = &s->maps[i];
		char line[512];
		snprintf(line, sizeof line, "%s %-24s %3d skills %3d gaps  %s",
		         strcmp(m->id, s->map) == 0 ? "*" : " ", m->id, m->nrows, m->ngaps,
		         m->title);
		attr_t at = (int)i == s->mcur ? tui_attr(a, C_SELECT) : A_NORMAL;
		if ((int)i == s->mcur)
			for (int x = 2; x < cols - 2; x++)
				tui_put(y, x, " ", 1, at);
		tui_put(y, 2, line, cols - 4, at);
	}
}

static void
gapmap_draw(struct app *a, void *st, int lines, int cols)
{
	struct gscr *s = st;
	struct layout L;
	compute_layout(lines, cols, &L);
	char buf[512];
	snprintf(buf, sizeof buf, "sort: %s%s%s", gap_sort_name(s->sort),
	         s->filter ? " · filter: " : "", s->filter ? s->filter : "");
	int bw = tui_width(buf);
	if (bw > cols / 2)
		bw = cols / 2;
	tui_put(0, cols - bw - 2, buf, bw, tui_attr(a, C_ACCENT));
	snprintf(buf, sizeof buf, "Gap map · %s", s->info.title ? s->info.title : s->map);
	tui_put(0, 2, buf, cols - bw - 6, tui_attr(a, C_TITLE) | A_BOLD);
	snprintf(buf, sizeof buf, "%s · %d skills · %d gaps (no evidence, or confidence ≤ 2)",
	         s->map, s->info.nrows, s->info.ngaps);
	tui_put(1, 2, buf, cols - 4, tui_attr(a, C_DIM));

	for (int c = 0; c < COL__COUNT; c++)
		if (L.x[c] >= 0)
			tui_put(2, L.x[c], col_title[c], L.w[c],
			        c == s->col ? tui_attr(a, C_ACCENT) | A_BOLD | A_UNDERLINE
			                    : A_UNDERLINE);

	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + L.table_h)
		s->top = s->cur - L.table_h + 1;
	if (s->top < 0)
		s->top = 0;
	for (int i = s->top; i < (int)s->rows.n && i < s->top + L.table_h; i++)
		draw_row(a, s, &L, i, L.table_y + i - s->top);
	if (s->rows.n == 0)
		tui_put(L.table_y, 2,
		        s->filter ? "No row matches the filter (/ to change it)."
		                  : "No rows yet: press a to add a skill.",
		        cols - 4, tui_attr(a, C_DIM));
	if (s->mode == M_EDIT && cur_row(s) && L.x[s->col] >= 0) {
		/* The editor opens on the cell and runs to the right edge, at
		 * least 40 columns wide (over the cells to its left if need be). */
		int x = L.x[s->col];
		if (x > cols - 41)
			x = cols - 41 > 2 ? cols - 41 : 2;
		lineedit_draw(&s->le, L.table_y + s->cur - s->top, x, cols - x - 1, A_NORMAL);
	}
	draw_pane(a, s, &L, cols);
	if (s->mode == M_MAPS || s->mode == M_MAP_CONFIRM)
		draw_maps(a, s, &L, cols);

	int y = L.hint_y;
	const char *prompt = NULL;
	switch (s->mode) {
	case M_ADD:
		prompt = "New skill: ";
		break;
	case M_FILTER:
		prompt = "Filter: ";
		break;
	case M_NEWMAP:
		prompt = "New map title: ";
		break;
	case M_IMPORT:
		prompt = "Job description file: ";
		break;
	case M_IMPORT_AGAIN:
		snprintf(buf, sizeof buf,
		         "'%s' came from a job description of this name: u "
		         "updates it (your edits kept) · n makes another map · Esc cancels",
		         s->import_map);
		tui_wrap(y - 1, 2, cols - 4, 2, buf, tui_attr(a, C_WARN) | A_BOLD);
		return;
	case M_MAP_CONFIRM:
		if (s->mcur < (int)s->nmaps) {
			const struct gap_map *m = &s->maps[s->mcur];
			snprintf(buf, sizeof buf,
			         "Delete the map '%s' (%d skills)? y deletes (u then "
			         "brings it back) · any other key keeps it",
			         m->id, m->nrows);
			tui_wrap(y - 1, 2, cols - 4, 2, buf, tui_attr(a, C_BAD) | A_BOLD);
		}
		return;
	case M_CONFIRM:
		snprintf(buf, sizeof buf,
		         "Delete '%s'? y deletes, any other key keeps it "
		         "(u undoes a delete)",
		         cur_row(s) ? cur_row(s)->name : "");
		tui_put(y, 2, buf, cols - 4, tui_attr(a, C_BAD) | A_BOLD);
		return;
	case M_EDIT:
		tui_put(y, 2,
		        s->col == COL_EVIDENCE || s->col == COL_NEXT
		                ? "Enter saves · Esc cancels · Ctrl-J new line · Ctrl-A/Ctrl-E start/end"
		                : "Enter saves · Esc cancels · Ctrl-A/Ctrl-E start/end · Ctrl-U clears",
		        cols - 4, tui_attr(a, C_DIM));
		return;
	default:
		/* Every key of the map on one line, as long as the width allows. */
		tui_put(y, 2,
		        cols >= 129
		                ? "Enter edit · 1-5 +/- confidence · a add · d delete · "
		                  "f filter · s sort · u undo · m maps · i import a posting · r review deck"
		        : cols >= 100
		                ? "Enter edit · 1-5 conf · a add · d del · f filter · s sort "
		                  "· u undo · m maps · i import · r deck"
		                : "e edit  1-5 conf  a add  d del  f filter  s sort  u undo  m maps  i import",
		        cols - 4, tui_attr(a, C_DIM));
		return;
	}
	int x = 2 + tui_put(y, 2, prompt, cols - 4, tui_attr(a, C_ACCENT) | A_BOLD);
	lineedit_draw(&s->le, y, x, cols - x - 1, A_NORMAL);
}

static void
start_edit(struct app *a, struct gscr *s)
{
	const struct gap_row *r = cur_row(s);
	if (r == NULL) {
		tui_message(a, "No row to edit: press a to add one");
		return;
	}
	static const char *const cats[] = { "technical", "system", "behavioral" };
	static const char *const sts[] = { "todo", "doing", "done" };
	if (s->col == COL_CAT || s->col == COL_STATUS) {
		/* Three values: Enter steps to the next. */
		const char *const *v = s->col == COL_CAT ? cats : sts;
		const char *now = s->col == COL_CAT ? r->category : r->status;
		int k = 0;
		while (k < 3 && strcmp(v[k], now) != 0)
			k++;
		const char *next = v[(k + 1) % 3];
		char *cause = NULL;
		int64_t id = r->id;
		char *name = xstrdup(r->name);
		if (gap_row_set(a->db, id, col_field[s->col], next, &cause) != 0) {
			tui_message(a, "%s", cause);
			free(cause);
		} else {
			tui_message(a, "%s: %s ('%s')", s->col == COL_CAT ? "Category" : "Status",
			            next, name);
		}
		free(name);
		reload(a, s, id);
		return;
	}
	char *v = edit_value(r, (enum col)s->col);
	lineedit_init(&s->le, v, s->col == COL_EVIDENCE || s->col == COL_NEXT, 0);
	free(v);
	s->mode = M_EDIT;
}

static void
finish_edit(struct app *a, struct gscr *s)
{
	const struct gap_row *r = cur_row(s);
	if (r == NULL) {
		lineedit_free(&s->le);
		s->mode = M_NORMAL;
		return;
	}
	int64_t id = r->id;
	char *cause = NULL;
	enum gap_field f = col_field[s->col];
	if (gap_row_set(a->db, id, f, lineedit_text(&s->le), &cause) != 0) {
		/* Stay in the editor so the text can be fixed. */
		tui_message(a, "%s", cause);
		free(cause);
		return;
	}
	tui_message(a, "%s saved ('%s')", gap_field_label(f), r->name);
	lineedit_free(&s->le);
	s->mode = M_NORMAL;
	reload(a, s, id);
}

static void
set_conf(struct app *a, struct gscr *s, int conf)
{
	const struct gap_row *r = cur_row(s);
	if (r == NULL)
		return;
	if (conf < 0)
		conf = 0;
	if (conf > 5)
		conf = 5;
	int64_t id = r->id;
	char *name = xstrdup(r->name);
	char *cause = NULL;
	if (gap_row_set_confidence(a->db, id, conf, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
	} else if (conf) {
		tui_message(a, "Confidence %d/5 saved ('%s')", conf, name);
	} else {
		tui_message(a, "Confidence cleared ('%s')", name);
	}
	free(name);
	reload(a, s, id);
}

static void
open_maps(struct app *a, struct gscr *s)
{
	gap_maps_free(s->maps, s->nmaps);
	gap_maps(a->db, &s->maps, &s->nmaps);
	s->mcur = 0;
	for (size_t i = 0; i < s->nmaps; i++)
		if (strcmp(s->maps[i].id, s->map) == 0)
			s->mcur = (int)i;
	s->mode = M_MAPS;
}

static void switch_map(struct app *a, struct gscr *s, const char *id);

/* Brings back the map deleted last (here, or else the one the store
 * remembers) and shows it. */
static void
restore_map(struct app *a, struct gscr *s)
{
	char *id = s->undo_map ? xstrdup(s->undo_map) : gap_map_last_deleted(a->db);
	free(s->undo_map);
	s->undo_map = NULL;
	if (id == NULL) {
		tui_message(a, "No deleted map to bring back");
		return;
	}
	char *cause = NULL;
	if (gap_map_restore(a->db, id, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
	} else {
		switch_map(a, s, id);
		tui_message(a, "Brought back the map '%s'", id);
	}
	free(id);
}

static void
switch_map(struct app *a, struct gscr *s, const char *id)
{
	free(s->map);
	s->map = xstrdup(id);
	free(s->filter);
	s->filter = NULL;
	s->cur = s->top = 0;
	gap_set_current(a->db, id);
	reload(a, s, 0);
}

/* Imports the job description at path (a leading ~/ is the home
 * directory) and shows the map; a posting imported before asks first
 * (M_IMPORT_AGAIN). A file that cannot be used leaves the prompt open
 * with the reason, so the path can be fixed. */
static void
import_jd(struct app *a, struct gscr *s, const char *path, enum jd_again again)
{
	const char *home = getenv("HOME");
	char *full = path[0] == '~' && path[1] == '/' && home ? xprintf("%s%s", home, path + 1)
	                                                      : xstrdup(path);
	struct jd_result res;
	char *id = NULL, *cause = NULL;
	int added = 0;
	int rc = jd_import(a->db, full, NULL, again, &res, &id, &added, &cause);
	jd_result_free(&res);
	if (rc == JD_EXISTS) {
		free(cause);
		if (s->mode == M_IMPORT)
			lineedit_free(&s->le);
		free(s->import_path);
		free(s->import_map);
		s->import_path = full;
		s->import_map = id;
		s->mode = M_IMPORT_AGAIN;
		return;
	}
	if (rc < 0) {
		tui_message(a, "%s", cause);
		free(cause);
		free(full);
		if (s->mode != M_IMPORT)
			s->mode = M_NORMAL;
		return;
	}
	if (s->mode == M_IMPORT)
		lineedit_free(&s->le);
	s->mode = M_NORMAL;
	switch_map(a, s, id);
	if (rc == 1)
		tui_message(a, "Updated '%s': %d skill%s added, your edits kept", id, added,
		            added == 1 ? "" : "s");
	else
		tui_message(a, "Made the map '%s' with %d skills", id, added);
	free(id);
	free(full);
}

/* Keys while a line editor is open (cell, new row, filter, new map). */
static void
editor_key(struct app *a, struct gscr *s, int key)
{
	enum le_result r = lineedit_key(&s->le, key, !a->key_char);
	if (s->mode == M_FILTER) {
		if (r == LE_CANCEL) {
			free(s->filter);
			s->filter = s->old_filter;
			s->old_filter = NULL;
		} else {
			free(s->filter);
			const char *t = lineedit_text(&s->le);
			s->filter = *t ? xstrdup(t) : NULL;
		}
		reload(a, s, cur_id(s));
		if (r != LE_NONE) {
			free(s->old_filter);
			s->old_filter = NULL;
			lineedit_free(&s->le);
			s->mode = M_NORMAL;
			if (r == LE_SAVE)
				tui_message(a, s->filter ? "%zu row%s match" : "Filter cleared",
				            s->rows.n, s->rows.n == 1 ? "" : "s");
		}
		return;
	}
	if (r == LE_NONE)
		return;
	if (r == LE_CANCEL) {
		lineedit_free(&s->le);
		s->mode = M_NORMAL;
		tui_message(a, "Cancelled; nothing changed");
		return;
	}
	char *cause = NULL;
	if (s->mode == M_IMPORT) {
		char *path = xstrdup(lineedit_text(&s->le));
		if (*path)
			import_jd(a, s, path, JD_ASK);
		free(path);
		return;
	}
	if (s->mode == M_EDIT) {
		finish_edit(a, s);
	} else if (s->mode == M_ADD) {
		int64_t id = gap_row_add(a->db, s->map, lineedit_text(&s->le), NULL, &cause);
		if (id < 0) {
			tui_message(a, "%s", cause);
			free(cause);
			return;
		}
		tui_message(a, "Added '%s' · Enter fills its evidence", lineedit_text(&s->le));
		lineedit_free(&s->le);
		s->mode = M_NORMAL;
		/* A filter could hide the new row; show everything. */
		free(s->filter);
		s->filter = NULL;
		reload(a, s, id);
		s->col = COL_EVIDENCE;
	} else if (s->mode == M_NEWMAP) {
		const char *title = lineedit_text(&s->le);
		char *id = gap_map_unused_id(a->db, title);
		if (gap_map_create(a->db, id, title, "", "user", &cause) != 0) {
			tui_message(a, "%s", cause);
			free(cause);
			free(id);
			return;
		}
		lineedit_free(&s->le);
		s->mode = M_NORMAL;
		switch_map(a, s, id);
		tui_message(a, "Made the map '%s': press a to add skills", title);
		free(id);
	}
}

/* The answer to "import it again?": u updates, n adds another. */
static int
import_again_answer(struct app *a, struct gscr *s, int key)
{
	s->mode = M_NORMAL;
	if (a->key_char && (key == 'u' || key == 'n')) {
		char *path = xstrdup(s->import_path);
		import_jd(a, s, path, key == 'u' ? JD_UPDATE : JD_ANOTHER);
		free(path);
	} else {
		tui_message(a, "Nothing imported");
	}
	return 1;
}

/* The answer to "delete this map?". */
static int
map_delete_answer(struct app *a, struct gscr *s, int key)
{
	s->mode = M_MAPS;
	if (a->key_char && (key == 'y' || key == 'Y') && s->mcur < (int)s->nmaps) {
		char *id = xstrdup(s->maps[s->mcur].id), *cause = NULL;
		if (gap_map_delete(a->db, id, &cause) != 0) {
			tui_message(a, "%s", cause);
			free(cause);
			free(id);
			return 1;
		}
		tui_message(a, "Deleted the map '%s' · u brings it back", id);
		free(s->undo_map);
		s->undo_map = id;
		if (strcmp(s->map, id) == 0) {
			char *cur = gap_current(a->db);
			if (cur != NULL)
				switch_map(a, s, cur);
			free(cur);
		}
		open_maps(a, s);
	} else {
		tui_message(a, "Kept the map");
	}
	return 1;
}

/* The answer to "delete this row?". */
static int
row_delete_answer(struct app *a, struct gscr *s, int key)
{
	s->mode = M_NORMAL;
	if ((key == 'y' || key == 'Y') && a->key_char && cur_row(s)) {
		int64_t id = cur_id(s);
		char *name = xstrdup(cur_row(s)->name), *cause = NULL;
		if (gap_row_delete(a->db, id, &cause) != 0) {
			tui_message(a, "%s", cause);
			free(cause);
		} else {
			tui_message(a, "Deleted '%s' · u undoes", name);
		}
		free(name);
		reload(a, s, 0);
	} else {
		tui_message(a, "Kept it");
	}
	return 1;
}

/* The list of maps: open, make, delete or bring back a map. */
static int
maps_input(struct app *a, struct gscr *s, enum tui_action act, int key)
{
	if (tui_list_move(act, &s->mcur, (int)s->nmaps, 10))
		return 1;
	if ((key == '\r' || key == KEY_ENTER) && s->nmaps > 0) {
		s->mode = M_NORMAL;
		char *title = xstrdup(s->maps[s->mcur].title);
		switch_map(a, s, s->maps[s->mcur].id);
		tui_message(a, "Opened '%s'", title);
		free(title);
	} else if (key == 'n' && a->key_char) {
		lineedit_init(&s->le, NULL, 0, 200);
		s->mode = M_NEWMAP;
	} else if (key == 'd' && a->key_char && s->nmaps > 0) {
		s->mode = M_MAP_CONFIRM;
	} else if (key == 'u' && a->key_char) {
		restore_map(a, s);
		if (s->mode == M_MAPS)
			open_maps(a, s);
	} else if (key == 27 || act == ACT_QUIT || key == 'm') {
		s->mode = M_NORMAL;
	}
	return 1;
}

/* u: brings back a deleted map, else undoes the last change to this map. */
static int
undo_change(struct app *a, struct gscr *s)
{
	if (s->undo_map) {
		restore_map(a, s);
		return 1;
	}
	char *what = NULL;
	int64_t id = cur_id(s), changed = 0;
	if (gap_undo(a->db, s->map, &what, &changed))
		tui_message(a, "Undone: %s", what);
	else
		tui_message(a, "Nothing to undo in this map");
	free(what);
	/* Follow the row the undo changed. */
	reload(a, s, changed ? changed : id);
	return 1;
}

/* Reviews the first deck linked to the selected row. */
static int
review_row_deck(struct app *a, struct gscr *s)
{
	const struct gap_row *r = cur_row(s);
	if (r == NULL)
		return 1;
	char deck[80] = "";
	sscanf(r->decks, " %79s", deck);
	if (deck[0] == '\0') {
		tui_message(a, "No deck linked to '%s': add one in its Decks cell", r->name);
		return 1;
	}
	tui_push(a, &review_screen, &(struct review_start){ .deck = deck });
	return 1;
}

static int
gapmap_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct gscr *s = st;
	switch (s->mode) {
	case M_EDIT:
	case M_ADD:
	case M_FILTER:
	case M_NEWMAP:
	case M_IMPORT:
		editor_key(a, s, key);
		return 1;
	case M_IMPORT_AGAIN:
		return import_again_answer(a, s, key);
	case M_MAP_CONFIRM:
		return map_delete_answer(a, s, key);
	case M_CONFIRM:
		return row_delete_answer(a, s, key);
	case M_MAPS:
		return maps_input(a, s, act, key);
	default:
		break;
	}
	int n = (int)s->rows.n;
	if (tui_list_move(act, &s->cur, n, 10))
		return 1;
	/* A map deleted here can be brought back with u until the next
	 * change. */
	if (act == ACT_GAP_EDIT || act == ACT_GAP_CONF_UP || act == ACT_GAP_CONF_DOWN ||
	    act == ACT_GAP_CONF_SET || act == ACT_GAP_ADD || act == ACT_GAP_DELETE ||
	    act == ACT_GAP_IMPORT) {
		free(s->undo_map);
		s->undo_map = NULL;
	}
	switch (act) {
	case ACT_CLEAR:
		if (s->filter == NULL)
			return 0;
		free(s->filter);
		s->filter = NULL;
		reload(a, s, cur_id(s));
		tui_message(a, "Filter cleared");
		return 1;
	case ACT_GAP_IMPORT:
		lineedit_init(&s->le, NULL, 0, 4096);
		s->mode = M_IMPORT;
		return 1;
	case ACT_GAP_LEFT:
		s->col = (s->col + COL__COUNT - 1) % COL__COUNT;
		return 1;
	case ACT_GAP_RIGHT:
		s->col = (s->col + 1) % COL__COUNT;
		return 1;
	case ACT_GAP_EDIT:
		start_edit(a, s);
		return 1;
	case ACT_GAP_CONF_UP:
		if (cur_row(s))
			set_conf(a, s, cur_row(s)->confidence + 1);
		return 1;
	case ACT_GAP_CONF_DOWN:
		if (cur_row(s) && cur_row(s)->confidence > 1)
			set_conf(a, s, cur_row(s)->confidence - 1);
		else if (cur_row(s))
			tui_message(a, cur_row(s)->confidence ? "Confidence is at its lowest (0 "
			                                        "clears it)"
			                                      : "Not rated yet: + or 1-5 rates it");
		return 1;
	case ACT_GAP_CONF_SET:
		set_conf(a, s, key - '0');
		return 1;
	case ACT_GAP_ADD:
		lineedit_init(&s->le, NULL, 0, 200);
		s->mode = M_ADD;
		return 1;
	case ACT_GAP_DELETE:
		if (cur_row(s))
			s->mode = M_CONFIRM;
		return 1;
	case ACT_GAP_FILTER:
		s->old_filter = s->filter ? xstrdup(s->filter) : NULL;
		lineedit_init(&s->le, s->filter, 0, 200);
		s->mode = M_FILTER;
		return 1;
	case ACT_GAP_SORT:
		s->sort = (enum gap_sort)((s->sort + 1) % GAP_SORT__COUNT);
		reload(a, s, cur_id(s));
		tui_message(a, "Sorted by %s", gap_sort_name(s->sort));
		return 1;
	case ACT_GAP_UNDO:
		return undo_change(a, s);
	case ACT_GAP_MAPS:
		open_maps(a, s);
		return 1;
	case ACT_GAP_REVIEW:
		return review_row_deck(a, s);
	default:
		return 0;
	}
}

static const char *
gapmap_unsaved(struct app *a, void *st)
{
	struct gscr *s = st;
	if ((s->mode == M_EDIT || s->mode == M_ADD || s->mode == M_NEWMAP || s->mode == M_IMPORT) &&
	    lineedit_changed(&s->le))
		return s->mode == M_EDIT     ? "the cell you are editing"
		       : s->mode == M_ADD    ? "the skill you are adding"
		       : s->mode == M_IMPORT ? "the path you are typing"
		                             : "the title of the new map";
	return NULL;
}

const struct screen_ops gapmap_screen = {
	.name = "Gap map",
	.open = gapmap_open,
	.close = gapmap_close,
	.draw = gapmap_draw,
	.input = gapmap_input,
	.keys = gapmap_keys,
	.resume = gapmap_resume,
	.unsaved = gapmap_unsaved,
};

/* The Today section: a title line, the three weakest gaps of the
 * current map, a blank line. */
static int
gap_today_draw(struct app *a, void *st, int y, int lines, int cols)
{
	(void)st;
	(void)lines;
	char *id = gap_current(a->db);
	struct gap_map m;
	if (id == NULL || gap_map_get(a->db, id, &m, NULL) != 0) {
		tui_put(y++, 2, "Skills gaps", cols - 4, tui_attr(a, C_TITLE));
		tui_put(y++, 4, "No gap map yet: g, then i imports a job description as one.",
		        cols - 8, tui_attr(a, C_DIM));
		free(id);
		return y + 1;
	}
	char buf[512];
	snprintf(buf, sizeof buf, " · %d gap%s in %d skills", m.ngaps, m.ngaps == 1 ? "" : "s",
	         m.nrows);
	int cw = tui_width(buf);
	int used = tui_put(y, 2, "Skills gaps · ", cols - 4, tui_attr(a, C_TITLE));
	int room = cols - 20 - used - cw;
	used += tui_put(y, 2 + used, m.title, room, tui_attr(a, C_TITLE));
	tui_put(y, 2 + used, buf, cw, tui_attr(a, C_DIM));
	tui_put(y++, cols - 16, "g  gap map", 14, tui_attr(a, C_ACCENT));
	struct gap_rows w;
	gap_weakest(a->db, id, 3, &w);
	if (w.n == 0) {
		tui_put(y++, 4, "No gaps: every skill has evidence and confidence 3 or more.",
		        cols - 8, tui_attr(a, C_GOOD));
	} else {
		int x = 4;
		x += tui_put(y, x, "Weakest: ", cols - x - 2, tui_attr(a, C_DIM));
		for (size_t i = 0; i < w.n && x < cols - 4; i++) {
			if (i)
				x += tui_put(y, x, "  ·  ", cols - x - 2, tui_attr(a, C_DIM));
			x += tui_put(y, x, w.v[i].name, cols - x - 2, A_BOLD);
			if (w.v[i].confidence)
				snprintf(buf, sizeof buf, " %d/5", w.v[i].confidence);
			else
				snprintf(buf, sizeof buf, " –");
			x += tui_put(y, x, buf, cols - x - 2, conf_attr(a, w.v[i].confidence));
		}
		y++;
	}
	gap_rows_free(&w);
	gap_map_clear(&m);
	free(id);
	return y + 1;
}

/* clang-format off */
const struct today_section gap_today_section = {
	.name = "Skills gaps",
	.draw = gap_today_draw,
};
/* clang-format on */
