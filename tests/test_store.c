/* Unit tests of store_open, the one way both front ends open the
 * database: where the path comes from (flag > $PREPDECK_DB >
 * $XDG_DATA_HOME > ~/.local/share), the private directory it makes, the
 * lock of an interactive session, the first import of the bundled
 * curriculum (once, and refused whole when it has errors), and a
 * read-only opening that never creates a file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "store.h"
#include "util.h"

static char tmp[256];

static int
exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

/* Opens with the given flag path, checks it opened, returns the path the
 * store uses (caller frees). */
static char *
opened_path(const char *flag)
{
	struct store_request req = { .path = flag, .access = STORE_WRITE };
	char *cause = NULL;
	struct store *s = store_open(&req, &cause);
	CHECK(s != NULL);
	if (s == NULL) {
		fprintf(stderr, "store_open: %s\n", cause);
		free(cause);
		return xstrdup("");
	}
	char *path = xstrdup(db_path(store_db(s)));
	store_close(s);
	return path;
}

static void
test_path_order(void)
{
	char *home = xprintf("%s/home", tmp), *xdg = xprintf("%s/xdg", tmp);
	char *env = xprintf("%s/env/p.db", tmp), *flag = xprintf("%s/flag/p.db", tmp);
	mkdir(home, 0700);
	setenv("HOME", home, 1);
	unsetenv("PREPDECK_DB");
	unsetenv("XDG_DATA_HOME");
	char *want = xprintf("%s/.local/share/prepdeck/prepdeck.db", home), *got = opened_path(NULL);
	CHECK_STR(got, want);
	free(got);
	free(want);
	/* The directories made on the way are private. */
	char *dir = xprintf("%s/.local/share/prepdeck", home);
	struct stat st;
	CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
	free(dir);

	setenv("XDG_DATA_HOME", "relative/xdg", 1);   /* only an absolute one counts */
	want = xprintf("%s/.local/share/prepdeck/prepdeck.db", home);
	got = opened_path(NULL);
	CHECK_STR(got, want);
	free(got);
	free(want);
	setenv("XDG_DATA_HOME", xdg, 1);
	want = xprintf("%s/prepdeck/prepdeck.db", xdg);
	got = opened_path(NULL);
	CHECK_STR(got, want);
	free(got);
	free(want);
	setenv("PREPDECK_DB", env, 1);
	got = opened_path(NULL);
	CHECK_STR(got, env);
	free(got);
	got = opened_path(flag);
	CHECK_STR(got, flag);
	free(got);
	unsetenv("PREPDECK_DB");
	unsetenv("XDG_DATA_HOME");
	free(home);
	free(xdg);
	free(env);
	free(flag);
}

static void
test_read_never_creates(void)
{
	char *path = xprintf("%s/none/p.db", tmp);
	struct store_request req = { .path = path, .access = STORE_READ };
	char *cause = NULL;
	CHECK(store_open(&req, &cause) == NULL);
	CHECK(cause == NULL);
	CHECK(!exists(path));
	/* Once it exists, it opens for reading. */
	free(opened_path(path));
	struct store *s = store_open(&req, &cause);
	CHECK(s != NULL);
	store_close(s);
	free(path);
}

static void
test_lock(void)
{
	char *path = xprintf("%s/lock/p.db", tmp);
	struct store_request req = { .path = path, .access = STORE_WRITE, .lock = 1 };
	char *cause = NULL;
	struct store *a = store_open(&req, &cause);
	CHECK(a != NULL);
	struct store *b = store_open(&req, &cause);
	CHECK(b == NULL);
	CHECK(cause != NULL && strstr(cause, "already running") != NULL);
	free(cause);
	cause = NULL;
	/* A command that takes no lock still opens it. */
	struct store_request plain = { .path = path, .access = STORE_WRITE };
	struct store *c = store_open(&plain, &cause);
	CHECK(c != NULL);
	store_close(c);
	store_close(a);
	b = store_open(&req, &cause);
	CHECK(b != NULL);
	store_close(b);
	free(path);
}

static void
test_first_import(void)
{
	char *content = xprintf("%s/content", tmp), *deck = xprintf("%s/deck.yaml", content);
	mkdir(content, 0700);
	setenv("PREPDECK_CONTENT", content, 1);
	write_file(deck, "kind: deck\nid: first\ntitle: First\ncards:\n"
	           "  - id: one\n    q: Q\n    a: A\n");
	char *path = xprintf("%s/import/p.db", tmp);
	struct store_request req = { .path = path, .access = STORE_WRITE };
	char *cause = NULL;
	struct store *s = store_open(&req, &cause);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_INT(db_int(store_db(s), -1, "SELECT count(*) FROM card", ""), 1);
		char *done = db_setting(store_db(s), "bundled_imported");
		CHECK_STR(done, "1");
		free(done);
		store_close(s);
	}
	/* Once: a card added to the curriculum later waits for `import`. */
	write_file(deck, "kind: deck\nid: first\ntitle: First\ncards:\n"
	           "  - id: one\n    q: Q\n    a: A\n"
	           "  - id: two\n    q: Q2\n    a: A2\n");
	s = store_open(&req, &cause);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_INT(db_int(store_db(s), -1, "SELECT count(*) FROM card", ""), 1);
		store_close(s);
	}

	/* A curriculum with a mistake: nothing opens, the mistake is shown
	 * as file:line:column, and the next start tries again. */
	write_file(deck, "kind: deck\nid: first\ntitle: First\ncards:\n  - id: one\n    q: Q\n");
	char *bad = xprintf("%s/bad/p.db", tmp), *diags = xprintf("%s/diags", tmp);
	FILE *df = fopen(diags, "w+");
	struct store_request breq = { .path = bad, .access = STORE_WRITE, .diags = df };
	s = store_open(&breq, &cause);
	CHECK(s == NULL);
	CHECK(cause != NULL && strstr(cause, "bundled curriculum has errors") != NULL);
	free(cause);
	cause = NULL;
	fflush(df);
	rewind(df);
	char line[512] = "";
	CHECK(fgets(line, sizeof line, df) != NULL && strstr(line, "deck.yaml:") != NULL);
	fclose(df);
	write_file(deck, "kind: deck\nid: first\ntitle: First\ncards:\n"
	           "  - id: one\n    q: Q\n    a: A\n");
	s = store_open(&breq, &cause);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_INT(db_int(store_db(s), -1, "SELECT count(*) FROM card", ""), 1);
		store_close(s);
	}
	unsetenv("PREPDECK_CONTENT");
	free(content);
	free(deck);
	free(path);
	free(bad);
	free(diags);
}

int
main(void)
{
	snprintf(tmp, sizeof tmp, "%s/prepdeck-store-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmp) == NULL)
		return 1;
	/* The bundled curriculum of these tests: one small deck. */
	char *base = xprintf("%s/base", tmp), *file = xprintf("%s/base/base.yaml", tmp);
	mkdir(base, 0700);
	write_file(file, "kind: deck\nid: base\ntitle: Base\ncards:\n  - id: b\n    q: Q\n    a: A\n");
	setenv("PREPDECK_CONTENT", base, 1);
	test_path_order();
	test_read_never_creates();
	test_lock();
	test_first_import();
	free(base);
	free(file);
	char *rm = xprintf("rm -rf '%s'", tmp);
	if (system(rm) != 0)
		fprintf(stderr, "could not remove %s\n", tmp);
	free(rm);
	return check_done();
}
