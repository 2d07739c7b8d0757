/* The `plan` and `checklist` commands: start a plan, today's tasks (text
 * or JSON for scripts and shell prompts), the whole plan, ticks, shifts,
 * weekly reviews, and checklists. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checklist.h"
#include "cli_plan.h"
#include "deadline.h"
#include "plan.h"
#include "settings.h"
#include "studyday.h"
#include "util.h"

/* Parses a whole decimal integer; returns 0 or -1. */
static int
parse_int(const char *s, int *v)
{
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno || x < -1000000 || x > 1000000)
		return -1;
	*v = (int)x;
	return 0;
}

/* A local date and time, "Mon 2025-03-10 21:04". */
static void
fmt_local(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, n, "%a %Y-%m-%d %H:%M", &tm);
}

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

/* "Day 9 of 42", "Starts Mon 2025-03-10", ... for the view's today. */
static void
fmt_where(const struct plan_view *v, char *buf, size_t n)
{
	char d[20];
	switch (v->phase) {
	case PLAN_ON:
		snprintf(buf, n, "Day %d of %d", v->today_day, v->ndays);
		break;
	case PLAN_BEFORE:
		plan_fmt_day(plan_date(v, 1), d, sizeof d);
		snprintf(buf, n, "Day 1 of %d comes on %s", v->ndays, d);
		break;
	case PLAN_BREAK:
		plan_fmt_day(plan_date(v, v->pos + 1), d, sizeof d);
		snprintf(buf, n, "A free day; day %d of %d comes on %s", v->pos + 1, v->ndays, d);
		break;
	case PLAN_AFTER:
		plan_fmt_day(plan_date(v, v->ndays), d, sizeof d);
		snprintf(buf, n, "Finished: day %d was %s", v->ndays, d);
		break;
	}
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
	       "\"plan\":{\"done\":%d,\"total\":%d}},\"review_due\":", w->ndone, w->ntasks,
	       v->done, v->total);
	if (v->review_due)
		printf("%d", v->review_due);
	else
		fputs("null", stdout);
	char warn[300];
	fputs(",\"interview_warning\":", stdout);
	if (deadline_plan_warning(db, v, warn, sizeof warn))
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
		printf("Day %d/%d · today %d/%zu", v->today_day, v->ndays, day->ndone,
		       day->ntasks);
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
plan_today(struct cli *c, int argc, char **argv)
{
	int json = 0, brief = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--short") == 0)
			brief = 1;
		else
			return cli_usage("plan", "plan today: unexpected argument '%s'", argv[i]);
	}
	if (json && brief)
		return cli_usage("plan", "plan today: --json and --short exclude each other");
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
	fmt_where(v, where, sizeof where);
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
	printf("Week %d: %d/%d tasks done · plan: %d/%d · %d overdue\n", v->cur_week,
	       w->ndone, w->ntasks, v->done, v->total, v->overdue);
	char warn[300];
	if (deadline_plan_warning(db, v, warn, sizeof warn))
		printf("Note: %s.\n", warn);
	if (v->review_due)
		printf("Week %d has ended: write its review with 'prepdeck plan review %d "
		       "--moved TEXT --next TEXT'.\n", v->review_due, v->review_due);
	plan_view_free(v);
	return EXIT_OK;
}

static int
plan_show(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage("plan", "plan show: unexpected argument '%s'", argv[1]);
	struct plan_view *v = load_or_complain(cli_db(c));
	if (v == NULL)
		return EXIT_USER;
	char where[96], start[20];
	fmt_where(v, where, sizeof where);
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
			       "--moved TEXT --next TEXT')\n", wk, wk);
	}
	plan_view_free(v);
	return EXIT_OK;
}

static int
plan_start_cmd(struct cli *c, int argc, char **argv)
{
	const char *id = NULL, *on = NULL;
	int yes = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--on") == 0) {
			if (i + 1 >= argc)
				return cli_usage("plan", "plan start: --on needs a date YYYY-MM-DD");
			on = argv[++i];
		} else if (str_prefix(argv[i], "--on=")) {
			on = argv[i] + 5;
		} else if (strcmp(argv[i], "--yes") == 0 || strcmp(argv[i], "-y") == 0) {
			yes = 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage("plan", "plan start: unknown option '%s'", argv[i]);
		} else if (id == NULL) {
			id = argv[i];
		} else {
			return cli_usage("plan", "plan start: unexpected argument '%s'", argv[i]);
		}
	}
	if (id == NULL)
		return cli_usage("plan", "plan start needs a plan: two-week, six-week or "
		                 "another plan's id");
	int64_t start;
	if (on != NULL && parse_date(on, &start) != 0)
		return cli_usage("plan", "plan start: --on needs a real date as YYYY-MM-DD, "
		                 "got '%s'", on);
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
		               "later date", d1, id, dn);
	} else if (start > today + 365) {
		rc = cli_error("%s is more than a year away; pick an earlier date", d1);
	}
	struct plan_view *old = rc == EXIT_OK ? plan_load(db, now) : NULL;
	if (old != NULL && !yes) {
		char where[96];
		fmt_where(old, where, sizeof where);
		where[0] = (char)tolower((unsigned char)where[0]);
		rc = cli_error("the plan '%s' is running (%s, %d of %d tasks done); starting "
		               "'%s' ends it (its ticked tasks and reviews are kept). Run "
		               "'prepdeck plan start %s --yes' to replace it.", old->plan_id,
		               where, old->done, old->total, id, id);
	}
	if (rc == EXIT_OK) {
		if (plan_start(db, id, start, 1, now, NULL, &cause) != 0) {
			rc = cli_cause(cause);
		} else {
			if (old)
				printf("Ended '%s' (%d of %d tasks done; kept in the history).\n",
				       old->plan_id, old->done, old->total);
			printf("Started '%s' (%s): day 1 is %s, day %d is %s.\n", id, pi->title,
			       d1, ndays, dn);
			if (on == NULL && start > today) {
				char td[20];
				plan_fmt_day(today, td, sizeof td);
				printf("Day 1 begins at %02d:00, when the study day turns (until "
				       "then it is still the study day %s).\n", set.rollover_hour, td);
			}
		}
	}
	plan_view_free(old);
	plan_info_free(plans, np);
	return rc;
}

