/* `prepdeck lint` (cli_lint.c). */
#ifndef PREPDECK_CLI_LINT_H
#define PREPDECK_CLI_LINT_H

#include "cmd.h"

extern const struct cmd_entry cmd_lint_entry;

#endif
