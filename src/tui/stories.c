/* The story bank screens: the list of stories with how recently and how
 * well each was rehearsed, the coverage grid (competencies x stories,
 * gaps marked), one story as a form whose fields open in the text
 * editor (the user's stories; bundled ones are read and copied), and the
 * prompt picker. All data comes from story.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rehearsal.h"
#include "story.h"
#include "tui/app.h"
#include "tui/storyui.h"
#include "tui/text.h"
#include "tui/textedit.h"
#include "util.h"

static const struct screen_ops story_screen;
static const struct screen_ops prompt_screen;

static unsigned
rnd(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned)ts.tv_nsec ^ (unsigned)getpid() * 2654435761u;
}

/* Pushes the rehearsal screen on a story (the pitch and templates
 * explained rather than timed as STAR). */
static void
rehearse_story(struct app *a, const struct story *s, const char *prompt)
{
	if (strcmp(s->type, "template") == 0) {
		tui_message(a, "A template is guidance: press c to copy it into a story of "
		            "your own first.");
		return;
	}
	tui_push(a, &rehearse_screen, &(struct rehearse_start){ .story = s->id, .prompt = prompt });
}

/* ---- the list and the grid ------------------------------------------ */

struct stories {
	struct story *v;
	size_t n;
	int sel, top;
	int grid;
	struct story_coverage cv;
	int grow, gcol, gleft, gtop;
	int confirm;               /* asking before deleting v[sel] */
	struct textedit *te;       /* the title of a new story */
	int rows;                  /* list rows of the last draw */
};

static void
stories_load(struct app *a, struct stories *s)
{
	char *keep = s->n ? xstrdup(s->v[s->sel].id) : NULL;
	story_list_free(s->v, s->n);
	story_list(a->db, &s->v, &s->n);
	story_coverage_free(&s->cv);
	story_coverage(a->db, &s->cv);
	s->sel = 0;
	for (size_t i = 0; keep && i < s->n; i++)
		if (strcmp(s->v[i].id, keep) == 0)
			s->sel = (int)i;
	free(keep);
	if (s->grow >= (int)s->cv.ncomps)
		s->grow = s->cv.ncomps ? (int)s->cv.ncomps - 1 : 0;
	if (s->gcol >= (int)s->cv.nstories)
		s->gcol = s->cv.nstories ? (int)s->cv.nstories - 1 : 0;
}

static void
stories_select(struct stories *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].id, id) == 0)
			s->sel = (int)i;
}

static void *
stories_open(struct app *a, const void *arg)
{
	struct stories *s = xcalloc(1, sizeof *s);
	stories_load(a, s);
	s->grid = arg && strcmp(arg, "coverage") == 0;
	return s;
}

static void
stories_close(struct app *a, void *st)
{
	struct stories *s = st;
	story_list_free(s->v, s->n);
	story_coverage_free(&s->cv);
	textedit_free(s->te);
	free(s);
}

static void
stories_resume(struct app *a, void *st)
{
	stories_load(a, st);
}

