/* The rehearsal timer, made for speaking out loud: a large clock of the
 * current section, its name and cue words, a bar of elapsed time against
 * the section's budget that changes colour when over, and every
 * section's time at the bottom. Then the summary (time per section
 * against budget), the self-score on the behavioral rubric and "what I'd
 * change", all saved as the session; then a drill-down follow-up, timed
 * too. The same screen walks the interview loop (a timer per segment)
 * and times the 60-second pitch. Time comes from the monotonic clock in
 * rehearsal.c; the screen only reads it, every tick. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearsal.h"
#include "story.h"
#include "textlayout.h"
#include "tui/app.h"
#include "tui/storyui.h"
#include "tui/textedit.h"
#include "util.h"

#define TICK_MS 200
#define MAX_CATS 12

enum phase {
	PH_READY,   /* sections and budgets; Space starts */
	PH_RUN,     /* the clock runs (or is paused) */
	PH_SUMMARY, /* times, self-scores, what to change */
	PH_DRILL,   /* the follow-up question; Space starts its clock */
	PH_DRILL_RUN,
	PH_DRILL_DONE,
};

struct rs {
	char mode[8]; /* story, pitch, flow */
	char *story_id, *prompt_id;
	char *title;
	char *prompt_text; /* NULL without a prompt */
	struct rh_timer t;
	enum phase phase;
	int confirm; /* asking before abandoning */
	int full;    /* whole text instead of cue words */
	int ready_sel;
	int64_t saved_id; /* the session saved at the end (0: none) */
	struct rh_cat *cats;
	int ncats;
	char *cats_why; /* which categories, and why */
	int score[MAX_CATS];
	char *evidence[MAX_CATS];
	char *note;
	int fsel; /* summary form row: categories, then the note */
	struct textedit *te;
	int scoring; /* te is the evidence of a score just given */
	/* Drill-down. */
	char *dq, *da;
	struct rh_timer dt;
	int64_t drill_id;
	char *drill_note;
	int drills;
};

/* ---- set-up --------------------------------------------------------- */

static void
timer_fill(struct app *a, struct rs *r)
{
	rh_free(&r->t);
	rh_init(&r->t, NULL);
	char *cause = NULL;
	int rc = strcmp(r->mode, "flow") == 0
	                 ? rehearsal_flow_sections(a->db, FLOW_ID, &r->t, &cause)
	                 : rehearsal_story_sections(a->db, r->story_id, &r->t, &cause);
	if (rc != 0) {
		tui_message(a, "%s", cause);
		free(cause);
	}
}

static void
form_reset(struct rs *r)
{
	for (int i = 0; i < MAX_CATS; i++) {
		r->score[i] = 0;
		free(r->evidence[i]);
		r->evidence[i] = NULL;
	}
	free(r->note);
	r->note = NULL;
	r->fsel = 0;
	r->saved_id = 0;
}

static void
rs_free(struct rs *r)
{
	form_reset(r);
	rh_free(&r->t);
	rh_free(&r->dt);
	rehearsal_rubric_free(r->cats, r->ncats);
	free(r->cats_why);
	textedit_free(r->te);
	free(r->story_id);
	free(r->prompt_id);
	free(r->title);
	free(r->prompt_text);
	free(r->dq);
	free(r->da);
	free(r->drill_note);
	free(r);
}

static int start_drill(struct app *a, struct rs *r);

/* arg: a struct rehearse_start, or NULL for the pitch. */
static void *
rs_open(struct app *a, const void *arg)
{
	const struct rehearse_start *rq = arg;
	struct rs *r = xcalloc(1, sizeof *r);
	rh_init(&r->t, NULL);
	rh_init(&r->dt, NULL);
	if (rq == NULL || rq->what == RH_START_PITCH) {
		r->story_id = story_pitch_id(a->db);
		if (r->story_id == NULL) {
			tui_message(a, "No pitch of your own yet: y on Today writes one.");
			rs_free(r);
			return NULL;
		}
	} else if (rq->what == RH_START_FLOW) {
		snprintf(r->mode, sizeof r->mode, "flow");
	} else {
		r->story_id = xstrdup(rq->story);
		if (rq->prompt)
			r->prompt_id = xstrdup(rq->prompt);
	}
	if (r->mode[0] == '\0') {
		struct story s;
		char *cause = NULL;
		if (story_get(a->db, r->story_id, &s, &cause) != 0) {
			tui_message(a, "%s", cause);
			free(cause);
			rs_free(r);
			return NULL;
		}
		snprintf(r->mode, sizeof r->mode, "%s",
		         strcmp(s.type, "pitch") == 0 ? "pitch" : "story");
		r->title = xstrdup(s.title);
		story_clear(&s);
	} else {
		r->title = xstrdup("The 60-minute interview loop");
	}
	if (r->prompt_id) {
		struct story_prompt p;
		if (story_prompt_get(a->db, r->prompt_id, &p, NULL) == 0) {
			r->prompt_text = xstrdup(p.text);
			story_prompt_clear(&p);
		} else {
			free(r->prompt_id);
			r->prompt_id = NULL;
		}
	}
	/* Self-scores use the categories of the story's competencies. */
	rehearsal_rubric_for(a->db, r->story_id, &r->cats, &r->ncats, &r->cats_why);
	for (; r->ncats > MAX_CATS; r->ncats--) {
		struct rh_cat *c = &r->cats[r->ncats - 1];
		free(c->id);
		free(c->name);
		for (int l = 0; l < 4; l++)
			free(c->level[l]);
	}
	timer_fill(a, r);
	if (r->t.nsec == 0) {
		rs_free(r);
		return NULL;
	}
	if (rq && rq->drill && start_drill(a, r) != 0) {
		rs_free(r);
		return NULL;
	}
	return r;
}

