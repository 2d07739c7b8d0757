/* libFuzzer harness: any bytes on the standard input of `prepdeck replay`
 * must give rows or a `line N: message`, never a crash, hang or leak. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	FILE *in = fmemopen((void *)data, size, "r");
	FILE *out = fopen("/dev/null", "w"), *err = fopen("/dev/null", "w");
	if (in && out && err) {
		int rc = replay_run(in, out, err, 0.9);
		if (rc != 0 && rc != 1)
			abort();
	}
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	if (err)
		fclose(err);
	return 0;
}
