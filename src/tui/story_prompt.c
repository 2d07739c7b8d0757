/* The prompt picker: a behavioral prompt chosen at random, for a
 * competency, or for the weakest competency, and the stories that fit
 * it, each one key away from a timed rehearsal against the prompt. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "story.h"
#include "textlayout.h"
#include "tui/app.h"
#include "tui/storyui.h"
#include "util.h"

static unsigned
rnd(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned)ts.tv_nsec ^ (unsigned)getpid() * 2654435761u;
}

struct pick {
	int phase; /* 0 how, 1 competency, 2 the prompt */
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
			tui_put(2 + i, 2, items[i], w - 4,
			        i == p->sel ? sui_attr(a, C_SELECT) : SUI_NORMAL);
		tui_put(6, 2,
		        "Press 1, 2 or 3, then pick a story and rehearse it against "
		        "the clock.",
		        w - 4, sui_attr(a, C_DIM));
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
	tui_put(y++, 2,
	        p->nfit ? "Stories that fit (most shared competencies first):"
	                : "No story covers these competencies yet: press q and write or copy one.",
	        w - 4, SUI_BOLD);
	int rows = h - y - 2;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + rows)
		p->top = p->sel - rows + 1;
	for (int r = 0; r < rows && p->top + r < (int)p->nfit; r++) {
		const struct story *s = &p->fit[p->top + r];
		snprintf(line, sizeof line, "%-8s %s", story_kind_label(s), s->title);
		tui_put(y + r, 4, line, w - 6,
		        p->top + r == p->sel ? sui_attr(a, C_SELECT) : SUI_NORMAL);
	}
	tui_put(h - 1, 1,
	        "Enter rehearse the story against this prompt · n another prompt · "
	        "q back",
	        w - 2, sui_attr(a, C_DIM));
}

static int
pick_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct pick *p = st;
	int n = p->phase == 0 ? 3 : p->phase == 1 ? (int)p->ncomps : (int)p->nfit;
	if (tui_list_move(act, &p->sel, n, 10))
		return 1;
	if (p->phase == 0) {
		int choice = a->key_char && key >= '1' && key <= '3' ? key - '1'
		             : act == ACT_SELECT                     ? p->sel
		                                                     : -1;
		if (choice < 0)
			return 0;
		p->how = choice == 0   ? STORY_PICK_RANDOM
		         : choice == 1 ? STORY_PICK_COMPETENCY
		                       : STORY_PICK_WEAKEST;
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
		sui_rehearse(a, &p->fit[p->sel], p->p.id);
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

const struct screen_ops prompt_screen = {
	.name = "Prompt",
	.open = pick_open,
	.close = pick_close,
	.draw = pick_draw,
	.input = pick_input,
	.keys = pick_keys,
};