static int
plan_tick_cmd(struct cli *c, int argc, char **argv, int on)
{
	if (argc < 2)
		return cli_usage("plan", "plan %s needs a TASK-ID (see 'prepdeck plan show')",
		                 argv[0]);
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-')
			return cli_usage("plan", "plan %s: unknown option '%s'", argv[0], argv[i]);
	struct db *db = cli_db(c);
	struct plan_view *v = load_or_complain(db);
	if (v == NULL)
		return EXIT_USER;
	int rc = EXIT_OK;
	for (int i = 1; i < argc && rc == EXIT_OK; i++) {
		if (plan_find_task(v, argv[i]) == NULL) {
			const char *s = plan_suggest_task(v, argv[i]);
			rc = cli_error("no task '%s' in the plan '%s'%s%s%s; nothing changed",
			               argv[i], v->plan_id, s ? " (did you mean '" : "", s ? s : "",
			               s ? "'?)" : "");
		}
	}
	for (int i = 1; i < argc && rc == EXIT_OK; i++) {
		char *cause = NULL;
		if (plan_tick(db, v, argv[i], on, now_unix(), &cause) != 0)
			rc = cli_cause(cause);
	}
	if (rc == EXIT_OK) {
		int64_t run = v->run_id;
		plan_view_free(v);
		v = plan_load(db, now_unix());
		for (int i = 1; i < argc && v && v->run_id == run; i++) {
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

static int
plan_shift_cmd(struct cli *c, int argc, char **argv)
{
	const char *ns = NULL, *froms = NULL;
	int yes = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--yes") == 0 || strcmp(argv[i], "-y") == 0) {
			yes = 1;
		} else if (strcmp(argv[i], "--from") == 0) {
			if (i + 1 >= argc)
				return cli_usage("plan", "plan shift: --from needs a plan DAY");
			froms = argv[++i];
		} else if (argv[i][0] == '-' && !(argv[i][1] >= '0' && argv[i][1] <= '9')) {
			return cli_usage("plan", "plan shift: unknown option '%s'", argv[i]);
		} else if (ns == NULL) {
			ns = argv[i];
		} else {
			return cli_usage("plan", "plan shift: unexpected argument '%s'", argv[i]);
		}
	}
	int n, from = 0;
	if (ns == NULL)
		return cli_usage("plan", "plan shift needs the number of days N");
	if (parse_int(ns, &n) != 0)
		return cli_usage("plan", "plan shift: N must be a whole number of days, got '%s'",
		                 ns);
	if (froms && parse_int(froms, &from) != 0)
		return cli_usage("plan", "plan shift: --from must be a plan day number, got '%s'",
		                 froms);
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
			       "it.\n", n, froms ? " --from " : "", froms ? froms : "");
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

static void
print_review(const struct plan_view *v, int wk)
{
	const struct plan_weekinfo *w = &v->weeks[wk - 1];
	if (w->reviewed) {
		char at[32];
		fmt_local(w->reviewed_at, at, sizeof at);
		printf("Week %d (%s), reviewed %s\n  moved: %s\n  reprioritize: %s\n", wk,
		       w->theme, at, w->moved, w->reprioritize);
	} else {
		printf("Week %d (%s): no review%s\n", wk, w->theme,
		       w->ended ? " yet; it has ended" : "");
	}
}

static int
plan_review_cmd(struct cli *c, int argc, char **argv)
{
	const char *moved = NULL, *next = NULL, *weeks = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--moved") == 0 || strcmp(argv[i], "--next") == 0) {
			if (i + 1 >= argc)
				return cli_usage("plan", "plan review: %s needs a TEXT", argv[i]);
			if (argv[i][2] == 'm')
				moved = argv[++i];
			else
				next = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage("plan", "plan review: unknown option '%s'", argv[i]);
		} else if (weeks == NULL) {
			weeks = argv[i];
		} else {
			return cli_usage("plan", "plan review: unexpected argument '%s'", argv[i]);
		}
	}
	int week = 0;
	if (weeks && (parse_int(weeks, &week) != 0 || week < 1))
		return cli_usage("plan", "plan review: WEEK must be a week number, got '%s'",
		                 weeks);
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
				       "--moved TEXT --next TEXT'.\n", v->review_due, v->review_due);
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

