/* Your profile: choose between the example candidate's pitch, figures
 * and stories (labelled as an example) and your own, and write your
 * own in guided steps: the 60-second pitch, your figures (each a metric,
 * a value and a line of context, which becomes a type-in card), and your
 * stories started from the templates, with each template's guidance
 * shown beside the field as a hint, never copied into it. The example
 * stays there to read and copy from. Also the banner on Today until the
 * choice is made. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "profile.h"
#include "story.h"
#include "textlayout.h"
#include "tui/app.h"
#include "tui/lineedit.h"
#include "tui/picker.h"
#include "tui/today.h"
#include "tui/storyui.h"
#include "tui/textedit.h"
#include "util.h"

enum mode { M_MENU, M_PITCH, M_FIGURES, M_FIGURE_FORM, M_STORIES, M_STORY };

/* Menu entries, in order. */
enum item { I_EXAMPLE, I_OWN, I_PITCH, I_FIGURES, I_STORIES, I_BANK, I__COUNT };

static const char *const star[] = { "situation", "task", "action", "result", "reflection" };
static const char *const star_names[] = { "Situation", "Task", "Action", "Result", "Reflection" };
#define NSTAR 5

struct pf {
	enum mode mode;
	int sel;
	struct profile_info info;
	char msg[400];
	int msg_bad;
	/* pitch */
	struct textedit *te;
	char *example_pitch;
	/* figures */
	struct profile_figure *figs;
	size_t nfigs;
	int fig_cur;
	int confirm_delete;
	struct lineedit fe[3]; /* metric, value, context */
	int fe_field, fe_open;
	char fig_id[ID_MAX + 1]; /* the figure being edited, "" for a new one */
	int copying;
	struct picker pk;
	/* stories */
	char **sids, **slabels;
	int *stpl; /* a template (else a story of the learner's) */
	size_t ns;
	int s_cur;
	char story_id[80];
	struct story story, tpl;
	int have_tpl, star_field;
};

static void
message(struct pf *p, int bad, const char *s)
{
	snprintf(p->msg, sizeof p->msg, "%s", s);
	p->msg_bad = bad;
}

/* The bottom line: the last message, else the keys of the part shown. */
static void
draw_footer(struct app *a, const struct pf *p, int lines, int cols, const char *keys)
{
	tui_put(lines - 1, 2, p->msg[0] ? p->msg : keys, cols - 4,
	        p->msg[0] ? tui_attr(a, p->msg_bad ? C_WARN : C_GOOD) : tui_attr(a, C_DIM));
}

static void
reload(struct app *a, struct pf *p)
{
	profile_info_free(&p->info);
	profile_info(a->db, &p->info);
}

static void
free_figures(struct pf *p)
{
	profile_figures_free(p->figs, p->nfigs);
	p->figs = NULL;
	p->nfigs = 0;
}

static void
load_figures(struct app *a, struct pf *p)
{
	free_figures(p);
	profile_figures(a->db, 0, &p->figs, &p->nfigs);
	if (p->fig_cur >= (int)p->nfigs)
		p->fig_cur = p->nfigs ? (int)p->nfigs - 1 : 0;
}

static void
free_stories(struct pf *p)
{
	for (size_t i = 0; i < p->ns; i++) {
		free(p->sids[i]);
		free(p->slabels[i]);
	}
	free(p->sids);
	free(p->slabels);
	free(p->stpl);
	p->sids = p->slabels = NULL;
	p->stpl = NULL;
	p->ns = 0;
}

/* The learner's stories, then the templates to start one from. */
static void
load_stories(struct app *a, struct pf *p)
{
	free_stories(p);
	struct story *v;
	size_t n;
	story_list(a->db, &v, &n);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			int tpl = strcmp(v[i].type, "template") == 0;
			int mine = story_is_user(&v[i]) && strcmp(v[i].type, "story") == 0;
			if (pass == 0 ? !mine : !tpl)
				continue;
			p->sids = xrealloc(p->sids, (p->ns + 1) * sizeof *p->sids);
			p->slabels = xrealloc(p->slabels, (p->ns + 1) * sizeof *p->slabels);
			p->stpl = xrealloc(p->stpl, (p->ns + 1) * sizeof *p->stpl);
			p->sids[p->ns] = xstrdup(v[i].id);
			p->slabels[p->ns] = tpl ? xprintf("new from %s", v[i].title)
			                        : xprintf("%s", v[i].title);
			p->stpl[p->ns] = tpl;
			p->ns++;
		}
	}
	story_list_free(v, n);
	if (p->s_cur >= (int)p->ns)
		p->s_cur = 0;
}

