/* The application shell all screens share: the main loop, the screen
 * stack, key bindings from one action list, the status line, the help
 * overlay, resize handling and the small-terminal message. */
#ifndef PREPDECK_TUI_APP_H
#define PREPDECK_TUI_APP_H

#include "config.h"

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#elif defined(HAVE_NCURSES_H)
#include <ncurses.h>
#else
#include <curses.h>
#endif

#include "cli.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

enum tui_start { TUI_START_TODAY, TUI_START_REVIEW, TUI_START_REHEARSE };

/* Every action a key can trigger: name, default help text. The help
 * overlay and the key tables are both built from this list. */
#define TUI_ACTIONS(_) \
	_(NONE, "") \
	_(QUIT, "Leave this screen (quit from Today)") \
	_(HELP, "Show or hide this help") \
	_(UP, "Move up") \
	_(DOWN, "Move down") \
	_(PGUP, "Page up") \
	_(PGDOWN, "Page down") \
	_(TOP, "Go to the first line") \
	_(BOTTOM, "Go to the last line") \
	_(REDRAW, "Redraw the screen") \
	_(REVIEW, "Start today's review") \
	_(REVEAL, "Show the answer") \
	_(AGAIN, "Grade: Again (forgot)") \
	_(HARD, "Grade: Hard") \
	_(GOOD, "Grade: Good") \
	_(EASY, "Grade: Easy") \
	_(UNDO, "Undo the last grade") \
	_(BURY, "Bury the card until tomorrow") \
	_(SUSPEND, "Suspend the card") \
	_(FLAG, "Flag or unflag the card") \
	_(INFO, "Show the card's source and tags") \
	_(SETTINGS, "Review settings") \
	_(MOCK, "Mock-round scorecards: record and review rounds") \
	_(STATS, "Progress statistics") \
	_(PLAN, "Open the study plan") \
	_(CHECKLISTS, "Open the checklists") \
	_(TOGGLE, "Tick or untick the selected task or item") \
	_(OPEN, "Open what the selected task links to (else tick it)") \
	_(START_PLAN, "Start a study plan (asks before replacing one)") \
	_(SHIFT, "Push the rest of the plan back by some days") \
	_(WEEK_REVIEW, "Write the weekly review of the selected week") \
	_(GOTO_TODAY, "Go to today's tasks") \
	_(RESET, "Untick every item for the next use") \
	_(STORIES, "Story bank: your stories, coverage, rehearsal") \
	_(STORY_NEW, "Write a new story of your own") \
	_(STORY_COPY, "Copy the story (on a gap: its template) into your own") \
	_(STORY_EDIT, "Edit the selected story or field") \
	_(STORY_DELETE, "Delete a story or follow-up of yours (asks first)") \
	_(COVERAGE, "Switch between the list and the coverage grid") \
	_(REHEARSE, "Rehearse the selected story against the clock") \
	_(PITCH, "Rehearse your 60-second pitch") \
	_(FLOW, "Time the 60-minute interview loop by segment") \
	_(PROMPT, "Pick a prompt: random, by competency, or weakest") \
	_(RH_NEXT, "Start, or go to the next section") \
	_(RH_PAUSE, "Pause or resume the clock") \
	_(RH_RESTART, "Restart from zero") \
	_(RH_ABANDON, "Abandon the rehearsal (asks first)") \
	_(DRILL, "Drill-down: time your answer to a follow-up question") \
	_(CUES, "Show cue words or the whole text") \
	_(GAPMAP, "Open the skills-gap map") \
	_(GAP_EDIT, "Edit the cell in place (Enter saves, Esc cancels)") \
	_(GAP_LEFT, "Previous column") \
	_(GAP_RIGHT, "Next column") \
	_(GAP_CONF_UP, "Confidence up") \
	_(GAP_CONF_DOWN, "Confidence down") \
	_(GAP_CONF_SET, "Set confidence 1-5 (0 clears it)") \
	_(GAP_ADD, "Add a row") \
	_(GAP_DELETE, "Delete the row (asks first)") \
	_(GAP_FILTER, "Filter the rows by text") \
	_(GAP_SORT, "Sort by map order, confidence, category or name") \
	_(GAP_UNDO, "Undo the last edit (repeatable)") \
	_(GAP_MAPS, "Switch to another map, or make one") \
	_(GAP_REVIEW, "Review the row's linked deck") \
	_(INTERVIEW, "Interview dates: countdown, proposed plan, set a date") \
	_(CRAM, "Cram a deck now, without changing its schedule") \
	_(SELECT, "Open or change the selected item") \
	_(BROWSE, "Browse and search all cards") \
	_(ADD, "Add a card of your own") \
	_(PROFILE, "Your profile: the example's or your own pitch, figures, stories") \
	_(CARD_EDIT, "Edit the selected card") \
	_(CARD_RESET, "Reset the card to new (its reviews stay in the log)") \
	_(CARD_MOVE, "Move your card to another deck") \
	_(CARD_DELETE, "Delete your card (asks first; its reviews stay in the log)") \
	_(CARD_REVERT, "Go back to the curriculum's text of the card") \
	_(CARD_COMPARE, "Show your text or the curriculum's") \
	_(FILTER_DECK, "Show one deck, or all") \
	_(FILTER_STATE, "Show cards in one state: new, due, suspended, ...") \
	_(FILTER_TAG, "Show cards with one tag") \
	_(SORT, "Sort by added, relevance, deck, due, difficulty, lapses") \
	_(SEARCH, "Type in the search (Esc returns to the list)")