static void
rs_close(struct app *a, void *st)
{
	a->tick_ms = 0;
	rs_free(st);
}

/* ---- the big clock ------------------------------------------------ */

/* Digits 0-9 and the colon, five rows each; '#' is a block. */
static const char *const font[11][5] = {
	{ "#####", "#   #", "#   #", "#   #", "#####" },
	{ "  #  ", " ##  ", "  #  ", "  #  ", " ### " },
	{ "#####", "    #", "#####", "#    ", "#####" },
	{ "#####", "    #", " ####", "    #", "#####" },
	{ "#   #", "#   #", "#####", "    #", "    #" },
	{ "#####", "#    ", "#####", "    #", "#####" },
	{ "#####", "#    ", "#####", "#   #", "#####" },
	{ "#####", "    #", "   # ", "  #  ", "  #  " },
	{ "#####", "#   #", "#####", "#   #", "#####" },
	{ "#####", "#   #", "#####", "    #", "#####" },
	{ " ", "#", " ", "#", " " },
};

/* Display width of text in the big font. */
static int
big_width(const char *s)
{
	int w = 0;
	for (const char *p = s; *p; p++)
		w += (*p == ':' ? 1 : 5) + (p[1] ? 2 : 0);
	return w;
}

/* Draws "M:SS" five rows tall at (y, x). */
static void
big_draw(struct app *a, int y, int x, const char *s, int attr)
{
	const char *block = sui_fancy(a) ? "█" : "#";
	for (const char *p = s; *p; p++) {
		int g = *p == ':' ? 10 : *p >= '0' && *p <= '9' ? *p - '0' : -1;
		if (g < 0)
			continue;
		int gw = (int)strlen(font[g][0]);
		for (int row = 0; row < 5; row++)
			for (int col = 0; col < gw; col++)
				if (font[g][row][col] == '#')
					tui_put(y + row, x + col, block, 1, attr);
		x += gw + 2;
	}
}

/* ---- cue words ------------------------------------------------------ */

/* The first words of every bullet or sentence of text, as a bullet list
 * (a new string): prompts to speak from, not a script to read. */
static char *
cue_words(const char *text)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '-' && p[1] == ' ')
			p += 2;
		else if (*p >= '0' && *p <= '9' && p[1] == '.' && p[2] == ' ')
			p += 3;
		if (*p == '\0')
			break;
		/* A unit ends at a line break before a bullet, a blank line, or
		 * the end of a sentence. */
		const char *end = p;
		while (*end) {
			if (*end == '\n' && (end[1] == '\n' || (end[1] == '-' && end[2] == ' ') ||
			                     (end[1] == ' ' && end[2] == ' ')))
				break;
			if ((*end == '.' || *end == '?' || *end == '!') &&
			    (end[1] == ' ' || end[1] == '\n' || end[1] == '\0'))
				break;
			end++;
		}
		sbuf_add(&b, "- ");
		int words = 0;
		const char *q = p;
		while (q < end && words < 7) {
			while (q < end && (*q == ' ' || *q == '\n'))
				q++;
			const char *ws = q;
			while (q < end && *q != ' ' && *q != '\n')
				q++;
			if (q > ws) {
				if (words++)
					sbuf_addc(&b, ' ');
				sbuf_addn(&b, ws, (size_t)(q - ws));
			}
		}
		while (q < end && (*q == ' ' || *q == '\n'))
			q++;
		if (q < end)
			sbuf_add(&b, " …");
		sbuf_addc(&b, '\n');
		p = *end ? end + 1 : end;
	}
	return sbuf_take(&b);
}

/* ---- drawing ------------------------------------------------------- */

static void
header(struct app *a, struct rs *r, int w, const char *what)
{
	char left[512];
	snprintf(left, sizeof left, "%s · %s", what, r->title);
	tui_put(0, 1, left, w - 24, sui_attr(a, C_TITLE));
}

