/* Commands of the skills-gap map: gapmap, jd, export gapmap (cli_gap.c). */
#ifndef PREPDECK_CLI_GAP_H
#define PREPDECK_CLI_GAP_H

#include "cmd.h"

extern const struct cmd_entry cmd_gapmap_entry, cmd_jd_entry, cmd_export_gapmap_entry;

#endif
