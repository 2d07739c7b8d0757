#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory_weights.h"
#include "parse.h"
#include "settings.h"
#include "util.h"

static const struct {
	const char *name;
	double min, max, dflt;
	int integer;
	const char *desc;
} table[] = {
	{ "retention", 0.70, 0.99, 0.90, 0,
	  "desired retention (probability of recall when a card is due)" },
	{ "new_per_day", 0, 9999, 20, 1, "new cards introduced per day" },
	{ "reviews_per_day", 0, 99999, 200, 1, "reviews per day at most" },
	{ "rollover_hour", 0, 23, 4, 1, "local hour at which the study day starts" },
	{ "load_balance", 0, 1, 1, 1,
	  "spread reviews over nearby days, within the daily review budget (1 on, 0 off)" },
	{ "lint_answer_max", 10, 1000, 60, 1, "lint: most words in an answer (or a cloze text)" },
	{ "lint_cloze_max", 1, 100, 5, 1, "lint: most words hidden by one cloze deletion" },
	{ "lint_duplicate", 0.05, 1.00, 0.20, 0,
	  "lint: word 3-shingle overlap (Jaccard) that makes two cards near-duplicates" },
};
#define NSETTINGS ((int)(sizeof table / sizeof table[0]))

static double
get(struct db *db, int i)
{
	if (db == NULL)
		return table[i].dflt;
	char *v = db_setting(db, table[i].name);
	double x = table[i].dflt;
	if (v != NULL) {
		double y;
		/* A damaged value falls back to the default. */
		if (parse_real(NULL, v, table[i].min, table[i].max, &y, NULL) == 0)
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
	s->lint_answer_max = (int)get(db, 5);
	s->lint_cloze_max = (int)get(db, 6);
	s->lint_duplicate = get(db, 7);
	s->fitted = memory_weights(db, s->w);
}

/* The index of setting name, or -1 with *cause set. */
static int
find(const char *name, char **cause)
{
	for (int i = 0; i < NSETTINGS; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < NSETTINGS; i++)
		sbuf_addf(&b, "%s%s", i ? ", " : "", table[i].name);
	fail(cause, "unknown setting '%s' (%s)", name, b.s);
	sbuf_free(&b);
	return -1;
}

int
settings_check(const char *name, const char *text, double *value, char **cause)
{
	int i = find(name, cause);
	if (i < 0)
		return -1;
	if (table[i].integer) {
		int64_t k;
		if (parse_int(name, text, (int64_t)table[i].min, (int64_t)table[i].max, &k,
		              cause) != 0)
			return -1;
		*value = (double)k;
		return 0;
	}
	return parse_real(name, text, table[i].min, table[i].max, value, cause);
}

int
settings_set(struct db *db, const char *name, const char *value, char **cause)
{
	double x;
	if (settings_check(name, value, &x, cause) != 0)
		return -1;
	int i = find(name, NULL);
	char buf[32];
	snprintf(buf, sizeof buf, table[i].integer ? "%.0f" : "%.2f", x);
	db_set_setting(db, name, buf);
	return 0;
}

int
settings_describe(struct db *db, int i, const char **name, char *value, size_t n, const char **desc)
{
	if (i < 0 || i >= NSETTINGS)
		return 0;
	*name = table[i].name;
	*desc = table[i].desc;
	snprintf(value, n, table[i].integer ? "%.0f" : "%.2f", get(db, i));
	return 1;
}

void
settings_fsrs_params(const struct settings *s, struct fsrs_params *p)
{
	fsrs_default_params(p, 1);
	p->retention = s->retention;
	if (s->fitted == 1) {
		memcpy(p->w, s->w, sizeof p->w);
		fsrs_clip_weights(p);
	}
	fsrs_prepare(p);
}
