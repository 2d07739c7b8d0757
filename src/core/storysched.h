/* Spaced story rehearsal: each story gets an FSRS schedule driven by the
 * self-scores of its rehearsals, so weak stories come back sooner; in
 * the week before the next interview every story mapped to the
 * interview's competencies is rehearsed at least once; and a short list
 * of today's story rehearsals for the Today screen and `prepdeck stories
 * due`. The rules are described in doc/stories.md ("Spaced rehearsal").
 *
 * The schedule of a story (table story_state) is derived from its
 * rehearsal history: storysched_record replays every scored, completed
 * rehearsal of the story through the scheduler, so a score corrected
 * later gives the same schedule as one right the first time. */
#ifndef PREPDECK_STORYSCHED_H
#define PREPDECK_STORYSCHED_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "fsrs.h"
#include "settings.h"

#define STORYSCHED_PER_DAY 3 /* scheduled and new rehearsals asked for a day */
#define STORYSCHED_WEEK 7    /* the interview week: days before the interview */

/* The FSRS rating (1 Again .. 4 Easy) of a rehearsal whose n self-scores
 * (each 1-4) add up to sum: their mean rounded half up. 0 when n is 0. */
int storysched_rating(int64_t sum, int64_t n);

/* The scheduler's parameters for stories: FSRS defaults with the desired
 * retention from the settings, day-scale only (no learning steps, so the
 * next rehearsal is at least a day away) and no fuzz. */
void storysched_params(const struct settings *set, struct fsrs_params *p);

/* Brings the schedule of the story rehearsed in session `rehearsal_id`
 * up to date with its history (a no-op for sessions that do not count:
 * flows, drills, abandoned attempts). Call it whenever a session or one
 * of its self-scores is saved, inside the same transaction. Returns the
 * rating the session counts as (0 when it has no score or does not
 * count). */
int storysched_record(struct db *db, int64_t rehearsal_id);

/* Recomputes story_state for one story from its rehearsals; removes the
 * row when no scored, completed rehearsal is left. */
void storysched_replay(struct db *db, const char *story_id);

/* The schedule of a story: returns 0 and fills *c when the story has one
 * (it has a scored rehearsal), else -1. */
int storysched_get(struct db *db, const char *story_id, struct fsrs_card *c);

enum storysched_why {
	STORYSCHED_INTERVIEW, /* the interview week needs it */
	STORYSCHED_SCHEDULED, /* its spaced schedule fell due */
	STORYSCHED_NEW,       /* never rehearsed with a self-score */
};

/* "interview week", "scheduled", "new". */
const char *storysched_why_name(enum storysched_why w);

struct storysched_item {
	char *id;
	char *title;
	enum storysched_why why;
	int64_t due;            /* Unix seconds; 0 for a new story */
	int64_t last_rehearsed; /* latest completed rehearsal; 0 = never */
	double last_score;      /* mean self-score of the latest scored one; 0 = none */
};

struct storysched_day {
	int64_t today;                 /* the study day (day number) */
	struct storysched_item *items; /* today's rehearsals still to do */
	size_t n;
	int done;  /* stories of the bank rehearsed today */
	int total; /* rehearsals asked for today (done ones included) */
	/* The interview week, when the next interview is at most
	 * STORYSCHED_WEEK days away (has_target is set for any upcoming one). */
	int has_target, in_week;
	int64_t target_day;    /* day number */
	char target_name[260]; /* "Company, Role" or "" */
	int mapped;            /* stories mapped to the interview */
	int pending;           /* of those, not rehearsed since the week began */
	int quota;             /* interview-week rehearsals asked for today */
	int all_competencies;  /* the map selects no story: every story maps */
	/* The next scheduled rehearsal after today, if any. */
	char *next_id, *next_title;
	int64_t next_due;
};

/* Today's story rehearsals seen at `now`: the interview-week stories
 * (spread so all fit before the day), then scheduled stories due by the
 * end of today, then new ones, at most STORYSCHED_PER_DAY a day (or the
 * interview-week quota when larger), stories rehearsed today counted in
 * and never listed again the same day. Free with storysched_day_free. */
void storysched_due(struct db *db, int64_t now, struct storysched_day *d);
void storysched_day_free(struct storysched_day *d);

/* The stories mapped to the competencies of an interview whose gap map
 * is map_id (NULL or "" for none), as ids in bank order; see
 * doc/stories.md. *ids is an array the caller frees with
 * storysched_ids_free. Sets *all when every story maps because the map
 * names no behavioral skill or story prepdeck recognises. */
void storysched_mapped(struct db *db, const char *map_id, char ***ids, size_t *n, int *all);
void storysched_ids_free(char **ids, size_t n);

/* The story to rehearse next: the first of today's list, else the one
 * rehearsed least recently (story_suggest). A new id or NULL. */
char *storysched_suggest(struct db *db, int64_t now);

#endif
