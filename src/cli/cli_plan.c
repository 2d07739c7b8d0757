/* The `plan` and `checklist` commands: start a plan, today's tasks (text
 * or JSON for scripts and shell prompts), the whole plan, ticks, shifts,
 * weekly reviews, and checklists. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "cli_plan.h"
#include "plan.h"
#include "settings.h"
#include "studyday.h"
#include "util.h"

static int
no_plan(void)
{
	return cli_error("no study plan is running; start one with 'prepdeck plan start "
	                 "two-week' (or six-week; 'prepdeck plan list' shows them all)");
}

/* Loads the active run or prints why not; NULL when there is none. */
static struct plan_view *
load_or_complain(struct db *db)
{
	struct plan_view *v = plan_load(db, now_unix());
	if (v == NULL)
		no_plan();
	return v;
}

static const char *
link_name(const char *kind)
{
	if (strcmp(kind, "skillmap") == 0)
		return "gap map";
	return kind;
}

/* "  [a, b" for a deck task's decks (ids separated by spaces). */
static void
print_decks(const char *ids)
{
	fputs("  [", stdout);
	for (const char *p = ids; *p; p++) {
		if (*p == ' ')
			fputs(", ", stdout);
		else
			putchar(*p);
	}
}

/* One task as a text line. */
static void
print_task(const struct plan_view *v, const struct plan_task *t, int show_day)
{
	printf("  [%s] %-14s ", t->done ? "x" : t->overdue ? "!" : " ", t->id);
	if (show_day) {
		char d[20];
		plan_fmt_day(plan_date(v, t->day), d, sizeof d);
		printf("(day %d, %s) ", t->day, d);
	}
	fputs(t->text, stdout);
	if (strcmp(t->link_kind, "deck") == 0 && t->count > 0) {
		print_decks(t->link_id);
		if (t->progress >= 0)
			printf(" %d/%d]", t->progress < t->target ? t->progress : t->target,
			       t->target);
		else
			printf(": %d reviews]", t->count);
	} else if (*t->link_kind) {
		printf("  [%s %s]", link_name(t->link_kind), t->link_id);
	}
	if (t->overdue)
		fputs("  OVERDUE", stdout);
	if (t->auto_done)
		fputs("  (ticked itself)", stdout);
	putchar('\n');
}

static void
json_task(const struct plan_view *v, const struct plan_task *t)
{
	char d[16];
	fmt_date(plan_date(v, t->day), d, sizeof d);
	fputs("{\"id\":", stdout);
	json_put_str(stdout, t->id);
	printf(",\"day\":%d,\"date\":\"%s\",\"text\":", t->day, d);
	json_put_str(stdout, t->text);
	printf(",\"done\":%s,\"auto\":%s,\"overdue\":%s,\"minutes\":%d,\"link\":",
	       t->done ? "true" : "false", t->auto_done ? "true" : "false",
	       t->overdue ? "true" : "false", t->minutes);
	if (*t->link_kind) {
		fputs("{\"kind\":", stdout);
		json_put_str(stdout, t->link_kind);
		fputs(",\"id\":", stdout);
		json_put_str(stdout, t->link_id);
		fputs(",\"title\":", stdout);
		json_put_str(stdout, t->link_title);
		putchar('}');
	} else {
		fputs("null", stdout);
	}
	printf(",\"count\":%d,\"target\":%d,\"progress\":", t->count, t->target);
	if (t->progress >= 0)
		printf("%d", t->progress);
	else
		fputs("null", stdout);
	putchar('}');
}

static const char *const phase_names[] = { "before", "on", "break", "after" };

