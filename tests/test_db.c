/* Unit tests of the database layer and the importer: creation and
 * permissions, migrations, idempotent import, edits that keep history,
 * retirement, user edits that survive re-import, refusing damaged or
 * foreign files, and what a bulk write changes and restores. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "content.h"
#include "db.h"
#include "import.h"
#include "util.h"

static char tmpdir[256];

/* Imports text as the in-memory file `name`; returns the stats. */
static struct import_stats
import_text(struct db *db, const char *name, const char *text)
{
	struct import_stats st = { .written = -1, .retired = -1, .kept = -1 };
	struct content_run *run = content_load_buffer(name, text, strlen(text),
	                                              import_lookup, db);
	CHECK_INT(run->diags.n, 0);
	if (run->diags.n == 0)
		import_run(db, run, &st);
	else
		diags_print(&run->diags, stderr);
	content_free(run);
	return st;
}

/* A text dump of every content table, to compare whole states. */
static char *
dump(struct db *db)
{
	static const char *const q[] = {
		"SELECT group_concat(id || kind || title || retired, '|') FROM doc",
		"SELECT group_concat(key || front || back || tags || retired, '|') FROM card",
		"SELECT group_concat(map_id || name || evidence || ifnull(confidence, '-') || retired, '|') FROM gap_row",
		"SELECT group_concat(checklist_id || item_id || text || retired, '|') FROM checklist_item",
	};
	struct sbuf b = { 0 };
	sbuf_add(&b, "");
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		char *t = db_text(db, q[i], "");
		sbuf_addf(&b, "%s\n", t ? t : "");
		free(t);
	}
	return sbuf_take(&b);
}

static const char deck_v1[] =
	"kind: deck\nid: d\ntitle: Deck\ncards:\n"
	"  - {id: a, q: What is A?, a: Alpha}\n"
	"  - {id: b, q: What is B?, a: Beta}\n"
	"  - {id: c, cloze: 'X is {{c1::x}} and {{c2::y}}'}\n"
	"---\nkind: skillmap\nid: m\ntitle: Map\nskills:\n"
	"  - {id: rag, name: RAG, category: technical, evidence: 'bundled text', confidence: 2}\n"
	"---\nkind: checklist\nid: night\ntitle: Night\nitems:\n"
	"  - {id: sleep, text: Sleep}\n";

static char *
journal(struct db *db)
{
	return db_text(db, "PRAGMA journal_mode", "");
}

/* Around a bulk write: the rollback journal only while the file is the
 * write's alone, WAL again afterwards; indexes dropped and made again. */
static void
test_bulk(void)
{
	char *path = xprintf("%s/bulk.db", tmpdir);
	struct db *db = db_open(path, DB_OPEN_CREATE, NULL, NULL);
	db_exec(db, "INSERT INTO doc(id, kind, title, src) VALUES ('d', 'deck', 'D', 't')", "");
	db_exec(db, "INSERT INTO card(key, note_id, deck_id, kind, front, back, src) "
	        "VALUES ('k', 'k', 'd', 'basic', 'F', 'B', 't')", "");
	const char *nix = "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'review_log' "
	                  "AND type = 'index'";

	CHECK_INT(db_bulk_begin(db), 1);
	char *j = journal(db);
	CHECK_STR(j, "delete");
	free(j);
	db_begin(db);
	struct db_dropped *ix = db_indexes_drop(db, "review_log");
	CHECK_INT(db_int(db, 0, nix, ""), 0);
	db_exec(db, "INSERT INTO review_log(card_key, reviewed_at, rating) VALUES ('k', 2, 3)", "");
	db_dropped_restore(db, ix);
	CHECK_INT(db_int(db, 0, nix, ""), 2);
	db_commit(db);
	db_bulk_end(db);
	j = journal(db);
	CHECK_STR(j, "wal");
	free(j);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM review_log", ""), 1);

	/* A write rolled back leaves the indexes as they were. */
	db_begin(db);
	ix = db_indexes_drop(db, "review_log");
	db_dropped_restore(db, ix);
	db_rollback(db);
	CHECK_INT(db_int(db, 0, nix, ""), 2);
	j = db_text(db, "PRAGMA integrity_check", "");
	CHECK_STR(j, "ok");
	free(j);

	/* Another connection reading the file: the WAL stays, at once. */
	struct db *other = db_open(path, 0, NULL, NULL);
	CHECK_INT(db_int(other, 0, "SELECT count(*) FROM card", ""), 1);
	CHECK_INT(db_bulk_begin(db), 0);
	j = journal(db);
	CHECK_STR(j, "wal");
	free(j);
	db_close(other);
	/* Not inside a transaction. */
	db_begin(db);
	CHECK_INT(db_bulk_begin(db), 0);
	db_rollback(db);
	db_close(db);
	free(path);
}

