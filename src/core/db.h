/* The database: the only module that includes sqlite3.h. Other core
 * modules use these wrappers; the screens never call them directly.
 *
 * Errors the program cannot continue from (disk gone, database corrupt)
 * go to the fatal handler, which prints a plain message and exits; every
 * grade and edit is committed as it happens, so nothing given is lost. */
#ifndef PREPDECK_DB_H
#define PREPDECK_DB_H

#include <stdint.h>

struct db;
struct db_stmt;

#define DB_SCHEMA_VERSION 5

/* PRAGMA application_id of a prepdeck database ("PRPD"): a database with
 * another id, or with another program's tables, is refused. */
#define DB_APPLICATION_ID 0x50525044

enum {
	DB_OPEN_CREATE = 1,   /* create the file (and its directory) if missing */
	DB_OPEN_READONLY = 2, /* never write; fails if the file is missing */
};

/* Opens (and if needed creates and migrates) the database at path.
 * Sets *created when a new file was made. Returns NULL and sets *cause
 * (caller frees) on failure: for anything but a regular file (or a
 * symbolic link to one, or to none yet: then the file it names is made),
 * and for another program's SQLite file. A database this user cannot
 * write (the file, or the directory its -wal and -shm files go in) is
 * opened read-only: reading works, and the first write stops with a
 * message saying what write access it needs. */
struct db *db_open(const char *path, int flags, int *created, char **cause);
void db_close(struct db *db);
const char *db_path(const struct db *db);
/* True when the database was opened read-only (asked for, or not
 * writable by this user). */
int db_readonly(const struct db *db);

/* Called with a message before the process exits on a fatal database
 * error; the TUI sets it to leave curses mode first. */
void db_set_fatal_hook(void (*hook)(void));

/* While another program holds the lock a write needs, prepdeck waits.
 * Without a busy hook it waits 5 seconds, then stops with a message (and
 * writes nothing). With one it waits until the lock is free, calling
 * hook(1) once the wait has lasted a second and hook(0) when it is over:
 * the screens show "database busy, retrying" and keep what the user just
 * gave (a grade, an edit) until it is saved. */
void db_set_busy_hook(void (*hook)(int waiting));

/* Prepares sql and binds arguments described by fmt, one letter each:
 * 'i' int64_t, 'd' double, 't' const char * (NULL binds NULL), 'n' NULL
 * (no argument). Dies on a programmer error (bad SQL). */
struct db_stmt *db_prepare(struct db *db, const char *sql, const char *fmt, ...);
/* Steps: returns 1 when a row is ready, 0 when done. */
int db_step(struct db_stmt *st);
/* Steps a statement whose failure is the user's (a full-text query they
 * typed): returns 1 or 0 as db_step, or -1 with *cause set to SQLite's
 * message (caller frees) instead of exiting. */
int db_try_step(struct db_stmt *st, char **cause);
void db_reset(struct db_stmt *st);
/* Runs a statement kept for reuse to the end and resets it (bindings
 * cleared); returns the rows it changed. */
int db_run(struct db_stmt *st);
void db_finalize(struct db_stmt *st);
/* Steps st to the end, finalizes it, and returns the first column of its
 * rows as new strings (NULL as ""); *n is their number. */
char **db_col_strings(struct db_stmt *st, size_t *n);
void db_bind_int(struct db_stmt *st, int idx, int64_t v);
void db_bind_text(struct db_stmt *st, int idx, const char *v);
/* As db_bind_text without a copy: v must stay as it is until the
 * statement is reset. */
void db_bind_text_kept(struct db_stmt *st, int idx, const char *v);
void db_bind_double(struct db_stmt *st, int idx, double v);

int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
/* Valid until the next step/reset/finalize; "" for NULL. */
const char *db_col_text(struct db_stmt *st, int col);
int db_col_isnull(struct db_stmt *st, int col);
/* A newly allocated copy, or NULL for SQL NULL; the caller frees it. */
char *db_col_strdup(struct db_stmt *st, int col);

/* Runs one statement to completion; returns the number of rows changed. */
int db_exec(struct db *db, const char *sql, const char *fmt, ...);
/* Runs a single-value query; returns dflt when there is no row or NULL. */
int64_t db_int(struct db *db, int64_t dflt, const char *sql, const char *fmt, ...);
double db_double(struct db *db, double dflt, const char *sql, const char *fmt, ...);
/* Newly allocated text of the first column of the first row, or NULL. */
char *db_text(struct db *db, const char *sql, const char *fmt, ...);
int64_t db_last_rowid(struct db *db);

/* For a bulk insert inside a transaction: drops the indexes of table and
 * returns what remakes them, so each is built once, sorted, instead of
 * row by row. Pass it to db_dropped_restore (which frees it) before the
 * transaction ends, committed or not. */
struct db_dropped *db_indexes_drop(struct db *db, const char *table);
/* The same for the triggers of table: the caller does what they would
 * have done for the rows it writes (see db_search_reindex_like). */
struct db_dropped *db_triggers_drop(struct db *db, const char *table);
void db_dropped_restore(struct db *db, struct db_dropped *ix);

/* Around one large transaction (outside any): the rollback journal
 * instead of the WAL, so the pages it adds are written once rather than
 * to the WAL and again at the checkpoint. Only when no other connection
 * has the database open (it never waits); returns 1 when it switched,
 * and then db_bulk_end goes back to the WAL. */
int db_bulk_begin(struct db *db);
void db_bulk_end(struct db *db);

/* Nested transactions: only the outermost begin/commit reach SQLite
 * (BEGIN IMMEDIATE). A rollback at any depth rolls back everything. */
void db_begin(struct db *db);
void db_commit(struct db *db);
void db_rollback(struct db *db);

/* Settings (key/value, user state). Returned strings: caller frees. */
char *db_setting(struct db *db, const char *key);
void db_set_setting(struct db *db, const char *key, const char *value);

#endif
