/* The card browser: full-text search over every card as you type, filters
 * by deck, tag and state, sorting, and a detail pane with the selected
 * card as the review shows it, its memory (stability, difficulty,
 * retrievability, next due date) and its review history. Actions on the
 * selected card: edit, add, suspend, flag, bury, reset, move, delete,
 * revert to the curriculum's text; u undoes each of them. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "db_search.h"
#include "fsrs.h"
#include "review.h"
#include "settings.h"
#include "tui/app.h"
#include "tui/cardview.h"
#include "tui/lineedit.h"
#include "tui/picker.h"
#include "util.h"

#define BR_LIMIT 200      /* rows fetched for the list (more when scrolled to) */
#define BR_COUNT_MAX 2000 /* matches counted */

enum pick_what { PW_DECK, PW_STATE, PW_SORT, PW_MOVE };

struct br {
	struct lineedit q;
	int searching; /* typing goes to the search */
	char deck[ID_MAX + 1], tag[ID_MAX + 1];
	enum card_state_filter state;
	enum card_sort sort;
	struct card_hit *hits;
	size_t n, total, limit;
	char err[400];
	int cur, top, list_rows;
	/* the selected card */
	char sel[CARD_KEY_MAX];
	int have_card;
	struct review_card rc;
	struct card_note note;
	struct card_history hist;
	int show_file; /* the curriculum's text instead of the learner's */
	/* modal parts */
	int picking;
	enum pick_what pick_what;
	struct picker pk;
	int tagging;
	struct lineedit tagle;
	int confirm_delete;
	struct settings set;
};

static void
free_detail(struct br *b)
{
	if (!b->have_card)
		return;
	review_card_free(&b->rc);
	cards_note_clear(&b->note);
	cards_history_free(&b->hist);
	b->have_card = 0;
}

static void
load_detail(struct app *a, struct br *b)
{
	const char *key = b->cur >= 0 && (size_t)b->cur < b->n ? b->hits[b->cur].key : "";
	if (b->have_card && strcmp(key, b->sel) == 0)
		return;
	free_detail(b);
	snprintf(b->sel, sizeof b->sel, "%s", key);
	b->show_file = 0;
	if (!*key)
		return;
	if (review_card_load(a->db, key, &b->rc) != 0)
		return;
	if (cards_note_get(a->db, key, &b->note, NULL) != 0) {
		cards_note_clear(&b->note);
		review_card_free(&b->rc);
		return;
	}
	cards_history(a->db, key, &b->hist, NULL);
	b->have_card = 1;
}

static void run_search(struct app *a, struct br *b);

/* Moves the selection; near the end of the rows fetched, fetches more. */
static void
move_sel(struct app *a, struct br *b, enum tui_action act)
{
	tui_list_move(act, &b->cur, (int)b->n, b->list_rows);
	if ((size_t)b->cur + 1 >= b->n && b->total > b->n) {
		b->limit *= 2;
		snprintf(b->sel, sizeof b->sel, "%s", b->hits[b->cur].key);
		run_search(a, b);
	}
	load_detail(a, b);
}

/* Runs the search again, keeping the selection on the same card. */
static void
run_search(struct app *a, struct br *b)
{
	char keep[CARD_KEY_MAX];
	snprintf(keep, sizeof keep, "%s", b->sel);
	card_hits_free(b->hits, b->n);
	b->hits = NULL;
	b->n = b->total = 0;
	struct card_query q = {
		.text = lineedit_text(&b->q),
		.deck = b->deck[0] ? b->deck : NULL,
		.tag = b->tag[0] ? b->tag : NULL,
		.state = b->state,
		.sort = b->sort,
		.prefix_last = 1,
		.limit = b->limit,
		.count_max = BR_COUNT_MAX,
	};
	q.now = now_unix();
	q.day_end = day_end(q.now, b->set.rollover_hour);
	char *cause = NULL;
	b->err[0] = '\0';
	if (db_card_search(a->db, &q, &b->hits, &b->n, &b->total, &cause) != 0) {
		snprintf(b->err, sizeof b->err, "%s", cause);
		free(cause);
	}
	b->cur = 0;
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->hits[i].key, keep) == 0)
			b->cur = (int)i;
	/* The detail is loaded again: the card's state or text may have
	 * changed. */
	free_detail(b);
	load_detail(a, b);
}

