/* Interview dates: set one, see the proposed plan and what it does to the
 * reviews, and the simulator's forecast of minutes a day and recall on the
 * day at each desired retention, with a key to set it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "memory.h"
#include "parse.h"
#include "plan.h"
#include "settings.h"
#include "studyday.h"
#include "tui/app.h"
#include "tui/lineedit.h"
#include "util.h"

enum tphase { TP_LIST, TP_FORM, TP_PROPOSE, TP_RETENTION };

struct tscreen {
	enum tphase phase;
	struct target *t;
	size_t n;
	int sel;
	int field; /* 0 date, 1 company, 2 role */
	struct lineedit ed[3];
	char why[512], effect[256];
	char replaces[300]; /* the running plan a start would end, or "" */
	char warning[300];  /* the running plan does not fit the interview */
	const char *plan;
	int64_t start;
	struct forecast fc; /* the simulator's table, when have_fc */
	int have_fc;
	struct lineedit ret; /* the desired retention being typed */
};

static const struct tui_key target_keys[] = {
	{ 'a', ACT_SELECT, "a", "Add an interview date" },
	{ 'd', ACT_NONE, "d", "Delete the selected interview (asks first)" },
	{ 'P', ACT_START_PLAN, "P", "Start the plan proposed for the next interview" },
	{ 'R', ACT_NONE, "R", "Set the desired retention (the forecast shows what each costs)" },
	{ 0, ACT_NONE, NULL, NULL },
};

static void
tload(struct app *a, struct tscreen *s)
{
	free(s->t);
	struct settings set;
	settings_load(a->db, &set);
	int64_t now = now_unix();
	s->t = target_list(a->db, day_number(now, set.rollover_hour), &s->n);
	if (s->sel >= (int)s->n)
		s->sel = s->n ? (int)s->n - 1 : 0;
	struct plan_view *v = plan_load(a->db, now_unix());
	plan_interview_warning(a->db, v, s->warning, sizeof s->warning);
	s->replaces[0] = '\0';
	if (v != NULL)
		plan_describe(v, s->replaces, sizeof s->replaces);
	plan_view_free(v);
	/* The forecast towards the next interview (fewer runs than the
	 * command line: the screen wants it at once). */
	if (s->have_fc)
		memory_forecast_free(&s->fc);
	s->have_fc = 0;
	if (s->n > 0) {
		struct forecast_options o = { 0, -1, 30, 1, 0 };
		s->have_fc = memory_forecast(a->db, &set, now, &o, &s->fc) == 0;
	}
}

/* The plan proposed for an interview on `day`, never starting in the
 * past; shown with what it would replace, and started only on y. */
static void
propose(struct app *a, struct tscreen *s, int64_t day)
{
	struct settings set;
	settings_load(a->db, &set);
	int64_t now = now_unix();
	deadline_propose_plan(day_number(now, set.rollover_hour),
	                      studyday_plan_start(now, set.rollover_hour), day, &s->plan, &s->start,
	                      s->why, sizeof s->why);
	s->phase = TP_PROPOSE;
}

static void
start_form(struct tscreen *s)
{
	for (int i = 0; i < 3; i++) {
		lineedit_free(&s->ed[i]);
		lineedit_init(&s->ed[i], NULL, 0, 120);
	}
	s->field = 0;
	s->phase = TP_FORM;
}

static void *
target_open(struct app *a, const void *arg)
{
	struct tscreen *s = xcalloc(1, sizeof *s);
	for (int i = 0; i < 3; i++)
		lineedit_init(&s->ed[i], NULL, 0, 120);
	lineedit_init(&s->ret, NULL, 0, 8);
	tload(a, s);
	if (s->n == 0 || (arg && strcmp(arg, "new") == 0))
		start_form(s);
	curs_set(0);
	return s;
}

static void
target_close(struct app *a, void *st)
{
	struct tscreen *s = st;
	for (int i = 0; i < 3; i++)
		lineedit_free(&s->ed[i]);
	lineedit_free(&s->ret);
	if (s->have_fc)
		memory_forecast_free(&s->fc);
	free(s->t);
	free(s);
}

