/* The application shell all screens share: the main loop, the screen
 * stack, key bindings from one action list, the status line, the help
 * overlay, resize handling and the small-terminal message. */
#ifndef PREPDECK_TUI_APP_H
#define PREPDECK_TUI_APP_H

#include "config.h"

#include "cram.h"
#include "db.h"
#include "start.h"
#include "store.h"
#include "tui/keytab.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

struct app;

/* A screen: a const table of functions, one file per screen. */
struct screen_ops {
	const char *name;
	/* Allocates the screen's state; returns NULL to refuse to open
	 * (after setting a status message). arg is what the screen opens
	 * on, of the type its declaration below names (NULL: its default). */
	void *(*open)(struct app *a, const void *arg);
	void (*close)(struct app *a, void *st);
	/* Draws into stdscr rows 0..lines-2 (the status line is the shell's). */
	void (*draw)(struct app *a, void *st, int lines, int cols);
	/* Handles an action (or a raw key with ACT_NONE); returns 1 when
	 * handled. */
	int (*input)(struct app *a, void *st, enum tui_action act, int key);
	/* Called when no key has come for a->tick_ms milliseconds, while the
	 * screen asks for ticks by setting tick_ms above 0 (it is reset to 0
	 * when a screen closes). No time is passed: a screen reads its clock. */
	void (*tick)(struct app *a, void *st);
	const struct tui_key *keys;
	/* Refreshed when the screen becomes visible again. */
	void (*resume)(struct app *a, void *st);
	/* What would be lost by leaving now ("the story text you are
	 * writing"), or NULL: quitting asks first while any screen says so. */
	const char *(*unsaved)(struct app *a, void *st);
};

struct app {
	struct db *db;
	int color;
	int tick_ms; /* 0: block on input */
	int quit;
	char status[256];
	struct frame {
		const struct screen_ops *ops;
		void *st;
	} stack[8];
	int depth;
	int key_char; /* the key being handled is a character
	                              (not a KEY_* function key) */
	int help;     /* help overlay visible */
	int help_scroll;
	const char *keys_hint; /* set by a screen's draw for this frame:
	                              the status line's keys instead of
	                              "? help  q back" (while ? and q are text) */
	int help_more;         /* rows below the last the help showed */
	int confirm;           /* asking before losing unsaved text: 1 quit,
	                              2 leave the screen */
	char confirm_what[96];
};

/* Colour pairs (plain attributes when colour is off). */
enum tui_color { C_TITLE = 1, C_DIM, C_GOOD, C_WARN, C_BAD, C_ACCENT, C_SELECT };
attr_t tui_attr(struct app *a, enum tui_color c);
/* For *italic* text: italic where the terminal has it, else underline. */
attr_t tui_italic(void);

void tui_message(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tui_push(struct app *a, const struct screen_ops *ops, const void *arg);
void tui_pop(struct app *a);

/* Draws UTF-8 text at (y, x) in at most `width` display columns, ending
 * in an ellipsis when it had to be cut (str_fit); returns the columns
 * used. */
int tui_put(int y, int x, const char *s, int width, attr_t attr);
/* Draws plain text word-wrapped to w columns from (y, x), at most
 * maxrows rows (a word wider than w is cut with the ellipsis); returns
 * the rows used. */
int tui_wrap(int y, int x, int w, int maxrows, const char *text, attr_t attr);
/* Moves a list cursor *cur over n rows for Up, Down, PgUp, PgDn (by
 * `page` rows), Home and End; returns 1 when act was one of those (even
 * at an edge), 0 otherwise. */
int tui_list_move(enum tui_action act, int *cur, int n, int page);
/* The same for a scroll offset *top whose end is known only when drawn:
 * Down, PgDn and End may go past it and the draw pulls it back. */
int tui_scroll_move(enum tui_action act, int *top, int page);
/* A horizontal rule of n columns: box drawing in a UTF-8 locale, '-'
 * otherwise. */
void tui_hline(int y, int x, int n, attr_t attr);
/* Display width of a UTF-8 string. */
int tui_width(const char *s);

/* What the review screen opens on: today's review of one deck (or of
 * several, a plan task's: ids separated by spaces) and/or tag, or cram
 * practice on the cards of cram (at most limit). */
struct review_start {
	const char *deck, *decks, *tag;
	const struct cram_source *cram;
	int limit;
};

/* What the rehearsal timer opens on. */
struct rehearse_start {
	enum { RH_START_STORY, RH_START_PITCH, RH_START_FLOW } what;
	const char *story;  /* RH_START_STORY */
	const char *prompt; /* the prompt it answers, or NULL */
	int drill;          /* straight to a drill-down question */
};

/* What the card editor opens on (NULL: a new card in the deck used
 * last). */
struct cardedit_start {
	enum { CE_START_NEW, CE_START_EDIT, CE_START_DRAFT } what;
	const char *deck; /* CE_START_NEW: the deck, or NULL */
	const char *card; /* CE_START_EDIT: a card key or note id */
};

/* 0 when standard input and output are a terminal; else says so on
 * standard error and returns 1 (the exit status). */
int tui_need_terminal(void);

/* Runs the interactive program on an open store, starting where start
 * asks; returns the exit status. */
int tui_main(struct store *store, const struct start_request *start);

extern const struct screen_ops today_screen;
extern const struct screen_ops plan_screen;      /* arg: "start" opens the plan picker */
extern const struct screen_ops checklist_screen; /* arg: a checklist id, or NULL for the list */
extern const struct screen_ops review_screen;    /* arg: struct review_start, or NULL */
extern const struct screen_ops settings_screen;
extern const struct screen_ops suspended_screen;
extern const struct screen_ops target_screen; /* arg: "new" opens the form */
extern const struct screen_ops cram_screen;
extern const struct screen_ops mock_screen;      /* arg: "new" opens the rubric picker */
extern const struct screen_ops mock_form_screen; /* arg: a round id, in decimal */
extern const struct screen_ops stats_screen;     /* arg: a page name ("Forecast") or NULL */
extern const struct screen_ops stories_screen;   /* arg: "coverage" opens the grid, or NULL */
extern const struct screen_ops story_screen;     /* arg: a story id */
extern const struct screen_ops prompt_screen;
extern const struct screen_ops rehearse_screen; /* arg: struct rehearse_start, or NULL (pitch) */
extern const struct screen_ops gapmap_screen;   /* arg: a map id, or NULL for the current map */
extern const struct screen_ops anki_screen;     /* arg: "import" opens the path prompt */
extern const struct screen_ops browser_screen;  /* arg: a query to start with, or NULL */
extern const struct screen_ops cardedit_screen; /* arg: struct cardedit_start, or NULL */
extern const struct screen_ops profile_screen;  /* arg: NULL */

#endif