static void *
browser_open(struct app *a, const void *arg)
{
	const char *query = arg;
	struct br *b = xcalloc(1, sizeof *b);
	lineedit_init(&b->q, query, 0, 400);
	b->searching = 1;
	b->limit = BR_LIMIT;
	settings_load(a->db, &b->set);
	run_search(a, b);
	return b;
}

static void
browser_close(struct app *a, void *st)
{
	struct br *b = st;
	free_detail(b);
	card_hits_free(b->hits, b->n);
	lineedit_free(&b->q);
	if (b->picking)
		picker_free(&b->pk);
	if (b->tagging)
		lineedit_free(&b->tagle);
	free(b);
}

static void
browser_resume(struct app *a, void *st)
{
	struct br *b = st;
	settings_load(a->db, &b->set);
	run_search(a, b);
}

static const char *
state_short(const struct card_hit *h)
{
	static const char *const w[] = { "new", "learn", "review", "relearn" };
	return h->state >= 0 && h->state <= 3 ? w[h->state] : "?";
}

static void
draw_row(struct app *a, struct br *b, int i, int y, int cols)
{
	const struct card_hit *h = &b->hits[i];
	int sel = i == b->cur;
	attr_t base =
	        sel ? (b->searching ? A_BOLD | A_UNDERLINE : tui_attr(a, C_SELECT)) : A_NORMAL;
	if (sel && !b->searching) {
		move(y, 0);
		for (int x = 0; x < cols; x++)
			addch(' ' | tui_attr(a, C_SELECT));
	}
	char marks[4] = "   ";
	marks[0] = h->override ? (h->changed ? '!' : 'e') : h->user ? '+' : ' ';
	marks[1] = h->suspended ? 's' : h->buried_until > now_unix() ? 'b' : ' ';
	marks[2] = h->flag ? 'f' : h->leech ? 'l' : ' ';
	char due[16] = "";
	if (h->state > 0) {
		int64_t today = day_number(now_unix(), b->set.rollover_hour);
		int64_t d = day_number(h->due, b->set.rollover_hour);
		if (d <= today)
			snprintf(due, sizeof due, "today");
		else {
			int yy, mm, dd;
			civil_from_days(d, &yy, &mm, &dd);
			snprintf(due, sizeof due, "%02d-%02d", mm, dd);
		}
	}
	tui_put(y, 1, marks, 3, base | (h->changed ? tui_attr(a, C_WARN) | A_BOLD : 0));
	int kw = cols >= 100 ? 26 : 18, dw = cols >= 100 ? 18 : 12;
	int x = 5;
	tui_put(y, x, h->key, kw, base);
	x += kw + 1;
	tui_put(y, x, h->deck_id, dw, base | (sel ? 0 : tui_attr(a, C_DIM)));
	x += dw + 1;
	tui_put(y, x, state_short(h), 7, base);
	x += 8;
	tui_put(y, x, due, 5, base);
	x += 6;
	/* One line, cloze markers shown as their text. */
	char *front = xstrdup(h->front), *w = front;
	for (const char *p = h->front; *p; p++) {
		if (p[0] == '{' && p[1] == '{' && p[2] == 'c' && p[3] && p[4] == ':' &&
		    p[5] == ':') {
			p += 5;
			continue;
		}
		if (p[0] == '}' && p[1] == '}') {
			p++;
			continue;
		}
		*w++ = *p == '\n' ? ' ' : *p;
	}
	*w = '\0';
	tui_put(y, x, front, cols - x - 1, base);
	free(front);
}

