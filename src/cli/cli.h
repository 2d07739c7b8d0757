/* The command line's entry point (cli.c): main runs it first, then the
 * screen a command asks for. */
#ifndef PREPDECK_CLI_H
#define PREPDECK_CLI_H

#include "cmd.h"

/* Runs the command line on argv. A command that opens a screen returns
 * EXIT_OK with c->start set (and c->store open when it needed it). */
int cli_main(struct cli *c, int argc, char **argv);

/* Takes standard output back from the filter that makes control
 * characters visible, for the screens (which draw with curses). */
void cli_raw_output(void);

#endif
