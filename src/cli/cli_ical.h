/* The calendar export command (cli_ical.c): `export ical`. */
#ifndef PREPDECK_CLI_ICAL_H
#define PREPDECK_CLI_ICAL_H

#include "cmd.h"

extern const struct cmd_entry cmd_export_ical_entry;

#endif
