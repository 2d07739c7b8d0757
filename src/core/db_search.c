#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_search.h"
#include "util.h"

const char *const card_state_names[CS__COUNT] = {
	"",        "new",   "learning", "review", "suspended", "buried",
	"flagged", "leech", "due",      "mine",   "edited",    "changed",
};

const char *const card_sort_names[SORT__COUNT] = {
	"added", "relevance", "deck", "due", "difficulty", "lapses",
};

int
card_state_parse(const char *name, enum card_state_filter *s)
{
	for (int i = 1; i < CS__COUNT; i++) {
		if (strcmp(name, card_state_names[i]) == 0) {
			*s = (enum card_state_filter)i;
			return 0;
		}
	}
	if (strcmp(name, "all") == 0 || strcmp(name, "any") == 0) {
		*s = CS_ANY;
		return 0;
	}
	return -1;
}

int
card_sort_parse(const char *name, enum card_sort *s)
{
	for (int i = 0; i < SORT__COUNT; i++) {
		if (strcmp(name, card_sort_names[i]) == 0) {
			*s = (enum card_sort)i;
			return 0;
		}
	}
	return -1;
}

/* The condition of each state filter (?4 now, ?5 end of the study day). */
static const char *const state_sql[CS__COUNT] = {
	[CS_ANY] = "",
	[CS_NEW] = " AND ifnull(s.state, 0) = 0",
	[CS_LEARNING] = " AND s.state IN (1, 3)",
	[CS_REVIEW] = " AND s.state = 2",
	[CS_SUSPENDED] = " AND s.suspended <> 0",
	[CS_BURIED] = " AND s.buried_until > ?4",
	[CS_FLAGGED] = " AND s.flag <> 0",
	[CS_LEECH] = " AND s.leech <> 0",
	[CS_DUE] = " AND s.state > 0 AND s.due < ?5 AND s.suspended = 0 AND "
	           "s.buried_until <= ?4",
	[CS_MINE] = " AND c.src = ''",
	[CS_EDITED] = " AND o.note_id IS NOT NULL",
	[CS_CHANGED] = " AND o.file_changed_at > 0",
};

static const char *const sort_sql[SORT__COUNT] = {
	[SORT_ADDED] = "m.rid",
	[SORT_RELEVANCE] = "m.rid",
	[SORT_DECK] = "c.deck_id, c.ord, c.key",
	[SORT_DUE] = "ifnull(s.state, 0) = 0, s.due, c.key",
	[SORT_DIFFICULTY] = "ifnull(s.difficulty, 0) DESC, c.key",
	[SORT_LAPSES] = "ifnull(s.lapses, 0) DESC, c.key",
};

/* The query with its last bare word made a prefix ("retri" finds
 * "retrieval" while it is being typed). A new string. */
