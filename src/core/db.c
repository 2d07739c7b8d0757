#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "util.h"
#include "schema.sql.h"

#define DB_CACHE 48

struct db_stmt {
	struct db *db;
	sqlite3_stmt *s;
	const char *sql;    /* the text it was prepared from (cache key) */
	int busy;           /* handed out and not yet finalized */
};

struct db {
	sqlite3 *h;
	char *path;
	int depth;          /* transaction nesting */
	int readonly;
	/* Prepared statements kept for reuse: the same SQL text (usually a
	 * string constant) is compiled once per connection. */
	struct db_stmt *cache[DB_CACHE];
	int ncache, next_evict;
};

static void (*fatal_hook)(void);

static const char *const migrations[] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))
_Static_assert(DB_SCHEMA_VERSION == sizeof migrations / sizeof migrations[0],
               "DB_SCHEMA_VERSION must match the number of migrations");

void
db_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

static void __attribute__((noreturn, format(printf, 2, 3)))
db_fatal(struct db *db, const char *fmt, ...)
{
	if (fatal_hook != NULL)
		fatal_hook();
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvprintf(fmt, ap);
	va_end(ap);
	int code = db && db->h ? sqlite3_errcode(db->h) : 0;
	const char *hint = "";
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		hint = "\nThe database is damaged or not a prepdeck database; move it "
		       "aside (or pass --db) to start a new one.";
	else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
	         code == SQLITE_IOERR)
		hint = "\nCheck that the disk is writable and not full.";
	else if (code == SQLITE_FULL)
		hint = "\nThe disk is full.";
	fprintf(stderr, "prepdeck: database %s: %s%s\n",
	        db && db->path ? db->path : "", msg, hint);
	free(msg);
	exit(1);
}

static void
cache_free(struct db *db)
{
	for (int i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i]->s);
		free(db->cache[i]);
	}
	db->ncache = 0;
}

static int
mkdirs(const char *path, char **cause)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			int e = errno;
			fail(cause, "cannot create directory %s: %s", p, strerror(e));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

static int
exec_script(struct db *db, const char *sql, char **cause)
{
	char *err = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		fail(cause, "%s", err ? err : sqlite3_errmsg(db->h));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static int
migrate(struct db *db, char **cause)
{
	int v = (int)db_int(db, 0, "PRAGMA user_version", "");
	if (v > NMIGRATIONS)
		return fail(cause, "schema version %d is newer than this prepdeck "
		            "understands (%d); upgrade prepdeck", v, NMIGRATIONS);
	for (; v < NMIGRATIONS; v++) {
		if (db->readonly)
			return fail(cause, "the database needs an upgrade but was "
			            "opened read-only");
		char *sql = xprintf("BEGIN IMMEDIATE;\n%s\nPRAGMA user_version = %d;\nCOMMIT;",
		                    migrations[v], v + 1);
		int rc = exec_script(db, sql, cause);
		free(sql);
		if (rc != 0) {
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			if (cause && *cause && strstr(*cause, "fts5") != NULL) {
				char *c = *cause;
				*cause = xprintf("%s (this SQLite was built without FTS5, the full-text "
				                 "search prepdeck needs for the card browser)", c);
				free(c);
			}
			return -1;
		}
	}
	return 0;
}

struct db *
db_open(const char *path, int flags, int *created, char **cause)
{
	struct stat st;
	int exists = stat(path, &st) == 0;
	if (created)
		*created = 0;
	if (exists && S_ISDIR(st.st_mode)) {
		fail(cause, "%s is a directory, not a database file", path);
		return NULL;
	}
	if (!exists && !(flags & DB_OPEN_CREATE)) {
		fail(cause, "%s: no such database", path);
		return NULL;
	}
	if (!exists && mkdirs(path, cause) != 0)
		return NULL;

	struct db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->readonly = (flags & DB_OPEN_READONLY) != 0;
	int oflags = db->readonly ? SQLITE_OPEN_READONLY
	                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (!exists) {
		/* Create the file ourselves so it is private from the start. */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0) {
			fail(cause, "cannot create %s: %s", path, strerror(errno));
			goto bad;
		}
		close(fd);
		if (created)
			*created = 1;
	}
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		fail(cause, "cannot open %s: %s", path,
		     db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto bad;
	}
	sqlite3_extended_result_codes(db->h, 0);
	sqlite3_busy_timeout(db->h, 5000);
	/* A cheap read of the header: a corrupt or foreign file fails here
	 * with a clear message instead of later in the middle of a screen. */
	char *err = NULL;
	if (sqlite3_exec(db->h, "SELECT count(*) FROM sqlite_master", NULL, NULL,
	                 &err) != SQLITE_OK) {
		fail(cause, "%s is not a usable prepdeck database (%s); move it aside "
		     "or pass --db to use another file", path, err ? err : "?");
		sqlite3_free(err);
		goto bad;
	}
	if (!db->readonly) {
		if (exec_script(db, "PRAGMA journal_mode = WAL", cause) != 0) {
			char *c = *cause;
			*cause = xprintf("cannot write %s: %s", path, c);
			free(c);
			goto bad;
		}
		if (access(path, W_OK) != 0) {
			fail(cause, "cannot write %s: %s", path, strerror(errno));
			goto bad;
		}
	}
	if (exec_script(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
	                "PRAGMA cache_size = -32768",
	                cause) != 0)
		goto bad;
	if (migrate(db, cause) != 0) {
		char *c = *cause;
		*cause = xprintf("%s: %s", path, c);
		free(c);
		goto bad;
	}
	return db;
bad:
	cache_free(db);
	if (db->h)
		sqlite3_close(db->h);
	if (created && *created)
		unlink(path);
	free(db->path);
	free(db);
	return NULL;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->depth > 0)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	cache_free(db);
	sqlite3_close_v2(db->h);
	free(db->path);
	free(db);
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

