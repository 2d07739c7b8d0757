/* The memory-model commands (cli_memory.c): optimize, simulate,
 * retention. */
#ifndef PREPDECK_CLI_MEMORY_H
#define PREPDECK_CLI_MEMORY_H

#include "cmd.h"

extern const struct cmd_entry cmd_optimize_entry, cmd_simulate_entry, cmd_retention_entry;

#endif
