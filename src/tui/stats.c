/* The stats screen: seven pages of terminal drawings (review heatmap and
 * card counts, due forecast, retention per deck, rehearsal timing, rubric
 * scores, gap-map confidence, and the memory model: true retention by
 * interval and deck, calibration, fitted parameters, background fit). Block characters and colour when allowed;
 * plain ASCII when NO_COLOR is set or the locale is not UTF-8. Pages
 * longer than the screen scroll. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"
#include "rehearsal.h"
#include "settings.h"
#include "stats.h"
#include "tui/app.h"
#include "tui/optjob.h"
#include "util.h"

enum { PG_ACTIVITY, PG_FORECAST, PG_RETENTION, PG_REHEARSAL, PG_SCORES, PG_GAPS, PG_MEMORY, PG__N };

static const char *const page_names[PG__N] = {
	"Activity", "Forecast", "Retention", "Timing", "Scores", "Gap map", "Memory",
};

struct stv {
	struct stats s;
	int page;
	int scroll[PG__N];
	int fancy;             /* block characters (UTF-8 and colour allowed) */
	struct mem_report mem; /* the Memory page, loaded when first shown */
	int have_mem;
	/* Set while drawing: the page's rows map to the screen from y0. */
	int y0, rows, nlines;
};

static const struct tui_key stats_keys[] = {
	{ '\t', ACT_NONE, "Tab/Right", "Next page" },
	{ KEY_RIGHT, ACT_NONE, NULL, NULL },
	{ 'l', ACT_NONE, NULL, NULL },
	{ KEY_BTAB, ACT_NONE, "S-Tab/Left", "Previous page" },
	{ KEY_LEFT, ACT_NONE, NULL, NULL },
	{ 'h', ACT_NONE, NULL, NULL },
	{ '1', ACT_NONE, "1-7", "Go straight to a page" },
	{ '2', ACT_NONE, NULL, NULL },
	{ '3', ACT_NONE, NULL, NULL },
	{ '4', ACT_NONE, NULL, NULL },
	{ '5', ACT_NONE, NULL, NULL },
	{ '6', ACT_NONE, NULL, NULL },
	{ '7', ACT_NONE, NULL, NULL },
	{ 'o', ACT_NONE, "o",
	  "Memory page: fit the memory model to your reviews in the "
	  "background (applied only when it predicts held-out reviews better)" },
	{ 0, ACT_NONE, NULL, NULL },
};

static void *
stats_open(struct app *a, const void *arg)
{
	struct stv *v = xcalloc(1, sizeof *v);
	stats_load(a->db, now_unix(), &v->s);
	const char *nc = getenv("NO_COLOR");
	v->fancy = locale_utf8() && !(nc && *nc);
	for (int i = 0; i < PG__N; i++)
		if (arg && strcmp(arg, page_names[i]) == 0)
			v->page = i;
	if (optjob_status(NULL, 0) == OPTJOB_RUNNING)
		a->tick_ms = 250;
	return v;
}

static void
drop_memory(struct stv *v)
{
	if (v->have_mem)
		memory_report_free(&v->mem);
	v->have_mem = 0;
}

static void
stats_close(struct app *a, void *st)
{
	struct stv *v = st;
	stats_free(&v->s);
	drop_memory(v);
	free(v);
}

static void
stats_resume(struct app *a, void *st)
{
	struct stv *v = st;
	stats_free(&v->s);
	stats_load(a->db, now_unix(), &v->s);
	drop_memory(v);
	if (optjob_status(NULL, 0) == OPTJOB_RUNNING)
		a->tick_ms = 250;
}

/* ---- drawing on a scrolled page: row r of the page is at screen row
 * y0 + r - scroll when that is inside the page area. */

static int
row_y(struct stv *v, int r)
{
	int y = v->y0 + r - v->scroll[v->page];
	if (r + 1 > v->nlines)
		v->nlines = r + 1;
	return y >= v->y0 && y < v->y0 + v->rows ? y : -1;
}

static int
put(struct stv *v, int r, int x, const char *s, int width, attr_t attr)
{
	int y = row_y(v, r);
	return y < 0 || width <= 0 ? 0 : tui_put(y, x, s, width, attr);
}