/* The right column of the detail: memory and history. */
static void
draw_memory(struct app *a, struct br *b, int y0, int x0, int h, int w)
{
	const struct review_card *c = &b->rc;
	char buf[160];
	int y = y0;
	if (c->fc.state == 0) {
		tui_put(y++, x0, "New: not studied yet", w, A_BOLD);
	} else {
		char due[32];
		fmt_date(day_number(c->fc.due, b->set.rollover_hour), due, sizeof due);
		snprintf(buf, sizeof buf, "%s · due %s", review_state_name(c->fc.state), due);
		tui_put(y++, x0, buf, w, A_BOLD);
		struct fsrs_params p;
		settings_fsrs_params(&b->set, &p);
		double r = fsrs_retrievability(&p, &c->fc, now_unix());
		snprintf(buf, sizeof buf, "S %.1fd  D %.1f  R %.0f%%", c->fc.stability,
		         c->fc.difficulty, r * 100.0);
		tui_put(y++, x0, buf, w, A_NORMAL);
	}
	snprintf(buf, sizeof buf, "%d reps, %d lapses%s%s%s", c->fc.reps, c->fc.lapses,
	         c->suspended ? " · suspended" : "", c->flag ? " · flagged" : "",
	         c->leech ? " · leech" : "");
	tui_put(y++, x0, buf, w, tui_attr(a, C_DIM));
	snprintf(buf, sizeof buf, "%s%s",
	         b->note.user       ? "your card · "
	         : b->note.override ? "your version · "
	                            : "",
	         c->deck_id);
	tui_put(y++, x0, buf, w, tui_attr(a, C_DIM));
	if (y >= y0 + h)
		return;
	tui_put(y++, x0, b->hist.nrev ? "History (newest first)" : "No reviews yet", w,
	        tui_attr(a, C_TITLE));
	static const char *const rn[] = { "?", "again", "hard", "good", "easy" };
	for (size_t i = b->hist.nrev; i-- > 0 && y < y0 + h;) {
		const struct card_review_entry *e = &b->hist.rev[i];
		char day[16], ivl[16];
		fmt_date(day_number(e->at, b->set.rollover_hour), day, sizeof day);
		review_fmt_interval(e->due - e->at, ivl, sizeof ivl);
		snprintf(buf, sizeof buf, "%s %-5s %s", day, rn[e->rating & 7 ? e->rating : 0],
		         e->cram ? "cram" : ivl);
		tui_put(y++, x0, buf, w, A_NORMAL);
	}
}

static void
draw_detail(struct app *a, struct br *b, int y0, int h, int cols)
{
	if (!b->have_card) {
		tui_put(y0, 2, b->n ? "" : "No card matches.", cols - 4, tui_attr(a, C_DIM));
		return;
	}
	int rw = cols >= 100 ? 40 : 30, lw = cols - rw - 4;
	const struct card_note *n = &b->note;
	const struct review_card *c = &b->rc;
	struct tlayout l = { 0 };
	int y = y0;
	if (n->override && n->file_changed) {
		/* Both texts, field by field where they differ. */
		tui_put(y++, 2, "! The curriculum's text changed (R takes it)", lw,
		        tui_attr(a, C_WARN) | A_BOLD);
		const char *names[] = { "front", "back", "note" };
		const char *mine[] = { n->front, n->back, n->note };
		const char *file[] = { n->file_front, n->file_back, n->file_note };
		struct text_opts o = { .base = 0 }, dim = { .base = TS_DIM };
		for (int i = 0; i < 3; i++) {
			if (strcmp(mine[i], file[i]) == 0)
				continue;
			char *s1 = xprintf("**Your %s:** %s", names[i], mine[i]);
			char *s2 = xprintf("**Curriculum's %s now:** %s", names[i], file[i]);
			text_layout(&l, s1, lw, &o);
			text_layout(&l, s2, lw, &dim);
			free(s1);
			free(s2);
		}
	} else if (n->override && b->show_file) {
		tui_put(y++, 2, "The curriculum's text (v: yours)", lw, tui_attr(a, C_ACCENT));
		struct content_card cc[10];
		int k = content_expand_text(n->note_id, n->file_kind, n->file_front, n->file_back,
		                            cc);
		int which = 0;
		for (int i = 0; i < k; i++)
			if (strcmp(cc[i].key, c->key) == 0)
				which = i;
		if (k > 0)
			cardview_layout(&l, cc[which].kind, cc[which].front, cc[which].back,
			                n->file_note, cc[which].cloze, 1, lw);
	} else {
		if (n->override)
			tui_put(y++, 2,
			        "Your version of a curriculum card (v: the curriculum's text)", lw,
			        tui_attr(a, C_ACCENT));
		cardview_layout(&l, c->kind, c->front, c->back, c->note, c->cloze, 1, lw);
	}
	cardview_draw(a, &l, y, 2, 0, y0 + h - y);
	if (l.n > y0 + h - y)
		tui_put(y0 + h - 1, lw, "…", 1, tui_attr(a, C_DIM));
	text_free(&l);
	for (int r = y0; r < y0 + h; r++)
		tui_put(r, cols - rw - 2, "\xe2\x94\x82", 1, tui_attr(a, C_DIM));
	draw_memory(a, b, y0, cols - rw, h, rw - 1);
}

