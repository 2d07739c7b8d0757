/* One notion of "today" for the whole program: the study day, which
 * starts at the rollover hour (settings), so 03:48 with the rollover at
 * 04:00 still belongs to yesterday's date. The header, the plan, the
 * streak, the stats, interviews and the calendar export all count in
 * study days (day numbers as day_number() gives them).
 *
 * Between midnight and the rollover the calendar date is already the
 * next one; the screens say so ("study day until 04:00"), and a plan
 * started then begins on the study day that starts at the rollover, so
 * nothing falls overdue minutes after it was started (doc/plans.md). */
#ifndef PREPDECK_STUDYDAY_H
#define PREPDECK_STUDYDAY_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* Today's study day (a day number) with the database's rollover hour. */
int64_t studyday_today(struct db *db, int64_t now);

/* True between midnight and the rollover hour: the calendar date is
 * already the next one while the study day has not yet turned. */
int studyday_small_hours(int64_t now, int rollover_hour);

/* The study day a plan started at `now` begins on: today's, or between
 * midnight and the rollover the one that starts at the rollover. */
int64_t studyday_plan_start(int64_t now, int rollover_hour);

/* Names today's study day for a header: "Saturday 28 November 2026", or
 * in the small hours "Sat 28 Nov, study day until 04:00". */
void studyday_name(int64_t now, int rollover_hour, char *buf, size_t n);

/* "today", or for another day number "Sun 29 Nov" (and "at 04:00" when it
 * is the study day that starts at the next rollover). */
void studyday_when(int64_t day, int64_t now, int rollover_hour, char *buf, size_t n);

#endif
