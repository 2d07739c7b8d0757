/* Curriculum files and the database as a whole: import, check, status
 * (cli_content.c). */
#ifndef PREPDECK_CLI_CONTENT_H
#define PREPDECK_CLI_CONTENT_H

#include "cmd.h"

extern const struct cmd_entry cmd_import_entry, cmd_check_entry, cmd_status_entry;

#endif