static void *
profile_open(struct app *a, const void *arg)
{
	(void)arg;
	struct pf *p = xcalloc(1, sizeof *p);
	reload(a, p);
	p->sel = p->info.choice && strcmp(p->info.choice, PROFILE_OWN) == 0 ? I_PITCH : I_EXAMPLE;
	return p;
}

static void open_item(struct app *a, struct pf *p, int it);

static void
close_story(struct pf *p)
{
	if (p->story_id[0]) {
		story_clear(&p->story);
		if (p->have_tpl)
			story_clear(&p->tpl);
	}
	p->story_id[0] = '\0';
	p->have_tpl = 0;
}

static void
close_form(struct pf *p)
{
	if (!p->fe_open)
		return;
	for (int i = 0; i < 3; i++)
		lineedit_free(&p->fe[i]);
	p->fe_open = 0;
}

static void
profile_close(struct app *a, void *st)
{
	struct pf *p = st;
	profile_info_free(&p->info);
	textedit_free(p->te);
	free(p->example_pitch);
	free_figures(p);
	free_stories(p);
	close_story(p);
	close_form(p);
	if (p->copying)
		picker_free(&p->pk);
	free(p);
}

static void
profile_resume(struct app *a, void *st)
{
	reload(a, st);
}

static int
own(const struct pf *p)
{
	return p->info.choice && strcmp(p->info.choice, PROFILE_OWN) == 0;
}

static int
words(const char *s)
{
	int n = 0;
	while (*s) {
		s += strspn(s, " \t\n");
		if (*s) {
			n++;
			s += strcspn(s, " \t\n");
		}
	}
	return n;
}

static void
draw_menu(struct app *a, struct pf *p, int lines, int cols)
{
	const struct profile_info *i = &p->info;
	char buf[300];
	snprintf(buf, sizeof buf, "Whose profile do you practise with? Now: %s",
	         i->choice == NULL ? "not chosen (the example's)"
	         : own(p)          ? "your own"
	                           : "the example candidate's");
	tui_put(2, 2, buf, cols - 4, A_BOLD);
	char ex[200], pitch[120], figs[120], stories[120];
	snprintf(ex, sizeof ex, "a banking LLM candidate's pitch, %d figures and %d stories",
	         i->example_figures, i->example_stories);
	if (i->pitch_id)
		snprintf(pitch, sizeof pitch, "Your 60-second pitch: %d words", words(i->pitch));
	else
		snprintf(pitch, sizeof pitch, "Your 60-second pitch: not written yet");
	snprintf(figs, sizeof figs, "Your figures: %d (type-in cards in %s)", i->figures,
	         CARDS_FIGURES_DECK);
	snprintf(stories, sizeof stories, "Your stories: %d (start one from a template)",
	         i->stories);
	const char *labels[I__COUNT] = {
		"The example candidate's",
		"Your own",
		pitch,
		figs,
		stories,
		"Read and copy the example's stories (the story bank)",
	};
	const char *subs[I__COUNT] = {
		ex,   "your pitch, figures and stories; the example's stay to read and copy",
		NULL, NULL,
		NULL, NULL,
	};
	const char *keys[I__COUNT] = { "1", "2", "p", "f", "s", "x" };
	int y = 4;
	for (int k = 0; k < I__COUNT; k++) {
		if (k == I_PITCH) {
			y++;
			tui_put(y++, 2,
			        own(p) ? "Yours:" : "Yours (used once you choose your own):",
			        cols - 4, tui_attr(a, C_TITLE));
		}
		int sel = k == p->sel;
		attr_t at = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		if (sel) {
			move(y, 2);
			for (int x = 2; x < cols - 2; x++)
				addch(' ' | at);
		}
		int chosen = (k == I_EXAMPLE && i->choice && !own(p)) || (k == I_OWN && own(p));
		snprintf(buf, sizeof buf, "%s  %s %s", keys[k], chosen ? "*" : " ", labels[k]);
		tui_put(y++, 3, buf, cols - 6, at | (k <= I_OWN ? A_BOLD : 0));
		if (subs[k])
			tui_put(y++, 8, subs[k], cols - 10, tui_attr(a, C_DIM));
	}
	draw_footer(a, p, lines, cols,
	            "1 or 2 chooses · Enter or the key opens · "
	            "q back");
}

