/* The card editor: add a card of your own or edit any card, with a live
 * preview of the cards as the review will show them (cloze numbers
 * included). Tab moves between the deck (Enter picks from a list, the
 * decks used last first, or makes a new one), the kind, when it is due,
 * and the text fields (the multi-line editor); F2 or Ctrl-S saves, Esc
 * leaves (asking first when something was typed). What is typed is kept
 * as a draft in the database as it is typed, so a crash loses nothing:
 * the next start opens the editor on it again. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cards.h"
#include "tui/app.h"
#include "tui/cardview.h"
#include "tui/picker.h"
#include "tui/textedit.h"
#include "util.h"

enum field { F_DECK, F_KIND, F_DUE, F_FRONT, F_BACK, F_NOTE, F_TAGS, F__COUNT };
enum { T_FRONT, T_BACK, T_NOTE, T_TAGS, T__COUNT };

static const char *const kind_names[] = { "basic", "reverse", "cloze", "typein" };
static const char *const kind_labels[] = {
	"basic",
	"basic + reverse",
	"cloze",
	"type-in",
};
#define NKINDS 4

struct ce {
	int editing;           /* an existing note */
	struct card_note orig; /* its text when opened */
	char deck[ID_MAX + 1];
	int kind, due_now;
	struct textedit *te[T__COUNT];
	enum field field;
	int confirm; /* asking whether to discard */
	int dup_ok;  /* F2 again adds despite the same front */
	int picking;
	struct picker pk;
	char msg[300];
	int msg_bad;
	char *saved_draft; /* the fields as last written to the draft */
	int added;
};

static int
kind_index(const char *k)
{
	for (int i = 0; i < NKINDS; i++)
		if (strcmp(kind_names[i], k) == 0)
			return i;
	return 0;
}

static const char *
field_title(struct ce *e, int t)
{
	int cloze = e->kind == 2, typein = e->kind == 3;
	switch (t) {
	case T_FRONT:
		return cloze ? "Cloze text: {{c1::hidden}}, c2..." : typein ? "Question" : "Front";
	case T_BACK:
		return typein ? "Answer (what you will type)" : "Back";
	case T_NOTE:
		return "Note (shown with the answer)";
	default:
		return "Tags (words, separated by spaces or commas)";
	}
}

static void
set_editor(struct ce *e, int t, const char *text)
{
	textedit_free(e->te[t]);
	e->te[t] = textedit_new(field_title(e, t), text, t != T_TAGS,
	                        t == T_TAGS ? 4096 : CARD_TEXT_MAX, 0);
}

/* The form as a note (caller clears it). */
static void
form_note(struct ce *e, struct card_note *n)
{
	cards_note_init(n);
	if (e->editing)
		snprintf(n->note_id, sizeof n->note_id, "%s", e->orig.note_id);
	cards_note_set(n, "deck", e->deck, NULL);
	cards_note_set(n, "kind", kind_names[e->kind], NULL);
	cards_note_set(n, "front", textedit_text(e->te[T_FRONT]), NULL);
	cards_note_set(n, "back", e->kind == 2 ? "" : textedit_text(e->te[T_BACK]), NULL);
	cards_note_set(n, "note", textedit_text(e->te[T_NOTE]), NULL);
	cards_note_set(n, "tags", textedit_text(e->te[T_TAGS]), NULL);
}

static int form_changed(struct ce *e);

/* Writes the draft when the form changed since it was last written; a
 * form with nothing to lose has no draft. */
static void
keep_draft(struct app *a, struct ce *e)
{
	if (!form_changed(e)) {
		if (e->saved_draft != NULL)
			cards_draft_clear(a->db);
		free(e->saved_draft);
		e->saved_draft = NULL;
		return;
	}
	struct card_note n;
	form_note(e, &n);
	char *now = xprintf("%s\x1f%s\x1f%d\x1f%s\x1f%s\x1f%s\x1f%s", n.deck_id, n.kind, e->due_now,
	                    n.front, n.back, n.note, n.tags);
	if (e->saved_draft == NULL || strcmp(now, e->saved_draft) != 0) {
		cards_draft_save(a->db, &n, e->due_now);
		free(e->saved_draft);
		e->saved_draft = now;
	} else {
		free(now);
	}
	cards_note_clear(&n);
}