/* The colour of a section's time: good, warn from 80%, bad when over. */
static int
time_attr(struct app *a, int64_t spent, int64_t budget)
{
	if (budget > 0 && spent > budget)
		return sui_attr(a, C_BAD) | SUI_BOLD;
	if (budget > 0 && spent * 5 >= budget * 4)
		return sui_attr(a, C_WARN) | SUI_BOLD;
	return sui_attr(a, C_GOOD) | SUI_BOLD;
}

static void
draw_bar(struct app *a, int y, int x, int w, int64_t spent, int64_t budget)
{
	int fancy = sui_fancy(a);
	int fill = budget > 0 ? (int)(spent * w / budget) : w;
	if (fill > w)
		fill = w;
	int at = time_attr(a, spent, budget);
	for (int i = 0; i < w; i++) {
		if (i < fill)
			tui_put(y, x + i, fancy ? "█" : "#", 1, at);
		else
			tui_put(y, x + i, fancy ? "░" : ".", 1, sui_attr(a, C_DIM));
	}
}

/* Every section with its time (those not reached yet: "-"), the
 * current one marked, packed into rows as whole names: a name is cut
 * (with the ellipsis) only when even maxrows rows cannot hold them all.
 * With draw unset it only counts; returns the rows used. */
static int
draw_strip(struct app *a, const struct rh_timer *t, int y, int w, int maxrows, int draw)
{
	int row = 0, x = 1;
	for (int i = 0; i < t->nsec; i++) {
		char tm[16];
		int64_t e = rh_shown(t, i);
		if (i <= t->cur)
			rehearsal_fmt_ms(e, tm, sizeof tm);
		else
			snprintf(tm, sizeof tm, "-");
		int nw = tui_width(t->sec[i].name), cw = nw + 1 + tui_width(tm);
		if (x > 1 && x + cw > w - 1 && row + 1 < maxrows) {
			row++;
			x = 1;
		}
		if (draw) {
			int cur = i == t->cur && (t->state == RH_RUNNING || t->state == RH_PAUSED);
			int at = cur          ? sui_attr(a, C_SELECT)
			         : i < t->cur ? time_attr(a, e, t->sec[i].budget_ms)
			                      : sui_attr(a, C_DIM);
			if (i < t->cur && e <= t->sec[i].budget_ms)
				at = sui_attr(a, C_GOOD);
			int room = w - 1 - x - 1 - tui_width(tm);
			int used = tui_put(y + row, x, t->sec[i].name, room > 1 ? room : 1, at);
			tui_put(y + row, x + used + 1, tm, w - 1 - (x + used + 1), at);
			cw = used + 1 + tui_width(tm);
		}
		x += cw + 3;
	}
	return row + 1;
}

static void
draw_ready(struct app *a, struct rs *r, int h, int w)
{
	int flow = strcmp(r->mode, "flow") == 0;
	header(a, r, w,
	       flow                            ? "Interview loop"
	       : strcmp(r->mode, "pitch") == 0 ? "Pitch"
	                                       : "Rehearse");
	int y = 2;
	if (r->prompt_text) {
		tui_put(y, 2, "The interviewer asks:", w - 4, sui_attr(a, C_DIM));
		y += 1 + sui_text(a, y + 1, 4, w - 8, 3, r->prompt_text, TS_BOLD, NULL);
		y++;
	}
	tui_put(y, 2, flow ? "Segments" : "Sections and budgets", 40, SUI_BOLD);
	if (!flow)
		tui_put(y, 24, "(budgets are shared by every story)", w - 26, sui_attr(a, C_DIM));
	y++;
	for (int i = 0; i < r->t.nsec && y < h - 5; i++, y++) {
		char tm[16];
		rehearsal_fmt_ms(r->t.sec[i].budget_ms, tm, sizeof tm);
		int sel = i == r->ready_sel && !flow;
		tui_put(y, 2, sel ? ">" : " ", 1, sui_attr(a, C_ACCENT));
		tui_put(y, 4, r->t.sec[i].name, 30, sel ? sui_attr(a, C_SELECT) : SUI_NORMAL);
		tui_put(y, 36, tm, 10, SUI_BOLD);
	}
	char tot[16];
	rehearsal_fmt_ms(rh_budget(&r->t), tot, sizeof tot);
	tui_put(y, 4, "Total", 30, sui_attr(a, C_DIM));
	tui_put(y, 36, tot, 10, sui_attr(a, C_DIM));
	tui_put(h - 3, 2,
	        flow ? "Space starts the clock of the first segment; Space again "
	               "moves to the next."
	             : "Speak out loud. Space starts the clock; Space again "
	               "moves on.",
	        w - 4, SUI_NORMAL);
	tui_put(h - 1, 2,
	        flow ? "Space start · q back"
	             : "Space start · Up/Down choose · +/- budget 5 s, every story · q back",
	        w - 4, sui_attr(a, C_DIM));
}

