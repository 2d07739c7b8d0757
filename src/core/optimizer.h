/* Fitting the FSRS-6 parameters to a learner's own review history, and
 * measuring how well parameters predict it.
 *
 * This follows fsrs-rs, the optimizer behind Anki (see doc/optimizer.md):
 * - Data. Each card's reviews become items: one for every review made on
 *   a later day than the card's previous review (its pass or fail is the
 *   label), holding all earlier reviews with their gaps in whole days,
 *   same-day reviews (gap 0) included, which drive the short-term terms.
 *   Items are ordered by the time of their last review.
 * - First-review outliers: among cards with one long-term review so far,
 *   the rarest (first rating, first gap) groups are dropped, as fsrs-rs
 *   does, together with every item of a card in such a group.
 * - Pretraining: the four initial stabilities are fitted to the pass
 *   rates of the first long-term reviews, by first rating, then smoothed
 *   and filled in.
 * - Training: Adam on binary cross-entropy, recency-weighted, batches of
 *   512 items of similar length in shuffled order, cosine-annealed
 *   learning rate 0.04, 5 epochs, an L2 pull towards the starting
 *   parameters, every step clipped into the parameter bounds; the epoch
 *   with the lowest loss wins.
 * - Evaluation: log loss and RMSE over bins (by gap, review count and
 *   lapses), in-sample and on a time-series split (train on the past,
 *   predict the next slice, five times).
 *
 * The gradient is written out by hand (reverse mode through each item's
 * reviews). No I/O, no database: histories come in through
 * opt_history_add; the store and the command line feed it. */
#ifndef PREPDECK_OPTIMIZER_H
#define PREPDECK_OPTIMIZER_H

#include <stddef.h>
#include <stdint.h>

#include "fsrs.h"

#define OPT_MIN_ITEMS 400 /* long-term reviews needed to fit */

struct opt_history;

/* An empty history. */
struct opt_history *opt_history_new(void);
void opt_history_free(struct opt_history *h);

/* Adds one review of card key[0..len) at Unix time t on day `day` (the
 * learner's day number: reviews on the same day have gap 0), rating 1-4.
 * Each card's reviews must come in time order. Returns 0, or -1 with
 * *cause set (caller frees) for a bad rating or a review earlier than
 * the same card's previous one. */
int opt_history_add(struct opt_history *h, const char *key, size_t len, int64_t t, int64_t day,
                    enum fsrs_rating rating, char **cause);

/* Counts: reviews added, cards, and items (long-term reviews: the
 * labelled events the fit uses). Items are built on first use. */
size_t opt_history_reviews(struct opt_history *h);
size_t opt_history_cards(struct opt_history *h);
size_t opt_history_items(struct opt_history *h);

struct opt_metrics {
	double log_loss;  /* mean binary cross-entropy */
	double rmse_bins; /* RMSE of predicted vs observed, in bins */
	size_t n;         /* items evaluated */
};

/* Progress: called now and then with the share done (0..1); a nonzero
 * return asks to stop (the call then returns -1 with "interrupted"). */
typedef int (*opt_progress_fn)(void *ctx, double done);

struct opt_config {
	int enable_short_term; /* fit w17-w19 and the initial stabilities */
	int epochs;            /* 5 */
	int batch_size;        /* 512 */
	double learning_rate;  /* 0.04 */
	double gamma;          /* L2 strength, 1 */
	int max_seq_len;       /* longest item trained on, 256 */
	uint64_t seed;         /* batch order */
	opt_progress_fn progress;
	void *progress_ctx;
};

void opt_default_config(struct opt_config *cfg);

/* Fits the parameters to every item of h into w. Returns 0, or -1 with
 * *cause set: too little data (fewer than OPT_MIN_ITEMS items; the
 * message says what is missing), interrupted, or parameters that came
 * out unusable. */
int opt_fit(struct opt_history *h, const struct opt_config *cfg, double w[FSRS_NWEIGHTS],
            char **cause);

/* Log loss and RMSE (bins) of parameters w over every item of h, as
 * fsrs-rs evaluates them (recency-weighted). Returns 0, or -1 when there
 * are no items or a prediction is not a number. */
int opt_evaluate(struct opt_history *h, const double w[FSRS_NWEIGHTS], struct opt_metrics *m);

/* The time-series split: the items cut into six slices in time order;
 * for k = 1..5, parameters fitted to slices 0..k-1 predict slice k.
 * *fitted gets those predictions' metrics and, when current is not NULL,
 * *cur the metrics of `current` on the same held-out items. Returns 0 or
 * -1 with *cause set as opt_fit. */
int opt_split_evaluate(struct opt_history *h, const struct opt_config *cfg, const double *current,
                       struct opt_metrics *fitted, struct opt_metrics *cur, char **cause);

/* One item as the reports see it. */
struct opt_item_view {
	const char *card; /* the card's key (valid while h lives) */
	int gap;          /* days since the card's previous review */
	int passed;       /* rated Hard, Good or Easy */
	double p;         /* predicted recall with the given w */
};

/* Every item of h in time order with its prediction under w; returns
 * the count and sets *out (caller frees). */
size_t opt_item_views(struct opt_history *h, const double w[FSRS_NWEIGHTS],
                      struct opt_item_view **out);

/* Clamps w into the bounds the optimizer keeps (those of fsrs-rs and
 * ts-fsrs; w19 may reach 0 only without short-term terms). */
void opt_clip(double w[FSRS_NWEIGHTS], int enable_short_term);

/* 0 when every weight is finite and inside its bounds, else -1 with the
 * index of the first bad one in *bad. */
int opt_check(const double w[FSRS_NWEIGHTS], int *bad);

/* ---- exposed for the unit tests ---- */

/* Loss (weighted BCE) of one item and, when grad is not NULL, its
 * gradient added into grad: reviews (rating, gap in days) r[0..n-1], the
 * last being the labelled one. */
double opt_item_loss(const double w[FSRS_NWEIGHTS], const int *ratings, const int *gaps, int n,
                     double weight, double *grad);

/* The pretrained initial stabilities of h (after the outlier filter);
 * returns 0, or -1 when no card has a first long-term review. */
int opt_pretrain(struct opt_history *h, double s0[4]);

/* Items of h, in order, as (first item index of the training slice)
 * ranges of the time-series split: bounds[k] .. bounds[k + 1] is slice k
 * (k = 0..5). Returns 0, or -1 when there are too few items. */
int opt_split_bounds(struct opt_history *h, size_t bounds[7]);

#endif
