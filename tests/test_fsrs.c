/* Tests for the FSRS scheduler and `prepdeck replay`.
 *
 * The main check replays the review sequences in tests/fsrs/fixture.tsv
 * and fixture-longterm.tsv (computed by ts-fsrs, see tests/fsrs/README.md)
 * and compares state, due time, stability and difficulty after every
 * review. Usage: test_fsrs [fixture.tsv [fixture-longterm.tsv]]; by
 * default the fixtures are looked up under $top_srcdir, $srcdir or the
 * current directory. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fsrs.h"
#include "replay.h"
#include "util.h"

#define T0 INT64_C(1767225600)  /* 2026-01-01T00:00:00Z */

/* ---- fixture replay ---- */

/* Parses YYYY-MM-DDTHH:MM:SSZ (or +YYYYYY-...); returns 0 or -1. */
static int parse_iso(const char *s, int64_t *t)
{
	int y, mo, d, h, mi, se, n = 0;
	int sign = 1;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if (sscanf(s, "%d-%d-%dT%d:%d:%dZ%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 ||
	    s[n] != '\0')
		return -1;
	*t = days_from_civil(sign * y, mo, d) * DAY_SECONDS + h * 3600 + mi * 60 + se;
	return 0;
}

/* Replays one fixture file with params p; returns the number of rows
 * compared, or -1 when the file cannot be read or parsed. */
static long replay_fixture(const char *path, const struct fsrs_params *p)
{
	FILE *f = fopen(path, "r");
	char line[512], prev[64] = "";
	struct fsrs_card card;
	long rows = 0, lineno = 0;
	int reported = 0;

	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		return -1;
	}
	fsrs_new_card(&card, 0);
	while (fgets(line, sizeof line, f)) {
		char id[64], at[32], due[32];
		int rating, state, n = 0;
		double s, d;
		int64_t t, tdue;
		struct fsrs_card next;
		int ok;

		lineno++;
		if (lineno == 1) {
			CHECK(strncmp(line, "card\treviewed_at\trating\tstate\tdue\tstability\tdifficulty", 54) == 0);
			continue;
		}
		if (sscanf(line, "%63[^\t]\t%31[^\t]\t%d\t%d\t%31[^\t]\t%lf\t%lf%n",
		           id, at, &rating, &state, due, &s, &d, &n) != 7 || n == 0 ||
		    parse_iso(at, &t) != 0 || parse_iso(due, &tdue) != 0) {
			fprintf(stderr, "%s:%ld: cannot parse fixture line\n", path, lineno);
			fclose(f);
			return -1;
		}
		if (strcmp(id, prev) != 0) {
			fsrs_new_card(&card, t);
			snprintf(prev, sizeof prev, "%s", id);
		}
		ok = fsrs_review(p, &card, t, rating, 0, &next) == 0;
		CHECK(ok);
		if (ok) {
			int same = next.state == state && next.due == tdue &&
			           fabs(next.stability - s) <= 1e-6 &&
			           fabs(next.difficulty - d) <= 1e-6;
			CHECK_INT(next.state, state);
			CHECK_INT(next.due, tdue);
			CHECK_NEAR(next.stability, s, 1e-6);
			CHECK_NEAR(next.difficulty, d, 1e-6);
			if (!same && reported++ < 5)
				fprintf(stderr, "%s:%ld: mismatch (card %s at %s)\n", path,
				        lineno, id, at);
			card = next;
		}
		rows++;
	}
	fclose(f);
	return rows;
}

static void test_fixtures(const char *fixture, const char *longterm)
{
	struct fsrs_params p;
	long rows;

	fsrs_default_params(&p, 0);
	rows = replay_fixture(fixture, &p);
	printf("%s: %ld reviews compared\n", fixture, rows);
	CHECK(rows >= 5000);

	fsrs_default_params(&p, 0);
	p.enable_short_term = 0;
	rows = replay_fixture(longterm, &p);
	printf("%s: %ld reviews compared\n", longterm, rows);
	CHECK(rows >= 1000);
}

