/* Interview dates and cram practice (cli_target.c). */
#ifndef PREPDECK_CLI_TARGET_H
#define PREPDECK_CLI_TARGET_H

#include "cmd.h"

extern const struct cmd_entry cmd_target_entry, cmd_cram_entry;

#endif
