/* The store's side of Anki interop: reading a foreign Anki collection (a
 * SQLite file extracted from a package) and writing one for export. Part
 * of the store: like db.c, this is where SQLite is used; the rest of the
 * core sees rows and plain values. Unlike db.c, every error here is a
 * message for the user (a damaged file), never fatal. */
#ifndef PREPDECK_DB_ANKI_H
#define PREPDECK_DB_ANKI_H

#include <stddef.h>
#include <stdint.h>

struct anki_src;

/* Opens the collection at path read-only and reads its schema version
 * (col.ver) into *schema. Returns NULL with *cause (caller frees) when the
 * file is not SQLite, is damaged, or is not an Anki collection. */
struct anki_src *anki_src_open(const char *path, int *schema, char **cause);
void anki_src_close(struct anki_src *s);

/* One row of a query; strings and the blob are valid during the call. */
struct anki_row {
	int64_t i[16];
	const char *s[4];
	const void *blob;
	size_t nblob;
};

/* Called for each row; a non-zero return stops the query and is
 * returned by anki_src_rows. */
typedef int (*anki_row_fn)(void *ctx, const struct anki_row *r);

enum anki_query {
	/* i0 id, s0 name, i1 kind (0 normal, 1 cloze; -1: read blob, the
	 * protobuf Notetype.Config) */
	ANKI_Q_NOTETYPES,
	/* i0 note type id, i1 ord, s0 name */
	ANKI_Q_FIELDS,
	/* i0 note type id, i1 ord, s0 name, s1 qfmt, s2 afmt (NULL: read
	 * blob, the protobuf Template.Config) */
	ANKI_Q_TEMPLATES,
	/* i0 id, s0 name with "::" between levels */
	ANKI_Q_DECKS,
	/* Cards with their notes, by note: i0 card id, i1 note id, i2 deck,
	 * i3 ord, i4 type, i5 queue, i6 due, i7 ivl, i8 reps, i9 lapses,
	 * i10 original deck, i11 1 when the note is missing, i12 note type;
	 * s0 guid, s1 tags, s2 fields (separated by 0x1f) */
	ANKI_Q_CARDS,
	/* By card, then time: i0 id (ms), i1 card id, i2 ease, i3 time
	 * taken (ms), i4 type */
	ANKI_Q_REVLOG,
};

/* Runs query q over the collection. Returns 0, -1 with *cause set for a
 * damaged collection, or the callback's non-zero value. */
int anki_src_rows(struct anki_src *s, enum anki_query q, anki_row_fn fn, void *ctx, char **cause);

/* Row counts for progress and the summary (-1 when unreadable). */
int64_t anki_src_count_cards(struct anki_src *s);
int64_t anki_src_count_revlog(struct anki_src *s);
int64_t anki_src_count_cardless_notes(struct anki_src *s);

/* Writing a legacy (schema 11) collection. Errors are kept and reported
 * by anki_out_finish. */
struct anki_out;

struct anki_out *anki_out_create(const char *path, char **cause);
void anki_out_col(struct anki_out *o, int64_t crt, int64_t mod, const char *conf,
                  const char *models, const char *decks, const char *dconf);
void anki_out_note(struct anki_out *o, int64_t id, const char *guid, int64_t mid, int64_t mod,
                   const char *tags, const char *flds, const char *sfld, int64_t csum);
/* v: id, nid, did, ord, mod, type, queue, due, ivl, factor, reps, lapses,
 * left; data: the card's data JSON. */
void anki_out_card(struct anki_out *o, const int64_t v[13], const char *data);
/* v: id, cid, ease, ivl, lastIvl, factor, time, type. */
void anki_out_revlog(struct anki_out *o, const int64_t v[8]);
/* Commits and closes; returns 0, or -1 with *cause. Frees o either way. */
int anki_out_finish(struct anki_out *o, char **cause);

#endif
