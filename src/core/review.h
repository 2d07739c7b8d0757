/* The daily review: today's queue (learning cards due now, review cards
 * due today, new cards up to the daily limit, interleaved), grading
 * through the FSRS scheduler with the memory state and the review-log row
 * written in one transaction, undo, bury, suspend, flag and leeches. */
#ifndef PREPDECK_REVIEW_H
#define PREPDECK_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "fsrs.h"
#include "settings.h"
#include "util.h"

#define REVIEW_LEECH_LAPSES 8
#define REVIEW_LEARN_AHEAD (20 * 60) /* seconds, when nothing else is left */

/* One card with its content and memory state. Strings are owned by the
 * struct; free with review_card_free. */
struct review_card {
	char key[CARD_KEY_MAX];
	char *deck_id, *deck_title, *kind, *front, *back, *note, *tags, *src;
	int line, cloze, retired;
	int example; /* from the example profile (deck_title is marked) */
	struct fsrs_card fc;
	int suspended, flag, leech;
	int64_t buried_until;
};

/* Loads a card by key; returns 0, or -1 when there is no such card. */
int review_card_load(struct db *db, const char *key, struct review_card *c);
/* True when deck names a live deck or numbers document. */
int review_deck_exists(struct db *db, const char *deck);
void review_card_free(struct review_card *c);

struct review_filter {
	const char *deck;  /* deck id, or NULL for all */
	const char *tag;   /* tag, or NULL */
	const char *decks; /* several deck ids separated by spaces (a plan
	                            task's), or NULL */
};

struct review_counts {
	int learning, review, fresh; /* fresh = new cards available today */
};

/* Today's queue. Built once; review_next() then picks each card. */
struct review_queue {
	struct db *db;
	struct settings set;
	struct review_filter f;
	int64_t day_start, day_end;
	char **rev, **fresh; /* keys, in order */
	size_t nrev, irev, nfresh, ifresh;
	int shown_rev, shown_fresh;
	char last[CARD_KEY_MAX]; /* the card shown last */
};

void review_queue_build(struct db *db, const struct review_filter *f, int64_t now,
                        struct review_queue *q);
void review_queue_free(struct review_queue *q);
/* Copies the next card's key into key and returns 1, or returns 0 when
 * nothing is left for now; then *next_due (if not NULL) is the time the
 * next learning card becomes due today, or 0. */
int review_next(struct review_queue *q, int64_t now, char key[CARD_KEY_MAX], int64_t *next_due);
/* Cards still to do in the queue (learning counts those due by day end). */
void review_queue_counts(struct review_queue *q, int64_t now, struct review_counts *c);

/* The outcome of a grade. */
struct review_result {
	struct fsrs_card before, after;
	int leech;         /* this lapse made the card a leech (now suspended) */
	char message[256]; /* a note for the user, or "" */
};

/* Grades card key with rating 1-4 at time now, writing the new state and
 * a review-log row (mode "review", or "cram" which leaves the schedule
 * alone) in one transaction. Returns 0, or -1 with *cause set. */
int review_grade(struct db *db, const struct settings *set, const char *key,
                 enum fsrs_rating rating, int64_t now, int duration_ms, const char *mode,
                 struct review_result *res, char **cause);

/* As review_grade, for the card as the screen loaded and showed it: when
 * its schedule changed meanwhile (graded from the command line, moved,
 * suspended or buried elsewhere), nothing is written and REVIEW_CHANGED
 * is returned with *cause set, so one answer is never counted twice.
 * Cram answers change no schedule and are not checked. */
#define REVIEW_CHANGED (-2)
int review_grade_shown(struct db *db, const struct settings *set, const struct review_card *shown,
                       enum fsrs_rating rating, int64_t now, int duration_ms, const char *mode,
                       struct review_result *res, char **cause);

/* What each rating would give now: intervals in seconds, for the rating
 * buttons. Returns 0 or -1. */
int review_preview(struct db *db, const struct settings *set, const char *key, int64_t now,
                   int64_t secs[4]);

/* Undoes the most recent graded review (not cram): restores the card's
 * previous state and removes the log row. Copies the card's key into key.
 * Returns 0, or -1 when there is nothing to undo. */
int review_undo(struct db *db, char key[CARD_KEY_MAX]);

/* Buries the card until `until` (0 unburies it). */
int review_bury(struct db *db, const char *key, int64_t until);
int review_set_suspended(struct db *db, const char *key, int on);
/* A suspended card, for finding it again. */
struct review_suspended {
	char *key, *deck_title, *front;
	int cloze, leech;
};
/* The suspended cards (not retired), by deck and key; returns an array
 * of *n entries (free with review_suspended_free). */
struct review_suspended *review_suspended_list(struct db *db, size_t *n);
void review_suspended_free(struct review_suspended *s, size_t n);

/* Toggles the flag; returns the new value, or -1 for an unknown card. */
int review_toggle_flag(struct db *db, const char *key);

/* "new", "learning", "review" or "relearning" (a card's state in words). */
const char *review_state_name(int state);

/* Formats an interval the way the rating buttons show it: "<1m", "10m",
 * "3d", "2.1mo", "1.5y". */
void review_fmt_interval(int64_t secs, char *buf, size_t n);

/* Lenient comparison of a typed answer with the expected one: case,
 * spacing, trailing full stops and a few equivalent symbols do not
 * matter. Returns 1 when they match. */
int review_answer_matches(const char *typed, const char *expected);
/* True when expected can be typed on a plain (ASCII) keyboard, given the
 * equivalents the comparison accepts (n² as n^2, ≤ as <=, ...); otherwise
 * copies the first character that cannot be typed into bad. */
int review_answer_typeable(const char *expected, char bad[8]);

/* Due counts per deck for `prepdeck due` and the Today screen. */
struct review_deck_due {
	char *deck_id, *title; /* title marked "(example) " for the example profile's */
	int example;           /* the deck is the example profile's */
	struct review_counts c;
};
/* Returns an array of n entries (caller frees with review_due_free);
 * *total gets the whole day's counts with the daily limits applied. */
struct review_deck_due *review_due(struct db *db, int64_t now, size_t *n,
                                   struct review_counts *total);
void review_due_free(struct review_deck_due *d, size_t n);

/* Today's totals with the daily limits applied, counted only up to those
 * limits so it stays fast on a large collection (the Today screen). */
void review_today_counts(struct db *db, int64_t now, struct review_counts *c);

/* When the next card (of any state) is due after now, or 0. */
int64_t review_next_due(struct db *db, int64_t now);

/* The fuzz seed a grade of card key with reps earlier reviews uses, so
 * a replay of imported history schedules as grading would have. */
uint64_t review_fuzz_seed(const char *key, int reps);

#endif
