/* The story-bank commands (cli_story.c): `stories`, `story`, `rehearse`
 * and `export stories`. */
#ifndef PREPDECK_CLI_STORY_H
#define PREPDECK_CLI_STORY_H

#include "cli.h"

int cli_stories(struct cli *c, int argc, char **argv);
int cli_story(struct cli *c, int argc, char **argv);
int cli_rehearse(struct cli *c, int argc, char **argv);
/* `export stories --format md|yaml [--out FILE] [--all]`; argv[0] is
 * "stories". */
int cli_export_stories(struct cli *c, int argc, char **argv);

#endif