/* ---- scheduler unit tests ---- */

/* A card reviewed Good, Good on day 0, then Good 3 days later: a Review
 * card with a multi-day stability. */
static void review_card(const struct fsrs_params *p, struct fsrs_card *c)
{
	fsrs_new_card(c, T0);
	CHECK(fsrs_review(p, c, T0, FSRS_GOOD, 0, c) == 0);
	CHECK(fsrs_review(p, c, T0 + 600, FSRS_GOOD, 0, c) == 0);
	CHECK(fsrs_review(p, c, c->due, FSRS_GOOD, 0, c) == 0);
	CHECK_INT(c->state, FSRS_REVIEW);
}

static void test_defaults(void)
{
	struct fsrs_params p;

	fsrs_default_params(&p, 1);
	CHECK_NEAR(p.w[0], 0.212, 0);
	CHECK_NEAR(p.w[20], 0.1542, 0);
	CHECK_NEAR(p.retention, 0.9, 0);
	CHECK_INT(p.max_interval, 36500);
	CHECK_INT(p.enable_fuzz, 1);
	CHECK_INT(p.enable_short_term, 1);
	CHECK_INT(p.n_learning_steps, 2);
	CHECK_INT(p.learning_steps[0], 1);
	CHECK_INT(p.learning_steps[1], 10);
	CHECK_INT(p.n_relearning_steps, 1);
	CHECK_INT(p.relearning_steps[0], 10);
	CHECK_INT(fsrs_params_check(&p), 0);
	fsrs_default_params(&p, 0);
	CHECK_INT(p.enable_fuzz, 0);
}

static void test_bad_input(void)
{
	struct fsrs_params p;
	struct fsrs_card c, out, good;
	int r;

	fsrs_default_params(&p, 0);
	fsrs_new_card(&c, T0);
	memset(&out, 0x5a, sizeof out);
	good = out;
	for (r = -1; r <= 6; r++) {
		if (r >= FSRS_AGAIN && r <= FSRS_EASY)
			continue;
		CHECK_INT(fsrs_review(&p, &c, T0, r, 0, &out), -1);
	}
	CHECK(memcmp(&out, &good, sizeof out) == 0);

	review_card(&p, &c);
	{
		struct fsrs_card bad = c;
		bad.state = 4;
		CHECK_INT(fsrs_review(&p, &bad, c.due, FSRS_GOOD, 0, &out), -1);
		bad.state = -1;
		CHECK_INT(fsrs_review(&p, &bad, c.due, FSRS_GOOD, 0, &out), -1);
		bad = c;
		bad.stability = NAN;
		CHECK_INT(fsrs_review(&p, &bad, c.due, FSRS_GOOD, 0, &out), -1);
		bad.stability = -1;
		CHECK_INT(fsrs_review(&p, &bad, c.due, FSRS_GOOD, 0, &out), -1);
		bad.stability = INFINITY;
		CHECK_INT(fsrs_review(&p, &bad, c.due, FSRS_GOOD, 0, &out), -1);
		bad = c;
		bad.difficulty = NAN;
		CHECK_INT(fsrs_review(&p, &bad, c.due, FSRS_GOOD, 0, &out), -1);
		bad.difficulty = 0.5;
		CHECK_INT(fsrs_review(&p, &bad, c.due, FSRS_GOOD, 0, &out), -1);
		bad = c;
		bad.step = -1;
		CHECK_INT(fsrs_review(&p, &bad, c.due, FSRS_GOOD, 0, &out), -1);
		/* Clock moved backwards. */
		CHECK_INT(fsrs_review(&p, &c, c.last_review - 1, FSRS_GOOD, 0, &out), -1);
		CHECK_INT(fsrs_review(&p, &c, c.last_review, FSRS_GOOD, 0, &out), 0);
		CHECK(memcmp(&out, &good, sizeof out) != 0);
	}

	fsrs_new_card(&c, T0);
	p.retention = 0;
	CHECK_INT(fsrs_review(&p, &c, T0, FSRS_GOOD, 0, &out), -1);
	p.retention = 1.5;
	CHECK_INT(fsrs_params_check(&p), -1);
	fsrs_default_params(&p, 0);
	p.w[7] = NAN;
	CHECK_INT(fsrs_review(&p, &c, T0, FSRS_GOOD, 0, &out), -1);
	fsrs_default_params(&p, 0);
	p.n_learning_steps = FSRS_MAX_STEPS + 1;
	CHECK_INT(fsrs_params_check(&p), -1);
}