/* The running clock of timer t, whose current section's cue is cue. */
static void
draw_run(struct app *a, struct rs *r, const struct rh_timer *t, int h, int w, const char *what)
{
	header(a, r, w, what);
	char tot[16], bud[16], right[48];
	rehearsal_fmt_ms(rh_shown_total(t), tot, sizeof tot);
	rehearsal_fmt_ms(rh_budget(t), bud, sizeof bud);
	snprintf(right, sizeof right, "Total %s of %s", tot, bud);
	tui_put(0, w - tui_width(right) - 1, right, 30, SUI_BOLD);
	if (r->prompt_text && t == &r->t)
		tui_put(1, 1, r->prompt_text, w - 2, sui_attr(a, C_DIM));
	int cur = t->cur < t->nsec ? t->cur : t->nsec - 1;
	const struct rh_section *s = &t->sec[cur];
	int64_t e = rh_shown(t, cur);
	char clock[16];
	rehearsal_fmt_ms(e, clock, sizeof clock);
	int paused = t->state == RH_PAUSED;
	int at = paused ? sui_attr(a, C_DIM) : time_attr(a, e, s->budget_ms);
	int bw = big_width(clock);
	big_draw(a, 2, (w - bw) / 2, clock, at);
	char sub[96], btm[16];
	rehearsal_fmt_ms(s->budget_ms, btm, sizeof btm);
	int64_t over = e > s->budget_ms ? e - s->budget_ms : 0;
	if (over > 0) {
		char o[16];
		rehearsal_fmt_ms(over, o, sizeof o);
		snprintf(sub, sizeof sub, "OVER BUDGET by %s (budget %s)", o, btm);
	} else {
		char left[16];
		/* The clock and what is left add up to the budget. */
		rehearsal_fmt_ms(s->budget_ms - e, left, sizeof left);
		snprintf(sub, sizeof sub, "%s left of %s", left, btm);
	}
	if (paused) {
		size_t l = strlen(sub);
		snprintf(sub + l, sizeof sub - l, "  ·  PAUSED (p resumes)");
	}
	tui_put(8, (w - tui_width(sub)) / 2, sub, w,
	        over > 0 ? sui_attr(a, C_BAD) | SUI_BOLD
	        : paused ? sui_attr(a, C_WARN) | SUI_BOLD
	                 : SUI_NORMAL);
	char name[160];
	snprintf(name, sizeof name, "%s   (%d of %d)", s->name, cur + 1, t->nsec);
	tui_put(10, 2, name, w - 4, sui_attr(a, C_ACCENT) | SUI_BOLD);
	draw_bar(a, 11, 2, w - 4, e, s->budget_ms);
	/* The strip of sections at the bottom takes one row, or two when
	 * the names need them; the cue words get what is left. */
	int strip = t->nsec > 1 ? draw_strip(a, t, 0, w, 2, 0) : 0;
	int cue_rows = h - 15 - strip;
	if (cue_rows > 0 && *s->cue) {
		int flow = strcmp(r->mode, "flow") == 0 || t == &r->dt;
		char *cue = r->full || flow ? xstrdup(s->cue) : cue_words(s->cue);
		sui_text(a, 13, 4, w - 8, cue_rows, cue, 0, NULL);
		free(cue);
	}
	if (strip)
		draw_strip(a, t, h - 2 - strip, w, strip, 1);
	if (r->confirm)
		tui_put(h - 1, 1,
		        "Abandon this rehearsal? y = yes (kept as unfinished) · "
		        "any other key = go on",
		        w - 2, sui_attr(a, C_WARN) | SUI_BOLD);
	else
		tui_put(h - 1, 1,
		        t->cur + 1 >= t->nsec ? "Space finish · p pause · r restart · "
		                                "t cue words/full text · Esc abandon"
		                              : "Space next section · p pause · "
		                                "r restart · t cue words/full text · Esc abandon",
		        w - 2, sui_attr(a, C_DIM));
}

/* The times of a finished timer against budget, from row y; returns the
 * next row. */
