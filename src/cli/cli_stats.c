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
mock_record(struct cli *c, int argc, char **argv)
{
	struct scorecard sc;
	memset(&sc, 0, sizeof sc);
	const char *rubric = NULL, *day = NULL, *partner = "", *fix = NULL;
	char **bufs = xcalloc((size_t)argc, sizeof *bufs);
	sc.scores = xcalloc((size_t)argc, sizeof *sc.scores);
	int rc = EXIT_OK;
	for (int i = 2; i < argc && rc == EXIT_OK; i++) {
		const char *v = NULL;
		int m;
		if ((m = cli_opt(argc, argv, &i, "--score", &v)) != 0) {
			if (m < 0) {
				rc = cli_usage("mock", "mock record: --score needs CAT=N:EVIDENCE");
			} else if (parse_score(v, &sc.scores[sc.nscores], &bufs[sc.nscores]) != 0) {
				rc = cli_usage("mock", "mock record: '%s' is not CAT=N:EVIDENCE "
				               "(N is a score from 1 to 4)", v);
			} else {
				sc.nscores++;
			}
		} else if ((m = cli_opt(argc, argv, &i, "--date", &v)) != 0) {
			if (m < 0)
				rc = cli_usage("mock", "mock record: --date needs YYYY-MM-DD");
			day = v;
		} else if ((m = cli_opt(argc, argv, &i, "--partner", &v)) != 0) {
			if (m < 0)
				rc = cli_usage("mock", "mock record: --partner needs a NAME");
			partner = v;
		} else if ((m = cli_opt(argc, argv, &i, "--fix", &v)) != 0) {
			if (m < 0)
				rc = cli_usage("mock", "mock record: --fix needs a TEXT");
			fix = v;
		} else if (cli_isopt(argv, i)) {
			rc = cli_usage("mock", "mock record: unknown option '%s'", argv[i]);
		} else if (rubric == NULL) {
			rubric = argv[i];
		} else {
			rc = cli_usage("mock", "mock record: unexpected argument '%s'", argv[i]);
		}
	}
	if (rc == EXIT_OK && rubric == NULL)
		rc = cli_usage("mock", "mock record needs a RUBRIC (see 'prepdeck mock rubrics')");
	else if (rc == EXIT_OK && sc.nscores == 0)
		rc = cli_usage("mock", "mock record needs --score CAT=N:EVIDENCE for each category");
	else if (rc == EXIT_OK && fix == NULL)
		rc = cli_usage("mock", "mock record needs --fix TEXT: the one thing to fix next");
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
	for (int i = 0; i < argc; i++)
		free(bufs[i]);
	free(bufs);
	free(sc.scores);
	return rc;
}

static int
mock_list(struct cli *c, int argc, char **argv)
{
	if (argc > 3)
		return cli_usage("mock", "mock list takes at most one RUBRIC");
	if (argc == 3 && cli_isopt(argv, 2))
		return cli_usage("mock", "mock list: unknown option '%s'", argv[2]);
	struct db *db = cli_db(c);
	const char *rubric = argc == 3 ? argv[2] : NULL;
	if (rubric) {
		struct scorecard_rubric r;
		char *cause = NULL;
		/* A rubric that has been retired may still have old rounds. */
		if (db_int(db, 0, "SELECT count(*) FROM scorecard WHERE rubric_id = ?",
		           "t", rubric) == 0) {
			if (scorecard_rubric_load(db, rubric, &r, &cause) != 0)
				return cli_cause(cause);
			scorecard_rubric_free(&r);
		}
	}
	struct scorecard *list;
	size_t n;
	scorecard_list(db, rubric, &list, &n);
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
		       s->rubric_id, scorecard_mean(s), scored,
		       *s->partner ? s->partner : "-", ": ",
		       *s->fix_next ? s->fix_next : "-");
	}
	scorecard_list_free(list, n);
	return EXIT_OK;
}

static int
mock_show(struct cli *c, int argc, char **argv)
{
	int64_t id;
	if (argc != 3)
		return cli_usage("mock", "mock show needs one scorecard ID (a number from "
		                 "'prepdeck mock list')");
	if (cli_int("mock", "the scorecard ID", argv[2], 1, INT64_MAX, &id) != 0)
		return EXIT_USAGE;
	struct db *db = cli_db(c);
	struct scorecard s;
	char *cause = NULL;
	if (scorecard_get(db, id, &s, &cause) != 0)
		return cli_cause(cause);
	printf("scorecard %lld: %s (%s)\ndate: %s\npartner: %s\nmean: %.2f (%zu of %d "
	       "categories scored)\n", (long long)s.id, s.rubric_title, s.rubric_id,
	       s.day, *s.partner ? s.partner : "-", scorecard_mean(&s), s.nscores,
	       s.ncats);
	for (size_t i = 0; i < s.nscores; i++)
		printf("  %-16s %d  %s\n", s.scores[i].cat_id, s.scores[i].score,
		       s.scores[i].evidence);
	printf("fix next: %s\n", *s.fix_next ? s.fix_next : "-");
	scorecard_free(&s);
	return EXIT_OK;
}

