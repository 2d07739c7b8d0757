#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cards.h"
#include "util.h"

static const char *const kinds[] = { "basic", "reverse", "cloze", "typein" };

/* ---- notes in memory ------------------------------------------------ */

static void
set_str(char **p, const char *v)
{
	free(*p);
	*p = xstrdup(v ? v : "");
}

void
cards_note_init(struct card_note *n)
{
	memset(n, 0, sizeof *n);
	n->deck_id = xstrdup("");
	n->kind = xstrdup("basic");
	n->front = xstrdup("");
	n->back = xstrdup("");
	n->note = xstrdup("");
	n->tags = xstrdup("");
	n->src = xstrdup("");
}

void
cards_note_clear(struct card_note *n)
{
	free(n->deck_id);
	free(n->kind);
	free(n->front);
	free(n->back);
	free(n->note);
	free(n->tags);
	free(n->file_kind);
	free(n->file_front);
	free(n->file_back);
	free(n->file_note);
	free(n->file_tags);
	free(n->src);
	memset(n, 0, sizeof *n);
}

int
cards_note_set(struct card_note *n, const char *field, const char *value, char **cause)
{
	if (strcmp(field, "front") == 0)
		set_str(&n->front, value);
	else if (strcmp(field, "back") == 0)
		set_str(&n->back, value);
	else if (strcmp(field, "note") == 0)
		set_str(&n->note, value);
	else if (strcmp(field, "tags") == 0)
		set_str(&n->tags, value);
	else if (strcmp(field, "deck") == 0)
		set_str(&n->deck_id, value);
	else if (strcmp(field, "kind") == 0)
		set_str(&n->kind, value);
	else
		return fail(cause, "unknown field '%s' (front, back, note, tags, deck or kind)",
		            field);
	return 0;
}

/* " a b " (a stored word list) from "a b"; "" for none. */
static char *
word_list(const char *plain)
{
	if (*plain == '\0')
		return xstrdup("");
	return xprintf(" %s ", plain);
}

/* "a b" from a stored word list " a b ". */
static char *
plain_words(const char *wl)
{
	while (*wl == ' ')
		wl++;
	char *s = xstrdup(wl);
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/* Appends word w and a space to s (which starts with a space) unless
 * s already holds it. */
static void
add_word_once(struct sbuf *s, const char *w)
{
	char *needle = xprintf(" %s ", w);
	if (strstr(s->s, needle) == NULL) {
		sbuf_add(s, w);
		sbuf_addc(s, ' ');
	}
	free(needle);
}

/* The words of a and then those of b that a lacks, as "a b". */
static char *
join_words(const char *a, const char *b)
{
	struct sbuf s;
	sbuf_init(&s);
	sbuf_add(&s, " ");
	const char *lists[2] = { a, b };
	for (int l = 0; l < 2; l++) {
		char *t = xstrdup(lists[l]);
		for (char *w = strtok(t, " "); w; w = strtok(NULL, " "))
			add_word_once(&s, w);
		free(t);
	}
	char *r = plain_words(s.s);
	sbuf_free(&s);
	return r;
}

static int
kind_known(const char *k)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(k, kinds[i]) == 0)
			return 1;
	return 0;
}

void
cards_item_text(const struct content_card *c, int n, const char **kind, const char **front,
                const char **back)
{
	*kind = n == 2 && strcmp(c[1].kind, "reverse") == 0 ? "reverse" : c[0].kind;
	*front = c[0].front;
	*back = strcmp(c[0].kind, "cloze") == 0 ? "" : c[0].back;
}

/* ---- checking ------------------------------------------------------- */

/* A cloze deletion whose text is only blanks ({{c1:: }}), or NULL. */
static const char *
blank_deletion(const char *s)
{
	for (const char *p = strstr(s, "{{c"); p; p = strstr(p + 2, "{{c")) {
		const char *t = p + 6, *end = strstr(t, "}}");
		if (end == NULL)
			return NULL;
		while (t < end && (*t == ' ' || *t == '\t' || *t == '\n'))
			t++;
		/* {{c1::::hint}}: the hidden text is before the hint. */
		if (t == end || (t + 1 < end && t[0] == ':' && t[1] == ':'))
			return p;
	}
	return NULL;
}

int
cards_note_check(struct card_note *n, char **cause)
{
	if (!kind_known(n->kind))
		return fail(cause, "unknown kind '%s' (basic, reverse, cloze or typein)", n->kind);
	if (!content_valid_id(n->deck_id))
		return fail(cause,
		            "'%s' is not a valid deck id (use lowercase letters, digits, "
		            "'-', '_' or '.', at most 64, starting with a letter or digit)",
		            n->deck_id);
	int cloze = strcmp(n->kind, "cloze") == 0, typein = strcmp(n->kind, "typein") == 0;
	char *front = text_clean(cloze ? "the cloze text" : "the front", n->front, CARD_TEXT_MAX, 1,
	                         cause);
	if (front == NULL)
		return -1;
	if (*front == '\0') {
		free(front);
		return fail(cause, cloze ? "the cloze text is empty" : "the front is empty");
	}
	char *back = NULL;
	if (cloze) {
		char *why = NULL;
		int mask = content_cloze_mask(front, &why);
		const char *blank = mask > 0 ? blank_deletion(front) : NULL;
		if (mask <= 0 || blank) {
			if (mask < 0)
				fail(cause, "the cloze text: %s", why);
			else if (blank)
				fail(cause, "the cloze text: deletion {{c%c:: hides no text",
				     blank[3]);
			else
				fail(cause, "a cloze card needs a deletion: write {{c1::hidden "
				            "text}} around what to hide");
			free(why);
			free(front);
			return -1;
		}
		back = xstrdup("");
	} else {
		back = text_clean(typein ? "the answer" : "the back", n->back, CARD_TEXT_MAX,
		                  !typein, cause);
		if (back == NULL) {
			free(front);
			return -1;
		}
		if (*back == '\0') {
			free(front);
			free(back);
			return fail(cause, typein ? "a type-in card needs an answer"
			                          : "the back is empty");
		}
	}
	char *note = text_clean("the note", n->note, CARD_TEXT_MAX, 1, cause);
	if (note == NULL) {
		free(front);
		free(back);
		return -1;
	}
	char *tags = text_clean("the tags", n->tags, 4096, 0, cause);
	if (tags == NULL) {
		free(front);
		free(back);
		free(note);
		return -1;
	}
	struct sbuf t;
	sbuf_init(&t);
	sbuf_add(&t, " ");
	for (char *w = strtok(tags, ", \t"); w; w = strtok(NULL, ", \t")) {
		if (!content_valid_tag(w)) {
			fail(cause,
			     "'%s' is not a valid tag (lowercase letters, digits, '-', "
			     "'_', ':')",
			     w);
			sbuf_free(&t);
			free(tags);
			free(front);
			free(back);
			free(note);
			return -1;
		}
		add_word_once(&t, w);
	}
	free(tags);
	free(n->front);
	free(n->back);
	free(n->note);
	free(n->tags);
	n->front = front;
	n->back = back;
	n->note = note;
	n->tags = plain_words(t.s);
	sbuf_free(&t);
	return 0;
}

