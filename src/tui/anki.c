/* The Anki screen: import a package (a path prompt with Tab completion,
 * a progress line while it reads, the summary as a page) or export decks
 * (pick decks, with or without history, then a file name). */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "anki.h"
#include "lineedit.h"
#include "review.h"
#include "tui/app.h"
#include "util.h"

enum amode { A_MENU, A_IMPORT_PATH, A_DECKS, A_EXPORT_PATH, A_RESULT };

struct ascr {
	enum amode mode;
	struct lineedit le;
	char *matches; /* completion candidates shown under the prompt */
	struct review_deck_due *decks;
	size_t ndecks;
	char *picked; /* one flag per deck */
	int cur, top, history;
	char *result; /* summary or error text */
	int result_ok, scroll;
};

static const struct tui_key anki_keys[] = {
	{ 'i', ACT_SELECT, "i", "Import an Anki package (.apkg, .colpkg)" },
	{ 'e', ACT_OPEN, "e", "Export decks as an .apkg for Anki and phones" },
	{ ' ', ACT_TOGGLE, "Space", "Pick or unpick the deck (export)" },
	{ 'h', ACT_NONE, "h", "With or without review history (export)" },
	{ '\t', ACT_NONE, "Tab", "Complete the file name (path prompt)" },
	{ '\r', ACT_NONE, "Enter", "Go on: read the path, or export the picked decks" },
	{ KEY_UP, ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, NULL, NULL },
	{ 'k', ACT_UP, NULL, NULL },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static void *
anki_open(struct app *a, const void *arg)
{
	struct ascr *s = xcalloc(1, sizeof *s);
	s->mode = A_MENU;
	if (arg && strcmp(arg, "import") == 0) {
		lineedit_init(&s->le, NULL, 0, 4096);
		s->mode = A_IMPORT_PATH;
	}
	return s;
}

static void
free_decks(struct ascr *s)
{
	review_due_free(s->decks, s->ndecks);
	s->decks = NULL;
	s->ndecks = 0;
	free(s->picked);
	s->picked = NULL;
}

static void
anki_close(struct app *a, void *st)
{
	struct ascr *s = st;
	if (s->mode == A_IMPORT_PATH || s->mode == A_EXPORT_PATH)
		lineedit_free(&s->le);
	free_decks(s);
	free(s->matches);
	free(s->result);
	free(s);
}

/* Expands a leading ~/ to $HOME. Caller frees. */
static char *
expand(const char *path)
{
	const char *home = getenv("HOME");
	if (path[0] == '~' && path[1] == '/' && home)
		return xprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

/* Tab: completes the last path component as far as the matches agree,
 * and lists them when there are several. */
static void
complete(struct ascr *s)
{
	char *full = expand(lineedit_text(&s->le));
	const char *typed = lineedit_text(&s->le);
	char *slash = strrchr(full, '/');
	char *dir = slash ? xstrndup(full, (size_t)(slash - full + 1)) : xstrdup("./");
	const char *base = slash ? slash + 1 : full;
	size_t bl = strlen(base);
	DIR *d = opendir(*dir ? dir : "/");
	free(s->matches);
	s->matches = NULL;
	if (d == NULL) {
		free(full);
		free(dir);
		return;
	}
	struct sbuf list;
	sbuf_init(&list);
	char *common = NULL;
	int n = 0, isdir = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, base, bl) != 0 || strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 || (e->d_name[0] == '.' && bl == 0))
			continue;
		n++;
		if (list.len < 600) {
			sbuf_add(&list, e->d_name);
			sbuf_add(&list, "  ");
		}
		if (common == NULL) {
			common = xstrdup(e->d_name);
			char *p = xprintf("%s%s", dir, e->d_name);
			struct stat st;
			isdir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
			free(p);
		} else {
			size_t k = 0;
			while (common[k] && common[k] == e->d_name[k])
				k++;
			common[k] = '\0';
		}
	}
	closedir(d);
	if (common && strlen(common) > bl) {
		/* Keep what was typed (a ~ stays a ~) and add the rest. */
		char *t = xprintf("%s%s%s", typed, common + bl, n == 1 && isdir ? "/" : "");
		lineedit_free(&s->le);
		lineedit_init(&s->le, t, 0, 4096);
		free(t);
	} else if (n == 1 && isdir && typed[0] && typed[strlen(typed) - 1] != '/') {
		char *t = xprintf("%s/", typed);
		lineedit_free(&s->le);
		lineedit_init(&s->le, t, 0, 4096);
		free(t);
	}
	if (n > 1)
		s->matches = sbuf_take(&list);
	else
		sbuf_free(&list);
	free(common);
	free(full);
	free(dir);
}

/* Draws the progress line straight away: the import runs inside one key
 * press, so the main loop cannot redraw meanwhile. */
