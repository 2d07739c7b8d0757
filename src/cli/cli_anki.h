/* `prepdeck anki import|export` (cli_anki.c). */
#ifndef PREPDECK_CLI_ANKI_H
#define PREPDECK_CLI_ANKI_H

#include "cmd.h"

extern const struct cmd_entry cmd_anki_entry;

#endif
