/* The calendar export command (cli_ical.c): `export ical`. */
#ifndef PREPDECK_CLI_ICAL_H
#define PREPDECK_CLI_ICAL_H

#include "cli.h"

/* `export ical [--out FILE]`; argv[0] is "ical". */
int cli_export_ical(struct cli *c, int argc, char **argv);

#endif
