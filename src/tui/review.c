/* The review screen: one card at a time, reveal, grade with 1-4 (each
 * button shows the interval it would give), undo, bury, suspend, flag,
 * type-in answers, and a session summary when the queue is empty. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "cram.h"
#include "plan.h"
#include "review.h"
#include "settings.h"
#include "textlayout.h"
#include "tui/app.h"
#include "tui/lineedit.h"
#include "tui/cardview.h"
#include "util.h"

enum phase { PH_QUESTION, PH_TYPING, PH_ANSWER, PH_DONE };

/* Bytes a type-in answer may hold: far more than any answer needs, small
 * enough to lay out at once. */
#define REVIEW_TYPED_MAX 2000

struct rv {
	struct review_filter f;
	char deck[256], tag[ID_MAX + 1]; /* a plan task's decks: ids and spaces */
	struct review_queue q;
	struct settings set;
	struct review_card card;
	int have_card;
	enum phase phase;
	int scroll;
	int64_t preview[4];
	int64_t shown_ms;   /* monotonic time the card appeared */
	struct lineedit ed; /* the type-in answer being typed */
	char *typed;        /* the answer checked ("" when none) */
	int typed_ok;
	int info;                       /* card info overlay */
	char pending[16][CARD_KEY_MAX]; /* cards to show again after undo */
	int npending;
	/* What `u` takes back, most recent last: grades of this session
	 * and bury, suspend and flag, which have no log of their own. */
	struct undo_step {
		enum { UNDO_GRADE, UNDO_BURY, UNDO_SUSPEND, UNDO_FLAG } what;
		char key[CARD_KEY_MAX];
		int64_t buried_until; /* UNDO_BURY: the value before */
	} undo[32];
	int nundo;
	/* session */
	int reviewed, again;
	/* cram mode: a fixed list, answers logged as cram */
	int cram;
	char **ckeys;
	size_t nck, ick, capck;
	char cram_title[96];
	int64_t started_ms;
	int64_t next_due;
	struct review_counts counts;
};

