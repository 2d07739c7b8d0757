/* Finding cards: full-text search (SQLite FTS5 over the front, back,
 * note and tags of every card, kept in step with the card table by the
 * triggers of migration 4) with filters by deck, tag and state, and
 * sorting. Part of the store. */
#ifndef PREPDECK_DB_SEARCH_H
#define PREPDECK_DB_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

enum card_state_filter {
	CS_ANY,
	CS_NEW,
	CS_LEARNING,
	CS_REVIEW,
	CS_SUSPENDED,
	CS_BURIED,
	CS_FLAGGED,
	CS_LEECH,
	CS_DUE,
	CS_MINE,
	CS_EDITED,
	CS_CHANGED,
	CS__COUNT
};
/* "new", "learning", ...: the names the command line and the browser
 * use; "" for CS_ANY. */
extern const char *const card_state_names[CS__COUNT];
/* Returns 0 and sets *s, or -1 for an unknown name. */
int card_state_parse(const char *name, enum card_state_filter *s);

enum card_sort {
	SORT_ADDED,      /* the order the cards came in (the default) */
	SORT_RELEVANCE,  /* best match first (bm25; needs a query) */
	SORT_DECK,       /* by deck, then position in the deck */
	SORT_DUE,        /* next due first; new cards last */
	SORT_DIFFICULTY, /* hardest first */
	SORT_LAPSES,     /* most forgotten first */
	SORT__COUNT
};
extern const char *const card_sort_names[SORT__COUNT];
int card_sort_parse(const char *name, enum card_sort *s);

struct card_query {
	const char *text; /* an FTS5 query, or NULL / "" for every card */
	const char *deck; /* deck id, or NULL */
	const char *tag;  /* tag, or NULL */
	enum card_state_filter state;
	enum card_sort sort;
	int prefix_last;  /* treat the last bare word as a prefix (as you type) */
	size_t limit;     /* rows to return */
	size_t count_max; /* stop counting matches here (0: no count) */
	int64_t now;      /* for buried and due today */
	int64_t day_end;
};

struct card_hit {
	char key[160];
	char *deck_id, *kind, *front, *back;
	int state, suspended, flag, leech;
	int64_t due, buried_until;
	int user;     /* the learner's own card */
	int override; /* a curriculum card with the learner's text */
	int changed;  /* ... whose text in the files changed since */
};

/* Runs q. Sets *out to up to q->limit hits (free with card_hits_free)
 * and *total to the number of matches, counted up to q->count_max.
 * Returns 0, or -1 with *cause set when the query is not valid FTS5
 * syntax (nothing is returned then). */
int db_card_search(struct db *db, const struct card_query *q, struct card_hit **out, size_t *n,
                   size_t *total, char **cause);
void card_hits_free(struct card_hit *v, size_t n);

/* For a bulk import that wrote cards with the card table's triggers
 * dropped (db_triggers_drop): indexes the text of every card whose src
 * is LIKE the pattern src_like, as the triggers would have, in three
 * statements. Inside the import's transaction. */
void db_search_reindex_like(struct db *db, const char *src_like);

#endif
