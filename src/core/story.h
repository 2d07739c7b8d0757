/* The story bank: STAR stories (bundled examples, templates and the
 * pitch from the curriculum, and the user's own), their decision points,
 * competencies, how each was rehearsed, the competency coverage grid,
 * behavioral prompts, and exporting the user's stories.
 *
 * Stories with origin 'bundled' come from curriculum files and are
 * read-only here; the user's stories (origin 'user') are made with
 * story_add or story_copy, every change is committed at once, and import
 * never touches them. */
#ifndef PREPDECK_STORY_H
#define PREPDECK_STORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"

#define STORY_TITLE_MAX 200  /* bytes */
#define STORY_TEXT_MAX 16000 /* bytes in one STAR field */
#define STORY_POINTS_MAX 10  /* decision points */

struct story_point {
	char *question;
	char *answer;
};

struct story {
	char *id;
	char *origin;       /* "bundled" or "user" */
	char *type;         /* story, template, pitch */
	char *title;        /* after PROFILE_MARK for the example profile's */
	char *competencies; /* competency ids separated by single spaces */
	char *situation, *task, *action, *result, *reflection;
	char *metrics;     /* one per line */
	char *copied_from; /* NULL unless a copy */
	char *profile;     /* "example" for the example profile's, else "" */
	int64_t created_at, updated_at;
	struct story_point *points; /* only from story_get */
	size_t npoints;
	/* How it was rehearsed (modes story and pitch, completed sessions). */
	int rehearsals;
	int64_t last_rehearsed; /* Unix seconds; 0 = never */
	double last_score;      /* mean self-score of the latest scored session; 0 = none */
	int64_t last_total_ms, last_budget_ms; /* of the latest session */
};

/* True for a story the user owns (editable). */
int story_is_user(const struct story *s);

/* Every live story with its rehearsal summary but without points: the
 * user's first, then bundled stories, the pitch and the templates in
 * file order. *out is an array the caller frees with story_list_free. */
void story_list(struct db *db, struct story **out, size_t *n);
void story_list_free(struct story *v, size_t n);
/* One story (live or retired) with its points. Returns -1 with *cause
 * set when there is no such story. Free with story_clear. */
int story_get(struct db *db, const char *id, struct story *s, char **cause);
void story_clear(struct story *s);

struct story_comp {
	char *id, *name, *description;
};
/* Live competencies in file order; free with story_comps_free. */
void story_comps(struct db *db, struct story_comp **out, size_t *n);
void story_comps_free(struct story_comp *v, size_t n);
/* The name of competency id (a new string), or a copy of id. */
char *story_comp_name(struct db *db, const char *id);

/* Competencies x stories (live stories of type story). cell[c *
 * nstories + s] is 1 when story s covers competency c. mine[c] and
 * examples[c] count the user's and the bundled stories covering c; a
 * competency with neither is a gap. */
struct story_coverage {
	struct story_comp *comps;
	size_t ncomps;
	struct story *stories;
	size_t nstories;
	unsigned char *cell;
	int *mine, *examples;
	int gaps; /* competencies with no story at all */
};
void story_coverage(struct db *db, struct story_coverage *cv);
void story_coverage_free(struct story_coverage *cv);

/* ---- the user's stories ---------------------------------------------- */

/* Makes a new, empty story of the user's (type story or pitch). id may
 * be NULL to derive one from the title ("my-..."). Sets *newid (caller
 * frees). Returns 0, or -1 with *cause set. */
int story_add(struct db *db, const char *title, const char *type, const char *id, char **newid,
              char **cause);
/* Copies any story (bundled story, template or pitch, or one of the
 * user's) into a new story of the user's, with its decision points;
 * copied_from names the source. A template's copy is a story. id may
 * be NULL ("my-..." from the source id). */
int story_copy(struct db *db, const char *src, const char *id, char **newid, char **cause);
/* When s is a copy of a template, loads the template into *tpl (free
 * with story_clear) and returns 0: its fields are the guidance shown in
 * the copy's empty fields. Returns -1 otherwise. */