/* Saves the form: the interview, then the proposal and the effect. */
static void
save_form(struct app *a, struct tscreen *s)
{
	int64_t day;
	const char *date = lineedit_text(&s->ed[0]);
	struct settings set;
	settings_load(a->db, &set);
	int64_t now = now_unix(), today = day_number(now, set.rollover_hour);
	char *cause = NULL;
	if (parse_day("the interview date", date, &day, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		s->field = 0;
		return;
	}
	if (day < today) {
		tui_message(a, "%s is in the past", date);
		s->field = 0;
		return;
	}
	if (target_add(a->db, day, lineedit_text(&s->ed[1]), lineedit_text(&s->ed[2]), NULL,
	               &cause) < 0) {
		tui_message(a, "%s", cause);
		free(cause);
		return;
	}
	struct deadline_report rep;
	s->effect[0] = '\0';
	if (deadline_plan(a->db, &set, now, 1, &rep) == 0 && rep.day == day)
		deadline_effect(&rep, &set, 1, s->effect, sizeof s->effect);
	tload(a, s);
	propose(a, s, day);
}

static void
wrap_put(int *y, int x, const char *text, int width, attr_t at)
{
	/* simple word wrap for short paragraphs */
	const char *p = text;
	while (*p) {
		int len = (int)strlen(p);
		int cut = len;
		if (tui_width(p) > width) {
			cut = 0;
			for (int i = 0; i < len && i < 4 * width; i++) {
				char tmp[1024];
				int k = i < (int)sizeof tmp - 1 ? i : (int)sizeof tmp - 1;
				memcpy(tmp, p, (size_t)k);
				tmp[k] = '\0';
				if (tui_width(tmp) > width)
					break;
				if (p[i] == ' ')
					cut = i;
			}
			if (cut == 0)
				cut = width;
		}
		char line[1024];
		snprintf(line, sizeof line, "%.*s", cut, p);
		tui_put((*y)++, x, line, width, at);
		p += cut;
		while (*p == ' ')
			p++;
	}
}

static void
target_draw(struct app *a, void *st, int lines, int cols)
{
	struct tscreen *s = st;
	struct settings set;
	settings_load(a->db, &set);
	int64_t today = day_number(now_unix(), set.rollover_hour);
	tui_put(1, 2, "Interview dates", cols - 4, tui_attr(a, C_TITLE));
	int y = 3;
	if (s->phase == TP_FORM) {
		static const char *const label[3] = { "Date (YYYY-MM-DD)", "Company", "Role" };
		for (int i = 0; i < 3; i++) {
			tui_put(y, 4, label[i], 20, i == s->field ? A_BOLD : tui_attr(a, C_DIM));
			if (i == s->field)
				lineedit_draw(&s->ed[i], y, 24, cols - 30, A_UNDERLINE);
			else
				tui_put(y, 24, lineedit_text(&s->ed[i]), cols - 30, A_NORMAL);
			y += 2;
		}
		tui_put(y + 1, 4, "Enter next field (saves after Role), Tab next field, Esc cancel",
		        cols - 8, tui_attr(a, C_DIM));
		return;
	}
	if (s->phase == TP_PROPOSE) {
		wrap_put(&y, 4, s->why, cols - 8, A_NORMAL);
		y++;
		if (s->effect[0])
			wrap_put(&y, 4, s->effect, cols - 8, tui_attr(a, C_ACCENT));
		y++;
		if (s->replaces[0]) {
			char buf[400];
			snprintf(buf, sizeof buf,
			         "It replaces the running plan %s; its ticks and "
			         "reviews stay in the history.",
			         s->replaces);
			wrap_put(&y, 4, buf, cols - 8, tui_attr(a, C_WARN) | A_BOLD);
			y++;
		}
		tui_put(y, 4,
		        s->replaces[0] ? "y  replace it and start this plan" : "y  start this plan",
		        cols - 8, A_BOLD);
		tui_put(y + 1, 4, "n  not now", cols - 8, A_BOLD);
		return;
	}
	if (s->n == 0)
		tui_put(y++, 4, "No interview dates yet. Press a to add one.", cols - 8, A_NORMAL);
	for (size_t i = 0; i < s->n && y < lines - 3; i++) {
		char d[16], buf[600], when[32];
		fmt_date(s->t[i].day, d, sizeof d);
		long long left = (long long)(s->t[i].day - today);
		if (left <= 1)
			snprintf(when, sizeof when, "%s", left == 0 ? "today" : "tomorrow");
		else
			snprintf(when, sizeof when, "in %lld days", left);
		snprintf(buf, sizeof buf, "%s  %-12s %s%s%s%s", d, when, s->t[i].company,
		         s->t[i].company[0] && s->t[i].role[0] ? " · " : "", s->t[i].role,
		         s->t[i].map_id[0] ? "  (gap map)" : "");
		attr_t at = (int)i == s->sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		move(y, 2);
		for (int k = 0; k < cols - 4; k++)
			addch(' ' | ((int)i == s->sel ? at : A_NORMAL));
		tui_put(y++, 4, buf, cols - 8, at);
	}
	if (s->have_fc && y + 8 < lines - 1) {
		const struct forecast *f = &s->fc;
		char d[16];
		fmt_date(f->target_day, d, sizeof d);
		y++;
		char head[200];
		snprintf(head, sizeof head, "Forecast to %s · %s model · %zu cards, %d new a day",
		         d, set.fitted == 1 ? "fitted" : "default", f->target_cards,
		         f->new_per_day);
		tui_put(y++, 4, head, cols - 8, tui_attr(a, C_TITLE));
		for (int k = 0; k < SIM_TABLE; k++) {
			char row[120];
			int cur = f->table[k].retention > set.retention - 0.005 &&
			          f->table[k].retention < set.retention + 0.005;
			snprintf(row, sizeof row, "%s at %.2f: %3.0f min/day, %3.0f%% on the day",
			         cur ? "*" : " ", f->table[k].retention,
			         f->table[k].minutes_per_day, f->table[k].recall_on_day * 100);
			tui_put(y++, 4, row, cols - 8, cur ? A_BOLD : A_NORMAL);
		}
		char rec[120];
		snprintf(rec, sizeof rec, "  minimum recommended %.2f; desired retention now %.2f",
		         f->recommended, set.retention);
		tui_put(y++, 4, rec, cols - 8, tui_attr(a, C_DIM));
	}
	if (s->phase == TP_RETENTION) {
		y++;
		tui_put(y, 4, "Desired retention (0.70-0.99 or 70-99):", 40, A_BOLD);
		lineedit_draw(&s->ret, y, 45, 10, A_UNDERLINE);
		tui_put(y + 1, 4, "Enter sets it, Esc cancels", cols - 8, tui_attr(a, C_DIM));
		return;
	}
	y++;
	if (s->warning[0]) {
		char buf[320];
		snprintf(buf, sizeof buf, "! %s.", s->warning);
		wrap_put(&y, 4, buf, cols - 8, tui_attr(a, C_WARN) | A_BOLD);
		y++;
	}
	tui_put(y, 4, "a add   d delete   P start the proposed plan   R set retention", cols - 8,
	        tui_attr(a, C_DIM));
}

static int
target_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct tscreen *s = st;
	if (s->phase == TP_FORM) {
		if (a->key_char && key == '\t') {
			s->field = (s->field + 1) % 3;
			return 1;
		}
		enum le_result r = lineedit_key(&s->ed[s->field], key, !a->key_char);
		if (r == LE_CANCEL) {
			s->phase = TP_LIST;
			if (s->n == 0)
				tui_pop(a);
		} else if (r == LE_SAVE) {
			if (s->field < 2)
				s->field++;
			else
				save_form(a, s);
		}
		return 1;
	}
	if (s->phase == TP_RETENTION) {
		enum le_result r = lineedit_key(&s->ret, key, !a->key_char);
		if (r == LE_CANCEL) {
			s->phase = TP_LIST;
		} else if (r == LE_SAVE) {
			char *cause = NULL, val[32];
			const char *typed = lineedit_text(&s->ret);
			char *end;
			double x = strtod(typed, &end);
			/* "85" means 85%. */
			if (*end == '\0' && end != typed && x >= 50 && x < 100)
				snprintf(val, sizeof val, "%.2f", x / 100);
			else
				snprintf(val, sizeof val, "%s", typed);
			if (settings_set(a->db, "retention", val, &cause) != 0) {
				tui_message(a, "%s", cause);
				free(cause);
			} else {
				struct settings set;
				settings_load(a->db, &set);
				tui_message(a, "Desired retention set to %.2f", set.retention);
				s->phase = TP_LIST;
				tload(a, s);
			}
		}
		return 1;
	}
	if (s->phase == TP_PROPOSE) {
		if (a->key_char && (key == 'y' || key == 'Y')) {
			char *cause = NULL;
			if (plan_start(a->db, s->plan, s->start, 1, now_unix(), NULL, &cause) !=
			    0) {
				tui_message(a, "%s", cause);
				free(cause);
			} else {
				struct plan_view *v = plan_load(a->db, now_unix());
				tui_message(a, "Started '%s'", v ? v->title : s->plan);
				plan_view_free(v);
			}
			s->phase = TP_LIST;
			tload(a, s);
		} else if (key == 27 || (a->key_char && (key == 'n' || key == 'N' || key == 'q'))) {
			s->phase = TP_LIST;
		}
		return 1;
	}
	if (act == ACT_SELECT) {
		start_form(s);
		return 1;
	}
	if (tui_list_move(act, &s->sel, (int)s->n, 10))
		return 1;
	if (a->key_char && key == 'R') {
		lineedit_free(&s->ret);
		lineedit_init(&s->ret, NULL, 0, 8);
		s->phase = TP_RETENTION;
		return 1;
	}
	if (a->key_char && key == 'd' && s->n > 0) {
		target_remove(a->db, s->t[s->sel].id);
		tui_message(a, "Interview removed; reviews moved for it are back on schedule");
		tload(a, s);
		return 1;
	}
	if (act == ACT_START_PLAN && s->n > 0) {
		s->effect[0] = '\0';
		propose(a, s, s->t[0].day);
		return 1;
	}
	return 0;
}

static const char *
target_unsaved(struct app *a, void *st)
{
	struct tscreen *s = st;
	if (s->phase != TP_FORM)
		return NULL;
	for (int i = 0; i < 3; i++)
		if (lineedit_changed(&s->ed[i]))
			return "the interview you are entering";
	return NULL;
}

const struct screen_ops target_screen = {
	.name = "Interviews",
	.open = target_open,
	.close = target_close,
	.draw = target_draw,
	.input = target_input,
	.keys = target_keys,
	.unsaved = target_unsaved,
};
