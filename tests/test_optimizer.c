/* Tests for the FSRS parameter optimizer and evaluator (optimizer.c,
 * memory.c).
 *
 * The cross-check reads the histories in tests/fsrs/opt-*.tsv with the
 * figures fsrs-rs gave for them (opt-*.expect, written by
 * tests/fsrs/gen-optimizer-fixture.mjs): prepdeck's evaluator must give
 * fsrs-rs's own log loss and RMSE for fsrs-rs's fitted parameters and for
 * the defaults, and prepdeck's fit must come within 0.5% of fsrs-rs's log
 * loss and beat the defaults. Usage: test_optimizer [DIR] (the fixture
 * folder; by default $top_srcdir/tests/fsrs or ./tests/fsrs). */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "db.h"
#include "memory.h"
#include "optimizer.h"
#include "simulate.h"
#include "util.h"


static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t rng_state = 12345;

static double urand(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (double)(rng_state >> 11) * 0x1.0p-53;
}

/* ---- the gradient against finite differences ---- */

static void check_gradient(const double *w, const int *r, const int *g, int n,
                           const char *what)
{
	double grad[FSRS_NWEIGHTS] = { 0 };
	double l = opt_item_loss(w, r, g, n, 0.8, grad);
	CHECK(isfinite(l));
	for (int i = 0; i < FSRS_NWEIGHTS; i++) {
		double wp[FSRS_NWEIGHTS], wm[FSRS_NWEIGHTS];
		double eps = fabs(w[i]) * 1e-6 > 1e-8 ? fabs(w[i]) * 1e-6 : 1e-8;
		memcpy(wp, w, sizeof wp);
		memcpy(wm, w, sizeof wm);
		wp[i] += eps;
		wm[i] -= eps;
		double num = (opt_item_loss(wp, r, g, n, 0.8, NULL) -
		              opt_item_loss(wm, r, g, n, 0.8, NULL)) / (2 * eps);
		double scale = fabs(num) > 1 ? fabs(num) : 1;
		if (fabs(num - grad[i]) / scale > 1e-5) {
			char m[200];
			snprintf(m, sizeof m, "%s: w%d analytic %.9g numeric %.9g", what, i, grad[i], num);
			check_report(0, __FILE__, __LINE__, "gradient matches finite differences", m);
		} else {
			check_report(1, __FILE__, __LINE__, "", NULL);
		}
	}
}

static void test_gradient(void)
{
	double w[FSRS_NWEIGHTS];
	memory_default_weights(w);
	/* Every branch: first review, same-day (sinc above and floored at 1),
	 * lapse on the raw formula and on the floor, Hard/Good/Easy. */
	static const int r1[] = { 3, 3, 3, 1, 3, 2, 4, 3 }, g1[] = { 0, 2, 5, 12, 0, 3, 9, 20 };
	static const int r2[] = { 1, 1, 3, 3, 3, 1, 3 }, g2[] = { 0, 0, 0, 1, 3, 30, 7 };
	static const int r3[] = { 4, 3, 1, 2, 2, 4 }, g3[] = { 0, 15, 80, 1, 4, 11 };
	static const int r4[] = { 2, 3 }, g4[] = { 0, 6 };
	check_gradient(w, r1, g1, 8, "defaults, mixed");
	check_gradient(w, r2, g2, 7, "defaults, learning steps");
	check_gradient(w, r3, g3, 6, "defaults, lapse late");
	check_gradient(w, r4, g4, 2, "defaults, one review");
	/* A learner with a slower curve and strong short-term effects. */
	double v[FSRS_NWEIGHTS] = {
		0.5, 1.4, 3.3, 11, 5.8, 0.7, 2.1, 0.02, 1.7, 0.2, 0.9, 1.8, 0.07, 0.35,
		1.9, 0.5, 2.3, 0.9, 0.4, 0.2, 0.35
	};
	check_gradient(v, r1, g1, 8, "learner, mixed");
	check_gradient(v, r2, g2, 7, "learner, learning steps");
	check_gradient(v, r3, g3, 6, "learner, lapse late");
	/* Random histories. */
	for (int k = 0; k < 20; k++) {
		int r[12], g[12], n = 2 + (int)(urand() * 10);
		for (int i = 0; i < n; i++) {
			double u = urand();
			r[i] = u < 0.2 ? 1 : u < 0.35 ? 2 : u < 0.9 ? 3 : 4;
			g[i] = i == 0 ? 0 : urand() < 0.3 ? 0 : 1 + (int)(urand() * 40);
		}
		g[n - 1] = 1 + (int)(urand() * 30);
		check_gradient(k % 2 ? v : w, r, g, n, "random");
	}
}

