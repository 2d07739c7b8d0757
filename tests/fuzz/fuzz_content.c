/* libFuzzer harness: any bytes given to the content checker must give
 * diagnostics or a clean run, never a crash, hang or leak. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content_run *run = content_load_buffer("fuzz.yaml", (const char *)data,
	                                              size, NULL, NULL);
	content_free(run);
	return 0;
}
