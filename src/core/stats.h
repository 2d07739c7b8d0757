/* Progress statistics across reviews, rehearsals, mock rounds and gap
 * maps: the figures of the stats screen and `prepdeck stats`. Each figure
 * is defined in doc/stats.md. Days are study days (day_number() with the
 * rollover hour from the settings). */
#ifndef PREPDECK_STATS_H
#define PREPDECK_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

#define STATS_HEAT_DAYS 182     /* 26 weeks of review activity */
#define STATS_FORECAST_DAYS 30  /* due forecast: today and 29 days on */
#define STATS_RETENTION_DAYS 30 /* window of the true retention */
#define STATS_MATURE_DAYS 21    /* interval from which a card is mature */

struct stats_deck {
	char *id;
	char *title;
	int reviews; /* review-state answers in the window */
	int passed;  /* of those, not rated Again */
};

struct stats_session {
	int64_t at; /* started_at */
	int64_t total_ms, budget_ms;
	int sections_over; /* sections that ran over their budget */
};

/* Completed rehearsals of one story in one mode (or, without a story, of
 * one mode), oldest first. */
struct stats_story {
	char *story_id; /* NULL for rehearsals without a story */
	char *title;    /* story title, or the mode */
	char *mode;
	size_t n;
	struct stats_session *s;
	char *worst_section; /* section most often over budget, or NULL */
	int worst_over;      /* sessions in which it ran over */
};

struct stats_point {
	int64_t day; /* study day */
	int score;   /* 1..4 */
};

/* Scores of one category over time, oldest first. source is a rubric id
 * (mock scorecards) or "rehearsal" (self-scores after rehearsals). */
struct stats_trend {
	char *source;
	char *source_title;
	char *cat_id;
	char *name;
	size_t n;
	struct stats_point *p;
};

struct stats_gap_point {
	int64_t day; /* study day; see stats_gapmap */
	double mean; /* mean confidence of the rated skills, 0 if none */
	int rated;   /* skills with a confidence */
};

/* A gap map's confidence over time: p[0] is the map before its first
 * confidence edit (day = that edit's day), then one point at the end of
 * each study day with edits. Without edits, one point for today. */
struct stats_gapmap {
	char *id;
	char *title;
	int skills; /* skills on the map now */
	int edits;  /* confidence edits */
	size_t n;
	struct stats_gap_point *p;
};

struct stats {
	int64_t now;
	int64_t today; /* study day number */
	int rollover_hour;
	double desired; /* desired retention (setting) */

	/* Answers per study day, heat[0] = heat_first, heat[181] = today. */
	int64_t heat_first;
	int heat[STATS_HEAT_DAYS];
	int heat_total, heat_active, heat_max;
	int streak; /* study days in a row with answers */

	/* Due cards: forecast[0] today (overdue included), [i] day today+i. */
	int overdue;
	int forecast[STATS_FORECAST_DAYS];
	int forecast_total;

	/* True retention over the last STATS_RETENTION_DAYS study days. */
	int ret_reviews, ret_passed;
	size_t ndecks;
	struct stats_deck *decks;

	/* Card counts (cards not retired); suspended cards only in suspended. */
	int n_new, n_learning, n_young, n_mature, n_suspended;

	size_t nstories;
	struct stats_story *stories; /* most recently rehearsed first */
	size_t ntrends;
	struct stats_trend *trends;
	size_t ngaps;
	struct stats_gapmap *gaps;
};

/* Computes every figure as of time now into *s (free with stats_free). */
void stats_load(struct db *db, int64_t now, struct stats *s);
void stats_free(struct stats *s);

/* passed / reviews, or -1 when there were no reviews. */
double stats_ratio(int passed, int reviews);
/* Heatmap intensity 0..4 of n answers when the busiest day had max:
 * 0 for none, else ceil(4 n / max). */
int stats_heat_level(int n, int max);
/* Weekday of a day number, Monday = 0. */
int stats_weekday(int64_t day);
/* The heatmap as a calendar: columns are weeks (Monday to Sunday), the
 * first holding heat_first, the last today. stats_heat_weeks is the
 * number of columns; stats_heat_index the index into heat[] of the cell
 * (week, weekday), or -1 for a cell outside the 182 days. */
int stats_heat_weeks(const struct stats *s);
int stats_heat_index(const struct stats *s, int week, int weekday);

#endif
