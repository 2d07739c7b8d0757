/* The study-plan screen: the whole plan by week and day with done and
 * overdue marks and today highlighted; ticking tasks, opening what they
 * link to, pushing the rest of the plan back (with a preview first),
 * starting or replacing a plan (asking first), and the weekly review.
 * Also the plan's section of the Today screen (tui/today.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "settings.h"
#include "studyday.h"
#include "tui/app.h"
#include "tui/lineedit.h"
#include "tui/today.h"
#include "textlayout.h"
#include "util.h"

/* ---- shared pieces ------------------------------------------------------ */

/* A bar of `width` cells filled done/total. */
static void
put_bar(struct app *a, int y, int x, int width, int done, int total)
{
	int fill = total > 0 ? (done * width + total / 2) / total : 0;
	int utf = locale_utf8();
	for (int i = 0; i < width; i++)
		tui_put(y, x + i,
		        i < fill ? (utf ? "\xe2\x96\xb0" : "#") : (utf ? "\xe2\x96\xb1" : "-"), 1,
		        i < fill ? tui_attr(a, C_GOOD) : tui_attr(a, C_DIM));
}

/* The mark and colour of a task's check box. */
static const char *
task_box(struct app *a, const struct plan_task *t, attr_t *attr)
{
	if (t->done) {
		*attr = tui_attr(a, C_GOOD);
		return "[x]";
	}
	if (t->overdue) {
		*attr = tui_attr(a, C_BAD);
		return "[!]";
	}
	*attr = A_NORMAL;
	return "[ ]";
}

/* What a task shows at its right end: deck progress or its link kind. */
static void
task_side(const struct plan_task *t, char *buf, size_t n)
{
	buf[0] = '\0';
	if (strcmp(t->link_kind, "deck") == 0 && t->count > 0) {
		if (t->progress >= 0)
			snprintf(buf, n, "%d/%d", t->progress < t->target ? t->progress : t->target,
			         t->target);
		else
			snprintf(buf, n, "%d cards", t->count);
	} else if (strcmp(t->link_kind, "skillmap") == 0) {
		snprintf(buf, n, "gap map");
	} else if (*t->link_kind) {
		snprintf(buf, n, "%s", t->link_kind);
	}
}

/* One task line: box, text, and the side note right-aligned. */
static void
draw_task(struct app *a, const struct plan_task *t, int y, int x, int width, int sel)
{
	attr_t battr;
	const char *box = task_box(a, t, &battr);
	char side[32];
	task_side(t, side, sizeof side);
	int sw = side[0] ? tui_width(side) + 2 : 0;
	if (sel) {
		move(y, x);
		attron(tui_attr(a, C_SELECT));
		for (int i = 0; i < width; i++)
			addch(' ');
		attroff(tui_attr(a, C_SELECT));
	}
	attr_t base = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
	tui_put(y, x, box, 3, sel ? base : battr | A_BOLD);
	attr_t tattr = base;
	if (!sel && t->done)
		tattr = tui_attr(a, C_DIM);
	tui_put(y, x + 4, t->text, width - 4 - sw, tattr);
	if (side[0]) {
		attr_t sattr = sel ? base : tui_attr(a, C_ACCENT);
		if (!sel && t->progress >= 0 && t->progress >= t->target)
			sattr = tui_attr(a, C_GOOD);
		tui_put(y, x + width - sw + 2, side, sw - 2, sattr);
	}
}

/* Opens the screen a task links to, or says where to go; returns 1 when
 * the task has a link. */
static int
open_link(struct app *a, const struct plan_task *t)
{
	const char *k = t->link_kind;
	if (strcmp(k, "checklist") == 0) {
		tui_push(a, &checklist_screen, t->link_id);
	} else if (strcmp(k, "deck") == 0) {
		/* A review task may name several decks. */
		struct review_start rs = { .deck = t->link_id };
		if (strchr(t->link_id, ' ') != NULL)
			rs = (struct review_start){ .decks = t->link_id };
		tui_push(a, &review_screen, &rs);
	} else if (strcmp(k, "mock") == 0) {
		if (tui_push(a, &mock_screen, "new") == 0)
			tui_message(a, "Score the round on the rubric '%s'.",
			            *t->link_title ? t->link_title : t->link_id);
	} else if (strcmp(k, "story") == 0) {
		tui_push(a, &rehearse_screen, &(struct rehearse_start){ .story = t->link_id });
	} else if (strcmp(k, "skillmap") == 0) {
		tui_push(a, &gapmap_screen, t->link_id);
	} else {
		return 0;
	}
	return 1;
}

