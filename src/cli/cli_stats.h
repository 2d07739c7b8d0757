/* Command-line commands for mock-round scorecards and progress stats,
 * listed in the table in cli.c. */
#ifndef PREPDECK_CLI_STATS_H
#define PREPDECK_CLI_STATS_H

#include "cli.h"

/* prepdeck mock record|list|show|delete|rubrics ... */
int cli_mock(struct cli *c, int argc, char **argv);
/* prepdeck stats [--json] */
int cli_stats(struct cli *c, int argc, char **argv);

#endif