static void
draw_list(struct app *a, struct stories *s, int h, int w)
{
	int64_t now = now_unix();
	int mine = 0;
	for (size_t i = 0; i < s->n; i++)
		mine += story_is_user(&s->v[i]);
	tui_put(0, 1, "Stories", 20, sui_attr(a, C_TITLE));
	char head[160];
	snprintf(head, sizeof head, "%d of yours · %zu in all · %d competenc%s without a "
	         "story", mine, s->n, s->cv.gaps, s->cv.gaps == 1 ? "y" : "ies");
	int hw = tui_width(head);
	tui_put(0, w - hw - 1, head, hw, s->cv.gaps ? sui_attr(a, C_WARN) : sui_attr(a, C_DIM));
	int tw = w - 40;
	char hdr[256];
	snprintf(hdr, sizeof hdr, "  %-*s %-9s %-9s   × %5s", tw, "Title", "Kind",
	         "Last", "Score");
	tui_put(1, 0, hdr, w, sui_attr(a, C_DIM));
	int y0 = 2;
	s->rows = h - y0 - 4;
	if (s->rows < 3)
		s->rows = 3;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + s->rows)
		s->top = s->sel - s->rows + 1;
	for (int r = 0; r < s->rows && s->top + r < (int)s->n; r++) {
		const struct story *v = &s->v[s->top + r];
		int sel = s->top + r == s->sel;
		int attr = sel ? sui_attr(a, C_SELECT) : SUI_NORMAL;
		if (sel) {
			move(y0 + r, 0);
			attron(attr);
			for (int i = 0; i < w; i++)
				addch(' ');
			attroff(attr);
		}
		int y = y0 + r;
		tui_put(y, 0, sel ? ">" : " ", 1, attr);
		tui_put(y, 2, v->title, tw, attr | (story_is_user(v) ? SUI_BOLD : 0));
		int kattr = sel ? attr : story_is_user(v) ? sui_attr(a, C_GOOD) :
		            strcmp(v->type, "template") == 0 ? sui_attr(a, C_DIM) : SUI_NORMAL;
		tui_put(y, 3 + tw, story_kind_label(v), 9, kattr);
		char ago[32], cnt[8], score[8] = "-";
		story_fmt_ago(v->last_rehearsed, now, ago, sizeof ago);
		snprintf(cnt, sizeof cnt, "%3d", v->rehearsals);
		if (v->last_score > 0)
			snprintf(score, sizeof score, "%5.1f", v->last_score);
		else
			snprintf(score, sizeof score, "%5s", "-");
		tui_put(y, 13 + tw, ago, 9, sel ? attr : v->last_rehearsed ? SUI_NORMAL :
		        sui_attr(a, C_DIM));
		tui_put(y, 23 + tw, cnt, 3, attr);
		int sattr = attr;
		if (!sel && v->last_score > 0)
			sattr = sui_attr(a, v->last_score >= 3 ? C_GOOD : v->last_score >= 2 ?
			                 C_WARN : C_BAD);
		tui_put(y, 27 + tw, score, 5, sattr);
	}
	if (s->n == 0)
		tui_put(y0, 2, "No stories. Press n to write one.", w - 4, SUI_NORMAL);
	int yb = h - 4;
	tui_hline(yb, 0, w, sui_attr(a, C_DIM));
	if (s->n > 0) {
		const struct story *v = &s->v[s->sel];
		char *names = story_comp_names(a->db, v->competencies);
		char line[512];
		snprintf(line, sizeof line, "Competencies: %s", *names ? names : "none yet");
		tui_put(yb + 1, 1, line, w - 2, SUI_NORMAL);
		free(names);
		if (s->confirm) {
			snprintf(line, sizeof line, "Delete \"%s\"? Its rehearsals are kept. "
			         "y = delete, any other key = keep", v->title);
			tui_put(yb + 2, 1, line, w - 2, sui_attr(a, C_WARN) | SUI_BOLD);
		} else if (strcmp(v->type, "template") == 0) {
			tui_put(yb + 2, 1, "A template: c copies it into a story of your own to "
			        "fill in.", w - 2, sui_attr(a, C_DIM));
		} else if (v->rehearsals > 0) {
			char tot[16], bud[16];
			rehearsal_fmt_ms(v->last_total_ms, tot, sizeof tot);
			rehearsal_fmt_ms(v->last_budget_ms, bud, sizeof bud);
			snprintf(line, sizeof line, "Last rehearsal: %s of %s%s%s", tot, bud,
			         v->last_total_ms > v->last_budget_ms ? " (over)" : "",
			         v->last_score > 0 ? "" : " · not self-scored");
			if (v->last_score > 0) {
				size_t l = strlen(line);
				snprintf(line + l, sizeof line - l, " · self-score %.1f of 4",
				         v->last_score);
			}
			tui_put(yb + 2, 1, line, w - 2, SUI_NORMAL);
		} else {
			tui_put(yb + 2, 1, story_is_user(v) ? "Not rehearsed yet: press r." :
			        "A bundled example: c copies it into your own, r rehearses it.",
			        w - 2, sui_attr(a, C_DIM));
		}
	}
	tui_put(yb + 3, 1, "r rehearse · c copy · n new · a prompt · p pitch · f interview "
	        "loop · v grid", w - 2, sui_attr(a, C_DIM));
}

static void
draw_grid(struct app *a, struct stories *s, int h, int w)
{
	const struct story_coverage *cv = &s->cv;
	int fancy = sui_fancy(a);
	tui_put(0, 1, "Coverage: competencies × stories", 40, sui_attr(a, C_TITLE));
	char head[96];
	snprintf(head, sizeof head, "%d gap%s", cv->gaps, cv->gaps == 1 ? "" : "s");
	tui_put(0, w - tui_width(head) - 1, head, 20,
	        cv->gaps ? sui_attr(a, C_BAD) | SUI_BOLD : sui_attr(a, C_GOOD));
	int namew = 24, x0 = namew + 1;
	int ncols = (w - x0 - 14) / 3;
	if (ncols < 1)
		ncols = 1;
	if (s->gcol < s->gleft)
		s->gleft = s->gcol;
	if (s->gcol >= s->gleft + ncols)
		s->gleft = s->gcol - ncols + 1;
	int rows = h - 6;
	if (s->grow < s->gtop)
		s->gtop = s->grow;
	if (s->grow >= s->gtop + rows)
		s->gtop = s->grow - rows + 1;
	/* Column numbers; the user's stories in the good colour. */
	for (int k = 0; k < ncols && s->gleft + k < (int)cv->nstories; k++) {
		int col = s->gleft + k;
		char num[16];
		snprintf(num, sizeof num, "%3d", col + 1);
		int at = col == s->gcol ? sui_attr(a, C_SELECT) :
		         story_is_user(&cv->stories[col]) ? sui_attr(a, C_GOOD) | SUI_BOLD :
		         sui_attr(a, C_DIM);
		tui_put(1, x0 + 3 * k, num, 3, at);
	}
	if (s->gleft > 0)
		tui_put(1, x0 - 1, "<", 1, sui_attr(a, C_DIM));
	if (s->gleft + ncols < (int)cv->nstories)
		tui_put(1, x0 + 3 * ncols, ">", 1, sui_attr(a, C_DIM));
	for (int r = 0; r < rows && s->gtop + r < (int)cv->ncomps; r++) {
		int c = s->gtop + r, y = 2 + r;
		int sel = c == s->grow;
		int gap = cv->mine[c] + cv->examples[c] == 0;
		tui_put(y, 1, cv->comps[c].name, namew - 1,
		        sel ? sui_attr(a, C_SELECT) : gap ? sui_attr(a, C_BAD) | SUI_BOLD : SUI_NORMAL);
		for (int k = 0; k < ncols && s->gleft + k < (int)cv->nstories; k++) {
			int col = s->gleft + k;
			int on = cv->cell[(size_t)c * cv->nstories + (size_t)col];
			const char *mark = on ? (fancy ? "●" : "x") : (fancy ? "·" : ".");
			int at = on ? (story_is_user(&cv->stories[col]) ? sui_attr(a, C_GOOD) |
			               SUI_BOLD : SUI_NORMAL) : sui_attr(a, C_DIM);
			if (sel && col == s->gcol)
				at = sui_attr(a, C_SELECT);
			tui_put(y, x0 + 3 * k + 2, mark, 1, at);
		}
		int xs = x0 + 3 * (ncols < (int)cv->nstories ? ncols : (int)cv->nstories) + 2;
		if (gap)
			tui_put(y, xs, "GAP", w - xs, sui_attr(a, C_BAD) | SUI_BOLD);
		else if (cv->mine[c] == 0)
			tui_put(y, xs, "examples only", w - xs, sui_attr(a, C_WARN));
	}
	int yb = h - 4;
	tui_hline(yb, 0, w, sui_attr(a, C_DIM));
	char line[512];
	if (cv->nstories > 0) {
		const struct story *v = &cv->stories[s->gcol];
		snprintf(line, sizeof line, "Story %d: %s (%s)", s->gcol + 1, v->title,
		         story_kind_label(v));
		tui_put(yb + 1, 1, line, w - 2, SUI_NORMAL);
	}
	if (cv->ncomps > 0) {
		int c = s->grow;
		if (cv->mine[c] + cv->examples[c] == 0) {
			char *tpl = story_template_for(a->db, cv->comps[c].id);
			snprintf(line, sizeof line, "%s: no story covers it.%s%s%s",
			         cv->comps[c].name, tpl ? " c copies the template " : "",
			         tpl ? tpl : "", tpl ? " to start one." : "");
			free(tpl);
		} else {
			snprintf(line, sizeof line, "%s: %d of your stories, %d example%s.",
			         cv->comps[c].name, cv->mine[c], cv->examples[c],
			         cv->examples[c] == 1 ? "" : "s");
		}
		tui_put(yb + 2, 1, line, w - 2, SUI_NORMAL);
	}
	tui_put(yb + 3, 1, "Arrows move · Enter open the story · c copy · v list", w - 2,
	        sui_attr(a, C_DIM));
}

