/* Reading a job description: finds the skills it asks for with the
 * vocabulary (table vocab), weighs how strongly each is asked for, and
 * turns the result into a new gap map. Core module: no curses. */
#ifndef PREPDECK_JD_H
#define PREPDECK_JD_H

#include <stddef.h>

#include "db.h"

struct jd_skill {
	char *vocab_id, *name, *category, *decks;
	char *spellings;     /* the distinct spellings found, one a line */
	double weight;       /* how strongly the text asks for it */
	int mentions;
	size_t first;        /* offset of the first mention */
};

struct jd_name {
	char *name;          /* a capitalized name the vocabulary lacks */
	int count;
};

struct jd_result {
	char *title;         /* the first heading or line, "" if none */
	struct jd_skill *skills;   /* strongest first */
	size_t nskills;
	struct jd_name *also;      /* repeated unknown names, most frequent first */
	size_t nalso;
};

/* Analyses text (len bytes, which need not end with a NUL: nothing past
 * text[len - 1] is read) against the live vocabulary. Returns 0, or
 * -1 with *cause set (caller frees) when the text is empty or not text.
 * A text with no known skill is not an error here (nskills is 0). The
 * caller frees *out with jd_result_free. */
int jd_analyze(struct db *db, const char *text, size_t len, struct jd_result *out,
               char **cause);
void jd_result_free(struct jd_result *r);

/* Reads the file at path, analyses it and creates a gap map (origin
 * "jd") named name (NULL: from the file) in one transaction; the map
 * becomes the current one. Returns 0 and sets *map_id (caller frees), or
 * -1 with *cause set and nothing created when the file is empty, binary,
 * unreadable or names no known skill. *out is filled in either way when
 * the file could be read (caller frees with jd_result_free). */
int jd_import(struct db *db, const char *path, const char *name, struct jd_result *out,
              char **map_id, char **cause);

#endif
