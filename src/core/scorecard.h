/* Mock-round scorecards: a round scored on a rubric from the curriculum
 * (every category 1-4 with one sentence of evidence), with the date, the
 * partner and the one thing to fix next. Tables `scorecard` and
 * `scorecard_score` (user state); rubrics come from `doc`/`rubric_cat`. */
#ifndef PREPDECK_SCORECARD_H
#define PREPDECK_SCORECARD_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* Longest evidence sentence, partner name and fix-next text, in bytes. */
#define SCORECARD_TEXT_MAX 500

struct scorecard_cat {
	char *id;
	char *name;
	char *level[4]; /* what scores 1..4 look like */
};

struct scorecard_rubric {
	char *id;
	char *title;
	char *round; /* coding, ml-design, behavioral, custom */
	size_t ncats;
	struct scorecard_cat *cats; /* in file order */
};

struct scorecard_score {
	char *cat_id;
	char *name; /* the category's name ("" if retired) */
	int score;  /* 1..4 */
	char *evidence;
};

struct scorecard {
	int64_t id;
	char *rubric_id;
	char *rubric_title; /* the rubric's title, or its id if gone */
	char *day;          /* YYYY-MM-DD */
	char *partner;
	char *fix_next;
	int64_t created_at;
	int ncats; /* categories the rubric has now */
	size_t nscores;
	struct scorecard_score *scores; /* in the rubric's order */
};

/* All rubrics that are not retired, in file order. *out is an array the
 * caller frees with scorecard_rubrics_free. */
void scorecard_rubrics(struct db *db, struct scorecard_rubric **out, size_t *n);
void scorecard_rubrics_free(struct scorecard_rubric *r, size_t n);
/* Loads one rubric with its categories into *r (free with scorecard_rubric_free).
 * Returns -1 with *cause set when there is no such rubric. */
int scorecard_rubric_load(struct db *db, const char *id, struct scorecard_rubric *r, char **cause);
void scorecard_rubric_free(struct scorecard_rubric *r);
/* The index of category id in r, or -1. */
int scorecard_cat_index(const struct scorecard_rubric *r, const char *id);

/* Checks a YYYY-MM-DD date for a round held on or before study day
 * `today` + 1. Returns 0, or -1 with *cause set. */
int scorecard_check_day(const char *day, int64_t today, char **cause);
/* Checks one line of user text (evidence, partner, fix-next): valid
 * UTF-8, no control characters, at most SCORECARD_TEXT_MAX bytes. `what`
 * names it in the message. Returns 0, or -1 with *cause set. */
int scorecard_check_text(const char *what, const char *s, char **cause);

/* Records a whole round at once: the rubric must exist and every one of
 * its categories must be scored exactly once, 1..4, with evidence; the
 * fix-next text must not be empty. Nothing is written unless all is
 * right. Sets *id to the new scorecard. */
int scorecard_record(struct db *db, const struct scorecard *sc, int64_t now, int64_t *id,
                     char **cause);

/* Step by step, for the interactive form: each call is committed at once.
 * scorecard_create starts a round with no scores. */
int scorecard_create(struct db *db, const char *rubric_id, const char *day, const char *partner,
                     int64_t now, int64_t *id, char **cause);
int scorecard_set_score(struct db *db, int64_t id, const char *cat_id, int score,
                        const char *evidence, char **cause);
/* field is "day", "partner" or "fix_next". */
int scorecard_set_field(struct db *db, int64_t id, const char *field, const char *value,
                        int64_t now, char **cause);
int scorecard_delete(struct db *db, int64_t id, char **cause);

/* Scorecards, newest round first (by day, then by time recorded), with
 * their scores; rubric_id NULL for all. *out: caller frees with
 * scorecard_list_free. */
void scorecard_list(struct db *db, const char *rubric_id, struct scorecard **out, size_t *n);
void scorecard_list_free(struct scorecard *s, size_t n);
/* One scorecard into *sc (free with scorecard_free); -1 if missing. */
int scorecard_get(struct db *db, int64_t id, struct scorecard *sc, char **cause);
void scorecard_free(struct scorecard *sc);
/* Mean score of sc, 0 when it has none. */
double scorecard_mean(const struct scorecard *sc);

/* The fix-next text of the latest round that has one (caller frees), or
 * NULL; *day (if not NULL) gets its date (caller frees). */
char *scorecard_next_fix(struct db *db, char **day);

#endif