/* ---- bounds ---- */

static void test_bounds(void)
{
	double w[FSRS_NWEIGHTS];
	int bad = -1;
	memory_default_weights(w);
	CHECK_INT(opt_check(w, &bad), 0);
	for (int i = 0; i < FSRS_NWEIGHTS; i++)
		w[i] = 1e9;
	opt_clip(w, 1);
	CHECK_NEAR(w[0], 100, 0);
	CHECK_NEAR(w[4], 10, 0);
	CHECK_NEAR(w[7], 0.75, 0);
	CHECK_NEAR(w[12], 0.25, 0);
	CHECK_NEAR(w[20], 0.8, 0);
	CHECK_INT(opt_check(w, NULL), 0);
	for (int i = 0; i < FSRS_NWEIGHTS; i++)
		w[i] = -1e9;
	opt_clip(w, 1);
	CHECK_NEAR(w[0], 0.001, 0);
	CHECK_NEAR(w[4], 1, 0);
	CHECK_NEAR(w[16], 1, 0);
	CHECK_NEAR(w[19], 0.01, 0);
	CHECK_NEAR(w[20], 0.1, 0);
	opt_clip(w, 0);
	w[19] = -1;
	opt_clip(w, 0);
	CHECK_NEAR(w[19], 0, 0);
	w[5] = NAN;
	opt_clip(w, 1);
	CHECK_NEAR(w[5], 0.001, 0);
	memory_default_weights(w);
	w[9] = NAN;
	CHECK_INT(opt_check(w, &bad), -1);
	CHECK_INT(bad, 9);
	memory_default_weights(w);
	w[3] = INFINITY;
	CHECK_INT(opt_check(w, &bad), -1);
	CHECK_INT(bad, 3);
	memory_default_weights(w);
	w[20] = 0.9;
	CHECK_INT(opt_check(w, &bad), -1);
	CHECK_INT(bad, 20);
}

/* ---- histories for the synthetic tests ---- */

static void add(struct opt_history *h, const char *card, int64_t t, int rating)
{
	char *cause = NULL;
	int rc = opt_history_add(h, card, strlen(card), t, t / DAY_SECONDS, rating, &cause);
	CHECK_INT(rc, 0);
	free(cause);
}

/* n cards rated `first`, seen again after gaps 1..10 days, passing at
 * exactly the rate of the default curve with stability s. */
static void add_first_reviews(struct opt_history *h, int first, double s, int n,
                              int64_t t0)
{
	double decay = -0.1542, factor = pow(0.9, 1 / decay) - 1;
	for (int gap = 1; gap <= 10; gap++) {
		double r = pow(1 + factor * gap / s, decay);
		int pass = (int)lround(r * n);
		for (int i = 0; i < n; i++) {
			char key[32];
			snprintf(key, sizeof key, "f%d-%d-%d", first, gap, i);
			add(h, key, t0 + i * 60, first);
			add(h, key, t0 + i * 60 + (int64_t)gap * DAY_SECONDS, i < pass ? 3 : 1);
		}
	}
}

static void test_pretrain(void)
{
	struct opt_history *h = opt_history_new();
	double s0[4];
	add_first_reviews(h, 1, 0.6, 60, 0);
	add_first_reviews(h, 3, 6.0, 60, 1000 * DAY_SECONDS);
	CHECK_INT(opt_history_items(h), 1200);
	CHECK_INT(opt_pretrain(h, s0), 0);
	/* The fitted values land near the truth (smoothing pulls a little). */
	CHECK(fabs(s0[0] - 0.6) < 0.15);
	CHECK(fabs(s0[2] - 6.0) < 1.0);
	/* Hard and Easy had no data: filled in, in order. */
	CHECK(s0[0] < s0[1] && s0[1] < s0[2] && s0[2] < s0[3]);
	opt_history_free(h);

	/* No card with a review on a later day: nothing to pretrain from. */
	h = opt_history_new();
	add(h, "x", 0, 3);
	add(h, "x", 100, 3);
	CHECK_INT(opt_pretrain(h, s0), -1);
	opt_history_free(h);
}

