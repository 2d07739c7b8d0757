/* `prepdeck mock ...` (mock-round scorecards) and `prepdeck stats`. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_stats.h"
#include "parse.h"
#include "scorecard.h"
#include "settings.h"
#include "rehearsal.h"
#include "stats.h"
#include "util.h"

/* Parses CAT=N:EVIDENCE into sc (strings point into arg's copy *buf). */
static int
parse_score(const char *arg, struct scorecard_score *sc, char **buf)
{
	*buf = xstrdup(arg);
	char *eq = strchr(*buf, '=');
	if (eq == NULL || eq == *buf)
		return -1;
	*eq = '\0';
	char *num = eq + 1;
	char *colon = strchr(num, ':');
	if (colon)
		*colon = '\0';
	int64_t v;
	/* The range (1 to 4) is the scorecard's to check and explain. */
	if (parse_int(NULL, num, -99, 99, &v, NULL) != 0)
		return -1;
	sc->cat_id = *buf;
	sc->name = NULL;
	sc->score = (int)v;
	sc->evidence = colon ? colon + 1 : "";
	return 0;
}

static int
cmd_mock_record(struct cmd *c)
{
	struct scorecard sc;
	memset(&sc, 0, sizeof sc);
	const char *rubric = c->argv[0], *day = arg_str(c, "--date");
	const char *partner = arg_str(c, "--partner"), *fix = arg_str(c, "--fix");
	size_t nv;
	const char **given = arg_list(c, "--score", &nv);
	char **bufs = xcalloc(nv + 1, sizeof *bufs);
	sc.scores = xcalloc(nv + 1, sizeof *sc.scores);
	int rc = EXIT_OK;
	if (partner == NULL)
		partner = "";
	for (size_t i = 0; i < nv && rc == EXIT_OK; i++) {
		if (parse_score(given[i], &sc.scores[sc.nscores], &bufs[i]) != 0)
			rc = cli_usage(c,
			               "mock record: '%s' is not CAT=N:EVIDENCE "
			               "(N is a score from 1 to 4)",
			               given[i]);
		else
			sc.nscores++;
	}
	if (rc == EXIT_OK && sc.nscores == 0)
		rc = cli_usage(c, "mock record needs --score CAT=N:EVIDENCE for each category");
	else if (rc == EXIT_OK && fix == NULL)
		rc = cli_usage(c, "mock record needs --fix TEXT: the one thing to fix next");
	if (rc == EXIT_OK) {
		struct db *db = cli_db(c);
		int64_t now = now_unix();
		char today[16], *cause = NULL;
		if (day == NULL) {
			struct settings set;
			settings_load(db, &set);
			fmt_date(day_number(now, set.rollover_hour), today, sizeof today);
			day = today;
		}
		sc.rubric_id = (char *)rubric;
		sc.day = (char *)day;
		sc.partner = (char *)partner;
		sc.fix_next = (char *)fix;
		int64_t id;
		if (scorecard_record(db, &sc, now, &id, &cause) != 0)
			rc = cli_cause(cause);
		else
			printf("recorded scorecard %lld: %s on %s, mean %.2f\n", (long long)id,
			       rubric, day, scorecard_mean(&sc));
	}
	for (size_t i = 0; i < nv; i++)
		free(bufs[i]);
	free(bufs);
	free(sc.scores);
	return rc;
}

/* clang-format off */
static const struct cmd_entry mock_record_entry = {
	.name = "record",
	.args = "RUBRIC --score CAT=N:EVIDENCE... --fix TEXT [--partner NAME] [--date YYYY-MM-DD]",
	.summary = "record a mock round scored on a rubric",
	.opts = (const struct cmd_opt[]){
		{ .name = "--score", .type = OPT_STR, .arg = "CAT=N:EVIDENCE", .many = 1 },
		{ .name = "--date", .type = OPT_STR, .arg = "YYYY-MM-DD" },
		{ .name = "--partner", .type = OPT_STR, .arg = "NAME", .need = "a NAME" },
		{ .name = "--fix", .type = OPT_STR, .arg = "TEXT", .need = "a TEXT" },
		{ NULL },
	},
	.min = 1, .max = 1, .needs = "a RUBRIC (see 'prepdeck mock rubrics')",
	.exec = cmd_mock_record,
};
/* clang-format on */