static void
stories_draw(struct app *a, void *st, int h, int w)
{
	struct stories *s = st;
	if (s->te) {
		tui_put(0, 1, "New story", 40, sui_attr(a, C_TITLE));
		sui_text(a, 2, 2, w - 4, 2, "Give it a title you would say out loud, e.g. "
		         "\"Cut p95 latency in half without new hardware\".", 0, NULL);
		textedit_draw(s->te, a, 5, 1, 5, w - 2);
		return;
	}
	if (s->grid)
		draw_grid(a, s, h, w);
	else
		draw_list(a, s, h, w);
}

static void
open_story(struct app *a, const char *id)
{
	tui_push(a, &story_screen, id);
}

/* Copies story id into the user's own and opens the copy. */
static void
copy_and_open(struct app *a, struct stories *s, const char *id)
{
	char *nid = NULL, *cause = NULL;
	if (story_copy(a->db, id, NULL, &nid, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		return;
	}
	stories_load(a, s);
	stories_select(s, nid);
	tui_message(a, "Copied into a story of yours: edit it here.");
	open_story(a, nid);
	free(nid);
}

static int
stories_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct stories *s = st;
	if (s->te) {
		enum te_result r = textedit_key(s->te, key, !a->key_char);
		if (r == TE_CANCEL) {
			textedit_free(s->te);
			s->te = NULL;
		} else if (r == TE_SAVE) {
			char *nid = NULL, *cause = NULL;
			if (story_add(a->db, textedit_text(s->te), "story", NULL, &nid,
			              &cause) != 0) {
				textedit_message(s->te, cause);
				free(cause);
				return 1;
			}
			textedit_free(s->te);
			s->te = NULL;
			stories_load(a, s);
			stories_select(s, nid);
			tui_message(a, "Saved. Fill in each part: Enter edits.");
			open_story(a, nid);
			free(nid);
		}
		return 1;
	}
	if (s->confirm) {
		s->confirm = 0;
		if (a->key_char && (key == 'y' || key == 'Y')) {
			char *cause = NULL;
			if (story_delete(a->db, s->v[s->sel].id, &cause) != 0) {
				tui_message(a, "%s", cause);
				free(cause);
			} else {
				tui_message(a, "Deleted. Its rehearsals are kept.");
				stories_load(a, s);
			}
		} else {
			tui_message(a, "Kept.");
		}
		return 1;
	}
	if (act == ACT_COVERAGE) {
		s->grid = !s->grid;
		return 1;
	}
	if (act == ACT_STORY_NEW) {
		s->te = textedit_new("Title", "", 0, STORY_TITLE_MAX, 0);
		return 1;
	}
	if (act == ACT_PITCH) {
		tui_push(a, &rehearse_screen, &(struct rehearse_start){ .what = RH_START_PITCH });
		return 1;
	}
	if (act == ACT_FLOW) {
		tui_push(a, &rehearse_screen, &(struct rehearse_start){ .what = RH_START_FLOW });
		return 1;
	}
	if (act == ACT_PROMPT) {
		tui_push(a, &prompt_screen, NULL);
		return 1;
	}
	if (s->grid) {
		const struct story_coverage *cv = &s->cv;
		int left = !a->key_char ? key == KEY_LEFT : key == 'h';
		int right = !a->key_char ? key == KEY_RIGHT : key == 'l';
		if (act == ACT_UP && s->grow > 0)
			s->grow--;
		else if (act == ACT_DOWN && s->grow + 1 < (int)cv->ncomps)
			s->grow++;
		else if (act == ACT_TOP)
			s->grow = 0;
		else if (act == ACT_BOTTOM && cv->ncomps)
			s->grow = (int)cv->ncomps - 1;
		else if (left && s->gcol > 0)
			s->gcol--;
		else if (right && s->gcol + 1 < (int)cv->nstories)
			s->gcol++;
		else if ((act == ACT_SELECT || act == ACT_STORY_EDIT) && cv->nstories)
			open_story(a, cv->stories[s->gcol].id);
		else if (act == ACT_REHEARSE && cv->nstories)
			rehearse_story(a, &cv->stories[s->gcol], NULL);
		else if (act == ACT_STORY_COPY && cv->ncomps) {
			int c = s->grow;
			char *id = NULL;
			if (cv->mine[c] + cv->examples[c] == 0)
				id = story_template_for(a->db, cv->comps[c].id);
			else if (cv->nstories)
				id = xstrdup(cv->stories[s->gcol].id);
			if (id)
				copy_and_open(a, s, id);
			else
				tui_message(a, "No template covers this competency: press n to "
				            "write a story.");
			free(id);
		} else if (left || right || act == ACT_UP || act == ACT_DOWN)
			;
		else
			return 0;
		return 1;
	}
	if (tui_list_move(act, &s->sel, (int)s->n, s->rows))
		return 1;
	switch (act) {
	default:
		break;
	}
	if (s->n == 0)
		return 0;
	struct story *v = &s->v[s->sel];
	switch (act) {
	case ACT_SELECT:
	case ACT_STORY_EDIT:
		open_story(a, v->id);
		return 1;
	case ACT_STORY_COPY:
		copy_and_open(a, s, v->id);
		return 1;
	case ACT_REHEARSE:
		rehearse_story(a, v, NULL);
		return 1;
	case ACT_STORY_DELETE:
		if (!story_is_user(v))
			tui_message(a, "Only your own stories can be deleted.");
		else
			s->confirm = 1;
		return 1;
	default:
		return 0;
	}
}

