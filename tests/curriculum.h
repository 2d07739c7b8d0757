/* Helpers for the tests of the curriculum tools (replaces, the example
 * profile): a database in a private temporary directory, checking and
 * importing in-memory files against it. Include after check.h. */
#ifndef PREPDECK_TEST_CURRICULUM_H
#define PREPDECK_TEST_CURRICULUM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "db.h"
#include "import.h"
#include "util.h"

static struct db *db;
static char db_dir[256];

/* Opens a new database in a new temporary directory; exits on failure. */
static void
db_setup(const char *name)
{
	snprintf(db_dir, sizeof db_dir, "%s/prepdeck-%s-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", name);
	if (mkdtemp(db_dir) == NULL)
		exit(99);
	char *path = xprintf("%s/p.db", db_dir);
	char *cause = NULL;
	db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	free(path);
	if (db == NULL) {
		fprintf(stderr, "%s\n", cause);
		exit(99);
	}
}

static void
db_teardown(void)
{
	db_close(db);
	char *cmd = xprintf("rm -rf '%s'", db_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", db_dir);
	free(cmd);
}

/* The messages of checking text as file `name` (against the database
 * when it is open), "L:C: msg" joined by newlines ("" when clean). The
 * caller frees. */
static char *
errors_in(const char *name, const char *text)
{
	struct content_run *run = content_load_buffer(name, text, strlen(text),
	                                              db ? import_lookup : NULL, db);
	struct sbuf b = { 0 };
	sbuf_add(&b, "");
	for (size_t i = 0; i < run->diags.n; i++)
		sbuf_addf(&b, "%s%d:%d: %s", i ? "\n" : "", run->diags.v[i].line,
		          run->diags.v[i].col, run->diags.v[i].msg);
	content_free(run);
	return sbuf_take(&b);
}

#define EXPECT_ERRORS(name, text, want) do { \
	char *got_ = errors_in(name, text); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

/* Imports text as the in-memory file `name`, which must be clean. */
static struct import_stats
import_text(const char *name, const char *text)
{
	struct import_stats st = { .written = -1, .carried = -1, .kept_apart = -1 };
	struct content_run *run = content_load_buffer(name, text, strlen(text),
	                                              import_lookup, db);
	CHECK_INT(run->diags.n, 0);
	if (run->diags.n == 0)
		import_run(db, run, &st);
	else
		diags_print(&run->diags, stderr);
	content_free(run);
	return st;
}

#endif
