/* Skills-gap maps: one map per target job, one row per skill with the
 * user's evidence, confidence 1-5, next action and status. Bundled maps
 * come from `skillmap` documents; the user makes more (by hand or with
 * `prepdeck jd import`). Every edit is one transaction that also writes a
 * gap_edit row, so edits survive a crash, can be undone one by one, and
 * are never overwritten by a later import. Core module: no curses. */
#ifndef PREPDECK_GAPMAP_H
#define PREPDECK_GAPMAP_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct gap_map {
	char *id, *title, *role;
	char *origin; /* "bundled" (from a file), "jd", "user" */
	int64_t created_at;
	int nrows; /* live rows (not deleted or retired) */
	int ngaps; /* of which gaps (see gap_row_is_gap) */
};

/* The fields of a row a user can change. */
enum gap_field {
	GF_NAME,
	GF_CATEGORY,
	GF_CONFIDENCE,
	GF_STATUS,
	GF_EVIDENCE,
	GF_NEXT,
	GF_DECKS,
	GF_STORIES,
	GF_KEYWORDS,
	GF__COUNT
};

struct gap_row {
	int64_t id;
	char *map_id;
	char *skill_id; /* NULL for a row the user added */
	char *name, *category, *keywords, *evidence, *next_action, *status;
	char *decks, *stories; /* word lists: " a b " or "" */
	int confidence;        /* 1..5; 0 = not rated */
	int ord;
	double weight; /* relevance from a job description (0 = none) */
	int edited;
};

struct gap_rows {
	struct gap_row *v;
	size_t n;
};

enum gap_sort {
	GAP_SORT_MAP,
	GAP_SORT_CONFIDENCE,
	GAP_SORT_CATEGORY,
	GAP_SORT_NAME,
	GAP_SORT__COUNT
};

/* One confidence change: when, which row, the new value (0 = unset). */
struct gap_point {
	int64_t at;
	int64_t row_id;
	int confidence;
};

/* Field names: the column ("next_action"), the label ("Next action"). */
const char *gap_field_column(enum gap_field f);
const char *gap_field_label(enum gap_field f);
/* Parses a field name as typed on the command line ("next", "conf",
 * "skill", ...); returns 0 or -1. */
int gap_field_parse(const char *s, enum gap_field *f);
const char *gap_sort_name(enum gap_sort s);
int gap_sort_parse(const char *s, enum gap_sort *out);

/* A lowercase id made of [a-z0-9-] from any text (at most 48 bytes);
 * "" when the text has no ASCII letter or digit. Caller frees. */
char *gap_slug(const char *s);

/* All live maps, bundled first, then by creation. Caller frees with
 * gap_maps_free. */
void gap_maps(struct db *db, struct gap_map **out, size_t *n);
void gap_maps_free(struct gap_map *m, size_t n);
/* Loads one live map; returns 0, or -1 with *cause set (caller frees). */
int gap_map_get(struct db *db, const char *id, struct gap_map *out, char **cause);
void gap_map_clear(struct gap_map *m);
/* An id derived from base that no document or map uses yet (base, base-2,
 * ...). Caller frees. */
char *gap_map_unused_id(struct db *db, const char *base);
/* Creates an empty map made in the program (origin "user" or "jd").
 * Returns 0, or -1 with *cause set. */
int gap_map_create(struct db *db, const char *id, const char *title, const char *role,
                   const char *origin, char **cause);

/* The map the user works on: the one last opened, imported or chosen
 * with gap_set_current, else the newest map the user made, else the
 * first bundled one; NULL when there is no map. Caller frees. */
char *gap_current(struct db *db);
/* Deletes one of the user's maps (made by hand or from a job
 * description; the curriculum's are refused): it leaves the lists, its
 * rows and history are kept, and gap_map_restore brings it back. The
 * last one deleted is remembered for an undo. Returns 0, or -1 with
 * *cause set. */
int gap_map_delete(struct db *db, const char *id, char **cause);
int gap_map_restore(struct db *db, const char *id, char **cause);
/* The map deleted last and not restored (a new string), or NULL. */
char *gap_map_last_deleted(struct db *db);
void gap_set_current(struct db *db, const char *map_id);

/* The live rows of a map whose text contains filter (case-insensitive for
 * ASCII; NULL or "" for all), in the given order. Caller frees with
 * gap_rows_free. */
void gap_rows_load(struct db *db, const char *map_id, const char *filter, enum gap_sort sort,
                   struct gap_rows *out);
void gap_rows_free(struct gap_rows *r);
/* Loads one row (deleted ones too); returns 0, or -1 when there is none. */
int gap_row_load(struct db *db, int64_t row_id, struct gap_row *out);
void gap_row_clear(struct gap_row *r);
/* A gap: no evidence, or confidence 2 or lower (rated). */
int gap_row_is_gap(const struct gap_row *r);
/* True when filter (any case) is in a column the map shows at every
 * width: name, category, status, evidence or next action. */
int gap_row_matches(const struct gap_row *r, const char *filter);
/* Sorts rows in place. */
void gap_rows_sort(struct gap_rows *r, enum gap_sort sort);

/* Finds a live row of a map by its position in map order (1-based, as
 * `gapmap show` numbers them), its skill id, its name (any case) or a
 * unique prefix of its name. Returns 0 and sets *row_id, or -1 with
 * *cause set. */
int gap_row_find(struct db *db, const char *map_id, const char *ref, int64_t *row_id, char **cause);

/* Inserts a row as an import does (no edit history, not marked edited);
 * used by the job-description reader. Returns the new row id. */
int64_t gap_row_insert(struct db *db, const struct gap_row *r);

/* The user's edits. Each is one transaction with its gap_edit row, marks
 * the row edited, and returns 0 (also when nothing changed), or -1 with
 * *cause set (caller frees) when the value is not valid. */
int64_t gap_row_add(struct db *db, const char *map_id, const char *name, const char *category,
                    char **cause);
int gap_row_set(struct db *db, int64_t row_id, enum gap_field f, const char *value, char **cause);
int gap_row_set_confidence(struct db *db, int64_t row_id, int confidence, char **cause);
int gap_row_delete(struct db *db, int64_t row_id, char **cause);

/* Undoes the last edit of a map (of any map when map_id is NULL).
 * Returns 1, sets *what (caller frees) to a description of what was
 * undone and *row_id (if not NULL) to the row it changed; or returns 0
 * when there is nothing to undo. */
int gap_undo(struct db *db, const char *map_id, char **what, int64_t *row_id);

/* The k weakest gaps of a map: rated 1 or 2 first, then unrated, then
 * higher ratings without evidence; within each, no evidence first, then
 * the most asked-for. Caller frees with gap_rows_free. */
void gap_weakest(struct db *db, const char *map_id, size_t k, struct gap_rows *out);

/* Confidence changes of the live rows of a map (of all maps when map_id
 * is NULL) in time order, from the edit history. Caller frees *out. */
void gap_history(struct db *db, const char *map_id, struct gap_point **out, size_t *n);

/* Formats a confidence as a 5-cell bar ("■■■□□", or "·····" unrated)
 * into buf (at least 16 bytes). */
void gap_conf_bar(int confidence, char *buf, size_t n);

#endif
