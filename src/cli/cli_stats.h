/* Mock-round scorecards and progress statistics (cli_stats.c). */
#ifndef PREPDECK_CLI_STATS_H
#define PREPDECK_CLI_STATS_H

#include "cmd.h"

extern const struct cmd_entry cmd_mock_entry, cmd_stats_entry;

#endif
