/* `prepdeck replay`: runs review histories through the FSRS scheduler.
 *
 * Input (in): a header line `card<TAB>reviewed_at<TAB>rating`, then one
 * review per line, `card<TAB>YYYY-MM-DDTHH:MM:SSZ<TAB>rating` with rating
 * 1-4; further columns are ignored and a trailing CR is allowed. Reviews
 * of different cards may be interleaved; each card's reviews must be in
 * time order and its history starts from a new card.
 *
 * Output (out): the header `card reviewed_at rating state due stability
 * difficulty` (tab-separated), then for every review the card's state
 * (0-3), due time (same ISO-8601 form) and stability and difficulty (6
 * decimals) after it, with default parameters, the given retention and
 * no fuzz. */
#ifndef PREPDECK_REPLAY_H
#define PREPDECK_REPLAY_H

#include <stdint.h>
#include <stdio.h>

#include "fsrs.h"

/* Replays everything in `in`. Stops at the first malformed line (bad
 * header, missing field, bad time or rating, a review earlier than the
 * same card's previous one) after writing the rows before it, prints
 * `line N: message` to err and returns 1. Also returns 1, with a
 * message, for a retention outside (0, 1] or a read or write error.
 * Returns 0 on success. */
int replay_run(FILE *in, FILE *out, FILE *err, double retention);

/* Reads a history in the input format above without replaying it,
 * calling fn for each review (card id card[0..clen), Unix time t, rating
 * 1-4, line number). Returns 0; or -1 with *cause set (caller frees) to
 * "line N: message" at the first malformed line, a read error, or when
 * fn fails (fn's message is then prefixed with the line). */
typedef int (*replay_review_fn)(void *ctx, const char *card, size_t clen, int64_t t,
                                enum fsrs_rating rating, char **cause);
int replay_read(FILE *in, replay_review_fn fn, void *ctx, char **cause);

#endif
