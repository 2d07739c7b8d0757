/* Where things live: the database path and the bundled curriculum. */
#ifndef PREPDECK_PATHS_H
#define PREPDECK_PATHS_H

/* The database path: flag (may be NULL) > $PREPDECK_DB >
 * $XDG_DATA_HOME/prepdeck/prepdeck.db (absolute only) >
 * ~/.local/share/prepdeck/prepdeck.db. Returns a new string (caller
 * frees) or NULL with *cause set when no home directory is known. */
char *paths_db(const char *flag, char **cause);

/* The bundled curriculum directory: $PREPDECK_CONTENT, else the
 * installed $(pkgdatadir)/content, else content/ next to the source tree
 * the program was built in. Returns a new string (caller frees). */
char *paths_content(void);

/* Creates the directories leading to path (not path itself), private
 * (0700). Returns 0, or -1 with *cause set (caller frees). */
int paths_mkdirs(const char *path, char **cause);

/* Takes an advisory lock beside the database so a second interactive
 * session says so plainly, making the database's directory first (as
 * paths_mkdirs). Returns a descriptor (>= 0), or -1 with *cause set
 * (caller frees) when the directory or the lock file cannot be made or
 * another session holds the lock. */
int paths_lock(const char *dbpath, char **cause);

#endif
