/* Timed rehearsal: the section timer (pure arithmetic on an injected
 * monotonic clock, so it can be tested without waiting), section budgets,
 * the behavioral rubric used for self-scores, and saving sessions to the
 * tables `rehearsal`, `rehearsal_section` and `rehearsal_score`.
 *
 * Elapsed time is always computed from clock readings (time already
 * closed + now - start of the running stretch), never by counting
 * redraws, so slow redraws, resizes and long pauses cannot make the clock
 * drift. */
#ifndef PREPDECK_REHEARSAL_H
#define PREPDECK_REHEARSAL_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* A clock that returns milliseconds from an arbitrary origin and never
 * goes backwards. */
struct rh_clock {
	int64_t (*now_ms)(void *ctx);
	void *ctx;
};

/* clock_gettime(CLOCK_MONOTONIC). */
extern const struct rh_clock rh_monotonic;

enum rh_state {
	RH_READY, /* sections set, not started */
	RH_RUNNING,
	RH_PAUSED,
	RH_DONE, /* moved past the last section */
	RH_ABANDONED,
};

struct rh_section {
	char *name;
	char *cue; /* what to say in it (the story's text; may be "") */
	int64_t budget_ms;
	int64_t spent_ms; /* closed time; rh_elapsed adds the running stretch */
};

struct rh_timer {
	struct rh_clock clock;
	struct rh_section *sec;
	int nsec;
	int cur; /* the current section; nsec once done */
	enum rh_state state;
	int64_t mark;       /* clock reading when the running stretch began */
	int64_t started_at; /* Unix seconds (now_unix) of the start */
};

/* clock may be NULL for rh_monotonic. */
void rh_init(struct rh_timer *t, const struct rh_clock *clock);
void rh_free(struct rh_timer *t);
/* Adds a section (copies the strings). Only before rh_start. */
void rh_add(struct rh_timer *t, const char *name, const char *cue, int64_t budget_ms);

/* READY -> RUNNING in the first section. */
void rh_start(struct rh_timer *t);
/* Closes the current section and moves to the next one (running, even
 * when paused); after the last one the timer is DONE. Returns 1 when
 * that made it DONE. */
int rh_next(struct rh_timer *t);
void rh_pause(struct rh_timer *t);
void rh_resume(struct rh_timer *t);
/* Pauses a running timer, resumes a paused one. */
void rh_toggle_pause(struct rh_timer *t);
/* Back to zero in the first section, running. */
void rh_restart(struct rh_timer *t);
/* Stops the clock for good; the time spent so far is kept. */
void rh_abandon(struct rh_timer *t);

/* Time spent in section i so far (including the running stretch). */
int64_t rh_elapsed(const struct rh_timer *t, int i);
int64_t rh_total(const struct rh_timer *t);
int64_t rh_budget(const struct rh_timer *t);
/* Milliseconds section i is over its budget (0 when within it). */
int64_t rh_overrun(const struct rh_timer *t, int i);
/* Times as shown and saved: one rule everywhere. A section's time is
 * rounded to the nearest whole second (half up), and a total is the sum
 * of its rounded sections, so the sections always add up to it. */
int64_t rehearsal_round_ms(int64_t ms);
int64_t rh_shown(const struct rh_timer *t, int i);
int64_t rh_shown_total(const struct rh_timer *t);
/* Number of sections that ran over their budget. */
int rh_overruns(const struct rh_timer *t);

/* ---- budgets --------------------------------------------------------- */

/* Section budgets are settings (table `setting`, key "budget_NAME",
 * whole seconds), shared by every story: situation 20, task 15, action
 * 60, result 25, reflection 20, pitch 60, drill 60. */
#define RH_BUDGET_MIN_S 1
#define RH_BUDGET_MAX_S 3600
/* The screen's +/- steps: the next budget on the 5-second grid up
 * (dir > 0) or down, never below 5 s or above the maximum; a budget off
 * the grid (set to 12 s on the command line) goes to its neighbours. */
#define RH_BUDGET_STEP_S 5
int64_t rehearsal_budget_step(int64_t ms, int dir);
/* Name, default seconds and description of budget i; 0 past the end. */
int rehearsal_budget_describe(int i, const char **name, int *dflt_s, const char **desc);
/* The budget for a section name (case-insensitive), in ms; the default
 * when unset or damaged; 60 s for an unknown name. */
int64_t rehearsal_budget_ms(struct db *db, const char *name);
/* Sets a budget from text (whole seconds, or M:SS). Returns 0, or -1
 * with *cause set (caller frees). */
int rehearsal_budget_set(struct db *db, const char *name, const char *value, char **cause);
/* Parses "90", "1:30" or "12.5" seconds into ms; -1 when not a duration. */
int64_t rehearsal_parse_secs(const char *s);

/* ---- what to rehearse ------------------------------------------------ */

/* Fills a READY timer with a story's sections: Situation, Task, Action,
 * Result and Reflection with the story's text as cues and the budgets
 * from the settings, or a single "Pitch" section for a story of type
 * pitch. Returns -1 with *cause set when there is no such story. */
int rehearsal_story_sections(struct db *db, const char *story_id, struct rh_timer *t, char **cause);
/* The interview flow the timer and `prepdeck rehearse --segment` use. */
#define FLOW_ID "interview-60"

/* Fills a READY timer with the segments of an interview flow
 * (flow_segment), each timed for its minutes. */
int rehearsal_flow_sections(struct db *db, const char *flow_id, struct rh_timer *t, char **cause);

/* Picks the decision point of a story to use as the interviewer's
 * follow-up: the one drilled least often, the first such in story order.
 * Sets *question and *answer (caller frees) and *ord. Returns -1 with
 * *cause set when the story has no decision points. */