static int
plan_today_json(struct db *db)
{
	struct plan_view *v = plan_load(db, now_unix());
	if (v == NULL) {
		puts("{\"active\":false}");
		return EXIT_OK;
	}
	char date[16];
	fmt_date(v->today, date, sizeof date);
	const struct plan_weekinfo *w = &v->weeks[v->cur_week - 1];
	fputs("{\"active\":true,\"plan\":", stdout);
	json_put_str(stdout, v->plan_id);
	fputs(",\"title\":", stdout);
	json_put_str(stdout, v->title);
	printf(",\"run\":%lld,\"date\":\"%s\",\"phase\":\"%s\",\"day\":", (long long)v->run_id,
	       date, phase_names[v->phase]);
	if (v->today_day)
		printf("%d", v->today_day);
	else
		fputs("null", stdout);
	printf(",\"days\":%d,\"week\":%d,\"weeks\":%d,\"theme\":", v->ndays, v->cur_week,
	       v->nweeks);
	json_put_str(stdout, w->theme);
	fputs(",\"day_title\":", stdout);
	json_put_str(stdout, v->today_day ? v->days[v->today_day - 1].title : "");
	fputs(",\"tasks\":[", stdout);
	if (v->today_day) {
		const struct plan_dayinfo *d = &v->days[v->today_day - 1];
		for (size_t i = 0; i < d->ntasks; i++) {
			if (i)
				putchar(',');
			json_task(v, &v->tasks[d->first + i]);
		}
	}
	fputs("],\"overdue\":[", stdout);
	int k = 0;
	for (size_t i = 0; i < v->ntasks; i++) {
		if (!v->tasks[i].overdue)
			continue;
		if (k++)
			putchar(',');
		json_task(v, &v->tasks[i]);
	}
	printf("],\"progress\":{\"week\":{\"done\":%d,\"total\":%d},"
	       "\"plan\":{\"done\":%d,\"total\":%d}},\"review_due\":",
	       w->ndone, w->ntasks, v->done, v->total);
	if (v->review_due)
		printf("%d", v->review_due);
	else
		fputs("null", stdout);
	char warn[300];
	fputs(",\"interview_warning\":", stdout);
	if (plan_interview_warning(db, v, warn, sizeof warn))
		json_put_str(stdout, warn);
	else
		fputs("null", stdout);
	puts("}");
	plan_view_free(v);
	return EXIT_OK;
}

/* One line for a shell prompt; nothing when no plan is running. */
static int
plan_today_short(struct db *db)
{
	struct plan_view *v = plan_load(db, now_unix());
	if (v == NULL)
		return EXIT_OK;
	char d[20];
	switch (v->phase) {
	case PLAN_ON: {
		const struct plan_dayinfo *day = &v->days[v->today_day - 1];
		printf("Day %d/%d · today %d/%zu", v->today_day, v->ndays, day->ndone, day->ntasks);
		break;
	}
	case PLAN_BEFORE:
		plan_fmt_day(plan_date(v, 1), d, sizeof d);
		printf("Plan starts %s", d);
		break;
	case PLAN_BREAK:
		plan_fmt_day(plan_date(v, v->pos + 1), d, sizeof d);
		printf("Free day · day %d/%d on %s", v->pos + 1, v->ndays, d);
		break;
	case PLAN_AFTER:
		printf("Plan finished · %d/%d", v->done, v->total);
		break;
	}
	if (v->overdue)
		printf(" · %d overdue", v->overdue);
	if (v->review_due)
		printf(" · week %d review", v->review_due);
	putchar('\n');
	plan_view_free(v);
	return EXIT_OK;
}