static int
plan_list_cmd(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage("plan", "plan list: unexpected argument '%s'", argv[1]);
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
			fmt_local(r[i].ended_at, when, sizeof when);
			snprintf(e, sizeof e, "ended %s", when);
		}
		printf("  %lld  %-14s day 1 %s, %s, %d tasks ticked\n", (long long)r[i].id,
		       r[i].plan_id, d, e, r[i].ticked);
	}
	plan_runs_free(r, nr);
	return EXIT_OK;
}

static int
plan_stop_cmd(struct cli *c, int argc, char **argv)
{
	int yes = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--yes") == 0 || strcmp(argv[i], "-y") == 0)
			yes = 1;
		else
			return cli_usage("plan", "plan stop: unexpected argument '%s'", argv[i]);
	}
	struct db *db = cli_db(c);
	struct plan_view *v = load_or_complain(db);
	if (v == NULL)
		return EXIT_USER;
	int rc = EXIT_OK;
	if (!yes) {
		rc = cli_error("this ends the plan '%s' (%d of %d tasks done; they are kept). "
		               "Run 'prepdeck plan stop --yes' to end it.", v->plan_id, v->done,
		               v->total);
	} else {
		plan_stop(db, now_unix());
		printf("Ended '%s' (%d of %d tasks done; kept in the history).\n", v->plan_id,
		       v->done, v->total);
	}
	plan_view_free(v);
	return rc;
}

int
cli_plan(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return plan_today(c, 1, argv);
	const char *sub = argv[1];
	argc--;
	argv++;
	if (strcmp(sub, "start") == 0)
		return plan_start_cmd(c, argc, argv);
	if (strcmp(sub, "today") == 0)
		return plan_today(c, argc, argv);
	if (strcmp(sub, "show") == 0)
		return plan_show(c, argc, argv);
	if (strcmp(sub, "done") == 0)
		return plan_tick_cmd(c, argc, argv, 1);
	if (strcmp(sub, "undone") == 0)
		return plan_tick_cmd(c, argc, argv, 0);
	if (strcmp(sub, "shift") == 0)
		return plan_shift_cmd(c, argc, argv);
	if (strcmp(sub, "review") == 0)
		return plan_review_cmd(c, argc, argv);
	if (strcmp(sub, "list") == 0)
		return plan_list_cmd(c, argc, argv);
	if (strcmp(sub, "stop") == 0)
		return plan_stop_cmd(c, argc, argv);
	return cli_usage("plan", "plan: unknown subcommand '%s' (start, today, show, done, "
	                 "undone, shift, review, list, stop)", sub);
}

/* ---- checklists ---------------------------------------------------- */

static void
print_last(const struct checklist *k)
{
	if (k->times_done) {
		char at[32];
		fmt_local(k->last_done, at, sizeof at);
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

int
cli_checklist(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage("checklist", "checklist: unknown option '%s'", argv[i]);
	if (argc == 1) {
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
	const char *sub = argv[1];
	int tick = strcmp(sub, "tick") == 0, untick = strcmp(sub, "untick") == 0;
	int reset = strcmp(sub, "reset") == 0, done = strcmp(sub, "done") == 0;
	if (!tick && !untick && !reset && !done) {
		if (argc > 2)
			return cli_usage("checklist", "checklist: unknown subcommand '%s' (tick, "
			                 "untick, reset, done) or unexpected argument '%s'", sub,
			                 argv[2]);
		return checklist_show(cli_db(c), sub);
	}
	if (argc < 3)
		return cli_usage("checklist", "checklist %s needs a checklist ID", sub);
	const char *id = argv[2];
	if ((tick || untick) && argc < 4)
		return cli_usage("checklist", "checklist %s needs ITEM (its id or number)", sub);
	if ((reset || done) && argc > 3)
		return cli_usage("checklist", "checklist %s: unexpected argument '%s'", sub,
		                 argv[3]);
	struct db *db = cli_db(c);
	char *cause = NULL;
	int64_t now = now_unix();
	if (reset) {
		int n = checklist_reset(db, id, &cause);
		if (n < 0)
			return cli_cause(cause);
		printf("Reset '%s': %d item%s unticked.\n", id, n, n == 1 ? "" : "s");
		return EXIT_OK;
	}
	if (done) {
		if (checklist_done(db, id, now, &cause) != 0)
			return cli_cause(cause);
		printf("Recorded a completed pass of '%s'.\n", id);
		return EXIT_OK;
	}
	int completed = 0;
	for (int i = 3; i < argc; i++) {
		int comp = 0;
		if (checklist_tick(db, id, argv[i], tick, now, &comp, &cause) != 0)
			return cli_cause(cause);
		completed |= comp;
	}
	int rc = checklist_show(db, id);
	if (completed)
		printf("Checklist complete; recorded. 'prepdeck checklist reset %s' clears it "
		       "for the next use.\n", id);
	return rc;
}
