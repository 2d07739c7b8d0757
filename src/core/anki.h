/* Anki interop: importing Anki packages (notes, cards, decks, tags and
 * review history) and exporting prepdeck decks as a package Anki and its
 * phone apps open. See doc/anki.md. */
#ifndef PREPDECK_ANKI_H
#define PREPDECK_ANKI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "anki_pkg.h"
#include "db.h"

struct anki_import_opts {
	const char *deck; /* every card into this deck id (NULL: one per Anki deck) */
	int collection;   /* a whole collection (.colpkg): review rows of
	                              deleted cards are skipped, not refused */
	int64_t now;
	anki_progress_fn progress; /* may be NULL */
	void *ctx;
};

struct anki_summary {
	int format; /* enum anki_format */
	int schema; /* the collection's schema version */
	int decks_added, decks_updated;
	int cards_added, cards_updated, cards_unchanged;
	int cards_merged;     /* cards prepdeck exported, found by guid */
	int notes_other;      /* notes of other note types, as basic cards */
	int skipped_other;    /* further cards of those notes */
	int skipped_cloze;    /* cloze numbers above 9 */
	int skipped_empty;    /* nothing left to ask after cleaning */
	int notes_cardless;   /* notes without cards */
	int sounds, images;   /* media references left out */
	int with_history;     /* cards that got review history */
	int sched_no_history; /* scheduled in Anki but without history: new here */
	int suspended;        /* suspended in Anki, suspended here */
	int64_t reviews_added;
	int64_t reviews_dup;        /* already in prepdeck's log */
	int64_t reviews_unanswered; /* manual schedule changes, no rating */
	int64_t reviews_orphan;     /* of cards no longer in a collection */
	int64_t reviews_skipped;    /* of cards that were not imported */
};

/* Imports the package at file into db in one transaction. Returns 0 with
 * *s filled, or -1 with *cause set (caller frees) and nothing written. */
int anki_import(struct db *db, const char *file, const struct anki_import_opts *o,
                struct anki_summary *s, char **cause);

/* The summary as lines of text for people; a new string (caller frees). */
char *anki_summary_text(const struct anki_summary *s);
/* The summary as one JSON object. */
void anki_summary_json(const struct anki_summary *s, FILE *fp);

struct anki_export_counts {
	int decks, notes, cards;
	int64_t reviews;
};

/* Writes decks (ids of deck or numbers documents) to out as a legacy
 * package (collection.anki2, schema 11), whole or not at all. With
 * with_history, the review log as revlog rows and each card's schedule.
 * Returns 0, or -1 with *cause set. */
int anki_export(struct db *db, char *const *decks, size_t ndecks, const char *out, int with_history,
                int64_t now, struct anki_export_counts *n, char **cause);

/* The note guid prepdeck writes for a card key (or a cloze note id). A
 * new string, caller frees. */
char *anki_guid_for(const char *key);

#endif