static int
draw_times(struct app *a, const struct rh_timer *t, int y, int w)
{
	tui_put(y, 2, "Section", 26, sui_attr(a, C_DIM));
	tui_put(y, 29, "Time", 7, sui_attr(a, C_DIM));
	tui_put(y, 37, "Budget", 7, sui_attr(a, C_DIM));
	tui_put(y++, 45, "Difference", 14, sui_attr(a, C_DIM));
	for (int i = 0; i < t->nsec; i++, y++) {
		char tm[16], bud[16], diff[32];
		int64_t e = rh_shown(t, i);
		rehearsal_fmt_ms(e, tm, sizeof tm);
		rehearsal_fmt_ms(t->sec[i].budget_ms, bud, sizeof bud);
		/* Whole seconds, as shown: the differences add up too. */
		int64_t d = e - t->sec[i].budget_ms;
		char dm[16];
		rehearsal_fmt_ms(d < 0 ? -d : d, dm, sizeof dm);
		snprintf(diff, sizeof diff, d > 0 ? "+%s over" : d < 0 ? "-%s" : "on time", dm);
		tui_put(y, 2, t->sec[i].name, 26, SUI_NORMAL);
		tui_put(y, 29, tm, 7, time_attr(a, e, t->sec[i].budget_ms));
		tui_put(y, 37, bud, 7, SUI_NORMAL);
		tui_put(y, 45, diff, 14,
		        d > 0 ? sui_attr(a, C_BAD) | SUI_BOLD : sui_attr(a, C_DIM));
	}
	char tm[16], bud[16];
	rehearsal_fmt_ms(rh_shown_total(t), tm, sizeof tm);
	rehearsal_fmt_ms(rh_budget(t), bud, sizeof bud);
	tui_put(y, 2, "Total", 26, SUI_BOLD);
	tui_put(y, 29, tm, 7, time_attr(a, rh_shown_total(t), rh_budget(t)));
	tui_put(y, 37, bud, 7, SUI_BOLD);
	return y + 1;
}

static int
flow_mode(const struct rs *r)
{
	return strcmp(r->mode, "flow") == 0;
}

static void
draw_summary(struct app *a, struct rs *r, int h, int w)
{
	header(a, r, w, "Done");
	if (r->saved_id)
		tui_put(0, w - 22, "saved as a session", 21, sui_attr(a, C_GOOD));
	int y = draw_times(a, &r->t, 2, w) + 1;
	int nrows = flow_mode(r) ? 0 : r->ncats;
	if (nrows) {
		/* Which categories, and why these (the story's competencies). */
		char head[600];
		snprintf(head, sizeof head, "Score yourself 1-4 with evidence (%s):",
		         r->cats_why ? r->cats_why : "the behavioral rubric");
		y += tui_wrap(y, 2, w - 4, 2, head, SUI_BOLD);
	}
	for (int i = 0; i <= nrows && y < h - 4; i++, y++) {
		int sel = i == r->fsel;
		const char *label = i < nrows ? r->cats[i].name : "What I'd change";
		tui_put(y, 1, sel ? ">" : " ", 1, sui_attr(a, C_ACCENT));
		tui_put(y, 3, label, 19, sel ? sui_attr(a, C_SELECT) : SUI_BOLD);
		const char *text;
		if (i < nrows) {
			char sc[8];
			snprintf(sc, sizeof sc, r->score[i] ? "[%d]" : "[ ]", r->score[i]);
			tui_put(y, 23, sc, 3,
			        r->score[i] ? sui_attr(a, r->score[i] >= 3   ? C_GOOD
			                                  : r->score[i] == 2 ? C_WARN
			                                                     : C_BAD) |
			                              SUI_BOLD
			                    : sui_attr(a, C_DIM));
			text = r->evidence[i];
		} else {
			text = r->note;
		}
		int x = i < nrows ? 27 : 23;
		tui_put(y, x,
		        text && *text ? text
		        : i < nrows
		                ? (r->score[i] ? "(no evidence: Enter writes it)" : "(press 1-4)")
		                : "(Enter: one thing to do differently next time)",
		        w - x - 1, text && *text ? SUI_NORMAL : sui_attr(a, C_DIM));
	}
	/* What the selected score means. */
	if (r->fsel < nrows && y < h - 3) {
		int s = r->score[r->fsel];
		char line[600];
		if (s)
			snprintf(line, sizeof line, "%d: %s", s, r->cats[r->fsel].level[s - 1]);
		else
			snprintf(line, sizeof line, "1: %s  ...  4: %s", r->cats[r->fsel].level[0],
			         r->cats[r->fsel].level[3]);
		sui_text(a, y + 1, 3, w - 6, h - 3 - (y + 1), line, TS_DIM, NULL);
	}
	if (r->te) {
		textedit_draw(r->te, a, h - 5, 1, 5, w - 2);
		return;
	}
	tui_put(h - 1, 1,
	        flow_mode(r)
	                ? "Enter write what you'd change · r again · q done"
	                : "1-4 score and evidence · Enter edit · d drill-down · r again · q done",
	        w - 2, sui_attr(a, C_DIM));
}

static void
draw_drill(struct app *a, struct rs *r, int h, int w)
{
	header(a, r, w, "Drill-down");
	tui_put(2, 2, "The interviewer follows up:", w - 4, sui_attr(a, C_DIM));
	int y = 4 + sui_text(a, 4, 4, w - 8, 6, r->dq, TS_BOLD, NULL);
	char bud[16];
	rehearsal_fmt_ms(r->dt.nsec ? r->dt.sec[0].budget_ms : 0, bud, sizeof bud);
	char line[160];
	snprintf(line, sizeof line,
	         "Answer out loud in %s or less. Space starts the clock, "
	         "Space again stops it.",
	         bud);
	tui_wrap(y + 1, 2, w - 4, 2, line, SUI_NORMAL);
	tui_put(h - 1, 1, "Space start · q back", w - 2, sui_attr(a, C_DIM));
}