static void
bind_args(struct db_stmt *st, const char *fmt, va_list ap)
{
	int idx = 1;
	for (const char *f = fmt; *f; f++, idx++) {
		switch (*f) {
		case 'i':
			db_bind_int(st, idx, va_arg(ap, int64_t));
			break;
		case 'd':
			db_bind_double(st, idx, va_arg(ap, double));
			break;
		case 't':
			db_bind_text(st, idx, va_arg(ap, const char *));
			break;
		case 'n':
			sqlite3_bind_null(st->s, idx);
			break;
		default:
			db_fatal(st->db, "bad bind format '%c'", *f);
		}
	}
}

static struct db_stmt *
prepare_va(struct db *db, const char *sql, const char *fmt, va_list ap)
{
	struct db_stmt *st = NULL;
	for (int i = 0; i < db->ncache; i++) {
		struct db_stmt *c = db->cache[i];
		if (!c->busy && (c->sql == sql || strcmp(c->sql, sql) == 0)) {
			st = c;
			break;
		}
	}
	if (st == NULL) {
		st = xcalloc(1, sizeof *st);
		st->db = db;
		if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->s,
		                       NULL) != SQLITE_OK)
			db_fatal(db, "%s (in: %.200s)", sqlite3_errmsg(db->h), sql);
		st->sql = sqlite3_sql(st->s);
		if (db->ncache < DB_CACHE) {
			db->cache[db->ncache++] = st;
		} else {
			/* Replace an idle entry, round robin. */
			for (int k = 0; k < DB_CACHE; k++) {
				int i = (db->next_evict + k) % DB_CACHE;
				if (!db->cache[i]->busy) {
					sqlite3_finalize(db->cache[i]->s);
					free(db->cache[i]);
					db->cache[i] = st;
					db->next_evict = i + 1;
					break;
				}
			}
		}
	}
	st->busy = 1;
	bind_args(st, fmt, ap);
	return st;
}

static int
cached(struct db *db, struct db_stmt *st)
{
	for (int i = 0; i < db->ncache; i++)
		if (db->cache[i] == st)
			return 1;
	return 0;
}

struct db_stmt *
db_prepare(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = prepare_va(db, sql, fmt, ap);
	va_end(ap);
	return st;
}