int story_template_of(struct db *db, const struct story *s, struct story *tpl);
/* Empties every field and follow-up answer of the user's template
 * copies that still holds the template's guidance word for word (copies
 * made before guidance became a hint, or imported from such an export);
 * returns the number of fields emptied. */
int story_clear_guidance(struct db *db);
/* Sets one field of a user's story and commits it: title, type,
 * competencies (ids separated by spaces or commas), situation, task,
 * action, result, reflection, metrics (one per line), question.N and
 * answer.N (decision point N, from 1; question.N one past the last adds
 * a point, an empty question.N removes point N). */
int story_set(struct db *db, const char *id, const char *field, const char *value, char **cause);
/* Removes a user's story from the bank (kept, retired, with its
 * rehearsal history). */
int story_delete(struct db *db, const char *id, char **cause);
/* The editable field names, NULL-terminated (without the point fields). */
extern const char *const story_fields[];

/* ---- prompts ------------------------------------------------------ */

struct story_prompt {
	char *id;
	char *text;
	char *competencies; /* ids separated by single spaces */
};
void story_prompt_clear(struct story_prompt *p);

enum story_pick { STORY_PICK_RANDOM, STORY_PICK_COMPETENCY, STORY_PICK_WEAKEST };

/* Picks a behavioral prompt: any (random), one for competency `comp`, or
 * one for the weakest-scored competency (see story_weakest). rnd is a
 * random number from the caller. Sets *p and, when why is not NULL,
 * *why to a sentence saying why it was chosen (caller frees). Returns
 * -1 with *cause set when no prompt fits. */
int story_pick_prompt(struct db *db, enum story_pick how, const char *comp, unsigned rnd,
                      struct story_prompt *p, char **why, char **cause);
/* The competency (among those with prompts) with the lowest mean
 * self-score over the scored rehearsals of stories that cover it;
 * competencies never scored count as weakest, ties broken by rnd.
 * Returns a new string (caller frees) or NULL when there are no
 * prompts; sets *mean (0 when never scored) and *count. */
char *story_weakest(struct db *db, unsigned rnd, double *mean, int *count);
/* Stories to answer a prompt with: live stories (not templates) sharing
 * a competency with it, most shared first, the user's before bundled.
 * Free with story_list_free. */
void story_for_prompt(struct db *db, const char *prompt_id, struct story **out, size_t *n);

/* A prompt by id (live or retired). Returns -1 with *cause set when
 * there is none. Free with story_prompt_clear. */
int story_prompt_get(struct db *db, const char *id, struct story_prompt *p, char **cause);
/* The first template covering competency comp (a new id), or NULL. */
char *story_template_for(struct db *db, const char *comp);
/* The pitch to rehearse: the user's own if there is one, else the
 * bundled one (the example's, unless the learner chose a profile of
 * their own). A new id, or NULL when there is no pitch. */
char *story_pitch_id(struct db *db);
/* The type of a story (a new string), or NULL when there is no story id. */
char *story_type(struct db *db, const char *id);
/* True when id is a live story. */
int story_exists(struct db *db, const char *id);

/* The story to rehearse next: the user's story (else a bundled one) that
 * was rehearsed least recently. Returns a new id (caller frees) or NULL;
 * sets *s to it (free with story_clear) when s is not NULL. */
char *story_suggest(struct db *db, struct story *s);

/* ---- export -------------------------------------------------------- */

/* Writes stories as Markdown: the user's, or every live one with all. */
void story_export_md(struct db *db, FILE *fp, int all);
/* Writes the user's live stories as a `kind: stories` YAML document
 * that `prepdeck import` reads back as the user's stories (each story
 * carries `origin: user`). Returns the number of stories written. */
int story_export_yaml(struct db *db, FILE *fp);

/* Relative time for lists: "today", "3d ago", "2w ago", "never". */
void story_fmt_ago(int64_t t, int64_t now, char *buf, size_t n);

/* "Technical depth, Impact" for "technical-depth impact" (competency
 * ids to names); a new string the caller frees. */
char *story_comp_names(struct db *db, const char *ids);
/* "mine", "my pitch", "example", "template"... for lists. */
const char *story_kind_label(const struct story *s);

#endif
