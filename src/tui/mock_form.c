/* One mock round as a form: its date, partner, a score and evidence for
 * each category of its rubric, and what to fix next. Each field is saved
 * as it is entered, so a round survives anything that happens halfway
 * through. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scorecard.h"
#include "tui/app.h"
#include "tui/lineedit.h"
#include "tui/mock.h"
#include "util.h"

struct form {
	int64_t id;
	struct scorecard sc;
	struct scorecard_rubric r; /* the rubric's categories (none if gone) */
	int sel;                   /* 0 date, 1 partner, 2.. categories, last fix */
	struct lineedit ed;        /* the field being edited, when editing */
	int editing;
	int scoring; /* editing the evidence of a score just given */
	int confirm_delete;
};

static const struct tui_key form_keys[] = {
	{ '1', ACT_NONE, "1-4", "Score the selected category, then type the evidence" },
	{ '2', ACT_NONE, NULL, NULL },
	{ '3', ACT_NONE, NULL, NULL },
	{ '4', ACT_NONE, NULL, NULL },
	{ '\r', ACT_SELECT, "Enter", "Edit the selected field (Enter saves, Esc cancels)" },
	{ '\n', ACT_SELECT, NULL, NULL },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ 'D', ACT_NONE, "D", "Delete this round (asks first)" },
	{ 0, ACT_NONE, NULL, NULL },
};

static int
form_nfields(const struct form *f)
{
	return 3 + (int)f->r.ncats;
}

/* The score given to category k of the rubric, or NULL. */
static const struct scorecard_score *
form_score(const struct form *f, size_t k)
{
	for (size_t i = 0; i < f->sc.nscores; i++)
		if (strcmp(f->sc.scores[i].cat_id, f->r.cats[k].id) == 0)
			return &f->sc.scores[i];
	return NULL;
}