static int putf(struct stv *v, int r, int x, int width, attr_t attr, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));
static int
putf(struct stv *v, int r, int x, int width, attr_t attr, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return put(v, r, x, buf, width, attr);
}

/* Intensity glyphs 0..4. */
static const char *
glyph(struct stv *v, int level)
{
	static const char *const fancy[] = { "·", "░", "▒", "▓", "█" };
	static const char *const plain[] = { ".", ":", "o", "O", "#" };
	return (v->fancy ? fancy : plain)[level < 0 ? 0 : level > 4 ? 4 : level];
}

/* A sparkline glyph for a fraction 0..1. */
static const char *
spark(struct stv *v, double f)
{
	static const char *const fancy[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	static const char *const plain[] = { "_", "_", ".", ".", "-", "-", "^", "^" };
	int k = (int)(f * 8.0);
	k = k < 0 ? 0 : k > 7 ? 7 : k;
	return (v->fancy ? fancy : plain)[k];
}

static const char *
arrow(struct stv *v, int dir)
{
	if (dir > 0)
		return v->fancy ? "↑" : "up";
	if (dir < 0)
		return v->fancy ? "↓" : "down";
	return v->fancy ? "→" : "=";
}

static int
score_color(int score)
{
	return score <= 1 ? C_BAD : score == 2 ? C_WARN : C_GOOD;
}

/* ---- pages -------------------------------------------------------------- */

static void
page_activity(struct app *a, struct stv *v, int cols)
{
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	const struct stats *s = &v->s;
	int r = 0;
	put(v, r++, 2, "Review activity · last 26 weeks", cols - 4, tui_attr(a, C_TITLE));
	int weeks = stats_heat_weeks(s), x0 = 7;
	/* Month names above the week where the month begins; the first
	 * column's month gives way when the next month starts too close. */
	int lastm = -1, nextx = 0, first = -1;
	for (int w = 0; w < weeks; w++) {
		int idx = stats_heat_index(s, w, 0);
		int64_t day = idx >= 0 ? s->heat_first + idx : s->heat_first;
		int yy, mm, dd;
		civil_from_days(day, &yy, &mm, &dd);
		int x = x0 + 2 * w;
		if (mm != lastm && x < nextx && first >= 0) {
			put(v, r, first, "   ", 3, A_NORMAL);
			nextx = 0;
		}
		if (mm != lastm && x >= nextx) {
			put(v, r, x, mon[mm - 1], 3, tui_attr(a, C_DIM));
			first = w == 0 ? x : -1;
			nextx = x + 4;
		}
		lastm = mm;
	}
	r++;
	for (int d = 0; d < 7; d++, r++) {
		put(v, r, 2, wd[d], 3, tui_attr(a, C_DIM));
		for (int w = 0; w < weeks; w++) {
			int idx = stats_heat_index(s, w, d);
			if (idx < 0)
				continue;
			int lv = stats_heat_level(s->heat[idx], s->heat_max);
			attr_t at = lv == 0 ? tui_attr(a, C_DIM) : tui_attr(a, C_GOOD);
			if (lv >= 3)
				at |= A_BOLD;
			if (idx == STATS_HEAT_DAYS - 1)
				at = tui_attr(a, lv ? C_ACCENT : C_DIM) | A_BOLD;
			put(v, r, x0 + 2 * w, glyph(v, lv), 1, at);
		}
	}
	int x = 7;
	x += put(v, r, x, "less ", 5, tui_attr(a, C_DIM));
	for (int lv = 0; lv <= 4; lv++) {
		put(v, r, x, glyph(v, lv), 1,
		    lv ? tui_attr(a, C_GOOD) | (lv >= 3 ? A_BOLD : 0) : tui_attr(a, C_DIM));
		x += 2;
	}
	put(v, r, x, "more", 4, tui_attr(a, C_DIM));
	if (s->heat_max > 0)
		putf(v, r, x + 6, cols - x - 8, tui_attr(a, C_DIM), "(%s = %d answer%s)",
		     glyph(v, 4), s->heat_max, s->heat_max == 1 ? "" : "s");
	r += 2;
	putf(v, r++, 2, cols - 4, A_NORMAL,
	     "%d answer%s on %d of %d days · busiest day %d "
	     "· today %d · streak %d day%s",
	     s->heat_total, s->heat_total == 1 ? "" : "s", s->heat_active, STATS_HEAT_DAYS,
	     s->heat_max, s->heat[STATS_HEAT_DAYS - 1], s->streak, s->streak == 1 ? "" : "s");
	r++;

	put(v, r++, 2, "Cards", cols - 4, tui_attr(a, C_TITLE));
	const struct {
		const char *name;
		int n;
		int level;
		int color;
	} kinds[] = {
		{ "new", s->n_new, 1, C_TITLE },           { "learning", s->n_learning, 2, C_WARN },
		{ "young", s->n_young, 3, C_GOOD },        { "mature", s->n_mature, 4, C_GOOD },
		{ "suspended", s->n_suspended, 0, C_DIM },
	};
	int total = 0;
	x = 2;
	for (int i = 0; i < 5; i++) {
		total += kinds[i].n;
		x += put(v, r, x, glyph(v, kinds[i].level), 1,
		         tui_attr(a, kinds[i].color) | (i == 3 ? A_BOLD : 0));
		x += putf(v, r, x + 1, 30, A_NORMAL, "%s %d", kinds[i].name, kinds[i].n) + 4;
	}
	r++;
	/* One bar, each kind's share of the cards. */
	int barw = cols - 6;
	if (total > 0) {
		x = 2;
		int acc = 0, drawn = 0;
		for (int i = 0; i < 5; i++) {
			acc += kinds[i].n;
			int upto = (int)((long long)acc * barw / total);
			for (; drawn < upto; drawn++)
				put(v, r, x + drawn, glyph(v, kinds[i].level), 1,
				    tui_attr(a, kinds[i].color) | (i == 3 ? A_BOLD : 0));
		}
	}
	r++;
	putf(v, r++, 2, cols - 4, tui_attr(a, C_DIM),
	     "Mature: interval of %d+ days; "
	     "young: less; learning includes relearning.",
	     STATS_MATURE_DAYS);
}

static void
page_forecast(struct app *a, struct stv *v, int cols)
{
	const struct stats *s = &v->s;
	int r = 0;
	put(v, r++, 2, "Due cards · next 30 days", cols - 4, tui_attr(a, C_TITLE));
	int week = 0;
	for (int i = 0; i < 7; i++)
		week += s->forecast[i];
	putf(v, r++, 2, cols - 4, A_NORMAL,
	     "today %d (%d overdue) · tomorrow %d · "
	     "next 7 days %d · next 30 days %d",
	     s->forecast[0], s->overdue, s->forecast[1], week, s->forecast_total);
	r++;
	int max = 0;
	for (int i = 0; i < STATS_FORECAST_DAYS; i++)
		if (s->forecast[i] > max)
			max = s->forecast[i];
	const int h = 12, x0 = 8;
	/* Each bar is h rows of eighths in block mode, whole rows in ASCII. */
	for (int row = 0; row < h; row++) {
		int level = h - row; /* 1..h, top row first */
		if (max == 0)
			;
		else if (row == 0)
			putf(v, r + row, 2, 5, tui_attr(a, C_DIM), "%5d", max);
		else if (row == h - 1)
			putf(v, r + row, 2, 5, tui_attr(a, C_DIM), "%5d", 0);
		else if (row == h / 2 && max > 1)
			putf(v, r + row, 2, 5, tui_attr(a, C_DIM), "%5d", max / 2);
		put(v, r + row, x0 - 1, v->fancy ? "│" : "|", 1, tui_attr(a, C_DIM));
		for (int i = 0; i < STATS_FORECAST_DAYS && max > 0; i++) {
			double cells = (double)s->forecast[i] * h / max;
			const char *g = NULL;
			if (cells >= level)
				g = v->fancy ? "█" : "#";
			else if (cells > level - 1 && s->forecast[i] > 0) {
				double frac = cells - (level - 1);
				if (v->fancy)
					g = spark(v, frac);
				else if (frac >= 0.5)
					g = "#";
				else if (level == 1)
					g = "_"; /* a small day still shows */
			}
			if (g)
				put(v, r + row, x0 + 2 * i, g, 1,
				    i == 0 ? tui_attr(a, C_ACCENT) | A_BOLD : tui_attr(a, C_GOOD));
		}
	}
	if (max == 0)
		put(v, r + h / 2, x0 + 8, "Nothing due in the next 30 days.", cols - x0 - 10,
		    A_NORMAL);
	r += h;
	int y = row_y(v, r);
	if (y >= 0) {
		move(y, x0 - 1);
		for (int i = 0; i < 2 * STATS_FORECAST_DAYS; i++)
			tui_put(y, x0 - 1 + i, v->fancy ? "─" : "-", 1, tui_attr(a, C_DIM));
	}
	r++;
	static const int marks[] = { 0, 7, 14, 21, 29 };
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
		char lab[16];
		if (marks[k] == 0)
			snprintf(lab, sizeof lab, "today");
		else
			snprintf(lab, sizeof lab, "+%d", marks[k]);
		put(v, r, x0 + 2 * marks[k], lab, 6, tui_attr(a, C_DIM));
	}
	r += 2;
	put(v, r++, 2,
	    "Cards in learning or review, not suspended; today includes "
	    "overdue cards.",
	    cols - 4, tui_attr(a, C_DIM));
}

