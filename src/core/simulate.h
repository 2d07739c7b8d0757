/* Running a learner's deck forward: day by day, the due cards are
 * reviewed, each recalled with the probability the memory model gives
 * (FSRS-6, fitted or default parameters), rated from the learner's own
 * mix of ratings, and rescheduled for the desired retention; new cards
 * come in at the daily rate. Seeded: the same seed gives the same
 * result. Reports reviews and minutes per day (from the learner's own
 * seconds per review) and the mean predicted recall of the target cards
 * on a given day (the interview). Pure: no I/O, no database. */
#ifndef PREPDECK_SIMULATE_H
#define PREPDECK_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "fsrs.h"

struct sim_card {
	double s, d;      /* memory state; s == 0: not studied yet */
	int64_t last_day; /* day of the last review */
	int64_t due_day;  /* day the card is next due */
	int target;       /* counts for recall on the target day */
};

struct sim_config {
	double w[FSRS_NWEIGHTS]; /* memory model */
	double retention;        /* desired retention, 0.7 .. 0.99 */
	int64_t today;           /* day number of the first simulated day */
	int days;                /* days to run, >= 1 */
	int new_per_day;         /* new cards a day */
	int reviews_per_day;     /* cap on reviews a day (0: none) */
	int max_interval;        /* days */
	int64_t target_day;      /* day to measure recall on, or -1 */
	int runs;                /* seeded runs averaged, >= 1 */
	uint64_t seed;
	/* The learner: */
	double first[4];     /* mix of first ratings Again..Easy */
	double pass[3];      /* mix of Hard, Good, Easy when recalled */
	double secs_review;  /* seconds per review */
	double secs_new;     /* seconds for a new card (with its steps) */
	double secs_relearn; /* extra seconds after a lapse */
};

struct sim_result {
	int days;
	double *reviews;                         /* mean reviews on each day [days] */
	double *minutes;                         /* mean minutes on each day [days] */
	double reviews_per_day, minutes_per_day; /* means over the days */
	double recall_on_day;                    /* mean predicted R of target cards, or -1 */
	double knowledge;                        /* sum of predicted R of all cards at the end */
	size_t target_cards;
};

/* Fills cfg with the defaults for a learner without history. */
void sim_default_config(struct sim_config *cfg);

/* Runs the simulation over cards[0..n) (copied, not changed). Returns 0,
 * or -1 for a bad configuration. r->reviews and r->minutes are
 * allocated; sim_result_free releases them. */
int sim_run(const struct sim_config *cfg, const struct sim_card *cards, size_t n,
            struct sim_result *r);
void sim_result_free(struct sim_result *r);

/* The lowest desired retention worth studying at, as Anki's "minimum
 * recommended retention": the one in 0.70 .. 0.95 that costs the fewest
 * minutes per card remembered at the end. Returns it, or -1 on error. */
double sim_recommend(const struct sim_config *cfg, const struct sim_card *cards, size_t n);

#endif
