/* `prepdeck export ical`: the study plan's days, the mock rounds and the
 * interviews as an iCalendar file, on standard output or written whole
 * to a file (see doc/ical.md). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_ical.h"
#include "ical.h"
#include "outfile.h"
#include "util.h"

int
cli_export_ical(struct cli *c, int argc, char **argv)
{
	const char *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (cli_flag(argv, i, "--out")) {
			if (i + 1 >= argc)
				return cli_usage("export", "--out needs a file name");
			out = argv[++i];
		} else if (cli_isopt(argv, i) && str_prefix(argv[i], "--out=")) {
			out = argv[i] + 6;
		} else {
			return cli_usage("export", "export ical: unknown argument '%s'", argv[i]);
		}
	}
	if (out != NULL && *out == '\0')
		return cli_usage("export", "--out needs a file name");

	struct db *db = cli_db(c);
	struct ical_counts n;
	char *text = ical_export(db, now_unix(), &n);
	if (n.days + n.mocks + n.targets == 0) {
		free(text);
		return cli_error("nothing to export: no study plan is running and no mock rounds "
		                 "or interviews are recorded (see prepdeck help plan, mock, target)");
	}
	struct outfile of;
	char *cause = NULL;
	if (outfile_open(&of, out, &cause) != 0) {
		free(text);
		return cli_cause(cause);
	}
	fputs(text, of.fp);
	free(text);
	int to_file = of.path != NULL;
	if (outfile_commit(&of, &cause) != 0)
		return cli_cause(cause);
	if (!to_file)
		return EXIT_OK;
	fprintf(stderr, "%d plan day%s, %d mock round%s and %d interview%s written to %s\n",
	        n.days, n.days == 1 ? "" : "s", n.mocks, n.mocks == 1 ? "" : "s",
	        n.targets, n.targets == 1 ? "" : "s", out);
	return EXIT_OK;
}
