/* Commands of the skills-gap map: gapmap, jd, export (cli_gap.c). */
#ifndef PREPDECK_CLI_GAP_H
#define PREPDECK_CLI_GAP_H

#include "cli.h"

int cmd_gapmap(struct cli *c, int argc, char **argv);
int cmd_jd(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);

#endif
