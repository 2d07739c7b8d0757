#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "paths.h"
#include "tui/app.h"
#include "util.h"

#define TUI_ACTION_HELP(name, help) help,
const char *const tui_action_help[ACT__COUNT] = { TUI_ACTIONS(TUI_ACTION_HELP) };
#undef TUI_ACTION_HELP

/* Keys every screen understands, after its own. */
static const struct tui_key global_keys[] = {
	{ 'q', ACT_QUIT, "q", NULL },
	{ '?', ACT_HELP, "?", NULL },
	{ KEY_F(1), ACT_HELP, "F1", NULL },
	{ KEY_UP, ACT_UP, "Up/k", NULL },
	{ 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, "Down/j", NULL },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ KEY_PPAGE, ACT_PGUP, "PgUp", NULL },
	{ KEY_NPAGE, ACT_PGDOWN, "PgDn", NULL },
	{ KEY_HOME, ACT_TOP, "Home/g", NULL },
	{ 'g', ACT_TOP, NULL, NULL },
	{ KEY_END, ACT_BOTTOM, "End/G", NULL },
	{ 'G', ACT_BOTTOM, NULL, NULL },
	{ 12, ACT_REDRAW, "Ctrl-L", NULL },
	{ '/', ACT_BROWSE, "/", NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

attr_t
tui_attr(struct app *a, enum tui_color c)
{
	if (a->color)
		return (attr_t)COLOR_PAIR(c) | (c == C_TITLE ? A_BOLD : A_NORMAL);
	switch (c) {
	case C_TITLE:
		return A_BOLD;
	case C_DIM:
		return A_DIM;
	case C_SELECT:
		return A_REVERSE;
	case C_BAD:
	case C_ACCENT:
		return A_BOLD;
	default:
		return A_NORMAL;
	}
}

void
tui_message(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
}

int
tui_width(const char *s)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	int w = 0;
	size_t len = strlen(s);
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			s++;
			len--;
			w++;
			continue;
		}
		if (n == 0)
			break;
		int cw = wcwidth(wc);
		w += cw > 0 ? cw : 0;
		s += n;
		len -= n;
	}
	return w;
}

int
tui_put(int y, int x, const char *s, int width, attr_t attr)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	int used = 0;
	size_t len = strlen(s);
	move(y, x);
	attron(attr);
	while (len > 0 && used < width) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			wc = L'?';
			n = 1;
		}
		if (n == 0)
			break;
		if (wc == L'\t' || wc == L'\n' || wc == L'\r')
			wc = L' ';
		int cw = wcwidth(wc);
		if (cw < 0) {
			wc = L'?';
			cw = 1;
		}
		if (used + cw > width)
			break;
		if (cw > 0 || used > 0) {
			cchar_t cc;
			wchar_t str[2] = { wc, L'\0' };
			setcchar(&cc, str, 0, 0, NULL);
			add_wch(&cc);
		}
		used += cw;
		s += n;
		len -= n;
	}
	attroff(attr);
	return used;
}

int
tui_list_move(enum tui_action act, int *cur, int n, int page)
{
	int last = n > 0 ? n - 1 : 0;
	switch (act) {
	case ACT_UP:
		if (*cur > 0)
			(*cur)--;
		return 1;
	case ACT_DOWN:
		if (*cur + 1 < n)
			(*cur)++;
		return 1;
	case ACT_PGUP:
		*cur = *cur > page ? *cur - page : 0;
		return 1;
	case ACT_PGDOWN:
		*cur = *cur + page < n ? *cur + page : last;
		return 1;
	case ACT_TOP:
		*cur = 0;
		return 1;
	case ACT_BOTTOM:
		*cur = last;
		return 1;
	default:
		return 0;
	}
}

void
tui_hline(int y, int x, int n, attr_t attr)
{
	const char *rule = MB_CUR_MAX > 1 ? "\xe2\x94\x80" : "-";
	move(y, x);
	for (int i = 0; i < n; i++)
		tui_put(y, x + i, rule, 1, attr);
}

int
tui_push(struct app *a, const struct screen_ops *ops, const char *arg)
{
	if (a->depth >= (int)(sizeof a->stack / sizeof a->stack[0]))
		return -1;
	void *st = ops->open(a, arg);
	if (st == NULL)
		return -1;
	a->stack[a->depth].ops = ops;
	a->stack[a->depth].st = st;
	a->depth++;
	return 0;
}

void
tui_pop(struct app *a)
{
	if (a->depth == 0)
		return;
	a->depth--;
	struct frame *f = &a->stack[a->depth];
	if (f->ops->close)
		f->ops->close(a, f->st);
	a->tick_ms = 0;
	if (a->depth > 0) {
		f = &a->stack[a->depth - 1];
		if (f->ops->resume)
			f->ops->resume(a, f->st);
	}
}

