/* Commands for interview dates and cram practice: target, cram. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_target.h"
#include "cram.h"
#include "deadline.h"
#include "parse.h"
#include "plan.h"
#include "settings.h"
#include "studyday.h"
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
		printf("%s the running plan %s; its ticks and reviews stay in the history.\n", how,
		       what);
	}
	return v;
}

/* The report's sentence on a line of its own. */
static void
print_effect(const struct settings *set, const struct deadline_report *r, int applied)
{
	char buf[320];
	deadline_effect(r, set, applied, buf, sizeof buf);
	puts(buf);
}

static int
cmd_target_set(struct cmd *c)
{
	const char *company = arg_str(c, "--company"), *role = arg_str(c, "--role");
	const char *map = arg_str(c, "--map"), *date = c->argv[0];
	int dry = arg_flag(c, "--dry-run");
	if (company == NULL)
		company = "";
	if (role == NULL)
		role = "";
	int64_t day;
	if (cli_day(c, "the interview date", date, &day) != 0)
		return EXIT_USAGE;
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	int64_t now = now_unix(), today = day_number(now, set.rollover_hour);
	if (day < today)
		return cli_error("%s is in the past", date);
	char *cause = NULL;
	int64_t id = target_add(db, day, company, role, map, &cause);
	if (id < 0)
		return cli_cause(cause);
	printf("interview %lld: %s%s%s%s on %s, in %lld day%s\n", (long long)id, company,
	       *company && *role ? " · " : "", role, *company || *role ? "" : "(unnamed)", date,
	       (long long)(day - today), day - today == 1 ? "" : "s");
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

/* clang-format off */
static const struct cmd_entry target_set_entry = {
	.name = "set", .args = "YYYY-MM-DD [--company NAME] [--role NAME] [--map GAPMAP] [--dry-run]",
	.summary = "record an interview date",
	.opts = (const struct cmd_opt[]){
		{ .name = "--company", .type = OPT_STR, .arg = "NAME" },
		{ .name = "--role", .type = OPT_STR, .arg = "NAME" },
		{ .name = "--map", .type = OPT_STR, .arg = "GAPMAP", .kind = ARG_MAP },
		{ .name = "--dry-run", .type = OPT_FLAG },
		{ NULL },
	},
	.min = 1, .max = 1, .needs = "the interview date YYYY-MM-DD", .exec = cmd_target_set,
};
/* clang-format on */

static int
cmd_target_list(struct cmd *c)
{
	int json = arg_flag(c, "--json");
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
		if (plan_interview_warning(db, v, warn, sizeof warn))
			printf("Note: %s.\n", warn);
		plan_view_free(v);
	}
	free(t);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry target_list_entry = {
	.name = "list", .args = "[--json]", .summary = "list upcoming interviews",
	.opts = (const struct cmd_opt[]){ { .name = "--json", .type = OPT_FLAG }, { NULL } },
	.exec = cmd_target_list,
};
/* clang-format on */

static int
cmd_target_plan(struct cmd *c)
{
	int yes = arg_flag(c, "--yes");
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	int64_t now = now_unix(), today = day_number(now, set.rollover_hour);
	struct target t;
	if (target_next(db, today, &t) != 0)
		return cli_error("no upcoming interview (prepdeck target set YYYY-MM-DD)");
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
		return cli_cause(cause);
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
	if (plan_interview_warning(db, v, warn, sizeof warn))
		printf("Note: %s.\n", warn);
	plan_view_free(v);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry target_plan_entry = {
	.name = "plan", .args = "[--yes]", .summary = "start the plan proposed for the next interview",
	.opts = (const struct cmd_opt[]){ { .name = "--yes", .type = OPT_FLAG, .alias = "-y" }, { NULL } },
	.exec = cmd_target_plan,
};
/* clang-format on */

static int
cmd_target_remove(struct cmd *c)
{
	int64_t id;
	if (cli_int(c, "the interview ID", c->argv[0], 1, INT64_MAX, &id) != 0)
		return EXIT_USAGE;
	if (target_remove(cli_db(c), id) != 0)
		return cli_error("no interview %s (see prepdeck target list)", c->argv[0]);
	printf("removed interview %s; reviews moved for it are back on their own schedule\n",
	       c->argv[0]);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry target_remove_entry = {
	.name = "remove", .args = "ID", .summary = "delete an interview and put its reviews back",
	.min = 1, .max = 1, .needs = "an interview ID", .exec = cmd_target_remove,
	.flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_target_schedule(struct cmd *c)
{
	int dry = arg_flag(c, "--dry-run");
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	struct deadline_report rep;
	if (deadline_plan(db, &set, now_unix(), !dry, &rep) != 0)
		return cli_error("no upcoming interview (prepdeck target set YYYY-MM-DD)");
	print_effect(&set, &rep, !dry);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry target_schedule_entry = {
	.name = "schedule", .args = "[--dry-run]", .summary = "plan the reviews for the next interview again",
	.opts = (const struct cmd_opt[]){ { .name = "--dry-run", .type = OPT_FLAG }, { NULL } },
	.exec = cmd_target_schedule,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_target_entry = {
	.name = "target", .args = "set|list|plan|schedule|remove ...",
	.summary = "interview dates: everything works toward the next one",
	.help = "target set YYYY-MM-DD [--company NAME] [--role NAME] [--map GAPMAP] adds an "
	"interview, shows the plan proposed for it (the 2-week plan with under three "
	"weeks left, else the 6-week one, ending the day before but never starting "
	"in the past, and naming the running plan it would replace) and moves "
	"reviews so that every card's predicted recall on the day reaches the "
	"desired retention where a review still fits, spread under the daily review "
	"budget (the effect is printed; --dry-run only shows it). target list "
	"[--json] lists upcoming interviews (and warns when the running plan runs past the next one); "
	"target plan [--yes] starts the proposed plan (without --yes it only shows "
	"it); target schedule [--dry-run] plans the reviews again; target remove ID "
	"deletes one and puts the reviews moved for it back.",
	.subs = (const struct cmd_entry *const[]){
		&target_set_entry, &target_list_entry, &target_plan_entry, &target_schedule_entry,
		&target_remove_entry, NULL,
	},
	.dflt = "list",
};
/* clang-format on */

static int
cmd_cram(struct cmd *c)
{
	const char *deck = arg_str(c, "--deck"), *tag = arg_str(c, "--tag");
	const char *skill = arg_str(c, "--skill");
	int64_t limit = arg_int(c, "--limit", CRAM_LIMIT);
	int list = arg_flag(c, "--list");
	struct cram_source src = { deck, tag, NULL, 0 };
	char map[80] = "";
	if (skill) {
		const char *colon = strchr(skill, ':');
		if (colon == NULL || colon == skill || (size_t)(colon - skill) >= sizeof map ||
		    parse_int(NULL, colon + 1, 1, INT32_MAX, &src.row, NULL) != 0)
			return cli_usage(c,
			                 "--skill takes MAP:ROW, ROW a row number (see "
			                 "prepdeck gapmap show MAP), not '%s'",
			                 skill);
		memcpy(map, skill, (size_t)(colon - skill));
		src.map = map;
	}
	struct db *db = list ? cli_db(c) : cli_screen_db(c);
	size_t n;
	char *cause = NULL;
	char **keys = cram_keys(db, &src, (int)limit, &n, &cause);
	if (keys == NULL)
		return cli_cause(cause);
	if (list) {
		for (size_t i = 0; i < n; i++)
			printf("%s\n", keys[i]);
		cram_free(keys, n);
		return EXIT_OK;
	}
	cram_free(keys, n);
	cli_start(c, START_CRAM);
	struct start_request *r = &c->cli->start;
	r->deck = deck && *deck ? xstrdup(deck) : NULL;
	r->tag = tag && *tag ? xstrdup(tag) : NULL;
	r->map = *map ? xstrdup(map) : NULL;
	r->row = src.row;
	r->limit = (int)limit;
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_cram_entry = {
	.name = "cram", .args = "[--deck ID] [--tag TAG] [--skill MAP:ROW] [--list]",
	.summary = "practise cards outside the schedule",
	.help = "Opens the review screen on the chosen cards, weakest first, whether or not "
	"they are due: a deck, a tag, or the decks linked to a gap-map skill. "
	"Answers are logged as cram and change no schedule. --list prints the cards "
	"instead; --limit N (" STRINGIFY(CRAM_LIMIT) ") caps them.",
	.opts = (const struct cmd_opt[]){
		{ .name = "--deck", .type = OPT_STR, .arg = "ID", .kind = ARG_DECK },
		{ .name = "--tag", .type = OPT_STR, .arg = "TAG" },
		{ .name = "--skill", .type = OPT_STR, .arg = "MAP:ROW" },
		{ .name = "--limit", .type = OPT_INT, .arg = "N", .min = 1, .max = 100000 },
		{ .name = "--list", .type = OPT_FLAG },
		{ NULL },
	},
	.exec = cmd_cram,
};
/* clang-format on */
