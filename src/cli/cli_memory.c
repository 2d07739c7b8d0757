/* `prepdeck optimize`, `prepdeck simulate` and `prepdeck retention`: the
 * learner's memory model fitted, run forward and measured. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_memory.h"
#include "deadline.h"
#include "memory.h"
#include "optimizer.h"
#include "parse.h"
#include "settings.h"
#include "simulate.h"
#include "util.h"

static void
put_weights(const double *w)
{
	for (int i = 0; i < FSRS_NWEIGHTS; i++)
		printf("%s%.4f", i ? " " : "", w[i]);
}

static void
json_weights(const double *w)
{
	printf("[");
	for (int i = 0; i < FSRS_NWEIGHTS; i++)
		printf("%s%.6g", i ? ", " : "", w[i]);
	printf("]");
}

static void
json_num(double x)
{
	if (isfinite(x))
		printf("%.6f", x);
	else
		printf("null");
}

/* --progress: one line per 5% on stderr, for scripts. The fit is the
 * first sixth of the work, the held-out split (five more fits) the rest. */
struct progress {
	int last;  /* percent printed last */
	int split; /* in the held-out split */
};

static int
print_progress(void *ctx, double done)
{
	struct progress *pr = ctx;
	int pct = (int)((pr->split ? 1 + 5 * done : done) / 6 * 100);
	if (pct >= pr->last + 5 || (pct == 100 && pr->last != 100)) {
		pr->last = pct - pct % 5;
		fprintf(stderr, "optimize: %d%%\n", pr->last);
		fflush(stderr);
	}
	return 0;
}