/* ---- reading a note ------------------------------------------------- */

int
cards_note_get(struct db *db, const char *card, struct card_note *n, char **cause)
{
	cards_note_init(n);
	char *nid = db_text(db,
	                    "SELECT note_id FROM card WHERE key = ?1 UNION ALL "
	                    "SELECT note_id FROM card WHERE note_id = ?1 LIMIT 1",
	                    "t", card);
	if (nid == NULL)
		return fail(cause, "no card '%s'", card);
	snprintf(n->note_id, sizeof n->note_id, "%s", nid);
	int live = (int)db_int(db, 0,
	                       "SELECT count(*) FROM card WHERE note_id = ? AND "
	                       "retired = 0",
	                       "t", nid);
	n->retired = live == 0;
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT key, deck_id, kind, front, back, note, tags, src, line FROM card "
	        "WHERE note_id = ?1 AND (retired = 0 OR ?2) ORDER BY key = ?1 DESC, key",
	        "ti", nid, (int64_t)n->retired);
	int base = 0, has_rev = 0, cloze = 0, typein = 0;
	while (db_step(st)) {
		const char *key = db_col_text(st, 0), *kind = db_col_text(st, 2);
		if (strcmp(kind, "cloze") == 0)
			cloze = 1;
		else if (strcmp(kind, "typein") == 0)
			typein = 1;
		else if (strcmp(kind, "reverse") == 0 && str_prefix(key, nid) &&
		         strcmp(key + strlen(nid), ":r") == 0)
			has_rev = 1;
		if (base++)
			continue;
		set_str(&n->deck_id, db_col_text(st, 1));
		set_str(&n->front, db_col_text(st, 3));
		set_str(&n->back, db_col_text(st, 4));
		set_str(&n->note, db_col_text(st, 5));
		free(n->tags);
		n->tags = plain_words(db_col_text(st, 6));
		set_str(&n->src, db_col_text(st, 7));
		n->line = (int)db_col_int(st, 8);
	}
	db_finalize(st);
	set_str(&n->kind, cloze ? "cloze" : typein ? "typein" : has_rev ? "reverse" : "basic");
	if (cloze)
		set_str(&n->back, "");
	n->user = *n->src == '\0';
	st = db_prepare(db,
	                "SELECT file_kind, file_front, file_back, file_note, file_tags, "
	                "file_changed_at > 0 FROM card_override WHERE note_id = ?",
	                "t", nid);
	if (db_step(st)) {
		n->override = 1;
		n->file_kind = xstrdup(db_col_text(st, 0));
		n->file_front = xstrdup(db_col_text(st, 1));
		n->file_back = xstrdup(db_col_text(st, 2));
		n->file_note = xstrdup(db_col_text(st, 3));
		n->file_tags = plain_words(db_col_text(st, 4));
		n->file_changed = (int)db_col_int(st, 5);
	}
	db_finalize(st);
	free(nid);
	return 0;
}

char *
cards_same_front(struct db *db, const char *front, const char *except_note)
{
	char *t = xstrdup(front);
	size_t n = strlen(t);
	while (n > 0 && strchr(" \t\n", t[n - 1]))
		t[--n] = '\0';
	const char *p = t + strspn(t, " \t\n");
	char *key = db_text(db,
	                    "SELECT key FROM card WHERE retired = 0 AND note_id IS NOT ?2 "
	                    "AND lower(trim(front, ' ' || char(9, 10))) = lower(?1) "
	                    "ORDER BY key LIMIT 1",
	                    "tt", p, except_note);
	free(t);
	return key;
}

/* ---- writing cards -------------------------------------------------- */

/* Writes the cards n's text makes: adds missing keys (with src, line and
 * ord), rewrites changed ones and brings back retired ones; retires the
 * note's other live cards. tags is n's tags as given (plain). */
static void
apply_note(struct db *db, const struct card_note *n, const char *src, int line, int64_t ord)
{
	struct content_card cc[10];
	int k = content_expand_text(n->note_id, n->kind, n->front, n->back, cc);
	char *tags = word_list(n->tags);
	for (int i = 0; i < k; i++)
		db_exec(db,
		        "INSERT INTO card(key, note_id, deck_id, kind, front, back, note, tags, cloze, "
		        "ord, src, line, retired) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		        "?11, ?12, 0) ON CONFLICT(key) DO UPDATE SET deck_id = ?3, kind = ?4, "
		        "front = ?5, back = ?6, note = ?7, tags = ?8, cloze = ?9, retired = 0 "
		        "WHERE deck_id IS NOT ?3 OR kind IS NOT ?4 OR front IS NOT ?5 OR "
		        "back IS NOT ?6 OR note IS NOT ?7 OR tags IS NOT ?8 OR cloze IS NOT ?9 "
		        "OR retired <> 0",
		        "ttttttttiiti", cc[i].key, n->note_id, n->deck_id, cc[i].kind, cc[i].front,
		        cc[i].back, n->note, tags, (int64_t)cc[i].cloze, ord, src, (int64_t)line);
	free(tags);
	/* The note's other cards (a cloze number taken out, a reverse
	 * dropped) are retired, with their history. */
	struct db_stmt *st = db_prepare(db,
	                                "SELECT key FROM card WHERE note_id = ? AND "
	                                "retired = 0",
	                                "t", n->note_id);
	char **old = NULL;
	size_t nold = 0;
	while (db_step(st)) {
		const char *key = db_col_text(st, 0);
		int keep = 0;
		for (int i = 0; i < k; i++)
			keep |= strcmp(cc[i].key, key) == 0;
		if (!keep) {
			old = xrealloc(old, (nold + 1) * sizeof *old);
			old[nold++] = xstrdup(key);
		}
	}
	db_finalize(st);
	for (size_t i = 0; i < nold; i++) {
		db_exec(db, "UPDATE card SET retired = 1 WHERE key = ?", "t", old[i]);
		free(old[i]);
	}
	free(old);
}

