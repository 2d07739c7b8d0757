/* The settings screen: review and lint settings changed with +/- (saved at once). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"
#include "tui/app.h"
#include "util.h"

struct st_screen {
	int sel;
};

static const struct tui_key settings_keys[] = {
	{ '+', ACT_SELECT, "+ / Right", "Increase the selected setting" },
	{ KEY_RIGHT, ACT_SELECT, NULL, NULL },
	{ 'l', ACT_SELECT, NULL, NULL },
	{ '-', ACT_NONE, "- / Left", "Decrease the selected setting" },
	{ 'y', ACT_PROFILE, "y", NULL },
	{ 0, ACT_NONE, NULL, NULL },
};

/* One step of each setting, in the order settings_describe lists them. */
static const double steps[] = { 0.01, 5, 50, 1, 1, 5, 1, 0.05 };
#define NSTEPS ((int)(sizeof steps / sizeof steps[0]))

static void *
settings_open(struct app *a, const void *arg)
{
	return xcalloc(1, sizeof(struct st_screen));
}

static void
settings_close(struct app *a, void *st)
{
	free(st);
}

static void
settings_draw(struct app *a, void *st, int lines, int cols)
{
	struct st_screen *s = st;
	tui_put(1, 2, "Settings", cols - 4, tui_attr(a, C_TITLE));
	const char *name, *desc;
	char value[32];
	int i;
	for (i = 0; settings_describe(a->db, i, &name, value, sizeof value, &desc); i++) {
		int at = i == s->sel ? tui_attr(a, C_SELECT) : (int)A_NORMAL;
		move(3 + i * 2, 2);
		for (int k = 0; k < cols - 4; k++)
			addch(' ' | (i == s->sel ? at : 0));
		tui_put(3 + i * 2, 4, name, 18, at | A_BOLD);
		tui_put(3 + i * 2, 22, value, 10, at);
		tui_put(3 + i * 2, 34, desc, cols - 38, at);
	}
	/* The selected setting's whole description (the rows cut it). */
	if (settings_describe(a->db, s->sel, &name, value, sizeof value, &desc)) {
		char buf[512];
		snprintf(buf, sizeof buf, "%s: %s", name, desc);
		tui_wrap(4 + i * 2, 4, cols - 8, 3, buf, A_NORMAL);
	}
	tui_put(lines - 1, 4,
	        "Up/Down select, +/- change (saved at once), y your profile, "
	        "q back.",
	        cols - 8, tui_attr(a, C_DIM));
}

static int
settings_input(struct app *a, void *st, enum tui_action act, int key)
{
	struct st_screen *s = st;
	const char *name, *desc;
	char value[32];
	int n = 0;
	if (act == ACT_PROFILE) {
		tui_push(a, &profile_screen, NULL);
		return 1;
	}
	while (settings_describe(a->db, n, &name, value, sizeof value, &desc))
		n++;
	if (tui_list_move(act, &s->sel, n, n))
		return 1;
	int dir = 0;
	if (act == ACT_SELECT)
		dir = 1;
	else if (key == '-' || (!a->key_char && key == KEY_LEFT) || key == 'h')
		dir = -1;
	if (dir == 0 || s->sel >= NSTEPS)
		return 0;
	settings_describe(a->db, s->sel, &name, value, sizeof value, &desc);
	char buf[32];
	double v = atof(value) + dir * steps[s->sel];
	snprintf(buf, sizeof buf, strchr(value, '.') ? "%.2f" : "%.0f", v);
	char *cause = NULL;
	if (settings_set(a->db, name, buf, &cause) != 0) {
		tui_message(a, "%s", cause);
		free(cause);
	}
	return 1;
}

const struct screen_ops settings_screen = {
	.name = "Settings",
	.open = settings_open,
	.close = settings_close,
	.draw = settings_draw,
	.input = settings_input,
	.keys = settings_keys,
};
