/* User settings kept in the database (table `setting`), with defaults
 * and ranges in one place. */
#ifndef PREPDECK_SETTINGS_H
#define PREPDECK_SETTINGS_H

#include "db.h"
#include "fsrs.h"

struct settings {
	double retention;    /* desired retention, 0.70 .. 0.99 (0.90) */
	int new_per_day;     /* new cards a day, 0 .. 9999 (20) */
	int reviews_per_day; /* reviews a day, 0 .. 99999 (200) */
	int rollover_hour;   /* local hour the study day starts, 0 .. 23 (4) */
	int load_balance;    /* spread reviews over nearby days, 0 or 1 (1) */
	/* Thresholds of `prepdeck lint` (see lint.h). */
	int lint_answer_max;   /* words in an answer, 10 .. 1000 (60) */
	int lint_cloze_max;    /* words in a cloze deletion, 1 .. 100 (5) */
	double lint_duplicate; /* shingle overlap of near-duplicates, 0.05 .. 1.00 (0.20) */
	/* The memory model's parameters: fitted to the learner's history by
	 * `prepdeck optimize --apply` (memory.h), else the defaults. */
	double w[FSRS_NWEIGHTS];
	int fitted; /* 1 fitted, 0 defaults, -1 saved value damaged */
};

/* Loads the settings; db may be NULL for the defaults. */
void settings_load(struct db *db, struct settings *s);

/* Checks text for setting name against its range without storing it:
 * returns 0 and sets *value, or -1 with *cause set (caller frees). */
int settings_check(const char *name, const char *text, double *value, char **cause);

/* Sets one setting by name from text, checking its range. Returns 0, or
 * -1 with *cause set (caller frees). */
int settings_set(struct db *db, const char *name, const char *value, char **cause);

/* The scheduler's parameters for these settings: the default weights,
 * the desired retention, fuzz on. */
void settings_fsrs_params(const struct settings *s, struct fsrs_params *p);

/* Name, current value as text, and description of setting i (0-based);
 * returns 0 past the last one. */
int settings_describe(struct db *db, int i, const char **name, char *value, size_t n,
                      const char **desc);

#endif
