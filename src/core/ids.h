/* The ids a learner types into commands, listed for the shell
 * completions: decks, stories, gap maps and cards. */
#ifndef PREPDECK_IDS_H
#define PREPDECK_IDS_H

#include <stddef.h>

#include "db.h"

enum ids_kind { IDS_DECK, IDS_STORY, IDS_MAP, IDS_CARD };

/* The ids of kind that start with prefix and are not retired, sorted,
 * at most max of them; sets *n. The caller frees with ids_free. */
char **ids_list(struct db *db, enum ids_kind kind, const char *prefix, size_t max, size_t *n);
void ids_free(char **ids, size_t n);

#endif
