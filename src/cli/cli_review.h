/* Commands of the daily review (cli_review.c). */
#ifndef PREPDECK_CLI_REVIEW_H
#define PREPDECK_CLI_REVIEW_H

#include "cmd.h"

extern const struct cmd_entry cmd_replay_entry, cmd_review_entry, cmd_due_entry, cmd_next_entry,
        cmd_grade_entry, cmd_undo_entry, cmd_card_entry, cmd_settings_entry;

#endif
