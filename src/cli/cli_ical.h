/* The calendar export command (cli_ical.c): `export ical`. */
#ifndef PREPDECK_CLI_ICAL_H
#define PREPDECK_CLI_ICAL_H

#include <stddef.h>

#include "cli.h"

/* `export ical [--out FILE]`; argv[0] is "ical". */
int cli_export_ical(struct cli *c, int argc, char **argv);

/* Writes n bytes of s to path whole or not at all (a private 0600 file
 * beside it, flushed, renamed over path). Returns 0, or -1 with *cause
 * set. Shared by the exports that take --out FILE. */
int cli_write_whole(const char *path, const char *s, size_t n, char **cause);

#endif