static const struct tui_key stories_keys[] = {
	{ '\r', ACT_SELECT, "Enter", "Open the selected story" },
	{ '\n', ACT_SELECT, NULL, NULL },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ 'e', ACT_STORY_EDIT, "e", NULL },
	{ 'r', ACT_REHEARSE, "r", NULL },
	{ 'c', ACT_STORY_COPY, "c", NULL },
	{ 'n', ACT_STORY_NEW, "n", NULL },
	{ 'd', ACT_STORY_DELETE, "d", NULL },
	{ 'a', ACT_PROMPT, "a", NULL },
	{ 'p', ACT_PITCH, "p", NULL },
	{ 'f', ACT_FLOW, "f", NULL },
	{ 'v', ACT_COVERAGE, "v/Tab", NULL },
	{ '\t', ACT_COVERAGE, NULL, NULL },
	{ KEY_LEFT, ACT_NONE, "Left/Right", "Coverage grid: choose a story (also h, l)" },
	{ 0, ACT_NONE, NULL, NULL },
};

static const char *
stories_unsaved(struct app *a, void *st)
{
	struct stories *s = st;
	return s->te && textedit_changed(s->te) ? "the title of the new story" : NULL;
}

const struct screen_ops stories_screen = {
	.name = "Stories",
	.open = stories_open,
	.close = stories_close,
	.draw = stories_draw,
	.input = stories_input,
	.keys = stories_keys,
	.resume = stories_resume,
	.unsaved = stories_unsaved,
};

/* ---- one story: a form ------------------------------------------------ */

enum fkind { F_TITLE, F_COMPS, F_TEXT, F_METRICS, F_QUESTION, F_ANSWER, F_ADD };

struct field {
	enum fkind kind;
	const char *label;
	char name[32];           /* story_set field */
	const char *value;       /* points into the story */
	int point;               /* 0-based, for questions and answers */
};

struct sview {
	struct story s;
	struct story tpl;             /* the template it was copied from */
	int has_tpl;
	int user;
	struct field f[8 + 2 * STORY_POINTS_MAX + 1];
	int nf, sel, top;
	struct textedit *te;
	char te_field[32];
	int picking;                  /* the competency picker is open */
	struct story_comp *comps;
	size_t ncomps;
	int psel, ptop;
	int confirm;                  /* asking before removing a point */
};

static void
add_field(struct sview *v, enum fkind k, const char *label, const char *name,
          const char *value, int point)
{
	struct field *f = &v->f[v->nf++];
	f->kind = k;
	f->label = label;
	snprintf(f->name, sizeof f->name, "%s", name);
	f->value = value;
	f->point = point;
}

