/* The `plan` and `checklist` commands (cli_plan.c). */
#ifndef PREPDECK_CLI_PLAN_H
#define PREPDECK_CLI_PLAN_H

#include "cmd.h"

extern const struct cmd_entry cmd_plan_entry, cmd_checklist_entry;

#endif