static int
cmd_plan_today(struct cmd *c)
{
	int json = arg_flag(c, "--json"), brief = arg_flag(c, "--short");
	if (json && brief)
		return cli_usage(c, "plan today: --json and --short exclude each other");
	struct db *db = cli_db(c);
	if (json)
		return plan_today_json(db);
	if (brief)
		return plan_today_short(db);
	struct plan_view *v = plan_load(db, now_unix());
	if (v == NULL) {
		puts("No study plan is running. Start one with 'prepdeck plan start two-week' "
		     "or 'prepdeck plan start six-week'.");
		return EXIT_OK;
	}
	char where[96], today[20];
	plan_where(v, where, sizeof where);
	plan_fmt_day(v->today, today, sizeof today);
	const struct plan_weekinfo *w = &v->weeks[v->cur_week - 1];
	printf("%s\n%s · Week %d: %s\n", v->title, where, v->cur_week, w->theme);
	if (v->today_day) {
		const struct plan_dayinfo *d = &v->days[v->today_day - 1];
		printf("%s · %s\n", today, d->title);
		for (size_t i = 0; i < d->ntasks; i++)
			print_task(v, &v->tasks[d->first + i], 0);
		if (d->ntasks == 0)
			puts("  (no tasks today)");
	} else {
		printf("%s · no plan day today\n", today);
	}
	if (v->overdue) {
		printf("Overdue (%d):\n", v->overdue);
		for (size_t i = 0; i < v->ntasks; i++)
			if (v->tasks[i].overdue)
				print_task(v, &v->tasks[i], 1);
	}
	printf("Week %d: %d/%d tasks done · plan: %d/%d · %d overdue\n", v->cur_week, w->ndone,
	       w->ntasks, v->done, v->total, v->overdue);
	char warn[300];
	if (plan_interview_warning(db, v, warn, sizeof warn))
		printf("Note: %s.\n", warn);
	if (v->review_due)
		printf("Week %d has ended: write its review with 'prepdeck plan review %d "
		       "--moved TEXT --next TEXT'.\n",
		       v->review_due, v->review_due);
	plan_view_free(v);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry plan_today_entry = {
	.name = "today", .args = "[--json|--short]", .summary = "print today's tasks",
	.opts = (const struct cmd_opt[]){
		{ .name = "--json", .type = OPT_FLAG },
		{ .name = "--short", .type = OPT_FLAG },
		{ NULL },
	},
	.exec = cmd_plan_today,
};
/* clang-format on */

static int
cmd_plan_show(struct cmd *c)
{
	struct plan_view *v = load_or_complain(cli_db(c));
	if (v == NULL)
		return EXIT_USER;
	char where[96], start[20];
	plan_where(v, where, sizeof where);
	plan_fmt_day(v->start_day, start, sizeof start);
	printf("%s (%s), day 1 on %s · %s\n", v->title, v->plan_id, start, where);
	printf("Done %d/%d · %d overdue", v->done, v->total, v->overdue);
	if (v->nshifts) {
		int sum = 0;
		for (size_t i = 0; i < v->nshifts; i++)
			sum += v->shifts[i].days;
		printf(" · pushed back %d day%s in total", sum, sum == 1 ? "" : "s");
	}
	putchar('\n');
	for (int wk = 1; wk <= v->nweeks; wk++) {
		const struct plan_weekinfo *w = &v->weeks[wk - 1];
		printf("\nWeek %d: %s  (%d/%d)\n", wk, w->theme, w->ndone, w->ntasks);
		for (int dn = (wk - 1) * 7 + 1; dn <= wk * 7; dn++) {
			const struct plan_dayinfo *d = &v->days[dn - 1];
			char date[20];
			plan_fmt_day(d->date, date, sizeof date);
			int today = dn == v->today_day;
			printf("%s Day %d · %s · %s%s\n", today ? ">" : " ", dn, date, d->title,
			       today ? "  (today)" : "");
			for (size_t i = 0; i < d->ntasks; i++)
				print_task(v, &v->tasks[d->first + i], 0);
		}
		if (w->reviewed)
			printf("  Review of week %d: moved: %s | reprioritize: %s\n", wk,
			       *w->moved ? w->moved : "-",
			       *w->reprioritize ? w->reprioritize : "-");
		else if (w->ended)
			printf("  Review of week %d: not written ('prepdeck plan review %d "
			       "--moved TEXT --next TEXT')\n",
			       wk, wk);
	}
	plan_view_free(v);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry plan_show_entry = {
	.name = "show", .args = "", .summary = "print the whole plan by week and day",
	.exec = cmd_plan_show,
};
/* clang-format on */

static int
cmd_plan_start(struct cmd *c)
{
	const char *id = c->argv[0], *on = arg_str(c, "--on");
	int yes = arg_flag(c, "--yes");
	int64_t start = arg_int(c, "--on", 0);
	struct db *db = cli_db(c);
	int64_t now = now_unix();
	struct settings set;
	settings_load(db, &set);
	int64_t today = day_number(now, set.rollover_hour);
	if (on == NULL)
		start = studyday_plan_start(now, set.rollover_hour);

	struct plan_info *plans;
	size_t np = plan_list(db, &plans);
	const struct plan_info *pi = NULL;
	for (size_t i = 0; i < np; i++)
		if (strcmp(plans[i].id, id) == 0)
			pi = &plans[i];
	int rc = EXIT_OK;
	char *cause = NULL;
	if (pi == NULL) {
		/* plan_start explains: unknown, retired, did you mean. */
		rc = plan_start(db, id, start, 0, now, NULL, &cause) ? cli_cause(cause) : EXIT_OK;
		plan_info_free(plans, np);
		return rc;
	}
	int ndays = 7 * (pi->weeks > 0 ? pi->weeks : 1);
	char d1[20], dn[20];
	plan_fmt_day(start, d1, sizeof d1);
	plan_fmt_day(start + ndays - 1, dn, sizeof dn);
	if (start + ndays - 1 < today) {
		rc = cli_error("starting on %s, the plan '%s' would have ended on %s; pick a "
		               "later date",
		               d1, id, dn);
	} else if (start > today + 365) {
		rc = cli_error("%s is more than a year away; pick an earlier date", d1);
	}
	struct plan_view *old = rc == EXIT_OK ? plan_load(db, now) : NULL;
	if (old != NULL && !yes) {
		char where[96];
		plan_where(old, where, sizeof where);
		where[0] = (char)tolower((unsigned char)where[0]);
		rc = cli_error("the plan '%s' is running (%s, %d of %d tasks done); starting "
		               "'%s' ends it (its ticked tasks and reviews are kept). Run "
		               "'prepdeck plan start %s --yes' to replace it.",
		               old->plan_id, where, old->done, old->total, id, id);
	}
	if (rc == EXIT_OK) {
		if (plan_start(db, id, start, 1, now, NULL, &cause) != 0) {
			rc = cli_cause(cause);
		} else {
			if (old)
				printf("Ended '%s' (%d of %d tasks done; kept in the history).\n",
				       old->plan_id, old->done, old->total);
			printf("Started '%s' (%s): day 1 is %s, day %d is %s.\n", id, pi->title, d1,
			       ndays, dn);
			if (on == NULL && start > today) {
				char td[20];
				plan_fmt_day(today, td, sizeof td);
				printf("Day 1 begins at %02d:00, when the study day turns (until "
				       "then it is still the study day %s).\n",
				       set.rollover_hour, td);
			}
		}
	}
	plan_view_free(old);
	plan_info_free(plans, np);
	return rc;
}

/* clang-format off */
static const struct cmd_entry plan_start_entry = {
	.name = "start", .args = "two-week|six-week|ID [--on YYYY-MM-DD] [--yes]",
	.summary = "start a plan with day 1 today or on a date",
	.opts = (const struct cmd_opt[]){
		{ .name = "--on", .type = OPT_DATE, .arg = "YYYY-MM-DD", .need = "a date YYYY-MM-DD" },
		{ .name = "--yes", .type = OPT_FLAG, .alias = "-y" },
		{ NULL },
	},
	.min = 1, .max = 1, .needs = "a plan: two-week, six-week or another plan's id",
	.exec = cmd_plan_start,
};
/* clang-format on */

/* plan done|undone TASK-ID...: on is the subcommand's name. */
static int
cmd_plan_tick(struct cmd *c)
{
	int on = strcmp(c->entry->name, "done") == 0;
	int argc = c->argc;
	char **argv = c->argv;
	struct db *db = cli_db(c);
	struct plan_view *v = load_or_complain(db);
	if (v == NULL)
		return EXIT_USER;
	int rc = EXIT_OK;
	for (int i = 0; i < argc && rc == EXIT_OK; i++) {
		if (plan_find_task(v, argv[i]) == NULL) {
			const char *s = plan_suggest_task(v, argv[i]);
			rc = cli_error("no task '%s' in the plan '%s'%s%s%s; nothing changed",
			               argv[i], v->plan_id, s ? " (did you mean '" : "", s ? s : "",
			               s ? "'?)" : "");
		}
	}
	for (int i = 0; i < argc && rc == EXIT_OK; i++) {
		char *cause = NULL;
		if (plan_tick(db, v, argv[i], on, now_unix(), &cause) != 0)
			rc = cli_cause(cause);
	}
	if (rc == EXIT_OK) {
		int64_t run = v->run_id;
		plan_view_free(v);
		v = plan_load(db, now_unix());
		for (int i = 0; i < argc && v && v->run_id == run; i++) {
			const struct plan_task *t = plan_find_task(v, argv[i]);
			printf("%s: %s (day %d) %s\n", t->done ? "done" : "not done", t->id, t->day,
			       t->text);
		}
		if (v)
			printf("plan: %d/%d done · %d overdue\n", v->done, v->total, v->overdue);
	}
	plan_view_free(v);
	return rc;
}

#define TICK_SUB(what, sum) \
	static const struct cmd_entry plan_##what##_entry = { \
		.name = #what, \
		.args = "TASK-ID...", \
		.summary = sum, \
		.min = 1, \
		.max = -1, \
		.needs = "a TASK-ID (see 'prepdeck plan show')", \
		.exec = cmd_plan_tick, \
	}
TICK_SUB(done, "tick tasks");
TICK_SUB(undone, "untick tasks");

static int
cmd_plan_shift(struct cmd *c)
{
	const char *ns = c->argv[0], *froms = arg_str(c, "--from");
	int yes = arg_flag(c, "--yes");
	int64_t n64, from64 = 0;
	if (cli_int(c, "plan shift: N (days)", ns, -100000, 100000, &n64) != 0 ||
	    (froms &&
	     cli_int(c, "plan shift: --from (a plan day)", froms, 1, 100000, &from64) != 0))
		return EXIT_USAGE;
	int n = (int)n64, from = (int)from64;
	struct db *db = cli_db(c);
	struct plan_view *v = load_or_complain(db);
	if (v == NULL)
		return EXIT_USER;
	if (froms == NULL)
		from = plan_shift_default_from(v);
	char *cause = NULL;
	char *preview = plan_shift_preview(v, from, n, &cause);
	int rc = EXIT_OK;
	if (preview == NULL) {
		rc = cli_cause(cause);
	} else {
		fputs(preview, stdout);
		free(preview);
		if (!yes) {
			printf("Nothing changed. Run 'prepdeck plan shift %d%s%s --yes' to apply "
			       "it.\n",
			       n, froms ? " --from " : "", froms ? froms : "");
		} else if (plan_shift(db, v, from, n, now_unix(), &cause) != 0) {
			rc = cli_cause(cause);
		} else {
			printf("Applied: days %d-%d moved %d day%s later.\n", from, v->ndays, n,
			       n == 1 ? "" : "s");
		}
	}
	plan_view_free(v);
	return rc;
}

/* clang-format off */
static const struct cmd_entry plan_shift_entry = {
	.name = "shift", .args = "N [--from DAY] [--yes]",
	.summary = "push the rest of the plan back by N days",
	.opts = (const struct cmd_opt[]){
		{ .name = "--from", .type = OPT_STR, .arg = "DAY", .need = "a plan DAY" },
		{ .name = "--yes", .type = OPT_FLAG, .alias = "-y" },
		{ NULL },
	},
	.min = 1, .max = 1, .needs = "the number of days N", .exec = cmd_plan_shift,
};
/* clang-format on */

static void
print_review(const struct plan_view *v, int wk)
{
	const struct plan_weekinfo *w = &v->weeks[wk - 1];
	if (w->reviewed) {
		char at[32];
		fmt_local_stamp(w->reviewed_at, at, sizeof at);
		printf("Week %d (%s), reviewed %s\n  moved: %s\n  reprioritize: %s\n", wk, w->theme,
		       at, w->moved, w->reprioritize);
	} else {
		printf("Week %d (%s): no review%s\n", wk, w->theme,
		       w->ended ? " yet; it has ended" : "");
	}
}

static int
cmd_plan_review(struct cmd *c)
{
	const char *moved = arg_str(c, "--moved"), *next = arg_str(c, "--next");
	const char *weeks = c->argc ? c->argv[0] : NULL;
	int64_t week64 = 0;
	if (weeks && cli_int(c, "plan review: WEEK", weeks, 1, 100000, &week64) != 0)
		return EXIT_USAGE;
	int week = (int)week64;
	const char *texts[2] = { moved, next };
	for (int k = 0; k < 2; k++)
		if (texts[k] && utf8_invalid_at(texts[k], strlen(texts[k])) >= 0)
			return cli_error("plan review: the text is not valid UTF-8");
	struct db *db = cli_db(c);
	struct plan_view *v = load_or_complain(db);
	if (v == NULL)
		return EXIT_USER;
	int rc = EXIT_OK;
	if (week > v->nweeks) {
		rc = cli_error("the plan '%s' has weeks 1-%d, not %d", v->plan_id, v->nweeks, week);
	} else if (moved == NULL && next == NULL) {
		if (week) {
			print_review(v, week);
		} else {
			for (int w = 1; w <= v->nweeks; w++)
				if (v->weeks[w - 1].reviewed || v->weeks[w - 1].ended)
					print_review(v, w);
			if (v->review_due)
				printf("Write the review of week %d with 'prepdeck plan review %d "
				       "--moved TEXT --next TEXT'.\n",
				       v->review_due, v->review_due);
		}
	} else {
		if (week == 0)
			week = v->review_due ? v->review_due : v->cur_week;
		char *cause = NULL;
		if (plan_review_save(db, v, week, moved, next, now_unix(), &cause) != 0) {
			rc = cli_cause(cause);
		} else {
			plan_view_free(v);
			v = plan_load(db, now_unix());
			printf("Saved. ");
			print_review(v, week);
		}
	}
	plan_view_free(v);
	return rc;
}

/* clang-format off */
static const struct cmd_entry plan_review_entry = {
	.name = "review", .args = "[WEEK] [--moved TEXT --next TEXT]",
	.summary = "write or print the weekly reviews",
	.opts = (const struct cmd_opt[]){
		{ .name = "--moved", .type = OPT_STR, .arg = "TEXT", .need = "a TEXT" },
		{ .name = "--next", .type = OPT_STR, .arg = "TEXT", .need = "a TEXT" },
		{ NULL },
	},
	.max = 1, .exec = cmd_plan_review,
};
/* clang-format on */

static int
cmd_plan_list(struct cmd *c)
{
	struct db *db = cli_db(c);
	struct plan_info *p;
	size_t n = plan_list(db, &p);
	struct plan_view *v = plan_load(db, now_unix());
	puts("Plans:");
	for (size_t i = 0; i < n; i++)
		printf("  %-14s %d week%s, %d tasks  %s%s\n", p[i].id, p[i].weeks,
		       p[i].weeks == 1 ? "" : "s", p[i].ntasks, p[i].title,
		       v && strcmp(v->plan_id, p[i].id) == 0 ? "  (running)" : "");
	if (n == 0)
		puts("  (none imported)");
	plan_info_free(p, n);
	plan_view_free(v);
	struct plan_runinfo *r;
	size_t nr = plan_runs(db, &r);
	if (nr)
		puts("Runs:");
	for (size_t i = 0; i < nr; i++) {
		char d[20], e[48] = "running";
		plan_fmt_day(r[i].start_day, d, sizeof d);
		if (!r[i].active) {
			char when[32];
			fmt_local_stamp(r[i].ended_at, when, sizeof when);
			snprintf(e, sizeof e, "ended %s", when);
		}
		printf("  %lld  %-14s day 1 %s, %s, %d tasks ticked\n", (long long)r[i].id,
		       r[i].plan_id, d, e, r[i].ticked);
	}
	plan_runs_free(r, nr);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry plan_list_entry = {
	.name = "list", .args = "", .summary = "list the plans and past runs",
	.exec = cmd_plan_list,
};
/* clang-format on */

static int
cmd_plan_stop(struct cmd *c)
{
	int yes = arg_flag(c, "--yes");
	struct db *db = cli_db(c);
	struct plan_view *v = load_or_complain(db);
	if (v == NULL)
		return EXIT_USER;
	int rc = EXIT_OK;
	if (!yes) {
		rc = cli_error("this ends the plan '%s' (%d of %d tasks done; they are kept). "
		               "Run 'prepdeck plan stop --yes' to end it.",
		               v->plan_id, v->done, v->total);
	} else {
		plan_stop(db, now_unix());
		printf("Ended '%s' (%d of %d tasks done; kept in the history).\n", v->plan_id,
		       v->done, v->total);
	}
	plan_view_free(v);
	return rc;
}

/* clang-format off */
static const struct cmd_entry plan_stop_entry = {
	.name = "stop", .args = "[--yes]", .summary = "end the running plan",
	.opts = (const struct cmd_opt[]){ { .name = "--yes", .type = OPT_FLAG, .alias = "-y" }, { NULL } },
	.exec = cmd_plan_stop,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_plan_entry = {
	.name = "plan", .args = "SUBCOMMAND ...",
	.summary = "follow a study plan: start, today, show, done, shift, review",
	.help = "plan start two-week|six-week|ID [--on YYYY-MM-DD] [--yes] starts a plan with "
	"day 1 today (or on the given date; started between midnight and the "
	"rollover hour, on the study day that begins then); one plan runs at a "
	"time, and replacing a running plan needs --yes (its ticked tasks and "
	"reviews are kept). "
	"plan today [--json|--short] prints today's tasks (day N of M, the week's "
	"theme, each task done, overdue or with its review progress); --json is for "
	"scripts, --short prints one line for a shell prompt (nothing when no plan "
	"runs); plan alone is plan today. plan show prints the whole plan by week "
	"and day with done and overdue marks. plan done TASK-ID... and plan undone "
	"TASK-ID... tick and untick tasks; deck tasks tick themselves when their "
	"count of reviews is reached on their day. plan shift N [--from DAY] [--yes] "
	"pushes the rest of the plan back by N days (by default from the days just "
	"missed, else from today); it prints what moves and changes nothing without "
	"--yes. plan review [WEEK] --moved TEXT --next TEXT stores the weekly review "
	"(what moved, what to reprioritize); without texts it prints the reviews. "
	"plan list lists the plans and past runs; plan stop [--yes] ends the running "
	"plan. Days are study days, which start at the rollover_hour setting.",
	.subs = (const struct cmd_entry *const[]){
		&plan_start_entry, &plan_today_entry, &plan_show_entry, &plan_done_entry,
		&plan_undone_entry, &plan_shift_entry, &plan_review_entry, &plan_list_entry,
		&plan_stop_entry, NULL,
	},
	.dflt = "today",
};
/* clang-format on */

/* ---- checklists ---------------------------------------------------- */

static void
print_last(const struct checklist *k)
{
	if (k->times_done) {
		char at[32];
		fmt_local_stamp(k->last_done, at, sizeof at);
		printf("last completed %s (%d time%s)", at, k->times_done,
		       k->times_done == 1 ? "" : "s");
	} else {
		fputs("never completed", stdout);
	}
}

static int
checklist_show(struct db *db, const char *id)
{
	char *cause = NULL;
	struct checklist *k = checklist_load(db, id, &cause);
	if (k == NULL)
		return cli_cause(cause);
	printf("%s (%s) · %d/%zu ticked · ", k->title, k->id, k->nticked, k->nitems);
	print_last(k);
	putchar('\n');
	for (size_t i = 0; i < k->nitems; i++)
		printf("  %2zu [%s] %-16s %s\n", i + 1, k->items[i].ticked ? "x" : " ",
		       k->items[i].id, k->items[i].text);
	checklist_free(k);
	return EXIT_OK;
}

/* checklist [ID]: the list, or one checklist's items. */
static int
cmd_checklist(struct cmd *c)
{
	if (c->argc == 1)
		return checklist_show(cli_db(c), c->argv[0]);
	struct db *db = cli_db(c);
	struct checklist *all;
	size_t n = checklist_list(db, &all);
	for (size_t i = 0; i < n; i++) {
		printf("%-20s %-32s %d/%zu  ", all[i].id, all[i].title, all[i].nticked,
		       all[i].nitems);
		print_last(&all[i]);
		putchar('\n');
	}
	if (n == 0)
		puts("No checklists are imported.");
	checklist_list_free(all, n);
	return EXIT_OK;
}

/* checklist tick|untick ID ITEM...: tick is the subcommand's name. */
static int
cmd_checklist_tick(struct cmd *c)
{
	int tick = strcmp(c->entry->name, "tick") == 0;
	const char *id = c->argv[0];
	struct db *db = cli_db(c);
	char *cause = NULL;
	int64_t now = now_unix();
	int completed = 0;
	for (int i = 1; i < c->argc; i++) {
		int comp = 0;
		if (checklist_tick(db, id, c->argv[i], tick, now, &comp, &cause) != 0)
			return cli_cause(cause);
		completed |= comp;
	}
	int rc = checklist_show(db, id);
	if (completed)
		printf("Checklist complete; recorded. 'prepdeck checklist reset %s' clears it "
		       "for the next use.\n",
		       id);
	return rc;
}

static int
cmd_checklist_reset(struct cmd *c)
{
	char *cause = NULL;
	int n = checklist_reset(cli_db(c), c->argv[0], &cause);
	if (n < 0)
		return cli_cause(cause);
	printf("Reset '%s': %d item%s unticked.\n", c->argv[0], n, n == 1 ? "" : "s");
	return EXIT_OK;
}

static int
cmd_checklist_done(struct cmd *c)
{
	char *cause = NULL;
	if (checklist_done(cli_db(c), c->argv[0], now_unix(), &cause) != 0)
		return cli_cause(cause);
	printf("Recorded a completed pass of '%s'.\n", c->argv[0]);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry checklist_tick_entry = {
	.name = "tick", .args = "ID ITEM...", .summary = "tick items (by id or number)",
	.min = 2, .max = -1, .needs = "a checklist ID and ITEM (its id or number)",
	.exec = cmd_checklist_tick,
};
/* clang-format on */

/* clang-format off */
static const struct cmd_entry checklist_untick_entry = {
	.name = "untick", .args = "ID ITEM...", .summary = "untick items",
	.min = 2, .max = -1, .needs = "a checklist ID and ITEM (its id or number)",
	.exec = cmd_checklist_tick,
};
/* clang-format on */

/* clang-format off */
static const struct cmd_entry checklist_reset_entry = {
	.name = "reset", .args = "ID", .summary = "untick everything for the next use",
	.min = 1, .max = 1, .needs = "a checklist ID", .exec = cmd_checklist_reset,
};
/* clang-format on */

/* clang-format off */
static const struct cmd_entry checklist_done_entry = {
	.name = "done", .args = "ID", .summary = "record a completed pass",
	.min = 1, .max = 1, .needs = "a checklist ID", .exec = cmd_checklist_done,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_checklist_entry = {
	.name = "checklist", .args = "[ID] | tick|untick|reset|done ID [ITEM...]",
	.summary = "tick checklists for the next use",
	.help = "Without arguments lists the checklists with items ticked and when each was "
	"last completed; with an ID prints its items. checklist tick ID ITEM... "
	"ticks items (by id or number) and records the checklist as completed when "
	"the last one is ticked; checklist untick ID ITEM... unticks; checklist "
	"reset ID unticks everything for the next use; checklist done ID records a "
	"completed pass.",
	.max = 1, .exec = cmd_checklist,
	.subs = (const struct cmd_entry *const[]){
		&checklist_tick_entry, &checklist_untick_entry, &checklist_reset_entry,
		&checklist_done_entry, NULL,
	},
};
/* clang-format on */
