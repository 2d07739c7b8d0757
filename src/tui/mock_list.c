/* Mock rounds: the list of scored rounds and the rubric picker that
 * starts a new one; a round opens in its form (mock_form.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scorecard.h"
#include "settings.h"
#include "tui/app.h"
#include "tui/mock.h"
#include "util.h"

static int64_t
today_day(struct app *a)
{
	struct settings set;
	settings_load(a->db, &set);
	return day_number(now_unix(), set.rollover_hour);
}

struct mock {
	struct scorecard *list;
	size_t n;
	int sel, top;
	int picking;
	struct scorecard_rubric *rubrics;
	size_t nrubrics;
	int rsel;
	int confirm_delete;
};

static const struct tui_key mock_keys[] = {
	{ 'n', ACT_NONE, "n", "Record a new mock round: pick a rubric, then score it" },
	{ '\r', ACT_SELECT, "Enter", "Open the selected round to read or change it" },
	{ '\n', ACT_SELECT, NULL, NULL },
	{ KEY_ENTER, ACT_SELECT, NULL, NULL },
	{ 'd', ACT_NONE, "d", "Delete the selected round (asks first)" },
	{ 0, ACT_NONE, NULL, NULL },
};

static void
mock_load(struct app *a, struct mock *m)
{
	scorecard_list_free(m->list, m->n);
	scorecard_list(a->db, NULL, &m->list, &m->n);
	if (m->sel >= (int)m->n)
		m->sel = m->n ? (int)m->n - 1 : 0;
}

static void *
mock_open(struct app *a, const void *arg)
{
	struct mock *m = xcalloc(1, sizeof *m);
	mock_load(a, m);
	scorecard_rubrics(a->db, &m->rubrics, &m->nrubrics);
	/* `arg` "new" opens straight on the rubric picker. */
	if (arg && strcmp(arg, "new") == 0)
		m->picking = 1;
	return m;
}

static void
mock_close(struct app *a, void *st)
{
	struct mock *m = st;
	scorecard_list_free(m->list, m->n);
	scorecard_rubrics_free(m->rubrics, m->nrubrics);
	free(m);
}

static void
mock_resume(struct app *a, void *st)
{
	struct mock *m = st;
	int64_t keep = m->n ? m->list[m->sel].id : 0;
	mock_load(a, m);
	for (size_t i = 0; i < m->n; i++)
		if (m->list[i].id == keep)
			m->sel = (int)i;
}

static void
draw_picker(struct app *a, struct mock *m, int lines, int cols)
{
	tui_put(0, 2, "New mock round: pick a rubric", cols - 4, tui_attr(a, C_TITLE));
	int y = 2;
	for (size_t i = 0; i < m->nrubrics && y < lines - 3; i++) {
		const struct scorecard_rubric *r = &m->rubrics[i];
		int sel = (int)i == m->rsel;
		attr_t at = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		if (sel)
			mock_fill_row(y, 1, cols - 2, at);
		tui_put(y, 2, r->title, 42, at | A_BOLD);
		char buf[64];
		snprintf(buf, sizeof buf, "%zu categories", r->ncats);
		tui_put(y, 45, buf, 14, at);
		tui_put(y, 60, r->id, cols - 62, sel ? at : tui_attr(a, C_DIM));
		y++;
		if (sel) {
			struct sbuf b;
			sbuf_init(&b);
			for (size_t k = 0; k < r->ncats; k++)
				sbuf_addf(&b, "%s%s", k ? ", " : "", r->cats[k].name);
			y += tui_wrap(y, 4, cols - 8, 2, b.s, tui_attr(a, C_DIM));
			sbuf_free(&b);
		}
	}
	if (m->nrubrics == 0)
		tui_put(y, 2,
		        "No rubrics in the curriculum. Add a 'kind: rubric' file "
		        "(see prepdeck-content(5)) and import it.",
		        cols - 4, A_NORMAL);
	tui_put(lines - 1, 2, "Up/Down pick · Enter start scoring · Esc back", cols - 4,
	        tui_attr(a, C_DIM));
}