static void
draw_pitch(struct app *a, struct pf *p, int lines, int cols)
{
	sui_text(a, 2, 2, cols - 4, 3,
	         "Who you are and what you build; one project: the "
	         "problem, what you did, the result in a number; why this team. About 150 "
	         "words: it takes 60 seconds to say.",
	         TS_DIM, NULL);
	int ex_rows = p->example_pitch ? 5 : 0;
	int h = lines - 6 - ex_rows;
	textedit_draw(p->te, a, 5, 2, h, cols - 4);
	if (p->example_pitch) {
		int y = 5 + h;
		tui_put(y, 2, "The example's pitch, to read:", cols - 4, tui_attr(a, C_TITLE));
		sui_text(a, y + 1, 4, cols - 6, ex_rows - 1, p->example_pitch, TS_DIM, NULL);
	}
	if (p->msg[0])
		tui_put(lines - 1, 2, p->msg, cols - 4, tui_attr(a, p->msg_bad ? C_WARN : C_GOOD));
}

static void
draw_figures(struct app *a, struct pf *p, int lines, int cols)
{
	tui_put(2, 2, "Each a metric, its value and a line of context; each is a type-in card.",
	        cols - 4, tui_attr(a, C_DIM));
	int y = 4;
	if (p->nfigs == 0)
		tui_put(y, 4, "None yet: a adds one, c copies one of the example's to change.",
		        cols - 8, A_NORMAL);
	int mw = cols / 2, vw = 16;
	for (size_t i = 0; i < p->nfigs && y < lines - 8; i++, y++) {
		int sel = (int)i == p->fig_cur && !p->fe_open;
		attr_t at = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		if (sel) {
			move(y, 2);
			for (int x = 2; x < cols - 2; x++)
				addch(' ' | at);
		}
		tui_put(y, 3, p->figs[i].metric, mw - 2, at);
		tui_put(y, mw + 2, p->figs[i].value, vw, at | A_BOLD);
		tui_put(y, mw + vw + 3, p->figs[i].context, cols - mw - vw - 5,
		        at | (sel ? 0 : tui_attr(a, C_DIM)));
	}
	if (p->fe_open) {
		static const char *const names[] = { "Metric", "Value", "Context" };
		int fy = lines - 7;
		tui_put(fy++, 2, p->fig_id[0] ? "Edit the figure" : "A new figure", cols - 4,
		        tui_attr(a, C_TITLE));
		for (int i = 0; i < 3; i++, fy++) {
			tui_put(fy, 4, names[i], 9, i == p->fe_field ? A_BOLD : tui_attr(a, C_DIM));
			if (i == p->fe_field)
				lineedit_draw(&p->fe[i], fy, 14, cols - 16, A_NORMAL);
			else
				tui_put(fy, 14, lineedit_text(&p->fe[i]), cols - 16, A_NORMAL);
		}
	}
	const char *hint =
	        p->confirm_delete ? "Delete this figure? y = delete (u in the "
	                            "browser undoes), any other key = keep"
	        : p->msg[0]       ? p->msg
	        : p->fe_open
	                ? "Tab next field · Enter on the context (or F2) saves · "
	                  "Esc cancels"
	                : "a add · e/Enter edit · D delete · c copy one of the example's · q back";
	tui_put(lines - 1, 2, hint, cols - 4,
	        p->confirm_delete || p->msg_bad ? tui_attr(a, C_WARN) | A_BOLD
	        : p->msg[0]                     ? tui_attr(a, C_GOOD)
	                                        : tui_attr(a, C_DIM));
	if (p->copying)
		picker_draw(&p->pk, a, lines, cols);
}

