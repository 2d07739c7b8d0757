/* The story-bank commands (cli_story.c): `stories`, `story`, `rehearse`
 * and `export stories`. */
#ifndef PREPDECK_CLI_STORY_H
#define PREPDECK_CLI_STORY_H

#include "cmd.h"

extern const struct cmd_entry cmd_stories_entry, cmd_story_entry, cmd_rehearse_entry,
        cmd_export_stories_entry;

#endif