/* True when the form holds something a cancel would lose: for a new
 * card any text, for an edit anything unlike the card. */
static int
form_changed(struct ce *e)
{
	if (!e->editing) {
		for (int t = 0; t < T_TAGS; t++)
			if (*textedit_text(e->te[t]))
				return 1;
		return 0;
	}
	const char *was[T__COUNT] = { e->orig.front, e->orig.back, e->orig.note, e->orig.tags };
	for (int t = 0; t < T__COUNT; t++)
		if (strcmp(textedit_text(e->te[t]), was[t]) != 0)
			return 1;
	return strcmp(e->deck, e->orig.deck_id) != 0 ||
	       strcmp(kind_names[e->kind], e->orig.kind) != 0;
}

static void message(struct ce *e, int bad, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static void
message(struct ce *e, int bad, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->msg_bad = bad;
}

static void
load_note(struct ce *e, const struct card_note *n)
{
	snprintf(e->deck, sizeof e->deck, "%s", n->deck_id);
	e->kind = kind_index(n->kind);
	set_editor(e, T_FRONT, n->front);
	set_editor(e, T_BACK, n->back);
	set_editor(e, T_NOTE, n->note);
	set_editor(e, T_TAGS, n->tags);
}

static void *
cardedit_open(struct app *a, const void *arg)
{
	const struct cardedit_start *start = arg;
	struct ce *e = xcalloc(1, sizeof *e);
	cards_note_init(&e->orig);
	struct card_note n;
	cards_note_init(&n);
	int draft = start && start->what == CE_START_DRAFT;
	if (draft && cards_draft_load(a->db, &n, &e->due_now)) {
		message(e, 0, "Brought back the card you were writing when prepdeck stopped.");
	} else if (start && start->what == CE_START_EDIT) {
		char *cause = NULL;
		cards_note_clear(&n);
		if (cards_note_get(a->db, start->card, &n, &cause) != 0) {
			tui_message(a, "%s", cause);
			free(cause);
			cards_note_clear(&n);
			cards_note_clear(&e->orig);
			free(e);
			return NULL;
		}
	} else {
		/* A new card goes to the deck used last, else the given one, else
		 * a deck of the learner's own. */
		const char *deck = start && start->what == CE_START_NEW ? start->deck : NULL;
		struct cards_deck *d;
		size_t nd;
		cards_decks(a->db, &d, &nd);
		char *last = db_setting(a->db, "cards_last_decks");
		cards_note_set(&n, "deck",
		               deck             ? deck
		               : last && nd > 0 ? d[0].id
		                                : "my-notes",
		               NULL);
		free(last);
		cards_decks_free(d, nd);
	}
	if (n.note_id[0]) {
		struct card_note o;
		if (cards_note_get(a->db, n.note_id, &o, NULL) == 0) {
			e->editing = 1;
			cards_note_clear(&e->orig);
			e->orig = o;
		} else {
			cards_note_clear(&o);
		}
	}
	load_note(e, &n);
	if (e->editing && e->orig.override && e->orig.file_changed && !e->msg[0])
		message(e, 0, "The curriculum's text changed since your edit; saving keeps yours.");
	cards_note_clear(&n);
	e->field = F_FRONT;
	keep_draft(a, e);
	return e;
}

static void
cardedit_close(struct app *a, void *st)
{
	struct ce *e = st;
	for (int t = 0; t < T__COUNT; t++)
		textedit_free(e->te[t]);
	if (e->picking)
		picker_free(&e->pk);
	cards_note_clear(&e->orig);
	free(e->saved_draft);
	free(e);
}

/* Fields Tab visits, in order. */
static int
field_shown(struct ce *e, enum field f)
{
	if (f == F_DUE)
		return !e->editing;
	if (f == F_BACK)
		return e->kind != 2;
	return 1;
}

static void
next_field(struct ce *e, int dir)
{
	int f = (int)e->field;
	do
		f = (f + dir + F__COUNT) % F__COUNT;
	while (!field_shown(e, (enum field)f));
	e->field = (enum field)f;
}

static int
field_editor(enum field f)
{
	switch (f) {
	case F_FRONT:
		return T_FRONT;
	case F_BACK:
		return T_BACK;
	case F_NOTE:
		return T_NOTE;
	case F_TAGS:
		return T_TAGS;
	default:
		return -1;
	}
}

/* Draws the text of an editor that does not have the focus. */
static void
draw_field(struct app *a, struct ce *e, int t, int y, int x, int h, int w)
{
	tui_put(y, x, field_title(e, t), w, tui_attr(a, C_DIM) | A_BOLD);
	const char *s = textedit_text(e->te[t]);
	int row = 1;
	while (row < h && *s) {
		size_t len = strcspn(s, "\n");
		char *line = xstrndup(s, len);
		tui_put(y + row++, x + 1, line, w - 1, A_NORMAL);
		free(line);
		s += len;
		if (*s == '\n')
			s++;
	}
	if (row == 1 && !*textedit_text(e->te[t]))
		tui_put(y + 1, x + 1, "(empty)", w - 1, tui_attr(a, C_DIM));
}

/* The preview: each card the note makes, as the review shows it. */
static void
draw_preview(struct app *a, struct ce *e, int y0, int x0, int h, int w)
{
	tui_put(y0, x0, "Preview, as reviewed", w, tui_attr(a, C_TITLE) | A_BOLD);
	struct card_note n;
	form_note(e, &n);
	char *cause = NULL;
	int y = y0 + 1, end = y0 + h;
	if (cards_note_check(&n, &cause) != 0) {
		/* Still show what there is, with what is missing. */
		struct tlayout l = { 0 };
		struct text_opts o = { .base = TS_DIM };
		text_layout(&l, cause, w, &o);
		cardview_draw(a, &l, y, x0, 0, end - y);
		y += l.n + 1;
		text_free(&l);
		free(cause);
		if (strcmp(n.kind, "cloze") == 0 || !*n.front) {
			cards_note_clear(&n);
			return;
		}
	}
	struct content_card cc[10];
	int k = content_expand_text(*n.note_id ? n.note_id : "new", n.kind, n.front, n.back, cc);
	for (int i = 0; i < k && y < end; i++) {
		char head[64];
		if (cc[i].cloze)
			snprintf(head, sizeof head, "Card %d of %d: c%d", i + 1, k, cc[i].cloze);
		else
			snprintf(head, sizeof head, "Card %d of %d: %s", i + 1, k,
			         strcmp(cc[i].kind, "reverse") == 0 ? "reverse" : cc[i].kind);
		tui_put(y++, x0, head, w, tui_attr(a, C_ACCENT));
		struct tlayout l = { 0 };
		cardview_layout(&l, cc[i].kind, cc[i].front, cc[i].back, i == k - 1 ? n.note : "",
		                cc[i].cloze, strcmp(cc[i].kind, "cloze") != 0, w);
		int rows = l.n < end - y ? l.n : end - y;
		cardview_draw(a, &l, y, x0, 0, rows);
		y += rows + 1;
		text_free(&l);
	}
	cards_note_clear(&n);
}

static void
cardedit_draw(struct app *a, void *st, int lines, int cols)
{
	struct ce *e = st;
	char title[200];
	if (!e->editing)
		snprintf(title, sizeof title, "Add a card%s", e->added ? "" : " of your own");
	else if (e->orig.user)
		snprintf(title, sizeof title, "Edit your card %s", e->orig.note_id);
	else
		snprintf(title, sizeof title, "Edit %s · kept as your version", e->orig.note_id);
	tui_put(0, 1, title, cols - 26, tui_attr(a, C_TITLE) | A_BOLD);
	tui_put(0, cols - 24, "F2 save · Esc close", 23, tui_attr(a, C_DIM));

	/* The choices line. */
	char deck[96], kind[40], due[40];
	snprintf(deck, sizeof deck, " Deck: %s ", e->deck);
	snprintf(kind, sizeof kind, " Kind: %s ", kind_labels[e->kind]);
	snprintf(due, sizeof due, " Due: %s ", e->due_now ? "at once" : "as a new card");
	int x = 1;
	const char *parts[3] = { deck, kind, due };
	for (int i = 0; i < 3; i++) {
		if (i == 2 && e->editing)
			break;
		attr_t at = (int)e->field == i ? tui_attr(a, C_SELECT) : A_BOLD;
		x += tui_put(1, x, parts[i], cols - x - 1, at) + 2;
	}
	tui_hline(2, 0, cols, tui_attr(a, C_DIM));

	int lw = cols * 3 / 5, pw = cols - lw - 2;
	int avail = lines - 4, htags = 3, hnote = 4, hback = e->kind == 2 ? 0 : 5;
	int hfront = avail - htags - hnote - hback;
	int heights[T__COUNT] = { hfront, hback, hnote, htags };
	int y = 3;
	int focus = field_editor(e->field);
	for (int t = 0; t < T__COUNT; t++) {
		if (heights[t] <= 0)
			continue;
		if (t == focus)
			textedit_draw(e->te[t], a, y, 0, heights[t], lw);
		else
			draw_field(a, e, t, y, 1, heights[t], lw - 1);
		y += heights[t];
	}
	for (int r = 3; r < lines - 1; r++)
		tui_put(r, lw, "\xe2\x94\x82", 1, tui_attr(a, C_DIM));
	draw_preview(a, e, 3, lw + 2, lines - 4, pw);

	const char *hint =
	        e->confirm           ? "Discard this card? y = discard, any other key = keep "
	                               "editing"
	        : e->msg[0]          ? e->msg
	        : e->field == F_DECK ? "Enter: pick a deck (or make one) · Tab next field"
	        : e->field == F_KIND ? "Space or Left/Right: change the kind · Tab next"
	        : e->field == F_DUE  ? "Space: due at once, or as a new card under the "
	                               "daily limit"
	                             : "Tab/Shift-Tab field · F2 or Ctrl-S save · Esc close";
	attr_t at = e->confirm || e->msg_bad ? tui_attr(a, C_WARN) | A_BOLD
	            : e->msg[0]              ? tui_attr(a, C_GOOD)
	                                     : tui_attr(a, C_DIM);
	tui_put(lines - 1, 1, hint, cols - 2, at);
	if (e->picking)
		picker_draw(&e->pk, a, lines, cols);
}

static void
open_deck_picker(struct app *a, struct ce *e)
{
	picker_init(&e->pk, "Deck (used last first)", "New deck...",
	            "New deck id (lowercase letters, digits, '-', '_', '.'):");
	if (!picker_add_decks(&e->pk, a->db, NULL)) {
		char label[120];
		snprintf(label, sizeof label, "%-22s (new deck)", e->deck);
		picker_add(&e->pk, e->deck, label);
	}
	picker_select(&e->pk, e->deck);
	e->picking = 1;
}

static void
clear_for_next(struct ce *e)
{
	set_editor(e, T_FRONT, "");
	set_editor(e, T_BACK, "");
	set_editor(e, T_NOTE, "");
	char *tags = xstrdup(textedit_text(e->te[T_TAGS]));
	set_editor(e, T_TAGS, tags);
	free(tags);
	e->field = F_FRONT;
	e->dup_ok = 0;
}

static void
save(struct app *a, struct ce *e)
{
	struct card_note n;
	form_note(e, &n);
	char *cause = NULL;
	if (e->editing) {
		if (cards_update(a->db, &n, &cause) != 0) {
			message(e, 1, "Not saved: %s", cause);
			free(cause);
			cards_note_clear(&n);
			return;
		}
		cards_draft_clear(a->db);
		tui_message(a, "Saved %s", n.note_id);
		cards_note_clear(&n);
		tui_pop(a);
		return;
	}
	int r = cards_add(a->db, &n, e->due_now, e->dup_ok, &cause);
	if (r == CARDS_DUPLICATE) {
		message(e, 1, "%s. F2 again adds it anyway.", cause);
		e->dup_ok = 1;
	} else if (r != 0) {
		message(e, 1, "Not saved: %s", cause);
	} else {
		struct content_card cc[10];
		int k = content_expand_text(n.note_id, n.kind, n.front, n.back, cc);
		e->added++;
		message(e, 0, "Added %s to %s (%d card%s%s). Write the next one, or Esc to leave.",
		        n.note_id, n.deck_id, k, k == 1 ? "" : "s",
		        e->due_now ? ", due at once" : "");
		clear_for_next(e);
		cards_draft_clear(a->db);
		free(e->saved_draft);
		e->saved_draft = NULL;
	}
	free(cause);
	cards_note_clear(&n);
}

static void
change_kind(struct ce *e, int dir)
{
	int k = (e->kind + dir + NKINDS) % NKINDS;
	if (e->editing) {
		/* Only basic and reverse turn into each other. */
		if (e->kind > 1) {
			message(e, 1, "A %s card keeps its kind (its reviews belong to it).",
			        kind_labels[e->kind]);
			return;
		}
		k = 1 - e->kind;
	}
	e->kind = k;
	/* The editors take the new kind's titles, keeping their text. */
	for (int t = 0; t < T__COUNT; t++) {
		char *text = xstrdup(textedit_text(e->te[t]));
		set_editor(e, t, text);
		free(text);
	}
}

static int
cardedit_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct ce *e = st;
	int iscode = !a->key_char;
	/* F1 still opens the help while every other key is text. */
	if (iscode && (key == KEY_RESIZE || key == KEY_F(1)))
		return 0;
	if (e->picking) {
		const char *v = NULL;
		enum picker_result r = picker_key(&e->pk, key, iscode, &v);
		if (r == PK_PICKED) {
			if (!content_valid_id(v)) {
				snprintf(e->pk.msg, sizeof e->pk.msg, "'%s' is not a valid deck id",
				         v);
				return 1;
			}
			snprintf(e->deck, sizeof e->deck, "%s", v);
			picker_free(&e->pk);
			e->picking = 0;
			keep_draft(a, e);
		} else if (r == PK_CANCEL) {
			picker_free(&e->pk);
			e->picking = 0;
		}
		return 1;
	}
	if (e->confirm) {
		e->confirm = 0;
		if (!iscode && (key == 'y' || key == 'Y')) {
			cards_draft_clear(a->db);
			tui_pop(a);
		}
		return 1;
	}
	e->msg[0] = '\0';
	if ((iscode && key == KEY_F(2)) || (!iscode && key == 19)) {
		save(a, e);
		return 1;
	}
	if (!iscode && key == 27) {
		if (form_changed(e))
			e->confirm = 1;
		else {
			cards_draft_clear(a->db);
			tui_pop(a);
		}
		return 1;
	}
	if (!iscode && key == '\t') {
		next_field(e, 1);
		return 1;
	}
	if (iscode && key == KEY_BTAB) {
		next_field(e, -1);
		return 1;
	}
	int t = field_editor(e->field);
	if (t < 0) {
		int enter =
		        (!iscode && (key == '\r' || key == '\n')) || (iscode && key == KEY_ENTER);
		int left = iscode && key == KEY_LEFT, right = iscode && key == KEY_RIGHT;
		int space = !iscode && key == ' ';
		if (e->field == F_DECK && (enter || space)) {
			if (e->editing && !e->orig.user)
				message(e, 1, "A curriculum card stays in its deck.");
			else
				open_deck_picker(a, e);
		} else if (e->field == F_KIND && (left || right || space || enter)) {
			change_kind(e, left ? -1 : 1);
		} else if (e->field == F_DUE && (left || right || space || enter)) {
			e->due_now = !e->due_now;
		} else if ((iscode && key == KEY_DOWN) || enter) {
			next_field(e, 1);
		} else if (iscode && key == KEY_UP) {
			next_field(e, -1);
		}
		keep_draft(a, e);
		return 1;
	}
	const char *before = textedit_text(e->te[T_FRONT]);
	char *front = xstrdup(before);
	enum te_result r = textedit_key(e->te[t], key, iscode);
	if (strcmp(front, textedit_text(e->te[T_FRONT])) != 0)
		e->dup_ok = 0;
	free(front);
	if (r == TE_SAVE)
		save(a, e);
	else
		keep_draft(a, e);
	return 1;
}

static const struct tui_key cardedit_keys[] = {
	{ KEY_F(2), ACT_NONE, "F2/Ctrl-S", "Save the card (a new one: then write the next)" },
	{ '\t', ACT_NONE, "Tab", "Next field: deck, kind, due, front, back, note, tags" },
	{ KEY_BTAB, ACT_NONE, "Shift-Tab", "Previous field" },
	{ 27, ACT_NONE, "Esc", "Leave (asks first when something was typed)" },
	{ 0, ACT_NONE, NULL, NULL },
};

const struct screen_ops cardedit_screen = {
	.name = "Card",
	.open = cardedit_open,
	.close = cardedit_close,
	.draw = cardedit_draw,
	.input = cardedit_input,
	.keys = cardedit_keys,
};