static void
retention_row(struct app *a, struct stv *v, int r, const char *name, int reviews, int passed,
              attr_t attr, int cols)
{
	double t = stats_ratio(passed, reviews);
	put(v, r, 2, name, 32, attr);
	putf(v, r, 35, 8, attr, "%7d", reviews);
	if (t < 0) {
		put(v, r, 45, "      -", 7, tui_attr(a, C_DIM));
		return;
	}
	putf(v, r, 45, 8, attr, "%6.1f%%", 100.0 * t);
	int c = t >= v->s.desired ? C_GOOD : t >= v->s.desired - 0.05 ? C_WARN : C_BAD;
	/* A bar from 50% to 100%, with the target marked. */
	int barw = cols - 56 - 2;
	if (barw > 24)
		barw = 24;
	int fill = t <= 0.5 ? 0 : (int)((t - 0.5) / 0.5 * barw + 0.5);
	int mark = (int)((v->s.desired - 0.5) / 0.5 * barw + 0.5);
	for (int i = 0; i < barw; i++) {
		const char *g = i < fill ? (v->fancy ? "█" : "#") : (v->fancy ? "·" : ".");
		attr_t at = i < fill ? tui_attr(a, c) : tui_attr(a, C_DIM);
		if (i == mark) {
			g = v->fancy ? "┃" : "|";
			at = tui_attr(a, C_ACCENT) | A_BOLD;
		}
		put(v, r, 55 + i, g, 1, at);
	}
}

