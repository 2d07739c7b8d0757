/* Keys and actions from one list: every action a key can trigger, the
 * key tables of the screens, the keys every screen understands and the
 * rule that keeps one meaning per key (keytab.c). */
#ifndef PREPDECK_TUI_KEYTAB_H
#define PREPDECK_TUI_KEYTAB_H

#include "config.h"

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#elif defined(HAVE_NCURSES_H)
#include <ncurses.h>
#else
#include <curses.h>
#endif

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
	_(SUSPENDED, "Suspended cards: find them and unsuspend") \
	_(INFO, "Show the card's source and tags") \
	_(SETTINGS, "Settings: review limits and lint thresholds") \
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
	_(GAP_IMPORT, "Import a job description file as a map (asks for its path)") \
	_(CLEAR, "Clear the filter") \
	_(INTERVIEW, "Interview dates: countdown, proposed plan, set a date") \
	_(CRAM, "Cram a deck now, without changing its schedule") \
	_(SELECT, "Open or change the selected item") \
	_(ANKI, "Anki: import a package, export decks for your phone") \
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
	int key; /* curses key code or character */
	enum tui_action action;
	const char *label; /* how the help shows the key */
	const char *help;  /* NULL: the action's default help */
};

/* The keys every screen understands (keytab.c). */
extern const struct tui_key tui_global_keys[];
/* One meaning per key: the first entry of screen that binds a key of
 * global to another action (or a key screen itself binds to another
 * action), with *other set to the entry it clashes with; NULL when
 * there is none. The program refuses to open a screen whose table
 * clashes. */
const struct tui_key *tui_keys_conflict(const struct tui_key *screen, const struct tui_key *global,
                                        const struct tui_key **other);

#endif
