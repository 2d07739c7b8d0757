#include "config.h"

#include <stdlib.h>

#include "ids.h"
#include "util.h"

char **
ids_list(struct db *db, enum ids_kind kind, const char *prefix, size_t max, size_t *n)
{
	static const char *const sql[] = {
		[IDS_DECK] = "SELECT id FROM doc WHERE kind IN ('deck', 'numbers') AND retired = 0 "
		             "AND substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT ?2",
		[IDS_STORY] = "SELECT id FROM story WHERE retired = 0 "
		              "AND substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT ?2",
		[IDS_MAP] = "SELECT id FROM gapmap WHERE retired = 0 "
		            "AND substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT ?2",
		[IDS_CARD] = "SELECT key FROM card WHERE retired = 0 "
		             "AND substr(key, 1, length(?1)) = ?1 ORDER BY key LIMIT ?2",
	};
	char **v = NULL;
	*n = 0;
	struct db_stmt *st = db_prepare(db, sql[kind], "ti", prefix ? prefix : "", (int64_t)max);
	while (db_step(st)) {
		v = xrealloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = db_col_strdup(st, 0);
	}
	db_finalize(st);
	return v;
}

void
ids_free(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}
