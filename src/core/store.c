#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "import.h"
#include "paths.h"
#include "rehearsal.h"
#include "store.h"
#include "story.h"
#include "util.h"

struct store {
	struct db *db;
	int lock; /* descriptor of the lock file, or -1 */
};

/* What a database gets once: the bundled curriculum on first use (and
 * again if that first import could not finish), and data saved before a
 * rule changed brought in line: template copies lose guidance saved as
 * their text, rehearsal times are rounded to the seconds the screens
 * show. A database opened read-only is used as it is. */
static int
first_use(struct db *db, FILE *diags, char **cause)
{
	if (db_readonly(db))
		return 0;
	char *done = db_setting(db, "bundled_imported");
	if (done == NULL) {
		struct import_stats st;
		if (import_paths(db, NULL, 0, &st, diags) != 0)
			return fail(cause, "the bundled curriculum has errors (listed above)");
		db_set_setting(db, "bundled_imported", "1");
	}
	free(done);
	static const struct {
		const char *key;
		int (*fix)(struct db *);
	} fixes[] = {
		{ "guidance_cleared", story_clear_guidance },
		{ "rehearsal_rounded", rehearsal_round_stored },
	};
	for (size_t i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
		done = db_setting(db, fixes[i].key);
		if (done == NULL) {
			fixes[i].fix(db);
			db_set_setting(db, fixes[i].key, "1");
		}
		free(done);
	}
	return 0;
}

struct store *
store_open(const struct store_request *req, char **cause)
{
	char *path = paths_db(req->path, cause);
	if (path == NULL)
		return NULL;
	struct store *s = xcalloc(1, sizeof *s);
	s->lock = -1;
	if (req->access == STORE_READ) {
		if (access(path, R_OK) == 0)
			s->db = db_open(path, DB_OPEN_READONLY, NULL, cause);
		goto done;
	}
	/* The lock comes first, so two first starts cannot both import. */
	if (req->lock && (s->lock = paths_lock(path, cause)) < 0)
		goto done;
	s->db = db_open(path, DB_OPEN_CREATE, NULL, cause);
	if (s->db != NULL && first_use(s->db, req->diags ? req->diags : stderr, cause) != 0) {
		db_close(s->db);
		s->db = NULL;
	}
done:
	free(path);
	if (s->db == NULL) {
		store_close(s);
		return NULL;
	}
	return s;
}

struct db *
store_db(const struct store *s)
{
	return s->db;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	db_close(s->db);
	if (s->lock >= 0)
		close(s->lock);
	free(s);
}
