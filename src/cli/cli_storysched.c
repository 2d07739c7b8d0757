/* `prepdeck stories due`: today's story rehearsals and why each is
 * asked for; and the schedule line of `prepdeck stories show`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_storysched.h"
#include "settings.h"
#include "storysched.h"
#include "util.h"

/* The study day of Unix time t as YYYY-MM-DD. */
static void
fmt_day(int64_t t, int roll, char *buf, size_t n)
{
	fmt_date(day_number(t, roll), buf, n);
}

/* What the list says about an item: "never rehearsed", "due 2026-03-01",
 * "last 2026-02-20", with the latest self-score. */
static void
item_detail(const struct storysched_item *it, int roll, char *buf, size_t n)
{
	char day[16];
	if (it->why == STORYSCHED_SCHEDULED) {
		fmt_day(it->due, roll, day, sizeof day);
		snprintf(buf, n, "due %s", day);
	} else if (it->last_rehearsed == 0) {
		snprintf(buf, n, "never rehearsed");
	} else if (it->why == STORYSCHED_NEW) {
		snprintf(buf, n, "not scored yet");
	} else {
		fmt_day(it->last_rehearsed, roll, day, sizeof day);
		snprintf(buf, n, "last %s", day);
	}
	if (it->last_score > 0) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, ", %.1f", it->last_score);
	}
}

static void
print_json(const struct storysched_day *d, int roll)
{
	char day[16];
	fmt_date(d->today, day, sizeof day);
	printf("{\"day\":\"%s\",\"done\":%d,\"total\":%d,\"stories\":[", day, d->done, d->total);
	for (size_t i = 0; i < d->n; i++) {
		const struct storysched_item *it = &d->items[i];
		printf("%s{\"id\":", i ? "," : "");
		json_put_str(stdout, it->id);
		printf(",\"title\":");
		json_put_str(stdout, it->title);
		printf(",\"why\":\"%s\",\"due\":", storysched_why_name(it->why));
		if (it->due) {
			fmt_day(it->due, roll, day, sizeof day);
			printf("\"%s\"", day);
		} else {
			printf("null");
		}
		printf(",\"last_rehearsed\":");
		if (it->last_rehearsed) {
			fmt_day(it->last_rehearsed, roll, day, sizeof day);
			printf("\"%s\"", day);
		} else {
			printf("null");
		}
		if (it->last_score > 0)
			printf(",\"last_score\":%.2f}", it->last_score);
		else
			printf(",\"last_score\":null}");
	}
	printf("],\"next\":");
	if (d->next_id) {
		fmt_day(d->next_due, roll, day, sizeof day);
		printf("{\"id\":");
		json_put_str(stdout, d->next_id);
		printf(",\"due\":\"%s\"}", day);
	} else {
		printf("null");
	}
	printf(",\"interview\":");
	if (d->has_target) {
		fmt_date(d->target_day, day, sizeof day);
		printf("{\"day\":\"%s\",\"name\":", day);
		json_put_str(stdout, d->target_name);
		printf(",\"in_week\":%s", d->in_week ? "true" : "false");
		if (d->in_week)
			printf(",\"mapped\":%d,\"pending\":%d,\"quota\":%d,\"all_stories\":%s",
			       d->mapped, d->pending, d->quota,
			       d->all_competencies ? "true" : "false");
		printf("}");
	} else {
		printf("null");
	}
	printf("}\n");
}

static void
print_text(const struct storysched_day *d, int roll)
{
	char day[16], detail[64];
	fmt_date(d->today, day, sizeof day);
	if (d->n == 0) {
		if (d->done)
			printf("Story rehearsals for %s: all done (%d rehearsed today).\n", day,
			       d->done);
		else
			printf("No story rehearsal due on %s.\n", day);
	} else {
		printf("Story rehearsals for %s: %zu to go", day, d->n);
		if (d->done)
			printf(", %d done", d->done);
		printf("\n");
		for (size_t i = 0; i < d->n; i++) {
			const struct storysched_item *it = &d->items[i];
			item_detail(it, roll, detail, sizeof detail);
			printf("  %-26s %-15s %-20s %s\n", it->id, storysched_why_name(it->why),
			       detail, it->title);
		}
	}
	if (d->in_week) {
		fmt_date(d->target_day, day, sizeof day);
		long long left = (long long)(d->target_day - d->today);
		char when[32];
		if (left == 0)
			snprintf(when, sizeof when, "today");
		else
			snprintf(when, sizeof when, "in %lld day%s", left, left == 1 ? "" : "s");
		printf("Interview week: %s%son %s (%s): %d of %d %s not rehearsed "
		       "since the week began; %d asked for today.\n",
		       d->target_name, *d->target_name ? " " : "", day, when, d->pending, d->mapped,
		       d->all_competencies ? "stories (all: the gap map selects none)"
		                           : "mapped stories",
		       d->quota);
	}
	if (d->next_id) {
		fmt_day(d->next_due, roll, day, sizeof day);
		printf("Next scheduled: %s on %s (%s)\n", d->next_id, day, d->next_title);
	}
	if (d->n)
		printf("Start with: prepdeck rehearse %s\n", d->items[0].id);
}

static int
cmd_stories_due(struct cmd *c)
{
	int json = arg_flag(c, "--json");
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	struct storysched_day d;
	storysched_due(db, now_unix(), &d);
	if (json)
		print_json(&d, set.rollover_hour);
	else
		print_text(&d, set.rollover_hour);
	storysched_day_free(&d);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_stories_due_entry = {
	.name = "due", .args = "[--json]", .summary = "the stories due for rehearsal today",
	.opts = (const struct cmd_opt[]){ { .name = "--json", .type = OPT_FLAG }, { NULL } },
	.exec = cmd_stories_due,
};
/* clang-format on */

void
cli_storysched_show(struct db *db, const char *id)
{
	struct settings set;
	settings_load(db, &set);
	struct fsrs_card fc;
	if (storysched_get(db, id, &fc) != 0) {
		printf("next rehearsal: not scheduled yet (scheduled by the self-scores of "
		       "a rehearsal)\n");
		return;
	}
	int64_t now = now_unix();
	char day[16];
	fmt_day(fc.due, set.rollover_hour, day, sizeof day);
	long long in = (long long)(day_number(fc.due, set.rollover_hour) -
	                           day_number(now, set.rollover_hour));
	printf("next rehearsal: %s (", day);
	if (in < 0)
		printf("overdue by %lld day%s", -in, in == -1 ? "" : "s");
	else if (in == 0)
		printf("today");
	else
		printf("in %lld day%s", in, in == 1 ? "" : "s");
	printf("; interval %d day%s, %d scored rehearsal%s)\n", fc.scheduled_days,
	       fc.scheduled_days == 1 ? "" : "s", fc.reps, fc.reps == 1 ? "" : "s");
}
