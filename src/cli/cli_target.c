/* Commands for interview dates and cram practice: target, cram. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cram.h"
#include "deadline.h"
#include "plan.h"
#include "settings.h"
#include "studyday.h"
#include "tui/app.h"
#include "util.h"

/* The running plan a proposal would replace, as a sentence (nothing when
 * none runs); returns the run's view (caller frees) or NULL. */
static struct plan_view *
say_replaced(struct db *db, int64_t now, const char *how)
{
	struct plan_view *v = plan_load(db, now);
	if (v != NULL) {
		char what[300];
		plan_describe(v, what, sizeof what);
		printf("%s the running plan %s; its ticks and reviews stay in the history.\n",
		       how, what);
	}
	return v;
}

/* "142 cards would be below 90% on 2026-03-12; 38 reviews added over the
 * next 9 days" */
static void
print_effect(const struct settings *set, const struct deadline_report *r, int applied)
{
	char d[16];
	fmt_date(r->day, d, sizeof d);
	if (r->days <= 0) {
		printf("The interview is today: no time left to add reviews.\n");
		return;
	}
	printf("%d card%s would be below %.0f%% on %s; %d review%s %s over the next %d day%s",
	       r->below, r->below == 1 ? "" : "s", set->retention * 100, d, r->added,
	       r->added == 1 ? "" : "s", applied ? "added" : "to add", r->days,
	       r->days == 1 ? "" : "s");
	if (r->over_budget_days)
		printf(" (%d day%s over the daily budget of %d: no spread fits)",
		       r->over_budget_days, r->over_budget_days == 1 ? "" : "s",
		       set->reviews_per_day);
	printf(".\n");
}

static int
target_set(struct cli *c, int argc, char **argv)
{
	const char *company = "", *role = "", *map = NULL, *date = NULL;
	int dry = 0;
	for (int i = 1; i < argc; i++) {
		const char **dst = NULL;
		if (strcmp(argv[i], "--company") == 0)
			dst = &company;
		else if (strcmp(argv[i], "--role") == 0)
			dst = &role;
		else if (strcmp(argv[i], "--map") == 0)
			dst = &map;
		else if (strcmp(argv[i], "--dry-run") == 0)
			dry = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage(NULL, "target set: unknown option '%s'", argv[i]);
		else if (date == NULL)
			date = argv[i];
		else
			return cli_usage(NULL, "target set: unexpected argument '%s'", argv[i]);
		if (dst) {
			if (i + 1 >= argc)
				return cli_usage(NULL, "%s needs a value", argv[i]);
			*dst = argv[++i];
		}
	}
	int64_t day;
	if (date == NULL)
		return cli_usage(NULL, "usage: prepdeck target set YYYY-MM-DD [--company NAME] "
		                 "[--role NAME] [--map GAPMAP]");
	if (parse_date(date, &day) != 0)
		return cli_usage(NULL, "not a date: '%s' (use YYYY-MM-DD)", date);
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	int64_t now = now_unix(), today = day_number(now, set.rollover_hour);
	if (day < today) {
		fprintf(stderr, "prepdeck: %s is in the past\n", date);
		return EXIT_USER;
	}
	char *cause = NULL;
	int64_t id = target_add(db, day, company, role, map, &cause);
	if (id < 0) {
		fprintf(stderr, "prepdeck: %s\n", cause);
		free(cause);
		return EXIT_USER;
	}
	printf("interview %lld: %s%s%s%s on %s, in %lld day%s\n", (long long)id, company,
	       *company && *role ? " · " : "", role, *company || *role ? "" : "(unnamed)",
	       date, (long long)(day - today), day - today == 1 ? "" : "s");
	const char *plan;
	int64_t start;
	char why[512];
	deadline_propose_plan(today, studyday_plan_start(now, set.rollover_hour), day, &plan,
	                      &start, why, sizeof why);
	printf("%s\nStart it with: prepdeck target plan --yes\n", why);
	plan_view_free(say_replaced(db, now, "That replaces"));
	struct deadline_report rep;
	if (deadline_plan(db, &set, now, !dry, &rep) == 0 && rep.day == day)
		print_effect(&set, &rep, !dry);
	return EXIT_OK;
}

