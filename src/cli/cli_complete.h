/* Shell completions (cli_complete.c): the scripts written from the
 * command table, and the hidden command that lists ids for them. */
#ifndef PREPDECK_CLI_COMPLETE_H
#define PREPDECK_CLI_COMPLETE_H

#include <stdio.h>

#include "cmd.h"

/* `prepdeck complete deck|story|map|card [PREFIX]` (hidden). */
extern const struct cmd_entry cmd_complete_entry;

/* The bash and zsh completion scripts for the commands of table. */
void complete_bash(FILE *fp, const struct cmd_entry *const *table);
void complete_zsh(FILE *fp, const struct cmd_entry *const *table);

#endif