static void
browser_draw(struct app *a, void *st, int lines, int cols)
{
	struct br *b = st;
	char head[200], filt[200];
	if (b->total > b->n)
		snprintf(head, sizeof head, "Browse · %zu of %s%zu cards", b->n,
		         b->total >= BR_COUNT_MAX ? "over " : "", b->total);
	else
		snprintf(head, sizeof head, "Browse · %zu card%s", b->n, b->n == 1 ? "" : "s");
	tui_put(0, 1, head, cols / 2, tui_attr(a, C_TITLE) | A_BOLD);
	snprintf(filt, sizeof filt, "deck:%s tag:%s state:%s sort:%s", b->deck[0] ? b->deck : "all",
	         b->tag[0] ? b->tag : "any", b->state ? card_state_names[b->state] : "any",
	         card_sort_names[b->sort]);
	int fw = tui_width(filt);
	tui_put(0, cols - fw - 1 > cols / 2 ? cols - fw - 1 : cols / 2, filt, cols / 2 - 1,
	        tui_attr(a, C_DIM));
	/* The search line. */
	tui_put(1, 1, "Search:", 8, b->searching ? tui_attr(a, C_ACCENT) | A_BOLD : A_BOLD);
	if (b->searching) {
		lineedit_draw(&b->q, 1, 9, cols - 10, A_NORMAL);
	} else {
		const char *t = lineedit_text(&b->q);
		tui_put(1, 9, *t ? t : "(all cards; / to search)", cols - 10,
		        *t ? A_NORMAL : tui_attr(a, C_DIM));
	}
	int detail_h = lines >= 30 ? 12 : 9;
	int list_y = 3, list_end = lines - detail_h - 2;
	b->list_rows = list_end - list_y;
	if (b->err[0]) {
		struct tlayout l = { 0 };
		struct text_opts o = { .base = TS_BAD };
		text_layout(&l, b->err, cols - 4, &o);
		cardview_draw(a, &l, list_y, 2, 0, b->list_rows);
		text_free(&l);
	} else {
		tui_put(2, 1,
		        cols >= 100 ? "    Card                       Deck               "
		                      "State   Due   Front"
		                    : "    Card               Deck         State   Due   "
		                      "Front",
		        cols - 2, tui_attr(a, C_DIM));
		if (b->cur < b->top)
			b->top = b->cur;
		if (b->cur >= b->top + b->list_rows)
			b->top = b->cur - b->list_rows + 1;
		for (int r = 0; r < b->list_rows && (size_t)(b->top + r) < b->n; r++)
			draw_row(a, b, b->top + r, list_y + r, cols);
		if (b->n == 0)
			tui_put(list_y, 5, "No card matches.", cols - 6, tui_attr(a, C_DIM));
	}
	tui_hline(list_end, 0, cols, tui_attr(a, C_DIM));
	draw_detail(a, b, list_end + 1, detail_h, cols);
	const char *hint =
	        b->confirm_delete ? "Delete this card of yours? y = delete (its "
	                            "reviews stay in the log; u undoes), any other key "
	                            "= keep"
	        : b->tagging      ? "Tag to show (Enter; empty for any tag, Esc cancels):"
	        : b->searching
	                ? "Type to search: word* prefix, \"a phrase\", OR, NOT · "
	                  "Up/Down · Enter: the list"
	                : "e edit · a add · s/f/b suspend/flag/bury · r reset · m move · D del "
	                  "· u undo · ? all";
	tui_put(lines - 1, 1, hint, cols - 2,
	        b->confirm_delete ? tui_attr(a, C_WARN) | A_BOLD : tui_attr(a, C_DIM));
	if (b->tagging) {
		int x = tui_width(hint) + 3;
		move(lines - 1, x);
		lineedit_draw(&b->tagle, lines - 1, x, cols - x - 1, A_NORMAL);
	}
	if (b->picking)
		picker_draw(&b->pk, a, lines, cols);
}

