/* The store: the learner's database as both front ends open it. One
 * function resolves the path, makes its directory, takes the lock of an
 * interactive session, opens and migrates the file and imports the
 * bundled curriculum on first use (doc/architecture.md). */
#ifndef PREPDECK_STORE_H
#define PREPDECK_STORE_H

#include <stdio.h>

#include "db.h"

enum store_access {
	/* The caller writes: created when missing, migrated, given the
	 * bundled curriculum once (every command on the learner's data,
	 * and the screens). */
	STORE_WRITE,
	/* The caller only reads, to look ids and settings up (check, lint,
	 * the shell completions): an existing database opened read-only,
	 * never created, migrated or imported into. */
	STORE_READ,
};

struct store_request {
	const char *path; /* --db PATH, or NULL: $PREPDECK_DB, else
	                              $XDG_DATA_HOME, else ~/.local/share */
	enum store_access access;
	int lock;    /* an interactive session: one at a time
	                              per database, refused while another runs */
	FILE *diags; /* where the first import reports mistakes
	                              in the bundled curriculum (NULL: stderr) */
};

struct store;

/* Opens the store as req asks. Returns it, or NULL with *cause set
 * (caller frees). STORE_READ returns NULL with *cause left NULL when
 * there is no database yet. */
struct store *store_open(const struct store_request *req, char **cause);

/* The open database (owned by the store). */
struct db *store_db(const struct store *s);

/* Closes the database and releases the lock; s may be NULL. */
void store_close(struct store *s);

#endif
