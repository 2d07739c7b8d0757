/* Study plans: starting a run of a plan, the day arithmetic that puts
 * plan days on the calendar (the run's start day, the study-day rollover
 * and any shifts), ticked and overdue tasks, deck and checklist tasks
 * that tick themselves, pushing the rest of a plan back, and the weekly
 * review. No curses here; the screens and the command line call these.
 *
 * Day arithmetic (doc/plans.md): plan day d of a run is the study day
 *   start_day + (d - 1) + the sum of shift.days over shifts with from_day <= d
 * (day numbers as day_number() counts them: local calendar dates of study
 * days that begin at the rollover hour). A plan has 7 x weeks days. */
#ifndef PREPDECK_PLAN_H
#define PREPDECK_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

#define PLAN_SHIFT_MAX 365 /* days a single shift may push */

/* A plan that can be started (a `plan` document). */
struct plan_info {
	char *id, *title;
	int weeks, ntasks;
};

/* Lists the plans that are not retired, in file order; returns how many
 * and sets *out (free with plan_info_free). */
size_t plan_list(struct db *db, struct plan_info **out);
void plan_info_free(struct plan_info *p, size_t n);

/* Where today falls in a run. */
enum plan_phase {
	PLAN_BEFORE, /* day 1 is still to come */
	PLAN_ON,     /* a plan day is scheduled today */
	PLAN_BREAK,  /* between two plan days a shift pulled apart */
	PLAN_AFTER,  /* the last day is past */
};

struct plan_task {
	char *id;
	char *text;       /* whitespace runs collapsed to one space */
	char *link_kind;  /* deck, checklist, story, mock, skillmap or "" */
	char *link_id;    /* a deck task's decks: ids separated by spaces */
	char *link_title; /* the linked deck's or checklist's title (a deck
	                          task's deck titles joined by ", "), or "" */
	int day, week, ord;
	int count;  /* reviews that tick a deck task, 0 = none */
	int target; /* reviews it asks for: on its day, count capped
	                          at what the day's review can still serve from
	                          its decks plus what was done (doc/plans.md);
	                          count on other days */
	int minutes;
	int done, auto_done; /* ticked; ticked by the program */
	int64_t done_at;
	int overdue;  /* unfinished and its day is past */
	int progress; /* reviews of the deck on the task's day, for deck
	                          tasks with a count whose day has come; else -1 */
};

struct plan_dayinfo {
	int day, week;
	char *title;
	int64_t date;         /* the study day it falls on (a day number) */
	size_t first, ntasks; /* its tasks are tasks[first .. first + ntasks) */
	int ndone;
};

struct plan_weekinfo {
	int week;
	char *theme;
	int ntasks, ndone;
	int ended;                  /* its last day is today or past */
	int reviewed;               /* a plan_review row exists */
	char *moved, *reprioritize; /* the review's answers ("" when none) */
	int64_t reviewed_at;
};

struct plan_shiftinfo {
	int from_day, days;
	int64_t created_at;
};

/* A run of a plan as of one moment: everything the screens show. */
struct plan_view {
	int64_t run_id;
	char *plan_id, *title;
	int64_t start_day, started_at;
	int rollover; /* the rollover hour used */
	int nweeks, ndays;
	struct plan_weekinfo *weeks; /* weeks[0] is week 1 */
	struct plan_dayinfo *days;   /* days[0] is day 1 */
	struct plan_task *tasks;     /* by day, then position */
	size_t ntasks;
	struct plan_shiftinfo *shifts;
	size_t nshifts;
	int64_t now;   /* the moment the view is of */
	int64_t today; /* today's study day (a day number) */
	enum plan_phase phase;
	int today_day;   /* the plan day dated today, 0 when none */
	int pos;         /* the last plan day dated today or earlier (0
	                          before the start) */
	int cur_week;    /* the week to show as current */
	int done, total; /* tasks of the whole plan */
	int overdue;     /* overdue tasks */
	int review_due;  /* the week just ended, when it has no review yet;
	                          0 otherwise */
};


/* A run, past or active. */
struct plan_runinfo {
	int64_t id;
	char *plan_id;
	int64_t start_day, started_at, ended_at; /* ended_at 0 while active */
	int active, ticked;
};

/* Every run, oldest first; returns how many and sets *out (free with
 * plan_runs_free). */
