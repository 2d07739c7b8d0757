#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "paths.h"
#include "util.h"
#include "schema.sql.h"

#define DB_CACHE 48

struct db_stmt {
	struct db *db;
	sqlite3_stmt *s;
	const char *sql; /* the text it was prepared from (cache key) */
	int busy;        /* handed out and not yet finalized */
};

struct db {
	sqlite3 *h;
	char *path;
	int depth; /* transaction nesting */
	int readonly;
	char *ro_why;       /* why it was opened read-only, for messages */
	int64_t busy_since; /* when the current wait for a lock began (ms) */
	int busy_told;      /* the busy hook has been told of this wait */
	/* Prepared statements kept for reuse: the same SQL text (usually a
	 * string constant) is compiled once per connection. */
	struct db_stmt *cache[DB_CACHE];
	int ncache, next_evict;
};

static void (*fatal_hook)(void);
static void (*busy_hook)(int waiting);

static const char *const migrations[] = {
	schema_v1, schema_v2, schema_v3, schema_v4, schema_v5,
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
	char *hint = xstrdup("");
	if (db && db->readonly && db->ro_why) {
		free(hint);
		hint = xprintf("\nprepdeck opened it read-only because %s; this command "
		               "needs to write to it.",
		               db->ro_why);
	} else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
		free(hint);
		hint = xstrdup("\nThe database is damaged or not a prepdeck database; move it "
		               "aside (or pass --db) to start a new one.");
	} else if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
		free(hint);
		hint = xstrdup("\nAnother program has been writing to it for too long; "
		               "nothing was changed. Try again when it is done.");
	} else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_IOERR) {
		free(hint);
		hint = xstrdup("\nCheck that the disk is writable and not full.");
	} else if (code == SQLITE_FULL) {
		free(hint);
		hint = xstrdup("\nThe disk is full.");
	}
	fprintf(stderr, "prepdeck: database %s: %s%s\n", db && db->path ? db->path : "", msg, hint);
	free(msg);
	free(hint);
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
		return fail(cause,
		            "schema version %d is newer than this prepdeck "
		            "understands (%d); upgrade prepdeck",
		            v, NMIGRATIONS);
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
				*cause = xprintf(
				        "%s (this SQLite was built without FTS5, the full-text "
				        "search prepdeck needs for the card browser)",
				        c);
				free(c);
			}
			return -1;
		}
	}
	return 0;
}

/* Milliseconds on a clock that only goes forward. */
static int64_t
mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite calls this while another connection holds a lock it needs. It
 * waits in short sleeps. Without a busy hook it gives up after
 * DB_BUSY_MS (the caller then reports the database busy); with one (the
 * screens) it tells the hook after a second and waits as long as it
 * takes, so a grade or an edit in hand is never dropped. */
#define DB_BUSY_MS 5000
static int
busy_wait(void *arg, int count)
{
	struct db *db = arg;
	int64_t now = mono_ms();
	if (count == 0) {
		db->busy_since = now;
		db->busy_told = 0;
	}
	int64_t waited = now - db->busy_since;
	if (busy_hook == NULL && waited >= DB_BUSY_MS)
		return 0;
	if (busy_hook != NULL && waited >= 1000 && !db->busy_told) {
		db->busy_told = 1;
		busy_hook(1);
	}
	struct timespec ts = { 0, (count < 20 ? 5 : 50) * 1000000L };
	nanosleep(&ts, NULL);
	return 1;
}

/* After a wait for a lock: tells the hook it is over. */
static void
busy_done(struct db *db)
{
	if (db->busy_told) {
		db->busy_told = 0;
		if (busy_hook != NULL)
			busy_hook(0);
	}
}

void
db_set_busy_hook(void (*hook)(int waiting))
{
	busy_hook = hook;
}

/* The tables a prepdeck database has from migration 1 on. */
static const char *const own_tables[] = { "doc", "card", "card_state", "review_log", "setting" };

/* Refuses a database that is another program's: one with another
 * application id, or with tables but not prepdeck's (a browser's
 * history, say). Sets *fresh when the file has no tables yet. */
