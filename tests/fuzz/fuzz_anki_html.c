/* libFuzzer harness for the Anki HTML cleaner: any bytes, as a field. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "anki_html.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	struct anki_html_counts n = { 0, 0 };
	char *cause = NULL;
	char *out = anki_html_clean(s, &n, &cause);
	if (out) {
		/* And back through the writer, as an export would. */
		char *h = anki_html_from_markup(out);
		free(h);
	}
	free(out);
	free(cause);
	free(s);
	return 0;
}