static const struct tui_key review_keys[] = {
	{ ' ', ACT_REVEAL, "Space/Enter", "Show the answer (or Good once shown)" },
	{ '\r', ACT_REVEAL, NULL, NULL },
	{ '\n', ACT_REVEAL, NULL, NULL },
	{ KEY_ENTER, ACT_REVEAL, NULL, NULL },
	{ '1', ACT_AGAIN, "1", NULL },
	{ '2', ACT_HARD, "2", NULL },
	{ '3', ACT_GOOD, "3", NULL },
	{ '4', ACT_EASY, "4", NULL },
	{ 'u', ACT_UNDO, "u", "Undo the last grade, bury, suspend or flag" },
	{ 'b', ACT_BURY, "b", NULL },
	{ 's', ACT_SUSPEND, "s", NULL },
	{ 'f', ACT_FLAG, "f", NULL },
	{ 'e', ACT_INFO, "e", NULL },
	{ 'o', ACT_SETTINGS, "o", NULL },
	{ 'S', ACT_SUSPENDED, "S", NULL },
	{ 'a', ACT_ADD, "a", NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static int64_t
mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Queues key to be shown next (after an undo), once. */
static void
push_pending(struct rv *r, const char *key)
{
	if (r->npending > 0 && strcmp(r->pending[r->npending - 1], key) == 0)
		return;
	if (r->npending < (int)(sizeof r->pending / sizeof r->pending[0]))
		snprintf(r->pending[r->npending++], sizeof r->pending[0], "%s", key);
}

static void
push_undo(struct rv *r, int what, const char *key, int64_t buried_until)
{
	int cap = (int)(sizeof r->undo / sizeof r->undo[0]);
	if (r->nundo == cap) {
		memmove(r->undo, r->undo + 1, (size_t)(cap - 1) * sizeof r->undo[0]);
		r->nundo--;
	}
	struct undo_step *u = &r->undo[r->nundo++];
	u->what = what;
	snprintf(u->key, sizeof u->key, "%s", key);
	u->buried_until = buried_until;
}

/* A short name for a card in messages: the start of its question, to fit
 * the status line beside `used` columns of other text. */
static void
card_name(const char *key, struct app *a, int used, char *buf, size_t n)
{
	struct review_card c;
	if (review_card_load(a->db, key, &c) != 0) {
		snprintf(buf, n, "%s", key);
		return;
	}
	/* The status line leaves about COLS - 36 columns for a message. */
	int room = COLS - 36 - used;
	text_excerpt(c.front, c.cloze, room > 12 ? room : 12, buf, n);
	review_card_free(&c);
}

/* The card on screen and the ones waiting after an undo are still to do
 * today: counted with the queue's (learning cards are counted from the
 * database already), so the header agrees with `prepdeck due`. */
static void
count_waiting(struct app *a, struct rv *r)
{
	if (r->have_card) {
		if (r->card.fc.state == FSRS_NEW)
			r->counts.fresh++;
		else if (r->card.fc.state == FSRS_REVIEW)
			r->counts.review++;
	}
	for (int i = 0; i < r->npending; i++) {
		struct review_card c;
		if (review_card_load(a->db, r->pending[i], &c) != 0)
			continue;
		if (c.fc.state == FSRS_NEW && !c.suspended)
			r->counts.fresh++;
		else if (c.fc.state == FSRS_REVIEW && !c.suspended)
			r->counts.review++;
		review_card_free(&c);
	}
}

static void
load_next(struct app *a, struct rv *r)
{
	if (r->have_card)
		review_card_free(&r->card);
	r->have_card = 0;
	r->phase = PH_DONE;
	r->scroll = 0;
	r->info = 0;
	lineedit_free(&r->ed);
	lineedit_init(&r->ed, NULL, 0, REVIEW_TYPED_MAX);
	free(r->typed);
	r->typed = xstrdup("");
	int64_t now = now_unix();
	char key[CARD_KEY_MAX];
	int have = 0;
	while (r->npending > 0 && !have) {
		snprintf(key, sizeof key, "%s", r->pending[--r->npending]);
		have = 1;
	}
	if (!have && r->cram) {
		if (r->ick < r->nck) {
			snprintf(key, sizeof key, "%s", r->ckeys[r->ick++]);
			have = 1;
		}
		r->next_due = 0;
	} else if (!have) {
		have = review_next(&r->q, now, key, &r->next_due);
	}
	if (have && review_card_load(a->db, key, &r->card) == 0) {
		r->have_card = 1;
		r->phase = strcmp(r->card.kind, "typein") == 0 ? PH_TYPING : PH_QUESTION;
		r->shown_ms = mono_ms();
		if (review_preview(a->db, &r->set, key, now, r->preview) != 0)
			memset(r->preview, 0, sizeof r->preview);
		a->tick_ms = 0;
	} else {
		r->next_due = r->next_due ? r->next_due : 0;
		/* wait for learning cards due later today */
		a->tick_ms = r->next_due ? 1000 : 0;
	}
	if (r->cram) {
		memset(&r->counts, 0, sizeof r->counts);
		r->counts.review = (int)(r->nck - r->ick) + (r->have_card ? 1 : 0);
		a->tick_ms = 0;
	} else {
		review_queue_counts(&r->q, now, &r->counts);
		count_waiting(a, r);
	}
}

/* Cram practice on the cards of a deck, a tag or a gap-map row. */
static int
open_cram(struct app *a, struct rv *r, const struct cram_source *src, int limit)
{
	char *cause = NULL;
	r->ckeys = cram_keys(a->db, src, limit, &r->nck, &cause);
	if (r->ckeys == NULL) {
		tui_message(a, "%s", cause);
		free(cause);
		return -1;
	}
	r->capck = r->nck;
	r->cram = 1;
	snprintf(r->cram_title, sizeof r->cram_title, "Cram · %s%s%s", src->deck ? src->deck : "",
	         src->tag ? " #" : "", src->tag ? src->tag : (src->map ? "gap-map skill" : ""));
	return 0;
}

/* arg: a struct review_start, or NULL for today's review of every deck. */
static void *
review_open(struct app *a, const void *arg)
{
	const struct review_start *rs = arg;
	struct rv *r = xcalloc(1, sizeof *r);
	settings_load(a->db, &r->set);
	if (rs && rs->cram) {
		if (open_cram(a, r, rs->cram, rs->limit) != 0) {
			free(r);
			return NULL;
		}
		r->started_ms = mono_ms();
		load_next(a, r);
		return r;
	}
	if (rs && rs->deck && *rs->deck && strlen(rs->deck) < sizeof r->deck) {
		strcpy(r->deck, rs->deck);
		r->f.deck = r->deck;
	} else if (rs && rs->decks && *rs->decks && strlen(rs->decks) < sizeof r->deck) {
		strcpy(r->deck, rs->decks);
		r->f.decks = r->deck;
	}
	if (rs && rs->tag && strlen(rs->tag) < sizeof r->tag) {
		strcpy(r->tag, rs->tag);
		r->f.tag = r->tag;
	}
	review_queue_build(a->db, &r->f, now_unix(), &r->q);
	r->started_ms = mono_ms();
	load_next(a, r);
	return r;
}

static void
review_close(struct app *a, void *st)
{
	struct rv *r = st;
	/* A plan's review task done here is ticked on its day, even when
	 * the program is left from this screen. */
	if (r->reviewed > 0 && !r->cram)
		plan_record_ticks(a->db, now_unix());
	if (r->have_card)
		review_card_free(&r->card);
	lineedit_free(&r->ed);
	free(r->typed);
	review_queue_free(&r->q);
	cram_free(r->ckeys, r->nck);
	a->tick_ms = 0;
	free(r);
}

static void
review_resume(struct app *a, void *st)
{
	struct rv *r = st;
	settings_load(a->db, &r->set);
	if (r->have_card &&
	    review_preview(a->db, &r->set, r->card.key, now_unix(), r->preview) != 0)
		memset(r->preview, 0, sizeof r->preview);
}

static void
draw_counts(struct app *a, struct rv *r, int y, int cols)
{
	char buf[96];
	snprintf(buf, sizeof buf, "%d", r->counts.learning);
	int x = cols - 36;
	tui_put(y, x, "Learn", 6, tui_attr(a, C_DIM));
	tui_put(y, x + 6, buf, 5, tui_attr(a, C_BAD));
	snprintf(buf, sizeof buf, "%d", r->counts.review);
	tui_put(y, x + 12, "Due", 4, tui_attr(a, C_DIM));
	tui_put(y, x + 16, buf, 5, tui_attr(a, C_GOOD));
	snprintf(buf, sizeof buf, "%d", r->counts.fresh);
	tui_put(y, x + 22, "New", 4, tui_attr(a, C_DIM));
	tui_put(y, x + 26, buf, 5, tui_attr(a, C_TITLE));
}

static void
draw_summary(struct app *a, struct rv *r, int lines, int cols)
{
	int64_t secs = (mono_ms() - r->started_ms) / 1000;
	char buf[200];
	if (r->cram) {
		char cb[160];
		snprintf(cb, sizeof cb, "Cram done: %d answer%s, %d again; no schedule changed.",
		         r->reviewed, r->reviewed == 1 ? "" : "s", r->again);
		tui_put(3, 4, cb, cols - 8, tui_attr(a, C_TITLE));
		tui_put(lines - 2, 4, "q back", cols - 8, tui_attr(a, C_DIM));
		return;
	}
	tui_put(3, 4, r->reviewed ? "Done for now." : "Nothing to review right now.", cols - 8,
	        tui_attr(a, C_TITLE));
	snprintf(buf, sizeof buf, "Reviewed %d card%s in %lld min %02lld s", r->reviewed,
	         r->reviewed == 1 ? "" : "s", (long long)(secs / 60), (long long)(secs % 60));
	tui_put(5, 4, buf, cols - 8, A_NORMAL);
	if (r->reviewed) {
		snprintf(buf, sizeof buf, "Again rate: %d%% (%d of %d)",
		         r->again * 100 / r->reviewed, r->again, r->reviewed);
		tui_put(6, 4, buf, cols - 8, A_NORMAL);
	}
	int64_t now = now_unix();
	int64_t next = r->next_due ? r->next_due : review_next_due(a->db, now);
	if (next > 0) {
		char ivl[16];
		review_fmt_interval(next - now, ivl, sizeof ivl);
		char when[32];
		fmt_local(next, "%a %d %b %H:%M", when, sizeof when);
		snprintf(buf, sizeof buf, "Next card due in %s (%s)%s", ivl, when,
		         r->next_due ? "; the review goes on by itself" : "");
	} else {
		snprintf(buf, sizeof buf, "No cards are scheduled yet.");
	}
	tui_put(8, 4, buf, cols - 8, A_NORMAL);
	tui_put(lines - 2, 4, "q back", cols - 8, tui_attr(a, C_DIM));
}

static void
draw_buttons(struct app *a, struct rv *r, int y, int cols)
{
	if (r->phase == PH_QUESTION) {
		tui_put(y, 2,
		        "Space/Enter: show answer   e info  b bury  s suspend  S suspended  "
		        "u undo",
		        cols - 4, tui_attr(a, C_DIM));
		return;
	}
	if (r->phase == PH_TYPING) {
		tui_put(y, 2, "Type the answer, Enter to check, Esc to show it without typing",
		        cols - 4, tui_attr(a, C_DIM));
		return;
	}
	static const char *const names[4] = { "Again", "Hard", "Good", "Easy" };
	static const enum tui_color col[4] = { C_BAD, C_WARN, C_GOOD, C_TITLE };
	int x = 2;
	for (int i = 0; i < 4; i++) {
		char ivl[16], buf[40];
		review_fmt_interval(r->preview[i], ivl, sizeof ivl);
		snprintf(buf, sizeof buf, "%d %s %s", i + 1, names[i], r->cram ? "" : ivl);
		int w = tui_put(y, x, buf, cols - x - 1, tui_attr(a, col[i]) | A_BOLD);
		x += w + 4;
	}
	if (r->cram)
		tui_put(y, x, "practice: no schedule changes", cols - x - 1, tui_attr(a, C_DIM));
}

static void
draw_info(struct app *a, struct rv *r, int lines, int cols)
{
	char buf[512];
	int y = 3, w = cols - 12;
	for (int i = 2; i < 14 && i < lines - 2; i++) {
		move(i, 4);
		for (int k = 0; k < w + 4; k++)
			addch(' ' | A_REVERSE);
	}
	snprintf(buf, sizeof buf, "Card %s (%s)", r->card.key, r->card.kind);
	tui_put(y++, 6, buf, w, A_REVERSE | A_BOLD);
	snprintf(buf, sizeof buf, "Deck: %s", r->card.deck_title);
	tui_put(y++, 6, buf, w, A_REVERSE);
	snprintf(buf, sizeof buf, "Source: %s:%d", r->card.src, r->card.line);
	tui_put(y++, 6, buf, w, A_REVERSE);
	snprintf(buf, sizeof buf, "Tags:%s", r->card.tags[0] ? r->card.tags : " (none)");
	tui_put(y++, 6, buf, w, A_REVERSE);
	int s = r->card.fc.state;
	snprintf(buf, sizeof buf, "State: %s   reviews %d   lapses %d%s%s", review_state_name(s),
	         r->card.fc.reps, r->card.fc.lapses, r->card.flag ? "   flagged" : "",
	         r->card.leech ? "   leech" : "");
	tui_put(y++, 6, buf, w, A_REVERSE);
	if (s != 0) {
		char due[32];
		fmt_iso_utc(r->card.fc.due, due, sizeof due);
		snprintf(buf, sizeof buf, "Stability %.1f d   difficulty %.1f   due %s",
		         r->card.fc.stability, r->card.fc.difficulty, due);
		tui_put(y++, 6, buf, w, A_REVERSE);
	}
	tui_put(y + 1, 6, "Press any key to close.", w, A_REVERSE | A_DIM);
}

static void
review_draw(struct app *a, void *st, int lines, int cols)
{
	struct rv *r = st;
	char title[400];
	snprintf(title, sizeof title, "Review%s%s%s%s", r->deck[0] ? " · " : "", r->deck,
	         r->f.tag ? " #" : "", r->f.tag ? r->f.tag : "");
	if (r->have_card)
		snprintf(title, sizeof title, "%s · %s%s", r->cram ? "Cram" : "Review",
		         r->card.deck_title, r->card.flag ? "  [flagged]" : "");
	else if (r->cram)
		snprintf(title, sizeof title, "%s", r->cram_title);
	tui_put(0, 2, title, cols - 40, tui_attr(a, C_TITLE));
	if (r->cram) {
		char left[32];
		snprintf(left, sizeof left, "Left %d", r->counts.review);
		tui_put(0, cols - 14, left, 12, tui_attr(a, C_TITLE));
	} else {
		draw_counts(a, r, 0, cols);
	}
	tui_hline(1, 0, cols, tui_attr(a, C_DIM));
	if (!r->have_card) {
		draw_summary(a, r, lines, cols);
		return;
	}
	int width = cols - 8 > 96 ? 96 : cols - 8;
	int x0 = (cols - width) / 2;
	struct tlayout l = { 0 };
	cardview_layout_typed(&l, r->card.kind, r->card.front, r->card.back, r->card.note,
	                      r->card.cloze, r->phase == PH_ANSWER, width, r->typed, r->typed_ok);
	int body_rows = lines - 6;
	if (r->scroll > l.n - body_rows)
		r->scroll = l.n - body_rows > 0 ? l.n - body_rows : 0;
	cardview_draw(a, &l, 3, x0, r->scroll, body_rows);
	if (l.n > body_rows) {
		char more[48];
		snprintf(more, sizeof more, "lines %d-%d of %d (j/k scroll)", r->scroll + 1,
		         r->scroll + body_rows < l.n ? r->scroll + body_rows : l.n, l.n);
		tui_put(2, cols - 2 - tui_width(more), more, 40, tui_attr(a, C_DIM));
	}
	text_free(&l);
	if (r->phase == PH_TYPING) {
		tui_put(lines - 3, x0, "> ", 2, A_BOLD);
		lineedit_draw(&r->ed, lines - 3, x0 + 2, width - 2, A_UNDERLINE);
		/* q and ? are letters of the answer here. */
		a->keys_hint = "Enter check  Esc show answer ";
	}
	draw_buttons(a, r, lines - 1, cols);
	if (r->info)
		draw_info(a, r, lines, cols);
}

static void
grade(struct app *a, struct rv *r, enum fsrs_rating rating)
{
	int64_t now = now_unix();
	int64_t ms = mono_ms() - r->shown_ms;
	if (ms > 600000)
		ms = 600000;
	struct review_result res;
	char *cause = NULL;
	int rc = review_grade_shown(a->db, &r->set, &r->card, rating, now, (int)ms,
	                            r->cram ? "cram" : "review", &res, &cause);
	if (rc == REVIEW_CHANGED) {
		/* Graded (or moved) elsewhere while on screen: that answer
		 * stands; this one is not counted on top of it. */
		free(cause);
		tui_message(a, "Card changed elsewhere; not graded again");
		load_next(a, r);
		return;
	}
	if (rc != 0) {
		tui_message(a, "%s", cause);
		free(cause);
		return;
	}
	r->reviewed++;
	if (rating == FSRS_AGAIN)
		r->again++;
	if (!r->cram)
		push_undo(r, UNDO_GRADE, r->card.key, 0);
	/* In cram, a forgotten card comes back once at the end. */
	if (r->cram && rating == FSRS_AGAIN && r->nck < r->capck + 20) {
		r->ckeys = xrealloc(r->ckeys, (r->nck + 1) * sizeof *r->ckeys);
		r->ckeys[r->nck++] = xstrdup(r->card.key);
	}
	if (res.message[0])
		tui_message(a, "%s", res.message);
	load_next(a, r);
}

/* `u`: takes back the last action of this session, whatever it was; with
 * none left, the last grade in the log (so undo works after a restart,
 * as `prepdeck undo` does). The card comes back on screen. */
static void
undo_last(struct app *a, struct rv *r)
{
	struct undo_step u = { UNDO_GRADE, "", 0 };
	if (r->nundo > 0)
		u = r->undo[--r->nundo];
	const char *what;
	switch (u.what) {
	case UNDO_BURY:
		review_bury(a->db, u.key, u.buried_until);
		what = "Unburied";
		break;
	case UNDO_SUSPEND:
		review_set_suspended(a->db, u.key, 0);
		what = "Unsuspended";
		break;
	case UNDO_FLAG: {
		int on = review_toggle_flag(a->db, u.key);
		if (r->have_card && strcmp(r->card.key, u.key) == 0) {
			/* the card on screen: it stays */
			r->card.flag = on;
			tui_message(a, on ? "Flag back on" : "Flag taken off again");
			return;
		}
		char name[160];
		card_name(u.key, a, 16, name, sizeof name);
		tui_message(a, "%s %s", on ? "Flagged again:" : "Unflagged:", name);
		return;
	}
	default:
		if (review_undo(a->db, u.key) != 0) {
			tui_message(a, "Nothing to undo");
			return;
		}
		if (r->reviewed > 0)
			r->reviewed--;
		what = "Undid the grade of";
		break;
	}
	char name[160];
	card_name(u.key, a, tui_width(what) + 1, name, sizeof name);
	tui_message(a, "%s %s", what, name);
	if (r->have_card)
		push_pending(r, r->card.key);
	push_pending(r, u.key);
	load_next(a, r);
}

static int
review_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct rv *r = st;
	if (r->info) {
		r->info = 0;
		return 1;
	}
	if (r->phase == PH_TYPING) {
		enum le_result res = lineedit_key(&r->ed, key, !a->key_char);
		if (res == LE_CANCEL) {
			free(r->typed);
			r->typed = xstrdup("");
			r->phase = PH_ANSWER;
		} else if (res == LE_SAVE) {
			free(r->typed);
			r->typed = xstrdup(lineedit_text(&r->ed));
			r->typed_ok = review_answer_matches(r->typed, r->card.back);
			r->phase = PH_ANSWER;
		} else if (r->ed.eb.refused) {
			tui_message(a, "Answers stop at %d bytes", REVIEW_TYPED_MAX);
		}
		return 1;
	}
	if (!r->have_card) {
		if (act == ACT_UNDO && !r->cram)
			goto undo;
		if (act == ACT_SUSPENDED) {
			tui_push(a, &suspended_screen, NULL);
			return 1;
		}
		return 0;
	}
	switch (act) {
	case ACT_REVEAL:
		if (r->phase == PH_QUESTION) {
			r->phase = PH_ANSWER;
			r->scroll = 0;
		} else if (r->phase == PH_ANSWER) {
			grade(a, r, r->typed[0] && !r->typed_ok ? FSRS_AGAIN : FSRS_GOOD);
		}
		return 1;
	case ACT_AGAIN:
	case ACT_HARD:
	case ACT_GOOD:
	case ACT_EASY:
		if (r->phase != PH_ANSWER) {
			tui_message(a, "Show the answer first (Space)");
			return 1;
		}
		grade(a, r, (enum fsrs_rating)(FSRS_AGAIN + (act - ACT_AGAIN)));
		return 1;
	case ACT_UNDO:
		if (r->cram) {
			tui_message(a, "Nothing to undo in cram");
			return 1;
		}
		goto undo;
	case ACT_BURY: {
		char name[160];
		card_name(r->card.key, a, 22, name, sizeof name);
		push_undo(r, UNDO_BURY, r->card.key, r->card.buried_until);
		review_bury(a->db, r->card.key, day_end(now_unix(), r->set.rollover_hour));
		tui_message(a, "Buried till tomorrow: %s", name);
		load_next(a, r);
		return 1;
	}
	case ACT_SUSPEND: {
		char name[160];
		card_name(r->card.key, a, 20, name, sizeof name);
		push_undo(r, UNDO_SUSPEND, r->card.key, 0);
		review_set_suspended(a->db, r->card.key, 1);
		tui_message(a, "Suspended %s  u undo", name);
		load_next(a, r);
		return 1;
	}
	case ACT_FLAG:
		push_undo(r, UNDO_FLAG, r->card.key, 0);
		r->card.flag = review_toggle_flag(a->db, r->card.key);
		tui_message(a, r->card.flag ? "Flagged (u undo)" : "Flag removed (u undo)");
		return 1;
	case ACT_INFO:
		r->info = 1;
		return 1;
	case ACT_SETTINGS:
		tui_push(a, &settings_screen, NULL);
		return 1;
	case ACT_SUSPENDED:
		tui_push(a, &suspended_screen, NULL);
		return 1;
	case ACT_ADD:
		tui_push(a, &cardedit_screen, NULL);
		return 1;
	case ACT_DOWN:
	case ACT_UP:
	case ACT_PGDOWN:
	case ACT_PGUP:
		return tui_scroll_move(act, &r->scroll, 10);
	default:
		return 0;
	}
undo:
	undo_last(a, r);
	return 1;
}

static void
review_tick(struct app *a, void *st)
{
	struct rv *r = st;
	if (!r->have_card && r->next_due && now_unix() >= r->next_due) {
		r->next_due = 0;
		load_next(a, r);
	}
}

const struct screen_ops review_screen = {
	.name = "Review",
	.open = review_open,
	.close = review_close,
	.draw = review_draw,
	.input = review_input,
	.tick = review_tick,
	.keys = review_keys,
	.resume = review_resume,
};