static void
open_picker(struct app *a, struct br *b, enum pick_what what)
{
	static const char *const state_help[CS__COUNT] = {
		"in any state",
		"new (not studied yet)",
		"learning",
		"in review",
		"suspended",
		"buried",
		"flagged",
		"leeches",
		"due today",
		"yours (written in prepdeck)",
		"your versions of curriculum cards",
		"your versions whose curriculum text changed",
	};
	static const char *const sort_help[SORT__COUNT] = {
		"the order cards came in",
		"best match first (with a search)",
		"deck, then place in the deck",
		"next due first",
		"hardest first",
		"most forgotten first",
	};
	b->pick_what = what;
	if (what == PW_STATE) {
		const char *names[CS__COUNT];
		memcpy(names, card_state_names, sizeof names);
		names[CS_ANY] = "all";
		picker_init(&b->pk, "Show cards that are", NULL, NULL);
		picker_add_names(&b->pk, names, state_help, CS__COUNT, names[b->state]);
	} else if (what == PW_SORT) {
		picker_init(&b->pk, "Sort by", NULL, NULL);
		picker_add_names(&b->pk, card_sort_names, sort_help, SORT__COUNT,
		                 card_sort_names[b->sort]);
	} else if (what == PW_DECK) {
		picker_init(&b->pk, "Show one deck", NULL, NULL);
		picker_add(&b->pk, "", "all decks");
		picker_add_decks(&b->pk, a->db, b->deck);
	} else {
		picker_init(&b->pk, "Move the card to", "New deck...",
		            "New deck id (lowercase letters, digits, '-', '_', '.'):");
		picker_add_decks(&b->pk, a->db, NULL);
	}
	b->picking = 1;
}

static void
picked(struct app *a, struct br *b, const char *v)
{
	char *cause = NULL;
	switch (b->pick_what) {
	case PW_DECK:
		snprintf(b->deck, sizeof b->deck, "%s", v);
		break;
	case PW_STATE:
		card_state_parse(v, &b->state);
		break;
	case PW_SORT:
		card_sort_parse(v, &b->sort);
		break;
	case PW_MOVE:
		if (cards_move(a->db, b->sel, v, &cause) != 0) {
			if (!content_valid_id(v)) {
				snprintf(b->pk.msg, sizeof b->pk.msg, "%s", cause);
				free(cause);
				return;
			}
			tui_message(a, "%s", cause);
			free(cause);
		} else {
			tui_message(a, "Moved %s to %s (u undoes)", b->sel, v);
		}
		break;
	}
	picker_free(&b->pk);
	b->picking = 0;
	run_search(a, b);
}

/* Runs an action on the selected card and says how it went. */
static void
act_done(struct app *a, struct br *b, int rc, char *cause, const char *fmt)
{
	if (rc < 0) {
		tui_message(a, "%s", cause ? cause : "failed");
	} else {
		tui_message(a, fmt, b->sel);
	}
	free(cause);
	run_search(a, b);
}

/* A key for the open picker (deck, state, sort or move). */
static int
picker_input(struct app *a, struct br *b, int key, int iscode)
{
	const char *v = NULL;
	enum picker_result r = picker_key(&b->pk, key, iscode, &v);
	if (r == PK_PICKED) {
		picked(a, b, v);
	} else if (r == PK_CANCEL) {
		picker_free(&b->pk);
		b->picking = 0;
	}
	return 1;
}