static void
draw_status(struct app *a, int lines, int cols)
{
	const struct frame *f = &a->stack[a->depth - 1];
	attron(A_REVERSE);
	move(lines - 1, 0);
	for (int i = 0; i < cols; i++)
		addch(' ');
	char left[128];
	snprintf(left, sizeof left, " prepdeck · %s ", f->ops->name);
	int used = tui_put(lines - 1, 0, left, cols, A_REVERSE | A_BOLD);
	const char *right = "? help  q back ";
	if (a->depth == 1)
		right = "? help  q quit ";
	int rw = tui_width(right);
	if (a->status[0])
		tui_put(lines - 1, used + 1, a->status, cols - used - rw - 2, A_REVERSE);
	if (cols - rw > used)
		tui_put(lines - 1, cols - rw, right, rw, A_REVERSE);
	attroff(A_REVERSE);
}

static int
key_label_width(const struct tui_key *k)
{
	return k->label ? tui_width(k->label) : 0;
}

/* The help overlay lists the current screen's keys, then the shared
 * ones, from the same tables the input handler uses. */
static void
draw_help(struct app *a, int lines, int cols)
{
	const struct frame *f = &a->stack[a->depth - 1];
	const struct tui_key *tables[2] = { f->ops->keys, global_keys };
	const char *heads[2] = { f->ops->name, "Everywhere" };
	int w = cols - 8 < 72 ? cols - 8 : 72;
	int h = lines - 4;
	int x0 = (cols - w) / 2, y0 = 2;
	for (int y = y0; y < y0 + h; y++) {
		move(y, x0);
		for (int x = 0; x < w; x++)
			addch(' ' | A_REVERSE);
	}
	int row = 0, y = y0 + 1;
	for (int t = 0; t < 2; t++) {
		if (tables[t] == NULL)
			continue;
		if (row++ >= a->help_scroll && y < y0 + h - 1) {
			char head[80];
			snprintf(head, sizeof head, "%s keys", heads[t]);
			tui_put(y++, x0 + 2, head, w - 4, A_REVERSE | A_BOLD);
		}
		for (const struct tui_key *k = tables[t]; k->key || k->action; k++) {
			if (k->label == NULL)
				continue;
			if (row++ < a->help_scroll || y >= y0 + h - 1)
				continue;
			const char *help = k->help ? k->help : tui_action_help[k->action];
			tui_put(y, x0 + 4, k->label, 12, A_REVERSE | A_BOLD);
			tui_put(y, x0 + 4 + (key_label_width(k) > 12 ? key_label_width(k) + 1 : 13),
			        help, w - 19, A_REVERSE);
			y++;
		}
		if (y < y0 + h - 1)
			y++;
	}
	tui_put(y0 + h - 1, x0 + 2, "Up/Down scroll; any other key closes this help.", w - 4,
	        A_REVERSE | A_DIM);
}

static void
draw_too_small(int lines, int cols)
{
	char msg[160];
	snprintf(msg, sizeof msg, "Terminal too small: %dx%d.", cols, lines);
	const char *need = "prepdeck needs at least 80x24. Enlarge the window, or press q to quit.";
	int y = lines / 2 - 1;
	if (y < 0)
		y = 0;
	tui_put(y, 0, msg, cols, A_BOLD);
	if (y + 1 < lines)
		tui_put(y + 1, 0, need, cols, A_NORMAL);
}

static void
draw(struct app *a)
{
	erase();
	int lines = LINES, cols = COLS;
	if (lines < TUI_MIN_LINES || cols < TUI_MIN_COLS) {
		draw_too_small(lines, cols);
	} else {
		struct frame *f = &a->stack[a->depth - 1];
		f->ops->draw(a, f->st, lines - 1, cols);
		draw_status(a, lines, cols);
		if (a->help)
			draw_help(a, lines, cols);
	}
	refresh();
}

static enum tui_action
lookup_key(const struct tui_key *t, int key)
{
	for (; t && (t->key || t->action); t++)
		if (t->key == key)
			return t->action;
	return ACT_NONE;
}

static void
leave_curses(void)
{
	if (!isendwin())
		endwin();
}

static void
init_colors(struct app *a)
{
	const char *nc = getenv("NO_COLOR");
	a->color = has_colors() && !(nc && *nc);
	if (!a->color)
		return;
	start_color();
	use_default_colors();
	init_pair(C_TITLE, COLOR_CYAN, -1);
	init_pair(C_DIM, COLOR_BLUE, -1);
	init_pair(C_GOOD, COLOR_GREEN, -1);
	init_pair(C_WARN, COLOR_YELLOW, -1);
	init_pair(C_BAD, COLOR_RED, -1);
	init_pair(C_ACCENT, COLOR_MAGENTA, -1);
	init_pair(C_SELECT, COLOR_BLACK, COLOR_CYAN);
}

/* get_wch, but reading UTF-8 itself: a byte that is not part of valid
 * UTF-8 is dropped alone, with a message, where get_wch would swallow
 * the keys typed after it. */