static void
draw_drill_done(struct app *a, struct rs *r, int h, int w)
{
	header(a, r, w, "Drill-down done");
	if (r->drill_id)
		tui_put(0, w - 22, "saved as a session", 21, sui_attr(a, C_GOOD));
	int y = 2 + sui_text(a, 2, 2, w - 4, 3, r->dq, TS_BOLD, NULL);
	y = draw_times(a, &r->dt, y + 1, w) + 1;
	if (*r->da) {
		tui_put(y++, 2, "Your notes for this follow-up:", w - 4, SUI_BOLD);
		y += sui_text(a, y, 4, w - 8, h - y - 5, r->da, 0, NULL) + 1;
	}
	if (y < h - 2) {
		tui_put(y, 1, ">", 1, sui_attr(a, C_ACCENT));
		tui_put(y, 3, "What I'd change", 19, sui_attr(a, C_SELECT));
		tui_put(y, 23,
		        r->drill_note && *r->drill_note ? r->drill_note
		                                        : "(Enter: one thing to do differently)",
		        w - 24, r->drill_note && *r->drill_note ? SUI_NORMAL : sui_attr(a, C_DIM));
	}
	if (r->te) {
		textedit_draw(r->te, a, h - 5, 1, 5, w - 2);
		return;
	}
	tui_put(h - 1, 1, "d another follow-up · Enter what I'd change · q done", w - 2,
	        sui_attr(a, C_DIM));
}

static void
rs_draw(struct app *a, void *st, int h, int w)
{
	struct rs *r = st;
	switch (r->phase) {
	case PH_READY:
		draw_ready(a, r, h, w);
		break;
	case PH_RUN:
		draw_run(a, r, &r->t, h, w,
		         flow_mode(r)                    ? "Interview loop"
		         : strcmp(r->mode, "pitch") == 0 ? "Pitch"
		                                         : "Rehearse");
		break;
	case PH_SUMMARY:
		draw_summary(a, r, h, w);
		break;
	case PH_DRILL:
		draw_drill(a, r, h, w);
		break;
	case PH_DRILL_RUN:
		draw_run(a, r, &r->dt, h, w, "Drill-down");
		break;
	case PH_DRILL_DONE:
		draw_drill_done(a, r, h, w);
		break;
	}
}

/* ---- actions ------------------------------------------------------ */

static void
rs_tick(struct app *a, void *st)
{
	/* Nothing to compute: every draw reads the monotonic clock. */
	(void)a;
	(void)st;
}

static void
save_session(struct app *a, struct rs *r)
{
	char *cause = NULL;
	int64_t id = 0;
	if (rehearsal_save_timer(a->db, &r->t, r->story_id, r->prompt_id, r->mode, &id, &cause) !=
	    0) {
		tui_message(a, "Not saved: %s", cause);
		free(cause);
		return;
	}
	if (r->t.state == RH_DONE)
		r->saved_id = id;
}

static int
start_drill(struct app *a, struct rs *r)
{
	if (r->story_id == NULL || flow_mode(r)) {
		tui_message(a, "The interview loop has no follow-up questions.");
		return -1;
	}
	free(r->dq);
	free(r->da);
	r->dq = r->da = NULL;
	int ord;
	char *cause = NULL;
	if (rehearsal_drill_pick(a->db, r->story_id, &r->dq, &r->da, &ord, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		return -1;
	}
	rh_free(&r->dt);
	rh_init(&r->dt, NULL);
	rh_add(&r->dt, "Follow-up answer", r->dq, rehearsal_budget_ms(a->db, "drill"));
	r->drill_id = 0;
	free(r->drill_note);
	r->drill_note = NULL;
	r->phase = PH_DRILL;
	return 0;
}

static void
finish_drill(struct app *a, struct rs *r)
{
	/* The session's one section is named after the question, so the
	 * next drill can pick the point drilled least. */
	struct rh_section sec = r->dt.sec[0];
	sec.name = r->dq;
	sec.spent_ms = rh_elapsed(&r->dt, 0);
	struct rh_record rec = {
		.story_id = r->story_id,
		.mode = "drill",
		.started_at = r->dt.started_at,
		.completed = 1,
		.sec = &sec,
		.nsec = 1,
	};
	char *cause = NULL;
	if (rehearsal_save(a->db, &rec, &r->drill_id, &cause) != 0) {
		tui_message(a, "Not saved: %s", cause);
		free(cause);
	}
	r->drills++;
	r->phase = PH_DRILL_DONE;
	a->tick_ms = 0;
}

static void
budget_step(struct app *a, struct rs *r, int dir)
{
	if (flow_mode(r) || r->t.nsec == 0)
		return;
	struct rh_section *s = &r->t.sec[r->ready_sel];
	int64_t ms = rehearsal_budget_step(s->budget_ms, dir);
	if (ms == s->budget_ms) {
		tui_message(a,
		            "%s stays at %lld s: the steps here are 5 s to %d s "
		            "(prepdeck rehearse budgets sets any)",
		            s->name, (long long)(ms / 1000), RH_BUDGET_MAX_S);
		return;
	}
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)(ms / 1000));
	char *cause = NULL;
	if (rehearsal_budget_set(a->db, s->name, v, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		return;
	}
	s->budget_ms = rehearsal_budget_ms(a->db, s->name);
	char tm[16];
	rehearsal_fmt_ms(s->budget_ms, tm, sizeof tm);
	tui_message(a, "%s budget %s, for every story.", s->name, tm);
}