/* A key for the tag filter being typed. */
static int
tag_input(struct app *a, struct br *b, int key, int iscode)
{
	enum le_result r = lineedit_key(&b->tagle, key, iscode);
	if (r == LE_SAVE) {
		snprintf(b->tag, sizeof b->tag, "%s", lineedit_text(&b->tagle));
		lineedit_free(&b->tagle);
		b->tagging = 0;
		run_search(a, b);
	} else if (r == LE_CANCEL) {
		lineedit_free(&b->tagle);
		b->tagging = 0;
	}
	return 1;
}

/* A key for the search line: arrows still move in the list; Esc, Enter
 * and Tab leave it; a changed query searches again. */
static int
search_input(struct app *a, struct br *b, int key, int iscode)
{
	if (iscode && (key == KEY_UP || key == KEY_DOWN || key == KEY_PPAGE || key == KEY_NPAGE)) {
		enum tui_action m = key == KEY_UP      ? ACT_UP
		                    : key == KEY_DOWN  ? ACT_DOWN
		                    : key == KEY_PPAGE ? ACT_PGUP
		                                       : ACT_PGDOWN;
		move_sel(a, b, m);
		return 1;
	}
	if ((!iscode && (key == 27 || key == '\r' || key == '\n' || key == '\t')) ||
	    (iscode && key == KEY_ENTER)) {
		b->searching = 0;
		return 1;
	}
	char *before = xstrdup(lineedit_text(&b->q));
	lineedit_key(&b->q, key, iscode);
	if (strcmp(before, lineedit_text(&b->q)) != 0) {
		b->sel[0] = '\0';
		b->limit = BR_LIMIT;
		run_search(a, b);
	}
	free(before);
	return 1;
}

/* An action on the selected card. */
static int
card_input(struct app *a, struct br *b, enum tui_action act)
{
	char *cause = NULL;
	switch (act) {
	case ACT_CARD_EDIT: {
		struct cardedit_start start = { .what = CE_START_EDIT, .card = b->sel };
		tui_push(a, &cardedit_screen, &start);
		return 1;
	}
	case ACT_SUSPEND:
		act_done(a, b, cards_suspend(a->db, b->sel, !b->rc.suspended, &cause), cause,
		         b->rc.suspended ? "Unsuspended %s (u undoes)" : "Suspended %s (u undoes)");
		return 1;
	case ACT_FLAG: {
		int r = cards_flag(a->db, b->sel, &cause);
		act_done(a, b, r, cause, r == 1 ? "Flagged %s" : "Flag removed from %s");
		return 1;
	}
	case ACT_BURY:
		act_done(a, b,
		         cards_bury(a->db, b->sel, day_end(now_unix(), b->set.rollover_hour),
		                    &cause),
		         cause, "Buried %s until tomorrow (u undoes)");
		return 1;
	case ACT_CARD_RESET:
		act_done(a, b, cards_reset(a->db, b->sel, &cause), cause,
		         "Reset %s to new (u undoes)");
		return 1;
	case ACT_CARD_MOVE:
		if (!b->note.user) {
			tui_message(a, "Curriculum cards stay in their deck");
			return 1;
		}
		open_picker(a, b, PW_MOVE);
		return 1;
	case ACT_CARD_DELETE:
		if (!b->note.user)
			tui_message(a, "Curriculum cards stay; s suspends");
		else
			b->confirm_delete = 1;
		return 1;
	case ACT_CARD_REVERT:
		act_done(a, b, cards_revert(a->db, b->sel, &cause), cause,
		         "Reverted %s (u undoes)");
		return 1;
	case ACT_CARD_COMPARE:
		if (!b->note.override)
			tui_message(a, "Only your versions have a second text");
		else
			b->show_file = !b->show_file;
		return 1;
	default:
		return 0;
	}
}

