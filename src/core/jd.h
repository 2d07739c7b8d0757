/* Reading a job description: finds the skills it asks for with the
 * vocabulary (table vocab), weighs how strongly each is asked for, and
 * turns the result into a new gap map. Core module: no curses. */
#ifndef PREPDECK_JD_H
#define PREPDECK_JD_H

#include <stddef.h>

#include "db.h"

struct jd_skill {
	char *vocab_id, *name, *category, *decks;
	char *spellings; /* the distinct spellings found, one a line */
	double weight;   /* how strongly the text asks for it */
	int mentions;
	size_t first; /* offset of the first mention */
};

struct jd_name {
	char *name; /* a capitalized name the vocabulary lacks */
	int count;
};

struct jd_result {
	char *title;             /* the first heading or line, "" if none */
	struct jd_skill *skills; /* strongest first */
	size_t nskills;
	struct jd_name *also; /* repeated unknown names, most frequent first */
	size_t nalso;
};

/* Analyses text (len bytes, which need not end with a NUL: nothing past
 * text[len - 1] is read) against the live vocabulary. Returns 0, or
 * -1 with *cause set (caller frees) when the text is empty or not text.
 * A text with no known skill is not an error here (nskills is 0). The
 * caller frees *out with jd_result_free. */
int jd_analyze(struct db *db, const char *text, size_t len, struct jd_result *out, char **cause);
void jd_result_free(struct jd_result *r);

/* What to do when a map made from a job description of the same name
 * (the file's name without its extension, or --name) already exists. */
enum jd_again {
	JD_ASK,     /* change nothing: return JD_EXISTS */
	JD_ANOTHER, /* make another map beside it (name-2, name-3 ...) */
	JD_UPDATE,  /* refresh that map: new skills added, keywords and weights
	                 of the others renewed; the user's edits are kept */
};
#define JD_EXISTS (-2)

/* Reads the file at path, analyses it and creates a gap map (origin
 * "jd") named name (NULL: from the file) in one transaction; the map
 * becomes the current one. When a map of that name came from a job
 * description before, `again` decides (JD_ASK returns JD_EXISTS with
 * *map_id the existing map and *cause a message, having changed
 * nothing). Returns 0 (a map made) or 1 (a map updated) and sets *map_id
 * (caller frees) and, when added is not NULL, *added to the rows added
 * (for an update, the skills new to the map); or -1 with *cause set and nothing created when the file
 * is empty, binary, unreadable or names no known skill. *out is filled
 * in either way when the file could be read (caller frees with
 * jd_result_free). */
int jd_import(struct db *db, const char *path, const char *name, enum jd_again again,
              struct jd_result *out, char **map_id, int *added, char **cause);

#endif