static void test_learning_steps(void)
{
	struct fsrs_params p;
	struct fsrs_card c, n[4];

	fsrs_default_params(&p, 0);
	fsrs_new_card(&c, T0);
	CHECK_INT(fsrs_preview(&p, &c, T0, 0, n), 0);
	CHECK_INT(n[0].state, FSRS_LEARNING);
	CHECK_INT(n[0].due, T0 + 60);
	CHECK_INT(n[1].due, T0 + 360);       /* (1m + 10m) / 2, rounded */
	CHECK_INT(n[2].due, T0 + 600);
	CHECK_INT(n[2].step, 1);
	CHECK_INT(n[3].state, FSRS_REVIEW);
	CHECK_INT(n[3].scheduled_days, 8);   /* w[3] = 8.2956 days */
	CHECK_NEAR(n[3].stability, 8.2956, 1e-12);
	CHECK_NEAR(n[0].difficulty, 6.4133, 1e-12);
	CHECK_INT(n[2].reps, 1);

	/* Good on the last learning step graduates. */
	c = n[2];
	CHECK_INT(fsrs_review(&p, &c, T0 + 600, FSRS_GOOD, 0, &c), 0);
	CHECK_INT(c.state, FSRS_REVIEW);
	CHECK_INT(c.step, 0);
	CHECK(c.scheduled_days >= 1);
	CHECK_INT(c.due, T0 + 600 + (int64_t)c.scheduled_days * DAY_SECONDS);

	/* A lapse goes to relearning for 10 minutes; Hard there is 15. */
	c.due += 5 * DAY_SECONDS;
	CHECK_INT(fsrs_preview(&p, &c, c.due, 0, n), 0);
	CHECK_INT(n[0].state, FSRS_RELEARNING);
	CHECK_INT(n[0].due, c.due + 600);
	CHECK_INT(n[0].lapses, c.lapses + 1);
	CHECK(n[0].stability < c.stability);
	c = n[0];
	CHECK_INT(fsrs_preview(&p, &c, c.last_review + 600, 0, n), 0);
	CHECK_INT(n[1].state, FSRS_RELEARNING);
	CHECK_INT(n[1].due, c.last_review + 600 + 900);
	CHECK_INT(n[2].state, FSRS_REVIEW);
	CHECK_INT(n[0].lapses, c.lapses);

	/* Elapsed time counts UTC calendar days: two minutes across
	 * midnight is one day. */
	fsrs_new_card(&c, T0);
	CHECK_INT(fsrs_review(&p, &c, T0 + DAY_SECONDS - 60, FSRS_GOOD, 0, &c), 0);
	CHECK_INT(fsrs_review(&p, &c, T0 + DAY_SECONDS + 60, FSRS_GOOD, 0, &c), 0);
	CHECK_INT(c.elapsed_days, 1);
	CHECK_INT(fsrs_review(&p, &c, T0 + 2 * DAY_SECONDS - 1, FSRS_GOOD, 0, &c), 0);
	CHECK_INT(c.elapsed_days, 0);

	/* Output may alias input. */
	fsrs_new_card(&c, T0);
	CHECK_INT(fsrs_review(&p, &c, T0, FSRS_EASY, 0, &c), 0);
	CHECK_INT(c.state, FSRS_REVIEW);
	CHECK_INT(c.reps, 1);
}