static void
progress(void *ctx, const char *what, int64_t done, int64_t total)
{
	int *last = ctx;
	int pct = total > 0 ? (int)(done * 100 / total) : (int)(done / 1000);
	if (pct == *last)
		return;
	*last = pct;
	char line[128];
	if (total > 0)
		snprintf(line, sizeof line, "%s... %d%%", what, pct > 100 ? 100 : pct);
	else
		snprintf(line, sizeof line, "%s... %lld", what, (long long)done);
	move(LINES - 2, 0);
	clrtoeol();
	tui_put(LINES - 2, 2, line, COLS - 4, A_BOLD);
	refresh();
}

static void
show_result(struct ascr *s, char *text, int ok)
{
	free(s->result);
	s->result = text;
	s->result_ok = ok;
	s->scroll = 0;
	s->mode = A_RESULT;
}

static void
run_import(struct app *a, struct ascr *s)
{
	char *path = expand(lineedit_text(&s->le));
	lineedit_free(&s->le);
	free(s->matches);
	s->matches = NULL;
	if (*path == '\0') {
		free(path);
		s->mode = A_MENU;
		return;
	}
	size_t n = strlen(path);
	int last = -2;
	struct anki_import_opts o = {
		.collection = n > 7 && strcmp(path + n - 7, ".colpkg") == 0,
		.now = now_unix(),
		.progress = progress,
		.ctx = &last,
	};
	struct anki_summary sum;
	char *cause = NULL;
	progress(&last, "Opening", 0, 0);
	if (anki_import(a->db, path, &o, &sum, &cause) == 0) {
		char *t = anki_summary_text(&sum);
		show_result(s, xprintf("Imported %s\n\n%s", path, t), 1);
		free(t);
	} else {
		show_result(
		        s,
		        xprintf("Could not import %s\n\n%s\n\nNothing was imported.", path, cause),
		        0);
		free(cause);
	}
	free(path);
}

static void
run_export(struct app *a, struct ascr *s)
{
	char *path = expand(lineedit_text(&s->le));
	lineedit_free(&s->le);
	char **ids = xcalloc(s->ndecks + 1, sizeof *ids);
	size_t k = 0;
	for (size_t i = 0; i < s->ndecks; i++)
		if (s->picked[i])
			ids[k++] = s->decks[i].deck_id;
	struct anki_export_counts n;
	char *cause = NULL;
	if (*path == '\0') {
		show_result(s, xstrdup("No file name given; nothing was written."), 0);
	} else if (anki_export(a->db, ids, k, path, s->history, now_unix(), &n, &cause) == 0) {
		show_result(s,
		            xprintf("Wrote %s\n\n%d deck%s, %d note%s, %d card%s, %lld review%s"
		                    "%s.\n\nOpen it with Anki, AnkiDroid or AnkiMobile "
		                    "(File > Import).",
		                    path, n.decks, n.decks == 1 ? "" : "s", n.notes,
		                    n.notes == 1 ? "" : "s", n.cards, n.cards == 1 ? "" : "s",
		                    (long long)n.reviews, n.reviews == 1 ? "" : "s",
		                    s->history ? " with due dates" : ""),
		            1);
	} else {
		show_result(s, xprintf("Could not export\n\n%s\n\nNothing was written.", cause), 0);
		free(cause);
	}
	free(ids);
	free(path);
	free_decks(s);
}

static void
open_decks(struct app *a, struct ascr *s)
{
	struct review_counts total;
	free_decks(s);
	s->decks = review_due(a->db, now_unix(), &s->ndecks, &total);
	s->picked = xcalloc(s->ndecks + 1, 1);
	s->cur = s->top = 0;
	s->mode = A_DECKS;
}

/* Draws text wrapped at spaces into rows y.. of width w; returns the
 * next free row. Skips the first `skip` rows. */
static int
wrap(int y, int x, int w, int ymax, const char *text, attr_t at, int skip)
{
	const char *p = text;
	while (*p && y < ymax) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t take = len;
		if ((int)take > w) {
			take = (size_t)w;
			while (take > 0 && p[take] != ' ')
				take--;
			if (take == 0)
				take = (size_t)w;
		}
		if (skip > 0) {
			skip--;
		} else {
			char *line = xstrndup(p, take);
			tui_put(y++, x, line, w, at);
			free(line);
		}
		p += take;
		if (take == len && nl)
			p++;
		else
			while (*p == ' ')
				p++;
	}
	return y;
}