int rehearsal_drill_pick(struct db *db, const char *story_id, char **question, char **answer,
                         int *ord, char **cause);

/* The question of decision point n (from 1) of a story; a new string
 * or NULL. */
char *rehearsal_point_question(struct db *db, const char *story_id, int n);
/* Looks up a segment of a flow by its id or title: sets *title (caller
 * frees) and *budget_ms. Returns 0, or -1 when there is none. */
int rehearsal_flow_segment(struct db *db, const char *flow_id, const char *key, char **title,
                           int64_t *budget_ms);

/* Completes the sections of a session recorded by hand the way the
 * timer names and times them. *mode NULL becomes "pitch" for a pitch
 * story, else "story". In a drill (of a story) the one section is decision
 * point `point` (from 1), named for its question and timed by the drill
 * budget; in a flow a section that names a segment of interview-60 (its
 * id or title) takes the segment's title and minutes; a pitch's unnamed
 * section is "Pitch"; any other name of a known section is spelt as the
 * timer spells it ("situation": "Situation"). A budget_ms < 0 becomes
 * the budget set for the name. Each sec[i].name is replaced (freed; a new
 * string the caller frees). Returns one of: */
enum rh_fill {
	RH_FILL_OK = 0,
	RH_FILL_MISSING = -1, /* no such story or decision point: *cause says
	                           which (caller frees) */
	RH_FILL_DRILL = -2,   /* a drill that is not one section with a point */
	RH_FILL_UNNAMED = -3, /* a section with no name where one is needed */
};
int rehearsal_fill_sections(struct db *db, const char *story_id, const char **mode, int point,
                            struct rh_section *sec, int nsec, char **cause);

/* ---- the behavioral rubric --------------------------------------------- */

#define RH_RUBRIC_ID "mock-behavioral"

struct rh_cat {
	char *id;
	char *name;
	char *level[4];
};

/* The categories of the behavioral rubric (rubric_cat of RH_RUBRIC_ID),
 * or clarity/ownership/conflict/impact when the rubric is missing.
 * *cats is an array the caller frees with rehearsal_rubric_free. */
void rehearsal_rubric(struct db *db, struct rh_cat **cats, int *n);
void rehearsal_rubric_free(struct rh_cat *cats, int n);
/* The categories that score a rehearsal of story_id: clarity, and those
 * its competencies map to (ownership, leadership, failure, learning,
 * ambiguity, debugging, ethics -> ownership; conflict, influence ->
 * conflict; impact, customer-focus, prioritization -> impact;
 * technical-depth, communication -> clarity). A story whose
 * competencies map to nothing but clarity is scored on every category.
 * When why is not NULL, *why says which (caller frees). Free *cats with
 * rehearsal_rubric_free. */
void rehearsal_rubric_for(struct db *db, const char *story_id, struct rh_cat **cats, int *n,
                          char **why);

/* ---- sessions ------------------------------------------------------- */

#define RH_TEXT_MAX 500 /* evidence and change-note, in bytes */

struct rh_score {
	const char *category;
	int score; /* 1..4 */
	const char *evidence;
};

struct rh_record {
	const char *story_id;  /* NULL for flow */
	const char *prompt_id; /* NULL unless rehearsed against a prompt */
	const char *mode;      /* story, pitch, drill, flow */
	int64_t started_at;    /* Unix seconds */
	int completed;
	const char *change_note;
	const struct rh_section *sec;
	int nsec;
	const struct rh_score *scores;
	int nscores;
};

/* Checks and saves a whole session (rehearsal, its sections and scores)
 * in one transaction, section times rounded to whole seconds and the
 * total their sum; nothing is written when anything is wrong. Sets
 * *id. Returns 0, or -1 with *cause set. */
int rehearsal_save(struct db *db, const struct rh_record *r, int64_t *id, char **cause);
/* Saves a finished or abandoned timer (sections only). */
int rehearsal_save_timer(struct db *db, const struct rh_timer *t, const char *story_id,
                         const char *prompt_id, const char *mode, int64_t *id, char **cause);
/* Sets (or replaces) one self-score of a saved session. */
int rehearsal_set_score(struct db *db, int64_t id, const char *category, int score,
                        const char *evidence, char **cause);
/* Sets "what I'd change" of a saved session. */
int rehearsal_set_note(struct db *db, int64_t id, const char *note, char **cause);
/* Checks one line of user text: UTF-8, no control characters, at most
 * RH_TEXT_MAX bytes. */
int rehearsal_check_text(const char *what, const char *s, char **cause);

struct rh_session {
	int64_t id;
	char *story_id; /* "" when none */
	char *prompt_id;
	char *mode;
	int64_t started_at, total_ms, budget_ms;
	int completed;
	char *change_note;
	int nscores;
	double mean_score; /* 0 when not scored */
};

/* The latest sessions first, of one story (story_id NULL: all), at most
 * limit (0: all). *out is an array the caller frees with
 * rehearsal_sessions_free. */
void rehearsal_history(struct db *db, const char *story_id, int limit, struct rh_session **out,
                       size_t *n);
void rehearsal_sessions_free(struct rh_session *s, size_t n);

/* Brings sessions saved before the rounding rule in line with it
 * (sections rounded, totals their sum); returns the sections changed. */
int rehearsal_round_stored(struct db *db);

/* Formats ms as M:SS (or H:MM:SS) into buf, rounded to the nearest
 * second (rehearsal_round_ms). */
void rehearsal_fmt_ms(int64_t ms, char *buf, size_t n);

#endif
