/* Interview day as a deadline: upcoming interviews (targets), a review
 * plan that makes every card's predicted recall on the day reach the
 * desired retention where there is still time for a review, with the
 * extra reviews spread under a daily budget, and spaced story rehearsal.
 *
 * The scheduling rule itself (deadline_schedule) is pure: it works on
 * arrays and is unit-tested on constructed collections; deadline_plan
 * gathers the cards from the database and applies the result. */
#ifndef PREPDECK_DEADLINE_H
#define PREPDECK_DEADLINE_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "fsrs.h"
#include "settings.h"
#include "util.h"

/* The company and role are one line of text of at most this many bytes
 * (so they always fit struct target whole). */
#define TARGET_TEXT_MAX 120

struct target {
	int64_t id;
	int64_t day; /* interview day, a day number (local) */
	char company[128], role[128], map_id[ID_MAX + 1];
};

/* Adds an interview; returns its id, or -1 with *cause set (also for a
 * company or role that breaks the text rules of text_check). */
int64_t target_add(struct db *db, int64_t day, const char *company, const char *role,
                   const char *map_id, char **cause);
int target_remove(struct db *db, int64_t id);
/* Interviews on or after `today` (a day number), soonest first. Returns
 * an array (caller frees) of *n entries. */
struct target *target_list(struct db *db, int64_t today, size_t *n);
/* The next interview on or after today; returns 0, or -1 when none. */
int target_next(struct db *db, int64_t today, struct target *t);

/* One card for the pure rule. */
struct dl_card {
	struct fsrs_card fc;
	int priority;    /* higher first (cards of weak gap-map skills) */
	int64_t new_due; /* out: the new due time, or 0 when unchanged */
	double r_day;    /* out: predicted recall on the day without change */
};

struct deadline_report {
	int64_t day;          /* the interview day (day number) */
	int days;             /* study days left before it (today included) */
	int cards;            /* review cards considered */
	int below;            /* cards below the retention on the day as scheduled */
	int added;            /* of those, cards given a review before the day */
	int over_budget_days; /* days left above the budget (no spread existed) */
	int load[64];         /* reviews per day after the plan (first 64 days) */
};

/* The rule: for every card whose recall on the day (predicted with the
 * FSRS forgetting curve at day_start_t, the start of the interview day)
 * is below p->retention and whose next review is not before that day,
 * move its due time to one of the `days` study days before it (day i
 * starts at day_starts[i]); each such card goes to the latest day whose
 * load (existing reviews, load[i], counted in) is under `budget`, the
 * highest priority and lowest recall first; when every day is full it
 * goes to the least loaded day. budget <= 0 means no limit (every card
 * on the last day). Fills the report. */
void deadline_schedule(const struct fsrs_params *p, struct dl_card *cards, size_t n,
                       int64_t day_start_t, const int64_t *day_starts, int days, int *load,
                       int budget, struct deadline_report *rep);

/* Plans (and with apply set, writes) reviews toward the next interview
 * from `now`. Returns 0, or -1 when there is no upcoming interview. */
int deadline_plan(struct db *db, const struct settings *set, int64_t now, int apply,
                  struct deadline_report *rep);

/* The report in one sentence for the command line and the screens:
 * "142 cards would be below 90% on 2026-03-12; 38 reviews added over the
 * next 9 days." ("to add" when not applied), with the days over the
 * daily budget when no spread fitted; or that the interview is today. */
void deadline_effect(const struct deadline_report *r, const struct settings *set, int applied,
                     char *buf, size_t n);

/* After a grade: when an interview is coming and the card's new due time
 * would carry it past the day with recall below the retention, moves
 * the due time to the latest day before the interview under budget.
 * Returns 1 when it moved the due time. */
int deadline_adjust(struct db *db, const struct settings *set, int64_t now, struct fsrs_card *c);

/* Load balancing (as Anki's): when the setting is on and a review card
 * gets an interval of 3 days or more, its due day moves to the least
 * loaded day within about 5% of the interval (same time of day; ties go
 * to the interval FSRS chose). Returns 1 when it moved the due time. */
int deadline_balance(struct db *db, const struct settings *set, int64_t now, struct fsrs_card *c);

/* The plan proposed for an interview on `day` (a day number) seen from
 * `today`: the 2-week plan with under three weeks left, else the 6-week
 * one, placed to end the day before but starting no earlier than `first`
 * (today, or in the small hours the next study day: studyday.h). Writes
 * the plan id and its start day; returns the days left. `why` gets the
 * arithmetic in words, and when the plan cannot end before the interview,
 * which of its days fall on or after it. */
int deadline_propose_plan(int64_t today, int64_t first, int64_t day, const char **plan_id,
                          int64_t *start, char *why, size_t n);

#endif
