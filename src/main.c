#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "tui/app.h"

/* The command line runs first; a command that opens a screen (prepdeck
 * alone, review, cram, rehearse) leaves a start request, and the screens
 * run on the store it opened, or on one opened here with the lock of an
 * interactive session. */
int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Numbers are read and written the same in every locale: "0.90",
	 * never "0,90" (settings, exports, the strict parsers). */
	setlocale(LC_NUMERIC, "C");
	struct cli c = { 0 };
	int rc = cli_main(&c, argc, argv);
	if (rc == EXIT_OK && c.start.screen != START_NONE) {
		cli_raw_output();
		rc = tui_need_terminal();
		if (rc == EXIT_OK)
			cli_screen_store(&c);
		if (rc == EXIT_OK)
			rc = tui_main(c.store, &c.start);
	}
	store_close(c.store);
	start_request_clear(&c.start);
	return rc;
}