static void
anki_draw(struct app *a, void *st, int lines, int cols)
{
	struct ascr *s = st;
	tui_put(1, 2, "Anki: bring decks in, take decks to your phone", cols - 4,
	        tui_attr(a, C_TITLE));
	int y = 3;
	switch (s->mode) {
	case A_MENU:
		tui_put(y++, 4, "i  Import an Anki package (.apkg or .colpkg), history included",
		        cols - 8, A_NORMAL);
		tui_put(y++, 4, "e  Export decks as an .apkg for Anki, AnkiDroid or AnkiMobile",
		        cols - 8, A_NORMAL);
		y++;
		wrap(y, 4, cols - 8, lines - 2,
		     "Imported Anki decks are yours: a curriculum "
		     "import never retires them. Importing the same file again changes nothing; "
		     "a newer export adds only the new reviews. See doc/anki.md.",
		     tui_attr(a, C_DIM), 0);
		break;
	case A_IMPORT_PATH:
	case A_EXPORT_PATH:
		tui_put(y++, 4,
		        s->mode == A_IMPORT_PATH ? "Package to import (Tab completes, "
		                                   "Enter imports, Esc cancels):"
		                                 : "Write the package to (Enter exports, "
		                                   "Esc cancels):",
		        cols - 8, A_NORMAL);
		y++;
		tui_put(y, 4, "> ", 2, A_BOLD);
		lineedit_draw(&s->le, y, 6, cols - 10, A_NORMAL);
		y += 2;
		if (s->matches)
			wrap(y, 4, cols - 8, lines - 3, s->matches, tui_attr(a, C_DIM), 0);
		break;
	case A_DECKS: {
		tui_put(y++, 4, "Pick the decks to export (Space), then Enter:", cols - 8,
		        A_NORMAL);
		char h[80];
		snprintf(h, sizeof h, "[%c] with review history and due dates (h)",
		         s->history ? 'x' : ' ');
		tui_put(y++, 4, h, cols - 8, s->history ? A_BOLD : tui_attr(a, C_DIM));
		y++;
		int rows = lines - 2 - y;
		if (s->cur < s->top)
			s->top = s->cur;
		if (s->cur >= s->top + rows)
			s->top = s->cur - rows + 1;
		for (int i = s->top; i < (int)s->ndecks && y < lines - 2; i++) {
			char *line = xprintf("[%c] %s  (%s)", s->picked[i] ? 'x' : ' ',
			                     s->decks[i].title, s->decks[i].deck_id);
			tui_put(y++, 4, line, cols - 8,
			        i == s->cur ? tui_attr(a, C_SELECT) : A_NORMAL);
			free(line);
		}
		if (s->ndecks == 0)
			tui_put(y, 4, "No decks yet.", cols - 8, tui_attr(a, C_DIM));
		break;
	}
	case A_RESULT:
		wrap(y, 4, cols - 8, lines - 2, s->result,
		     s->result_ok ? A_NORMAL : tui_attr(a, C_BAD), s->scroll);
		break;
	}
}

static int
anki_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct ascr *s = st;
	switch (s->mode) {
	case A_MENU:
		if (act == ACT_SELECT) {
			lineedit_init(&s->le, NULL, 0, 4096);
			s->mode = A_IMPORT_PATH;
			return 1;
		}
		if (act == ACT_OPEN) {
			open_decks(a, s);
			return 1;
		}
		return 0;
	case A_IMPORT_PATH:
	case A_EXPORT_PATH: {
		if (a->key_char && key == '\t') {
			if (s->mode == A_IMPORT_PATH)
				complete(s);
			return 1;
		}
		enum le_result r = lineedit_key(&s->le, key, !a->key_char);
		if (r == LE_CANCEL) {
			lineedit_free(&s->le);
			free(s->matches);
			s->matches = NULL;
			if (s->mode == A_EXPORT_PATH)
				free_decks(s);
			s->mode = A_MENU;
		} else if (r == LE_SAVE) {
			if (s->mode == A_IMPORT_PATH)
				run_import(a, s);
			else
				run_export(a, s);
		}
		return 1;
	}
	case A_DECKS:
		if (tui_list_move(act, &s->cur, (int)s->ndecks, 10))
			return 1;
		if (act == ACT_TOGGLE && s->ndecks > 0) {
			s->picked[s->cur] = !s->picked[s->cur];
			return 1;
		}
		if (a->key_char && key == 'h') {
			s->history = !s->history;
			return 1;
		}
		if (a->key_char && (key == '\r' || key == '\n')) {
			size_t k = 0;
			for (size_t i = 0; i < s->ndecks; i++)
				k += s->picked[i] != 0;
			if (k == 0) {
				tui_message(a, "Pick at least one deck with Space");
				return 1;
			}
			const char *home = getenv("HOME");
			char *def = xprintf("%s/prepdeck-%s.apkg", home ? "~" : ".",
			                    k == 1 ? s->decks[s->cur].deck_id : "decks");
			for (size_t i = 0; k == 1 && i < s->ndecks; i++)
				if (s->picked[i]) {
					free(def);
					def = xprintf("%s/prepdeck-%s.apkg", home ? "~" : ".",
					              s->decks[i].deck_id);
				}
			lineedit_init(&s->le, def, 0, 4096);
			free(def);
			s->mode = A_EXPORT_PATH;
			return 1;
		}
		if (act == ACT_QUIT) {
			free_decks(s);
			s->mode = A_MENU;
			return 1;
		}
		return 0;
	case A_RESULT:
		if (act == ACT_DOWN || act == ACT_UP)
			return tui_scroll_move(act, &s->scroll, 10);
		if (act == ACT_QUIT || (a->key_char && (key == '\r' || key == 27))) {
			s->mode = A_MENU;
			return 1;
		}
		return 0;
	}
	return 0;
}

const struct screen_ops anki_screen = {
	.name = "Anki",
	.open = anki_open,
	.close = anki_close,
	.draw = anki_draw,
	.input = anki_input,
	.keys = anki_keys,
};
