/* The story bank's list: every story with how recently and how well it
 * was rehearsed, and the coverage grid (competencies x stories, gaps
 * marked). A new story starts here with its title; its parts are filled
 * in on the story form (story_form.c). All data comes from story.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearsal.h"
#include "story.h"
#include "tui/app.h"
#include "tui/storyui.h"
#include "tui/textedit.h"
#include "util.h"

struct stories {
	struct story *v;
	size_t n;
	int sel, top;
	int grid;
	struct story_coverage cv;
	int grow, gcol, gleft, gtop;
	int confirm;         /* asking before deleting v[sel] */
	struct textedit *te; /* the title of a new story */
	int rows;            /* list rows of the last draw */
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
	snprintf(head, sizeof head,
	         "%d of yours · %zu in all · %d competenc%s without a "
	         "story",
	         mine, s->n, s->cv.gaps, s->cv.gaps == 1 ? "y" : "ies");
	int hw = tui_width(head);
	tui_put(0, w - hw - 1, head, hw, s->cv.gaps ? sui_attr(a, C_WARN) : sui_attr(a, C_DIM));
	int tw = w - 40;
	char hdr[256];
	snprintf(hdr, sizeof hdr, "  %-*s %-9s %-9s   × %5s", tw, "Title", "Kind", "Last", "Score");
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
		int kattr = sel                                ? attr
		            : story_is_user(v)                 ? sui_attr(a, C_GOOD)
		            : strcmp(v->type, "template") == 0 ? sui_attr(a, C_DIM)
		                                               : SUI_NORMAL;
		tui_put(y, 3 + tw, story_kind_label(v), 9, kattr);
		char ago[32], cnt[8], score[8] = "-";
		story_fmt_ago(v->last_rehearsed, now, ago, sizeof ago);
		snprintf(cnt, sizeof cnt, "%3d", v->rehearsals);
		if (v->last_score > 0)
			snprintf(score, sizeof score, "%5.1f", v->last_score);
		else
			snprintf(score, sizeof score, "%5s", "-");
		tui_put(y, 13 + tw, ago, 9,
		        sel                 ? attr
		        : v->last_rehearsed ? SUI_NORMAL
		                            : sui_attr(a, C_DIM));
		tui_put(y, 23 + tw, cnt, 3, attr);
		int sattr = attr;
		if (!sel && v->last_score > 0)
			sattr = sui_attr(a, v->last_score >= 3   ? C_GOOD
			                    : v->last_score >= 2 ? C_WARN
			                                         : C_BAD);
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
			snprintf(line, sizeof line,
			         "Delete \"%s\"? Its rehearsals are kept. "
			         "y = delete, any other key = keep",
			         v->title);
			tui_put(yb + 2, 1, line, w - 2, sui_attr(a, C_WARN) | SUI_BOLD);
		} else if (strcmp(v->type, "template") == 0) {
			tui_put(yb + 2, 1,
			        "A template: c copies it into a story of your own to "
			        "fill in.",
			        w - 2, sui_attr(a, C_DIM));
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
			tui_put(yb + 2, 1,
			        story_is_user(v)
			                ? "Not rehearsed yet: press r."
			                : "A bundled example: c copies it into your own, r rehearses it.",
			        w - 2, sui_attr(a, C_DIM));
		}
	}
	tui_put(yb + 3, 1,
	        "r rehearse · c copy · n new · a prompt · p pitch · f interview "
	        "loop · v grid",
	        w - 2, sui_attr(a, C_DIM));
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
		int at = col == s->gcol                     ? sui_attr(a, C_SELECT)
		         : story_is_user(&cv->stories[col]) ? sui_attr(a, C_GOOD) | SUI_BOLD
		                                            : sui_attr(a, C_DIM);
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
		        sel   ? sui_attr(a, C_SELECT)
		        : gap ? sui_attr(a, C_BAD) | SUI_BOLD
		              : SUI_NORMAL);
		for (int k = 0; k < ncols && s->gleft + k < (int)cv->nstories; k++) {
			int col = s->gleft + k;
			int on = cv->cell[(size_t)c * cv->nstories + (size_t)col];
			const char *mark = on ? (fancy ? "●" : "x") : (fancy ? "·" : ".");
			int at = on ? (story_is_user(&cv->stories[col])
			                       ? sui_attr(a, C_GOOD) | SUI_BOLD
			                       : SUI_NORMAL)
			            : sui_attr(a, C_DIM);
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
		sui_text(a, 2, 2, w - 4, 2,
		         "Give it a title you would say out loud, e.g. "
		         "\"Cut p95 latency in half without new hardware\".",
		         0, NULL);
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

/* A key for the title of a new story: saved, the story opens on its
 * form. */
static void
title_key(struct app *a, struct stories *s, int key)
{
	enum te_result r = textedit_key(s->te, key, !a->key_char);
	if (r == TE_CANCEL) {
		textedit_free(s->te);
		s->te = NULL;
	} else if (r == TE_SAVE) {
		char *nid = NULL, *cause = NULL;
		if (story_add(a->db, textedit_text(s->te), "story", NULL, &nid, &cause) != 0) {
			textedit_message(s->te, cause);
			free(cause);
			return;
		}
		textedit_free(s->te);
		s->te = NULL;
		stories_load(a, s);
		stories_select(s, nid);
		tui_message(a, "Saved. Fill in each part: Enter edits.");
		open_story(a, nid);
		free(nid);
	}
}

/* The answer to "delete this story?": y deletes, any other key keeps. */
static void
confirm_key(struct app *a, struct stories *s, int key)
{
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
}

/* Copies into a story of the user's own what the grid's cell offers:
 * the selected story, or the template for a competency no story
 * covers. */
static void
grid_copy(struct app *a, struct stories *s)
{
	const struct story_coverage *cv = &s->cv;
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
}

/* Moves over the coverage grid (competencies down, stories across) and
 * acts on the story of the selected column. */
static int
grid_input(struct app *a, struct stories *s, enum tui_action act, int key)
{
	const struct story_coverage *cv = &s->cv;
	int left = !a->key_char ? key == KEY_LEFT : key == 'h';
	int right = !a->key_char ? key == KEY_RIGHT : key == 'l';
	if (tui_list_move(act, &s->grow, (int)cv->ncomps, 10))
		return 1;
	if (left && s->gcol > 0)
		s->gcol--;
	else if (right && s->gcol + 1 < (int)cv->nstories)
		s->gcol++;
	else if ((act == ACT_SELECT || act == ACT_STORY_EDIT) && cv->nstories)
		open_story(a, cv->stories[s->gcol].id);
	else if (act == ACT_REHEARSE && cv->nstories)
		sui_rehearse(a, &cv->stories[s->gcol], NULL);
	else if (act == ACT_STORY_COPY && cv->ncomps)
		grid_copy(a, s);
	else if (left || right)
		;
	else
		return 0;
	return 1;
}

static int
stories_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct stories *s = st;
	if (s->te) {
		title_key(a, s, key);
		return 1;
	}
	if (s->confirm) {
		confirm_key(a, s, key);
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
	if (s->grid)
		return grid_input(a, s, act, key);
	if (tui_list_move(act, &s->sel, (int)s->n, s->rows))
		return 1;
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
		sui_rehearse(a, v, NULL);
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
