/* libFuzzer harness: any bytes, in a buffer of exactly their length with
 * no NUL after it, given to jd_analyze against the bundled vocabulary
 * must give a result or a message, never a read past the end, a crash, a
 * hang or a leak. Run from the source tree (the curriculum is read from
 * content/ there, or from $PREPDECK_CONTENT). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "import.h"
#include "jd.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db *db;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("PREPDECK_CONTENT", getenv("PREPDECK_CONTENT") ? getenv("PREPDECK_CONTENT")
	       : "content", 1);
	static char dir[] = "/tmp/prepdeck-fuzz-jd-XXXXXX";
	if (mkdtemp(dir) == NULL)
		abort();
	char *path = xprintf("%s/fuzz.db", dir);
	char *cause = NULL;
	db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	if (db == NULL) {
		fprintf(stderr, "fuzz_jd: %s\n", cause);
		abort();
	}
	struct import_stats st;
	if (import_paths(db, NULL, 0, &st, stderr) != 0)
		abort();
	free(path);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Exactly size bytes: AddressSanitizer catches a read of text[len]. */
	char *text = malloc(size ? size : 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	struct jd_result res;
	char *cause = NULL;
	if (jd_analyze(db, text, size, &res, &cause) == 0) {
		for (size_t i = 0; i < res.nskills; i++)
			if (res.skills[i].mentions < 1 || !(res.skills[i].weight >= 0.3 - 1e-9))
				abort();
	} else if (cause == NULL) {
		abort();
	}
	jd_result_free(&res);
	free(cause);
	free(text);
	return 0;
}
