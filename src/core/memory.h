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
#include "optimizer.h"

/* Every graded review in the store (cram practice left out), with days
 * counted as study days (rollover_hour). */
struct opt_history *memory_history_db(struct db *db, int rollover_hour);

/* A history in `prepdeck replay`'s input format (days are UTC calendar
 * days, as replay counts them). Returns NULL with *cause set ("line N:
 * ...") for a bad line, a rating out of range or times going backwards. */
struct opt_history *memory_history_file(FILE *in, char **cause);

/* The parameters in use: the fitted ones when saved and valid, else the
 * defaults. Returns 1 for fitted, 0 for defaults, -1 when a saved value
 * is damaged (the defaults are used). */
int memory_weights(struct db *db, double w[FSRS_NWEIGHTS]);

/* The FSRS-6 default parameters. */
void memory_default_weights(double w[FSRS_NWEIGHTS]);

/* Saves w as the learner's parameters with the fit's figures, in one
 * transaction. Returns 0, or -1 with *cause when w is unusable (nothing
 * is written then). */
int memory_save(struct db *db, const double w[FSRS_NWEIGHTS], double log_loss,
                size_t reviews, int64_t now, char **cause);

/* Forgets fitted parameters: back to the defaults. */
void memory_reset(struct db *db);

/* Facts about the saved fit; returns 0 when there is one. */
int memory_fit_info(struct db *db, int64_t *when, double *log_loss, long *reviews);

/* Parses 21 numbers separated by spaces or commas; returns 0 or -1. */
int memory_parse_weights(const char *s, double w[FSRS_NWEIGHTS]);

#endif
