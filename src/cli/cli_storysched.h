/* Spaced story rehearsal on the command line (cli_storysched.c):
 * `stories due` and the schedule line of `stories show`. */
#ifndef PREPDECK_CLI_STORYSCHED_H
#define PREPDECK_CLI_STORYSCHED_H

#include "cmd.h"

/* `stories due [--json]`. */
extern const struct cmd_entry cmd_stories_due_entry;

/* Prints "next rehearsal: ..." for story id (for `stories show`). */
void cli_storysched_show(struct db *db, const char *id);

#endif
