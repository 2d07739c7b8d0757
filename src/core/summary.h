/* Figures for the Today screen and `prepdeck status`: read-only queries
 * over the whole collection. */
#ifndef PREPDECK_SUMMARY_H
#define PREPDECK_SUMMARY_H

#include <stdint.h>

#include "db.h"

struct summary {
	int decks, cards, cards_new, cards_seen, reviews_total;
	int plans, stories, prompts, checklists, rubrics, gapmaps, gap_rows, terms;
	int64_t last_review; /* 0 when never */
};

void summary_load(struct db *db, struct summary *s);

#endif