/* Handles the editor of the summary forms; returns 1 when it took the key. */
static int
form_editor(struct app *a, struct rs *r, int key)
{
	if (r->te == NULL)
		return 0;
	enum te_result res = textedit_key(r->te, key, !a->key_char);
	int nrows = flow_mode(r) ? 0 : r->ncats;
	if (res == TE_CANCEL) {
		textedit_free(r->te);
		r->te = NULL;
		/* Evidence skipped: the score stands and the next row comes up,
		 * as after a save. */
		if (r->scoring && r->phase == PH_SUMMARY && r->fsel < nrows)
			r->fsel++;
		r->scoring = 0;
		return 1;
	}
	if (res != TE_SAVE)
		return 1;
	const char *text = textedit_text(r->te);
	char *cause = NULL;
	int rc;
	int64_t id = r->phase == PH_DRILL_DONE ? r->drill_id : r->saved_id;
	if (r->phase == PH_DRILL_DONE || r->fsel >= nrows)
		rc = rehearsal_set_note(a->db, id, text, &cause);
	else
		rc = rehearsal_set_score(a->db, id, r->cats[r->fsel].id, r->score[r->fsel], text,
		                         &cause);
	if (rc != 0) {
		textedit_message(r->te, cause);
		free(cause);
		return 1;
	}
	char **slot = r->phase == PH_DRILL_DONE ? &r->drill_note
	              : r->fsel >= nrows        ? &r->note
	                                        : &r->evidence[r->fsel];
	free(*slot);
	*slot = xstrdup(text);
	textedit_free(r->te);
	r->te = NULL;
	r->scoring = 0;
	if (r->phase == PH_SUMMARY && r->fsel < nrows)
		r->fsel++;
	tui_message(a, "Saved.");
	return 1;
}

static int
run_input(struct app *a, struct rs *r, struct rh_timer *t, enum tui_action act, int key)
{
	if (r->confirm) {
		r->confirm = 0;
		if (a->key_char && (key == 'y' || key == 'Y')) {
			rh_abandon(t);
			a->tick_ms = 0;
			if (t == &r->t && rh_total(t) >= 1000)
				save_session(a, r);
			tui_message(a, "Abandoned%s.",
			            t == &r->t && rh_total(t) >= 1000
			                    ? "; kept as an unfinished attempt"
			                    : "");
			if (t == &r->t) {
				timer_fill(a, r);
				r->phase = PH_READY;
			} else {
				r->phase = PH_SUMMARY;
			}
		}
		return 1;
	}
	switch (act) {
	case ACT_RH_NEXT:
		if (rh_next(t)) {
			if (t == &r->dt) {
				finish_drill(a, r);
			} else {
				a->tick_ms = 0;
				save_session(a, r);
				r->phase = PH_SUMMARY;
				r->fsel = 0;
			}
		}
		return 1;
	case ACT_RH_PAUSE:
		rh_toggle_pause(t);
		return 1;
	case ACT_RH_RESTART:
		rh_restart(t);
		tui_message(a, "Restarted from zero.");
		return 1;
	case ACT_RH_ABANDON:
	case ACT_QUIT:
		r->confirm = 1;
		return 1;
	case ACT_CUES:
		r->full = !r->full;
		return 1;
	default:
		/* Everything else is swallowed: a stray key must not leave. */
		return act != ACT_HELP && act != ACT_REDRAW;
	}
}