/* Ticks or unticks task `id` of v and says so in the status line. */
static void
toggle_task(struct app *a, const struct plan_view *v, const struct plan_task *t)
{
	char *cause = NULL;
	if (plan_tick(a->db, v, t->id, !t->done, now_unix(), &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		return;
	}
	/* Named by its text: the id is the curriculum's, not the user's. */
	char name[200];
	text_excerpt(t->text, 0, COLS - 46 > 12 ? COLS - 46 : 12, name, sizeof name);
	tui_message(a, "%s: %s", t->done ? "Not done" : "Done", name);
}

static const struct screen_ops task_screen;

/* ---- the Today section ------------------------------------------------ */

struct plan_panel {
	struct plan_view *v;
	int sel;           /* among today's tasks */
	char warning[300]; /* the plan does not fit the next interview */
};

static void
panel_release(void *st)
{
	plan_view_free(((struct plan_panel *)st)->v);
}

/* Today's tasks: a pointer to the first and their number. */
static struct plan_task *
today_tasks(const struct plan_panel *p, size_t *n)
{
	*n = 0;
	if (p->v == NULL || p->v->today_day == 0)
		return NULL;
	const struct plan_dayinfo *d = &p->v->days[p->v->today_day - 1];
	*n = d->ntasks;
	return d->ntasks ? &p->v->tasks[d->first] : NULL;
}

/* Loads the active plan (if any), keeping the selection. */
static void
panel_load(struct app *a, void *st)
{
	struct plan_panel *p = st;
	plan_view_free(p->v);
	p->v = plan_load(a->db, now_unix());
	plan_interview_warning(a->db, p->v, p->warning, sizeof p->warning);
	size_t n;
	today_tasks(p, &n);
	if ((size_t)p->sel >= n)
		p->sel = n ? (int)n - 1 : 0;
}

/* Day N of M, the week's theme, today's tasks with check boxes, week
 * and plan progress, the overdue count. */
static int
panel_draw(struct app *a, void *st, int y, int lines, int cols)
{
	struct plan_panel *p = st;
	(void)lines;
	const char *hint = "p plan  c checklists";
	tui_put(y, 2, "Study plan", cols - 4, tui_attr(a, C_TITLE));
	tui_put(y, cols - 2 - tui_width(hint), hint, tui_width(hint), tui_attr(a, C_ACCENT));
	y++;
	struct plan_view *v = p->v;
	if (v == NULL) {
		int x = 4 + tui_put(y, 4, "No study plan is running.  ", cols - 8, A_NORMAL);
		tui_put(y, x, "n  start one (two-week or six-week)", cols - x - 2,
		        tui_attr(a, C_ACCENT));
		return y + 2;
	}
	char where[96], head[512];
	plan_where(v, where, sizeof where);
	snprintf(head, sizeof head, "%s · Week %d: %s", where, v->cur_week,
	         v->weeks[v->cur_week - 1].theme);
	tui_put(y++, 4, head, cols - 6, A_BOLD);
	if (p->warning[0]) {
		snprintf(head, sizeof head, "! %s", p->warning);
		tui_put(y++, 4, head, cols - 6, tui_attr(a, C_WARN) | A_BOLD);
	}
	size_t n;
	struct plan_task *t = today_tasks(p, &n);
	const size_t maxshow = 6;
	size_t sel = (size_t)p->sel;
	size_t first = sel >= maxshow ? sel - maxshow + 1 : 0;
	for (size_t i = first; i < n && i < first + maxshow; i++)
		draw_task(a, &t[i], y++, 4, cols - 6, i == sel);
	if (n > maxshow) {
		char more[64];
		snprintf(more, sizeof more, "%zu tasks today; j/k to scroll", n);
		tui_put(y++, 8, more, cols - 10, tui_attr(a, C_DIM));
	}
	/* Week and plan progress, overdue tasks, a review that is due. */
	const struct plan_weekinfo *w = &v->weeks[v->cur_week - 1];
	char buf[96];
	int x = 4;
	snprintf(buf, sizeof buf, "Week %d ", v->cur_week);
	x += tui_put(y, x, buf, 10, tui_attr(a, C_DIM));
	put_bar(a, y, x, 6, w->ndone, w->ntasks);
	x += 7;
	snprintf(buf, sizeof buf, "%d/%d  Plan ", w->ndone, w->ntasks);
	x += tui_put(y, x, buf, 20, tui_attr(a, C_DIM));
	put_bar(a, y, x, 6, v->done, v->total);
	x += 7;
	snprintf(buf, sizeof buf, "%d/%d", v->done, v->total);
	x += tui_put(y, x, buf, 12, tui_attr(a, C_DIM));
	if (v->overdue) {
		snprintf(buf, sizeof buf, "  %d overdue", v->overdue);
		x += tui_put(y, x, buf, cols - x - 2, tui_attr(a, C_BAD) | A_BOLD);
	}
	if (v->review_due) {
		snprintf(buf, sizeof buf, "  week %d review due", v->review_due);
		tui_put(y, x, buf, cols - x - 2, tui_attr(a, C_WARN) | A_BOLD);
	}
	return y + 2;
}

/* ACT_UP/DOWN move among today's tasks, ACT_TOGGLE ticks, ACT_SELECT
 * shows the task in full; ACT_PLAN, ACT_CHECKLISTS, ACT_START_PLAN. */
static int
panel_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct plan_panel *p = st;
	size_t n;
	struct plan_task *t = today_tasks(p, &n);
	(void)key;
	switch (act) {
	case ACT_PLAN:
		tui_push(a, &plan_screen, NULL);
		return 1;
	case ACT_CHECKLISTS:
		tui_push(a, &checklist_screen, NULL);
		return 1;
	case ACT_START_PLAN:
		tui_push(a, &plan_screen, "start");
		return 1;
	case ACT_UP:
	case ACT_DOWN:
		/* Only Up and Down: Today's other sections may want the rest. */
		if (n == 0)
			return 0;
		tui_list_move(act, &p->sel, (int)n, 1);
		return 1;
	case ACT_TOGGLE:
	case ACT_SELECT:
		if (n == 0) {
			tui_message(a, p->v ? "No plan tasks today; p opens the whole plan."
			                    : "No study plan is running; n starts one.");
			return 1;
		}
		if (act == ACT_SELECT) {
			/* As on the plan screen: Enter shows the task in full. */
			tui_push(a, &task_screen, t[p->sel].id);
			return 1;
		}
		toggle_task(a, p->v, &t[p->sel]);
		panel_load(a, p);
		return 1;
	default:
		return 0;
	}
}