int
main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/prepdeck-dbtest-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return 99;
	char *path = xprintf("%s/sub/dir/p.db", tmpdir);
	char *cause = NULL;
	int created = 0;

	struct db *db = db_open(path, DB_OPEN_CREATE, &created, &cause);
	CHECK(db != NULL);
	if (db == NULL) {
		fprintf(stderr, "%s\n", cause);
		return check_done();
	}
	CHECK_INT(created, 1);
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	char *dir = xprintf("%s/sub/dir", tmpdir);
	CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
	free(dir);
	CHECK_INT(db_int(db, 0, "PRAGMA user_version", ""), DB_SCHEMA_VERSION);
	char *jm = db_text(db, "PRAGMA journal_mode", "");
	CHECK_STR(jm, "wal");
	free(jm);
	CHECK_INT(db_int(db, 0, "PRAGMA foreign_keys", ""), 1);

	/* Settings round trip. */
	db_set_setting(db, "retention", "0.9");
	db_set_setting(db, "retention", "0.85");
	char *v = db_setting(db, "retention");
	CHECK_STR(v, "0.85");
	free(v);
	CHECK(db_setting(db, "nope") == NULL);

	/* Nested transactions: the inner commit does not end the outer one. */
	db_begin(db);
	db_begin(db);
	db_set_setting(db, "k", "1");
	db_commit(db);
	db_rollback(db);
	CHECK(db_setting(db, "k") == NULL);

	/* First import. */
	struct import_stats s = import_text(db, "mem/a.yaml", deck_v1);
	CHECK(s.written > 0);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM card WHERE retired = 0", ""), 4);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM card WHERE deck_id = 'd' AND kind = 'cloze'", ""), 2);

	/* The user reviews card a, edits the gap map and writes a story. */
	db_exec(db, "INSERT INTO card_state(key, state, due, stability, difficulty, reps) "
	        "VALUES ('a', 2, 1000, 3.5, 5.0, 1)", "");
	db_exec(db, "INSERT INTO review_log(card_key, reviewed_at, rating) VALUES ('a', 900, 3)", "");
	db_exec(db, "UPDATE gap_row SET evidence = 'my project', confidence = 4, edited = 1 "
	        "WHERE map_id = 'm' AND skill_id = 'rag'", "");
	db_exec(db, "INSERT INTO story(id, origin, title, situation) VALUES "
	        "('mine', 'user', 'My story', 'S')", "");
	char *before = dump(db);

	/* Importing the same text again changes nothing. */
	s = import_text(db, "mem/a.yaml", deck_v1);
	CHECK_INT(s.written, 0);
	CHECK_INT(s.retired, 0);
	char *after = dump(db);
	CHECK_STR(after, before);
	free(after);

	/* Edit a card's text: the text changes, the history stays. */
	char *v2 = xstrdup(deck_v1);
	char *p = strstr(v2, "Alpha");
	memcpy(p, "ALPHA", 5);
	p = strstr(v2, "bundled text");
	memcpy(p, "BUNDLED TEXT", 12);
	s = import_text(db, "mem/a.yaml", v2);
	CHECK(s.written >= 1);
	char *back = db_text(db, "SELECT back FROM card WHERE key = 'a'", "");
	CHECK_STR(back, "ALPHA");
	free(back);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM review_log WHERE card_key = 'a'", ""), 1);
	CHECK_NEAR(db_double(db, 0, "SELECT stability FROM card_state WHERE key = 'a'", ""), 3.5, 1e-9);
	/* The user's gap-map edit survives the changed bundled evidence. */
	char *ev = db_text(db, "SELECT evidence FROM gap_row WHERE skill_id = 'rag'", "");
	CHECK_STR(ev, "my project");
	free(ev);
	CHECK_INT(db_int(db, 0, "SELECT confidence FROM gap_row WHERE skill_id = 'rag'", ""), 4);

	/* Remove card a and the checklist: retired, not deleted. */
	char *v3 = xstrdup(v2);
	p = strstr(v3, "  - {id: a,");
	char *nl = strchr(p, '\n');
	memmove(p, nl + 1, strlen(nl + 1) + 1);
	p = strstr(v3, "---\nkind: checklist");
	*p = '\0';
	s = import_text(db, "mem/a.yaml", v3);
	CHECK_INT(db_int(db, -1, "SELECT retired FROM card WHERE key = 'a'", ""), 1);
	CHECK_INT(db_int(db, -1, "SELECT retired FROM doc WHERE id = 'night'", ""), 1);
	CHECK_INT(db_int(db, -1, "SELECT retired FROM checklist_item WHERE item_id = 'sleep'", ""), 1);
	CHECK_INT(s.retired, 3);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM review_log WHERE card_key = 'a'", ""), 1);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM card_state WHERE key = 'a'", ""), 1);

	/* A file imported from elsewhere does not retire this one's items. */
	s = import_text(db, "other/b.yaml",
	                "kind: checklist\nid: other\ntitle: O\nitems: [{id: i, text: t}]\n");
	CHECK_INT(s.retired, 0);
	CHECK_INT(db_int(db, -1, "SELECT retired FROM card WHERE key = 'b'", ""), 0);

	/* Put card a back: it returns with its history. */
	s = import_text(db, "mem/a.yaml", v2);
	CHECK_INT(db_int(db, -1, "SELECT retired FROM card WHERE key = 'a'", ""), 0);
	CHECK_INT(db_int(db, 0, "SELECT reps FROM card_state WHERE key = 'a'", ""), 1);
	/* The user's own story is never touched. */
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM story WHERE id = 'mine' AND retired = 0", ""), 1);

	/* References resolve against the database across runs. */
	{
		const char *plan =
			"kind: plan\nid: p\ntitle: P\nweeks: [{week: 1, theme: T}]\ndays:\n"
			"  - {day: 1, title: A, tasks: [{id: a, text: x, deck: d, count: 5}]}\n"
			"  - {day: 2, title: A, tasks: [{id: b, text: x, checklist: other}]}\n"
			"  - {day: 3, title: A, tasks: [{id: c, text: x}]}\n"
			"  - {day: 4, title: A, tasks: [{id: d, text: x}]}\n"
			"  - {day: 5, title: A, tasks: [{id: e, text: x}]}\n"
			"  - {day: 6, title: A, tasks: [{id: f, text: x}]}\n"
			"  - {day: 7, title: A, tasks: [{id: g, text: x}]}\n";
		import_text(db, "mem/plan.yaml", plan);
		CHECK_INT(db_int(db, 0, "SELECT count FROM plan_task WHERE task_id = 'a'", ""), 5);
	}
	db_close(db);

	/* Reopening an existing database does not re-create or migrate it. */
	db = db_open(path, DB_OPEN_CREATE, &created, &cause);
	CHECK(db != NULL && created == 0);
	db_close(db);

	/* A database from a newer prepdeck is refused. */
	db = db_open(path, 0, NULL, &cause);
	db_exec(db, "PRAGMA user_version = 99", "");
	db_close(db);
	db = db_open(path, 0, NULL, &cause);
	CHECK(db == NULL);
	CHECK(cause && strstr(cause, "newer") != NULL);
	free(cause);
	cause = NULL;

	/* A file that is not a database gets a plain message. */
	char *junk = xprintf("%s/junk.db", tmpdir);
	FILE *f = fopen(junk, "w");
	for (int i = 0; i < 200; i++)
		fputs("this is not a database, just some text\n", f);
	fclose(f);
	db = db_open(junk, DB_OPEN_CREATE, NULL, &cause);
	CHECK(db == NULL);
	CHECK(cause && strstr(cause, "not a usable prepdeck database") != NULL);
	free(cause);
	cause = NULL;

	/* A missing file without CREATE, and a directory. */
	char *missing = xprintf("%s/none.db", tmpdir);
	CHECK(db_open(missing, 0, NULL, &cause) == NULL);
	free(cause);
	cause = NULL;
	CHECK(db_open(tmpdir, DB_OPEN_CREATE, NULL, &cause) == NULL);
	CHECK(cause && strstr(cause, "directory") != NULL);
	free(cause);

	test_bulk();

	free(before);
	free(v2);
	free(v3);
	free(junk);
	free(missing);
	char *rm = xprintf("rm -rf '%s'", tmpdir);
	if (system(rm) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(rm);
	free(path);
	return check_done();
}