static int
read_key(struct app *a, wint_t *wch)
{
	int c = getch();
	if (c == ERR)
		return ERR;
	if (c >= KEY_MIN) {
		*wch = (wint_t)c;
		return KEY_CODE_YES;
	}
	if (c < 0x80 || MB_CUR_MAX == 1) {
		*wch = (wint_t)c;
		return OK;
	}
	int need = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 && c <= 0xef ? 2 :
	           c >= 0xc2 && c <= 0xdf ? 1 : 0;
	char buf[5] = { (char)c };
	int n = 1;
	timeout(100);
	for (; n <= need; n++) {
		int d = getch();
		if (d == ERR || d >= KEY_MIN || (d & 0xc0) != 0x80) {
			if (d != ERR)
				ungetch(d);
			break;
		}
		buf[n] = (char)d;
	}
	wchar_t w;
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	if (need == 0 || n <= need || utf8_invalid_at(buf, (size_t)n) >= 0 ||
	    mbrtowc(&w, buf, (size_t)n, &ps) != (size_t)n) {
		tui_message(a, "Ignored input that is not UTF-8 (is the terminal set to UTF-8?)");
		return ERR;
	}
	*wch = (wint_t)w;
	return OK;
}

int
tui_main(struct cli *c, enum tui_start start, const char *arg)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "prepdeck: the interactive program needs a terminal; "
		        "see 'prepdeck --help' for the commands that work without one\n");
		return EXIT_USER;
	}
	char *cause = NULL;
	char *path = paths_db(c->dbflag, &cause);
	if (path == NULL)
		die(EXIT_USER, "%s", cause);
	int lock = paths_lock(path, &cause);
	free(path);
	if (lock == -1) {
		fprintf(stderr, "prepdeck: %s\n", cause);
		free(cause);
		return EXIT_USER;
	}
	struct app a;
	memset(&a, 0, sizeof a);
	a.cli = c;
	a.db = cli_db(c);

	const char *term = getenv("TERM");
	SCREEN *scr = newterm(term && *term ? term : NULL, stdout, stdin);
	if (scr == NULL) {
		fprintf(stderr, "prepdeck: cannot use terminal type '%s'; set TERM\n",
		        term ? term : "");
		return EXIT_USER;
	}
	db_set_fatal_hook(leave_curses);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	init_colors(&a);

	int rc = 0;
	/* `prepdeck review` opens on the review screen alone, so leaving it
	 * returns to the shell. */
	if (start == TUI_START_REVIEW)
		rc = tui_push(&a, &review_screen, arg);
	else if (start == TUI_START_REHEARSE)
		rc = tui_push(&a, &rehearse_screen, arg);
	else
		rc = tui_push(&a, &today_screen, NULL);
	if (rc == 0)
		cardedit_restore_draft(&a);
	while (rc == 0 && a.depth > 0 && !a.quit) {
		draw(&a);
		timeout(a.tick_ms > 0 ? a.tick_ms : -1);
		wint_t wch;
		int r = read_key(&a, &wch);
		struct frame *f = &a.stack[a.depth - 1];
		if (r == ERR) {
			if (f->ops->tick)
				f->ops->tick(&a, f->st);
			continue;
		}
		int key = (int)wch;
		if (r == KEY_CODE_YES && key == KEY_RESIZE)
			continue;
		a.key_char = r != KEY_CODE_YES;
		if (LINES < TUI_MIN_LINES || COLS < TUI_MIN_COLS) {
			if (key == 'q' || key == 27)
				a.quit = 1;
			continue;
		}
		if (a.help) {
			if (r == KEY_CODE_YES && key == KEY_DOWN)
				a.help_scroll++;
			else if (r == KEY_CODE_YES && key == KEY_UP && a.help_scroll > 0)
				a.help_scroll--;
			else
				a.help = 0;
			continue;
		}
		a.status[0] = '\0';
		enum tui_action act = lookup_key(f->ops->keys, key);
		if (act == ACT_NONE)
			act = lookup_key(global_keys, key);
		/* A character whose code equals a KEY_* value is not that key. */
		if (a.key_char && key >= KEY_MIN)
			act = ACT_NONE;
		if (r != KEY_CODE_YES && key < 32 && key != 12 && key != 27 &&
		    key != '\r' && key != '\n' && key != '\t' && key != 127 && key != 8)
			act = ACT_NONE;
		if (f->ops->input(&a, f->st, act, key))
			continue;
		switch (act) {
		case ACT_QUIT:
			tui_pop(&a);
			break;
		case ACT_HELP:
			a.help = 1;
			a.help_scroll = 0;
			break;
		case ACT_REDRAW:
			clearok(stdscr, TRUE);
			break;
		case ACT_BROWSE:
			tui_push(&a, &browser_screen, NULL);
			break;
		default:
			break;
		}
	}
	while (a.depth > 0)
		tui_pop(&a);
	endwin();
	delscreen(scr);
	db_set_fatal_hook(NULL);
	if (lock >= 0)
		close(lock);
	return EXIT_OK;
}