static char *
with_prefix(const char *text)
{
	size_t n = strlen(text);
	int quotes = 0;
	for (size_t i = 0; i < n; i++)
		quotes += text[i] == '"';
	unsigned char last = n ? (unsigned char)text[n - 1] : 0;
	int word = (last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') ||
	           (last >= '0' && last <= '9') || last >= 0x80 || last == '_';
	if (!word || quotes % 2)
		return xstrdup(text);
	size_t s = n;
	while (s > 0 && text[s - 1] != ' ' && text[s - 1] != '(' && text[s - 1] != ':')
		s--;
	const char *w = text + s;
	/* One letter is not yet a prefix worth matching every word it starts. */
	if (strcmp(w, "AND") == 0 || strcmp(w, "OR") == 0 || strcmp(w, "NOT") == 0 ||
	    strcmp(w, "NEAR") == 0 || n - s < 2)
		return xstrdup(text);
	return xprintf("%s*", text);
}

/* FTS5's message for a bad query, with how to write what was meant. */
static int
query_error(const char *text, char *msg, char **cause)
{
	const char *m = msg;
	if (str_prefix(m, "fts5: "))
		m += 6;
	int r = fail(cause,
	             "the search '%s' is not valid (%s): put words with punctuation "
	             "in double quotes (\"k-means\"); use * for a prefix (retriev*), "
	             "\"...\" for a phrase, AND, OR, NOT and parentheses",
	             text, m);
	free(msg);
	return r;
}

int
db_card_search(struct db *db, const struct card_query *q, struct card_hit **out, size_t *n,
               size_t *total, char **cause)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	int fts = q->text != NULL && q->text[strspn(q->text, " \t")] != '\0';
	char *text = fts ? (q->prefix_last ? with_prefix(q->text) : xstrdup(q->text)) : NULL;
	struct sbuf from;
	sbuf_init(&from);
	if (fts)
		sbuf_add(&from, "card_fts f JOIN card_search m ON m.rid = f.rowid "
		                "JOIN card c ON c.key = m.key ");
	else
		sbuf_add(&from, "card_search m JOIN card c ON c.key = m.key ");
	sbuf_add(&from, "LEFT JOIN card_state s ON s.key = c.key "
	                "LEFT JOIN card_override o ON o.note_id = c.note_id WHERE c.retired = 0");
	if (fts)
		sbuf_add(&from, " AND card_fts MATCH ?1");
	if (q->deck)
		sbuf_add(&from, " AND c.deck_id = ?2");
	if (q->tag)
		sbuf_add(&from, " AND c.tags LIKE '% ' || ?3 || ' %'");
	sbuf_add(&from, state_sql[q->state < CS__COUNT ? q->state : CS_ANY]);

	enum card_sort sort = q->sort < SORT__COUNT ? q->sort : SORT_ADDED;
	char *sql = xprintf(
	        "SELECT c.key, c.deck_id, c.kind, c.front, c.back, ifnull(s.state, 0), "
	        "ifnull(s.suspended, 0), ifnull(s.flag, 0), ifnull(s.leech, 0), ifnull(s.due, 0), "
	        "ifnull(s.buried_until, 0), c.src = '', o.note_id IS NOT NULL, "
	        "ifnull(o.file_changed_at, 0) > 0 FROM %s ORDER BY %s LIMIT ?6",
	        from.s,
	        /* FTS5 hands out matches in rowid order: sorting by it costs nothing. */
	        fts && sort == SORT_RELEVANCE                           ? "f.rank"
	        : fts && (sort == SORT_ADDED || sort == SORT_RELEVANCE) ? "f.rowid"
	                                                                : sort_sql[sort]);
	struct db_stmt *st = db_prepare(db, sql, "");
	free(sql);
	db_bind_text(st, 1, text);
	db_bind_text(st, 2, q->deck);
	db_bind_text(st, 3, q->tag);
	db_bind_int(st, 4, q->now);
	db_bind_int(st, 5, q->day_end);
	db_bind_int(st, 6, (int64_t)q->limit);
	size_t cap = 0;
	struct card_hit *v = NULL;
	int rc;
	char *err = NULL;
	while ((rc = db_try_step(st, &err)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, cap * sizeof *v);
		}
		struct card_hit *h = &v[(*n)++];
		snprintf(h->key, sizeof h->key, "%s", db_col_text(st, 0));
		h->deck_id = xstrdup(db_col_text(st, 1));
		h->kind = xstrdup(db_col_text(st, 2));
		h->front = xstrdup(db_col_text(st, 3));
		h->back = xstrdup(db_col_text(st, 4));
		h->state = (int)db_col_int(st, 5);
		h->suspended = (int)db_col_int(st, 6);
		h->flag = (int)db_col_int(st, 7);
		h->leech = (int)db_col_int(st, 8);
		h->due = db_col_int(st, 9);
		h->buried_until = db_col_int(st, 10);
		h->user = (int)db_col_int(st, 11);
		h->override = (int)db_col_int(st, 12);
		h->changed = (int)db_col_int(st, 13);
	}
	db_finalize(st);
	if (rc < 0) {
		card_hits_free(v, *n);
		*n = 0;
		sbuf_free(&from);
		rc = query_error(q->text, err, cause);
		free(text);
		return rc;
	}
	*out = v;
	*total = *n;
	/* The count goes on past the rows shown, up to count_max: from the
	 * index alone when nothing else filters (it holds only live cards). */
	if (q->count_max > *n && *n == q->limit) {
		int plain = !q->deck && !q->tag && q->state == CS_ANY;
		if (plain && fts)
			sql = xstrdup("SELECT count(*) FROM (SELECT 1 FROM card_fts WHERE card_fts "
			              "MATCH ?1 LIMIT ?6)");
		else if (plain)
			sql = xstrdup("SELECT count(*) FROM (SELECT 1 FROM card WHERE retired = 0 "
			              "LIMIT ?6)");
		else
			sql = xprintf("SELECT count(*) FROM (SELECT 1 FROM %s LIMIT ?6)", from.s);
		st = db_prepare(db, sql, "");
		free(sql);
		db_bind_text(st, 1, text);
		db_bind_text(st, 2, q->deck);
		db_bind_text(st, 3, q->tag);
		db_bind_int(st, 4, q->now);
		db_bind_int(st, 5, q->day_end);
		db_bind_int(st, 6, (int64_t)q->count_max);
		if (db_try_step(st, &err) == 1)
			*total = (size_t)db_col_int(st, 0);
		free(err);
		db_finalize(st);
	}
	sbuf_free(&from);
	free(text);
	return 0;
}

void
card_hits_free(struct card_hit *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].deck_id);
		free(v[i].kind);
		free(v[i].front);
		free(v[i].back);
	}
	free(v);
}

void
db_search_reindex_like(struct db *db, const char *src_like)
{
	db_exec(db,
	        "DELETE FROM card_fts WHERE rowid IN (SELECT m.rid FROM card_search m "
	        "JOIN card c ON c.key = m.key WHERE c.src LIKE ?)",
	        "t", src_like);
	db_exec(db,
	        "INSERT INTO card_search(key) SELECT c.key FROM card c WHERE c.src LIKE ? "
	        "AND NOT EXISTS (SELECT 1 FROM card_search m WHERE m.key = c.key) "
	        "ORDER BY c.rowid",
	        "t", src_like);
	db_exec(db,
	        "INSERT INTO card_fts(rowid, front, back, note, tags) SELECT m.rid, "
	        "c.front, c.back, c.note, c.tags FROM card c JOIN card_search m ON "
	        "m.key = c.key WHERE c.src LIKE ? AND c.retired = 0",
	        "t", src_like);
}
