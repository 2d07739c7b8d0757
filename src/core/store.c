#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "import.h"
#include "paths.h"
#include "store.h"
#include "story.h"
#include "util.h"

struct store {
	struct db *db;
	int lock;                  /* descriptor of the lock file, or -1 */
};

/* What a database gets once: the bundled curriculum on first use (and
 * again if that first import could not finish), and the clean-up of
 * template copies made before guidance became a hint. */
static int
first_use(struct db *db, FILE *diags, char **cause)
{
	char *done = db_setting(db, "bundled_imported");
	if (done == NULL) {
		struct import_stats st;
		if (import_paths(db, NULL, 0, &st, diags) != 0)
			return fail(cause, "the bundled curriculum has errors (listed above)");
		db_set_setting(db, "bundled_imported", "1");
	}
	free(done);
	done = db_setting(db, "guidance_cleared");
	if (done == NULL) {
		story_clear_guidance(db);
		db_set_setting(db, "guidance_cleared", "1");
	}
	free(done);
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
