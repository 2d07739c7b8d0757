#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cram.h"
#include "review.h"
#include "util.h"

char **
cram_keys(struct db *db, const struct cram_source *src, int limit, size_t *n, char **cause)
{
	*n = 0;
	char *decks = NULL;
	if (src->map != NULL) {
		decks = db_text(db,
		                "SELECT ' ' || decks || ' ' FROM gap_row WHERE map_id = ? "
		                "AND id = ? AND deleted = 0",
		                "ti", src->map, src->row);
		if (decks == NULL) {
			fail(cause, "no skill %lld in gap map '%s'", (long long)src->row, src->map);
			return NULL;
		}
		if (strspn(decks, " ") == strlen(decks)) {
			free(decks);
			fail(cause, "that skill links to no deck; link one in the gap map first");
			return NULL;
		}
	}
	if (src->deck != NULL && !review_deck_exists(db, src->deck)) {
		free(decks);
		fail(cause, "no deck '%s' (see 'prepdeck due' for the decks)", src->deck);
		return NULL;
	}
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT c.key FROM card c LEFT JOIN card_state s ON s.key = c.key "
	        "WHERE c.retired = 0 AND ifnull(s.suspended, 0) = 0 "
	        "AND (?1 IS NULL OR c.deck_id = ?1) "
	        "AND (?2 IS NULL OR c.tags LIKE '% ' || ?2 || ' %') "
	        "AND (?3 IS NULL OR ?3 LIKE '% ' || c.deck_id || ' %') "
	        "ORDER BY ifnull(s.state, 0) = 0, s.last_review + s.stability * " STRINGIFY(
	                DAY_SECONDS) ", "
	                             "c.ord, c.key LIMIT ?4",
	        "ttti", src->deck, src->tag, decks, (int64_t)(limit > 0 ? limit : 1000000));
	char **v = db_col_strings(st, n);
	free(decks);
	if (*n == 0) {
		free(v);
		fail(cause, "no cards to practise there");
		return NULL;
	}
	return v;
}

void
cram_free(char **keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}