static void test_split(void)
{
	struct opt_history *h = opt_history_new();
	size_t b[7];
	/* 100 cards reviewed on 7 later days each: 700 items. */
	for (int d = 0; d < 8; d++)
		for (int c = 0; c < 100; c++) {
			char key[16];
			snprintf(key, sizeof key, "c%d", c);
			add(h, key, (int64_t)d * 3 * DAY_SECONDS + c * 60, 3);
		}
	CHECK_INT(opt_history_items(h), 700);
	CHECK_INT(opt_split_bounds(h, b), 0);
	CHECK_INT(b[0], 0);
	CHECK_INT(b[1], 116);
	CHECK_INT(b[5], 580);
	CHECK_INT(b[6], 700);
	for (int k = 0; k < 6; k++)
		CHECK(b[k] < b[k + 1]);
	opt_history_free(h);

	h = opt_history_new();
	add(h, "a", 0, 3);
	add(h, "a", DAY_SECONDS, 3);
	CHECK_INT(opt_split_bounds(h, b), -1);
	opt_history_free(h);
}

static void test_bad_input(void)
{
	struct opt_history *h = opt_history_new();
	char *cause = NULL;
	CHECK_INT(opt_history_add(h, "a", 1, 100, 0, 0, &cause), -1);
	CHECK(cause && strstr(cause, "out of range"));
	free(cause);
	cause = NULL;
	CHECK_INT(opt_history_add(h, "a", 1, 100, 0, 5, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(opt_history_add(h, "a", 1, 100, 0, 3, &cause), 0);
	CHECK_INT(opt_history_add(h, "a", 1, 99, 0, 3, &cause), -1);
	CHECK(cause && strstr(cause, "backwards"));
	free(cause);
	cause = NULL;

	/* Too little data: what is missing, not a fit. */
	double w[FSRS_NWEIGHTS];
	struct opt_config cfg;
	opt_default_config(&cfg);
	for (int i = 0; i < 50; i++)
		add(h, "a", 1000 + (int64_t)i * DAY_SECONDS, 3);
	CHECK_INT(opt_fit(h, &cfg, w, &cause), -1);
	CHECK(cause && strstr(cause, "not enough history") && strstr(cause, "351 more"));
	free(cause);
	opt_history_free(h);

	/* Files: the replay format, with the line of the first problem. */
	static const struct {
		const char *text, *want;
	} files[] = {
		{ "card\treviewed_at\trating\na\t2026-01-01T10:00:00Z\t3\na\t2026-01-01T09:00:00Z\t3\n",
		  "line 3: card a: review times go backwards" },
		{ "card\treviewed_at\trating\na\t2026-01-01T10:00:00Z\t5\n", "line 2: bad rating" },
		{ "card\treviewed_at\trating\na\t2026-13-01T10:00:00Z\t3\n", "line 2: bad time" },
		{ "card\treviewed_at\trating\na 2026-01-01T10:00:00Z 3\n", "line 2: expected card" },
		{ "id,when,rating\n", "line 1: expected the header" },
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		FILE *f = fmemopen((void *)files[i].text, strlen(files[i].text), "r");
		cause = NULL;
		struct opt_history *fh = memory_history_file(f, &cause);
		CHECK(fh == NULL);
		CHECK(cause && strncmp(cause, files[i].want, strlen(files[i].want)) == 0);
		if (cause && strncmp(cause, files[i].want, strlen(files[i].want)) != 0)
			fprintf(stderr, "got: %s\n", cause);
		free(cause);
		fclose(f);
	}
}

/* ---- saved parameters ---- */

static void test_saved(void)
{
	char path[] = "/tmp/prepdeck-opt-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	unlink(path);
	char *cause = NULL;
	struct db *db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	CHECK(db != NULL);
	if (!db) {
		free(cause);
		return;
	}
	double w[FSRS_NWEIGHTS], got[FSRS_NWEIGHTS];
	memory_default_weights(w);
	CHECK_INT(memory_weights(db, got), 0);
	/* Unusable parameters are refused and nothing is written. */
	w[10] = NAN;
	CHECK_INT(memory_save(db, w, 0.3, 100, 1000, &cause), -1);
	CHECK(cause && strstr(cause, "w10"));
	free(cause);
	cause = NULL;
	memory_default_weights(w);
	w[20] = 2;
	CHECK_INT(memory_save(db, w, 0.3, 100, 1000, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK(db_setting(db, "fsrs_weights") == NULL);
	/* Good ones come back as saved, with the fit's facts. */
	memory_default_weights(w);
	w[0] = 0.5;
	w[20] = 0.3;
	CHECK_INT(memory_save(db, w, 0.3123, 4242, 1000, &cause), 0);
	CHECK_INT(memory_weights(db, got), 1);
	CHECK_NEAR(got[0], 0.5, 1e-9);
	CHECK_NEAR(got[20], 0.3, 1e-9);
	int64_t when;
	double ll;
	long nr;
	CHECK_INT(memory_fit_info(db, &when, &ll, &nr), 0);
	CHECK_INT(when, 1000);
	CHECK_INT(nr, 4242);
	CHECK_NEAR(ll, 0.3123, 1e-9);
	/* A damaged value: the defaults, and -1 to say so. */
	db_set_setting(db, "fsrs_weights", "1 2 3");
	CHECK_INT(memory_weights(db, got), -1);
	CHECK_NEAR(got[0], 0.212, 1e-12);
	memory_reset(db);
	CHECK_INT(memory_weights(db, got), 0);
	db_close(db);
	unlink(path);
}

/* ---- the simulator ---- */

static void test_simulate(void)
{
	struct sim_card cards[300];
	struct sim_config cfg;
	struct sim_result a, b;

	memset(cards, 0, sizeof cards);
	for (int i = 0; i < 200; i++) {
		cards[i].s = 2 + i % 40;
		cards[i].d = 3 + (i % 5);
		cards[i].last_day = -(i % 10);
		cards[i].due_day = cards[i].last_day + (int64_t)cards[i].s;
		cards[i].target = i % 2;
	}
	for (int i = 200; i < 300; i++)
		cards[i].target = 1;
	sim_default_config(&cfg);
	cfg.today = 0;
	cfg.days = 30;
	cfg.runs = 20;
	cfg.seed = 42;
	cfg.target_day = 30;
	CHECK_INT(sim_run(&cfg, cards, 300, &a), 0);
	CHECK_INT(sim_run(&cfg, cards, 300, &b), 0);
	/* The same seed, the same figures, day by day. */
	int same = a.recall_on_day == b.recall_on_day && a.knowledge == b.knowledge;
	for (int d = 0; d < 30; d++)
		same = same && a.reviews[d] == b.reviews[d] && a.minutes[d] == b.minutes[d];
	CHECK(same);
	CHECK_INT(a.target_cards, 200);
	CHECK(a.recall_on_day > 0 && a.recall_on_day < 1);
	/* 20 new cards a day: all 100 in within five days, each once. */
	CHECK(a.reviews[0] >= 20 && a.reviews[4] >= 20);
	CHECK(a.minutes_per_day > 0);
	sim_result_free(&b);
	cfg.seed = 43;
	CHECK_INT(sim_run(&cfg, cards, 300, &b), 0);
	CHECK(a.knowledge != b.knowledge);
	sim_result_free(&b);
	/* Higher retention: more work, better recall on the day. */
	cfg.seed = 42;
	cfg.retention = 0.95;
	CHECK_INT(sim_run(&cfg, cards, 300, &b), 0);
	CHECK(b.reviews_per_day > a.reviews_per_day);
	CHECK(b.recall_on_day > a.recall_on_day);
	sim_result_free(&b);
	/* The cards given are not changed. */
	CHECK(cards[0].s == 2 && cards[250].s == 0);
	/* Bad configurations are refused. */
	cfg.retention = 1.5;
	CHECK_INT(sim_run(&cfg, cards, 300, &b), -1);
	cfg.retention = 0.9;
	cfg.days = 0;
	CHECK_INT(sim_run(&cfg, cards, 300, &b), -1);
	sim_result_free(&a);
	cfg.days = 30;
	double rec = sim_recommend(&cfg, cards, 300);
	CHECK(rec >= 0.70 && rec <= 0.95);
}

/* ---- the fixtures ---- */

static int read_expect(const char *path, const char *key, double *v, int n)
{
	FILE *f = fopen(path, "r");
	char line[2048];
	int got = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		size_t k = strlen(key);
		if (strncmp(line, key, k) != 0 || line[k] != '\t')
			continue;
		char *p = line + k;
		for (got = 0; got < n; got++) {
			char *end;
			v[got] = strtod(p, &end);
			if (end == p)
				break;
			p = end;
		}
	}
	fclose(f);
	return got;
}

static void test_fixture(const char *dir, const char *name)
{
	char tsv[1024], exp[1024];
	snprintf(tsv, sizeof tsv, "%s/opt-%s.tsv", dir, name);
	snprintf(exp, sizeof exp, "%s/opt-%s.expect", dir, name);
	FILE *f = fopen(tsv, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char *cause = NULL;
	struct opt_history *h = memory_history_file(f, &cause);
	fclose(f);
	CHECK(h != NULL);
	if (!h) {
		fprintf(stderr, "%s: %s\n", tsv, cause);
		free(cause);
		return;
	}
	double reviews, items, fitted[FSRS_NWEIGHTS], fm[2], dm[2], tm[2], sm[2], ms;
	CHECK_INT(read_expect(exp, "reviews", &reviews, 1), 1);
	CHECK_INT(read_expect(exp, "items", &items, 1), 1);
	CHECK_INT(read_expect(exp, "fitted", fitted, FSRS_NWEIGHTS), FSRS_NWEIGHTS);
	CHECK_INT(read_expect(exp, "fitted_metrics", fm, 2), 2);
	CHECK_INT(read_expect(exp, "default_metrics", dm, 2), 2);
	CHECK_INT(read_expect(exp, "true_metrics", tm, 2), 2);
	CHECK_INT(read_expect(exp, "split_metrics", sm, 2), 2);
	CHECK_INT(read_expect(exp, "fit_ms", &ms, 1), 1);
	CHECK_INT(opt_history_reviews(h), (long long)reviews);
	CHECK_INT(opt_history_items(h), (long long)items);

	/* The evaluator gives fsrs-rs's own figures (it works in single
	 * precision: agreement to about 1e-6). */
	struct opt_metrics m;
	double dflt[FSRS_NWEIGHTS];
	memory_default_weights(dflt);
	CHECK_INT(opt_evaluate(h, fitted, &m), 0);
	CHECK_NEAR(m.log_loss, fm[0], fm[0] * 2e-5);
	CHECK_NEAR(m.rmse_bins, fm[1], fm[1] * 1e-3);
	CHECK_INT(opt_evaluate(h, dflt, &m), 0);
	CHECK_NEAR(m.log_loss, dm[0], dm[0] * 2e-5);
	CHECK_NEAR(m.rmse_bins, dm[1], dm[1] * 1e-3);

	/* prepdeck's fit, judged by the same evaluator. */
	struct opt_config cfg;
	double w[FSRS_NWEIGHTS];
	opt_default_config(&cfg);
	double t0 = now_s();
	int rc = opt_fit(h, &cfg, w, &cause);
	double secs = now_s() - t0;
	CHECK_INT(rc, 0);
	if (rc != 0) {
		fprintf(stderr, "%s: %s\n", name, cause);
		free(cause);
		opt_history_free(h);
		return;
	}
	CHECK_INT(opt_check(w, NULL), 0);
	struct opt_metrics mine;
	CHECK_INT(opt_evaluate(h, w, &mine), 0);
	CHECK(mine.log_loss <= fm[0] * 1.005);
	CHECK(mine.log_loss < dm[0]);
	struct opt_metrics split, cur;
	t0 = now_s();
	CHECK_INT(opt_split_evaluate(h, &cfg, dflt, &split, &cur, &cause), 0);
	double split_secs = now_s() - t0;
	CHECK(split.log_loss < cur.log_loss);
	printf("opt-%s: %.0f reviews, %.0f items; log loss (RMSE bins): defaults %.4f (%.4f), "
	       "fsrs-rs %.4f (%.4f), prepdeck %.4f (%.4f), true %.4f; time-series split: "
	       "fsrs-rs %.4f, prepdeck %.4f, defaults %.4f; fit %.0f ms (fsrs-rs %.0f ms), "
	       "split %.0f ms\n", name, reviews, items, dm[0], dm[1], fm[0], fm[1],
	       mine.log_loss, mine.rmse_bins, tm[0], sm[0], split.log_loss, cur.log_loss,
	       secs * 1000, ms, split_secs * 1000);
	opt_history_free(h);
}

int main(int argc, char **argv)
{
	char dir[1024];
	const char *top = getenv("top_srcdir");
	if (argc > 1)
		snprintf(dir, sizeof dir, "%s", argv[1]);
	else
		snprintf(dir, sizeof dir, "%s/tests/fsrs", top && *top ? top : ".");

	test_gradient();
	test_bounds();
	test_pretrain();
	test_split();
	test_bad_input();
	test_simulate();
	test_saved();
	test_fixture(dir, "small");
	test_fixture(dir, "typical");
	test_fixture(dir, "hard");
	return check_done();
}