/* ---- the change log (history and undo) ---------------------------- */

/* Actions that change card_state; the others change text, deck or
 * retirement. */
static int
state_action(const char *a)
{
	static const char *const v[] = {
		"reset", "suspend", "unsuspend", "bury", "flag", "unflag"
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (strcmp(a, v[i]) == 0)
			return 1;
	return 0;
}

/* Starts a change record and copies the rows it will change: the cards
 * of note_id (only card key when key is not NULL) with their memory
 * state, and the note's override. Call inside a transaction; call
 * action_done after the change. */
static int64_t
action_start(struct db *db, const char *note_id, const char *key, const char *action,
             const char *detail)
{
	db_exec(db,
	        "INSERT INTO card_action(note_id, key, action, detail, at) "
	        "VALUES (?, ?, ?, ?, ?)",
	        "tttti", note_id, key ? key : "", action, detail ? detail : "", now_unix());
	int64_t aid = db_last_rowid(db);
	db_exec(db,
	        "INSERT INTO card_action_row(action_id, key, existed, deck_id, kind, front, back, "
	        "note, tags, cloze, ord, retired, has_state, state, due, stability, difficulty, "
	        "last_review, reps, lapses, step, scheduled_days, suspended, buried_until, flag, "
	        "leech) SELECT ?1, c.key, 1, c.deck_id, c.kind, c.front, c.back, c.note, c.tags, "
	        "c.cloze, c.ord, c.retired, s.key IS NOT NULL, s.state, s.due, s.stability, "
	        "s.difficulty, s.last_review, s.reps, s.lapses, s.step, s.scheduled_days, "
	        "s.suspended, s.buried_until, s.flag, s.leech FROM card c LEFT JOIN card_state s "
	        "ON s.key = c.key WHERE c.note_id = ?2 AND (?3 IS NULL OR c.key = ?3)",
	        "itt", aid, note_id, key);
	db_exec(db,
	        "INSERT INTO card_action_override(action_id, existed, kind, front, back, note, "
	        "tags, file_kind, file_front, file_back, file_note, file_tags, file_changed_at, "
	        "created_at, updated_at) SELECT ?1, o.note_id IS NOT NULL, o.kind, o.front, "
	        "o.back, o.note, o.tags, o.file_kind, o.file_front, o.file_back, o.file_note, "
	        "o.file_tags, o.file_changed_at, o.created_at, o.updated_at FROM (SELECT 1) "
	        "LEFT JOIN card_override o ON o.note_id = ?2",
	        "it", aid, note_id);
	return aid;
}

/* Records the cards the change made, so undo can take them away. */
static void
action_done(struct db *db, int64_t aid, const char *note_id)
{
	db_exec(db,
	        "INSERT OR IGNORE INTO card_action_row(action_id, key, existed) "
	        "SELECT ?, key, 0 FROM card WHERE note_id = ?",
	        "it", aid, note_id);
}

/* Removes a card an undone change had made: deleted when it has no
 * review, else retired. */
static void
unmake_card(struct db *db, const char *key)
{
	if (db_int(db, 0, "SELECT count(*) FROM review_log WHERE card_key = ?", "t", key) > 0) {
		db_exec(db, "UPDATE card SET retired = 1 WHERE key = ?", "t", key);
		return;
	}
	db_exec(db, "DELETE FROM card_state WHERE key = ?", "t", key);
	db_exec(db, "DELETE FROM deadline_move WHERE card_key = ?", "t", key);
	db_exec(db, "DELETE FROM card WHERE key = ?", "t", key);
}

int
cards_undo(struct db *db, char **what, char **cause)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, note_id, key, action, at FROM "
	                                "card_action WHERE undone_at = 0 ORDER BY id DESC "
	                                "LIMIT 1",
	                                "");
	if (!db_step(st)) {
		db_finalize(st);
		return fail(cause, "no change to a card to undo");
	}
	int64_t aid = db_col_int(st, 0), at = db_col_int(st, 4);
	char *note_id = xstrdup(db_col_text(st, 1));
	char *key = xstrdup(db_col_text(st, 2));
	char *action = xstrdup(db_col_text(st, 3));
	db_finalize(st);
	const char *name = *key ? key : note_id;
	int rc = 0;
	if (state_action(action)) {
		char *since = db_text(db,
		                      "SELECT r.card_key FROM review_log r JOIN card_action_row w "
		                      "ON w.key = r.card_key WHERE w.action_id = ? AND "
		                      "r.reviewed_at > ? LIMIT 1",
		                      "ii", aid, at);
		if (since != NULL) {
			rc = fail(cause,
			          "card %s was reviewed after it was %s; undo that review "
			          "first",
			          since, action);
			free(since);
			goto out;
		}
	}
	db_begin(db);
	st = db_prepare(
	        db,
	        "SELECT key, existed, deck_id, kind, front, back, note, tags, cloze, ord, retired, "
	        "has_state, state, due, stability, difficulty, last_review, reps, lapses, step, "
	        "scheduled_days, suspended, buried_until, flag, leech FROM card_action_row "
	        "WHERE action_id = ? ORDER BY key",
	        "i", aid);
	struct row {
		char *key;
		int existed, has_state;
	} *rows = NULL;
	size_t nrows = 0;
	while (db_step(st)) {
		rows = xrealloc(rows, (nrows + 1) * sizeof *rows);
		rows[nrows].key = xstrdup(db_col_text(st, 0));
		rows[nrows].existed = (int)db_col_int(st, 1);
		rows[nrows].has_state = (int)db_col_int(st, 11);
		nrows++;
	}
	db_finalize(st);
	for (size_t i = 0; i < nrows; i++) {
		const char *k = rows[i].key;
		if (!rows[i].existed) {
			unmake_card(db, k);
		} else if (state_action(action)) {
			if (!rows[i].has_state)
				db_exec(db, "DELETE FROM card_state WHERE key = ?", "t", k);
			else
				db_exec(db,
				        "INSERT OR REPLACE INTO card_state(key, state, due, stability, "
				        "difficulty, last_review, reps, lapses, step, scheduled_days, "
				        "suspended, buried_until, flag, leech) SELECT key, state, due, "
				        "stability, difficulty, last_review, reps, lapses, step, "
				        "scheduled_days, suspended, buried_until, flag, leech FROM "
				        "card_action_row WHERE action_id = ? AND key = ?",
				        "it", aid, k);
		} else {
			db_exec(db,
			        "UPDATE card SET (deck_id, kind, front, back, note, tags, cloze, ord, "
			        "retired) = (SELECT deck_id, kind, front, back, note, tags, cloze, ord, "
			        "retired FROM card_action_row WHERE action_id = ?1 AND key = ?2) "
			        "WHERE key = ?2",
			        "it", aid, k);
		}
		free(rows[i].key);
	}
	free(rows);
	if (!state_action(action)) {
		if (db_int(db, 0, "SELECT existed FROM card_action_override WHERE action_id = ?",
		           "i", aid) == 1)
			db_exec(db,
			        "INSERT OR REPLACE INTO card_override(note_id, kind, front, back, note, "
			        "tags, file_kind, file_front, file_back, file_note, file_tags, "
			        "file_changed_at, created_at, updated_at) SELECT ?2, kind, front, back, "
			        "note, tags, file_kind, file_front, file_back, file_note, file_tags, "
			        "file_changed_at, created_at, updated_at FROM card_action_override "
			        "WHERE action_id = ?1",
			        "it", aid, note_id);
		else
			db_exec(db, "DELETE FROM card_override WHERE note_id = ?", "t", note_id);
	}
	db_exec(db, "UPDATE card_action SET undone_at = ? WHERE id = ?", "ii", now_unix(), aid);
	db_commit(db);
	if (what)
		*what = xprintf("undid %s of %s", action, name);