static int
sview_load(struct app *a, struct sview *v, const char *id)
{
	struct story s;
	char *cause = NULL;
	if (story_get(a->db, id, &s, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		return -1;
	}
	story_clear(&v->s);
	v->s = s;
	v->user = story_is_user(&v->s);
	if (v->has_tpl)
		story_clear(&v->tpl);
	v->has_tpl = v->user && story_template_of(a->db, &v->s, &v->tpl) == 0;
	v->nf = 0;
	add_field(v, F_TITLE, "Title", "title", v->s.title, 0);
	add_field(v, F_COMPS, "Competencies", "competencies", v->s.competencies, 0);
	add_field(v, F_TEXT, "Situation", "situation", v->s.situation, 0);
	add_field(v, F_TEXT, "Task", "task", v->s.task, 0);
	add_field(v, F_TEXT, "Action", "action", v->s.action, 0);
	add_field(v, F_TEXT, "Result", "result", v->s.result, 0);
	add_field(v, F_TEXT, "Reflection", "reflection", v->s.reflection, 0);
	add_field(v, F_METRICS, "Metrics", "metrics", v->s.metrics, 0);
	for (size_t k = 0; k < v->s.npoints; k++) {
		char name[32];
		snprintf(name, sizeof name, "question.%zu", k + 1);
		add_field(v, F_QUESTION, "Follow-up", name, v->s.points[k].question, (int)k);
		snprintf(name, sizeof name, "answer.%zu", k + 1);
		add_field(v, F_ANSWER, "  answer", name, v->s.points[k].answer, (int)k);
	}
	if (v->user && v->s.npoints < STORY_POINTS_MAX) {
		char name[32];
		snprintf(name, sizeof name, "question.%zu", v->s.npoints + 1);
		add_field(v, F_ADD, "", name, "", (int)v->s.npoints);
	}
	if (v->sel >= v->nf)
		v->sel = v->nf - 1;
	return 0;
}

static void *
sview_open(struct app *a, const void *arg)
{
	struct sview *v = xcalloc(1, sizeof *v);
	if (arg == NULL || sview_load(a, v, arg) != 0) {
		free(v);
		return NULL;
	}
	return v;
}

static void
sview_close(struct app *a, void *st)
{
	struct sview *v = st;
	story_clear(&v->s);
	if (v->has_tpl)
		story_clear(&v->tpl);
	textedit_free(v->te);
	story_comps_free(v->comps, v->ncomps);
	free(v);
}

static void
sview_resume(struct app *a, void *st)
{
	struct sview *v = st;
	char *id = xstrdup(v->s.id);
	sview_load(a, v, id);
	free(id);
}

/* The template's guidance for an empty field of a template copy, or
 * NULL: shown dim, never saved. */
static const char *
field_hint(const struct sview *v, const struct field *f)
{
	if (!v->has_tpl || *f->value)
		return NULL;
	const struct story *t = &v->tpl;
	const char *h = NULL;
	if (f->kind == F_TEXT || f->kind == F_METRICS) {
		h = strcmp(f->name, "situation") == 0 ? t->situation :
		    strcmp(f->name, "task") == 0 ? t->task :
		    strcmp(f->name, "action") == 0 ? t->action :
		    strcmp(f->name, "result") == 0 ? t->result :
		    strcmp(f->name, "reflection") == 0 ? t->reflection : t->metrics;
	} else if (f->kind == F_ANSWER && (size_t)f->point < t->npoints) {
		h = t->points[f->point].answer;
	}
	return h && *h ? h : NULL;
}

/* Rows a field takes in the form. */
static int
field_rows(const struct sview *v, const struct field *f, int w)
{
	int max = f->kind == F_TEXT ? 4 : f->kind == F_ANSWER ? 2 : f->kind == F_METRICS ? 3 :
	          f->kind == F_QUESTION ? 2 : 1;
	const char *text = *f->value ? f->value : field_hint(v, f);
	if (f->kind == F_COMPS || f->kind == F_ADD || text == NULL)
		return 1;
	int n = sui_text_rows(text, w);
	return n < 1 ? 1 : n > max ? max : n;
}

static void
draw_picker(struct app *a, struct sview *v, int h, int w)
{
	tui_put(0, 1, "Competencies of this story", w - 2, sui_attr(a, C_TITLE));
	tui_put(1, 1, "Space or Enter ticks (and moves on) or unticks, saved at once · Esc or q done",
	        w - 2, sui_attr(a, C_DIM));
	/* The list, and under it the selected competency's whole
	 * description (the rows cut theirs). */
	int rows = h - 7;
	if (v->psel < v->ptop)
		v->ptop = v->psel;
	if (v->psel >= v->ptop + rows)
		v->ptop = v->psel - rows + 1;
	char *cur = xprintf(" %s ", v->s.competencies);
	for (int r = 0; r < rows && v->ptop + r < (int)v->ncomps; r++) {
		const struct story_comp *c = &v->comps[v->ptop + r];
		char *needle = xprintf(" %s ", c->id);
		int on = strstr(cur, needle) != NULL;
		free(needle);
		int sel = v->ptop + r == v->psel;
		int at = sel ? sui_attr(a, C_SELECT) : on ? SUI_BOLD : SUI_NORMAL;
		if (sel)
			for (int x = 1; x < w - 1; x++)
				tui_put(3 + r, x, " ", 1, at);
		tui_put(3 + r, 1, on ? "[x]" : "[ ]", 3, at);
		tui_put(3 + r, 5, c->name, 27, at);
		tui_put(3 + r, 33, c->description, w - 34, sel ? at : sui_attr(a, C_DIM));
	}
	free(cur);
	if (v->psel < (int)v->ncomps) {
		const struct story_comp *c = &v->comps[v->psel];
		tui_hline(h - 4, 0, w, sui_attr(a, C_DIM));
		char buf[600];
		snprintf(buf, sizeof buf, "%s: %s", c->name, c->description);
		tui_wrap(h - 3, 1, w - 2, 3, buf, SUI_NORMAL);
	}
}

static void
sview_draw(struct app *a, void *st, int h, int w)
{
	struct sview *v = st;
	if (v->picking) {
		draw_picker(a, v, h, w);
		return;
	}
	char head[512];
	snprintf(head, sizeof head, "%s", v->s.title);
	const char *who = v->user ? (v->s.copied_from ? "yours, copied" : "yours") :
	                  strcmp(v->s.type, "template") == 0 ? "bundled template" :
	                  "bundled example";
	int ww = tui_width(who);
	tui_put(0, 1, head, w - ww - 4, sui_attr(a, C_TITLE));
	tui_put(0, w - ww - 1, who, ww, v->user ? sui_attr(a, C_GOOD) : sui_attr(a, C_DIM));
	char meta[512];
	char ago[32];
	story_fmt_ago(v->s.last_rehearsed, now_unix(), ago, sizeof ago);
	snprintf(meta, sizeof meta, "%s · %s · rehearsed %d× (last: %s)", v->s.id,
	         v->s.type, v->s.rehearsals, ago);
	if (v->s.last_score > 0) {
		size_t l = strlen(meta);
		snprintf(meta + l, sizeof meta - l, " · self-score %.1f", v->s.last_score);
	}
	tui_put(1, 1, meta, w - 2, sui_attr(a, C_DIM));
	if (v->te) {
		textedit_draw(v->te, a, 3, 0, h - 3, w);
		return;
	}
	int labw = 14, x = labw + 2, tw = w - x - 1;
	int y0 = 3, area = h - y0 - 2;
	/* Scroll so the selected field is whole on screen. */
	int ysel = 0;
	for (int i = 0; i < v->sel; i++)
		ysel += field_rows(v, &v->f[i], tw);
	int hsel = field_rows(v, &v->f[v->sel], tw);
	if (ysel < v->top)
		v->top = ysel;
	if (ysel + hsel > v->top + area)
		v->top = ysel + hsel - area;
	int y = -v->top;
	for (int i = 0; i < v->nf; i++) {
		const struct field *f = &v->f[i];
		int rows = field_rows(v, f, tw);
		if (y + rows <= 0 || y >= area) {
			y += rows;
			continue;
		}
		int sel = i == v->sel;
		int yy = y0 + y;
		if (y >= 0) {
			char lab[40];
			if (f->kind == F_QUESTION)
				snprintf(lab, sizeof lab, "Follow-up %d", f->point + 1);
			else
				snprintf(lab, sizeof lab, "%s", f->label);
			tui_put(yy, 0, sel ? ">" : " ", 1, sui_attr(a, C_ACCENT));
			tui_put(yy, 1, lab, labw, sel ? sui_attr(a, C_SELECT) : SUI_BOLD);
		}
		if (f->kind == F_ADD) {
			if (y >= 0)
				tui_put(yy, 1, "+ Add a follow-up question (decision point)", w - 2,
				        sel ? sui_attr(a, C_SELECT) : sui_attr(a, C_DIM));
		} else if (f->kind == F_COMPS) {
			char *names = story_comp_names(a->db, f->value);
			if (y >= 0)
				tui_put(yy, x, *names ? names : "(none yet: Enter chooses)", tw,
				        *names ? SUI_NORMAL : sui_attr(a, C_DIM));
			free(names);
		} else if (*f->value == '\0' && field_hint(v, f) == NULL) {
			if (y >= 0)
				tui_put(yy, x, v->user ? "(empty: Enter writes it)" : "-", tw,
				        sui_attr(a, C_DIM));
		} else {
			/* Only the rows inside the area are drawn; a template's
			 * guidance in an empty field is dim. */
			const char *hint = field_hint(v, f);
			const char *text = hint ? hint : f->value;
			int skip = y < 0 ? -y : 0;
			if (skip == 0) {
				int avail = area - y < rows ? area - y : rows;
				sui_text(a, yy, x, tw, avail, text, hint ? TS_DIM : 0, NULL);
			}
		}
		y += rows;
	}
	const char *keys = v->confirm ? "Remove this follow-up question and its answer? "
	                                "y = remove, any other key = keep" :
	                   v->user ? "Enter edit · d remove follow-up · r rehearse · c copy · "
	                             "q back" :
	                             "Enter read in full · c copy into your stories · "
	                             "r rehearse · q back";
	tui_hline(h - 2, 0, w, sui_attr(a, C_DIM));
	tui_put(h - 1, 1, keys, w - 2, v->confirm ? sui_attr(a, C_WARN) | SUI_BOLD :
	        sui_attr(a, C_DIM));
}

static void
start_edit(struct app *a, struct sview *v)
{
	const struct field *f = &v->f[v->sel];
	if (f->kind == F_COMPS && v->user) {
		if (v->comps == NULL)
			story_comps(a->db, &v->comps, &v->ncomps);
		v->picking = 1;
		return;
	}
	char title[128];
	if (f->kind == F_QUESTION || f->kind == F_ADD)
		snprintf(title, sizeof title, "Follow-up question %d", f->point + 1);
	else if (f->kind == F_ANSWER)
		snprintf(title, sizeof title, "Your answer to follow-up %d", f->point + 1);
	else
		snprintf(title, sizeof title, "%s", f->label);
	if (!v->user) {
		const char *text = f->kind == F_COMPS ? v->s.competencies : f->value;
		v->te = textedit_new(title, text, 1, STORY_TEXT_MAX, 1);
		return;
	}
	int multi = f->kind != F_TITLE;
	size_t max = f->kind == F_TITLE ? STORY_TITLE_MAX : STORY_TEXT_MAX;
	v->te = textedit_new(title, f->value, multi, max, 0);
	textedit_hint(v->te, field_hint(v, f));
	snprintf(v->te_field, sizeof v->te_field, "%s", f->name);
}

/* Ticks or unticks the competency under the cursor; returns 1 when it
 * is now ticked. */
static int
toggle_comp(struct app *a, struct sview *v)
{
	if (v->ncomps == 0)
		return 0;
	int ticked = 0;
	const char *id = v->comps[v->psel].id;
	char *cur = xprintf(" %s ", v->s.competencies);
	char *needle = xprintf(" %s ", id);
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	char *p = strstr(cur, needle);
	if (p != NULL) {
		memmove(p, p + strlen(needle) - 1, strlen(p + strlen(needle) - 1) + 1);
		sbuf_add(&b, cur);
	} else {
		sbuf_addf(&b, "%s %s", v->s.competencies, id);
		ticked = 1;
	}
	char *cause = NULL;
	if (story_set(a->db, v->s.id, "competencies", b.s, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		ticked = 0;
	} else {
		char *sid = xstrdup(v->s.id);
		sview_load(a, v, sid);
		free(sid);
		tui_message(a, "Saved.");
	}
	sbuf_free(&b);
	free(cur);
	free(needle);
	return ticked;
}

static int
sview_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct sview *v = st;
	if (v->te) {
		enum te_result r = textedit_key(v->te, key, !a->key_char);
		if (r == TE_CANCEL) {
			textedit_free(v->te);
			v->te = NULL;
		} else if (r == TE_SAVE) {
			char *cause = NULL;
			const char *text = textedit_text(v->te);
			/* An empty new follow-up is no follow-up. */
			if (v->f[v->sel].kind == F_ADD && *text == '\0') {
				textedit_free(v->te);
				v->te = NULL;
				return 1;
			}
			if (story_set(a->db, v->s.id, v->te_field, text, &cause) != 0) {
				textedit_message(v->te, cause);
				free(cause);
				return 1;
			}
			textedit_free(v->te);
			v->te = NULL;
			char *sid = xstrdup(v->s.id);
			sview_load(a, v, sid);
			free(sid);
			tui_message(a, "Saved.");
		}
		return 1;
	}
	if (v->picking) {
		if (act == ACT_UP && v->psel > 0)
			v->psel--;
		else if (act == ACT_DOWN && v->psel + 1 < (int)v->ncomps)
			v->psel++;
		else if (act == ACT_SELECT || key == ' ') {
			/* As in a checklist: a tick moves on to the next one. */
			if (toggle_comp(a, v) && v->psel + 1 < (int)v->ncomps)
				v->psel++;
		}
		else if (key == 27 || act == ACT_QUIT)
			v->picking = 0;
		return 1;
	}
	if (v->confirm) {
		v->confirm = 0;
		if (a->key_char && (key == 'y' || key == 'Y')) {
			char name[32], *cause = NULL;
			snprintf(name, sizeof name, "question.%d", v->f[v->sel].point + 1);
			if (story_set(a->db, v->s.id, name, "", &cause) != 0) {
				tui_message(a, "%s", cause);
				free(cause);
			} else {
				char *sid = xstrdup(v->s.id);
				sview_load(a, v, sid);
				free(sid);
				tui_message(a, "Removed.");
			}
		}
		return 1;
	}
	if (tui_list_move(act, &v->sel, v->nf, 4))
		return 1;
	switch (act) {
	case ACT_SELECT:
	case ACT_STORY_EDIT:
		start_edit(a, v);
		return 1;
	case ACT_STORY_COPY: {
		char *nid = NULL, *cause = NULL;
		if (story_copy(a->db, v->s.id, NULL, &nid, &cause) != 0) {
			tui_message(a, "%s", cause);
			free(cause);
			return 1;
		}
		sview_load(a, v, nid);
		v->sel = 0;
		tui_message(a, "This is your copy: Enter edits a field.");
		free(nid);
		return 1;
	}
	case ACT_STORY_DELETE:
		if (!v->user)
			tui_message(a, "Copy the story (c) to change it.");
		else if (v->f[v->sel].kind != F_QUESTION && v->f[v->sel].kind != F_ANSWER)
			tui_message(a, "d removes a follow-up question: select one first.");
		else
			v->confirm = 1;
		return 1;
	case ACT_REHEARSE:
		rehearse_story(a, &v->s, NULL);
		return 1;
	default:
		return 0;
	}
}

static const struct tui_key sview_keys[] = {
	{ '\r', ACT_SELECT, "Enter", "Edit the selected field (read it, for bundled stories)" },
	{ '\n', ACT_SELECT, NULL, NULL },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ 'e', ACT_STORY_EDIT, "e", "Edit the selected field" },
	{ 'c', ACT_STORY_COPY, "c", NULL },
	{ 'd', ACT_STORY_DELETE, "d", "Remove the selected follow-up question (asks first)" },
	{ 'r', ACT_REHEARSE, "r", NULL },
	{ KEY_F(2), ACT_NONE, "F2/Ctrl-S", "In the editor: save" },
	{ 27, ACT_NONE, "Esc", "In the editor: cancel (asks when changed)" },
	{ 0, ACT_NONE, NULL, NULL },
};