static int
form_reload(struct app *a, struct form *f)
{
	char *cause = NULL;
	scorecard_free(&f->sc);
	if (scorecard_get(a->db, f->id, &f->sc, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

static void *
form_open(struct app *a, const void *arg)
{
	struct form *f = xcalloc(1, sizeof *f);
	f->id = strtoll(arg ? arg : "0", NULL, 10);
	if (form_reload(a, f) != 0) {
		free(f);
		return NULL;
	}
	char *cause = NULL;
	if (scorecard_rubric_load(a->db, f->sc.rubric_id, &f->r, &cause) != 0) {
		/* The rubric left the curriculum: the round can still be read,
		 * and its date, partner and fix-next changed. */
		tui_message(a, "%s; its scores are shown as recorded", cause);
		free(cause);
	}
	/* Start on the first category without a score. */
	f->sel = 2;
	for (size_t k = 0; k < f->r.ncats; k++)
		if (form_score(f, k) == NULL) {
			f->sel = 2 + (int)k;
			break;
		}
	return f;
}

static void
form_close(struct app *a, void *st)
{
	struct form *f = st;
	size_t scored = 0;
	for (size_t k = 0; k < f->r.ncats; k++)
		scored += form_score(f, k) != NULL;
	if (f->sc.id && scored < f->r.ncats)
		tui_message(a,
		            "Round saved with %zu of %zu categories scored; Enter on it "
		            "to finish.",
		            scored, f->r.ncats);
	else if (f->sc.id && !*f->sc.fix_next)
		tui_message(a, "Round saved; it has no fix-next yet.");
	else if (f->sc.id)
		tui_message(a, "Round saved.");
	if (f->editing)
		lineedit_free(&f->ed);
	scorecard_free(&f->sc);
	scorecard_rubric_free(&f->r);
	free(f);
}

static const char *
field_label(const struct form *f, int i)
{
	if (i == 0)
		return "Date";
	if (i == 1)
		return "Partner";
	if (i == form_nfields(f) - 1)
		return "Fix next";
	return f->r.cats[i - 2].name;
}

static const char *
field_value(const struct form *f, int i)
{
	if (i == 0)
		return f->sc.day;
	if (i == 1)
		return f->sc.partner;
	if (i == form_nfields(f) - 1)
		return f->sc.fix_next;
	const struct scorecard_score *s = form_score(f, (size_t)(i - 2));
	return s ? s->evidence : "";
}

static void
form_draw(struct app *a, void *st, int lines, int cols)
{
	struct form *f = st;
	char buf[256];
	snprintf(buf, sizeof buf, "%s · round %lld", f->sc.rubric_title, (long long)f->id);
	tui_put(0, 2, buf, cols - 4, tui_attr(a, C_TITLE));
	int labelw = 22, xs = 2 + labelw + 1, xt = xs + 3, tw = cols - xt - 2;
	int n = form_nfields(f), y = 2;
	for (int i = 0; i < n; i++, y++) {
		int sel = i == f->sel;
		attr_t at = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		if (sel)
			mock_fill_row(y, 1, cols - 2, at);
		tui_put(y, 2, field_label(f, i), labelw, at | A_BOLD);
		if (i >= 2 && i < n - 1) {
			const struct scorecard_score *s = form_score(f, (size_t)(i - 2));
			if (s) {
				snprintf(buf, sizeof buf, "%d", s->score);
				int c = s->score <= 1 ? C_BAD : s->score == 2 ? C_WARN : C_GOOD;
				tui_put(y, xs, buf, 1, sel ? at | A_BOLD : tui_attr(a, c) | A_BOLD);
			} else {
				tui_put(y, xs, "·", 1, sel ? at : tui_attr(a, C_DIM));
			}
		}
		int x = i >= 2 && i < n - 1 ? xt : xs;
		if (sel && f->editing) {
			/* The field stands out from the selected row: a label when
			 * it is a score's evidence, then the text in plain video. */
			if (i >= 2 && i < n - 1)
				x += tui_put(y, x, "Evidence: ", cols - x - 2, at | A_BOLD);
			mock_fill_row(y, x, cols - x - 2, A_NORMAL);
			lineedit_draw(&f->ed, y, x, cols - x - 2, A_NORMAL);
		} else {
			const char *v = field_value(f, i);
			if (*v)
				tui_put(y, x, v, cols - x - 2, at);
			else if (i >= 1)
				tui_put(y, x,
				        i == 1       ? "(optional)"
				        : i == n - 1 ? "(the one thing to fix next)"
				        : form_score(f, (size_t)(i - 2))
				                ? "(no evidence: Enter writes it)"
				                : "(press 1-4)",
				        cols - x - 2, sel ? at : tui_attr(a, C_DIM));
		}
	}
	(void)tw;
	/* The detail pane: what each score looks like, or what the field is. */
	y++;
	int room = lines - 1 - y;
	if (f->sel >= 2 && f->sel < n - 1) {
		const struct scorecard_cat *c = &f->r.cats[f->sel - 2];
		const struct scorecard_score *s = form_score(f, (size_t)(f->sel - 2));
		if (f->editing) {
			/* What the field is for, while it is open. */
			char sc[16] = "";
			if (s)
				snprintf(sc, sizeof sc, ", scored %d", s->score);
			snprintf(
			        buf, sizeof buf,
			        "Evidence for %s%s: one sentence of what was "
			        "actually seen or heard that earns the score. It tells you what to "
			        "fix next. Enter saves; Esc %s.",
			        c->name, sc, f->scoring ? "leaves it empty" : "cancels");
			int used =
			        tui_wrap(y, 2, cols - 4, room, buf, tui_attr(a, C_ACCENT) | A_BOLD);
			y += used + 1;
			room -= used + 1;
		}
		snprintf(buf, sizeof buf, "%s: what each score looks like", c->name);
		tui_put(y++, 2, buf, cols - 4, tui_attr(a, C_TITLE));
		room--;
		/* Two rows per level when they all fit, else one. */
		int per = room >= 8 ? 2 : 1;
		for (int k = 0; k < 4 && room > 0; k++) {
			int chosen = s && s->score == k + 1;
			attr_t at = chosen ? tui_attr(a, C_ACCENT) | A_BOLD : A_NORMAL;
			snprintf(buf, sizeof buf, "%d", k + 1);
			tui_put(y, 2, chosen ? ">" : " ", 1, at);
			tui_put(y, 4, buf, 1, at | A_BOLD);
			int used =
			        tui_wrap(y, 7, cols - 9, per < room ? per : room, c->level[k], at);
			y += used;
			room -= used;
		}
	} else {
		static const char *const help[] = {
			"The day of the round, YYYY-MM-DD. Enter to change it.",
			"Who ran the round (a person, a peer, an AI interviewer). Optional.",
			"The one thing to fix before the next round. Today shows the latest.",
		};
		const char *h = help[f->sel == 0 ? 0 : f->sel == 1 ? 1 : 2];
		tui_wrap(y, 2, cols - 4, room, h, tui_attr(a, C_DIM));
	}
	const char *hint =
	        f->confirm_delete
	                ? "Delete this round for good? y to delete, any other key keeps it."
	        : f->editing
	                ? "Enter save · Esc cancel · Left/Right move · Ctrl-U clear"
	                : "1-4 score · Enter edit · Up/Down move · q done (each field is saved at once)";
	tui_put(lines - 1, 2, hint, cols - 4,
	        f->confirm_delete ? tui_attr(a, C_BAD) : tui_attr(a, C_DIM));
}

/* Opens the editor on text for the selected field. */
static void
form_edit(struct form *f, const char *text)
{
	if (f->editing)
		lineedit_free(&f->ed);
	lineedit_init(&f->ed, text, 0, SCORECARD_TEXT_MAX);
	f->editing = 1;
}

/* Saves the text being edited into the selected field; returns 0 when
 * saved (and the editor closes), -1 when the text was refused. */
static int
form_save_edit(struct app *a, struct form *f)
{
	char *cause = NULL;
	int n = form_nfields(f), rc;
	if (f->sel == 0) {
		rc = scorecard_set_field(a->db, f->id, "day", lineedit_text(&f->ed), now_unix(),
		                         &cause);
	} else if (f->sel == 1) {
		rc = scorecard_set_field(a->db, f->id, "partner", lineedit_text(&f->ed), now_unix(),
		                         &cause);
	} else if (f->sel == n - 1) {
		rc = scorecard_set_field(a->db, f->id, "fix_next", lineedit_text(&f->ed),
		                         now_unix(), &cause);
	} else {
		const struct scorecard_score *s = form_score(f, (size_t)(f->sel - 2));
		rc = scorecard_set_score(a->db, f->id, f->r.cats[f->sel - 2].id, s ? s->score : 0,
		                         lineedit_text(&f->ed), &cause);
	}
	if (rc != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		return -1;
	}
	lineedit_free(&f->ed);
	f->editing = 0;
	form_reload(a, f);
	return 0;
}

static int
form_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct form *f = st;
	int n = form_nfields(f);
	if (f->confirm_delete) {
		f->confirm_delete = 0;
		if (key == 'y' || key == 'Y') {
			char *cause = NULL;
			if (scorecard_delete(a->db, f->id, &cause) != 0) {
				tui_message(a, "%s", cause);
				free(cause);
				return 1;
			}
			f->sc.id = 0; /* nothing left to report on close */
			tui_pop(a);
			tui_message(a, "Round deleted.");
		}
		return 1;
	}
	if (f->editing) {
		enum le_result r = lineedit_key(&f->ed, key, !a->key_char);
		if (r == LE_CANCEL) {
			lineedit_free(&f->ed);
			f->editing = 0;
			/* Evidence skipped after a score: on to the next row. */
			if (f->scoring && f->sel < n - 1)
				f->sel++;
			f->scoring = 0;
		} else if (r == LE_SAVE && form_save_edit(a, f) == 0) {
			f->scoring = 0;
			if (f->sel < n - 1)
				f->sel++;
		}
		return 1;
	}
	if (key >= '1' && key <= '4' && a->key_char) {
		if (f->sel < 2 || f->sel >= n - 1) {
			tui_message(a, "Scores go on the categories; Up/Down to pick one.");
			return 1;
		}
		const struct scorecard_score *s = form_score(f, (size_t)(f->sel - 2));
		char *ev = xstrdup(s ? s->evidence : "");
		char *cause = NULL;
		if (scorecard_set_score(a->db, f->id, f->r.cats[f->sel - 2].id, key - '0', ev,
		                        &cause) != 0) {
			tui_message(a, "%s", cause);
			free(cause);
		} else {
			form_reload(a, f);
			/* Straight on to the sentence of evidence. */
			form_edit(f, ev);
			f->scoring = 1;
		}
		free(ev);
		return 1;
	}
	if (tui_list_move(act, &f->sel, n, 10))
		return 1;
	switch (act) {
	case ACT_SELECT:
		if (f->sel >= 2 && f->sel < n - 1 && form_score(f, (size_t)(f->sel - 2)) == NULL) {
			tui_message(a, "Score it first: press 1, 2, 3 or 4.");
			return 1;
		}
		form_edit(f, field_value(f, f->sel));
		f->scoring = 0;
		return 1;
	default:
		break;
	}
	if (key == 'D' && a->key_char) {
		f->confirm_delete = 1;
		return 1;
	}
	return 0;
}

static const char *
form_unsaved(struct app *a, void *st)
{
	struct form *f = st;
	return f->editing && lineedit_changed(&f->ed) ? "the field you are editing" : NULL;
}

const struct screen_ops mock_form_screen = {
	.name = "Mock round",
	.open = form_open,
	.close = form_close,
	.draw = form_draw,
	.input = form_input,
	.keys = form_keys,
	.unsaved = form_unsaved,
};