static void test_long_term(void)
{
	struct fsrs_params p;
	struct fsrs_card c, n[4];
	int i;

	fsrs_default_params(&p, 0);
	p.enable_short_term = 0;
	fsrs_new_card(&c, T0);
	CHECK_INT(fsrs_preview(&p, &c, T0, 0, n), 0);
	for (i = 0; i < 4; i++) {
		CHECK_INT(n[i].state, FSRS_REVIEW);
		CHECK_INT(n[i].due, T0 + (int64_t)n[i].scheduled_days * DAY_SECONDS);
		if (i)
			CHECK(n[i].scheduled_days > n[i - 1].scheduled_days);
	}
	CHECK_INT(n[0].lapses, 0);
	c = n[2];
	CHECK_INT(fsrs_preview(&p, &c, c.due, 0, n), 0);
	CHECK_INT(n[0].state, FSRS_REVIEW);
	CHECK_INT(n[0].lapses, 1);
}

static void test_retrievability(void)
{
	struct fsrs_params p;
	struct fsrs_card c;
	double prev = 1.0;
	int day;

	fsrs_default_params(&p, 0);
	fsrs_new_card(&c, T0);
	CHECK_NEAR(fsrs_retrievability(&p, &c, T0 + DAY_SECONDS), 0, 0);
	review_card(&p, &c);
	CHECK_NEAR(fsrs_retrievability(&p, &c, c.last_review), 1.0, 0);
	CHECK_NEAR(fsrs_retrievability(&p, &c, c.last_review - DAY_SECONDS), 1.0, 0);
	for (day = 1; day <= 400; day++) {
		double r = fsrs_retrievability(&p, &c, c.last_review + (int64_t)day * DAY_SECONDS);
		CHECK(r < prev && r > 0);
		prev = r;
	}
	/* Stability is the time to 90%. */
	c.stability = 10;
	CHECK_NEAR(fsrs_retrievability(&p, &c, c.last_review + 10 * DAY_SECONDS), 0.9, 1e-6);
	/* Whole days only, as ts-fsrs. */
	CHECK_NEAR(fsrs_retrievability(&p, &c, c.last_review + DAY_SECONDS - 1), 1.0, 0);
}

static void test_fuzz(void)
{
	struct fsrs_params p, q;
	struct fsrs_card c, a, b, plain;
	int seen[64] = { 0 }, distinct = 0, i;
	uint64_t seed;
	int64_t now;
	double ivl, delta;
	int lo, hi;

	fsrs_default_params(&p, 1);
	fsrs_default_params(&q, 0);
	review_card(&q, &c);
	c.stability = 30;
	now = c.due;
	CHECK_INT(fsrs_review(&q, &c, now, FSRS_GOOD, 0, &plain), 0);
	CHECK_INT(fsrs_review(&q, &c, now, FSRS_GOOD, 12345, &a), 0);
	CHECK_INT(a.due, plain.due);           /* seed ignored when off */

	/* The fuzz range around the unfuzzed interval (ts-fsrs
	 * get_fuzz_range), which is well above the elapsed days here. */
	ivl = plain.scheduled_days;
	delta = 1 + 0.15 * 4.5 + 0.1 * 13 + 0.05 * (ivl - 20);
	lo = (int)floor(ivl - delta + 0.5);
	hi = (int)floor(ivl + delta + 0.5);
	CHECK(ivl > 20);
	for (seed = 0; seed < 2000; seed++) {
		int d;
		CHECK_INT(fsrs_review(&p, &c, now, FSRS_GOOD, seed, &a), 0);
		CHECK_INT(fsrs_review(&p, &c, now, FSRS_GOOD, seed, &b), 0);
		CHECK_INT(a.due, b.due);
		d = a.scheduled_days;
		CHECK(d >= lo && d <= hi);
		CHECK_INT(a.due, now + (int64_t)d * DAY_SECONDS);
		if (d - lo >= 0 && d - lo < 64 && !seen[d - lo]++)
			distinct++;
	}
	CHECK_INT(distinct, hi - lo + 1);

	/* Ordering survives fuzz. */
	for (seed = 0; seed < 200; seed++) {
		struct fsrs_card n[4];
		CHECK_INT(fsrs_preview(&p, &c, now, seed, n), 0);
		CHECK(n[1].scheduled_days < n[2].scheduled_days);
		CHECK(n[2].scheduled_days < n[3].scheduled_days);
		for (i = 0; i < 4; i++) {
			CHECK_INT(fsrs_review(&p, &c, now, i + 1, seed, &a), 0);
			CHECK(memcmp(&a, &n[i], sizeof a) == 0);
		}
	}

	/* Short intervals are not fuzzed. */
	fsrs_new_card(&c, T0);
	CHECK_INT(fsrs_review(&p, &c, T0, FSRS_GOOD, 7, &a), 0);
	CHECK_INT(a.due, T0 + 600);
}