static int
target_list_cmd(struct cli *c, int argc, char **argv)
{
	int json = argc > 1 && strcmp(argv[1], "--json") == 0;
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	int64_t today = day_number(now_unix(), set.rollover_hour);
	size_t n;
	struct target *t = target_list(db, today, &n);
	if (json)
		printf("[");
	for (size_t i = 0; i < n; i++) {
		char d[16];
		fmt_date(t[i].day, d, sizeof d);
		if (json) {
			printf("%s\n  {\"id\": %lld, \"date\": \"%s\", \"days_left\": %lld, \"company\": ",
			       i ? "," : "", (long long)t[i].id, d, (long long)(t[i].day - today));
			json_put_str(stdout, t[i].company);
			printf(", \"role\": ");
			json_put_str(stdout, t[i].role);
			printf(", \"map\": ");
			if (t[i].map_id[0])
				json_put_str(stdout, t[i].map_id);
			else
				printf("null");
			printf("}");
		} else {
			printf("%lld\t%s\tin %lld day%s\t%s\t%s\t%s\n", (long long)t[i].id, d,
			       (long long)(t[i].day - today), t[i].day - today == 1 ? "" : "s",
			       t[i].company, t[i].role, t[i].map_id);
		}
	}
	if (json)
		printf("%s]\n", n ? "\n" : "");
	else if (n == 0)
		printf("no upcoming interviews (prepdeck target set YYYY-MM-DD)\n");
	if (!json && n > 0) {
		struct plan_view *v = plan_load(db, now_unix());
		char warn[300];
		if (deadline_plan_warning(db, v, warn, sizeof warn))
			printf("Note: %s.\n", warn);
		plan_view_free(v);
	}
	free(t);
	return EXIT_OK;
}

static int
target_plan_cmd(struct cli *c, int argc, char **argv)
{
	int yes = argc > 1 && strcmp(argv[1], "--yes") == 0;
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	int64_t now = now_unix(), today = day_number(now, set.rollover_hour);
	struct target t;
	if (target_next(db, today, &t) != 0) {
		fprintf(stderr, "prepdeck: no upcoming interview (prepdeck target set YYYY-MM-DD)\n");
		return EXIT_USER;
	}
	const char *plan;
	int64_t start;
	char why[512];
	deadline_propose_plan(today, studyday_plan_start(now, set.rollover_hour), t.day, &plan,
	                      &start, why, sizeof why);
	printf("%s\n", why);
	if (!yes) {
		printf("To start it: prepdeck target plan --yes\n");
		plan_view_free(say_replaced(db, now, "That replaces"));
		return EXIT_OK;
	}
	struct plan_view *old = plan_load(db, now);
	char *cause = NULL;
	if (plan_start(db, plan, start, 1, now, NULL, &cause) != 0) {
		plan_view_free(old);
		fprintf(stderr, "prepdeck: %s\n", cause);
		free(cause);
		return EXIT_USER;
	}
	if (old != NULL) {
		char what[300];
		plan_describe(old, what, sizeof what);
		printf("Ended the plan %s; its ticks and reviews stay in the history.\n", what);
		plan_view_free(old);
	}
	struct plan_view *v = plan_load(db, now);
	char d[20];
	plan_fmt_day(start, d, sizeof d);
	printf("Started '%s': day 1 is %s.\n", v ? v->title : plan, d);
	char warn[300];
	if (deadline_plan_warning(db, v, warn, sizeof warn))
		printf("Note: %s.\n", warn);
	plan_view_free(v);
	return EXIT_OK;
}