static void
page_retention(struct app *a, struct stv *v, int cols)
{
	const struct stats *s = &v->s;
	int r = 0;
	putf(v, r++, 2, cols - 4, tui_attr(a, C_TITLE),
	     "True retention · last %d days · "
	     "target %.0f%%",
	     STATS_RETENTION_DAYS, 100.0 * s->desired);
	put(v, r++, 2,
	    "Share of scheduled reviews of cards in the review state not "
	    "answered Again.",
	    cols - 4, tui_attr(a, C_DIM));
	r++;
	put(v, r, 2, "Deck", 32, tui_attr(a, C_DIM));
	put(v, r, 35, "Reviews", 8, tui_attr(a, C_DIM));
	put(v, r, 46, "  True", 7, tui_attr(a, C_DIM));
	putf(v, r++, 55, cols - 57, tui_attr(a, C_DIM), "50%% .. 100%%, %s target",
	     v->fancy ? "┃" : "|");
	for (size_t i = 0; i < s->ndecks; i++)
		retention_row(a, v, r++, s->decks[i].title, s->decks[i].reviews, s->decks[i].passed,
		              A_NORMAL, cols);
	retention_row(a, v, r++, "All decks", s->ret_reviews, s->ret_passed, A_BOLD, cols);
}

static void
page_rehearsal(struct app *a, struct stv *v, int cols)
{
	const struct stats *s = &v->s;
	int r = 0;
	put(v, r++, 2, "Rehearsal time against budget · completed runs", cols - 4,
	    tui_attr(a, C_TITLE));
	put(v, r++, 2,
	    "Each mark is one run, oldest first: height is time over budget "
	    "(full = 2x).",
	    cols - 4, tui_attr(a, C_DIM));
	r++;
	if (s->nstories == 0) {
		put(v, r++, 2,
		    "No completed rehearsals yet. Rehearse a story from the "
		    "Stories screen.",
		    cols - 4, A_NORMAL);
		return;
	}
	char t1[32], t2[32];
	for (size_t i = 0; i < s->nstories; i++) {
		const struct stats_story *st = &s->stories[i];
		const struct stats_session *last = &st->s[st->n - 1];
		int x = 2;
		x += put(v, r, x, st->title, cols - 40, A_BOLD);
		if (strcmp(st->mode, "story") != 0)
			x += putf(v, r, x, 12, tui_attr(a, C_DIM), " [%s]", st->mode);
		rehearsal_fmt_ms(last->total_ms, t1, sizeof t1);
		rehearsal_fmt_ms(last->budget_ms, t2, sizeof t2);
		int over = last->budget_ms > 0 && last->total_ms > last->budget_ms;
		putf(v, r++, x + 2, cols - x - 4, tui_attr(a, over ? C_BAD : C_GOOD),
		     "%zu run%s · last %s of %s", st->n, st->n == 1 ? "" : "s", t1, t2);
		/* The sparkline of the last runs, then first and last ratios. */
		int maxn = 30, from = st->n > (size_t)maxn ? (int)st->n - maxn : 0;
		x = 4;
		for (int k = from; k < (int)st->n; k++) {
			const struct stats_session *se = &st->s[k];
			double ratio = se->budget_ms > 0 ? (double)se->total_ms / se->budget_ms : 1;
			put(v, r, x++, spark(v, ratio / 2.0), 1,
			    tui_attr(a, ratio > 1.0 ? C_BAD : C_GOOD));
		}
		x += 2;
		const struct stats_session *first = &st->s[0];
		if (st->n == 1 && last->budget_ms > 0) {
			x += putf(v, r, x, cols - x - 2, A_NORMAL, "%d%% of budget",
			          (int)(100 * last->total_ms / last->budget_ms));
		} else if (first->budget_ms > 0 && last->budget_ms > 0) {
			int p1 = (int)(100 * first->total_ms / first->budget_ms);
			int p2 = (int)(100 * last->total_ms / last->budget_ms);
			x += putf(v, r, x, cols - x - 2, A_NORMAL, "%d%% %s %d%% of budget", p1,
			          arrow(v, p2 < p1   ? -1
			                   : p2 > p1 ? 1
			                             : 0),
			          p2);
		}
		if (st->worst_section)
			putf(v, r, x + 2, cols - x - 4, tui_attr(a, C_WARN), "· %s over in %d",
			     st->worst_section, st->worst_over);
		r += 2;
	}
}