static void
draw_stories(struct app *a, struct pf *p, int lines, int cols)
{
	tui_put(2, 2, "Your stories, then the templates to start one from (Enter):", cols - 4,
	        tui_attr(a, C_DIM));
	int y = 4, rows = lines - 6;
	int top = p->s_cur >= rows ? p->s_cur - rows + 1 : 0;
	for (int i = top; i < (int)p->ns && y < 4 + rows; i++, y++) {
		int sel = i == p->s_cur;
		attr_t at = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		if (sel) {
			move(y, 2);
			for (int x = 2; x < cols - 2; x++)
				addch(' ' | at);
		}
		tui_put(y, 3, p->stpl[i] ? "+" : " ", 1, at | A_BOLD);
		tui_put(y, 5, p->slabels[i], cols - 8,
		        at | (p->stpl[i] && !sel ? tui_attr(a, C_DIM) : 0));
	}
	draw_footer(a, p, lines, cols,
	            "Enter: write the story (a template starts "
	            "a new one) · q back");
}

static const char *
story_field(const struct story *s, int f)
{
	const char *v[NSTAR] = { s->situation, s->task, s->action, s->result, s->reflection };
	return v[f] ? v[f] : "";
}

static void
draw_story(struct app *a, struct pf *p, int lines, int cols)
{
	char head[300];
	snprintf(head, sizeof head, "%s · %s (%d of 5)", p->story.title, star_names[p->star_field],
	         p->star_field + 1);
	tui_put(2, 2, head, cols - 4, A_BOLD);
	int y = 3;
	const char *hint = p->have_tpl ? story_field(&p->tpl, p->star_field) : "";
	if (*hint) {
		tui_put(y++, 2, "Hint from the template (not part of your story):", cols - 4,
		        tui_attr(a, C_DIM) | A_BOLD);
		y += sui_text(a, y, 4, cols - 6, 5, hint, TS_DIM, NULL);
	}
	textedit_draw(p->te, a, y + 1, 2, lines - y - 3, cols - 4);
	draw_footer(a, p, lines, cols,
	            "F2 save, next part · Tab/Shift-Tab part "
	            "(saved) · Esc back (saved)");
}

static void
profile_draw(struct app *a, void *st, int lines, int cols)
{
	struct pf *p = st;
	static const char *const titles[] = {
		"Your profile", "Your 60-second pitch", "Your figures",
		"Your figures", "Your stories",         "Your story",
	};
	tui_put(0, 2, titles[p->mode], cols - 4, tui_attr(a, C_TITLE) | A_BOLD);
	switch (p->mode) {
	case M_MENU:
		draw_menu(a, p, lines, cols);
		break;
	case M_PITCH:
		draw_pitch(a, p, lines, cols);
		break;
	case M_FIGURES:
	case M_FIGURE_FORM:
		draw_figures(a, p, lines, cols);
		break;
	case M_STORIES:
		draw_stories(a, p, lines, cols);
		break;
	case M_STORY:
		draw_story(a, p, lines, cols);
		break;
	}
}

static void
open_pitch(struct app *a, struct pf *p)
{
	textedit_free(p->te);
	p->te = textedit_new("Your pitch", p->info.pitch, 1, STORY_TEXT_MAX, 0);
	free(p->example_pitch);
	p->example_pitch = NULL;
	/* The bundled pitch, when the learner has one of their own or none. */
	struct story *v;
	size_t n;
	story_list(a->db, &v, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].type, "pitch") == 0 && !story_is_user(&v[i]) && v[i].situation)
			p->example_pitch = xstrdup(v[i].situation);
	story_list_free(v, n);
	p->mode = M_PITCH;
}

static void
choose(struct app *a, struct pf *p, const char *c)
{
	profile_choose(a->db, c, NULL);
	reload(a, p);
	message(p, 0,
	        strcmp(c, PROFILE_OWN) == 0
	                ? "Your own: the example's figures and stories leave your reviews. Next: p, f, s."
	                : "The example candidate's: its figures and stories are in use, marked (example).");
	if (strcmp(c, PROFILE_OWN) == 0)
		p->sel = I_PITCH;
}

