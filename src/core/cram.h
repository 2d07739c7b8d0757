/* Cram mode: practise a deck, a tag or the decks of a gap-map skill at
 * any time, outside the schedule. Answers go to the review log marked
 * "cram"; memory states and due dates are not touched. */
#ifndef PREPDECK_CRAM_H
#define PREPDECK_CRAM_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "review.h"

/* How many cards a cram session takes when no limit is given. */
#define CRAM_LIMIT 50

struct cram_source {
	const char *deck; /* deck id, or NULL */
	const char *tag;  /* tag, or NULL */
	const char *map;  /* gap map id with `row`: the decks linked to that skill */
	int64_t row;      /* gap_row id (or 0) */
};

/* The cards to practise, weakest first: seen cards by how soon their
 * recall fades, then unseen cards in deck order; at most `limit`.
 * Returns an array of keys (free with cram_free), or NULL with *cause
 * set when the source names nothing or has no cards. */
char **cram_keys(struct db *db, const struct cram_source *src, int limit, size_t *n, char **cause);
void cram_free(char **keys, size_t n);

#endif
