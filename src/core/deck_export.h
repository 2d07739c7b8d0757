/* Writing a deck out, the learner's text included (their edits of
 * curriculum cards as they are now): a YAML document that `prepdeck
 * import` reads back as the learner's own (marked `origin: user`, same
 * ids), Markdown for notes, CSV (RFC 4180) for spreadsheets. Core
 * module: no curses. */
#ifndef PREPDECK_DECK_EXPORT_H
#define PREPDECK_DECK_EXPORT_H

#include <stdio.h>

#include "db.h"

enum deck_format { DECK_FMT_YAML, DECK_FMT_MD, DECK_FMT_CSV };

/* "yaml" (or "yml"), "md" (or "markdown"), "csv"; 0, or -1. */
int deck_format_parse(const char *s, enum deck_format *f);

/* Writes the live cards of deck_id, one entry per note in deck order.
 * Returns the number of notes written, or -1 with *cause set. */
int deck_export(struct db *db, const char *deck_id, enum deck_format f, FILE *fp, char **cause);

#endif