static void
open_item(struct app *a, struct pf *p, int it)
{
	switch (it) {
	case I_EXAMPLE:
		choose(a, p, PROFILE_EXAMPLE);
		break;
	case I_OWN:
		choose(a, p, PROFILE_OWN);
		break;
	case I_PITCH:
		open_pitch(a, p);
		break;
	case I_FIGURES:
		load_figures(a, p);
		p->mode = M_FIGURES;
		break;
	case I_STORIES:
		load_stories(a, p);
		p->mode = M_STORIES;
		break;
	case I_BANK:
		tui_push(a, &stories_screen, NULL);
		break;
	default:
		break;
	}
}

static int
menu_input(struct app *a, struct pf *p, enum tui_action act, int key)
{
	static const char keys[] = "12pfsx";
	const char *k = a->key_char && key > 0 && key < 128 ? strchr(keys, key) : NULL;
	if (k != NULL) {
		p->sel = (int)(k - keys);
		open_item(a, p, p->sel);
		return 1;
	}
	if (tui_list_move(act, &p->sel, I__COUNT, I__COUNT))
		return 1;
	if (act == ACT_SELECT || key == '\r' || key == '\n' || (!a->key_char && key == KEY_ENTER)) {
		open_item(a, p, p->sel);
		return 1;
	}
	return 0;
}

static int
pitch_input(struct app *a, struct pf *p, int key, int iscode)
{
	enum te_result r = textedit_key(p->te, key, iscode);
	if (r == TE_SAVE) {
		char *cause = NULL;
		if (profile_set_pitch(a->db, textedit_text(p->te), &cause) != 0) {
			message(p, 1, cause);
			free(cause);
			return 1;
		}
		reload(a, p);
		char buf[120];
		snprintf(buf, sizeof buf, "Pitch saved: %d words.", words(p->info.pitch));
		message(p, 0, buf);
		p->mode = M_MENU;
	} else if (r == TE_CANCEL) {
		p->mode = M_MENU;
	}
	return 1;
}

static void
open_form(struct pf *p, const struct profile_figure *f, int copy)
{
	close_form(p);
	lineedit_init(&p->fe[0], f ? f->metric : NULL, 0, 2000);
	lineedit_init(&p->fe[1], f ? f->value : NULL, 0, 400);
	lineedit_init(&p->fe[2], f ? f->context : NULL, 0, 4000);
	snprintf(p->fig_id, sizeof p->fig_id, "%s", f && !copy ? f->id : "");
	p->fe_field = 0;
	p->fe_open = 1;
	p->mode = M_FIGURE_FORM;
}

static void
save_figure(struct app *a, struct pf *p)
{
	char *cause = NULL;
	int rc;
	if (p->fig_id[0]) {
		struct card_note n;
		rc = cards_note_get(a->db, p->fig_id, &n, &cause);
		if (rc == 0) {
			cards_note_set(&n, "front", lineedit_text(&p->fe[0]), NULL);
			cards_note_set(&n, "back", lineedit_text(&p->fe[1]), NULL);
			cards_note_set(&n, "note", lineedit_text(&p->fe[2]), NULL);
			rc = cards_update(a->db, &n, &cause);
		}
		cards_note_clear(&n);
	} else {
		char *id = NULL;
		rc = profile_add_figure(a->db, lineedit_text(&p->fe[0]), lineedit_text(&p->fe[1]),
		                        lineedit_text(&p->fe[2]), &id, &cause);
		free(id);
	}
	if (rc != 0) {
		char buf[300];
		snprintf(buf, sizeof buf, "Not saved: %s", cause);
		message(p, 1, buf);
		free(cause);
		return;
	}
	message(p, 0,
	        p->fig_id[0] ? "Figure saved."
	                     : "Figure added: a type-in card asks "
	                       "for its value.");
	close_form(p);
	load_figures(a, p);
	reload(a, p);
	p->mode = M_FIGURES;
}

static void
open_copy(struct app *a, struct pf *p)
{
	struct profile_figure *v;
	size_t n;
	profile_figures(a->db, 1, &v, &n);
	if (n == 0) {
		message(p, 1, "The example profile has no figures to copy.");
		profile_figures_free(v, n);
		return;
	}
	picker_init(&p->pk, "Copy one of the example's figures, then change it", NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		char label[300];
		snprintf(label, sizeof label, "%s: %s", v[i].metric, v[i].value);
		picker_add(&p->pk, v[i].id, label);
	}
	profile_figures_free(v, n);
	p->copying = 1;
}