static int
check_owner(struct db *db, int *fresh, char **cause)
{
	int64_t app = db_int(db, 0, "PRAGMA application_id", "");
	int64_t ntables = db_int(db, 0,
	                         "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
	                         "AND name NOT LIKE 'sqlite_%'",
	                         "");
	*fresh = ntables == 0;
	if (app != 0 && app != DB_APPLICATION_ID)
		return fail(cause,
		            "%s belongs to another program (SQLite application id "
		            "0x%08llx), not prepdeck; pass --db to use another file",
		            db->path, (unsigned long long)(uint32_t)app);
	if (app == DB_APPLICATION_ID || ntables == 0)
		return 0;
	int own = 0;
	for (size_t i = 0; i < sizeof own_tables / sizeof own_tables[0]; i++)
		own += db_int(db, 0,
		              "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
		              "name = ?",
		              "t", own_tables[i]) > 0;
	if (own == (int)(sizeof own_tables / sizeof own_tables[0]))
		return 0; /* made before prepdeck set its application id */
	struct sbuf names;
	sbuf_init(&names);
	struct db_stmt *st = db_prepare(db,
	                                "SELECT name FROM sqlite_master WHERE type = 'table' "
	                                "AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 4",
	                                "");
	for (int k = 0; db_step(st); k++)
		sbuf_addf(&names, "%s%s", k ? ", " : "", db_col_text(st, 0));
	db_finalize(st);
	fail(cause,
	     "%s is an SQLite database of another program (%lld table%s: %s%s), not "
	     "prepdeck's; prepdeck leaves it alone. Pass --db to use another file",
	     db->path, (long long)ntables, ntables == 1 ? "" : "s", names.s,
	     ntables > 4 ? ", ..." : "");
	sbuf_free(&names);
	return -1;
}

/* Why a database that exists must be opened read-only, or NULL: this
 * user cannot write the file, or the directory where SQLite keeps its
 * -wal and -shm files. */
static char *
readonly_reason(const char *path)
{
	if (access(path, W_OK) != 0)
		return xprintf("you cannot write to %s (%s)", path, strerror(errno));
	char real[PATH_MAX];
	if (realpath(path, real) == NULL)
		return NULL;
	char *slash = strrchr(real, '/');
	char *dir = slash == real ? xstrdup("/") : xstrndup(real, (size_t)(slash - real));
	char *why = NULL;
	if (access(dir, W_OK | X_OK) != 0)
		why = xprintf("you cannot write to its directory %s (%s), where it keeps its "
		              "-wal and -shm files",
		              dir, strerror(errno));
	free(dir);
	return why;
}

/* path as a file: URI, for opening read-only. Caller frees. */
static char *
file_uri(const char *path, int immutable)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20 || *p >= 0x7f)
			sbuf_addf(&b, "%%%02X", *p);
		else
			sbuf_addc(&b, (char)*p);
	}
	sbuf_add(&b, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
	return sbuf_take(&b);
}

/* Creates the database file, private from the start. Through a symbolic
 * link whose target does not exist yet, the target is made (and is what
 * a failed open removes): *made is set to the file created. */
static int
create_file(const char *path, int dangling, char **made, char **cause)
{
	int fd = dangling ? open(path, O_WRONLY | O_CREAT | O_NOCTTY | O_CLOEXEC, 0600)
	                  : open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (dangling)
			return fail(cause,
			            "cannot create %s: it is a symbolic link to a file that "
			            "does not exist, and that file cannot be made (%s)",
			            path, strerror(errno));
		return fail(cause, "cannot create %s: %s", path, strerror(errno));
	}
	close(fd);
	char real[PATH_MAX];
	*made = xstrdup(dangling && realpath(path, real) ? real : path);
	return 0;
}

