#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "db_anki.h"
#include "util.h"

struct anki_src {
	sqlite3 *h;
	int schema;
};

/* Anki declares some columns with its own "unicase" collation; reading
 * needs it registered (case-insensitive ASCII is enough here). */
static int
unicase(void *u, int na, const void *a, int nb, const void *b)
{
	int n = na < nb ? na : nb;
	int r = strncasecmp(a, b, (size_t)n);
	return r ? r : na - nb;
}

struct anki_src *
anki_src_open(const char *path, int *schema, char **cause)
{
	sqlite3 *h = NULL;
	char *uri = xprintf("file:%s?immutable=1", path);
	int rc = sqlite3_open_v2(
	        uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		fail(cause, "cannot open the collection: %s",
		     h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return NULL;
	}
	sqlite3_extended_result_codes(h, 0);
	sqlite3_create_collation(h, "unicase", SQLITE_UTF8, NULL, unicase);
	sqlite3_exec(h, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
	sqlite3_stmt *st = NULL;
	rc = sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(h);
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		fail(cause,
		     "the collection in the package is not a usable SQLite database "
		     "(%s)",
		     sqlite3_errmsg(h));
		sqlite3_close(h);
		return NULL;
	}
	if (sqlite3_prepare_v2(h, "SELECT ver FROM col", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		fail(cause, "the collection in the package is not an Anki collection (%s)",
		     sqlite3_errcode(h) == SQLITE_OK || sqlite3_errcode(h) == SQLITE_DONE ||
		                     sqlite3_errcode(h) == SQLITE_ROW
		             ? "no col row"
		             : sqlite3_errmsg(h));
		sqlite3_finalize(st);
		sqlite3_close(h);
		return NULL;
	}
	struct anki_src *s = xcalloc(1, sizeof *s);
	s->h = h;
	s->schema = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	*schema = s->schema;
	return s;
}

void
anki_src_close(struct anki_src *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->h);
	free(s);
}

/* Queries for schema 11-14 (note types and decks as JSON in col) and for
 * 15-18 (their own tables, configs as protobuf). */
static const char *const json_q[] = {
	[ANKI_Q_NOTETYPES] =
	        "SELECT CAST(m.key AS INTEGER), json_extract(m.value, '$.name'), "
	        "ifnull(json_extract(m.value, '$.type'), 0), NULL FROM col, json_each(col.models) m",
	[ANKI_Q_FIELDS] =
	        "SELECT CAST(m.key AS INTEGER), ifnull(json_extract(f.value, '$.ord'), "
	        "f.key), json_extract(f.value, '$.name') FROM col, json_each(col.models) m, "
	        "json_each(m.value, '$.flds') f",
	[ANKI_Q_TEMPLATES] =
	        "SELECT CAST(m.key AS INTEGER), ifnull(json_extract(t.value, '$.ord'), "
	        "t.key), json_extract(t.value, '$.name'), ifnull(json_extract(t.value, '$.qfmt'), ''), "
	        "ifnull(json_extract(t.value, '$.afmt'), '') FROM col, json_each(col.models) m, "
	        "json_each(m.value, '$.tmpls') t",
	[ANKI_Q_DECKS] = "SELECT CAST(d.key AS INTEGER), json_extract(d.value, '$.name') "
	                 "FROM col, json_each(col.decks) d",
};
static const char *const table_q[] = {
	[ANKI_Q_NOTETYPES] = "SELECT id, name, -1, config FROM notetypes",
	[ANKI_Q_FIELDS] = "SELECT ntid, ord, name FROM fields",
	[ANKI_Q_TEMPLATES] = "SELECT ntid, ord, name, NULL, NULL, config FROM templates",
	[ANKI_Q_DECKS] = "SELECT id, replace(name, char(31), '::') FROM decks",
};
static const char cards_q[] =
        "SELECT c.id, c.nid, c.did, c.ord, c.type, c.queue, c.due, c.ivl, c.reps, c.lapses, "
        "c.odid, n.id IS NULL, n.mid, n.guid, n.tags, n.flds FROM cards c "
        "LEFT JOIN notes n ON n.id = c.nid ORDER BY c.nid, c.ord, c.id";
static const char revlog_q[] = "SELECT id, cid, ease, time, type FROM revlog ORDER BY cid, id";

int
anki_src_rows(struct anki_src *s, enum anki_query q, anki_row_fn fn, void *ctx, char **cause)
{
	const char *sql;
	int nint, nstr, blobcol = -1;
	switch (q) {
	case ANKI_Q_NOTETYPES:
		sql = s->schema < 15 ? json_q[q] : table_q[q];
		nint = 0;
		nstr = 0;
		break;
	case ANKI_Q_FIELDS:
		sql = s->schema < 15 ? json_q[q] : table_q[q];
		nint = 2;
		nstr = 1;
		break;
	case ANKI_Q_TEMPLATES:
		sql = s->schema < 15 ? json_q[q] : table_q[q];
		nint = 2;
		nstr = 3;
		if (s->schema >= 15)
			blobcol = 5;
		break;
	case ANKI_Q_DECKS:
		sql = s->schema < 15 ? json_q[q] : table_q[q];
		nint = 1;
		nstr = 1;
		break;
	case ANKI_Q_CARDS:
		sql = cards_q;
		nint = 13;
		nstr = 3;
		break;
	case ANKI_Q_REVLOG:
		sql = revlog_q;
		nint = 5;
		nstr = 0;
		break;
	default:
		return fail(cause, "unknown query");
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->h, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(cause, "the collection is damaged or of an unexpected shape (%s)",
		            sqlite3_errmsg(s->h));
	int rc;
	struct anki_row r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		if (q == ANKI_Q_NOTETYPES) {
			/* id, name, kind, config */
			r.i[0] = sqlite3_column_int64(st, 0);
			r.s[0] = (const char *)sqlite3_column_text(st, 1);
			r.i[1] = sqlite3_column_int64(st, 2);
			blobcol = 3;
		} else {
			for (int k = 0; k < nint; k++)
				r.i[k] = sqlite3_column_int64(st, k);
			for (int k = 0; k < nstr; k++)
				r.s[k] = (const char *)sqlite3_column_text(st, nint + k);
		}
		if (blobcol >= 0 && sqlite3_column_type(st, blobcol) != SQLITE_NULL) {
			r.blob = sqlite3_column_blob(st, blobcol);
			r.nblob = (size_t)sqlite3_column_bytes(st, blobcol);
		}
		for (int k = 0; k < 4; k++)
			if (r.s[k] == NULL && !(q == ANKI_Q_TEMPLATES && s->schema >= 15 && k > 0))
				r.s[k] = "";
		int v = fn(ctx, &r);
		if (v != 0) {
			sqlite3_finalize(st);
			return v;
		}
	}
	if (rc != SQLITE_DONE) {
		const char *m = sqlite3_errmsg(s->h);
		fail(cause, "the collection is damaged (%s)", m);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

static int64_t
count(struct anki_src *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	if (sqlite3_prepare_v2(s->h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int64_t
anki_src_count_cards(struct anki_src *s)
{
	return count(s, "SELECT count(*) FROM cards");
}

int64_t
anki_src_count_revlog(struct anki_src *s)
{
	return count(s, "SELECT count(*) FROM revlog");
}

int64_t
anki_src_count_cardless_notes(struct anki_src *s)
{
	/* NOT IN builds a temporary index of the cards' notes: a package
	 * need not have Anki's index on cards.nid. */
	return count(s, "SELECT count(*) FROM notes WHERE id NOT IN "
	                "(SELECT nid FROM cards WHERE nid IS NOT NULL)");
}

/* ---- writing ----------------------------------------------------------- */

struct anki_out {
	sqlite3 *h;
	sqlite3_stmt *note, *card, *rev;
	char *err;
	char *path;
};

/* Anki's schema 11, as Anki 2.1 creates it. */
static const char schema11[] =
        "CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, "
        "scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, "
        "ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL, "
        "dconf text NOT NULL, tags text NOT NULL);\n"
        "CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, "
        "mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, "
        "sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, "
        "data text NOT NULL);\n"
        "CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, "
        "ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, "
        "queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, "
        "factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, "
        "left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, "
        "flags integer NOT NULL, data text NOT NULL);\n"
        "CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, "
        "ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, "
        "factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);\n"
        "CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);\n"
        "CREATE INDEX ix_notes_usn ON notes (usn);\n"
        "CREATE INDEX ix_cards_usn ON cards (usn);\n"
        "CREATE INDEX ix_revlog_usn ON revlog (usn);\n"
        "CREATE INDEX ix_cards_nid ON cards (nid);\n"
        "CREATE INDEX ix_cards_sched ON cards (did, queue, due);\n"
        "CREATE INDEX ix_revlog_cid ON revlog (cid);\n"
        "CREATE INDEX ix_notes_csum ON notes (csum);\n";

static void
out_err(struct anki_out *o)
{
	if (o->err == NULL)
		o->err = xprintf("cannot write the collection: %s", sqlite3_errmsg(o->h));
}

struct anki_out *
anki_out_create(const char *path, char **cause)
{
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		fail(cause, "cannot create %s: %s", path, h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return NULL;
	}
	char *err = NULL;
	if (sqlite3_exec(h,
	                 "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
	                 "PRAGMA page_size = 4096; BEGIN;",
	                 NULL, NULL, &err) != SQLITE_OK ||
	    sqlite3_exec(h, schema11, NULL, NULL, &err) != SQLITE_OK) {
		fail(cause, "cannot create %s: %s", path, err ? err : sqlite3_errmsg(h));
		sqlite3_free(err);
		sqlite3_close(h);
		return NULL;
	}
	struct anki_out *o = xcalloc(1, sizeof *o);
	o->h = h;
	o->path = xstrdup(path);
	if (sqlite3_prepare_v2(h, "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')",
	                       -1, &o->note, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h,
	                       "INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, "
	                       "?, ?, 0, 0, 0, ?)",
	                       -1, &o->card, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)", -1,
	                       &o->rev, NULL) != SQLITE_OK)
		out_err(o);
	return o;
}

void
anki_out_col(struct anki_out *o, int64_t crt, int64_t mod, const char *conf, const char *models,
             const char *decks, const char *dconf)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(o->h,
	                       "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, "
	                       "?, '{}')",
	                       -1, &st, NULL) != SQLITE_OK) {
		out_err(o);
		return;
	}
	sqlite3_bind_int64(st, 1, crt);
	sqlite3_bind_int64(st, 2, mod);
	sqlite3_bind_int64(st, 3, mod);
	sqlite3_bind_text(st, 4, conf, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, models, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, decks, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, dconf, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		out_err(o);
	sqlite3_finalize(st);
}

static void
run(struct anki_out *o, sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	if (sqlite3_step(st) != SQLITE_DONE)
		out_err(o);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

void
anki_out_note(struct anki_out *o, int64_t id, const char *guid, int64_t mid, int64_t mod,
              const char *tags, const char *flds, const char *sfld, int64_t csum)
{
	if (o->note == NULL)
		return;
	sqlite3_bind_int64(o->note, 1, id);
	sqlite3_bind_text(o->note, 2, guid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(o->note, 3, mid);
	sqlite3_bind_int64(o->note, 4, mod);
	sqlite3_bind_text(o->note, 5, tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(o->note, 6, flds, -1, SQLITE_STATIC);
	sqlite3_bind_text(o->note, 7, sfld, -1, SQLITE_STATIC);
	sqlite3_bind_int64(o->note, 8, csum);
	run(o, o->note);
}

void
anki_out_card(struct anki_out *o, const int64_t v[13], const char *data)
{
	if (o->card == NULL)
		return;
	for (int k = 0; k < 13; k++)
		sqlite3_bind_int64(o->card, k + 1, v[k]);
	sqlite3_bind_text(o->card, 14, data, -1, SQLITE_STATIC);
	run(o, o->card);
}

void
anki_out_revlog(struct anki_out *o, const int64_t v[8])
{
	if (o->rev == NULL)
		return;
	for (int k = 0; k < 8; k++)
		sqlite3_bind_int64(o->rev, k + 1, v[k]);
	run(o, o->rev);
}

int
anki_out_finish(struct anki_out *o, char **cause)
{
	sqlite3_finalize(o->note);
	sqlite3_finalize(o->card);
	sqlite3_finalize(o->rev);
	if (o->err == NULL && sqlite3_exec(o->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		out_err(o);
	if (sqlite3_close(o->h) != SQLITE_OK && o->err == NULL)
		o->err = xprintf("cannot close %s", o->path);
	int rc = 0;
	if (o->err) {
		rc = fail(cause, "%s", o->err);
		free(o->err);
	}
	free(o->path);
	free(o);
	return rc;
}