static void
page_scores(struct app *a, struct stv *v, int cols)
{
	const struct stats *s = &v->s;
	int r = 0;
	put(v, r++, 2, "Rubric scores per category · oldest to newest", cols - 4,
	    tui_attr(a, C_TITLE));
	put(v, r++, 2, "Mock rounds (m on Today) and rehearsal self-scores, 1-4.", cols - 4,
	    tui_attr(a, C_DIM));
	if (s->ntrends == 0) {
		put(v, r + 1, 2, "No scores yet. Record a mock round or score a rehearsal.",
		    cols - 4, A_NORMAL);
		return;
	}
	const char *last = NULL;
	for (size_t i = 0; i < s->ntrends; i++) {
		const struct stats_trend *t = &s->trends[i];
		if (last == NULL || strcmp(last, t->source) != 0) {
			r++;
			put(v, r++, 2, t->source_title, cols - 4, A_BOLD);
		}
		last = t->source;
		put(v, r, 4, t->name, 24, A_NORMAL);
		int maxn = 20, from = t->n > (size_t)maxn ? (int)t->n - maxn : 0, x = 29;
		int sum = 0;
		for (int k = from; k < (int)t->n; k++) {
			char d[4];
			snprintf(d, sizeof d, "%d", t->p[k].score);
			put(v, r, x, d, 1, tui_attr(a, score_color(t->p[k].score)) | A_BOLD);
			x += 2;
		}
		for (size_t k = 0; k < t->n; k++)
			sum += t->p[k].score;
		x = x < 29 + 2 * 12 ? 29 + 2 * 12 : x + 1;
		int d = t->p[t->n - 1].score - t->p[0].score;
		char delta[16] = "";
		if (t->n > 1 && d)
			snprintf(delta, sizeof delta, "%+d", d);
		putf(v, r++, x, cols - x - 2,
		     d > 0   ? tui_attr(a, C_GOOD)
		     : d < 0 ? tui_attr(a, C_BAD)
		             : tui_attr(a, C_DIM),
		     "mean %.1f  %s%s", (double)sum / (double)t->n, t->n > 1 ? arrow(v, d) : "",
		     delta);
	}
}

