/* The learner's cards: writing cards in the program, editing any card
 * (a curriculum card keeps the learner's text as an override that no
 * import overwrites), reverting, deleting, moving, resetting, with every
 * change recorded so it can be undone and listed; decks made on the fly;
 * drafts of unsaved text; and the hooks import uses for overrides and
 * for decks marked `origin: user`. Core module: no curses.
 *
 * A note is what the learner writes; its cards are what is reviewed: a
 * basic note makes one card (key = note id), a reverse note that card
 * and its reverse (NOTE:r), a cloze note one card per number (NOTE:cN),
 * a type-in note one card. The learner's notes have ids "u-" followed
 * by six letters or digits, src '' and are never retired by an import. */
#ifndef PREPDECK_CARDS_H
#define PREPDECK_CARDS_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "db.h"
#include "import.h"

/* Bytes in one field: what the content loader reads back from a file. */
#define CARD_TEXT_MAX YT_MAX_SCALAR
/* The deck the profile's figures go to (a numbers deck of type-ins). */
#define CARDS_FIGURES_DECK "my-figures"

struct card_note {
	char note_id[ID_MAX + 1];
	char *deck_id;
	char *kind;  /* basic, reverse, cloze, typein */
	char *front; /* the question; a cloze note's whole text */
	char *back;  /* the answer ('' for a cloze) */
	char *note;
	char *tags; /* tags separated by single spaces, "" for none */
	/* Filled by cards_note_get: */
	int user;         /* written in prepdeck (src '') */
	int retired;      /* every card of the note is retired (deleted) */
	int override;     /* a curriculum card with the learner's text */
	int file_changed; /* its text in the files changed since */
	char *file_kind, *file_front, *file_back, *file_note, *file_tags;
	char *src;
	int line;
};

/* Sets every text of n to "" (kind basic, no deck). */
void cards_note_init(struct card_note *n);
void cards_note_clear(struct card_note *n);
/* Sets one of n's strings (field: deck, kind, front, back, note, tags). */
int cards_note_set(struct card_note *n, const char *field, const char *value, char **cause);

/* Loads the note of card (a card key or a note id). Returns 0, or -1
 * with *cause set. */
int cards_note_get(struct db *db, const char *card, struct card_note *n, char **cause);

/* Checks and cleans n in place: a valid deck id, a known kind, a front,
 * a back for basic, reverse and type-in cards, a cloze with a deletion
 * and no empty one, every field valid UTF-8 without control characters
 * and within CARD_TEXT_MAX, valid tags ("a,b" or "a b"). */
int cards_note_check(struct card_note *n, char **cause);

/* The note kind, front and back of a file's card item from its n
 * expanded cards (content_expand_card). */
void cards_item_text(const struct content_card *c, int n, const char **kind, const char **front,
                     const char **back);

/* Another live card whose front is n's front (ignoring case and the
 * spaces around it): its key (caller frees), or NULL. */
char *cards_same_front(struct db *db, const char *front, const char *except_note);

enum { CARDS_DUPLICATE = -2 };

/* Adds n as a new note of the learner's in n->deck_id (made as a deck
 * of the learner's when it does not exist); sets n->note_id. A new card
 * is due as a new card under the daily limits, or at once (before the
 * limits) with due_now. Unless force is set, a front that another card
 * already has is refused with CARDS_DUPLICATE and *cause naming it. */
int cards_add(struct db *db, struct card_note *n, int due_now, int force, char **cause);

/* Saves n (an existing note, n->note_id) with its new text. A
 * curriculum card's new text becomes the learner's override (dropped
 * again when it equals the files' text); the learner's own note is
 * rewritten. The kind can change only between basic and reverse; only
 * the learner's notes change deck. */
int cards_update(struct db *db, struct card_note *n, char **cause);
/* Sets one field (front, back, note, tags, deck, kind) of card's note. */
int cards_edit(struct db *db, const char *card, const char *field, const char *value, char **cause);
/* Returns a curriculum card to the files' text (drops the override). */
int cards_revert(struct db *db, const char *card, char **cause);
/* Deletes one of the learner's notes: its cards are retired and keep
 * their reviews in the log. */
int cards_delete(struct db *db, const char *card, char **cause);
/* Moves one of the learner's notes to deck (made when new). */
int cards_move(struct db *db, const char *card, const char *deck, char **cause);

/* Per card key, each recorded so it can be undone: */
int cards_reset(struct db *db, const char *key, char **cause);
int cards_suspend(struct db *db, const char *key, int on, char **cause);
int cards_bury(struct db *db, const char *key, int64_t until, char **cause);
/* Toggles the flag; returns the new flag (0 or 1) or -1. */
int cards_flag(struct db *db, const char *key, char **cause);

/* Undoes the latest change made with these functions that is not yet
 * undone. Sets *what to a sentence saying what was undone (caller
 * frees). Returns 0, or -1 with *cause set. */
int cards_undo(struct db *db, char **what, char **cause);

/* A card's reviews and changes, oldest first. */
struct card_review_entry {
	char key[160];
	int64_t at, due;
	int rating, state;
	int cram;
};
struct card_change_entry {
	int64_t at, undone_at;
	char action[16];
	char *detail;
};
struct card_history {
	struct card_review_entry *rev;
	size_t nrev;
	struct card_change_entry *chg;
	size_t nchg;
};
/* card is a key (that card's reviews) or a note id (all its cards'). */
int cards_history(struct db *db, const char *card, struct card_history *h, char **cause);
void cards_history_free(struct card_history *h);

/* Decks a card can go to: the ones used last first, then the learner's,
 * then the curriculum's. Free with cards_decks_free. */
struct cards_deck {
	char *id, *title, *kind;
	int user;
	int cards;
};
void cards_decks(struct db *db, struct cards_deck **out, size_t *n);
void cards_decks_free(struct cards_deck *v, size_t n);
/* Makes deck id (kind deck or numbers) of the learner's when it does not
 * exist; an existing deck must be a live deck or numbers document. */
int cards_deck_ensure(struct db *db, const char *id, const char *kind, const char *title,
                      char **cause);

/* The draft being written (one at a time): saved as the learner types,
 * given back after a crash, cleared on save or cancel. */
void cards_draft_save(struct db *db, const struct card_note *n, int due_now);
/* Returns 1 and fills n (cards_note_init'ed by the caller) when there is
 * a draft; n->note_id is "" for a new card. */
int cards_draft_load(struct db *db, struct card_note *n, int *due_now);
/* Whether a draft is waiting (a crash left one). */
int cards_draft_exists(struct db *db);
void cards_draft_clear(struct db *db);

/* Import hooks (import.c). A card item of a curriculum file whose note
 * the learner changed: records the files' text beside the override
 * (marking it changed when it differs from last time) and returns 1 with
 * learner set to the learner's text (cards_note_clear it); else 0. */
int cards_import_override(struct db *db, const char *note_id, const char *kind, const char *front,
                          const char *back, const char *note, const char *tags,
                          struct card_note *learner);
/* A deck or numbers document marked `origin: user`: the deck is made
 * when new; each card comes in as the learner's own (a new note, or the
 * text of an existing one: an override for a curriculum card). */
void cards_import_user_doc(struct db *db, const struct ynode *doc, int ord,
                           struct import_stats *st);

#endif
