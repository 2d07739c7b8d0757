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

static int
cmd_export_ical(struct cmd *c)
{
	const char *out = arg_str(c, "--out");
	if (out != NULL && *out == '\0')
		return cli_usage(c, "--out needs a file name");

	struct db *db = cli_db(c);
	struct ical_counts n;
	char *text = ical_export(db, now_unix(), &n);
	if (n.days + n.mocks + n.targets == 0) {
		free(text);
		return cli_error(
		        "nothing to export: no study plan is running and no mock rounds "
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
	fprintf(stderr, "%d plan day%s, %d mock round%s and %d interview%s written to %s\n", n.days,
	        n.days == 1 ? "" : "s", n.mocks, n.mocks == 1 ? "" : "s", n.targets,
	        n.targets == 1 ? "" : "s", out);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_export_ical_entry = {
	.name = "ical", .args = "[--out FILE]",
	.summary = "the plan's days, mock rounds and interviews as an iCalendar file",
	.opts = (const struct cmd_opt[]){
		{ .name = "--out", .type = OPT_STR, .arg = "FILE", .need = "a file name", .kind = ARG_FILE },
		{ NULL },
	},
	.exec = cmd_export_ical,
};
/* clang-format on */
