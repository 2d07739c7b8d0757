/* jd_analyze(text, len) reads only text[0, len): each posting here ends
 * exactly at the end of a readable page, with an unreadable page after
 * it, so a read past len (a strstr or strncmp that looks for a NUL) stops
 * the test with SIGSEGV instead of passing by luck. The postings end in
 * the places such reads hid: an unclosed bold lead, a risky word before
 * the end, a bullet's last character. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"
#include "db.h"
#include "import.h"
#include "jd.h"
#include "util.h"

static const char vocabulary[] =
	"kind: vocabulary\n"
	"id: v\n"
	"title: V\n"
	"terms:\n"
	"  - id: python\n"
	"    name: Python\n"
	"    category: technical\n"
	"  - id: go\n"
	"    name: Go\n"
	"    category: technical\n"
	"    synonyms: [Golang]\n"
	"  - id: rust\n"
	"    name: Rust\n"
	"    category: technical\n"
	"  - id: ml\n"
	"    name: Machine learning\n"
	"    category: technical\n"
	"    synonyms: [ML]\n";

/* Analyses text placed so that its last byte is the last readable one. */
static int
analyze_at_edge(struct db *db, const char *text, struct jd_result *r)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), n = strlen(text);
	if (n > page)
		return -2;
	char *mem = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	                 -1, 0);
	if (mem == MAP_FAILED)
		return -2;
	mprotect(mem + page, page, PROT_NONE);
	char *buf = mem + page - n;
	memcpy(buf, text, n);
	char *cause = NULL;
	int rc = jd_analyze(db, buf, n, r, &cause);
	free(cause);
	munmap(mem, 2 * page);
	return rc;
}

int
main(void)
{
	char dir[256];
	snprintf(dir, sizeof dir, "%s/prepdeck-jdbounds-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 99;
	char *path = xprintf("%s/p.db", dir), *yaml = xprintf("%s/v.yaml", dir);
	FILE *f = fopen(yaml, "w");
	fputs(vocabulary, f);
	fclose(f);
	char *cause = NULL;
	struct db *db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	CHECK(db != NULL);
	if (db == NULL)
		return check_done();
	struct import_stats st;
	char *paths[] = { yaml };
	CHECK_INT(import_paths(db, paths, 1, &st, stderr), 0);

	static const struct {
		const char *text;
		const char *skill;   /* found, or NULL */
	} t[] = {
		{ "Engineer\n\n- **Python", "python" },       /* bold lead never closed */
		{ "Engineer\n\n- **Python**", "python" },
		{ "Engineer\n\n- **Python *", "python" },
		{ "Engineer\n\n- *", NULL },
		{ "Engineer\n\nGo", NULL },                   /* risky word, sentence start */
		{ "Engineer\n\nGo an", NULL },                /* "and " cut by the end */
		{ "Engineer\n\nGo o", NULL },                 /* "or " cut by the end */
		{ "Engineer\n\nGo and", NULL },
		{ "Engineer\n\nWe use Rust", "rust" },
		{ "Engineer\n\n- Drive ML:", "ml" },          /* a lead's colon at the end */
		{ "Engineer\n\n- ML.", "ml" },
		{ "Engineer\n\n1.", NULL },
		{ "Engineer\n\nPython.", "python" },
		{ "Engineer\n\n#", NULL },
		{ "\xef\xbb\xbf", NULL },                     /* a BOM alone */
		{ "ML", "ml" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct jd_result r;
		int rc = analyze_at_edge(db, t[i].text, &r);
		if (rc == -2) {
			CHECK(!"cannot map a guard page");
			continue;
		}
		int found = 0;
		for (size_t k = 0; rc == 0 && k < r.nskills; k++)
			found |= t[i].skill && strcmp(r.skills[k].vocab_id, t[i].skill) == 0;
		if (t[i].skill) {
			CHECK_INT(rc, 0);
			if (!found)
				fprintf(stderr, "case %zu: '%s' not found\n", i, t[i].skill);
			CHECK(found);
		}
		if (rc == 0)
			jd_result_free(&r);
	}
	db_close(db);
	char *cmd = xprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
	free(path);
	free(yaml);
	return check_done();
}
