/* FSRS-6 spaced-repetition scheduler.
 *
 * A pure computation: no I/O, no globals, no allocation. It follows
 * ts-fsrs 5.x (the reference implementation) step for step: the same
 * state machine, learning steps, rounding to 8 decimals and clamps, so a
 * review history replayed here gives the same states, due times,
 * stabilities and difficulties as ts-fsrs with fuzz off. Interval fuzz
 * uses its own deterministic generator seeded by the caller.
 *
 * Times are Unix seconds (UTC). Day-scale elapsed time between reviews is
 * counted in UTC calendar days, as ts-fsrs does. */
#ifndef PREPDECK_FSRS_H
#define PREPDECK_FSRS_H

#include <stdint.h>

#define FSRS_NWEIGHTS 21
#define FSRS_MAX_STEPS 8
#define FSRS_S_MIN 0.001 /* lowest stability, days */

enum fsrs_state { FSRS_NEW = 0, FSRS_LEARNING = 1, FSRS_REVIEW = 2, FSRS_RELEARNING = 3 };

enum fsrs_rating { FSRS_AGAIN = 1, FSRS_HARD = 2, FSRS_GOOD = 3, FSRS_EASY = 4 };

struct fsrs_params {
	double w[FSRS_NWEIGHTS];            /* model weights; w[20] is the curve decay */
	double retention;                   /* requested retention, 0 < r <= 1 */
	int max_interval;                   /* days, 1 .. INT_MAX / 2 */
	int enable_fuzz;                    /* spread day intervals a little */
	int enable_short_term;              /* learning steps and same-day updates */
	int learning_steps[FSRS_MAX_STEPS]; /* minutes, for new cards */
	int n_learning_steps;
	int relearning_steps[FSRS_MAX_STEPS]; /* minutes, after a lapse */
	int n_relearning_steps;
	/* Constants derived from w and retention, stored by fsrs_prepare to
	 * save work on every review; used only while the weights and
	 * retention they came from are unchanged. */
	struct fsrs_derived {
		double w4, w5, w8, w20, retention; /* the inputs */
		double decay, factor, ivl_mod, d_easy, exp_w8;
	} derived;
};

struct fsrs_card {
	int state;           /* enum fsrs_state */
	int64_t due;         /* next review time; any time may be used */
	int64_t last_review; /* unused while state is FSRS_NEW */
	double stability;    /* days until recall drops to 90% */
	double difficulty;   /* 1..10; 0 with stability 0 before review */
	int elapsed_days;    /* calendar days before the last review */
	int scheduled_days;  /* days from last review to due (0 = steps) */
	int reps;
	int lapses;
	int step; /* index into the (re)learning steps */
};

/* Fills p with the ts-fsrs defaults: the 21 FSRS-6 default weights,
 * retention 0.9, maximum interval 36500 days, short-term on, learning
 * steps 1m 10m, relearning step 10m; fuzz as given. */
void fsrs_default_params(struct fsrs_params *p, int enable_fuzz);

/* Stores p->derived for the current weights and retention. Optional:
 * without it (or after changing them) each review works the constants
 * out again, with the same results. fsrs_default_params calls it. */
void fsrs_prepare(struct fsrs_params *p);

/* Clamps each weight into the range ts-fsrs allows (as its
 * clipParameters does), for weights loaded from elsewhere. NaN counts
 * as 0 before clamping, as there. */
void fsrs_clip_weights(struct fsrs_params *p);

/* Returns 0 when p is usable by the functions below, -1 otherwise
 * (non-finite weights, w[20] <= 0, retention outside (0, 1], max_interval
 * out of range, bad step counts, negative steps). Weights from elsewhere
 * should also go through fsrs_clip_weights, as ts-fsrs always does. */
int fsrs_params_check(const struct fsrs_params *p);

/* A card that has never been reviewed, due at now. */
void fsrs_new_card(struct fsrs_card *c, int64_t now);

/* Reviews card *in at time now with rating 1-4 and stores the resulting
 * card in *out (which may be the same object as *in). fuzz_seed drives
 * interval fuzz when p->enable_fuzz is set (same seed, same result;
 * e.g. derive it from the card id and reps). Returns 0, or -1 with *out
 * untouched for a bad rating, bad parameters, a corrupt card (unknown
 * state, NaN or negative memory values, negative step) or a review
 * earlier than the card's last review. */
int fsrs_review(const struct fsrs_params *p, const struct fsrs_card *in, int64_t now,
                enum fsrs_rating rating, uint64_t fuzz_seed, struct fsrs_card *out);

/* As fsrs_review for parameters the caller has checked once with
 * fsrs_params_check (and keeps unchanged) and a card that is new or came
 * out of fsrs_review: saves both checks on every review of a long
 * replay. */
int fsrs_review_checked(const struct fsrs_params *p, const struct fsrs_card *in, int64_t now,
                        enum fsrs_rating rating, uint64_t fuzz_seed, struct fsrs_card *out);

/* The four possible outcomes of reviewing *in at now: out[r - 1] is the
 * card after rating r, so out[r - 1].due - now is the interval to show
 * for that rating. Each equals what fsrs_review gives with the same
 * seed. With increasing steps (as the defaults), dues never decrease
 * from Again to Easy. In review, Hard < Good < Easy is enforced after
 * the max_interval cap, as in ts-fsrs, so Good and Easy can land a day
 * or two past it. Returns 0, or -1 as fsrs_review. */
int fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *in, int64_t now,
                 uint64_t fuzz_seed, struct fsrs_card out[4]);

/* Probability of recall at time at, as ts-fsrs get_retrievability:
 * whole days (floor of 24-hour periods) since the last review on the
 * forgetting curve. 1 right after a review, decreasing with time; 0 for
 * a new card or one without a valid stability. */
double fsrs_retrievability(const struct fsrs_params *p, const struct fsrs_card *c, int64_t at);

#endif