static void test_max_interval(void)
{
	struct fsrs_params p;
	struct fsrs_card c, n[4];
	uint64_t seed;

	fsrs_default_params(&p, 0);
	p.max_interval = 30;
	review_card(&p, &c);
	c.stability = 1000;
	CHECK_INT(fsrs_preview(&p, &c, c.due, 0, n), 0);
	/* As in ts-fsrs, the limit caps each rating's own interval, and the
	 * ordering Hard < Good < Easy then wins: 30, 31, 32. */
	CHECK_INT(n[1].scheduled_days, 30);
	CHECK_INT(n[2].scheduled_days, 31);
	CHECK_INT(n[3].scheduled_days, 32);
	c.stability = 5;
	CHECK_INT(fsrs_preview(&p, &c, c.due, 0, n), 0);
	CHECK_INT(n[1].scheduled_days, 23);
	CHECK_INT(n[2].scheduled_days, 30);
	CHECK_INT(n[3].scheduled_days, 31);

	p.enable_fuzz = 1;
	c.stability = 1000;
	for (seed = 0; seed < 300; seed++) {
		CHECK_INT(fsrs_preview(&p, &c, c.due, seed, n), 0);
		CHECK(n[1].scheduled_days >= 27 && n[1].scheduled_days <= 30);
		CHECK(n[2].scheduled_days <= 31);
		CHECK(n[1].scheduled_days < n[2].scheduled_days);
	}
}

static void test_preview_order(void)
{
	struct fsrs_params p;
	struct fsrs_card c, n[4], one;
	int64_t now = T0;
	int step, i, lt;
	unsigned rng = 1;

	for (lt = 0; lt < 2; lt++) {
		fsrs_default_params(&p, 0);
		p.enable_short_term = !lt;
		fsrs_new_card(&c, now);
		for (step = 0; step < 300; step++) {
			rng = rng * 1103515245u + 12345u;
			CHECK_INT(fsrs_preview(&p, &c, now, 0, n), 0);
			for (i = 1; i < 4; i++)
				CHECK(n[i - 1].due <= n[i].due);
			if (c.state == FSRS_REVIEW || lt)
				CHECK(n[1].due < n[2].due && n[2].due < n[3].due);
			for (i = 0; i < 4; i++) {
				CHECK_INT(fsrs_review(&p, &c, now, i + 1, 0, &one), 0);
				CHECK(memcmp(&one, &n[i], sizeof one) == 0);
			}
			c = n[(rng >> 16) % 4];
			/* Next review: early, on time or late. */
			now = c.last_review + (c.due - c.last_review) * (int64_t)((rng >> 8) % 3) / 2 +
			      (int64_t)((rng >> 4) % 3) * 3600;
		}
	}
}

static void test_clip(void)
{
	struct fsrs_params p, d;

	fsrs_default_params(&p, 0);
	d = p;
	fsrs_clip_weights(&p);
	CHECK(memcmp(p.w, d.w, sizeof p.w) == 0);
	p.w[0] = 500;
	p.w[4] = NAN;
	p.w[20] = 0.01;
	fsrs_clip_weights(&p);
	CHECK_NEAR(p.w[0], 100, 0);
	CHECK_NEAR(p.w[4], 1, 0);
	CHECK_NEAR(p.w[20], 0.1, 0);
	/* Several relearning steps cap w17 and w18. */
	fsrs_default_params(&p, 0);
	p.w[17] = p.w[18] = 2;
	p.n_relearning_steps = 3;
	fsrs_clip_weights(&p);
	CHECK(p.w[17] < 2 && p.w[17] >= 0.01);
	CHECK_NEAR(p.w[17], p.w[18], 0);
}