static void
mock_draw(struct app *a, void *st, int lines, int cols)
{
	struct mock *m = st;
	if (m->picking) {
		draw_picker(a, m, lines, cols);
		return;
	}
	char buf[256];
	snprintf(buf, sizeof buf, "Mock rounds · %zu recorded", m->n);
	tui_put(0, 2, buf, cols - 4, tui_attr(a, C_TITLE));
	if (m->n == 0) {
		tui_wrap(2, 2, cols - 4, 6,
		         "No mock rounds yet. Press n to record one: pick a "
		         "rubric (coding, ML/LLM design, behavioral, or your own), score each "
		         "category 1-4 with one sentence of evidence, and write down the one "
		         "thing to fix next. Today shows it until the next round.",
		         A_NORMAL);
		tui_put(lines - 1, 2, "n new round · q back", cols - 4, tui_attr(a, C_DIM));
		return;
	}
	tui_put(2, 2, "Date", 10, tui_attr(a, C_DIM));
	tui_put(2, 14, "Rubric", 30, tui_attr(a, C_DIM));
	tui_put(2, 46, "Mean", 5, tui_attr(a, C_DIM));
	tui_put(2, 52, "Scored", 6, tui_attr(a, C_DIM));
	tui_put(2, 60, "Partner", cols - 62, tui_attr(a, C_DIM));
	/* The list takes what the detail pane (about 9 rows) leaves, and no
	 * more than it needs. */
	int rows = lines - 4 - 9;
	if (rows < 3)
		rows = 3;
	if (rows > (int)m->n)
		rows = (int)m->n;
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + rows)
		m->top = m->sel - rows + 1;
	int y = 3;
	for (int i = m->top; i < (int)m->n && i < m->top + rows; i++, y++) {
		const struct scorecard *s = &m->list[i];
		int sel = i == m->sel;
		attr_t at = sel ? tui_attr(a, C_SELECT) : A_NORMAL;
		if (sel)
			mock_fill_row(y, 1, cols - 2, at);
		tui_put(y, 2, s->day, 10, at);
		tui_put(y, 14, s->rubric_title, 30, at | A_BOLD);
		snprintf(buf, sizeof buf, "%.2f", scorecard_mean(s));
		tui_put(y, 46, s->nscores ? buf : "-", 5, at);
		snprintf(buf, sizeof buf, "%zu/%d", s->nscores, s->ncats);
		tui_put(y, 52, buf, 6,
		        (int)s->nscores < s->ncats && !sel ? tui_attr(a, C_WARN) : at);
		tui_put(y, 60, *s->partner ? s->partner : "-", cols - 62, at);
	}
	if (m->top + rows < (int)m->n)
		tui_put(y, 2, "more ↓", 10, tui_attr(a, C_DIM));
	/* Detail of the selected round. */
	const struct scorecard *s = &m->list[m->sel];
	y = 3 + rows + 1;
	tui_put(y, 2, "Fix next:", 10, tui_attr(a, C_ACCENT) | A_BOLD);
	tui_put(y++, 12, *s->fix_next ? s->fix_next : "(not written yet)", cols - 14,
	        *s->fix_next ? A_BOLD : tui_attr(a, C_DIM));
	for (size_t k = 0; k < s->nscores && y < lines - 1; k++, y++) {
		const struct scorecard_score *x = &s->scores[k];
		tui_put(y, 4, *x->name ? x->name : x->cat_id, 22, A_NORMAL);
		snprintf(buf, sizeof buf, "%d", x->score);
		int c = x->score <= 1 ? C_BAD : x->score == 2 ? C_WARN : C_GOOD;
		tui_put(y, 27, buf, 1, tui_attr(a, c) | A_BOLD);
		tui_put(y, 30, x->evidence, cols - 32, tui_attr(a, C_DIM));
	}
	tui_put(lines - 1, 2,
	        m->confirm_delete
	                ? "Delete the selected round for good? y to delete, any other key keeps it."
	                : "n new round · Enter open · d delete · q back",
	        cols - 4, m->confirm_delete ? tui_attr(a, C_BAD) : tui_attr(a, C_DIM));
}

/* Starts a round on the picked rubric and opens its form. */
static void
start_round(struct app *a, struct mock *m)
{
	if (m->nrubrics == 0)
		return;
	char day[16], *cause = NULL;
	fmt_date(today_day(a), day, sizeof day);
	int64_t id;
	if (scorecard_create(a->db, m->rubrics[m->rsel].id, day, "", now_unix(), &id, &cause) !=
	    0) {
		tui_message(a, "%s", cause);
		free(cause);
		return;
	}
	m->picking = 0;
	mock_load(a, m);
	m->sel = 0;
	char arg[32];
	snprintf(arg, sizeof arg, "%lld", (long long)id);
	tui_push(a, &mock_form_screen, arg);
}

static int
mock_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct mock *m = st;
	if (m->confirm_delete) {
		m->confirm_delete = 0;
		if ((key == 'y' || key == 'Y') && m->n) {
			char *cause = NULL;
			if (scorecard_delete(a->db, m->list[m->sel].id, &cause) != 0) {
				tui_message(a, "%s", cause);
				free(cause);
			} else {
				tui_message(a, "Round deleted.");
			}
			mock_load(a, m);
		}
		return 1;
	}
	if (m->picking) {
		if (act == ACT_SELECT)
			start_round(a, m);
		else if (key == 27 || act == ACT_QUIT)
			m->picking = 0;
		else if (act == ACT_HELP)
			return 0;
		else
			tui_list_move(act, &m->rsel, (int)m->nrubrics, 5);
		return 1;
	}
	if (tui_list_move(act, &m->sel, (int)m->n, 10))
		return 1;
	if (act == ACT_SELECT) {
		if (m->n) {
			char arg[32];
			snprintf(arg, sizeof arg, "%lld", (long long)m->list[m->sel].id);
			tui_push(a, &mock_form_screen, arg);
		}
		return 1;
	}
	if (key == 'n' && a->key_char) {
		m->picking = 1;
		return 1;
	}
	if (key == 'd' && a->key_char && m->n) {
		m->confirm_delete = 1;
		return 1;
	}
	return 0;
}

const struct screen_ops mock_screen = {
	.name = "Mock rounds",
	.open = mock_open,
	.close = mock_close,
	.draw = mock_draw,
	.input = mock_input,
	.keys = mock_keys,
	.resume = mock_resume,
};
