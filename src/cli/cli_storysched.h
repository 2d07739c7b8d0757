/* Spaced story rehearsal on the command line (cli_storysched.c):
 * `stories due` and the schedule line of `stories show`. */
#ifndef PREPDECK_CLI_STORYSCHED_H
#define PREPDECK_CLI_STORYSCHED_H

#include "cli.h"

/* `stories due [--json]`; argv[0] is "stories", argv[1] "due". */
int cli_stories_due(struct cli *c, int argc, char **argv);

/* Prints "next rehearsal: ..." for story id (for `stories show`). */
void cli_storysched_show(struct db *db, const char *id);

#endif