/* ---- replay ---- */

struct run {
	int status;
	char *out, *err;
};

static struct run run_replay(const char *input, double retention)
{
	struct run r;
	size_t olen, elen;
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	FILE *out = open_memstream(&r.out, &olen);
	FILE *err = open_memstream(&r.err, &elen);

	if (!in || !out || !err) {
		perror("fmemopen");
		exit(2);
	}
	r.status = replay_run(in, out, err, retention);
	fclose(in);
	fclose(out);
	fclose(err);
	return r;
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

#define HDR_OUT "card\treviewed_at\trating\tstate\tdue\tstability\tdifficulty\n"
#define ROW1 "c0001\t2025-03-27T10:32:26Z\t3"
#define OUT1 ROW1 "\t1\t2025-03-27T10:42:26Z\t2.306500\t2.118104\n"
#define ROW2 "c0001\t2025-03-27T10:33:16Z\t3"
#define OUT2 ROW2 "\t2\t2025-03-29T10:33:16Z\t2.306500\t2.111214\n"
#define ROW3 "c0001\t2025-03-28T12:47:14Z\t3"
#define OUT3 ROW3 "\t2\t2025-04-04T12:47:14Z\t7.319186\t2.104331\n"
#define ROWX "x\t2025-03-27T10:00:00Z\t1"
#define OUTX ROWX "\t1\t2025-03-27T10:01:00Z\t0.212000\t6.413300\n"

static void test_replay(void)
{
	struct run r;

	/* Interleaved cards, an extra column, CRLF, no final newline. */
	r = run_replay("card\treviewed_at\trating\tnote\n" ROW1 "\n" ROWX "\n"
	               ROW2 "\textra\r\n" ROW3, 0.9);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, HDR_OUT OUT1 OUTX OUT2 OUT3);
	CHECK_STR(r.err, "");
	run_free(&r);

