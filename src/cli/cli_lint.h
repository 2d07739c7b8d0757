/* `prepdeck lint` (cli_lint.c). */
#ifndef PREPDECK_CLI_LINT_H
#define PREPDECK_CLI_LINT_H

#include "cli.h"

int cli_lint(struct cli *c, int argc, char **argv);

#endif