static const char *
sview_unsaved(struct app *a, void *st)
{
	struct sview *v = st;
	return v->te && textedit_changed(v->te) ? "the story text you are editing" : NULL;
}

static const struct screen_ops story_screen = {
	.name = "Story",
	.open = sview_open,
	.close = sview_close,
	.draw = sview_draw,
	.input = sview_input,
	.keys = sview_keys,
	.resume = sview_resume,
	.unsaved = sview_unsaved,
};

/* ---- the prompt picker ---------------------------------------------- */

struct pick {
	int phase;                 /* 0 how, 1 competency, 2 the prompt */
	int sel, top;
	enum story_pick how;
	struct story_comp *comps;
	size_t ncomps;
	char *comp;
	struct story_prompt p;
	char *why;
	struct story *fit;
	size_t nfit;
};

static void *
pick_open(struct app *a, const void *arg)
{
	struct pick *p = xcalloc(1, sizeof *p);
	story_comps(a->db, &p->comps, &p->ncomps);
	return p;
}

static void
pick_clear_prompt(struct pick *p)
{
	story_prompt_clear(&p->p);
	free(p->why);
	p->why = NULL;
	story_list_free(p->fit, p->nfit);
	p->fit = NULL;
	p->nfit = 0;
}

static void
pick_close(struct app *a, void *st)
{
	struct pick *p = st;
	pick_clear_prompt(p);
	story_comps_free(p->comps, p->ncomps);
	free(p->comp);
	free(p);
}