static int
cmd_optimize(struct cmd *c)
{
	const char *from = arg_str(c, "--from");
	int json = arg_flag(c, "--json"), apply = arg_flag(c, "--apply");
	int progress = arg_flag(c, "--progress");

	struct opt_history *h;
	char *cause = NULL;
	struct db *db = NULL;
	struct settings set;
	if (from) {
		FILE *f = strcmp(from, "-") == 0 ? stdin : fopen(from, "r");
		if (!f)
			return cli_error("optimize: cannot read %s: %s", from, strerror(errno));
		h = memory_history_file(f, &cause);
		if (f != stdin)
			fclose(f);
		if (!h) {
			int rc = cli_error("optimize: %s: %s", from, cause);
			free(cause);
			return rc;
		}
	}
	/* The current parameters: from the database, which --from leaves
	 * alone unless --apply. */
	if (!from || apply) {
		db = cli_db(c);
		settings_load(db, &set);
		if (!from)
			h = memory_history_db(db, set.rollover_hour);
	} else {
		memory_default_weights(set.w);
		set.fitted = 0;
	}
	if (set.fitted < 0)
		fprintf(stderr, "prepdeck: the saved memory parameters are damaged; comparing "
		                "with the defaults\n");

	struct opt_config cfg;
	opt_default_config(&cfg);
	struct progress pr = { -5, 0 };
	if (progress) {
		cfg.progress = print_progress;
		cfg.progress_ctx = &pr;
	}
	double w[FSRS_NWEIGHTS];
	size_t reviews = opt_history_reviews(h), cards = opt_history_cards(h),
	       items = opt_history_items(h);
	if (opt_fit(h, &cfg, w, &cause) != 0) {
		opt_history_free(h);
		int rc = cli_error("optimize: %s%s", cause, apply ? "; nothing applied" : "");
		free(cause);
		return rc;
	}
	struct opt_metrics fit, cur, split_fit, split_cur;
	opt_evaluate(h, w, &fit);
	opt_evaluate(h, set.w, &cur);
	/* The held-out comparison: fitted on the past, tested on the next
	 * slice, against the current parameters on the same reviews. */
	pr.split = 1;
	if (opt_split_evaluate(h, &cfg, set.w, &split_fit, &split_cur, &cause) != 0) {
		opt_history_free(h);
		int rc = cli_error("optimize: %s%s", cause, apply ? "; nothing applied" : "");
		free(cause);
		return rc;
	}
	opt_history_free(h);
	if (progress)
		print_progress(&pr, 1);

	int better = split_fit.log_loss < split_cur.log_loss;
	int applied = 0;
	if (apply && better) {
		if (memory_save(db, w, fit.log_loss, reviews, now_unix(), &cause) != 0) {
			int rc = cli_error("optimize: %s", cause);
			free(cause);
			return rc;
		}
		applied = 1;
	}
	const char *cur_name = set.fitted == 1 ? "current (fitted)" : "current (defaults)";
	if (json) {
		printf("{\"parameters\": ");
		json_weights(w);
		printf(", \"log_loss\": ");
		json_num(fit.log_loss);
		printf(", \"rmse_bins\": ");
		json_num(fit.rmse_bins);
		printf(", \"reviews\": %zu, \"cards\": %zu, \"items\": %zu", reviews, cards, items);
		printf(", \"held_out\": {\"log_loss\": ");
		json_num(split_fit.log_loss);
		printf(", \"rmse_bins\": ");
		json_num(split_fit.rmse_bins);
		printf("}, \"current\": {\"fitted\": %s, \"parameters\": ",
		       set.fitted == 1 ? "true" : "false");
		json_weights(set.w);
		printf(", \"log_loss\": ");
		json_num(cur.log_loss);
		printf(", \"rmse_bins\": ");
		json_num(cur.rmse_bins);
		printf(", \"held_out_log_loss\": ");
		json_num(split_cur.log_loss);
		printf("}, \"better\": %s, \"applied\": %s}\n", better ? "true" : "false",
		       apply ? (applied ? "true" : "false") : "null");
		return EXIT_OK;
	}
	printf("Fitted to %zu reviews of %zu cards (%zu made a day or more after the "
	       "card's previous review).\n\n",
	       reviews, cards, items);
	printf("%-20s %9s %12s %17s\n", "", "log loss", "RMSE (bins)", "held-out log loss");
	printf("%-20s %9.4f %12.4f %17.4f\n", cur_name, cur.log_loss, cur.rmse_bins,
	       split_cur.log_loss);
	printf("%-20s %9.4f %12.4f %17.4f\n\n", "fitted", fit.log_loss, fit.rmse_bins,
	       split_fit.log_loss);
	printf("fitted parameters: ");
	put_weights(w);
	printf("\n\n");
	if (apply && applied)
		printf("Applied: the fitted parameters predict held-out reviews better "
		       "(log loss %.4f < %.4f). The scheduler uses them from now on.\n",
		       split_fit.log_loss, split_cur.log_loss);
	else if (apply)
		printf("Not applied: the fitted parameters do not predict held-out reviews "
		       "better (log loss %.4f >= %.4f); the current ones stay.\n",
		       split_fit.log_loss, split_cur.log_loss);
	else
		printf("%s. Run `prepdeck optimize --apply` to %s.\n",
		       better ? "The fitted parameters predict held-out reviews better"
		              : "The fitted parameters do not predict held-out reviews better",
		       better ? "use them" : "try anyway (it only applies better ones)");
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_optimize_entry = {
	.name = "optimize", .args = "[--from FILE] [--apply] [--json] [--progress]",
	.summary = "fit the memory model's parameters to your review history",
	.help = "Fits the 21 FSRS-6 parameters to your review log (or, with --from, to a "
	"history in replay's input format) the way fsrs-rs, Anki's optimizer, does, "
	"and compares them with the parameters in use: log loss and RMSE over bins "
	"on the whole history, and log loss on held-out reviews (a time-series "
	"split: fitted on the past, tested on what came next). --apply saves the "
	"fitted parameters, in one step, only when they predict the held-out "
	"reviews better; it says so either way. Needs at least 400 reviews made a "
	"day or more after the card's previous review, and says what is missing "
	"otherwise. --json prints one object (parameters, log_loss, rmse_bins, "
	"reviews, held_out, current, applied); --progress prints progress lines on "
	"standard error. See doc/optimizer.md.",
	.opts = (const struct cmd_opt[]){
		{ .name = "--from", .type = OPT_STR, .arg = "FILE", .need = "a FILE", .kind = ARG_FILE },
		{ .name = "--apply", .type = OPT_FLAG },
		{ .name = "--json", .type = OPT_FLAG },
		{ .name = "--progress", .type = OPT_FLAG },
		{ NULL },
	},
	.exec = cmd_optimize,
};
/* clang-format on */

static int
cmd_simulate(struct cmd *c)
{
	int json = arg_flag(c, "--json");
	int days = (int)arg_int(c, "--days", 0), new_per_day = (int)arg_int(c, "--new-per-day", -1);
	int runs = (int)arg_int(c, "--runs", 100), seed = (int)arg_int(c, "--seed", 1);
	double retention = 0;
	const char *rs = arg_str(c, "--retention");
	if (rs && parse_real(NULL, rs, 0.7, 0.99, &retention, NULL) != 0)
		return cli_usage(c, "simulate: --retention needs a number from 0.70 to 0.99");
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	struct forecast fc;
	struct forecast_options opts = { days, new_per_day, runs, (uint64_t)seed, retention };
	if (memory_forecast(db, &set, now_unix(), &opts, &fc) != 0)
		return cli_error("simulate: cannot simulate with these settings");
	char date[16] = "";
	if (fc.target_day >= 0)
		fmt_date(fc.target_day, date, sizeof date);
	if (json) {
		printf("{\"days\": %d, \"runs\": %d, \"seed\": %d, \"parameters\": \"%s\", "
		       "\"retention\": %.2f, \"new_per_day\": %d, \"cards\": %zu, \"new_cards\": %zu",
		       fc.days, runs, seed, set.fitted == 1 ? "fitted" : "default", fc.retention,
		       fc.new_per_day, fc.cards, fc.new_cards);
		printf(", \"interview\": ");
		if (fc.target_day >= 0) {
			printf("{\"date\": \"%s\", \"company\": ", date);
			json_put_str(stdout, fc.company);
			printf(", \"cards\": %zu}", fc.target_cards);
		} else {
			printf("null");
		}
		printf(", \"reviews_per_day\": %.2f, \"minutes_per_day\": %.2f, \"recall_on_day\": ",
		       fc.main.reviews_per_day, fc.main.minutes_per_day);
		if (fc.main.recall_on_day >= 0)
			printf("%.4f", fc.main.recall_on_day);
		else
			printf("null");
		printf(", \"daily\": [");
		for (int d = 0; d < fc.days; d++)
			printf("%s{\"day\": %d, \"reviews\": %.2f, \"minutes\": %.2f}",
			       d ? ", " : "", d + 1, fc.main.reviews[d], fc.main.minutes[d]);
		printf("], \"by_retention\": [");
		for (int k = 0; k < SIM_TABLE; k++) {
			printf("%s{\"retention\": %.2f, \"reviews_per_day\": %.2f, \"minutes_per_day\": %.2f, "
			       "\"recall_on_day\": ",
			       k ? ", " : "", fc.table[k].retention, fc.table[k].reviews_per_day,
			       fc.table[k].minutes_per_day);
			if (fc.table[k].recall_on_day >= 0)
				printf("%.4f}", fc.table[k].recall_on_day);
			else
				printf("null}");
		}
		printf("], \"recommended_retention\": %.2f}\n", fc.recommended);
		memory_forecast_free(&fc);
		return EXIT_OK;
	}
	printf("Simulated %d day%s (%d seeded runs) with %s memory parameters: %zu cards, "
	       "%zu of them new, %d new a day.\n",
	       fc.days, fc.days == 1 ? "" : "s", runs,
	       set.fitted == 1 ? "your fitted" : "the default", fc.cards, fc.new_cards,
	       fc.new_per_day);
	if (fc.target_day >= 0)
		printf("Interview%s%s on %s: recall counted over %zu cards.\n",
		       *fc.company ? " at " : "", fc.company, date, fc.target_cards);
	printf("\n%-10s %12s %9s %16s\n", "retention", "reviews/day", "min/day",
	       fc.target_day >= 0 ? "recall on the day" : "");
	for (int k = 0; k < SIM_TABLE; k++) {
		printf("%s %-8.2f %12.1f %9.1f",
		       fabs(fc.table[k].retention - fc.retention) < 0.005 ? "*" : " ",
		       fc.table[k].retention, fc.table[k].reviews_per_day,
		       fc.table[k].minutes_per_day);
		if (fc.table[k].recall_on_day >= 0)
			printf(" %15.0f%%", fc.table[k].recall_on_day * 100);
		printf("\n");
	}
	printf("\nAt %.2f: %.1f reviews and %.1f minutes a day on average", fc.retention,
	       fc.main.reviews_per_day, fc.main.minutes_per_day);
	if (fc.main.recall_on_day >= 0)
		printf("; %.0f%% expected recall on the day", fc.main.recall_on_day * 100);
	printf(".\nFirst days:");
	for (int d = 0; d < fc.days && d < 7; d++)
		printf(" %.0f min", fc.main.minutes[d]);
	printf("\nMinimum recommended retention: %.2f (least time per card remembered).\n",
	       fc.recommended);
	memory_forecast_free(&fc);
	return EXIT_OK;
}

static void
put_row(const struct mem_row *r, int json, int last, const char *key)
{
	double rate = r->n ? (double)r->passed / (double)r->n : 0;
	double pred = r->n ? r->predicted / (double)r->n : 0;
	if (json) {
		printf("{\"%s\": ", key);
		json_put_str(stdout, r->label);
		printf(", \"reviews\": %ld, \"passed\": %ld, \"pass_rate\": ", r->n, r->passed);
		if (r->n)
			printf("%.4f, \"predicted\": %.4f}", rate, pred);
		else
			printf("null, \"predicted\": null}");
		printf("%s", last ? "" : ", ");
		return;
	}
	if (r->n)
		printf("  %-28.28s %7ld %8.1f%% %10.1f%%\n", r->label, r->n, rate * 100,
		       pred * 100);
	else
		printf("  %-28.28s %7ld %9s %11s\n", r->label, r->n, "-", "-");
}

/* clang-format off */
const struct cmd_entry cmd_simulate_entry = {
	.name = "simulate", .args = "[--days N] [--retention R] [--new-per-day N] [--json]",
	.summary = "run your deck forward: minutes a day and recall on interview day",
	.help = "Simulates the coming days (until the next interview, or 42) with the "
	"memory parameters in use: each due card is recalled with the model's "
	"probability and rated from your own mix of ratings, new cards come in at "
	"the daily rate, and minutes come from your own seconds per review. Prints "
	"reviews and minutes a day and the expected recall of the interview's cards "
	"on the day, at the desired retention and at 0.80, 0.85, 0.90 and 0.95, and "
	"the minimum recommended retention. Averaged over seeded runs (--runs N, "
	"100 by default; --seed N): the same seed gives the same figures.",
	.opts = (const struct cmd_opt[]){
		{ .name = "--days", .type = OPT_INT, .arg = "N", .min = 1, .max = 3650 },
		{ .name = "--new-per-day", .type = OPT_INT, .arg = "N", .min = 0, .max = 9999 },
		{ .name = "--runs", .type = OPT_INT, .arg = "N", .min = 1, .max = 10000 },
		{ .name = "--seed", .type = OPT_INT, .arg = "N", .min = 0, .max = 2000000000 },
		{ .name = "--retention", .type = OPT_STR, .arg = "R" },
		{ .name = "--json", .type = OPT_FLAG },
		{ NULL },
	},
	.exec = cmd_simulate,
};
/* clang-format on */

static int
cmd_retention(struct cmd *c)
{
	int json = arg_flag(c, "--json");
	struct db *db = cli_db(c);
	struct settings set;
	settings_load(db, &set);
	struct mem_report r;
	memory_report(db, &set, &r);
	if (json) {
		printf("{\"desired_retention\": %.2f, \"reviews\": %ld, \"passed\": %ld, "
		       "\"parameters\": \"%s\", \"weights\": ",
		       r.retention, r.items, r.passed, r.fitted == 1 ? "fitted" : "default");
		json_weights(r.w);
		printf(", \"default_weights\": ");
		json_weights(r.dflt);
		printf(", \"log_loss\": ");
		if (r.have_metrics)
			json_num(r.cur.log_loss);
		else
			printf("null");
		printf(", \"rmse_bins\": ");
		if (r.have_metrics)
			json_num(r.cur.rmse_bins);
		else
			printf("null");
		printf(", \"by_interval\": [");
		for (int i = 0; i < MEM_BANDS; i++)
			put_row(&r.bands[i], 1, i == MEM_BANDS - 1, "interval");
		printf("], \"by_deck\": [");
		for (size_t i = 0; i < r.ndecks; i++)
			put_row(&r.decks[i], 1, i + 1 == r.ndecks, "deck");
		printf("], \"calibration\": [");
		for (int i = 0; i < MEM_CALIB; i++)
			put_row(&r.calib[i], 1, i == MEM_CALIB - 1, "predicted");
		printf("]}\n");
		memory_report_free(&r);
		return EXIT_OK;
	}
	printf("True retention: %ld of %ld reviews made a day or more after the previous "
	       "one were recalled",
	       r.passed, r.items);
	if (r.items)
		printf(" (%.1f%%)", 100.0 * (double)r.passed / (double)r.items);
	printf("; desired retention %.0f%%.\n\n", r.retention * 100);
	printf("  %-28s %7s %9s %11s\n", "by interval", "reviews", "passed", "predicted");
	for (int i = 0; i < MEM_BANDS; i++)
		put_row(&r.bands[i], 0, 0, NULL);
	printf("\n  %-28s %7s %9s %11s\n", "by deck", "reviews", "passed", "predicted");
	for (size_t i = 0; i < r.ndecks; i++)
		put_row(&r.decks[i], 0, 0, NULL);
	if (r.ndecks == 0)
		printf("  (no reviews yet)\n");
	printf("\n  %-28s %7s %9s %11s\n", "calibration: predicted R", "reviews", "passed",
	       "predicted");
	for (int i = 0; i < MEM_CALIB; i++)
		put_row(&r.calib[i], 0, 0, NULL);
	printf("\nMemory parameters: %s", r.fitted == 1 ? "fitted" : "defaults");
	if (r.fitted < 0)
		printf(" (the saved ones are damaged)");
	if (r.have_metrics)
		printf(", log loss %.4f, RMSE (bins) %.4f on this history", r.cur.log_loss,
		       r.cur.rmse_bins);
	printf("\n  %-8s", "fitted");
	if (r.fitted == 1)
		put_weights(r.w);
	else
		printf("(none: run `prepdeck optimize --apply`)");
	printf("\n  %-8s", "default");
	put_weights(r.dflt);
	printf("\n");
	memory_report_free(&r);
	return EXIT_OK;
}

/* clang-format off */
const struct cmd_entry cmd_retention_entry = {
	.name = "retention", .args = "[--json]",
	.summary = "true retention and calibration of the memory model",
	.help = "Prints the share of reviews recalled by interval and by deck against the "
	"desired retention, a calibration table (predicted recall against the "
	"observed pass rate, in bins, with counts), and the memory parameters in use "
	"next to the defaults.",
	.opts = (const struct cmd_opt[]){ { .name = "--json", .type = OPT_FLAG }, { NULL } },
	.exec = cmd_retention,
};
/* clang-format on */
