#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "cards.h"
#include "tui/app.h"
#include "util.h"

attr_t
tui_italic(void)
{
#ifdef A_ITALIC
	if (term_attrs() & A_ITALIC)
		return A_ITALIC;
#endif
	return A_UNDERLINE;
}

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
	return str_width(s);
}

/* Draws the first len bytes of s from (y, x); returns the columns used. */
static int
put_span(int y, int x, const char *s, size_t len, attr_t attr)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	int used = 0;
	move(y, x);
	attron(attr);
	while (len > 0) {
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
tui_put(int y, int x, const char *s, int width, attr_t attr)
{
	int cut;
	size_t n = str_fit(s, width, &cut);
	int used = put_span(y, x, s, n, attr);
	if (cut)
		used += put_span(y, x + used, str_ellipsis(), strlen(str_ellipsis()), attr);
	return used;
}

int
tui_wrap(int y, int x, int w, int maxrows, const char *text, attr_t attr)
{
	int row = 0;
	const char *p = text;
	while (*p && row < maxrows) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		/* Take whole words while they fit. */
		const char *end = p, *q = p;
		while (*q && *q != '\n') {
			while (*q && *q != ' ' && *q != '\n')
				q++;
			char *cand = xstrndup(p, (size_t)(q - p));
			int fits = str_width(cand) <= w;
			free(cand);
			if (!fits) {
				if (end == p)
					end = q; /* one word wider than the line: cut */
				break;
			}
			end = q;
			while (*q == ' ')
				q++;
		}
		/* The last row that fits shows where text was left out. */
		const char *rest = end;
		while (*rest == ' ' || *rest == '\n')
			rest++;
		char *line = xstrndup(
		        p, (size_t)((row + 1 == maxrows && *rest ? rest + strlen(rest) : end) - p));
		tui_put(y + row, x, line, w, attr);
		free(line);
		row++;
		p = end;
		if (*p == '\n')
			p++;
	}
	return row;
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

int
tui_scroll_move(enum tui_action act, int *top, int page)
{
	/* A list longer than any text drawn: End goes past the end and the
	 * draw pulls it back. */
	return tui_list_move(act, top, (1 << 20) + 1, page);
}

void
tui_hline(int y, int x, int n, attr_t attr)
{
	const char *rule = locale_utf8() ? "\xe2\x94\x80" : "-";
	move(y, x);
	for (int i = 0; i < n; i++)
		tui_put(y, x + i, rule, 1, attr);
}

/* A screen whose keys would change the meaning of another key is a
 * programming error: stop before it can mislead anyone. */
static void
check_keys(const struct screen_ops *ops)
{
	const struct tui_key *other, *k = tui_keys_conflict(ops->keys, tui_global_keys, &other);
	if (k == NULL)
		return;
	if (!isendwin())
		endwin();
	fprintf(stderr,
	        "prepdeck: internal error: on the %s screen, key %d (%s) clashes "
	        "with %s\n",
	        ops->name, k->key, k->help ? k->help : tui_action_help[k->action],
	        other->help ? other->help : tui_action_help[other->action]);
	abort();
}

int
tui_push(struct app *a, const struct screen_ops *ops, const void *arg)
{
	check_keys(ops);
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
	if (a->keys_hint)
		right = a->keys_hint;
	int rw = tui_width(right);
	if (a->confirm) {
		char q[256];
		snprintf(q, sizeof q, " %s, losing %s? y %s · other keys go back ",
		         a->confirm == 1 ? "Quit" : "Leave", a->confirm_what,
		         a->confirm == 1 ? "quits" : "leaves");
		tui_put(lines - 1, 0, q, cols, tui_attr(a, C_WARN) | A_REVERSE | A_BOLD);
		attroff(A_REVERSE);
		return;
	}
	/* A message takes the room of the key hints (shown again with the
	 * next key), then of the screen's name, before it would be cut. */
	if (a->status[0]) {
		int sw = tui_width(a->status);
		if (sw > cols - used - rw - 2) {
			rw = 0;
			if (sw > cols - used - 2) {
				move(lines - 1, 0);
				for (int i = 0; i < cols; i++)
					addch(' ');
				used = 0;
			}
		}
		tui_put(lines - 1, used + 1, a->status, cols - used - rw - 2, A_REVERSE);
	}
	if (rw && cols - rw > used)
		tui_put(lines - 1, cols - rw, right, rw, A_REVERSE);
	attroff(A_REVERSE);
}

static int
key_label_width(const struct tui_key *k)
{
	return k->label ? tui_width(k->label) : 0;
}

/* The help lists the current screen's keys, then the shared ones, from
 * the same tables the input handler uses. It takes the whole screen (a
 * box over the screen would cut the text around it) and wraps a long
 * line to a second row. */
static void
draw_help(struct app *a, int lines, int cols)
{
	const struct frame *f = &a->stack[a->depth - 1];
	const struct tui_key *tables[2] = { f->ops->keys, tui_global_keys };
	const char *heads[2] = { f->ops->name, "Everywhere" };
	int w = cols - 4 < 96 ? cols - 4 : 96;
	int x0 = (cols - w) / 2, h = lines - 2;
	int row = 0, y = 0, more = 0;
	for (int t = 0; t < 2; t++) {
		if (tables[t] == NULL)
			continue;
		if (row++ >= a->help_scroll) {
			if (y < h) {
				char head[80];
				snprintf(head, sizeof head, "%s keys", heads[t]);
				tui_put(y++, x0, head, w, tui_attr(a, C_TITLE) | A_BOLD);
			} else {
				more = 1;
			}
		}
		for (const struct tui_key *k = tables[t]; k->key || k->action; k++) {
			if (k->label == NULL)
				continue;
			if (row++ < a->help_scroll)
				continue;
			const char *help = k->help ? k->help : tui_action_help[k->action];
			int lw = key_label_width(k) > 12 ? key_label_width(k) + 1 : 13;
			int hw = w - 2 - lw;
			int need = tui_width(help) > hw ? 2 : 1;
			if (y + need > h) {
				more = 1;
				continue;
			}
			tui_put(y, x0 + 2, k->label, w - 2, A_BOLD);
			y += tui_wrap(y, x0 + 2 + lw, hw, need, help, A_NORMAL);
		}
		if (y < h)
			y++;
	}
	a->help_more = more;
	tui_put(lines - 2, x0,
	        more ? "Down scrolls for more · any other key closes this help"
	             : "Up/Down scroll · any other key closes this help",
	        w, tui_attr(a, C_DIM));
}

/* The small-terminal message, worded to fit 20 columns: what is wrong,
 * what to do, and that nothing was lost. */
static void
draw_too_small(struct app *a, int lines, int cols)
{
	char msg[320];
	if (a->confirm)
		snprintf(msg, sizeof msg, "%s, losing %s? y %s; other keys go back.",
		         a->confirm == 1 ? "Quit" : "Leave", a->confirm_what,
		         a->confirm == 1 ? "quits" : "leaves");
	else
		snprintf(msg, sizeof msg,
		         "Window too small: %dx%d. Enlarge it to %dx%d to "
		         "go on. Nothing is lost; keys wait until then.",
		         cols, lines, TUI_MIN_COLS, TUI_MIN_LINES);
	int w = cols - 2 > 8 ? cols - 2 : cols;
	int x = cols - 2 > 8 ? 1 : 0;
	int rows = tui_wrap(0, x, w, lines, msg, A_NORMAL);
	int y = (lines - rows) / 2;
	erase();
	tui_wrap(y, x, w, lines - y, msg, A_BOLD);
}

static void
draw(struct app *a)
{
	erase();
	int lines = LINES, cols = COLS;
	if (lines < TUI_MIN_LINES || cols < TUI_MIN_COLS) {
		draw_too_small(a, lines, cols);
	} else {
		struct frame *f = &a->stack[a->depth - 1];
		a->keys_hint = NULL;
		if (a->help)
			draw_help(a, lines, cols);
		else
			f->ops->draw(a, f->st, lines - 1, cols);
		draw_status(a, lines, cols);
	}
	refresh();
}

static volatile sig_atomic_t got_sigint;
static int sigint_tries; /* reads that came back empty since Ctrl-C */

static void
on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

/* What the screens on the stack would lose (the topmost that says),
 * or NULL. */
static const char *
stack_unsaved(struct app *a)
{
	for (int i = a->depth - 1; i >= 0; i--) {
		const struct frame *f = &a->stack[i];
		const char *what = f->ops->unsaved ? f->ops->unsaved(a, f->st) : NULL;
		if (what)
			return what;
	}
	return NULL;
}

/* Ctrl-C (a signal, or the key in raw mode): quits at once unless a
 * screen holds unsaved text, then asks. */
static void
quit_request(struct app *a)
{
	const char *what = stack_unsaved(a);
	if (what == NULL) {
		a->quit = 1;
		return;
	}
	snprintf(a->confirm_what, sizeof a->confirm_what, "%s", what);
	a->confirm = 1;
	a->help = 0;
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

/* While another program holds the database: what was just given (a
 * grade, an edit) waits in memory, and the status line says so. Keys
 * pressed at the frozen screen are dropped when the wait ends, so none
 * lands on the next card unseen. */
static void
busy_status(int waiting)
{
	if (!waiting) {
		flushinp();
		return;
	}
	int y = LINES - 1;
	attron(A_REVERSE | A_BOLD);
	move(y, 0);
	clrtoeol();
	for (int i = 0; i < COLS; i++)
		addch(' ');
	tui_put(y, 1,
	        "database busy (another program is writing to it), retrying; "
	        "Ctrl-C gives up",
	        COLS - 2, A_REVERSE | A_BOLD);
	attroff(A_REVERSE | A_BOLD);
	refresh();
}

/* Ctrl-S and Ctrl-Q are keys here (Ctrl-S saves), not the terminal's
 * XOFF and XON: flow control is off while the program runs. Ctrl-C does
 * not throw away the keys typed before it and not read yet (NOFLSH):
 * they reach the editor, and the question it asks. Saved as curses'
 * program mode, so it comes back after a suspend (Ctrl-Z, fg); endwin()
 * restores the shell's own mode. */
static void
flow_control_off(void)
{
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		t.c_lflag |= NOFLSH;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
	def_prog_mode();
}

/* The terminal's "keypad transmit" sequence, and a SIGCONT handler that
 * sends it: curses turns it off on suspend and on resume sends it again
 * only when the next key is read, so the first arrow key after fg would
 * arrive in the wrong mode and be taken for Esc and two letters. */
static const char *keypad_seq;
static size_t keypad_len;

static void
on_continue(int sig)
{
	(void)sig;
	if (keypad_len > 0 && write(STDOUT_FILENO, keypad_seq, keypad_len) < 0) {
		/* nothing to do about it in a signal handler */
	}
}

static void
keypad_after_resume(void)
{
	char *seq = tigetstr("smkx");
	if (seq == NULL || seq == (char *)-1)
		return;
	keypad_seq = seq;
	keypad_len = strlen(seq);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_continue;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCONT, &sa, NULL);
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
	int need = c >= 0xf0 && c <= 0xf4   ? 3
	           : c >= 0xe0 && c <= 0xef ? 2
	           : c >= 0xc2 && c <= 0xdf ? 1
	                                    : 0;
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
tui_need_terminal(void)
{
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return 0;
	fprintf(stderr, "prepdeck: the interactive program needs a terminal; "
	                "see 'prepdeck --help' for the commands that work without one\n");
	return 1;
}

/* Pushes the first screen start asks for. */
static int
push_start(struct app *a, const struct start_request *start)
{
	switch (start->screen) {
	case START_REVIEW: {
		struct review_start rs = { .deck = start->deck, .tag = start->tag };
		return tui_push(a, &review_screen, &rs);
	}
	case START_CRAM: {
		struct cram_source src = { start->deck, start->tag, start->map, start->row };
		struct review_start rs = { .cram = &src, .limit = start->limit };
		return tui_push(a, &review_screen, &rs);
	}
	case START_REHEARSE:
	case START_PITCH:
	case START_FLOW: {
		struct rehearse_start rs = {
			.what = start->screen == START_PITCH  ? RH_START_PITCH
			        : start->screen == START_FLOW ? RH_START_FLOW
			                                      : RH_START_STORY,
			.story = start->story,
		};
		return tui_push(a, &rehearse_screen, &rs);
	}
	default:
		return tui_push(a, &today_screen, NULL);
	}
}

/* Opens the terminal for the screens and sets its modes, colours and
 * the Ctrl-C handler; NULL (said on stderr) when TERM cannot be used. */
static SCREEN *
start_terminal(struct app *a)
{
	const char *term = getenv("TERM");
	SCREEN *scr = newterm(term && *term ? term : NULL, stdout, stdin);
	if (scr == NULL) {
		fprintf(stderr, "prepdeck: cannot use terminal type '%s'; set TERM\n",
		        term ? term : "");
		return NULL;
	}
	db_set_fatal_hook(leave_curses);
	db_set_busy_hook(busy_status);
	cbreak();
	noecho();
	nonl();
	flow_control_off();
	keypad_after_resume();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	init_colors(a);
	/* Ctrl-C asks before losing unsaved text: the handler only sets a
	 * flag the loop reads (it replaces the one curses installs). */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	return scr;
}

/* A read after Ctrl-C came back empty: once the keys typed before it
 * are handled (or after a few tries), the question is asked. */
static void
sigint_read_empty(struct app *a, int drain)
{
	int waiting = 0;
	if (ioctl(STDIN_FILENO, FIONREAD, &waiting) != 0)
		waiting = 0;
	if (drain && (waiting == 0 || ++sigint_tries > 20)) {
		got_sigint = 0;
		sigint_tries = 0;
		quit_request(a);
	}
}

/* The answer to "quit anyway?" (confirm 1) or "close anyway?" (2). */
static void
confirm_answer(struct app *a, int key)
{
	int yes = a->key_char && (key == 'y' || key == 'Y');
	if (yes && a->confirm == 1)
		a->quit = 1;
	else if (yes)
		tui_pop(a);
	else
		tui_message(a, "Kept: %s.", a->confirm_what);
	a->confirm = 0;
}

/* A key while the help is shown: arrows scroll it, any other key
 * closes it. */
static void
help_key(struct app *a, int r, int key)
{
	if (r == KEY_CODE_YES && key == KEY_DOWN) {
		if (a->help_more)
			a->help_scroll++;
	} else if (r == KEY_CODE_YES && key == KEY_UP && a->help_scroll > 0)
		a->help_scroll--;
	else
		a->help = 0;
}

/* The action of a key read with result r: the screen's table first,
 * then the global one; a character that only looks like a key is none. */
static enum tui_action
key_action(const struct app *a, const struct frame *f, int r, int key)
{
	enum tui_action act = lookup_key(f->ops->keys, key);
	if (act == ACT_NONE)
		act = lookup_key(tui_global_keys, key);
	/* A character whose code equals a KEY_* value is not that key. */
	if (a->key_char && key >= KEY_MIN)
		act = ACT_NONE;
	if (r != KEY_CODE_YES && key < 32 && key != 12 && key != 27 && key != '\r' && key != '\n' &&
	    key != '\t' && key != 127 && key != 8)
		act = ACT_NONE;
	return act;
}

/* The global actions a screen left alone: quit (asking first when text
 * is unsaved), help, redraw, browse. */
static void
global_action(struct app *a, struct frame *f, enum tui_action act)
{
	switch (act) {
	case ACT_QUIT: {
		const char *what = f->ops->unsaved ? f->ops->unsaved(a, f->st) : NULL;
		if (what) {
			snprintf(a->confirm_what, sizeof a->confirm_what, "%s", what);
			a->confirm = a->depth == 1 ? 1 : 2;
		} else {
			tui_pop(a);
		}
		break;
	}
	case ACT_HELP:
		a->help = 1;
		a->help_scroll = 0;
		break;
	case ACT_REDRAW:
		clearok(stdscr, TRUE);
		break;
	case ACT_BROWSE:
		tui_push(a, &browser_screen, NULL);
		break;
	default:
		break;
	}
}

int
tui_main(struct store *store, const struct start_request *start)
{
	/* Every screen's keys keep one meaning (the screens inside these
	 * are checked when they open). */
	const struct screen_ops *const screens[] = {
		&today_screen,    &plan_screen,    &checklist_screen, &review_screen,
		&settings_screen, &target_screen,  &cram_screen,      &mock_screen,
		&stats_screen,    &stories_screen, &rehearse_screen,  &gapmap_screen,
	};
	for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
		check_keys(screens[i]);
	struct app a;
	memset(&a, 0, sizeof a);
	a.db = store_db(store);

	SCREEN *scr = start_terminal(&a);
	if (scr == NULL)
		return 1;

	/* `prepdeck review` opens on the review screen alone, so leaving it
	 * returns to the shell. */
	int rc = push_start(&a, start);
	/* A card being written when prepdeck stopped comes back on top. */
	if (rc == 0 && cards_draft_exists(a.db))
		tui_push(&a, &cardedit_screen, &(struct cardedit_start){ .what = CE_START_DRAFT });
	while (rc == 0 && a.depth > 0 && !a.quit) {
		draw(&a);
		/* After Ctrl-C, the keys typed before it are handled first (the
		 * terminal keeps them: NOFLSH), then the question is asked. The
		 * read the signal interrupted, and the next one, come back empty
		 * even with keys waiting; a few tries are allowed for them. */
		int drain = got_sigint;
		timeout(drain ? 10 : a.tick_ms > 0 ? a.tick_ms : -1);
		wint_t wch;
		int r = read_key(&a, &wch);
		struct frame *f = &a.stack[a.depth - 1];
		if (got_sigint && r == ERR) {
			sigint_read_empty(&a, drain);
			continue;
		}
		if (r == ERR) {
			if (f->ops->tick)
				f->ops->tick(&a, f->st);
			continue;
		}
		int key = (int)wch;
		if (r == KEY_CODE_YES && key == KEY_RESIZE)
			continue;
		a.key_char = r != KEY_CODE_YES;
		if (a.key_char && key == 3) {
			/* Ctrl-C as a key (the terminal in raw mode). */
			quit_request(&a);
			continue;
		}
		if (a.confirm) {
			confirm_answer(&a, key);
			continue;
		}
		/* Too small to draw: keys wait (nothing is typed, nothing quits). */
		if (LINES < TUI_MIN_LINES || COLS < TUI_MIN_COLS)
			continue;
		if (a.help) {
			help_key(&a, r, key);
			continue;
		}
		a.status[0] = '\0';
		enum tui_action act = key_action(&a, f, r, key);
		if (!f->ops->input(&a, f->st, act, key))
			global_action(&a, f, act);
	}
	while (a.depth > 0)
		tui_pop(&a);
	endwin();
	delscreen(scr);
	db_set_fatal_hook(NULL);
	db_set_busy_hook(NULL);
	return 0;
}