static int
figures_input(struct app *a, struct pf *p, enum tui_action act, int key, int iscode)
{
	if (p->copying) {
		const char *v = NULL;
		enum picker_result r = picker_key(&p->pk, key, iscode, &v);
		if (r == PK_PICKED) {
			struct profile_figure *f;
			size_t n;
			profile_figures(a->db, 1, &f, &n);
			for (size_t i = 0; i < n; i++)
				if (strcmp(f[i].id, v) == 0)
					open_form(p, &f[i], 1);
			profile_figures_free(f, n);
		}
		if (r != PK_NONE) {
			picker_free(&p->pk);
			p->copying = 0;
		}
		return 1;
	}
	if (p->confirm_delete) {
		p->confirm_delete = 0;
		if (!iscode && (key == 'y' || key == 'Y') && p->nfigs) {
			char *cause = NULL;
			if (cards_delete(a->db, p->figs[p->fig_cur].id, &cause) != 0) {
				message(p, 1, cause);
				free(cause);
			} else {
				message(p, 0, "Figure deleted (u in the browser undoes).");
			}
			load_figures(a, p);
			reload(a, p);
		}
		return 1;
	}
	if (p->mode == M_FIGURE_FORM) {
		if ((!iscode && key == '\t') || (iscode && key == KEY_BTAB)) {
			p->fe_field = (p->fe_field + (key == '\t' ? 1 : 2)) % 3;
			return 1;
		}
		if ((iscode && key == KEY_F(2)) || (!iscode && key == 19)) {
			save_figure(a, p);
			return 1;
		}
		enum le_result r = lineedit_key(&p->fe[p->fe_field], key, iscode);
		if (r == LE_CANCEL) {
			close_form(p);
			p->mode = M_FIGURES;
		} else if (r == LE_SAVE) {
			if (p->fe_field < 2)
				p->fe_field++;
			else
				save_figure(a, p);
		}
		return 1;
	}
	if (tui_list_move(act, &p->fig_cur, (int)p->nfigs, 10))
		return 1;
	if (a->key_char && key == 'a') {
		open_form(p, NULL, 0);
	} else if (a->key_char && (key == 'e' || key == '\r' || key == '\n') && p->nfigs) {
		open_form(p, &p->figs[p->fig_cur], 0);
	} else if (a->key_char && key == 'D' && p->nfigs) {
		p->confirm_delete = 1;
	} else if (a->key_char && key == 'c') {
		open_copy(a, p);
	} else if (act == ACT_QUIT || (a->key_char && key == 27)) {
		p->mode = M_MENU;
	} else {
		return 0;
	}
	return 1;
}

static void
open_story(struct app *a, struct pf *p, const char *id, int field)
{
	close_story(p);
	char *cause = NULL;
	if (story_get(a->db, id, &p->story, &cause) != 0) {
		message(p, 1, cause);
		free(cause);
		return;
	}
	snprintf(p->story_id, sizeof p->story_id, "%s", id);
	if (p->story.copied_from && story_get(a->db, p->story.copied_from, &p->tpl, NULL) == 0) {
		p->have_tpl = strcmp(p->tpl.type, "template") == 0;
		if (!p->have_tpl)
			story_clear(&p->tpl);
	}
	p->star_field = field;
	textedit_free(p->te);
	char title[80];
	snprintf(title, sizeof title, "%s", star_names[field]);
	p->te = textedit_new(title, story_field(&p->story, field), 1, STORY_TEXT_MAX, 0);
	p->mode = M_STORY;
}

/* Saves the field being written (when changed); 0, or -1 with a message. */
static int
save_star(struct app *a, struct pf *p)
{
	if (!textedit_changed(p->te))
		return 0;
	char *cause = NULL;
	if (story_set(a->db, p->story_id, star[p->star_field], textedit_text(p->te), &cause) != 0) {
		message(p, 1, cause);
		free(cause);
		return -1;
	}
	return 0;
}