/* clang-format off */
const struct today_section plan_today_section = {
	.name = "Study plan",
	.size = sizeof(struct plan_panel),
	.load = panel_load,
	.release = panel_release,
	.draw = panel_draw,
	.input = panel_input,
};
/* clang-format on */

/* ---- the plan screen --------------------------------------------------- */

enum row_kind { R_WEEK, R_DAY, R_TASK, R_REVIEW, R_GAP };

struct row {
	enum row_kind kind;
	int n; /* week, day (1-based) or task index */
};

enum mode {
	M_LIST,
	M_SHIFT_DAYS,      /* typing the number of days */
	M_SHIFT_CONFIRM,   /* the preview, y/n */
	M_PICK,            /* choosing a plan to start */
	M_REPLACE_CONFIRM, /* y/n before replacing the running plan */
	M_REVIEW,          /* the two answers of the weekly review */
};

struct planscr {
	struct plan_view *v;
	struct row *rows;
	int nrows, cur, top, height;
	enum mode mode;
	char days[8]; /* the shift's number of days as typed */
	int shift_from, shift_n;
	char *preview;
	struct plan_info *plans;
	size_t nplans;
	int pick;
	int review_week, field;
	struct lineedit ed[2]; /* the review's answers, while M_REVIEW */
};

static const struct tui_key plan_keys[] = {
	{ ' ', ACT_TOGGLE, "Space", NULL },
	{ '\r', ACT_SELECT, "Enter",
	  "Read the selected task in full (or write the "
	  "selected week's review)" },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ 'o', ACT_OPEN, "o", "Open what the selected task links to" },
	{ 't', ACT_GOTO_TODAY, "t", NULL },
	{ 's', ACT_SHIFT, "s", NULL },
	{ 'r', ACT_WEEK_REVIEW, "r", NULL },
	{ 'n', ACT_START_PLAN, "n", NULL },
	{ 'c', ACT_CHECKLISTS, "c", NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static int
selectable(const struct row *r)
{
	return r->kind == R_TASK || r->kind == R_REVIEW;
}

/* Rebuilds the rows from the view: per week a header, its days with
 * their tasks, and a review row once the week has ended or has one. */
static void
build_rows(struct planscr *s)
{
	free(s->rows);
	s->rows = NULL;
	s->nrows = 0;
	struct plan_view *v = s->v;
	if (v == NULL)
		return;
	size_t cap = (size_t)v->nweeks * 3 + (size_t)v->ndays + v->ntasks + 4;
	s->rows = xcalloc(cap, sizeof *s->rows);
	for (int w = 1; w <= v->nweeks; w++) {
		s->rows[s->nrows++] = (struct row){ R_WEEK, w };
		for (int d = (w - 1) * 7 + 1; d <= w * 7; d++) {
			s->rows[s->nrows++] = (struct row){ R_DAY, d };
			const struct plan_dayinfo *di = &v->days[d - 1];
			for (size_t i = 0; i < di->ntasks; i++)
				s->rows[s->nrows++] = (struct row){ R_TASK, (int)(di->first + i) };
		}
		if (v->weeks[w - 1].ended || v->weeks[w - 1].reviewed)
			s->rows[s->nrows++] = (struct row){ R_REVIEW, w };
		s->rows[s->nrows++] = (struct row){ R_GAP, 0 };
	}
}

/* The row of today's first unfinished task (or the review due, or the
 * next plan day), for the cursor when the screen opens. */
static int
home_row(const struct planscr *s)
{
	const struct plan_view *v = s->v;
	int day = v->today_day              ? v->today_day
	          : v->phase == PLAN_BREAK  ? v->pos + 1
	          : v->phase == PLAN_BEFORE ? 1
	                                    : v->ndays;
	int first = -1;
	for (int i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if (v->review_due && r->kind == R_REVIEW && r->n == v->review_due &&
		    v->today_day == 0)
			return i;
		if (r->kind == R_TASK && v->tasks[r->n].day == day) {
			if (first < 0)
				first = i;
			if (!v->tasks[r->n].done)
				return i;
		}
	}
	if (first >= 0)
		return first;
	for (int i = 0; i < s->nrows; i++)
		if (selectable(&s->rows[i]))
			return i;
	return 0;
}

/* A first visible row that shows the cursor's day from its header (and
 * the week's header when the day begins a week). */
static int
context_top(const struct planscr *s)
{
	int i = s->cur;
	while (i > 0 && s->rows[i].kind != R_DAY && s->rows[i].kind != R_WEEK)
		i--;
	if (i > 0 && s->rows[i - 1].kind == R_WEEK)
		i--;
	return i;
}

/* Reloads the view, keeping the cursor on the same task or review. */
static void
reload(struct app *a, struct planscr *s, int home)
{
	char keep[80] = "";
	int keepweek = 0;
	if (!home && s->v && s->cur < s->nrows) {
		const struct row *r = &s->rows[s->cur];
		if (r->kind == R_TASK)
			snprintf(keep, sizeof keep, "%s", s->v->tasks[r->n].id);
		else if (r->kind == R_REVIEW)
			keepweek = r->n;
	}
	plan_view_free(s->v);
	s->v = plan_load(a->db, now_unix());
	build_rows(s);
	s->cur = 0;
	if (s->v == NULL)
		return;
	if (home || (!keep[0] && !keepweek)) {
		s->cur = home_row(s);
		s->top = context_top(s);
		return;
	}
	for (int i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if ((r->kind == R_TASK && strcmp(s->v->tasks[r->n].id, keep) == 0) ||
		    (r->kind == R_REVIEW && r->n == keepweek)) {
			s->cur = i;
			return;
		}
	}
	s->cur = home_row(s);
}

static void
end_review(struct planscr *s)
{
	lineedit_free(&s->ed[0]);
	lineedit_free(&s->ed[1]);
	s->mode = M_LIST;
}

static void
open_picker(struct app *a, struct planscr *s)
{
	plan_info_free(s->plans, s->nplans);
	s->nplans = plan_list(a->db, &s->plans);
	s->pick = 0;
	if (s->nplans == 0) {
		tui_message(a, "No plan is imported; see prepdeck-content(5).");
		return;
	}
	s->mode = M_PICK;
}

static void *
plan_open(struct app *a, const void *arg)
{
	struct planscr *s = xcalloc(1, sizeof *s);
	reload(a, s, 1);
	if ((arg && strcmp(arg, "start") == 0) || s->v == NULL)
		open_picker(a, s);
	return s;
}

static void
plan_close(struct app *a, void *st)
{
	struct planscr *s = st;
	if (s->mode == M_REVIEW)
		end_review(s);
	plan_view_free(s->v);
	plan_info_free(s->plans, s->nplans);
	free(s->rows);
	free(s->preview);
	free(s);
}

static void
plan_resume(struct app *a, void *st)
{
	reload(a, st, 0);
}

/* A centred box of h rows and w columns in reverse video; returns its
 * top row and sets *x0. */
static int
draw_box(int lines, int cols, int h, int w, int *x0)
{
	if (w > cols - 4)
		w = cols - 4;
	*x0 = (cols - w) / 2;
	int y0 = (lines - h) / 2;
	if (y0 < 1)
		y0 = 1;
	for (int y = y0; y < y0 + h && y < lines; y++) {
		move(y, *x0);
		for (int x = 0; x < w; x++)
			addch(' ' | A_REVERSE);
	}
	return y0;
}

static void
draw_row(struct app *a, struct planscr *s, const struct row *r, int y, int cols, int sel)
{
	const struct plan_view *v = s->v;
	char buf[600];
	switch (r->kind) {
	case R_WEEK: {
		const struct plan_weekinfo *w = &v->weeks[r->n - 1];
		char prog[32];
		snprintf(prog, sizeof prog, "%d/%d", w->ndone, w->ntasks);
		snprintf(buf, sizeof buf, "Week %d · %s", r->n, w->theme);
		attr_t attr = tui_attr(a, C_TITLE) | A_BOLD;
		tui_put(y, 1, buf, cols - 12, attr);
		tui_put(y, cols - 2 - tui_width(prog), prog, 10,
		        w->ndone == w->ntasks && w->ntasks ? tui_attr(a, C_GOOD)
		                                           : tui_attr(a, C_DIM));
		break;
	}
	case R_DAY: {
		const struct plan_dayinfo *d = &v->days[r->n - 1];
		char date[20];
		plan_fmt_day(d->date, date, sizeof date);
		int today = r->n == v->today_day;
		snprintf(buf, sizeof buf, "%s Day %d · %s · %s", today ? ">" : " ", r->n, date,
		         d->title);
		attr_t attr = today ? tui_attr(a, C_ACCENT) | A_BOLD : A_BOLD;
		if (!today && d->ntasks && d->ndone == (int)d->ntasks)
			attr = tui_attr(a, C_DIM);
		int used = tui_put(y, 2, buf, cols - 14, attr);
		if (today)
			tui_put(y, 2 + used + 2, "today", 6, tui_attr(a, C_ACCENT) | A_REVERSE);
		break;
	}
	case R_TASK:
		draw_task(a, &v->tasks[r->n], y, 6, cols - 8, sel);
		break;
	case R_REVIEW: {
		const struct plan_weekinfo *w = &v->weeks[r->n - 1];
		attr_t attr;
		if (w->reviewed) {
			snprintf(buf, sizeof buf, "Week %d review · moved: %s · next: %s", r->n,
			         *w->moved ? w->moved : "-",
			         *w->reprioritize ? w->reprioritize : "-");
			attr = tui_attr(a, C_DIM);
		} else {
			snprintf(buf, sizeof buf,
			         "Week %d review: what moved, what to "
			         "reprioritize? Press r to write it.",
			         r->n);
			attr = tui_attr(a, C_WARN) | A_BOLD;
		}
		if (sel) {
			move(y, 4);
			attron(tui_attr(a, C_SELECT));
			for (int i = 4; i < cols - 2; i++)
				addch(' ');
			attroff(tui_attr(a, C_SELECT));
			attr = tui_attr(a, C_SELECT);
		}
		tui_put(y, 4, buf, cols - 6, attr);
		break;
	}
	case R_GAP:
		break;
	}
}

/* When a plan started now would have its day 1: "today", or in the
 * small hours "Sun 29 Nov at 04:00". */
static const char *
first_day(struct app *a, char *buf, size_t n)
{
	struct settings set;
	settings_load(a->db, &set);
	int64_t now = now_unix();
	studyday_when(studyday_plan_start(now, set.rollover_hour), now, set.rollover_hour, buf, n);
	return buf;
}

static void
draw_modal(struct app *a, struct planscr *s, int lines, int cols)
{
	int x0, y0, w = 76;
	char buf[300], when[48];
	switch (s->mode) {
	case M_SHIFT_DAYS:
		y0 = draw_box(lines, cols, 6, w, &x0);
		tui_put(y0 + 1, x0 + 2, "Push the rest of the plan back", w - 4,
		        A_REVERSE | A_BOLD);
		snprintf(buf, sizeof buf, "By how many days? %s_", s->days);
		tui_put(y0 + 3, x0 + 2, buf, w - 4, A_REVERSE);
		tui_put(y0 + 4, x0 + 2, "Type a number, Enter to see what moves, Esc to cancel.",
		        w - 4, A_REVERSE | A_DIM);
		break;
	case M_SHIFT_CONFIRM: {
		int n = 0;
		for (const char *p = s->preview; *p; p++)
			n += *p == '\n';
		y0 = draw_box(lines, cols, n + 4, w, &x0);
		int y = y0 + 1;
		for (const char *p = s->preview; *p;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			snprintf(buf, sizeof buf, "%.*s", (int)len, p);
			tui_put(y, x0 + 2, buf, w - 4, A_REVERSE | (y == y0 + 1 ? A_BOLD : 0));
			y++;
			p += len + (nl != NULL);
		}
		tui_put(y + 1, x0 + 2, "Apply this shift? y yes, n no", w - 4, A_REVERSE | A_BOLD);
		break;
	}
	case M_PICK: {
		y0 = draw_box(lines, cols, (int)s->nplans + 5, w, &x0);
		snprintf(buf, sizeof buf, "Start a study plan (day 1 is %s)",
		         first_day(a, when, sizeof when));
		tui_put(y0 + 1, x0 + 2, buf, w - 4, A_REVERSE | A_BOLD);
		for (size_t i = 0; i < s->nplans; i++) {
			snprintf(buf, sizeof buf, "%s %-10s %d week%s  %s",
			         (int)i == s->pick ? ">" : " ", s->plans[i].id, s->plans[i].weeks,
			         s->plans[i].weeks == 1 ? " " : "s", s->plans[i].title);
			tui_put(y0 + 2 + (int)i, x0 + 2, buf, w - 4,
			        (int)i == s->pick ? A_BOLD : A_REVERSE);
		}
		tui_put(y0 + 3 + (int)s->nplans, x0 + 2, "j/k choose, Enter start, Esc cancel",
		        w - 4, A_REVERSE | A_DIM);
		break;
	}
	case M_REPLACE_CONFIRM: {
		char where[96];
		plan_where(s->v, where, sizeof where);
		y0 = draw_box(lines, cols, 7, w, &x0);
		where[0] = (char)(where[0] == 'D' || where[0] == 'F' ? where[0] - 'A' + 'a'
		                                                     : where[0]);
		/* Plans by their titles, on two lines so neither is cut. */
		int same = strcmp(s->v->plan_id, s->plans[s->pick].id) == 0;
		snprintf(buf, sizeof buf, "%s '%s'", same ? "Restart" : "Replace", s->v->title);
		tui_put(y0 + 1, x0 + 2, buf, w - 4, A_REVERSE | A_BOLD);
		if (same)
			snprintf(buf, sizeof buf, "(now %s, %d/%d done) from day 1 %s?", where,
			         s->v->done, s->v->total, first_day(a, when, sizeof when));
		else
			snprintf(buf, sizeof buf, "(%s, %d/%d done) with '%s'?", where, s->v->done,
			         s->v->total, s->plans[s->pick].title);
		tui_put(y0 + 2, x0 + 2, buf, w - 4, A_REVERSE | A_BOLD);
		tui_put(y0 + 3, x0 + 2, "Its ticked tasks and weekly reviews are kept.", w - 4,
		        A_REVERSE);
		tui_put(y0 + 5, x0 + 2, "y replace, n keep the running plan", w - 4,
		        A_REVERSE | A_BOLD);
		break;
	}
	case M_REVIEW: {
		y0 = draw_box(lines, cols, 9, w, &x0);
		snprintf(buf, sizeof buf, "Week %d review · %s", s->review_week,
		         s->v->weeks[s->review_week - 1].theme);
		tui_put(y0 + 1, x0 + 2, buf, w - 4, A_REVERSE | A_BOLD);
		tui_put(y0 + 2, x0 + 2, "What moved (slipped, or went faster)?", w - 4, A_REVERSE);
		for (int k = 0; k < 2; k++) {
			int fy = y0 + 3 + 2 * k;
			move(fy, x0 + 2);
			for (int i = 0; i < w - 4; i++)
				addch(' ');
			if (s->field == k)
				lineedit_draw(&s->ed[k], fy, x0 + 2, w - 4, A_NORMAL);
			else
				tui_put(fy, x0 + 2, lineedit_text(&s->ed[k]), w - 4, A_NORMAL);
		}
		tui_put(y0 + 4, x0 + 2, "What to reprioritize next week?", w - 4, A_REVERSE);
		tui_put(y0 + 7, x0 + 2, "Enter next/save, Tab switch, Esc cancel", w - 4,
		        A_REVERSE | A_DIM);
		break;
	}
	case M_LIST:
		break;
	}
}

static void
plan_draw(struct app *a, void *st, int lines, int cols)
{
	struct planscr *s = st;
	struct plan_view *v = s->v;
	if (v == NULL) {
		tui_put(0, 2, "Study plan", cols - 4, tui_attr(a, C_TITLE) | A_BOLD);
		tui_put(2, 4, "No study plan is running. Press n to start one.", cols - 8,
		        A_NORMAL);
		draw_modal(a, s, lines, cols);
		return;
	}
	char buf[512], where[96];
	plan_where(v, where, sizeof where);
	snprintf(buf, sizeof buf, "Study plan · %s", v->title);
	tui_put(0, 2, buf, cols - 4 - tui_width(where) - 2, tui_attr(a, C_TITLE) | A_BOLD);
	tui_put(0, cols - 2 - tui_width(where), where, tui_width(where), A_BOLD);
	int x = 2;
	snprintf(buf, sizeof buf, "Done %d/%d ", v->done, v->total);
	x += tui_put(1, x, buf, 20, tui_attr(a, C_DIM));
	put_bar(a, 1, x, 12, v->done, v->total);
	x += 13;
	if (v->overdue) {
		snprintf(buf, sizeof buf, " %d overdue", v->overdue);
		x += tui_put(1, x, buf, 20, tui_attr(a, C_BAD) | A_BOLD);
	}
	int pushed = 0;
	for (size_t i = 0; i < v->nshifts; i++)
		pushed += v->shifts[i].days;
	if (pushed) {
		snprintf(buf, sizeof buf, "  pushed back %d day%s", pushed, pushed == 1 ? "" : "s");
		x += tui_put(1, x, buf, cols - x - 2, tui_attr(a, C_DIM));
	}
	tui_hline(2, 0, cols, tui_attr(a, C_DIM));

	/* The list, between the header and the key hints. */
	int y0 = 3, h = lines - y0 - 1;
	s->height = h;
	if (s->cur < s->top + 1)
		s->top = s->cur > 2 ? s->cur - 2 : 0;
	if (s->cur >= s->top + h)
		s->top = s->cur - h + 1;
	for (int i = 0; i < h && s->top + i < s->nrows; i++)
		draw_row(a, s, &s->rows[s->top + i], y0 + i, cols, s->top + i == s->cur);
	tui_put(lines - 1, 2,
	        cols >= 90 ? "Space tick  Enter read  o open  t today  s shift  "
	                     "r review  n new plan  c checklists"
	                   : "Space tick  Enter read  o open  t today  "
	                     "s shift  r review  n new plan",
	        cols - 4, tui_attr(a, C_DIM));
	draw_modal(a, s, lines, cols);
}

/* Puts the cursor on row target, or the nearest selectable row from it
 * going by step (1 or -1), else the other way. */
static void
place_cursor(struct planscr *s, int target, int step)
{
	int i = target;
	while (i >= 0 && i < s->nrows && !selectable(&s->rows[i]))
		i += step;
	if (i < 0 || i >= s->nrows) {
		i = target;
		while (i >= 0 && i < s->nrows && !selectable(&s->rows[i]))
			i -= step;
	}
	if (i >= 0 && i < s->nrows)
		s->cur = i;
}

static void
start_review(struct app *a, struct planscr *s, int week)
{
	const struct plan_weekinfo *w = &s->v->weeks[week - 1];
	if (plan_date(s->v, (week - 1) * 7 + 1) > s->v->today) {
		tui_message(a, "Week %d has not begun.", week);
		return;
	}
	s->review_week = week;
	s->field = 0;
	lineedit_init(&s->ed[0], w->moved, 0, 1000);
	lineedit_init(&s->ed[1], w->reprioritize, 0, 1000);
	s->mode = M_REVIEW;
}

/* Starts the plan chosen in the picker with day 1 today (in the small
 * hours, the study day starting at the rollover), ending the running one
 * (the user has agreed). */
static void
start_picked(struct app *a, struct planscr *s)
{
	const char *id = s->plans[s->pick].id;
	int had = s->v != NULL;
	struct settings set;
	settings_load(a->db, &set);
	int64_t now = now_unix();
	char *cause = NULL;
	int64_t start = studyday_plan_start(now, set.rollover_hour);
	if (plan_start(a->db, id, start, 1, now, NULL, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
	} else {
		char when[48];
		studyday_when(start, now, set.rollover_hour, when, sizeof when);
		tui_message(a, "%s: day 1 is %s", had ? "Plan replaced" : "Plan started", when);
	}
	s->mode = M_LIST;
	reload(a, s, 1);
}

static int
input_modal(struct app *a, struct planscr *s, enum tui_action act, int key)
{
	char *cause = NULL;
	int yes = a->key_char && (key == 'y' || key == 'Y');
	int esc = key == 27 || (a->key_char && (key == 'n' || key == 'N' || key == 'q'));
	switch (s->mode) {
	case M_SHIFT_DAYS: {
		size_t n = strlen(s->days);
		if (key == 27) {
			s->mode = M_LIST;
		} else if (a->key_char && key >= '0' && key <= '9' && n < 3) {
			s->days[n] = (char)key;
			s->days[n + 1] = '\0';
		} else if (((!a->key_char && key == KEY_BACKSPACE) || key == 127 || key == 8) &&
		           n) {
			s->days[n - 1] = '\0';
		} else if (key == '\r' || key == '\n' || (!a->key_char && key == KEY_ENTER)) {
			s->shift_n = atoi(s->days);
			s->shift_from = plan_shift_default_from(s->v);
			free(s->preview);
			s->preview = plan_shift_preview(s->v, s->shift_from, s->shift_n, &cause);
			if (s->preview == NULL) {
				tui_message(a, "%s", cause);
				free(cause);
				s->mode = M_LIST;
			} else {
				s->mode = M_SHIFT_CONFIRM;
			}
		}
		return 1;
	}
	case M_SHIFT_CONFIRM:
		if (yes) {
			if (plan_shift(a->db, s->v, s->shift_from, s->shift_n, now_unix(),
			               &cause) != 0) {
				tui_message(a, "%s", cause);
				free(cause);
			} else {
				tui_message(a, "Days %d-%d pushed back by %d day%s.", s->shift_from,
				            s->v->ndays, s->shift_n, s->shift_n == 1 ? "" : "s");
			}
			s->mode = M_LIST;
			reload(a, s, 1);
		} else if (esc) {
			s->mode = M_LIST;
			tui_message(a, "Nothing changed.");
		}
		return 1;
	case M_PICK:
		if (tui_list_move(act, &s->pick, (int)s->nplans, 10)) {
			/* moved */
		} else if (key == 27 || (a->key_char && key == 'q')) {
			s->mode = M_LIST;
		} else if (key == '\r' || key == '\n' || (!a->key_char && key == KEY_ENTER)) {
			/* Replacing a running plan asks first. */
			if (s->v != NULL)
				s->mode = M_REPLACE_CONFIRM;
			else
				start_picked(a, s);
		}
		return 1;
	case M_REPLACE_CONFIRM:
		if (yes) {
			start_picked(a, s);
		} else if (esc) {
			s->mode = M_LIST;
			tui_message(a, "The running plan is unchanged.");
		}
		return 1;
	case M_REVIEW: {
		if (key == '\t') {
			s->field = !s->field;
			return 1;
		}
		enum le_result r = lineedit_key(&s->ed[s->field], key, !a->key_char);
		if (r == LE_CANCEL) {
			end_review(s);
			tui_message(a, "Review not saved.");
		} else if (r == LE_SAVE && s->field == 0) {
			s->field = 1;
		} else if (r == LE_SAVE) {
			if (plan_review_save(a->db, s->v, s->review_week, lineedit_text(&s->ed[0]),
			                     lineedit_text(&s->ed[1]), now_unix(), &cause) != 0) {
				tui_message(a, "%s", cause);
				free(cause);
			} else {
				tui_message(a, "Week %d review saved.", s->review_week);
			}
			end_review(s);
			reload(a, s, 0);
		}
		return 1;
	}
	case M_LIST:
		break;
	}
	return 0;
}

static int
plan_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct planscr *s = st;
	if (s->mode != M_LIST)
		return input_modal(a, s, act, key);
	if (act == ACT_START_PLAN) {
		open_picker(a, s);
		return 1;
	}
	if (act == ACT_CHECKLISTS) {
		tui_push(a, &checklist_screen, NULL);
		return 1;
	}
	if (s->v == NULL)
		return 0;
	const struct row *r = s->nrows ? &s->rows[s->cur] : NULL;
	const struct plan_task *t = r && r->kind == R_TASK ? &s->v->tasks[r->n] : NULL;
	int to = s->cur;
	if (s->nrows > 0 && tui_list_move(act, &to, s->nrows, s->height > 2 ? s->height - 2 : 1)) {
		/* Headers are passed over in the direction the cursor went. */
		place_cursor(s, to, to < s->cur ? -1 : 1);
		if (act == ACT_TOP)
			s->top = 0;
		return 1;
	}
	switch (act) {
	case ACT_GOTO_TODAY:
		s->cur = home_row(s);
		s->top = context_top(s);
		return 1;
	case ACT_TOGGLE:
		if (t) {
			toggle_task(a, s->v, t);
			reload(a, s, 0);
		} else if (r && r->kind == R_REVIEW) {
			start_review(a, s, r->n);
		}
		return 1;
	case ACT_SELECT:
		if (t)
			tui_push(a, &task_screen, t->id);
		else if (r && r->kind == R_REVIEW)
			start_review(a, s, r->n);
		return 1;
	case ACT_OPEN:
		if (t && !open_link(a, t))
			tui_message(a, "This task links to nothing; Space ticks it.");
		return 1;
	case ACT_SHIFT:
		strcpy(s->days, "1");
		s->mode = M_SHIFT_DAYS;
		return 1;
	case ACT_WEEK_REVIEW: {
		/* The selected review row, else the review that is due, else the
		 * selected task's week. */
		int week = r && r->kind == R_REVIEW ? r->n
		           : s->v->review_due       ? s->v->review_due
		           : t                      ? t->week
		                                    : s->v->cur_week;
		start_review(a, s, week);
		return 1;
	}
	default:
		return 0;
	}
}

static const char *
plan_unsaved(struct app *a, void *st)
{
	struct planscr *s = st;
	if (s->mode == M_REVIEW && (lineedit_changed(&s->ed[0]) || lineedit_changed(&s->ed[1])))
		return "the weekly review you are writing";
	return NULL;
}

const struct screen_ops plan_screen = {
	.name = "Plan",
	.open = plan_open,
	.close = plan_close,
	.draw = plan_draw,
	.input = plan_input,
	.keys = plan_keys,
	.resume = plan_resume,
	.unsaved = plan_unsaved,
};

/* ---- one task in full ---------------------------------------------------- */

/* A task's whole text (rows in the lists cut it), its day, state and
 * link, opened with Enter from Today or the plan screen; Space ticks it
 * and o opens its link, as in the lists. */
struct taskscr {
	struct plan_view *v;
	char *id;
};

static const struct tui_key task_keys[] = {
	{ ' ', ACT_TOGGLE, "Space", "Tick or untick the task" },
	{ 'o', ACT_OPEN, "o", "Open what the task links to" },
	{ 0, ACT_NONE, NULL, NULL },
};

static const struct plan_task *
task_find(const struct taskscr *s)
{
	for (size_t i = 0; s->v && i < s->v->ntasks; i++)
		if (strcmp(s->v->tasks[i].id, s->id) == 0)
			return &s->v->tasks[i];
	return NULL;
}

static void *
task_open(struct app *a, const void *arg)
{
	struct taskscr *s = xcalloc(1, sizeof *s);
	s->id = xstrdup(arg ? arg : "");
	s->v = plan_load(a->db, now_unix());
	if (task_find(s) == NULL) {
		tui_message(a, "That task is no longer in the running plan.");
		plan_view_free(s->v);
		free(s->id);
		free(s);
		return NULL;
	}
	return s;
}

static void
task_close(struct app *a, void *st)
{
	struct taskscr *s = st;
	plan_view_free(s->v);
	free(s->id);
	free(s);
}

static void
task_resume(struct app *a, void *st)
{
	struct taskscr *s = st;
	plan_view_free(s->v);
	s->v = plan_load(a->db, now_unix());
}

static void
task_draw(struct app *a, void *st, int lines, int cols)
{
	struct taskscr *s = st;
	const struct plan_task *t = task_find(s);
	if (t == NULL) {
		tui_put(1, 2, "This task is no longer in the running plan.", cols - 4, A_NORMAL);
		return;
	}
	const struct plan_view *v = s->v;
	const struct plan_dayinfo *d = &v->days[t->day - 1];
	char date[20], buf[600];
	plan_fmt_day(d->date, date, sizeof date);
	snprintf(buf, sizeof buf, "Plan task · Day %d of %d · %s%s", t->day, v->ndays, date,
	         t->day == v->today_day ? " · today" : "");
	tui_put(0, 2, buf, cols - 4, tui_attr(a, C_TITLE) | A_BOLD);
	snprintf(buf, sizeof buf, "Week %d: %s · %s", t->week, v->weeks[t->week - 1].theme,
	         d->title);
	int y = 1 + tui_wrap(1, 2, cols - 4, 2, buf, tui_attr(a, C_DIM));
	y++;
	attr_t battr;
	const char *box = task_box(a, t, &battr);
	tui_put(y, 2, box, 3, battr | A_BOLD);
	y += tui_wrap(y, 6, cols - 8, lines - y - 6, t->text, A_BOLD) + 1;
	if (t->done)
		snprintf(buf, sizeof buf, "Done%s.",
		         t->auto_done ? " (ticked by the program "
		                        "when its reviews were done)"
		                      : "");
	else if (t->overdue)
		snprintf(buf, sizeof buf, "Overdue: its day has passed. Space ticks it.");
	else
		snprintf(buf, sizeof buf, "To do. Space ticks it.");
	y += tui_wrap(y, 4, cols - 6, 2, buf,
	              t->done      ? tui_attr(a, C_GOOD)
	              : t->overdue ? tui_attr(a, C_BAD)
	                           : A_NORMAL);
	if (strcmp(t->link_kind, "deck") == 0 && t->count > 0) {
		if (t->progress >= 0)
			snprintf(buf, sizeof buf, "Reviews of %s on its day: %d of %d.",
			         *t->link_title ? t->link_title : t->link_id,
			         t->progress < t->count ? t->progress : t->count, t->count);
		else
			snprintf(buf, sizeof buf, "Asks for %d reviews of %s on its day.", t->count,
			         *t->link_title ? t->link_title : t->link_id);
		y += tui_wrap(y, 4, cols - 6, 2, buf, A_NORMAL);
	}
	if (*t->link_kind) {
		snprintf(buf, sizeof buf, "Links to the %s '%s': o opens it.",
		         strcmp(t->link_kind, "skillmap") == 0 ? "gap map" : t->link_kind,
		         *t->link_title ? t->link_title : t->link_id);
		y += tui_wrap(y, 4, cols - 6, 2, buf, tui_attr(a, C_ACCENT));
	}
	if (t->minutes > 0 && y < lines - 2) {
		snprintf(buf, sizeof buf, "About %d minutes.", t->minutes);
		tui_put(y++, 4, buf, cols - 6, tui_attr(a, C_DIM));
	}
	tui_put(lines - 1, 2,
	        *t->link_kind ? "Space tick · o open the link · q back" : "Space tick · q back",
	        cols - 4, tui_attr(a, C_DIM));
}

static int
task_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct taskscr *s = st;
	const struct plan_task *t = task_find(s);
	(void)key;
	if (t == NULL)
		return 0;
	switch (act) {
	case ACT_TOGGLE:
		toggle_task(a, s->v, t);
		task_resume(a, s);
		return 1;
	case ACT_OPEN:
		if (!open_link(a, t))
			tui_message(a, "This task links to nothing; Space ticks it.");
		return 1;
	default:
		return 0;
	}
}

static const struct screen_ops task_screen = {
	.name = "Plan task",
	.open = task_open,
	.close = task_close,
	.draw = task_draw,
	.input = task_input,
	.keys = task_keys,
	.resume = task_resume,
};
