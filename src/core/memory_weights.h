/* The memory model's parameters as the settings keep them: the setting
 * `fsrs_weights` (21 numbers) that `prepdeck optimize --apply` saves,
 * read by settings_load. Apart from memory.c so that the settings need
 * nothing of the optimizer's histories or the forecast. */
#ifndef PREPDECK_MEMORY_WEIGHTS_H
#define PREPDECK_MEMORY_WEIGHTS_H

#include "db.h"
#include "fsrs.h"

/* The parameters in use: the fitted ones when saved and valid, else the
 * defaults. Returns 1 for fitted, 0 for defaults, -1 when a saved value
 * is damaged (the defaults are used). db may be NULL: the defaults. */
int memory_weights(struct db *db, double w[FSRS_NWEIGHTS]);

/* The FSRS-6 default parameters. */
void memory_default_weights(double w[FSRS_NWEIGHTS]);

/* Parses 21 numbers separated by spaces or commas; returns 0 or -1. */
int memory_parse_weights(const char *s, double w[FSRS_NWEIGHTS]);

#endif