out:
	free(note_id);
	free(key);
	free(action);
	return rc;
}

/* ---- decks ---------------------------------------------------------- */

#define LAST_DECKS_SETTING "cards_last_decks"
#define LAST_DECKS_MAX 8

static void
remember_deck(struct db *db, const char *deck)
{
	char *old = db_setting(db, LAST_DECKS_SETTING);
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, deck);
	int n = 1;
	if (old) {
		for (char *w = strtok(old, " "); w && n < LAST_DECKS_MAX; w = strtok(NULL, " ")) {
			if (strcmp(w, deck) == 0)
				continue;
			sbuf_addf(&b, " %s", w);
			n++;
		}
	}
	db_set_setting(db, LAST_DECKS_SETTING, b.s);
	sbuf_free(&b);
	free(old);
}

int
cards_deck_ensure(struct db *db, const char *id, const char *kind, const char *title, char **cause)
{
	if (!content_valid_id(id))
		return fail(cause,
		            "'%s' is not a valid deck id (use lowercase letters, digits, "
		            "'-', '_' or '.', at most 64, starting with a letter or digit)",
		            id);
	struct db_stmt *st =
	        db_prepare(db, "SELECT kind, retired, src FROM doc WHERE id = ?", "t", id);
	int rc = 0;
	if (db_step(st)) {
		const char *k = db_col_text(st, 0);
		if (strcmp(k, "deck") != 0 && strcmp(k, "numbers") != 0)
			rc = fail(cause, "'%s' is a %s, not a deck", id, k);
		else if (db_col_int(st, 1) && *db_col_text(st, 2) != '\0')
			rc = fail(cause, "deck '%s' is no longer in the curriculum", id);
		else if (db_col_int(st, 1))
			db_exec(db, "UPDATE doc SET retired = 0 WHERE id = ?", "t", id);
		db_finalize(st);
		return rc;
	}
	db_finalize(st);
	db_exec(db,
	        "INSERT INTO doc(id, kind, title, src, ord) VALUES (?, ?, ?, '', "
	        "(SELECT ifnull(max(ord), 0) + 1 FROM doc))",
	        "ttt", id, kind ? kind : "deck", title && *title ? title : id);
	return 0;
}

void
cards_decks(struct db *db, struct cards_deck **out, size_t *n)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT d.id, d.title, d.kind, d.src = '', (SELECT count(*) FROM card c "
	        "INDEXED BY card_live WHERE c.deck_id = d.id AND c.retired = 0) FROM doc d "
	        "WHERE d.kind IN ('deck', 'numbers') AND d.retired = 0 "
	        "ORDER BY d.src <> '', d.ord, d.id",
	        "");
	struct cards_deck *v = NULL;
	size_t k = 0;
	while (db_step(st)) {
		v = xrealloc(v, (k + 1) * sizeof *v);
		v[k].id = xstrdup(db_col_text(st, 0));
		v[k].title = xstrdup(db_col_text(st, 1));
		v[k].kind = xstrdup(db_col_text(st, 2));
		v[k].user = (int)db_col_int(st, 3);
		v[k].cards = (int)db_col_int(st, 4);
		k++;
	}
	db_finalize(st);
	/* The decks used last move to the front, most recent first. */
	char *last = db_setting(db, LAST_DECKS_SETTING);
	size_t front = 0;
	for (char *w = last ? strtok(last, " ") : NULL; w; w = strtok(NULL, " ")) {
		for (size_t i = front; i < k; i++) {
			if (strcmp(v[i].id, w) != 0)
				continue;
			struct cards_deck t = v[i];
			memmove(&v[front + 1], &v[front], (i - front) * sizeof *v);
			v[front++] = t;
			break;
		}
	}
	free(last);
	*out = v;
	*n = k;
}

