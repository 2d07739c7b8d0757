/* The memory-model commands (cli_memory.c). */
#ifndef PREPDECK_CLI_MEMORY_H
#define PREPDECK_CLI_MEMORY_H

#include "cli.h"

int cmd_optimize(struct cli *c, int argc, char **argv);
int cmd_simulate(struct cli *c, int argc, char **argv);
int cmd_retention(struct cli *c, int argc, char **argv);

#endif