#define TUI_ACTION_ENUM(name, help) ACT_##name,
enum tui_action { TUI_ACTIONS(TUI_ACTION_ENUM) ACT__COUNT };
#undef TUI_ACTION_ENUM

extern const char *const tui_action_help[ACT__COUNT];

struct tui_key {
	int key;                   /* curses key code or character */
	enum tui_action action;
	const char *label;         /* how the help shows the key */
	const char *help;          /* NULL: the action's default help */
};

struct app;

/* A screen: a const table of functions, one file per screen. */
struct screen_ops {
	const char *name;
	/* Allocates the screen's state; returns NULL to refuse to open
	 * (after setting a status message). */
	void *(*open)(struct app *a, const char *arg);
	void (*close)(struct app *a, void *st);
	/* Draws into stdscr rows 0..lines-2 (the status line is the shell's). */
	void (*draw)(struct app *a, void *st, int lines, int cols);
	/* Handles an action (or a raw key with ACT_NONE); returns 1 when
	 * handled. */
	int (*input)(struct app *a, void *st, enum tui_action act, int key);
	/* Called every tick (ms since start) when the screen asks for ticks. */
	void (*tick)(struct app *a, void *st);
	const struct tui_key *keys;
	/* Refreshed when the screen becomes visible again. */
	void (*resume)(struct app *a, void *st);
};

struct app {
	struct cli *cli;
	struct db *db;
	int color;
	int tick_ms;               /* 0: block on input */
	int quit;
	char status[256];
	struct frame {
		const struct screen_ops *ops;
		void *st;
	} stack[8];
	int depth;
	int key_char;              /* the key being handled is a character
	                              (not a KEY_* function key) */
	int help;                  /* help overlay visible */
	int help_scroll;
};

/* Colour pairs (plain attributes when colour is off). */
enum tui_color { C_TITLE = 1, C_DIM, C_GOOD, C_WARN, C_BAD, C_ACCENT, C_SELECT };
attr_t tui_attr(struct app *a, enum tui_color c);

void tui_message(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tui_push(struct app *a, const struct screen_ops *ops, const char *arg);
void tui_pop(struct app *a);

/* Draws UTF-8 text at (y, x) clipped to `width` display columns; returns
 * the columns used. */
int tui_put(int y, int x, const char *s, int width, attr_t attr);
/* Moves a list cursor *cur over n rows for Up, Down, PgUp, PgDn (by
 * `page` rows), Home and End; returns 1 when act was one of those (even
 * at an edge), 0 otherwise. */
int tui_list_move(enum tui_action act, int *cur, int n, int page);
/* A horizontal rule of n columns: box drawing in a UTF-8 locale, '-'
 * otherwise. */
void tui_hline(int y, int x, int n, attr_t attr);
/* Display width of a UTF-8 string. */
int tui_width(const char *s);

int tui_main(struct cli *c, enum tui_start start, const char *arg);

extern const struct screen_ops today_screen;
extern const struct screen_ops plan_screen;       /* arg: "start" opens the plan picker */
extern const struct screen_ops checklist_screen;  /* arg: a checklist id, or NULL for the list */
extern const struct screen_ops review_screen;     /* arg: "DECK", "DECK#TAG", "#TAG" or NULL */
extern const struct screen_ops settings_screen;
extern const struct screen_ops target_screen;     /* arg: "new" opens the form */
extern const struct screen_ops cram_screen;
extern const struct screen_ops mock_screen;       /* arg: "new" opens the rubric picker */
extern const struct screen_ops stats_screen;      /* arg: a page name ("Forecast") or NULL */
extern const struct screen_ops stories_screen;    /* arg: "coverage" opens the grid, or NULL */
extern const struct screen_ops rehearse_screen;   /* arg: STORY, STORY@PROMPT, pitch, flow, drill:STORY */
extern const struct screen_ops gapmap_screen;     /* arg: a map id, or NULL for the current map */
extern const struct screen_ops browser_screen;    /* arg: a query to start with, or NULL */
extern const struct screen_ops cardedit_screen;   /* arg: NULL or "new:DECK" adds, "edit:CARD"
                                                     edits, "draft" brings back the draft */
extern const struct screen_ops profile_screen;    /* arg: NULL, or "pitch", "figures", "stories" */

/* Opens the card editor on the unsaved draft a crash left, if any
 * (called once at start). */
void cardedit_restore_draft(struct app *a);

#endif