int
db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db_fatal(st->db, "%s", sqlite3_errmsg(st->db->h));
}

int
db_try_step(struct db_stmt *st, char **cause)
{
	int rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_ERROR) {
		fail(cause, "%s", sqlite3_errmsg(st->db->h));
		sqlite3_reset(st->s);
		return -1;
	}
	db_fatal(st->db, "%s", sqlite3_errmsg(st->db->h));
}

void
db_reset(struct db_stmt *st)
{
	sqlite3_reset(st->s);
	sqlite3_clear_bindings(st->s);
}

void
db_finalize(struct db_stmt *st)
{
	if (st == NULL)
		return;
	if (cached(st->db, st)) {
		sqlite3_reset(st->s);
		sqlite3_clear_bindings(st->s);
		st->busy = 0;
		return;
	}
	sqlite3_finalize(st->s);
	free(st);
}

void
db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	sqlite3_bind_int64(st->s, idx, v);
}

void
db_bind_text(struct db_stmt *st, int idx, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st->s, idx);
	else
		sqlite3_bind_text(st->s, idx, v, -1, SQLITE_TRANSIENT);
}

void
db_bind_double(struct db_stmt *st, int idx, double v)
{
	sqlite3_bind_double(st->s, idx, v);
}

int64_t
db_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->s, col);
}

double
db_col_double(struct db_stmt *st, int col)
{
	return sqlite3_column_double(st->s, col);
}

const char *
db_col_text(struct db_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st->s, col);
	return t ? (const char *)t : "";
}

int
db_col_isnull(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->s, col) == SQLITE_NULL;
}

char *
db_col_strdup(struct db_stmt *st, int col)
{
	if (db_col_isnull(st, col))
		return NULL;
	return xstrdup(db_col_text(st, col));
}

int
db_exec(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = prepare_va(db, sql, fmt, ap);
	va_end(ap);
	while (db_step(st))
		;
	db_finalize(st);
	return sqlite3_changes(db->h);
}

int64_t
db_int(struct db *db, int64_t dflt, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = prepare_va(db, sql, fmt, ap);
	va_end(ap);
	int64_t v = dflt;
	if (db_step(st) && !db_col_isnull(st, 0))
		v = db_col_int(st, 0);
	db_finalize(st);
	return v;
}

double
db_double(struct db *db, double dflt, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = prepare_va(db, sql, fmt, ap);
	va_end(ap);
	double v = dflt;
	if (db_step(st) && !db_col_isnull(st, 0))
		v = db_col_double(st, 0);
	db_finalize(st);
	return v;
}

char *
db_text(struct db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st = prepare_va(db, sql, fmt, ap);
	va_end(ap);
	char *v = NULL;
	if (db_step(st))
		v = db_col_strdup(st, 0);
	db_finalize(st);
	return v;
}

int64_t
db_last_rowid(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

void
db_begin(struct db *db)
{
	if (db->depth++ == 0) {
		char *err = NULL;
		if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK) {
			db->depth = 0;
			db_fatal(db, "%s", err ? err : "cannot begin a transaction");
		}
	}
}

void
db_commit(struct db *db)
{
	if (db->depth <= 0)
		db_fatal(db, "commit without begin");
	if (--db->depth == 0) {
		char *err = NULL;
		if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, &err) != SQLITE_OK)
			db_fatal(db, "%s", err ? err : "commit failed");
	}
}

void
db_rollback(struct db *db)
{
	if (db->depth <= 0)
		return;
	db->depth = 0;
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

char *
db_setting(struct db *db, const char *key)
{
	return db_text(db, "SELECT value FROM setting WHERE key = ?", "t", key);
}

void
db_set_setting(struct db *db, const char *key, const char *value)
{
	db_exec(db, "INSERT INTO setting(key, value) VALUES (?, ?) "
	        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", "tt",
	        key, value);
}

const char *
db_schema_sql(int version)
{
	if (version < 1 || version > NMIGRATIONS)
		return NULL;
	return migrations[version - 1];
}
