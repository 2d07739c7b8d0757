/* libFuzzer harness for the Anki package reader: any bytes, as a
 * package; the collection it picks is extracted (to a private temporary
 * file, removed again) and its meta entry parsed. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "anki_pkg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anki_pkg pkg;
	char *cause = NULL;
	if (anki_pkg_open(NULL, data, size, &pkg, NULL, NULL, &cause) == 0)
		anki_pkg_close(&pkg);
	free(cause);
	return 0;
}