static int
browser_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct br *b = st;
	int iscode = !a->key_char;
	/* F1 still opens the help while typing in the search. */
	if (iscode && (key == KEY_RESIZE || key == KEY_F(1)))
		return 0;
	if (b->picking)
		return picker_input(a, b, key, iscode);
	if (b->tagging)
		return tag_input(a, b, key, iscode);
	if (b->confirm_delete) {
		b->confirm_delete = 0;
		if (!iscode && (key == 'y' || key == 'Y')) {
			char *cause = NULL;
			act_done(a, b, cards_delete(a->db, b->sel, &cause), cause,
			         "Deleted %s (u undoes)");
		}
		return 1;
	}
	if (b->searching)
		return search_input(a, b, key, iscode);
	if (act == ACT_UP || act == ACT_DOWN || act == ACT_PGUP || act == ACT_PGDOWN ||
	    act == ACT_TOP || act == ACT_BOTTOM) {
		move_sel(a, b, act);
		return 1;
	}
	char *cause = NULL;
	int have = b->have_card;
	switch (act) {
	case ACT_BROWSE:
	case ACT_SEARCH:
		b->searching = 1;
		return 1;
	case ACT_ADD: {
		struct cardedit_start start = { .what = CE_START_NEW, .deck = b->deck };
		tui_push(a, &cardedit_screen, b->deck[0] ? &start : NULL);
		return 1;
	}
	case ACT_FILTER_DECK:
		open_picker(a, b, PW_DECK);
		return 1;
	case ACT_FILTER_STATE:
		open_picker(a, b, PW_STATE);
		return 1;
	case ACT_SORT:
		open_picker(a, b, PW_SORT);
		return 1;
	case ACT_FILTER_TAG:
		lineedit_init(&b->tagle, b->tag, 0, 64);
		b->tagging = 1;
		return 1;
	case ACT_UNDO: {
		char *what = NULL;
		if (cards_undo(a->db, &what, &cause) != 0)
			tui_message(a, "%s", cause);
		else
			tui_message(a, "%c%s", what[0] - 32, what + 1);
		free(what);
		free(cause);
		run_search(a, b);
		return 1;
	}
	default:
		break;
	}
	if (!have) {
		if (act == ACT_CARD_EDIT || act == ACT_SUSPEND || act == ACT_FLAG ||
		    act == ACT_BURY || act == ACT_CARD_RESET || act == ACT_CARD_MOVE ||
		    act == ACT_CARD_DELETE || act == ACT_CARD_REVERT || act == ACT_CARD_COMPARE) {
			tui_message(a, "No card selected");
			return 1;
		}
		return 0;
	}
	return card_input(a, b, act);
}

static const struct tui_key browser_keys[] = {
	{ '\t', ACT_SEARCH, "Tab", "Type in the search (Enter or Esc returns to the list)" },
	{ 'e', ACT_CARD_EDIT, "e/Enter", NULL },
	{ '\r', ACT_CARD_EDIT, NULL, NULL },
	{ KEY_ENTER, ACT_CARD_EDIT, NULL, NULL },
	{ 'a', ACT_ADD, "a", NULL },
	{ 's', ACT_SUSPEND, "s", "Suspend or unsuspend the card" },
	{ 'f', ACT_FLAG, "f", NULL },
	{ 'b', ACT_BURY, "b", NULL },
	{ 'r', ACT_CARD_RESET, "r", NULL },
	{ 'm', ACT_CARD_MOVE, "m", NULL },
	{ 'D', ACT_CARD_DELETE, "D", NULL },
	{ 'R', ACT_CARD_REVERT, "R", NULL },
	{ 'v', ACT_CARD_COMPARE, "v", NULL },
	{ 'u', ACT_UNDO, "u", "Undo the last change to a card (repeatable)" },
	{ 'd', ACT_FILTER_DECK, "d", NULL },
	{ 't', ACT_FILTER_TAG, "t", NULL },
	{ 'S', ACT_FILTER_STATE, "S", NULL },
	{ 'o', ACT_SORT, "o", NULL },
	/* Not a key (-1 is never pressed): the help explains the marks. */
	{ -1, ACT_NONE, "marks",
	  "+ yours, e your version, ! curriculum text "
	  "changed, s suspended, b buried, f flagged, l leech" },
	{ 0, ACT_NONE, NULL, NULL },
};

const struct screen_ops browser_screen = {
	.name = "Browse",
	.open = browser_open,
	.close = browser_close,
	.draw = browser_draw,
	.input = browser_input,
	.keys = browser_keys,
	.resume = browser_resume,
};