static struct db *
open_db(const char *path, int flags, int *created, char **cause)
{
	struct stat st, lst;
	int exists = stat(path, &st) == 0;
	int dangling = !exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
	if (created)
		*created = 0;
	if (exists && S_ISDIR(st.st_mode)) {
		fail(cause, "%s is a directory, not a database file", path);
		return NULL;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		/* /dev/null, a FIFO: SQLite would leave a journal beside it. */
		fail(cause, "%s is %s, not a database file", path, file_kind((unsigned)st.st_mode));
		return NULL;
	}
	if (!exists && !(flags & DB_OPEN_CREATE)) {
		fail(cause, "%s: no such database", path);
		return NULL;
	}
	if (!exists && !dangling && paths_mkdirs(path, cause) != 0)
		return NULL;

	struct db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->readonly = (flags & DB_OPEN_READONLY) != 0;
	char *made = NULL;
	if (!exists) {
		if (create_file(path, dangling, &made, cause) != 0)
			goto bad;
		if (created)
			*created = 1;
	} else if (!db->readonly && (db->ro_why = readonly_reason(path)) != NULL) {
		/* Reading needs no write access: the commands that only read
		 * work, the others say what they need (db_fatal). */
		db->readonly = 1;
	}
	int rc;
	if (db->readonly) {
		/* A file this user cannot write, without a -wal file: the main
		 * file holds everything, and opening it immutable creates no
		 * -shm or -wal beside it. (One that is only asked to be read,
		 * by `check`, may have a writer: it is opened as usual.) */
		char *wal = xprintf("%s-wal", path);
		struct stat ws;
		int pending = stat(wal, &ws) == 0 && ws.st_size > 0;
		free(wal);
		char *uri = file_uri(path, db->ro_why != NULL && !pending);
		rc = sqlite3_open_v2(uri, &db->h,
		                     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
		                     NULL);
		free(uri);
	} else {
		rc = sqlite3_open_v2(
		        path, &db->h,
		        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	}
	if (rc != SQLITE_OK) {
		fail(cause, "cannot open %s: %s", path,
		     db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto bad;
	}
	sqlite3_extended_result_codes(db->h, 0);
	sqlite3_busy_handler(db->h, busy_wait, db);
	/* A cheap read of the header: a corrupt or foreign file fails here
	 * with a clear message instead of later in the middle of a screen. */
	char *err = NULL;
	if (sqlite3_exec(db->h, "SELECT count(*) FROM sqlite_master", NULL, NULL, &err) !=
	    SQLITE_OK) {
		if (db->ro_why)
			fail(cause, "cannot read %s (%s): prepdeck opened it read-only because %s",
			     path, err ? err : "?", db->ro_why);
		else
			fail(cause,
			     "%s is not a usable prepdeck database (%s); move it aside "
			     "or pass --db to use another file",
			     path, err ? err : "?");
		sqlite3_free(err);
		goto bad;
	}
	int fresh;
	if (check_owner(db, &fresh, cause) != 0)
		goto bad;
	if (!db->readonly) {
		/* A file prepdeck sets up now (new, or empty, perhaps reached
		 * through a symbolic link) holds personal history: private. */
		if (fresh && chmod(path, 0600) != 0 && errno != EPERM) {
			fail(cause, "cannot make %s private: %s", path, strerror(errno));
			goto bad;
		}
		if (exec_script(db, "PRAGMA journal_mode = WAL", cause) != 0) {
			char *c = *cause;
			*cause = xprintf("cannot write %s: %s", path, c);
			free(c);
			goto bad;
		}
	}
	/* synchronous = FULL: every commit (a grade, an edit) is on disk
	 * before the screen moves on, power loss included; see doc/schema.md
	 * for what it costs. */
	if (exec_script(db,
	                "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; "
	                "PRAGMA cache_size = -32768",
	                cause) != 0)
		goto bad;
	if (migrate(db, cause) != 0) {
		char *c = *cause;
		*cause = db->ro_why ? xprintf("%s: %s (prepdeck opened it read-only because %s)",
		                              path, c, db->ro_why)
		                    : xprintf("%s: %s", path, c);
		free(c);
		goto bad;
	}
	if (!db->readonly && db_int(db, 0, "PRAGMA application_id", "") != DB_APPLICATION_ID) {
		char *sql = xprintf("PRAGMA application_id = %d", DB_APPLICATION_ID);
		int r = exec_script(db, sql, cause);
		free(sql);
		if (r != 0)
			goto bad;
	}
	free(made);
	return db;
bad:
	cache_free(db);
	if (db->h)
		sqlite3_close(db->h);
	if (made != NULL)
		unlink(made);
	free(made);
	free(db->ro_why);
	free(db->path);
	free(db);
	return NULL;
}

int
db_readonly(const struct db *db)
{
	return db->readonly;
}

struct db *
db_open(const char *path, int flags, int *created, char **cause)
{
	/* Callers that do not want the message still get a clean failure. */
	char *ignored = NULL;
	if (cause == NULL)
		cause = &ignored;
	struct db *db = open_db(path, flags, created, cause);
	free(ignored);
	return db;
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
	free(db->ro_why);
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
		if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->s, NULL) !=
		    SQLITE_OK)
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
	busy_done(st->db);
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

int
db_run(struct db_stmt *st)
{
	while (db_step(st))
		;
	int n = sqlite3_changes(st->db->h);
	db_reset(st);
	return n;
}

char **
db_col_strings(struct db_stmt *st, size_t *n)
{
	size_t cap = 64;
	char **v = xmalloc(cap * sizeof *v);
	*n = 0;
	while (db_step(st)) {
		if (*n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[(*n)++] = xstrdup(db_col_text(st, 0));
	}
	db_finalize(st);
	return v;
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

static void
bind_text(struct db_stmt *st, int idx, const char *v, sqlite3_destructor_type copy)
{
	if (v == NULL)
		sqlite3_bind_null(st->s, idx);
	else
		sqlite3_bind_text(st->s, idx, v, -1, copy);
}

void
db_bind_text(struct db_stmt *st, int idx, const char *v)
{
	bind_text(st, idx, v, SQLITE_TRANSIENT);
}

void
db_bind_text_kept(struct db_stmt *st, int idx, const char *v)
{
	bind_text(st, idx, v, SQLITE_STATIC);
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

struct db_dropped {
	size_t n;
	char **sql;
};

/* Drops the objects of one type ("index", "trigger") on table; returns
 * their SQL to make them again. */
static struct db_dropped *
drop_objects(struct db *db, const char *type, const char *table)
{
	struct db_dropped *ix = xcalloc(1, sizeof *ix);
	struct db_stmt *st = db_prepare(db,
	                                "SELECT name, sql FROM sqlite_master WHERE "
	                                "type = ? AND tbl_name = ? AND sql IS NOT NULL "
	                                "ORDER BY name",
	                                "tt", type, table);
	char **names = NULL;
	while (db_step(st)) {
		ix->sql = xrealloc(ix->sql, (ix->n + 1) * sizeof *ix->sql);
		names = xrealloc(names, (ix->n + 1) * sizeof *names);
		names[ix->n] = xstrdup(db_col_text(st, 0));
		ix->sql[ix->n++] = xstrdup(db_col_text(st, 1));
	}
	db_finalize(st);
	for (size_t i = 0; i < ix->n; i++) {
		char *q = sqlite3_mprintf("DROP %s \"%w\"", type, names[i]);
		if (q == NULL || exec_script(db, q, NULL) != 0)
			db_fatal(db, "cannot drop %s %s", type, names[i]);
		sqlite3_free(q);
		free(names[i]);
	}
	free(names);
	return ix;
}

struct db_dropped *
db_indexes_drop(struct db *db, const char *table)
{
	return drop_objects(db, "index", table);
}

struct db_dropped *
db_triggers_drop(struct db *db, const char *table)
{
	return drop_objects(db, "trigger", table);
}

void
db_dropped_restore(struct db *db, struct db_dropped *ix)
{
	if (ix == NULL)
		return;
	for (size_t i = 0; i < ix->n; i++) {
		if (exec_script(db, ix->sql[i], NULL) != 0)
			db_fatal(db, "cannot remake an index or trigger (%.200s)", ix->sql[i]);
		free(ix->sql[i]);
	}
	free(ix->sql);
	free(ix);
}

static int
first_text(void *ctx, int n, char **v, char **names)
{
	(void)names;
	if (n > 0 && v[0] != NULL)
		snprintf(ctx, 16, "%s", v[0]);
	return 0;
}

/* Sets the journal mode; returns 1 when it is now mode. */
static int
journal_mode(struct db *db, const char *mode)
{
	char sql[40], now[16] = "";
	snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", mode);
	if (sqlite3_exec(db->h, sql, first_text, now, NULL) != SQLITE_OK)
		return 0;
	return strcmp(now, mode) == 0;
}

int
db_bulk_begin(struct db *db)
{
	if (db->depth > 0 || db->readonly)
		return 0;
	/* Leaving the WAL needs the file to ourselves: do not wait for it. */
	sqlite3_busy_timeout(db->h, 0);
	int ok = journal_mode(db, "delete");
	sqlite3_busy_handler(db->h, busy_wait, db);
	return ok;
}

void
db_bulk_end(struct db *db)
{
	/* Should another connection have opened the file meanwhile and
	 * hold it, the next db_open makes it WAL again. */
	journal_mode(db, "wal");
}

void
db_begin(struct db *db)
{
	if (db->depth++ == 0) {
		char *err = NULL;
		int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, &err);
		busy_done(db);
		if (rc != SQLITE_OK) {
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
	db_exec(db,
	        "INSERT INTO setting(key, value) VALUES (?, ?) "
	        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	        "tt", key, value);
}
