#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"
#include "settings.h"
#include "util.h"

static const struct {
	const char *name;
	double min, max, dflt;
	int integer;
	const char *desc;
} table[] = {
	{ "retention", 0.70, 0.99, 0.90, 0, "desired retention (probability of recall when a card is due)" },
	{ "new_per_day", 0, 9999, 20, 1, "new cards introduced per day" },
	{ "reviews_per_day", 0, 99999, 200, 1, "reviews per day at most" },
	{ "rollover_hour", 0, 23, 4, 1, "local hour at which the study day starts" },
	{ "load_balance", 0, 1, 1, 1, "spread reviews over nearby days, within the daily review budget (1 on, 0 off)" },
};
#define NSETTINGS ((int)(sizeof table / sizeof table[0]))

static double
get(struct db *db, int i)
{
	char *v = db_setting(db, table[i].name);
	double x = table[i].dflt;
	if (v != NULL) {
		char *end;
		double y = strtod(v, &end);
		/* A damaged value falls back to the default. */
		if (*end == '\0' && end != v && y >= table[i].min && y <= table[i].max)
			x = y;
		free(v);
	}
	return x;
}

void
settings_load(struct db *db, struct settings *s)
{
	s->retention = get(db, 0);
	s->new_per_day = (int)get(db, 1);
	s->reviews_per_day = (int)get(db, 2);
	s->rollover_hour = (int)get(db, 3);
	s->load_balance = (int)get(db, 4);
	s->fitted = memory_weights(db, s->w);
}

int
settings_set(struct db *db, const char *name, const char *value, char **cause)
{
	for (int i = 0; i < NSETTINGS; i++) {
		if (strcmp(table[i].name, name) != 0)
			continue;
		char *end;
		errno = 0;
		double x = strtod(value, &end);
		if (*end != '\0' || end == value || errno != 0 ||
		    (table[i].integer && x != (double)(long)x))
			return fail(cause, "%s must be %s, got '%s'", name,
			            table[i].integer ? "a whole number" : "a number", value);
		if (x < table[i].min || x > table[i].max)
			return fail(cause, "%s must be between %g and %g, got %s", name,
			            table[i].min, table[i].max, value);
		char buf[32];
		snprintf(buf, sizeof buf, table[i].integer ? "%.0f" : "%.2f", x);
		db_set_setting(db, name, buf);
		return 0;
	}
	return fail(cause, "unknown setting '%s' (retention, new_per_day, "
	            "reviews_per_day, rollover_hour, load_balance)", name);
}

int
settings_describe(struct db *db, int i, const char **name, char *value,
                  size_t n, const char **desc)
{
	if (i < 0 || i >= NSETTINGS)
		return 0;
	*name = table[i].name;
	*desc = table[i].desc;
	snprintf(value, n, table[i].integer ? "%.0f" : "%.2f", get(db, i));
	return 1;
}
