/* `prepdeck anki import|export` (cli_anki.c). */
#ifndef PREPDECK_CLI_ANKI_H
#define PREPDECK_CLI_ANKI_H

#include "cli.h"

int cli_anki(struct cli *c, int argc, char **argv);

#endif