static int
mock_delete(struct cli *c, int argc, char **argv)
{
	int64_t id;
	if (argc != 3)
		return cli_usage("mock", "mock delete needs one scorecard ID (a number from "
		                 "'prepdeck mock list')");
	if (cli_int("mock", "the scorecard ID", argv[2], 1, INT64_MAX, &id) != 0)
		return EXIT_USAGE;
	char *cause = NULL;
	if (scorecard_delete(cli_db(c), id, &cause) != 0)
		return cli_cause(cause);
	printf("deleted scorecard %lld\n", (long long)id);
	return EXIT_OK;
}

static int
mock_rubrics(struct cli *c, int argc, char **argv)
{
	if (argc > 3)
		return cli_usage("mock", "mock rubrics takes at most one RUBRIC");
	struct db *db = cli_db(c);
	if (argc == 3) {
		struct scorecard_rubric r;
		char *cause = NULL;
		if (scorecard_rubric_load(db, argv[2], &r, &cause) != 0)
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

int
cli_mock(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("mock", "mock needs a subcommand: record, list, show, delete "
		                 "or rubrics");
	const char *sub = argv[1];
	if (strcmp(sub, "record") == 0)
		return mock_record(c, argc, argv);
	if (strcmp(sub, "list") == 0)
		return mock_list(c, argc, argv);
	if (strcmp(sub, "show") == 0)
		return mock_show(c, argc, argv);
	if (strcmp(sub, "delete") == 0)
		return mock_delete(c, argc, argv);
	if (strcmp(sub, "rubrics") == 0)
		return mock_rubrics(c, argc, argv);
	return cli_usage("mock", "mock: unknown subcommand '%s' (record, list, show, "
	                 "delete, rubrics)", sub);
}

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
	fprintf(fp, "],\n    \"total\": %d,\n    \"active_days\": %d,\n"
	        "    \"max\": %d,\n    \"streak\": %d\n  },\n", s->heat_total,
	        s->heat_active, s->heat_max, s->streak);

	fprintf(fp, "  \"forecast\": {\n    \"overdue\": %d,\n    \"days\": [", s->overdue);
	for (int i = 0; i < STATS_FORECAST_DAYS; i++)
		fprintf(fp, "%s%d", i ? "," : "", s->forecast[i]);
	fprintf(fp, "],\n    \"total\": %d\n  },\n", s->forecast_total);

	fprintf(fp, "  \"retention\": {\n    \"window_days\": %d,\n    \"desired\": %.2f,\n"
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
		fprintf(fp, ", \"reviews\": %d, \"passed\": %d, \"true\": ", d->reviews,
		        d->passed);
		json_ratio(fp, d->passed, d->reviews);
		fputc('}', fp);
	}
	fprintf(fp, "%s]\n  },\n", s->ndecks ? "\n    " : "");

	fprintf(fp, "  \"cards\": {\"new\": %d, \"learning\": %d, \"young\": %d, "
	        "\"mature\": %d, \"suspended\": %d},\n", s->n_new, s->n_learning,
	        s->n_young, s->n_mature, s->n_suspended);

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
			fprintf(fp, "%s{\"started_at\": %lld, \"total_ms\": %lld, "
			        "\"budget_ms\": %lld, \"sections_over\": %d}", k ? ", " : "",
			        (long long)t->s[k].at, (long long)t->s[k].total_ms,
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
		fprintf(fp, ", \"skills\": %d, \"edits\": %d, \"points\": [", g->skills,
		        g->edits);
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

	fprintf(fp, "True retention, last %d days (target %.0f%%)\n",
	        STATS_RETENTION_DAYS, 100.0 * s->desired);
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

	fprintf(fp, "Cards: %d new, %d learning, %d young, %d mature, %d suspended\n\n",
	        s->n_new, s->n_learning, s->n_young, s->n_mature, s->n_suspended);

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

int
cli_stats(struct cli *c, int argc, char **argv)
{
	int json = 0;
	for (int i = 1; i < argc; i++) {
		if (cli_flag(argv, i, "--json"))
			json = 1;
		else
			return cli_usage("stats", "stats: unknown argument '%s'", argv[i]);
	}
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