static int
cmd_mock_list(struct cmd *c)
{
	struct db *db = cli_db(c);
	const char *rubric = c->argc == 1 ? c->argv[0] : NULL;
	struct scorecard *list;
	size_t n;
	scorecard_list(db, rubric, &list, &n);
	if (rubric && n == 0) {
		/* No rounds: is it a rubric at all? (A retired one may still
		 * have old rounds, listed above.) */
		struct scorecard_rubric r;
		char *cause = NULL;
		if (scorecard_rubric_load(db, rubric, &r, &cause) != 0) {
			scorecard_list_free(list, n);
			return cli_cause(cause);
		}
		scorecard_rubric_free(&r);
	}
	if (n == 0)
		printf("no mock rounds recorded yet (see 'prepdeck help mock')\n");
	else
		printf("%4s  %-10s  %-18s %5s  %-6s  %s\n", "id", "date", "rubric", "mean",
		       "scored", "partner: fix next");
	for (size_t i = 0; i < n; i++) {
		const struct scorecard *s = &list[i];
		char scored[32];
		snprintf(scored, sizeof scored, "%zu/%d", s->nscores, s->ncats);
		printf("%4lld  %-10s  %-18s %5.2f  %-6s  %s%s%s\n", (long long)s->id, s->day,
		       s->rubric_id, scorecard_mean(s), scored, *s->partner ? s->partner : "-",
		       ": ", *s->fix_next ? s->fix_next : "-");
	}
	scorecard_list_free(list, n);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry mock_list_entry = {
	.name = "list", .args = "[RUBRIC]", .summary = "list the rounds, newest first",
	.max = 1, .exec = cmd_mock_list,
};
/* clang-format on */

static int
cmd_mock_show(struct cmd *c)
{
	int64_t id;
	if (cli_int(c, "the scorecard ID", c->argv[0], 1, INT64_MAX, &id) != 0)
		return EXIT_USAGE;
	struct db *db = cli_db(c);
	struct scorecard s;
	char *cause = NULL;
	if (scorecard_get(db, id, &s, &cause) != 0)
		return cli_cause(cause);
	printf("scorecard %lld: %s (%s)\ndate: %s\npartner: %s\nmean: %.2f (%zu of %d "
	       "categories scored)\n",
	       (long long)s.id, s.rubric_title, s.rubric_id, s.day, *s.partner ? s.partner : "-",
	       scorecard_mean(&s), s.nscores, s.ncats);
	for (size_t i = 0; i < s.nscores; i++)
		printf("  %-16s %d  %s\n", s.scores[i].cat_id, s.scores[i].score,
		       s.scores[i].evidence);
	printf("fix next: %s\n", *s.fix_next ? s.fix_next : "-");
	scorecard_free(&s);
	return EXIT_OK;
}

/* The scorecard ID of show and delete. */
#define SCORECARD_ID_NEEDED "one scorecard ID (a number from 'prepdeck mock list')"

/* clang-format off */
static const struct cmd_entry mock_show_entry = {
	.name = "show", .args = "ID", .summary = "print one round",
	.min = 1, .max = 1, .needs = SCORECARD_ID_NEEDED, .exec = cmd_mock_show,
	.flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_mock_delete(struct cmd *c)
{
	int64_t id;
	if (cli_int(c, "the scorecard ID", c->argv[0], 1, INT64_MAX, &id) != 0)
		return EXIT_USAGE;
	char *cause = NULL;
	if (scorecard_delete(cli_db(c), id, &cause) != 0)
		return cli_cause(cause);
	printf("deleted scorecard %lld\n", (long long)id);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry mock_delete_entry = {
	.name = "delete", .args = "ID", .summary = "remove one round",
	.min = 1, .max = 1, .needs = SCORECARD_ID_NEEDED, .exec = cmd_mock_delete,
	.flags = CMD_OPERANDS,
};
/* clang-format on */

static int
cmd_mock_rubrics(struct cmd *c)
{
	struct db *db = cli_db(c);
	if (c->argc == 1) {
		struct scorecard_rubric r;
		char *cause = NULL;
		if (scorecard_rubric_load(db, c->argv[0], &r, &cause) != 0)
			return cli_cause(cause);
		printf("%s: %s\n", r.id, r.title);
		for (size_t i = 0; i < r.ncats; i++) {
			printf("\n%s (%s)\n", r.cats[i].name, r.cats[i].id);
			for (int k = 0; k < 4; k++)
				printf("  %d  %s\n", k + 1, r.cats[i].level[k]);
		}
		scorecard_rubric_free(&r);
		return EXIT_OK;
	}
	struct scorecard_rubric *r;
	size_t n;
	scorecard_rubrics(db, &r, &n);
	for (size_t i = 0; i < n; i++) {
		printf("%-18s %s\n%18s ", r[i].id, r[i].title, "");
		for (size_t k = 0; k < r[i].ncats; k++)
			printf("%s%s", k ? " " : "", r[i].cats[k].id);
		printf("\n");
	}
	scorecard_rubrics_free(r, n);
	return EXIT_OK;
}

/* clang-format off */
static const struct cmd_entry mock_rubrics_entry = {
	.name = "rubrics", .args = "[RUBRIC]",
	.summary = "list the rubrics, or one rubric's level descriptions",
	.max = 1, .exec = cmd_mock_rubrics,
};
/* clang-format on */

/* clang-format off */
const struct cmd_entry cmd_mock_entry = {
	.name = "mock", .args = "SUBCOMMAND ...",
	.summary = "record and list mock-round scorecards",
	.help = "mock record RUBRIC --score CAT=N:EVIDENCE... --fix TEXT [--partner NAME] "
	"[--date YYYY-MM-DD] records a mock round scored on RUBRIC (mock-coding, "
	"mock-ml-design, mock-behavioral or any rubric from the curriculum): every "
	"category of the rubric once, N from 1 to 4, with one sentence of evidence, "
	"and the one thing to fix next (shown on the Today screen). The date "
	"defaults to today. mock list [RUBRIC] lists the rounds, newest first; mock "
	"show ID prints one; mock delete ID removes one; mock rubrics [RUBRIC] "
	"lists the rubrics and their categories, or one rubric's level "
	"descriptions.",
	.subs = (const struct cmd_entry *const[]){
		&mock_record_entry, &mock_list_entry, &mock_show_entry, &mock_delete_entry,
		&mock_rubrics_entry, NULL,
	},
};
/* clang-format on */

/* --- stats ------------------------------------------------------------ */

static void
json_day(FILE *fp, int64_t day)
{
	char buf[16];
	fmt_date(day, buf, sizeof buf);
	json_put_str(fp, buf);
}

static void
json_ratio(FILE *fp, int passed, int reviews)
{
	double r = stats_ratio(passed, reviews);
	if (r < 0)
		fputs("null", fp);
	else
		fprintf(fp, "%.4f", r);
}

static void
stats_json(FILE *fp, const struct stats *s)
{
	fprintf(fp, "{\n  \"now\": %lld,\n  \"today\": ", (long long)s->now);
	json_day(fp, s->today);
	fprintf(fp, ",\n  \"rollover_hour\": %d,\n", s->rollover_hour);

	fprintf(fp, "  \"activity\": {\n    \"first_day\": ");
	json_day(fp, s->heat_first);
	fprintf(fp, ",\n    \"days\": [");
	for (int i = 0; i < STATS_HEAT_DAYS; i++)
		fprintf(fp, "%s%d", i ? "," : "", s->heat[i]);
	fprintf(fp,
	        "],\n    \"total\": %d,\n    \"active_days\": %d,\n"
	        "    \"max\": %d,\n    \"streak\": %d\n  },\n",
	        s->heat_total, s->heat_active, s->heat_max, s->streak);

	fprintf(fp, "  \"forecast\": {\n    \"overdue\": %d,\n    \"days\": [", s->overdue);
	for (int i = 0; i < STATS_FORECAST_DAYS; i++)
		fprintf(fp, "%s%d", i ? "," : "", s->forecast[i]);
	fprintf(fp, "],\n    \"total\": %d\n  },\n", s->forecast_total);

	fprintf(fp,
	        "  \"retention\": {\n    \"window_days\": %d,\n    \"desired\": %.2f,\n"
	        "    \"reviews\": %d,\n    \"passed\": %d,\n    \"true\": ",
	        STATS_RETENTION_DAYS, s->desired, s->ret_reviews, s->ret_passed);
	json_ratio(fp, s->ret_passed, s->ret_reviews);
	fprintf(fp, ",\n    \"decks\": [");
	for (size_t i = 0; i < s->ndecks; i++) {
		const struct stats_deck *d = &s->decks[i];
		fprintf(fp, "%s\n      {\"id\": ", i ? "," : "");
		json_put_str(fp, d->id);
		fprintf(fp, ", \"title\": ");
		json_put_str(fp, d->title);
		fprintf(fp, ", \"reviews\": %d, \"passed\": %d, \"true\": ", d->reviews, d->passed);
		json_ratio(fp, d->passed, d->reviews);
		fputc('}', fp);
	}
	fprintf(fp, "%s]\n  },\n", s->ndecks ? "\n    " : "");

	fprintf(fp,
	        "  \"cards\": {\"new\": %d, \"learning\": %d, \"young\": %d, "
	        "\"mature\": %d, \"suspended\": %d},\n",
	        s->n_new, s->n_learning, s->n_young, s->n_mature, s->n_suspended);

	fprintf(fp, "  \"rehearsals\": [");
	for (size_t i = 0; i < s->nstories; i++) {
		const struct stats_story *t = &s->stories[i];
		fprintf(fp, "%s\n    {\"story\": ", i ? "," : "");
		if (t->story_id)
			json_put_str(fp, t->story_id);
		else
			fputs("null", fp);
		fprintf(fp, ", \"title\": ");
		json_put_str(fp, t->title);
		fprintf(fp, ", \"mode\": ");
		json_put_str(fp, t->mode);
		fprintf(fp, ", \"worst_section\": ");
		if (t->worst_section)
			json_put_str(fp, t->worst_section);
		else
			fputs("null", fp);
		fprintf(fp, ", \"worst_over\": %d, \"sessions\": [", t->worst_over);
		for (size_t k = 0; k < t->n; k++)
			fprintf(fp,
			        "%s{\"started_at\": %lld, \"total_ms\": %lld, "
			        "\"budget_ms\": %lld, \"sections_over\": %d}",
			        k ? ", " : "", (long long)t->s[k].at, (long long)t->s[k].total_ms,
			        (long long)t->s[k].budget_ms, t->s[k].sections_over);
		fprintf(fp, "]}");
	}
	fprintf(fp, "%s],\n", s->nstories ? "\n  " : "");

	fprintf(fp, "  \"scores\": [");
	for (size_t i = 0; i < s->ntrends; i++) {
		const struct stats_trend *t = &s->trends[i];
		fprintf(fp, "%s\n    {\"source\": ", i ? "," : "");
		json_put_str(fp, t->source);
		fprintf(fp, ", \"category\": ");
		json_put_str(fp, t->cat_id);
		fprintf(fp, ", \"name\": ");
		json_put_str(fp, t->name);
		fprintf(fp, ", \"points\": [");
		for (size_t k = 0; k < t->n; k++) {
			fprintf(fp, "%s{\"day\": ", k ? ", " : "");
			json_day(fp, t->p[k].day);
			fprintf(fp, ", \"score\": %d}", t->p[k].score);
		}
		fprintf(fp, "]}");
	}
	fprintf(fp, "%s],\n", s->ntrends ? "\n  " : "");

	fprintf(fp, "  \"gapmaps\": [");
	for (size_t i = 0; i < s->ngaps; i++) {
		const struct stats_gapmap *g = &s->gaps[i];
		fprintf(fp, "%s\n    {\"id\": ", i ? "," : "");
		json_put_str(fp, g->id);
		fprintf(fp, ", \"title\": ");
		json_put_str(fp, g->title);
		fprintf(fp, ", \"skills\": %d, \"edits\": %d, \"points\": [", g->skills, g->edits);
		for (size_t k = 0; k < g->n; k++) {
			fprintf(fp, "%s{\"day\": ", k ? ", " : "");
			json_day(fp, g->p[k].day);
			fprintf(fp, ", \"mean\": %.3f, \"rated\": %d}", g->p[k].mean,
			        g->p[k].rated);
		}
		fprintf(fp, "]}");
	}
	fprintf(fp, "%s]\n}\n", s->ngaps ? "\n  " : "");
}

static void
print_pct(FILE *fp, int passed, int reviews)
{
	double r = stats_ratio(passed, reviews);
	if (r < 0)
		fprintf(fp, "%6s", "-");
	else
		fprintf(fp, "%5.1f%%", 100.0 * r);
}

static void
stats_text(FILE *fp, const struct stats *s)
{
	static const char levels[] = ".:oO#";
	static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	char a[32], b[32];

	fmt_date(s->heat_first, a, sizeof a);
	fmt_date(s->today, b, sizeof b);
	fprintf(fp, "Review activity, %s to %s (%d weeks)\n", a, b, STATS_HEAT_DAYS / 7);
	int weeks = stats_heat_weeks(s);
	for (int d = 0; d < 7; d++) {
		fprintf(fp, "  %s ", wd[d]);
		for (int w = 0; w < weeks; w++) {
			int k = stats_heat_index(s, w, d);
			fputc(k < 0 ? ' ' : levels[stats_heat_level(s->heat[k], s->heat_max)], fp);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "  answers %d on %d of %d days; busiest day %d; streak %d day%s\n\n",
	        s->heat_total, s->heat_active, STATS_HEAT_DAYS, s->heat_max, s->streak,
	        s->streak == 1 ? "" : "s");

	fprintf(fp, "Due in the next %d days: %d (today %d, of which %d overdue)\n",
	        STATS_FORECAST_DAYS, s->forecast_total, s->forecast[0], s->overdue);
	for (int i = 0; i < STATS_FORECAST_DAYS; i++) {
		if (i % 10 == 0)
			fprintf(fp, "  +%-2d ", i);
		fprintf(fp, "%5d", s->forecast[i]);
		if (i % 10 == 9)
			fputc('\n', fp);
	}
	fputc('\n', fp);

	fprintf(fp, "True retention, last %d days (target %.0f%%)\n", STATS_RETENTION_DAYS,
	        100.0 * s->desired);
	fprintf(fp, "  %-40s %7s %7s %7s\n", "deck", "reviews", "passed", "true");
	for (size_t i = 0; i < s->ndecks; i++) {
		const struct stats_deck *d = &s->decks[i];
		fprintf(fp, "  %-40s %7d %7d  ", d->id, d->reviews, d->passed);
		print_pct(fp, d->passed, d->reviews);
		fputc('\n', fp);
	}
	fprintf(fp, "  %-40s %7d %7d  ", "all decks", s->ret_reviews, s->ret_passed);
	print_pct(fp, s->ret_passed, s->ret_reviews);
	fprintf(fp, "\n\n");

	fprintf(fp, "Cards: %d new, %d learning, %d young, %d mature, %d suspended\n\n", s->n_new,
	        s->n_learning, s->n_young, s->n_mature, s->n_suspended);

	fprintf(fp, "Rehearsal time against budget (completed runs, oldest first)\n");
	if (s->nstories == 0)
		fprintf(fp, "  no completed rehearsals yet\n");
	for (size_t i = 0; i < s->nstories; i++) {
		const struct stats_story *t = &s->stories[i];
		fprintf(fp, "  %s", t->title);
		if (strcmp(t->mode, "story") != 0)
			fprintf(fp, " [%s]", t->mode);
		fprintf(fp, ": %zu run%s;", t->n, t->n == 1 ? "" : "s");
		for (size_t k = 0; k < t->n; k++) {
			rehearsal_fmt_ms(t->s[k].total_ms, a, sizeof a);
			rehearsal_fmt_ms(t->s[k].budget_ms, b, sizeof b);
			fprintf(fp, " %s/%s", a, b);
		}
		if (t->worst_section)
			fprintf(fp, "; most often over: %s (%d of %zu)", t->worst_section,
			        t->worst_over, t->n);
		fputc('\n', fp);
	}
	fputc('\n', fp);

	fprintf(fp, "Rubric scores per category (oldest first)\n");
	if (s->ntrends == 0)
		fprintf(fp, "  no scores yet\n");
	const char *last = NULL;
	for (size_t i = 0; i < s->ntrends; i++) {
		const struct stats_trend *t = &s->trends[i];
		if (last == NULL || strcmp(last, t->source) != 0)
			fprintf(fp, "  %s (%s)\n", t->source_title, t->source);
		last = t->source;
		int sum = 0;
		fprintf(fp, "    %-24s", t->name);
		for (size_t k = 0; k < t->n; k++) {
			fprintf(fp, " %d", t->p[k].score);
			sum += t->p[k].score;
		}
		fprintf(fp, "  (mean %.2f)\n", t->n ? (double)sum / (double)t->n : 0.0);
	}
	fputc('\n', fp);

	fprintf(fp, "Gap-map confidence (mean of rated skills, 1-5)\n");
	if (s->ngaps == 0)
		fprintf(fp, "  no gap maps\n");
	for (size_t i = 0; i < s->ngaps; i++) {
		const struct stats_gapmap *g = &s->gaps[i];
		fprintf(fp, "  %s: %d skill%s, %d edit%s;", g->title, g->skills,
		        g->skills == 1 ? "" : "s", g->edits, g->edits == 1 ? "" : "s");
		for (size_t k = 0; k < g->n; k++) {
			fmt_date(g->p[k].day, a, sizeof a);
			fprintf(fp, " %s %.2f (%d)", a, g->p[k].mean, g->p[k].rated);
		}
		fputc('\n', fp);
	}
}

static int
cmd_stats(struct cmd *c)
{
	int json = arg_flag(c, "--json");
	struct db *db = cli_db(c);
	struct stats s;
	stats_load(db, now_unix(), &s);
	if (json)
		stats_json(stdout, &s);
	else
		stats_text(stdout, &s);
	stats_free(&s);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_stats_entry = {
	.name = "stats", .args = "[--json]",
	.summary = "print progress statistics",
	.help = "Prints the figures of the stats screen: answers per day over the last 26 "
	"weeks, cards due in each of the next 30 days, true retention per deck over "
	"the last 30 days against the desired retention, new, learning, young and "
	"mature card counts, rehearsal time against budget per story, rubric scores "
	"per category, and gap-map confidence over time. With --json, one JSON "
	"object for scripts. The figures are defined in doc/stats.md.",
	.opts = (const struct cmd_opt[]){ { .name = "--json", .type = OPT_FLAG }, { NULL } },
	.exec = cmd_stats,
};
/* clang-format on */
