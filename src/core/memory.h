/* The learner's memory model in the store: review histories for the
 * optimizer and simulator, and the fitted FSRS parameters, kept as the
 * setting `fsrs_weights` (21 numbers) with facts about the fit. The
 * scheduler picks them up through settings_load. */
#ifndef PREPDECK_MEMORY_H
#define PREPDECK_MEMORY_H

#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "fsrs.h"
#include "memory_weights.h"
#include "optimizer.h"
#include "settings.h"
#include "simulate.h"

/* Every graded review in the store (cram practice left out), with days
 * counted as study days (rollover_hour). */
struct opt_history *memory_history_db(struct db *db, int rollover_hour);

/* A history in `prepdeck replay`'s input format (days are UTC calendar
 * days, as replay counts them). Returns NULL with *cause set ("line N:
 * ...") for a bad line, a rating out of range or times going backwards. */
struct opt_history *memory_history_file(FILE *in, char **cause);

/* Saves w as the learner's parameters with the fit's figures, in one
 * transaction. Returns 0, or -1 with *cause when w is unusable (nothing
 * is written then). */
int memory_save(struct db *db, const double w[FSRS_NWEIGHTS], double log_loss, size_t reviews,
                int64_t now, char **cause);

/* Forgets fitted parameters: back to the defaults. */
void memory_reset(struct db *db);

/* Facts about the saved fit; returns 0 when there is one. */
int memory_fit_info(struct db *db, int64_t *when, double *log_loss, long *reviews);

/* The learner's own mix of ratings and seconds per review (from the
 * review log; defaults where there are too few reviews), for the
 * simulator. */
void memory_learner(struct db *db, struct sim_config *cfg);

/* The collection as simulator cards on day `today` (studied cards with
 * their memory state, then new cards in study order; suspended and
 * retired cards left out). Target cards are those of the decks the gap
 * map map_id links to, or every card when map_id is NULL or links none.
 * Returns the array (caller frees), *n its length. */
struct sim_card *memory_sim_cards(struct db *db, int rollover_hour, int64_t today,
                                  const char *map_id, size_t *n);

/* The simulator on the learner's deck (memory_forecast). */
#define SIM_TABLE 4 /* desired retention 0.80, 0.85, 0.90, 0.95 */

struct forecast_options {
	int days;        /* 0: until the next interview, else 42 */
	int new_per_day; /* -1: the setting */
	int runs;        /* seeded runs */
	uint64_t seed;
	double retention; /* 0: the setting */
};

struct forecast_row {
	double retention, reviews_per_day, minutes_per_day;
	double recall_on_day; /* -1 without an interview */
};

struct forecast {
	int days, new_per_day;
	double retention;
	size_t cards, new_cards, target_cards;
	int64_t target_day; /* the next interview, or -1 */
	char company[128];
	struct sim_result main; /* at `retention` */
	struct forecast_row table[SIM_TABLE];
	double recommended; /* minimum recommended retention */
};

/* Runs the deck forward from now with the parameters in use, the
 * learner's own costs and mixes, at the desired retention and at each
 * retention of the table. Returns 0, or -1 for bad options. */
int memory_forecast(struct db *db, const struct settings *set, int64_t now,
                    const struct forecast_options *o, struct forecast *f);
void memory_forecast_free(struct forecast *f);

/* True retention and calibration. */
struct mem_row {
	char label[48];
	long n, passed;   /* long-term reviews and those recalled */
	double predicted; /* sum of predicted recall */
};

#define MEM_BANDS 7
#define MEM_CALIB 8

struct mem_report {
	long items, passed;              /* every long-term review */
	double retention;                /* desired retention (setting) */
	struct mem_row bands[MEM_BANDS]; /* by days since the previous review */
	struct mem_row *decks;           /* by deck, most reviewed first */
	size_t ndecks;
	struct mem_row calib[MEM_CALIB]; /* by predicted recall */
	double w[FSRS_NWEIGHTS], dflt[FSRS_NWEIGHTS];
	int fitted;             /* as settings.fitted */
	struct opt_metrics cur; /* current parameters on the history */
	int have_metrics;
	int64_t fit_at; /* saved fit: when, its log loss, reviews */
	double fit_log_loss;
	long fit_reviews;
	int have_fit;
};

void memory_report(struct db *db, const struct settings *set, struct mem_report *r);
void memory_report_free(struct mem_report *r);

#endif