static void
page_gaps(struct app *a, struct stv *v, int cols)
{
	const struct stats *s = &v->s;
	int r = 0;
	put(v, r++, 2, "Gap-map confidence over time · mean of rated skills, 1-5", cols - 4,
	    tui_attr(a, C_TITLE));
	put(v, r++, 2,
	    "One mark per day with confidence edits, after the starting "
	    "value.",
	    cols - 4, tui_attr(a, C_DIM));
	r++;
	if (s->ngaps == 0) {
		put(v, r, 2, "No gap maps.", cols - 4, A_NORMAL);
		return;
	}
	char d1[16], d2[16];
	for (size_t i = 0; i < s->ngaps; i++) {
		const struct stats_gapmap *g = &s->gaps[i];
		const struct stats_gap_point *p0 = &g->p[0], *pn = &g->p[g->n - 1];
		put(v, r++, 2, g->title, cols - 4, A_BOLD);
		int x = 4;
		int from = g->n > 40 ? (int)g->n - 40 : 0;
		for (int k = from; k < (int)g->n; k++)
			put(v, r, x++, spark(v, g->p[k].rated ? (g->p[k].mean - 1.0) / 4.0 : 0), 1,
			    tui_attr(a, C_GOOD));
		x += 2;
		if (g->edits == 0) {
			putf(v, r, x, cols - x - 2, A_NORMAL,
			     "%.2f now (%d of %d rated) · no "
			     "confidence edits yet",
			     pn->mean, pn->rated, g->skills);
		} else {
			fmt_date(p0->day, d1, sizeof d1);
			fmt_date(pn->day, d2, sizeof d2);
			putf(v, r, x, cols - x - 2, A_NORMAL,
			     "%.2f %s %.2f  (%s to %s, %d "
			     "edit%s)",
			     p0->mean,
			     arrow(v, pn->mean > p0->mean   ? 1
			              : pn->mean < p0->mean ? -1
			                                    : 0),
			     pn->mean, d1, d2, g->edits, g->edits == 1 ? "" : "s");
		}
		r += 2;
	}
}

/* A bar of `width` cells for a rate in 0.5..1, with a mark at `mark`. */
static void
rate_bar(struct app *a, struct stv *v, int r, int x, int width, double rate, double mark, int color)
{
	int cells = (int)((rate - 0.5) * 2 * width + 0.5);
	int m = (int)((mark - 0.5) * 2 * width + 0.5);
	for (int i = 0; i < width; i++) {
		const char *g = i < cells ? (v->fancy ? "█" : "#") : (v->fancy ? "·" : ".");
		attr_t at = i < cells ? tui_attr(a, color) : tui_attr(a, C_DIM);
		if (i == m && m >= 0 && m < width) {
			g = "|";
			at = tui_attr(a, C_ACCENT) | A_BOLD;
		}
		put(v, r, x + i, g, 1, at);
	}
}

static int
mem_rows(struct app *a, struct stv *v, int r, int cols, const char *title,
         const struct mem_row *rows, size_t n, double desired, int calib)
{
	putf(v, r++, 2, cols - 4, tui_attr(a, C_DIM), "%-22s %7s %9s %9s  %s", title, "reviews",
	     "recalled", "predicted", calib ? "observed (| predicted)" : "recalled (| desired)");
	for (size_t i = 0; i < n; i++) {
		const struct mem_row *m = &rows[i];
		if (m->n == 0) {
			putf(v, r++, 2, cols - 4, tui_attr(a, C_DIM), "%-22.22s %7s", m->label,
			     "-");
			continue;
		}
		double rate = (double)m->passed / (double)m->n, pred = m->predicted / (double)m->n;
		double mark = calib ? pred : desired;
		int color = rate + 0.02 >= mark ? C_GOOD : rate + 0.05 >= mark ? C_WARN : C_BAD;
		putf(v, r, 2, 22, A_NORMAL, "%-22.22s", m->label);
		putf(v, r, 25, 28, A_NORMAL, "%7ld %8.1f%% %8.1f%%", m->n, rate * 100, pred * 100);
		if (cols >= 80)
			rate_bar(a, v, r, 56, cols - 58 < 22 ? cols - 58 : 22, rate, mark, color);
		r++;
	}
	return r;
}