void
cards_decks_free(struct cards_deck *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].kind);
	}
	free(v);
}

/* ---- adding and changing -------------------------------------------- */

/* A new note id: CONTENT_USER_PREFIX and six letters or digits no card
 * uses yet. */
static void
new_note_id(struct db *db, char out[ID_MAX + 1])
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	static unsigned long long counter;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	for (;;) {
		unsigned char r[6] = { 0 };
		if (fd < 0 || read(fd, r, sizeof r) != (ssize_t)sizeof r) {
			unsigned long long x = (unsigned long long)now_unix() * 2654435761ull ^
			                       (unsigned long long)getpid() * 40503ull ^
			                       ++counter * 97ull;
			for (int i = 0; i < 6; i++, x /= 36)
				r[i] = (unsigned char)(x % 36);
		}
		char *p = out + snprintf(out, 72, "%s", CONTENT_USER_PREFIX);
		for (int i = 0; i < 6; i++)
			*p++ = digits[r[i] % 36];
		*p = '\0';
		if (db_int(db, 0, "SELECT count(*) FROM card WHERE note_id = ?", "t", out) == 0)
			break;
	}
	if (fd >= 0)
		close(fd);
}

/* A numbers deck holds figures: type-in cards. */
static int
check_deck_kind(struct db *db, const char *deck, const char *kind, char **cause)
{
	char *dk = db_text(db, "SELECT kind FROM doc WHERE id = ?", "t", deck);
	int bad = dk && strcmp(dk, "numbers") == 0 && strcmp(kind, "typein") != 0;
	free(dk);
	if (bad)
		return fail(cause,
		            "'%s' is a deck of figures: its cards are type-ins (a metric "
		            "and its value)",
		            deck);
	return 0;
}

