#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "util.h"

/* Fills c's items, ticks and completion figures (c->id and whether the
 * checklist is retired are known). */
static void
load_items(struct db *db, struct checklist *c, int all)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT i.item_id, i.text, t.ticked_at FROM checklist_item i"
	        " LEFT JOIN checklist_tick t ON t.checklist_id = i.checklist_id"
	        "  AND t.item_id = i.item_id"
	        " WHERE i.checklist_id = ? AND (i.retired = 0 OR ?) ORDER BY i.ord, i.item_id",
	        "ti", c->id, (int64_t)all);
	size_t cap = 8;
	c->items = xcalloc(cap, sizeof *c->items);
	while (db_step(st)) {
		if (c->nitems == cap) {
			cap *= 2;
			c->items = xrealloc(c->items, cap * sizeof *c->items);
		}
		struct checklist_item *it = &c->items[c->nitems++];
		it->id = xstrdup(db_col_text(st, 0));
		it->text = xstrdup(db_col_text(st, 1));
		it->ticked = !db_col_isnull(st, 2);
		it->ticked_at = it->ticked ? db_col_int(st, 2) : 0;
		c->nticked += it->ticked;
	}
	db_finalize(st);
	c->times_done = (int)db_int(db, 0,
	                            "SELECT count(*) FROM checklist_done WHERE "
	                            "checklist_id = ?",
	                            "t", c->id);
	c->last_done = db_int(db, 0,
	                      "SELECT max(completed_at) FROM checklist_done WHERE "
	                      "checklist_id = ?",
	                      "t", c->id);
}

size_t
checklist_list(struct db *db, struct checklist **out)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT id, title, description FROM doc WHERE "
	                                "kind = 'checklist' AND retired = 0 ORDER BY ord, id",
	                                "");
	size_t n = 0, cap = 8;
	struct checklist *c = xcalloc(cap, sizeof *c);
	while (db_step(st)) {
		if (n == cap) {
			cap *= 2;
			c = xrealloc(c, cap * sizeof *c);
		}
		memset(&c[n], 0, sizeof c[n]);
		c[n].id = xstrdup(db_col_text(st, 0));
		c[n].title = xstrdup(db_col_text(st, 1));
		c[n].description = xstrdup(db_col_text(st, 2));
		n++;
	}
	db_finalize(st);
	for (size_t i = 0; i < n; i++)
		load_items(db, &c[i], 0);
	*out = c;
	return n;
}

static void
clear(struct checklist *c)
{
	for (size_t i = 0; i < c->nitems; i++) {
		free(c->items[i].id);
		free(c->items[i].text);
	}
	free(c->items);
	free(c->id);
	free(c->title);
	free(c->description);
}

void
checklist_list_free(struct checklist *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		clear(&c[i]);
	free(c);
}

void
checklist_free(struct checklist *c)
{
	if (c == NULL)
		return;
	clear(c);
	free(c);
}

struct checklist *
checklist_load(struct db *db, const char *id, char **cause)
{
	struct db_stmt *st = db_prepare(db,
	                                "SELECT title, description, retired FROM doc "
	                                "WHERE id = ? AND kind = 'checklist'",
	                                "t", id);
	if (!db_step(st)) {
		db_finalize(st);
		struct checklist *all;
		size_t n = checklist_list(db, &all);
		const char *best = NULL;
		int bestd = 3;
		struct sbuf b = { 0 };
		for (size_t i = 0; i < n; i++) {
			int d = str_distance(id, all[i].id);
			if (d < bestd) {
				bestd = d;
				best = all[i].id;
			}
		}
		sbuf_addf(&b, "no checklist '%s'", id);
		if (best)
			sbuf_addf(&b, " (did you mean '%s'?)", best);
		sbuf_add(&b, n ? "; the checklists are:" : "; no checklist is imported");
		for (size_t i = 0; i < n; i++)
			sbuf_addf(&b, "%s %s", i ? "," : "", all[i].id);
		checklist_list_free(all, n);
		if (cause)
			*cause = sbuf_take(&b);
		else
			sbuf_free(&b);
		return NULL;
	}
	struct checklist *c = xcalloc(1, sizeof *c);
	c->id = xstrdup(id);
	c->title = xstrdup(db_col_text(st, 0));
	c->description = xstrdup(db_col_text(st, 1));
	int retired = (int)db_col_int(st, 2);
	db_finalize(st);
	load_items(db, c, retired);
	return c;
}

struct checklist_item *
checklist_find_item(const struct checklist *c, const char *item)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].id, item) == 0)
			return &c->items[i];
	char *end;
	long k = strtol(item, &end, 10);
	if (*item >= '0' && *item <= '9' && *end == '\0' && k >= 1 && (size_t)k <= c->nitems)
		return &c->items[k - 1];
	return NULL;
}

/* Records a completed pass unless this pass (the ticks present now) was
 * recorded already; returns 1 when a row was added. */
static int
record_done(struct db *db, const char *id, int64_t now, int force)
{
	int64_t first = db_int(db, 0,
	                       "SELECT min(ticked_at) FROM checklist_tick WHERE "
	                       "checklist_id = ?",
	                       "t", id);
	if (!force && db_int(db, 0,
	                     "SELECT count(*) FROM checklist_done WHERE "
	                     "checklist_id = ? AND completed_at >= ?",
	                     "ti", id, first) > 0)
		return 0;
	db_exec(db, "INSERT INTO checklist_done(checklist_id, completed_at) VALUES (?, ?)", "ti",
	        id, (int64_t)now);
	return 1;
}

int
checklist_tick(struct db *db, const char *id, const char *item, int on, int64_t now, int *completed,
               char **cause)
{
	if (completed)
		*completed = 0;
	struct checklist *c = checklist_load(db, id, cause);
	if (c == NULL)
		return -1;
	struct checklist_item *it = checklist_find_item(c, item);
	if (it == NULL) {
		fail(cause, "the checklist '%s' has no item '%s' (items are 1-%zu or their ids)",
		     id, item, c->nitems);
		checklist_free(c);
		return -1;
	}
	db_begin(db);
	if (on && !it->ticked) {
		db_exec(db,
		        "INSERT OR REPLACE INTO checklist_tick(checklist_id, item_id, "
		        "ticked_at) VALUES (?, ?, ?)",
		        "tti", id, it->id, (int64_t)now);
		if (c->nticked + 1 == (int)c->nitems && record_done(db, id, now, 0) && completed)
			*completed = 1;
	} else if (!on && it->ticked) {
		db_exec(db, "DELETE FROM checklist_tick WHERE checklist_id = ? AND item_id = ?",
		        "tt", id, it->id);
	}
	db_commit(db);
	checklist_free(c);
	return 0;
}

int
checklist_done(struct db *db, const char *id, int64_t now, char **cause)
{
	struct checklist *c = checklist_load(db, id, cause);
	if (c == NULL)
		return -1;
	checklist_free(c);
	record_done(db, id, now, 1);
	return 0;
}

int
checklist_reset(struct db *db, const char *id, char **cause)
{
	struct checklist *c = checklist_load(db, id, cause);
	if (c == NULL)
		return -1;
	checklist_free(c);
	return db_exec(db, "DELETE FROM checklist_tick WHERE checklist_id = ?", "t", id);
}
