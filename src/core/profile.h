/* The example profile: curriculum documents marked `profile: example`
 * (numbers and stories) hold one example candidate's pitch, figures and
 * stories. Their rows carry the profile (doc.profile, story.profile), and
 * lists show their titles marked, so nothing presents the example's
 * figures or stories as the learner's own. */
#ifndef PREPDECK_PROFILE_H
#define PREPDECK_PROFILE_H

/* ---- the learner's choice (profile.c) ------------------------------
 *
 * Setting PROFILE_SETTING is "example" (practise with the example
 * candidate's pitch, figures and stories, labelled as an example) or
 * "own" (the learner's own; the example's figures leave the review queue
 * and its stories the rehearsal schedule, and stay to read and copy
 * from). Unset means not chosen yet, which works as "example" and makes
 * the Today screen ask. */
#include <stddef.h>

#include "db.h"
#include "profile_sql.h"

/* "example", "own", or NULL when not chosen yet (a new string). */
char *profile_choice(struct db *db);
/* Sets the choice ("example" or "own"). */
int profile_choose(struct db *db, const char *choice, char **cause);

struct profile_info {
	char *choice;        /* as profile_choice */
	char *pitch_id;      /* the learner's pitch (a story), or NULL */
	char *pitch;         /* its text ("" when none) */
	int figures;         /* the learner's figures (cards of CARDS_FIGURES_DECK) */
	int stories;         /* the learner's stories */
	int example_figures; /* the example profile's figures */
	int example_stories; /* and stories */
};
void profile_info(struct db *db, struct profile_info *p);
void profile_info_free(struct profile_info *p);

/* Writes the learner's 60-second pitch (made on first use). */
int profile_set_pitch(struct db *db, const char *text, char **cause);
/* Adds a figure of the learner's: a type-in card of CARDS_FIGURES_DECK
 * (made on first use) asking for the metric's value, with its line of
 * context as the card's note. Sets *newid (caller frees). */
int profile_add_figure(struct db *db, const char *metric, const char *value, const char *context,
                       char **newid, char **cause);
/* Figures: the learner's (cards of CARDS_FIGURES_DECK), or with example
 * set the example profile's, in deck order. Free with
 * profile_figures_free. */
struct profile_figure {
	char *id, *metric, *value, *context;
};
void profile_figures(struct db *db, int example, struct profile_figure **out, size_t *n);
void profile_figures_free(struct profile_figure *v, size_t n);

/* Starts a story of the learner's from template tpl: its title and
 * competencies, its decision points' questions, and every STAR field
 * empty (the template's guidance is shown beside it as a hint, never
 * copied). Sets *newid (caller frees). */
int profile_story_from_template(struct db *db, const char *tpl, char **newid, char **cause);

#endif
