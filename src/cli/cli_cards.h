/* Commands for the learner's own cards (cli_cards.c): the `card`
 * subcommands that write (listed in `card`'s table in cli_review.c),
 * `cards search`, `export deck` and `profile`. */
#ifndef PREPDECK_CLI_CARDS_H
#define PREPDECK_CLI_CARDS_H

#include "cmd.h"

extern const struct cmd_entry cmd_card_add_entry, cmd_card_edit_entry, cmd_card_history_entry,
        cmd_card_revert_entry, cmd_card_delete_entry, cmd_card_reset_entry, cmd_card_move_entry,
        cmd_card_undo_entry;
extern const struct cmd_entry cmd_cards_entry, cmd_export_deck_entry, cmd_profile_entry;

#endif
