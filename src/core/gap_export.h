/* Writing a gap map out: a Markdown table for notes, CSV (RFC 4180) for
 * spreadsheets, and a `skillmap` YAML document that `prepdeck import`
 * reads back into the same map. Core module: no curses. */
#ifndef PREPDECK_GAP_EXPORT_H
#define PREPDECK_GAP_EXPORT_H

#include <stdio.h>

#include "db.h"

enum gap_format { GAP_FMT_MD, GAP_FMT_CSV, GAP_FMT_YAML };

int gap_format_parse(const char *s, enum gap_format *f);

/* Writes the live rows of map_id, in map order, to fp. For YAML, id (may
 * be NULL) replaces the map's id in the document, so a copy can be
 * imported beside the original; the user's maps (and such copies) are
 * marked `origin: user` or `origin: jd` so import makes them the user's
 * again. Returns 0, or -1 with *cause set (caller frees). */
int gap_export(struct db *db, const char *map_id, enum gap_format f, const char *id, FILE *fp,
               char **cause);

/* Shared with the other exports: "key: value" for any text at the given
 * indentation (a literal block or a double-quoted scalar, read back
 * byte for byte), and one RFC 4180 CSV field (then CRLF when last). */
void export_yaml_text(FILE *fp, int indent, const char *key, const char *s);
void export_csv_field(FILE *fp, const char *s, int last);

#endif
