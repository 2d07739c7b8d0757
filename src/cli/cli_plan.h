/* The `plan` and `checklist` commands (cli_plan.c). */
#ifndef PREPDECK_CLI_PLAN_H
#define PREPDECK_CLI_PLAN_H

#include "cli.h"

int cli_plan(struct cli *c, int argc, char **argv);
int cli_checklist(struct cli *c, int argc, char **argv);

#endif