static void
pick_run(struct app *a, struct pick *p)
{
	pick_clear_prompt(p);
	char *cause = NULL;
	if (story_pick_prompt(a->db, p->how, p->comp, rnd(), &p->p, &p->why, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		p->phase = p->how == STORY_PICK_COMPETENCY ? 1 : 0;
		return;
	}
	story_for_prompt(a->db, p->p.id, &p->fit, &p->nfit);
	p->phase = 2;
	p->sel = 0;
}

static void
pick_draw(struct app *a, void *st, int h, int w)
{
	struct pick *p = st;
	tui_put(0, 1, "A behavioral prompt to answer", w - 2, sui_attr(a, C_TITLE));
	if (p->phase == 0) {
		static const char *const items[] = {
			"1  A random prompt",
			"2  A prompt for a competency you choose",
			"3  A prompt for your weakest competency (lowest self-scores)",
		};
		for (int i = 0; i < 3; i++)
			tui_put(2 + i, 2, items[i], w - 4, i == p->sel ? sui_attr(a, C_SELECT) :
			        SUI_NORMAL);
		tui_put(6, 2, "Press 1, 2 or 3, then pick a story and rehearse it against "
		        "the clock.", w - 4, sui_attr(a, C_DIM));
		return;
	}
	if (p->phase == 1) {
		tui_put(1, 1, "Which competency? Enter picks.", w - 2, sui_attr(a, C_DIM));
		int rows = h - 3;
		if (p->sel < p->top)
			p->top = p->sel;
		if (p->sel >= p->top + rows)
			p->top = p->sel - rows + 1;
		for (int r = 0; r < rows && p->top + r < (int)p->ncomps; r++)
			tui_put(3 + r, 2, p->comps[p->top + r].name, w - 4,
			        p->top + r == p->sel ? sui_attr(a, C_SELECT) : SUI_NORMAL);
		return;
	}
	int y = 2;
	y += sui_text(a, y, 2, w - 4, 6, p->p.text, TS_BOLD, NULL);
	char *names = story_comp_names(a->db, p->p.competencies);
	char line[512];
	snprintf(line, sizeof line, "Competencies: %s", names);
	free(names);
	tui_put(y + 1, 2, line, w - 4, sui_attr(a, C_DIM));
	snprintf(line, sizeof line, "Why this one: %s", p->why);
	tui_put(y + 2, 2, line, w - 4, sui_attr(a, C_DIM));
	y += 4;
	tui_put(y++, 2, p->nfit ? "Stories that fit (most shared competencies first):" :
	        "No story covers these competencies yet: press q and write or copy one.",
	        w - 4, SUI_BOLD);
	int rows = h - y - 2;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + rows)
		p->top = p->sel - rows + 1;
	for (int r = 0; r < rows && p->top + r < (int)p->nfit; r++) {
		const struct story *s = &p->fit[p->top + r];
		snprintf(line, sizeof line, "%-8s %s", story_kind_label(s), s->title);
		tui_put(y + r, 4, line, w - 6, p->top + r == p->sel ? sui_attr(a, C_SELECT) :
		        SUI_NORMAL);
	}
	tui_put(h - 1, 1, "Enter rehearse the story against this prompt · n another prompt · "
	        "q back", w - 2, sui_attr(a, C_DIM));
}