static int
story_input(struct app *a, struct pf *p, int key, int iscode)
{
	int dir = 0;
	if (!iscode && key == '\t')
		dir = 1;
	else if (iscode && key == KEY_BTAB)
		dir = -1;
	else if (!iscode && key == 27)
		dir = 9;
	if (dir == 0) {
		enum te_result r = textedit_key(p->te, key, iscode);
		if (r != TE_SAVE)
			return 1;
		dir = 1;
	}
	if (save_star(a, p) != 0)
		return 1;
	int next = p->star_field + dir;
	char id[80];
	snprintf(id, sizeof id, "%s", p->story_id);
	if (dir == 9 || next < 0 || next >= NSTAR) {
		close_story(p);
		textedit_free(p->te);
		p->te = NULL;
		load_stories(a, p);
		reload(a, p);
		message(p, 0, "Story saved. The story bank (s on Today) rehearses it.");
		p->mode = M_STORIES;
		return 1;
	}
	open_story(a, p, id, next);
	return 1;
}

static int
stories_input(struct app *a, struct pf *p, enum tui_action act, int key)
{
	if (tui_list_move(act, &p->s_cur, (int)p->ns, 10))
		return 1;
	if ((key == '\r' || key == '\n' || (!a->key_char && key == KEY_ENTER)) && p->ns) {
		const char *id = p->sids[p->s_cur];
		if (p->stpl[p->s_cur]) {
			char *nid = NULL, *cause = NULL;
			if (profile_story_from_template(a->db, id, &nid, &cause) != 0) {
				message(p, 1, cause);
				free(cause);
				return 1;
			}
			open_story(a, p, nid, 0);
			free(nid);
		} else {
			open_story(a, p, id, 0);
		}
		return 1;
	}
	if (act == ACT_QUIT || (a->key_char && key == 27)) {
		p->mode = M_MENU;
		return 1;
	}
	return 0;
}

static int
profile_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct pf *p = st;
	int iscode = !a->key_char;
	/* F1 still opens the help while every other key is text. */
	if (iscode && (key == KEY_RESIZE || key == KEY_F(1)))
		return 0;
	p->msg[0] = '\0';
	switch (p->mode) {
	case M_MENU:
		return menu_input(a, p, act, key);
	case M_PITCH:
		return pitch_input(a, p, key, iscode);
	case M_FIGURES:
	case M_FIGURE_FORM:
		return figures_input(a, p, act, key, iscode);
	case M_STORIES:
		return stories_input(a, p, act, key);
	case M_STORY:
		return story_input(a, p, key, iscode);
	}
	return 0;
}

/* Until the learner chooses between the example candidate's profile and
 * their own, one line on Today says the example is in use and that y
 * chooses; the line is kept free when the choice is made. */
static int
profile_today_draw(struct app *a, void *st, int y, int lines, int cols)
{
	(void)st;
	(void)lines;
	char *c = profile_choice(a->db);
	if (c == NULL)
		tui_put(y, 2,
		        "Profile: the example candidate's is in use. y: keep it or start "
		        "your own",
		        cols - 4, tui_attr(a, C_ACCENT));
	free(c);
	return y + 1;
}

/* clang-format off */
const struct today_section profile_today_section = {
	.name = "Profile",
	.draw = profile_today_draw,
};
/* clang-format on */

static const struct tui_key profile_keys[] = {
	{ '1', ACT_NONE, "1", "Use the example candidate's profile (marked example)" },
	{ '2', ACT_NONE, "2", "Use your own profile (the example stays to read and copy)" },
	{ 'p', ACT_NONE, "p", "Write your 60-second pitch (F2 saves)" },
	{ 'f', ACT_NONE, "f", "Your figures: a add, e edit, D delete, c copy the example's" },
	{ 's', ACT_NONE, "s", "Your stories, started from templates with hints" },
	{ 'x', ACT_NONE, "x", "The story bank: read and copy the example's stories" },
	{ '\r', ACT_SELECT, "Enter", "Open the selected line" },
	{ 0, ACT_NONE, NULL, NULL },
};

const struct screen_ops profile_screen = {
	.name = "Profile",
	.open = profile_open,
	.close = profile_close,
	.draw = profile_draw,
	.input = profile_input,
	.keys = profile_keys,
	.resume = profile_resume,
};