size_t plan_runs(struct db *db, struct plan_runinfo **out);
void plan_runs_free(struct plan_runinfo *r, size_t n);

/* The id of the active run, or 0 when no plan is running. */
int64_t plan_active_run(struct db *db);

/* Starts plan_id with day 1 on study day start_day. When another run is
 * active it is ended (its ticks and reviews stay in the database) if
 * replace is set; otherwise nothing changes and -1 is returned. Returns
 * 0 and sets *run_id (if not NULL), or -1 with *cause set (caller frees). */
int plan_start(struct db *db, const char *plan_id, int64_t start_day, int replace, int64_t now,
               int64_t *run_id, char **cause);

/* Ends the active run without starting another; returns 1 if one ended. */
int plan_stop(struct db *db, int64_t now);

/* Loads the active run as of time now, first recording the deck and
 * checklist tasks that have ticked themselves (doc/plans.md). Returns
 * NULL when no plan is running. Free with plan_view_free. */
struct plan_view *plan_load(struct db *db, int64_t now);

/* Records the ticks tasks earned by themselves as of now (what plan_load
 * does first), for the review screen and `grade`, so a review task done
 * by finishing the day's review is ticked on its day. */
void plan_record_ticks(struct db *db, int64_t now);
void plan_view_free(struct plan_view *v);

/* The study day plan day `day` falls on with the view's shifts (days may
 * be outside 1..ndays: the arithmetic extends past the ends). */
int64_t plan_date(const struct plan_view *v, int day);

/* The run in a few words, to say what a new plan would replace:
 * "'Six-week build' (day 9 of 42, 12 of 130 tasks done)". */
void plan_describe(const struct plan_view *v, char *buf, size_t n);

/* The task with this id, or NULL. */
struct plan_task *plan_find_task(const struct plan_view *v, const char *id);
/* The known task id closest to a mistyped one, or NULL. */
const char *plan_suggest_task(const struct plan_view *v, const char *id);

/* Ticks (on = 1) or unticks a task of the view's run. Unticking a task
 * the program ticked because its count is still reached fails with a
 * message. Returns 0, or -1 with *cause set. */
int plan_tick(struct db *db, const struct plan_view *v, const char *task_id, int on, int64_t now,
              char **cause);

/* The plan day a shift starts from when the user gives none: the first
 * of the days just missed (a run of days before today with no task
 * done), or else today's (or the next) plan day. */
int plan_shift_default_from(const struct plan_view *v);

/* What pushing days from..ndays back by n days would do, as lines of
 * text (caller frees). Returns NULL with *cause set when from or n is out
 * of range. */
char *plan_shift_preview(const struct plan_view *v, int from, int n, char **cause);

/* Pushes plan days from..ndays back by n days (1..PLAN_SHIFT_MAX).
 * Returns 0, or -1 with *cause set. */
int plan_shift(struct db *db, const struct plan_view *v, int from, int n, int64_t now,
               char **cause);

/* Stores the weekly review of week (1..nweeks, a week that has begun);
 * NULL keeps an answer already stored. Each answer is one line of text
 * (text_check) of at most PLAN_REVIEW_MAX bytes. Returns 0, or -1 with
 * *cause. */
#define PLAN_REVIEW_MAX 2000
int plan_review_save(struct db *db, const struct plan_view *v, int week, const char *moved,
                     const char *reprioritize, int64_t now, char **cause);

/* The week plan day `day` belongs to. */
int plan_week_of(int day);

/* Formats a day number as "Mon 2025-03-10" into buf (16 bytes will do). */
void plan_fmt_day(int64_t day, char *buf, size_t n);

/* Where today falls in the plan, for the command line and the screens:
 * "Day 9 of 42", "Day 1 of 42 comes on Mon 2025-03-10", "A free day; day
 * 10 of 42 comes on ...", "Finished: day 42 was ...". */
void plan_where(const struct plan_view *v, char *buf, size_t n);

/* When the running plan v does not fit the next interview (the one a
 * plan is taken to be for): its day 1 comes after the interview, or its
 * last day falls on or after it. Writes the warning to buf and returns 1;
 * returns 0 (buf "") when it fits or there is no interview. */
int plan_interview_warning(struct db *db, const struct plan_view *v, char *buf, size_t n);

#endif