static int
pick_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct pick *p = st;
	int n = p->phase == 0 ? 3 : p->phase == 1 ? (int)p->ncomps : (int)p->nfit;
	if (act == ACT_UP) {
		if (p->sel > 0)
			p->sel--;
		return 1;
	}
	if (act == ACT_DOWN) {
		if (p->sel + 1 < n)
			p->sel++;
		return 1;
	}
	if (p->phase == 0) {
		int choice = a->key_char && key >= '1' && key <= '3' ? key - '1' :
		             act == ACT_SELECT ? p->sel : -1;
		if (choice < 0)
			return 0;
		p->how = choice == 0 ? STORY_PICK_RANDOM : choice == 1 ? STORY_PICK_COMPETENCY :
		         STORY_PICK_WEAKEST;
		if (p->how == STORY_PICK_COMPETENCY) {
			p->phase = 1;
			p->sel = p->top = 0;
		} else {
			pick_run(a, p);
		}
		return 1;
	}
	if (p->phase == 1) {
		if (act == ACT_SELECT && p->ncomps) {
			free(p->comp);
			p->comp = xstrdup(p->comps[p->sel].id);
			pick_run(a, p);
			return 1;
		}
		return 0;
	}
	if (a->key_char && key == 'n') {
		pick_run(a, p);
		return 1;
	}
	if (act == ACT_SELECT && p->nfit) {
		rehearse_story(a, &p->fit[p->sel], p->p.id);
		return 1;
	}
	return 0;
}

static const struct tui_key pick_keys[] = {
	{ '\r', ACT_SELECT, "Enter", "Choose; on a story: rehearse it against the prompt" },
	{ '\n', ACT_SELECT, NULL, NULL },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ '1', ACT_NONE, "1 2 3", "Random, by competency, weakest competency" },
	{ 'n', ACT_NONE, "n", "Another prompt the same way" },
	{ 0, ACT_NONE, NULL, NULL },
};

static const struct screen_ops prompt_screen = {
	.name = "Prompt",
	.open = pick_open,
	.close = pick_close,
	.draw = pick_draw,
	.input = pick_input,
	.keys = pick_keys,
};
