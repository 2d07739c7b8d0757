/* One story as a form whose fields open in the text editor: the user's
 * own stories are edited field by field and saved at once; bundled ones
 * are read and can be copied. Competencies are ticked in a picker. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "textlayout.h"
#include "tui/app.h"
#include "tui/storyui.h"
#include "tui/textedit.h"
#include "util.h"

enum fkind { F_TITLE, F_COMPS, F_TEXT, F_METRICS, F_QUESTION, F_ANSWER, F_ADD };

struct field {
	enum fkind kind;
	const char *label;
	char name[32];     /* story_set field */
	const char *value; /* points into the story */
	int point;         /* 0-based, for questions and answers */
};

struct sview {
	struct story s;
	struct story tpl; /* the template it was copied from */
	int has_tpl;
	int user;
	struct field f[8 + 2 * STORY_POINTS_MAX + 1];
	int nf, sel, top;
	struct textedit *te;
	char te_field[32];
	int picking; /* the competency picker is open */
	struct story_comp *comps;
	size_t ncomps;
	int psel, ptop;
	int confirm; /* asking before removing a point */
};

static void
add_field(struct sview *v, enum fkind k, const char *label, const char *name, const char *value,
          int point)
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
		h = strcmp(f->name, "situation") == 0    ? t->situation
		    : strcmp(f->name, "task") == 0       ? t->task
		    : strcmp(f->name, "action") == 0     ? t->action
		    : strcmp(f->name, "result") == 0     ? t->result
		    : strcmp(f->name, "reflection") == 0 ? t->reflection
		                                         : t->metrics;
	} else if (f->kind == F_ANSWER && (size_t)f->point < t->npoints) {
		h = t->points[f->point].answer;
	}
	return h && *h ? h : NULL;
}

/* Rows a field takes in the form. */
static int
field_rows(const struct sview *v, const struct field *f, int w)
{
	int max = f->kind == F_TEXT       ? 4
	          : f->kind == F_ANSWER   ? 2
	          : f->kind == F_METRICS  ? 3
	          : f->kind == F_QUESTION ? 2
	                                  : 1;
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
	tui_put(1, 1,
	        "Space or Enter ticks (and moves on) or unticks, saved at once · Esc or q done",
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
	const char *who = v->user ? (v->s.copied_from ? "yours, copied" : "yours")
	                  : strcmp(v->s.type, "template") == 0 ? "bundled template"
	                                                       : "bundled example";
	int ww = tui_width(who);
	tui_put(0, 1, head, w - ww - 4, sui_attr(a, C_TITLE));
	tui_put(0, w - ww - 1, who, ww, v->user ? sui_attr(a, C_GOOD) : sui_attr(a, C_DIM));
	char meta[512];
	char ago[32];
	story_fmt_ago(v->s.last_rehearsed, now_unix(), ago, sizeof ago);
	snprintf(meta, sizeof meta, "%s · %s · rehearsed %d× (last: %s)", v->s.id, v->s.type,
	         v->s.rehearsals, ago);
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
	                                "y = remove, any other key = keep"
	                   : v->user ? "Enter edit · d remove follow-up · r rehearse · c copy · "
	                               "q back"
	                             : "Enter read in full · c copy into your stories · "
	                               "r rehearse · q back";
	tui_hline(h - 2, 0, w, sui_attr(a, C_DIM));
	tui_put(h - 1, 1, keys, w - 2,
	        v->confirm ? sui_attr(a, C_WARN) | SUI_BOLD : sui_attr(a, C_DIM));
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
		if (tui_list_move(act, &v->psel, (int)v->ncomps, 10))
			return 1;
		if (act == ACT_SELECT || key == ' ') {
			/* As in a checklist: a tick moves on to the next one. */
			if (toggle_comp(a, v) && v->psel + 1 < (int)v->ncomps)
				v->psel++;
		} else if (key == 27 || act == ACT_QUIT)
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
		sui_rehearse(a, &v->s, NULL);
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

const struct screen_ops story_screen = {
	.name = "Story",
	.open = sview_open,
	.close = sview_close,
	.draw = sview_draw,
	.input = sview_input,
	.keys = sview_keys,
	.resume = sview_resume,
	.unsaved = sview_unsaved,
};