static void
page_memory(struct app *a, struct stv *v, int cols)
{
	if (!v->have_mem) {
		struct settings set;
		settings_load(a->db, &set);
		memory_report(a->db, &set, &v->mem);
		v->have_mem = 1;
	}
	const struct mem_report *m = &v->mem;
	int r = 0;
	char job[256];
	enum optjob_state js = optjob_status(job, sizeof job);
	put(v, r++, 2, "True retention · reviews a day or more after the card's previous one",
	    cols - 4, tui_attr(a, C_TITLE));
	if (m->items == 0) {
		put(v, r++, 2,
		    "No such reviews yet: this page fills in as cards come back on later days.",
		    cols - 4, tui_attr(a, C_DIM));
	} else {
		putf(v, r++, 2, cols - 4, A_NORMAL,
		     "%ld of %ld recalled: %.1f%%, desired retention %.0f%%", m->passed, m->items,
		     100.0 * (double)m->passed / (double)m->items, m->retention * 100);
	}
	r++;
	r = mem_rows(a, v, r, cols, "By interval", m->bands, MEM_BANDS, m->retention, 0);
	r++;
	r = mem_rows(a, v, r, cols, "By deck", m->decks, m->ndecks, m->retention, 0);
	if (m->ndecks == 0)
		put(v, r++, 2, "(no deck has such reviews yet)", cols - 4, tui_attr(a, C_DIM));
	r++;
	put(v, r++, 2, "Calibration · predicted recall against what happened", cols - 4,
	    tui_attr(a, C_TITLE));
	r = mem_rows(a, v, r, cols, "Predicted recall", m->calib, MEM_CALIB, m->retention, 1);
	r++;
	put(v, r++, 2, "Memory parameters", cols - 4, tui_attr(a, C_TITLE));
	if (m->fitted == 1 && m->have_fit) {
		char day[16];
		fmt_date(day_number(m->fit_at, 0), day, sizeof day);
		putf(v, r++, 2, cols - 4, A_NORMAL,
		     "Fitted to your reviews on %s (%ld reviews, log loss %.4f).", day,
		     m->fit_reviews, m->fit_log_loss);
	} else if (m->fitted == 1) {
		put(v, r++, 2, "Fitted to your reviews.", cols - 4, A_NORMAL);
	} else {
		put(v, r++, 2,
		    m->fitted < 0 ? "The saved parameters are damaged: the defaults are in use."
		                  : "The defaults are in use: press o to fit your own.",
		    cols - 4, m->fitted < 0 ? tui_attr(a, C_BAD) : A_NORMAL);
	}
	if (m->have_metrics)
		putf(v, r++, 2, cols - 4, tui_attr(a, C_DIM),
		     "On this history: log loss %.4f, RMSE (bins) %.4f", m->cur.log_loss,
		     m->cur.rmse_bins);
	for (int g = 0; g < FSRS_NWEIGHTS; g += 7) {
		char buf[160], range[16];
		snprintf(range, sizeof range, "w%d-w%d", g, g + 6);
		for (int row = m->fitted == 1 ? 0 : 1; row < 2; row++) {
			const double *w = row == 0 ? m->w : m->dflt;
			int n = snprintf(buf, sizeof buf, "%-8s %-8s",
			                 row == 0 || m->fitted != 1 ? range : "",
			                 row == 0 ? "fitted" : "default");
			for (int i = g; i < g + 7; i++)
				n += snprintf(buf + n, sizeof buf - (size_t)n, " %7.4f", w[i]);
			put(v, r++, 2, buf, cols - 4, row == 0 ? A_NORMAL : tui_attr(a, C_DIM));
		}
	}
	r++;
	if (js == OPTJOB_IDLE)
		put(v, r++, 2, "o: fit the parameters to your reviews (runs in the background)",
		    cols - 4, tui_attr(a, C_ACCENT));
	else {
		attr_t at =
		        js == OPTJOB_RUNNING ? tui_attr(a, C_WARN) : tui_attr(a, C_ACCENT) | A_BOLD;
		put(v, r++, 2, job, cols - 4, at);
		/* Also on the line above the page, whatever the scroll. */
		tui_put(1, 2, job, cols - 32, at);
	}
}