int
cmd_target(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "list";
	if (strcmp(sub, "set") == 0)
		return target_set(c, argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0)
		return target_list_cmd(c, argc > 1 ? argc - 1 : argc, argc > 1 ? argv + 1 : argv);
	if (strcmp(sub, "plan") == 0)
		return target_plan_cmd(c, argc - 1, argv + 1);
	if (strcmp(sub, "remove") == 0) {
		if (argc != 3)
			return cli_usage(NULL, "usage: prepdeck target remove ID");
		if (target_remove(cli_db(c), atoll(argv[2])) != 0) {
			fprintf(stderr, "prepdeck: no interview %s (see prepdeck target list)\n", argv[2]);
			return EXIT_USER;
		}
		printf("removed interview %s; reviews moved for it are back on their own schedule\n",
		       argv[2]);
		return EXIT_OK;
	}
	if (strcmp(sub, "schedule") == 0) {
		int dry = argc > 2 && strcmp(argv[2], "--dry-run") == 0;
		struct db *db = cli_db(c);
		struct settings set;
		settings_load(db, &set);
		struct deadline_report rep;
		if (deadline_plan(db, &set, now_unix(), !dry, &rep) != 0) {
			fprintf(stderr, "prepdeck: no upcoming interview (prepdeck target set YYYY-MM-DD)\n");
			return EXIT_USER;
		}
		print_effect(&set, &rep, !dry);
		return EXIT_OK;
	}
	return cli_usage(NULL, "target: unknown subcommand '%s' (set, list, plan, schedule, "
	                 "remove)", sub);
}

int
cmd_cram(struct cli *c, int argc, char **argv)
{
	const char *deck = NULL, *tag = NULL, *skill = NULL;
	int limit = 50, list = 0;
	for (int i = 1; i < argc; i++) {
		const char **dst = NULL;
		if (strcmp(argv[i], "--deck") == 0)
			dst = &deck;
		else if (strcmp(argv[i], "--tag") == 0)
			dst = &tag;
		else if (strcmp(argv[i], "--skill") == 0)
			dst = &skill;
		else if (strcmp(argv[i], "--list") == 0)
			list = 1;
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			limit = atoi(argv[++i]);
			if (limit < 1)
				return cli_usage(NULL, "--limit must be a positive number, not '%s'",
				                 argv[i]);
		} else
			return cli_usage(NULL, "cram: unknown argument '%s'", argv[i]);
		if (dst) {
			if (i + 1 >= argc)
				return cli_usage(NULL, "%s needs a value", argv[i]);
			*dst = argv[++i];
		}
	}
	struct cram_source src = { deck, tag, NULL, 0 };
	char map[80] = "";
	if (skill) {
		const char *colon = strchr(skill, ':');
		if (colon == NULL || colon == skill || (size_t)(colon - skill) >= sizeof map ||
		    atoll(colon + 1) <= 0)
			return cli_usage(NULL, "--skill takes MAP:ROW (see prepdeck gapmap show MAP), "
			                 "not '%s'", skill);
		memcpy(map, skill, (size_t)(colon - skill));
		src.map = map;
		src.row = atoll(colon + 1);
	}
	struct db *db = cli_db(c);
	size_t n;
	char *cause = NULL;
	char **keys = cram_keys(db, &src, limit, &n, &cause);
	if (keys == NULL) {
		fprintf(stderr, "prepdeck: %s\n", cause);
		free(cause);
		return EXIT_USER;
	}
	if (list) {
		for (size_t i = 0; i < n; i++)
			printf("%s\n", keys[i]);
		cram_free(keys, n);
		return EXIT_OK;
	}
	cram_free(keys, n);
	char arg[256];
	snprintf(arg, sizeof arg, "cram:deck=%s;tag=%s;map=%s;row=%lld;limit=%d", deck ? deck : "",
	         tag ? tag : "", map, (long long)src.row, limit);
	return tui_main(c, TUI_START_REVIEW, arg);
}