int
cards_add(struct db *db, struct card_note *n, int due_now, int force, char **cause)
{
	if (cards_note_check(n, cause) != 0)
		return -1;
	if (check_deck_kind(db, n->deck_id, n->kind, cause) != 0)
		return -1;
	if (!force) {
		char *dup = cards_same_front(db, n->front, NULL);
		if (dup != NULL) {
			fail(cause, "card %s already has this front", dup);
			free(dup);
			return CARDS_DUPLICATE;
		}
	}
	db_begin(db);
	if (cards_deck_ensure(db, n->deck_id, NULL, NULL, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	new_note_id(db, n->note_id);
	char *dtags = db_text(db, "SELECT tags FROM doc WHERE id = ?", "t", n->deck_id);
	char *tags = join_words(dtags ? dtags : "", n->tags);
	free(dtags);
	free(n->tags);
	n->tags = tags;
	int64_t ord = db_int(db, 0,
	                     "SELECT ifnull(max(ord), -1) + 1 FROM card WHERE "
	                     "deck_id = ?",
	                     "t", n->deck_id);
	apply_note(db, n, "", 0, ord);
	if (due_now)
		db_exec(db,
		        "INSERT OR REPLACE INTO card_state(key, state, due) SELECT key, 0, ? "
		        "FROM card WHERE note_id = ?",
		        "it", now_unix(), n->note_id);
	int64_t aid = action_start(db, n->note_id, NULL, "add", due_now ? "due now" : "");
	db_exec(db, "DELETE FROM card_action_row WHERE action_id = ?", "i", aid);
	action_done(db, aid, n->note_id);
	remember_deck(db, n->deck_id);
	db_commit(db);
	free(n->src);
	n->src = xstrdup("");
	n->user = 1;
	return 0;
}

static int
same_text(const struct card_note *a, const char *kind, const char *front, const char *back,
          const char *note, const char *tags)
{
	return strcmp(a->kind, kind) == 0 && strcmp(a->front, front) == 0 &&
	       strcmp(a->back, back) == 0 && strcmp(a->note, note) == 0 &&
	       strcmp(a->tags, tags) == 0;
}

/* The fields that differ between a and b, as "front, tags". */
static char *
changed_fields(const struct card_note *a, const struct card_note *b)
{
	struct sbuf s;
	sbuf_init(&s);
	const char *names[] = { "kind", "front", "back", "note", "tags", "deck" };
	const char *va[] = { a->kind, a->front, a->back, a->note, a->tags, a->deck_id };
	const char *vb[] = { b->kind, b->front, b->back, b->note, b->tags, b->deck_id };
	for (int i = 0; i < 6; i++)
		if (strcmp(va[i], vb[i]) != 0)
			sbuf_addf(&s, "%s%s", s.len ? ", " : "", names[i]);
	if (a->retired != b->retired)
		sbuf_addf(&s, "%srestored", s.len ? ", " : "");
	return sbuf_take(&s);
}

/* Saves n over its note, recorded as `action`. */
static int
update_note(struct db *db, struct card_note *n, const char *action, char **cause)
{
	struct card_note old;
	if (cards_note_get(db, n->note_id, &old, cause) != 0)
		return -1;
	int rc = 0;
	int kinds_ok = strcmp(old.kind, n->kind) == 0 ||
	               ((strcmp(old.kind, "basic") == 0 || strcmp(old.kind, "reverse") == 0) &&
	                (strcmp(n->kind, "basic") == 0 || strcmp(n->kind, "reverse") == 0));
	if (!kinds_ok) {
		rc = fail(cause,
		          "card %s is a %s card; its kind cannot become %s (its reviews "
		          "belong to it): add a new card instead",
		          n->note_id, old.kind, n->kind);
		goto out;
	}
	if (!old.user && strcmp(old.deck_id, n->deck_id) != 0) {
		rc = fail(cause, "card %s comes from the curriculum and stays in deck %s",
		          n->note_id, old.deck_id);
		goto out;
	}
	if (cards_note_check(n, cause) != 0 ||
	    check_deck_kind(db, n->deck_id, n->kind, cause) != 0) {
		rc = -1;
		goto out;
	}
	char *what = changed_fields(&old, n);
	int restore = old.retired && old.user;
	if (*what == '\0' && !restore && !old.file_changed) {
		free(what);
		goto out;
	}
	int64_t ord = db_int(db, 0, "SELECT ord FROM card WHERE note_id = ? ORDER BY key LIMIT 1",
	                     "t", n->note_id);
	db_begin(db);
	if (old.user && strcmp(old.deck_id, n->deck_id) != 0 &&
	    cards_deck_ensure(db, n->deck_id, NULL, NULL, cause) != 0) {
		db_rollback(db);
		free(what);
		rc = -1;
		goto out;
	}
	int64_t aid = action_start(db, n->note_id, NULL, action, what);
	free(what);
	if (!old.user) {
		/* The files' text: kept beside an override, else what the cards
		 * held until now. */
		const struct card_note *f = &old;
		struct card_note file;
		cards_note_init(&file);
		if (old.override) {
			set_str(&file.kind, old.file_kind);
			set_str(&file.front, old.file_front);
			set_str(&file.back, old.file_back);
			set_str(&file.note, old.file_note);
			set_str(&file.tags, old.file_tags);
			f = &file;
		}
		if (same_text(n, f->kind, f->front, f->back, f->note, f->tags)) {
			db_exec(db, "DELETE FROM card_override WHERE note_id = ?", "t", n->note_id);
		} else {
			char *tags = word_list(n->tags), *ftags = word_list(f->tags);
			int64_t now = now_unix();
			db_exec(db,
			        "INSERT INTO card_override(note_id, kind, front, back, note, tags, "
			        "file_kind, file_front, file_back, file_note, file_tags, "
			        "file_changed_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			        "?7, ?8, ?9, ?10, ?11, 0, ?12, ?12) ON CONFLICT(note_id) DO UPDATE SET "
			        "kind = ?2, front = ?3, back = ?4, note = ?5, tags = ?6, "
			        "file_changed_at = 0, updated_at = ?12",
			        "ttttttttttti", n->note_id, n->kind, n->front, n->back, n->note,
			        tags, f->kind, f->front, f->back, f->note, ftags, now);
			free(tags);
			free(ftags);
		}
		cards_note_clear(&file);
	}
	apply_note(db, n, old.src, old.line, ord);
	action_done(db, aid, n->note_id);
	db_commit(db);
out:
	cards_note_clear(&old);
	return rc;
}

int
cards_update(struct db *db, struct card_note *n, char **cause)
{
	return update_note(db, n, "edit", cause);
}

int
cards_edit(struct db *db, const char *card, const char *field, const char *value, char **cause)
{
	struct card_note n;
	if (cards_note_get(db, card, &n, cause) != 0)
		return -1;
	int rc = -1;
	if (n.retired && n.user)
		rc = fail(cause, "card %s was deleted", card);
	else if (cards_note_set(&n, field, value, cause) == 0)
		rc = cards_update(db, &n, cause);
	cards_note_clear(&n);
	return rc;
}

int
cards_revert(struct db *db, const char *card, char **cause)
{
	struct card_note n;
	if (cards_note_get(db, card, &n, cause) != 0)
		return -1;
	int rc = 0;
	if (!n.override) {
		rc = fail(cause,
		          n.user ? "card %s is your own: there is no curriculum text to "
		                   "go back to"
		                 : "card %s has no edits of yours to revert",
		          card);
		cards_note_clear(&n);
		return rc;
	}
	struct card_note file;
	cards_note_init(&file);
	snprintf(file.note_id, sizeof file.note_id, "%s", n.note_id);
	set_str(&file.deck_id, n.deck_id);
	set_str(&file.kind, n.file_kind);
	set_str(&file.front, n.file_front);
	set_str(&file.back, n.file_back);
	set_str(&file.note, n.file_note);
	set_str(&file.tags, n.file_tags);
	int64_t ord = db_int(db, 0, "SELECT ord FROM card WHERE note_id = ? ORDER BY key LIMIT 1",
	                     "t", n.note_id);
	db_begin(db);
	int64_t aid = action_start(db, n.note_id, NULL, "revert", "");
	db_exec(db, "DELETE FROM card_override WHERE note_id = ?", "t", n.note_id);
	apply_note(db, &file, n.src, n.line, ord);
	action_done(db, aid, n.note_id);
	db_commit(db);
	cards_note_clear(&file);
	cards_note_clear(&n);
	return rc;
}

/* Loads card's note and checks it is one of the learner's live notes. */
static int
own_note(struct db *db, const char *card, const char *verb, struct card_note *n, char **cause)
{
	if (cards_note_get(db, card, n, cause) != 0)
		return -1;
	if (!n->user) {
		fail(cause,
		     "card %s comes from the curriculum and cannot be %s (suspend it "
		     "instead, or edit it)",
		     card, verb);
		cards_note_clear(n);
		return -1;
	}
	if (n->retired) {
		fail(cause, "card %s was deleted", card);
		cards_note_clear(n);
		return -1;
	}
	return 0;
}

int
cards_delete(struct db *db, const char *card, char **cause)
{
	struct card_note n;
	if (own_note(db, card, "deleted", &n, cause) != 0)
		return -1;
	db_begin(db);
	int64_t aid = action_start(db, n.note_id, NULL, "delete", "");
	db_exec(db, "UPDATE card SET retired = 1 WHERE note_id = ?", "t", n.note_id);
	action_done(db, aid, n.note_id);
	db_commit(db);
	cards_note_clear(&n);
	return 0;
}

int
cards_move(struct db *db, const char *card, const char *deck, char **cause)
{
	struct card_note n;
	if (own_note(db, card, "moved", &n, cause) != 0)
		return -1;
	set_str(&n.deck_id, deck);
	int rc = update_note(db, &n, "move", cause);
	if (rc == 0)
		remember_deck(db, deck);
	cards_note_clear(&n);
	return rc;
}

/* Runs one change of card_state on card key, recorded as action. */
static int
state_change(struct db *db, const char *key, const char *action, const char *sql, int64_t arg,
             char **cause)
{
	char *nid = db_text(db, "SELECT note_id FROM card WHERE key = ?", "t", key);
	if (nid == NULL) {
		char *keys = db_text(db,
		                     "SELECT group_concat(key, ', ') FROM card WHERE "
		                     "note_id = ? AND retired = 0",
		                     "t", key);
		int rc = keys ? fail(cause, "'%s' is a note of several cards: name one of %s", key,
		                     keys)
		              : fail(cause, "no card '%s'", key);
		free(keys);
		return rc;
	}
	db_begin(db);
	action_start(db, nid, key, action, "");
	db_exec(db, "INSERT OR IGNORE INTO card_state(key) VALUES (?)", "t", key);
	db_exec(db, sql, "it", arg, key);
	db_commit(db);
	free(nid);
	return 0;
}

int
cards_reset(struct db *db, const char *key, char **cause)
{
	return state_change(
	        db, key, "reset",
	        "UPDATE card_state SET state = 0, due = ?1, stability = 0, difficulty = 0, "
	        "last_review = 0, reps = 0, lapses = 0, step = 0, scheduled_days = 0, "
	        "buried_until = 0, leech = 0 WHERE key = ?2",
	        0, cause);
}

int
cards_suspend(struct db *db, const char *key, int on, char **cause)
{
	return state_change(db, key, on ? "suspend" : "unsuspend",
	                    "UPDATE card_state SET suspended = ? WHERE key = ?", on != 0, cause);
}

int
cards_bury(struct db *db, const char *key, int64_t until, char **cause)
{
	return state_change(db, key, "bury",
	                    "UPDATE card_state SET buried_until = ? "
	                    "WHERE key = ?",
	                    until, cause);
}

int
cards_flag(struct db *db, const char *key, char **cause)
{
	int now = (int)db_int(db, 0, "SELECT flag <> 0 FROM card_state WHERE key = ?", "t", key);
	if (state_change(db, key, now ? "unflag" : "flag",
	                 "UPDATE card_state SET flag = ? "
	                 "WHERE key = ?",
	                 !now, cause) != 0)
		return -1;
	return !now;
}

/* ---- history -------------------------------------------------------- */

int
cards_history(struct db *db, const char *card, struct card_history *h, char **cause)
{
	memset(h, 0, sizeof *h);
	int is_key = db_int(db, 0, "SELECT count(*) FROM card WHERE key = ?", "t", card) > 0;
	char *nid = db_text(db,
	                    "SELECT note_id FROM card WHERE key = ?1 UNION ALL "
	                    "SELECT note_id FROM card WHERE note_id = ?1 LIMIT 1",
	                    "t", card);
	if (nid == NULL)
		return fail(cause, "no card '%s'", card);
	struct db_stmt *st =
	        db_prepare(db,
	                   "SELECT r.card_key, r.reviewed_at, r.rating, r.mode, ifnull(r.due, 0), "
	                   "ifnull(r.state, 0) FROM review_log r JOIN card c ON c.key = r.card_key "
	                   "WHERE (?2 AND c.key = ?1) OR (NOT ?2 AND c.note_id = ?3) "
	                   "ORDER BY r.reviewed_at, r.id",
	                   "tit", card, (int64_t)is_key, nid);
	while (db_step(st)) {
		h->rev = xrealloc(h->rev, (h->nrev + 1) * sizeof *h->rev);
		struct card_review_entry *e = &h->rev[h->nrev++];
		snprintf(e->key, sizeof e->key, "%s", db_col_text(st, 0));
		e->at = db_col_int(st, 1);
		e->rating = (int)db_col_int(st, 2);
		e->cram = strcmp(db_col_text(st, 3), "cram") == 0;
		e->due = db_col_int(st, 4);
		e->state = (int)db_col_int(st, 5);
	}
	db_finalize(st);
	st = db_prepare(db,
	                "SELECT at, undone_at, action, detail, key FROM card_action WHERE "
	                "note_id = ? AND (?2 = '' OR key = '' OR key = ?2) ORDER BY id",
	                "tt", nid, is_key ? card : "");
	while (db_step(st)) {
		h->chg = xrealloc(h->chg, (h->nchg + 1) * sizeof *h->chg);
		struct card_change_entry *e = &h->chg[h->nchg++];
		e->at = db_col_int(st, 0);
		e->undone_at = db_col_int(st, 1);
		snprintf(e->action, sizeof e->action, "%s", db_col_text(st, 2));
		const char *d = db_col_text(st, 3), *k = db_col_text(st, 4);
		e->detail = *k && !is_key ? xprintf("%s%s%s", k, *d ? ": " : "", d) : xstrdup(d);
	}
	db_finalize(st);
	free(nid);
	return 0;
}

void
cards_history_free(struct card_history *h)
{
	for (size_t i = 0; i < h->nchg; i++)
		free(h->chg[i].detail);
	free(h->chg);
	free(h->rev);
	memset(h, 0, sizeof *h);
}

/* ---- drafts --------------------------------------------------------- */

void
cards_draft_save(struct db *db, const struct card_note *n, int due_now)
{
	db_exec(db,
	        "INSERT INTO card_draft(slot, note_id, deck_id, kind, front, back, note, tags, now, "
	        "updated_at) VALUES ('card', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
	        "ON CONFLICT(slot) DO UPDATE SET note_id = ?1, deck_id = ?2, kind = ?3, "
	        "front = ?4, back = ?5, note = ?6, tags = ?7, now = ?8, updated_at = ?9",
	        "tttttttii", n->note_id, n->deck_id, n->kind, n->front, n->back, n->note, n->tags,
	        (int64_t)due_now, now_unix());
}

int
cards_draft_exists(struct db *db)
{
	return db_int(db, 0, "SELECT count(*) FROM card_draft WHERE slot = 'card'", "") > 0;
}

int
cards_draft_load(struct db *db, struct card_note *n, int *due_now)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT note_id, deck_id, kind, front, back, note, "
	                                "tags, now FROM card_draft WHERE slot = 'card'",
	                                "");
	int found = db_step(st);
	if (found) {
		snprintf(n->note_id, sizeof n->note_id, "%s", db_col_text(st, 0));
		set_str(&n->deck_id, db_col_text(st, 1));
		set_str(&n->kind, db_col_text(st, 2));
		set_str(&n->front, db_col_text(st, 3));
		set_str(&n->back, db_col_text(st, 4));
		set_str(&n->note, db_col_text(st, 5));
		set_str(&n->tags, db_col_text(st, 6));
		if (due_now)
			*due_now = (int)db_col_int(st, 7);
	}
	db_finalize(st);
	return found;
}