	r = run_replay("card\treviewed_at\trating\n", 0.9);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, HDR_OUT);
	run_free(&r);

	/* Header required. */
	r = run_replay(ROW1 "\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK_STR(r.out, "");
	CHECK(strncmp(r.err, "line 1: ", 8) == 0);
	run_free(&r);
	r = run_replay("", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 1: ", 8) == 0);
	run_free(&r);
	r = run_replay("card\treviewed\trating\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 1: ", 8) == 0);
	run_free(&r);

	/* Malformed lines stop the run after the rows before them. */
	r = run_replay("card\treviewed_at\trating\n" ROW1 "\nc0001\t2025-03-27T10:33:16Z\t5\n" ROW3 "\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK_STR(r.out, HDR_OUT OUT1);
	CHECK_STR(r.err, "line 3: bad rating \"5\" (expected 1-4)\n");
	run_free(&r);
	r = run_replay("card\treviewed_at\trating\n" ROW1 "\nc0001\t2025-02-30T10:33:16Z\t3\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 3: bad time \"2025-02-30T10:33:16Z\"", 39) == 0);
	run_free(&r);
	r = run_replay("card\treviewed_at\trating\n" ROW1 "\nc0001 2025-03-27T10:33:16Z 3\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 3: expected", 16) == 0);
	run_free(&r);
	r = run_replay("card\treviewed_at\trating\n" ROW1 "\n\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 3: ", 8) == 0);
	run_free(&r);
	r = run_replay("card\treviewed_at\trating\n\t2025-03-27T10:33:16Z\t3\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 2: empty card", 18) == 0);
	run_free(&r);
	r = run_replay("card\treviewed_at\trating\nc1\t2025-03-27 10:33:16\t3\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 2: bad time", 16) == 0);
	run_free(&r);
	r = run_replay("card\treviewed_at\trating\nc1\t2025-03-27T10:33:16Z\t3x\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 2: bad rating", 18) == 0);
	run_free(&r);

	/* A card's clock must not run backwards; other cards may. */
	r = run_replay("card\treviewed_at\trating\n" ROW2 "\n" ROWX "\n" ROW1 "\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "line 4: card c0001 reviewed at 2025-03-27T10:32:26Z, "
	          "before its previous review at 2025-03-27T10:33:16Z\n");
	run_free(&r);

	/* The first error wins, whether found while parsing or replaying. */
	r = run_replay("card\treviewed_at\trating\n" ROW2 "\n" ROW1 "\n" ROWX "\nbad\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 3: card c0001", 18) == 0);
	CHECK_STR(r.out, HDR_OUT ROW2 "\t1\t2025-03-27T10:43:16Z\t2.306500\t2.118104\n");
	run_free(&r);
	r = run_replay("card\treviewed_at\trating\n" ROW2 "\nbad\n" ROW1 "\n", 0.9);
	CHECK_INT(r.status, 1);
	CHECK(strncmp(r.err, "line 3: expected", 16) == 0);
	run_free(&r);

	/* Lines longer than the read buffer. */
	{
		size_t big = 3u << 20, n;
		const char *head = "card\treviewed_at\trating\n" ROW1 "\t";
		char *in = malloc(strlen(head) + big + sizeof "\n" ROW2 "\n");
		if (!in)
			abort();
		n = strlen(head);
		memcpy(in, head, n);
		memset(in + n, 'z', big);
		strcpy(in + n + big, "\n" ROW2 "\n");
		r = run_replay(in, 0.9);
		CHECK_INT(r.status, 0);
		CHECK_STR(r.out, HDR_OUT OUT1 OUT2);
		run_free(&r);
		free(in);
	}

	/* Retention changes day intervals, not learning steps. */
	r = run_replay("card\treviewed_at\trating\n" ROW1 "\n" ROW2 "\n", 0.8);
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, OUT1) != NULL);
	CHECK(strstr(r.out, OUT2) == NULL);
	run_free(&r);
	r = run_replay("card\treviewed_at\trating\n", 0);
	CHECK_INT(r.status, 1);
	CHECK(r.err[0] != '\0');
	run_free(&r);
	r = run_replay("card\treviewed_at\trating\n", 1.01);
	CHECK_INT(r.status, 1);
	run_free(&r);
}

/* ---- main ---- */

/* $top_srcdir/tests/fsrs/name (or $srcdir, or .); the caller frees it. */
static char *fixture_path(const char *name)
{
	const char *dir = getenv("top_srcdir");
	size_t n;
	char *s;

	if (!dir || !*dir)
		dir = getenv("srcdir");
	if (!dir || !*dir)
		dir = ".";
	n = strlen(dir) + strlen(name) + 16;
	s = malloc(n);
	if (!s)
		abort();
	snprintf(s, n, "%s/tests/fsrs/%s", dir, name);
	return s;
}

/* A new string: path with its last component replaced by name, or a
 * copy of path when name is empty. The caller frees it. */
static char *sibling(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = !*name ? strlen(path) : slash ? (size_t)(slash - path) + 1 : 0;
	char *s = malloc(dlen + strlen(name) + 1);

	if (!s)
		abort();
	memcpy(s, path, dlen);
	strcpy(s + dlen, name);
	return s;
}

int main(int argc, char **argv)
{
	char *fixture = argc > 1 ? sibling(argv[1], "") : fixture_path("fixture.tsv");
	char *longterm = argc > 2 ? sibling(argv[2], "")
	                          : sibling(fixture, "fixture-longterm.tsv");

	test_defaults();
	test_bad_input();
	test_learning_steps();
	test_long_term();
	test_retrievability();
	test_fuzz();
	test_max_interval();
	test_preview_order();
	test_clip();
	test_replay();
	test_fixtures(fixture, longterm);
	free(fixture);
	free(longterm);
	return check_done();
}
