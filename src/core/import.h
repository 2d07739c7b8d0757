/* Writing a checked content run into the database: idempotent, keeps all
 * user state, retires (never deletes) what the files no longer hold. */
#ifndef PREPDECK_IMPORT_H
#define PREPDECK_IMPORT_H

#include "content.h"
#include "db.h"

struct import_stats {
	int written;    /* rows added or changed */
	int retired;    /* rows no longer in the files */
	int kept;       /* rows already up to date */
	int carried;    /* replaced cards whose history moved to their new card */
	int kept_apart; /* replaced cards that kept their history because the
	                 * new card has its own */
};

/* Imports a run that has no diagnostics, in one transaction. */
void import_run(struct db *db, const struct content_run *run, struct import_stats *st);

/* content_lookup_fn over the database (ctx is the struct db *). */
const char *import_lookup(void *ctx, enum content_ns ns, const char *id, const char **src);

/* Loads, checks and imports paths (the bundled curriculum when npaths is
 * 0); prints diagnostics to errfp. Returns 0, or 1 when the files have
 * errors (then nothing is written). */
int import_paths(struct db *db, char *const *paths, size_t npaths, struct import_stats *st,
                 void *errfp);

#endif
