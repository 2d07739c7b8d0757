/* The keys every screen understands, the help text of every action, and
 * the rule that keeps one meaning per key: a screen may add keys, never
 * rebind a global one. */
#include "config.h"

#include <stddef.h>

#include "tui/keytab.h"

#define TUI_ACTION_HELP(name, help) help,
const char *const tui_action_help[ACT__COUNT] = { TUI_ACTIONS(TUI_ACTION_HELP) };
#undef TUI_ACTION_HELP

const struct tui_key tui_global_keys[] = {
	{ 'q', ACT_QUIT, "q", NULL },
	{ '?', ACT_HELP, "?", NULL },
	{ KEY_F(1), ACT_HELP, "F1", NULL },
	{ KEY_UP, ACT_UP, "Up/k", NULL },
	{ 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, "Down/j", NULL },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ KEY_PPAGE, ACT_PGUP, "PgUp", NULL },
	{ KEY_NPAGE, ACT_PGDOWN, "PgDn", NULL },
	{ KEY_HOME, ACT_TOP, "Home", NULL },
	{ KEY_END, ACT_BOTTOM, "End", NULL },
	{ 12, ACT_REDRAW, "Ctrl-L", NULL },
	{ '/', ACT_BROWSE, "/", NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

static int
end_of(const struct tui_key *k)
{
	return k->key == 0 && k->action == ACT_NONE;
}

/* A screen entry claims a meaning when it names an action, or a help
 * line of its own. */
static int
claims(const struct tui_key *k)
{
	return k->action != ACT_NONE || k->label != NULL;
}

const struct tui_key *
tui_keys_conflict(const struct tui_key *screen, const struct tui_key *global,
                  const struct tui_key **other)
{
	*other = NULL;
	for (const struct tui_key *k = screen; k && !end_of(k); k++) {
		if (!claims(k))
			continue;
		for (const struct tui_key *g = global; g && !end_of(g); g++)
			if (g->key == k->key && g->action != k->action) {
				*other = g;
				return k;
			}
		for (const struct tui_key *j = screen; j < k; j++)
			if (j->key == k->key && claims(j) && j->action != k->action) {
				*other = j;
				return k;
			}
	}
	return NULL;
}
