#include "config.h"

#include <locale.h>

#include "cli.h"

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Numbers are read and written the same in every locale: "0.90",
	 * never "0,90" (settings, exports, the strict parsers). */
	setlocale(LC_NUMERIC, "C");
	return cli_main(argc, argv);
}