void
cards_draft_clear(struct db *db)
{
	db_exec(db, "DELETE FROM card_draft WHERE slot = 'card'", "");
}

/* ---- import hooks --------------------------------------------------- */

int
cards_import_override(struct db *db, const char *note_id, const char *kind, const char *front,
                      const char *back, const char *note, const char *tags,
                      struct card_note *learner)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT kind, front, back, note, tags, file_kind IS NOT ?2 OR file_front IS NOT ?3 "
	        "OR file_back IS NOT ?4 OR file_note IS NOT ?5 OR file_tags IS NOT ?6 "
	        "FROM card_override WHERE note_id = ?1",
	        "tttttt", note_id, kind, front, back, note, tags);
	if (!db_step(st)) {
		db_finalize(st);
		return 0;
	}
	cards_note_init(learner);
	snprintf(learner->note_id, sizeof learner->note_id, "%s", note_id);
	set_str(&learner->kind, db_col_text(st, 0));
	set_str(&learner->front, db_col_text(st, 1));
	set_str(&learner->back, db_col_text(st, 2));
	set_str(&learner->note, db_col_text(st, 3));
	free(learner->tags);
	learner->tags = plain_words(db_col_text(st, 4));
	int changed = (int)db_col_int(st, 5);
	db_finalize(st);
	if (changed)
		db_exec(db,
		        "UPDATE card_override SET file_kind = ?2, file_front = ?3, "
		        "file_back = ?4, file_note = ?5, file_tags = ?6, file_changed_at = ?7 "
		        "WHERE note_id = ?1",
		        "tttttti", note_id, kind, front, back, note, tags, now_unix());
	return 1;
}

