/* Writing a file whole or not at all, for every export: the text goes to
 * a temporary file made with mkstemp (O_EXCL, so nothing planted at a
 * predictable name is followed) in the target's directory, is flushed to
 * disk, then renamed over the target. Only a new file or a regular file
 * is ever replaced: a directory, device, FIFO, socket or symbolic link at
 * the path is refused with a message. An existing file keeps its mode; a
 * new one is private (0600), like the database. The path "-" (or NULL)
 * is standard output. Core module: no curses. */
#ifndef PREPDECK_OUTFILE_H
#define PREPDECK_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *fp;   /* write here between open and commit */
	char *path; /* the target; NULL for standard output */
	char *tmp;  /* the temporary file beside it */
};

/* Opens o for writing path. Returns 0, or -1 with *cause set (caller
 * frees) and nothing created. */
int outfile_open(struct outfile *o, const char *path, char **cause);

/* Flushes and syncs the text and renames it over the target (for
 * standard output: flushes it). Returns 0, or -1 with *cause set and
 * the target as it was. Releases o either way. */
int outfile_commit(struct outfile *o, char **cause);

/* Abandons the text: removes the temporary file, leaves the target as it
 * was, releases o. */
void outfile_abort(struct outfile *o);

#endif
