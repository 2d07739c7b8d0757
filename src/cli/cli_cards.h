/* Commands for the learner's own cards (cli_cards.c). */
#ifndef PREPDECK_CLI_CARDS_H
#define PREPDECK_CLI_CARDS_H

#include "cli.h"

/* True for the `card` verbs handled here (add, edit, history, revert,
 * delete, reset, move, undo); `card` dispatches them to cli_card_author
 * with argv[0] "card" and argv[1] the verb. */
int cli_card_is_author(const char *verb);
int cli_card_author(struct cli *c, int argc, char **argv);
/* `cards search ...` */
int cli_cards(struct cli *c, int argc, char **argv);
/* `export deck ID ...`; argv[0] is "deck". */
int cli_export_deck(struct cli *c, int argc, char **argv);
/* `profile example|own|show|pitch|figure|story ...` */
int cli_profile(struct cli *c, int argc, char **argv);

#endif