void
cards_import_user_doc(struct db *db, const struct ynode *doc, int ord, struct import_stats *st)
{
	const char *id = cnode_str(doc, "id", "");
	const char *kind = cnode_str(doc, "kind", "deck");
	int numbers = strcmp(kind, "numbers") == 0;
	const struct ynode *dtl = ymap_get(doc, "tags");
	struct sbuf dtags;
	sbuf_init(&dtags);
	sbuf_add(&dtags, "");
	for (size_t i = 0; dtl && dtl->type == YN_SEQ && i < dtl->n; i++)
		sbuf_addf(&dtags, "%s%s", i ? " " : "", dtl->items[i]->str);
	if (db_int(db, 0, "SELECT count(*) FROM doc WHERE id = ?", "t", id) == 0) {
		char *wl = word_list(dtags.s);
		db_exec(db,
		        "INSERT INTO doc(id, kind, title, description, tags, ord, src) "
		        "VALUES (?, ?, ?, ?, ?, ?, '')",
		        "ttttti", id, kind, cnode_str(doc, "title", id),
		        cnode_str(doc, "description", ""), wl, (int64_t)ord);
		free(wl);
		st->written++;
	} else {
		db_exec(db, "UPDATE doc SET retired = 0 WHERE id = ? AND src = '' AND retired <> 0",
		        "t", id);
	}
	const struct ynode *list = ymap_get(doc, numbers ? "items" : "cards");
	int rev = cnode_bool(doc, "reverse", 0);
	for (size_t i = 0; list && list->type == YN_SEQ && i < list->n; i++) {
		const struct ynode *it = list->items[i];
		struct content_card cc[10];
		int nc = content_expand_card(it, numbers, rev, cc);
		if (nc <= 0)
			continue;
		const char *nk, *nf, *nb;
		cards_item_text(cc, nc, &nk, &nf, &nb);
		struct card_note n;
		cards_note_init(&n);
		snprintf(n.note_id, sizeof n.note_id, "%s", cnode_str(it, "id", ""));
		set_str(&n.deck_id, id);
		set_str(&n.kind, nk);
		set_str(&n.front, nf);
		set_str(&n.back, nb);
		set_str(&n.note, cnode_str(it, numbers ? "context" : "note", ""));
		struct sbuf own;
		sbuf_init(&own);
		sbuf_add(&own, "");
		const struct ynode *tl = ymap_get(it, "tags");
		for (size_t k = 0; tl && tl->type == YN_SEQ && k < tl->n; k++)
			sbuf_addf(&own, "%s%s", k ? " " : "", tl->items[k]->str);
		free(n.tags);
		n.tags = join_words(dtags.s, own.s);
		sbuf_free(&own);
		struct card_note old;
		char *cause = NULL;
		if (cards_note_get(db, n.note_id, &old, NULL) != 0) {
			/* New: the learner's own, in file order. */
			db_begin(db);
			apply_note(db, &n, "", 0, (int64_t)i);
			int64_t aid = action_start(db, n.note_id, NULL, "import", "added");
			db_exec(db, "DELETE FROM card_action_row WHERE action_id = ?", "i", aid);
			action_done(db, aid, n.note_id);
			db_commit(db);
			st->written++;
		} else {
			if (!old.user)
				set_str(&n.deck_id, old.deck_id);
			int same = same_text(&old, n.kind, n.front, n.back, n.note, n.tags) &&
			           strcmp(old.deck_id, n.deck_id) == 0 && !old.retired;
			if (same || update_note(db, &n, "import", &cause) != 0)
				st->kept++;
			else
				st->written++;
			free(cause);
		}
		cards_note_clear(&old);
		cards_note_clear(&n);
	}
	sbuf_free(&dtags);
}