static void
stats_tick(struct app *a, void *st)
{
	struct stv *v = st;
	char job[256];
	if (optjob_status(job, sizeof job) != OPTJOB_RUNNING)
		a->tick_ms = 0;
	if (optjob_take_applied())
		drop_memory(v);
}

static void
stats_draw(struct app *a, void *st, int lines, int cols)
{
	struct stv *v = st;
	/* The tabs, after the title when it fits (the status line names the
	 * screen anyway). */
	int x = 0, need = 0;
	for (int i = 0; i < PG__N; i++)
		need += 4 + tui_width(page_names[i]);
	if (9 + need < cols)
		x = 2 + tui_put(0, 2, "Stats", 6, tui_attr(a, C_TITLE) | A_BOLD) + 2;
	for (int i = 0; i < PG__N; i++) {
		char buf[32];
		snprintf(buf, sizeof buf, " %d %s ", i + 1, page_names[i]);
		if (x + tui_width(buf) > cols)
			buf[strlen(buf) - 1] = '\0';
		attr_t at = i == v->page ? tui_attr(a, C_SELECT) | A_BOLD : tui_attr(a, C_DIM);
		x += tui_put(0, x, buf, cols - x, at);
	}
	v->y0 = 2;
	v->rows = lines - 2;
	v->nlines = 0;
	switch (v->page) {
	case PG_ACTIVITY:
		page_activity(a, v, cols);
		break;
	case PG_FORECAST:
		page_forecast(a, v, cols);
		break;
	case PG_RETENTION:
		page_retention(a, v, cols);
		break;
	case PG_REHEARSAL:
		page_rehearsal(a, v, cols);
		break;
	case PG_SCORES:
		page_scores(a, v, cols);
		break;
	case PG_GAPS:
		page_gaps(a, v, cols);
		break;
	case PG_MEMORY:
		page_memory(a, v, cols);
		break;
	}
	/* Keep the scroll inside the page and say when there is more. */
	int maxs = v->nlines - v->rows > 0 ? v->nlines - v->rows : 0;
	if (v->scroll[v->page] > maxs) {
		v->scroll[v->page] = maxs;
		for (int y = v->y0; y < v->y0 + v->rows; y++) {
			move(y, 0);
			clrtoeol();
		}
		stats_draw(a, st, lines, cols);
		return;
	}
	if (maxs > 0) {
		char more[48];
		snprintf(more, sizeof more, "%s lines %d-%d of %d (j/k)",
		         v->scroll[v->page] < maxs ? (v->fancy ? "↓" : "v") : " ",
		         v->scroll[v->page] + 1, v->scroll[v->page] + v->rows, v->nlines);
		tui_put(1, cols - 2 - tui_width(more), more, 40, tui_attr(a, C_DIM));
	}
}

static int
stats_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct stv *v = st;
	int fn = !a->key_char;
	if (key == '\t' || (fn && key == KEY_RIGHT) || (!fn && key == 'l')) {
		v->page = (v->page + 1) % PG__N;
		return 1;
	}
	if ((fn && (key == KEY_BTAB || key == KEY_LEFT)) || (!fn && key == 'h')) {
		v->page = (v->page + PG__N - 1) % PG__N;
		return 1;
	}
	if (!fn && key >= '1' && key < '1' + PG__N) {
		v->page = key - '1';
		return 1;
	}
	if (!fn && key == 'o' && v->page == PG_MEMORY) {
		if (optjob_start(db_path(a->db)) != 0)
			tui_message(a, "A fit is already running.");
		else
			a->tick_ms = 250;
		return 1;
	}
	return tui_scroll_move(act, &v->scroll[v->page], 10);
}

const struct screen_ops stats_screen = {
	.name = "Stats",
	.open = stats_open,
	.close = stats_close,
	.draw = stats_draw,
	.input = stats_input,
	.tick = stats_tick,
	.keys = stats_keys,
	.resume = stats_resume,
};