static int
rs_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct rs *r = st;
	switch (r->phase) {
	case PH_READY:
		if (act == ACT_RH_NEXT) {
			rh_start(&r->t);
			r->phase = PH_RUN;
			a->tick_ms = TICK_MS;
			return 1;
		}
		if (tui_list_move(act, &r->ready_sel, r->t.nsec, 5))
			return 1;
		if (a->key_char && (key == '+' || key == '='))
			budget_step(a, r, 1);
		else if (a->key_char && key == '-')
			budget_step(a, r, -1);
		else if (act == ACT_RH_ABANDON)
			tui_pop(a);
		else
			return 0;
		return 1;
	case PH_RUN:
		return run_input(a, r, &r->t, act, key);
	case PH_DRILL_RUN:
		return run_input(a, r, &r->dt, act, key);
	case PH_SUMMARY: {
		if (form_editor(a, r, key))
			return 1;
		int nrows = flow_mode(r) ? 0 : r->ncats;
		/* The categories and, last, the note on what to change. */
		if (tui_list_move(act, &r->fsel, nrows + 1, 5))
			return 1;
		if (a->key_char && key >= '1' && key <= '4' && r->fsel < nrows) {
			if (r->saved_id == 0) {
				tui_message(a, "The session was not saved.");
				return 1;
			}
			char *cause = NULL;
			if (rehearsal_set_score(a->db, r->saved_id, r->cats[r->fsel].id, key - '0',
			                        r->evidence[r->fsel] ? r->evidence[r->fsel] : "",
			                        &cause) != 0) {
				tui_message(a, "%s", cause);
				free(cause);
				return 1;
			}
			r->score[r->fsel] = key - '0';
			/* Straight on to the sentence of evidence (as on a mock
			 * scorecard); saving or skipping it moves to the next row,
			 * so the next score lands on the next category. */
			char title[160];
			snprintf(title, sizeof title,
			         "%s %d/4 · evidence: what you said that earns "
			         "it",
			         r->cats[r->fsel].name, key - '0');
			textedit_free(r->te);
			r->te = textedit_new(title, r->evidence[r->fsel], 0, RH_TEXT_MAX, 0);
			r->scoring = 1;
		} else if (act == ACT_SELECT) {
			if (r->saved_id == 0) {
				tui_message(a, "The session was not saved.");
			} else if (r->fsel < nrows && r->score[r->fsel] == 0) {
				tui_message(a, "Score %s first: press 1, 2, 3 or 4.",
				            r->cats[r->fsel].name);
			} else {
				char title[128];
				snprintf(title, sizeof title, "%s: one sentence",
				         r->fsel < nrows ? r->cats[r->fsel].name
				                         : "What I'd change");
				r->te = textedit_new(
				        title, r->fsel < nrows ? r->evidence[r->fsel] : r->note, 0,
				        RH_TEXT_MAX, 0);
			}
		} else if (act == ACT_DRILL && !flow_mode(r)) {
			start_drill(a, r);
		} else if (act == ACT_RH_RESTART) {
			form_reset(r);
			timer_fill(a, r);
			r->phase = PH_READY;
		} else if (act == ACT_RH_ABANDON) {
			tui_pop(a);
		} else {
			return 0;
		}
		return 1;
	}
	case PH_DRILL:
		if (act == ACT_RH_NEXT) {
			rh_start(&r->dt);
			r->phase = PH_DRILL_RUN;
			a->tick_ms = TICK_MS;
			return 1;
		}
		if (act == ACT_RH_ABANDON) {
			tui_pop(a);
			return 1;
		}
		return 0;
	case PH_DRILL_DONE:
		if (form_editor(a, r, key))
			return 1;
		if (act == ACT_DRILL) {
			start_drill(a, r);
			return 1;
		}
		if (act == ACT_SELECT) {
			r->te = textedit_new("What I'd change: one sentence", r->drill_note, 0,
			                     RH_TEXT_MAX, 0);
			return 1;
		}
		if (act == ACT_RH_ABANDON) {
			tui_pop(a);
			return 1;
		}
		return 0;
	}
	return 0;
}

static const struct tui_key rs_keys[] = {
	{ ' ', ACT_RH_NEXT, "Space", NULL },
	{ 'p', ACT_RH_PAUSE, "p", NULL },
	{ 'r', ACT_RH_RESTART, "r", "Restart from zero (after the end: rehearse again)" },
	{ 27, ACT_RH_ABANDON, "Esc", "Abandon the rehearsal (asks first); leave the summary" },
	{ 't', ACT_CUES, "t", NULL },
	{ 'd', ACT_DRILL, "d", NULL },
	{ '\r', ACT_SELECT, "Enter", "Write the evidence or what you'd change" },
	{ '\n', ACT_SELECT, NULL, NULL },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ '1', ACT_NONE, "1-4", "Score the selected category, then write its evidence" },
	{ '+', ACT_NONE, "+/-",
	  "Before the start: the selected budget 5 s up or down (every story)" },
	{ 0, ACT_NONE, NULL, NULL },
};

static const char *
rs_unsaved(struct app *a, void *st)
{
	struct rs *r = st;
	if (r->te && textedit_changed(r->te))
		return "the sentence you are writing";
	if (r->phase == PH_RUN || r->phase == PH_DRILL_RUN)
		return "the rehearsal in progress";
	return NULL;
}

const struct screen_ops rehearse_screen = {
	.name = "Rehearse",
	.open = rs_open,
	.close = rs_close,
	.draw = rs_draw,
	.input = rs_input,
	.tick = rs_tick,
	.keys = rs_keys,
	.unsaved = rs_unsaved,
};
