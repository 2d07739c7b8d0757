/* How the store opens a database: every commit is durable across a power
 * loss (synchronous = FULL in WAL mode, doc/schema.md), prepdeck's files
 * carry its application id, and a read-only open says so. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "db.h"
#include "util.h"

int
main(void)
{
	char dir[256];
	snprintf(dir, sizeof dir, "%s/prepdeck-dbopen-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 99;
	char *path = xprintf("%s/p.db", dir);
	char *cause = NULL;
	int created = 0;
	struct db *db = db_open(path, DB_OPEN_CREATE, &created, &cause);
	CHECK(db != NULL);
	if (db == NULL)
		return check_done();
	CHECK_INT(created, 1);
	/* 2 is FULL: the WAL is synced at every commit, not only at
	 * checkpoints, so a grade given survives a power cut. */
	CHECK_INT(db_int(db, -1, "PRAGMA synchronous", ""), 2);
	char *mode = db_text(db, "PRAGMA journal_mode", "");
	CHECK_STR(mode, "wal");
	free(mode);
	CHECK_INT(db_int(db, 0, "PRAGMA application_id", ""), 0x50525044);
	CHECK_INT(db_readonly(db), 0);
	db_set_setting(db, "x", "1");
	db_close(db);

	db = db_open(path, DB_OPEN_READONLY, NULL, &cause);
	CHECK(db != NULL);
	if (db != NULL) {
		CHECK_INT(db_readonly(db), 1);
		char *x = db_setting(db, "x");
		CHECK_STR(x, "1");
		free(x);
		db_close(db);
	}
	char *cmd = xprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
	free(path);
	return check_done();
}
