/* `make bench`: builds a synthetic collection of 100,000 cards and
 * 1,000,000 review-log rows and measures what a user feels: start-up to
 * the first drawn screen (the real program on a pseudo-terminal),
 * building today's queue, grade-to-next-card, the card browser's search
 * per keystroke and opening it, `prepdeck replay`
 * throughput on 1,000,000 reviews beside ts-fsrs on the same input (when
 * Node.js and tests/fsrs/node_modules are there), `prepdeck jd import`
 * of a 1 MB posting, and `prepdeck anki import` of a 100,000-card,
 * 1,000,000-review Anki package made here (time and peak memory), and
 * the memory model: fitting 100,000 reviews (beside the fsrs-rs binding)
 * and a 42-day simulation. Prints medians. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "anki_pkg.h"
#include "cards.h"
#include "db.h"
#include "db_anki.h"
#include "db_search.h"
#include "memory.h"
#include "optimizer.h"
#include "review.h"
#include "simulate.h"
#include "settings.h"
#include "util.h"

#define NCARDS 100000
#define NLOG 1000000
#define NDECKS 20

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static uint64_t rng = 88172645463325252ull;
static uint64_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A learner's history for the optimizer: cards introduced over half a
 * year, each reviewed when due (a fifth of the time a few days late)
 * with recall drawn from the FSRS-6 model with parameters unlike the
 * defaults, and a same-day step after a first review or a lapse. Writes
 * n reviews in replay's input format to path. */
static void
write_history(const char *path, int n)
{
	static const double w[FSRS_NWEIGHTS] = {
		0.4, 1.5, 3.1, 10.5, 6.2, 0.7, 2.4, 0.02, 1.7, 0.18, 0.85, 1.6, 0.07,
		0.28, 1.8, 0.55, 2.0, 0.45, 0.15, 0.08, 0.2
	};
	double factor = pow(0.9, -1 / w[20]) - 1;
	double easy_d = w[4] - exp(3 * w[5]) + 1;
	int64_t base = 1767225600; /* 2026-01-01 */
	int written = 0;
	FILE *f = fopen(path, "w");
	char ts[32];
#define EMIT(day, secs, g) do { \
	fmt_iso_utc(base + (day) * DAY_SECONDS + (secs), ts, sizeof ts); \
	fprintf(f, "c%d\t%s\t%d\n", c, ts, (g)); \
	written++; \
} while (0)
	fprintf(f, "card\treviewed_at\trating\n");
	for (int c = 0; written < n; c++) {
		int64_t day = (int64_t)(next_rand() % 150), last;
		int64_t secs = 8 * 3600 + (int64_t)(next_rand() % 36000);
		int u = (int)(next_rand() % 100);
		int g = u < 25 ? 1 : u < 40 ? 2 : u < 90 ? 3 : 4;
		double s = w[g - 1], d = w[4] - exp(w[5] * (g - 1)) + 1;
		d = d < 1 ? 1 : d > 10 ? 10 : d;
		EMIT(day, secs, g);
		last = day;
		for (;;) {
			if (g < 4 && written < n) {
				/* A same-day step, rated Good. */
				double sinc = exp(w[17] * w[18]) * pow(s, -w[19]);
				s *= sinc > 1 ? sinc : 1;
				d = w[7] * easy_d + (1 - w[7]) * d;
				EMIT(day, secs + 600, 3);
			}
			int64_t ivl = (int64_t)(s + 0.5);
			day = last + (ivl < 1 ? 1 : ivl);
			if (next_rand() % 100 < 20)
				day += 1 + (int64_t)(next_rand() % 4);
			if (day >= 180 || written >= n)
				break;
			secs = 8 * 3600 + (int64_t)(next_rand() % 36000);
			double r = pow(1 + factor * (double)(day - last) / s, -w[20]);
			if ((double)(next_rand() % 1000000) / 1e6 < r) {
				u = (int)(next_rand() % 100);
				g = u < 12 ? 2 : u < 92 ? 3 : 4;
				double hp = g == 2 ? w[15] : 1, eb = g == 4 ? w[16] : 1;
				s *= 1 + exp(w[8]) * (11 - d) * pow(s, -w[9]) * (exp((1 - r) * w[10]) - 1) * hp * eb;
			} else {
				g = 1;
				double raw = w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp((1 - r) * w[14]);
				double fl = s / exp(w[17] * w[18]);
				s = fl < raw ? fl : raw;
			}
			double nd = d + (10 - d) * (-w[6] * (g - 3)) / 9;
			d = w[7] * (easy_d - nd) + nd;
			d = d < 1 ? 1 : d > 10 ? 10 : d;
			s = s < 0.001 ? 0.001 : s > 36500 ? 36500 : s;
			EMIT(day, secs, g);
			last = day;
			if (g != 1)
				g = 4;   /* no same-day step after a pass */
		}
	}
#undef EMIT
	fclose(f);
}

static double time_cmd(const char *cmd);

/* 5. The memory model: fitting 100,000 reviews (beside fsrs-rs on the
 * same history when its binding is installed) and simulating. */
static void
bench_memory(const char *prog, const char *srcdir, const char *dir)
{
	char *path = xprintf("%s/history.tsv", dir);
	write_history(path, 100000);
	FILE *f = fopen(path, "r");
	char *cause = NULL;
	struct opt_history *h = memory_history_file(f, &cause);
	fclose(f);
	if (!h) {
		printf("optimizer: %s\n", cause);
		free(cause);
		free(path);
		return;
	}
	struct opt_config cfg;
	double w[FSRS_NWEIGHTS], v[3];
	opt_default_config(&cfg);
	size_t items = opt_history_items(h);
	for (int i = 0; i < 3; i++) {
		double s = now_s();
		if (opt_fit(h, &cfg, w, &cause) != 0) {
			printf("optimizer: %s\n", cause);
			free(cause);
			break;
		}
		v[i] = now_s() - s;
	}
	double tc = median(v, 3);
	struct opt_metrics m;
	opt_evaluate(h, w, &m);
	printf("%-34s %9.0f ms   (%zu items, log loss %.4f; median of 3)\n",
	       "optimize 100,000 reviews (fit)", tc * 1e3, items, m.log_loss);
	opt_history_free(h);
	char *cmd = xprintf("'%s' --db '%s/opt.db' optimize --from '%s' --json > /dev/null", prog,
	                    dir, path);
	printf("%-34s %9.0f ms   (fit, evaluation and the time-series split)\n",
	       "prepdeck optimize (whole command)", time_cmd(cmd) * 1e3);
	free(cmd);
	char *mods = xprintf("%s/tests/fsrs/node_modules/@open-spaced-repetition/binding", srcdir);
	if (access(mods, R_OK) == 0 && system("node --version >/dev/null 2>&1") == 0) {
		cmd = xprintf("node '%s/tests/fsrs/gen-optimizer-fixture.mjs' --time '%s'", srcdir, path);
		int n = 0;
		for (int i = 0; i < 3; i++) {
			FILE *p = popen(cmd, "r");
			double ms;
			if (p && fscanf(p, "%lf", &ms) == 1)
				v[n++] = ms / 1e3;
			if (p)
				pclose(p);
		}
		free(cmd);
		if (n > 0) {
			double tb = median(v, n);
			printf("%-34s %9.0f ms   -> prepdeck takes %.2fx the time (target <= 1)\n",
			       "fsrs-rs binding, same history", tb * 1e3, tc / tb);
		}
	} else {
		printf("%-34s (skipped: run 'npm ci --prefix tests/fsrs' with Node.js)\n",
		       "fsrs-rs binding, same history");
	}
	free(mods);
	free(path);

	/* 2,000 cards: half studied, half new; 42 days x 100 seeded runs. */
	struct sim_card *cards = xcalloc(2000, sizeof *cards);
	for (int i = 0; i < 1000; i++) {
		cards[i].s = 1 + (double)(next_rand() % 6000) / 100;
		cards[i].d = 3 + (double)(next_rand() % 500) / 100;
		cards[i].last_day = -(int64_t)(next_rand() % (uint64_t)cards[i].s);
		cards[i].due_day = cards[i].last_day + (int64_t)cards[i].s;
		cards[i].target = 1;
	}
	for (int i = 1000; i < 2000; i++)
		cards[i].target = 1;
	struct sim_config sc;
	sim_default_config(&sc);
	sc.today = 0;
	sc.days = 42;
	sc.runs = 100;
	sc.target_day = 42;
	struct sim_result r;
	for (int i = 0; i < 3; i++) {
		double s = now_s();
		sim_run(&sc, cards, 2000, &r);
		v[i] = now_s() - s;
		if (i < 2)
			sim_result_free(&r);
	}
	printf("%-34s %9.0f ms   (target < 1000 ms; %.0f min/day, recall %.2f)\n",
	       "simulate 2,000 cards 42 d x 100", median(v, 3) * 1e3, r.minutes_per_day,
	       r.recall_on_day);
	sim_result_free(&r);
	free(cards);
}

/* The synthetic collection: 20 decks of 5,000 cards; 60% seen, with
 * memory states spread over the past and the next months; 1,000,000
 * review-log rows over the last two years. */
static void
build(struct db *db, int64_t now)
{
	db_begin(db);
	db_set_setting(db, "bundled_imported", "1");
	for (int d = 0; d < NDECKS; d++) {
		char id[32], title[64];
		snprintf(id, sizeof id, "bench-%02d", d);
		snprintf(title, sizeof title, "Bench deck %d", d);
		db_exec(db, "INSERT INTO doc(id, kind, title, src, ord) VALUES (?, 'deck', ?, '@bench', ?)",
		        "tti", id, title, (int64_t)d);
	}
	struct db_stmt *card = db_prepare(db,
	    "INSERT INTO card(key, note_id, deck_id, kind, front, back, tags, ord, src) "
	    "VALUES (?, ?, ?, 'basic', ?, ?, ' bench ', ?, '@bench')", "");
	struct db_stmt *state = db_prepare(db,
	    "INSERT INTO card_state(key, state, due, stability, difficulty, last_review, reps, "
	    "lapses, scheduled_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "");
	for (int i = 0; i < NCARDS; i++) {
		char key[32], deck[32], front[96], back[160];
		snprintf(key, sizeof key, "b%06d", i);
		snprintf(deck, sizeof deck, "bench-%02d", i % NDECKS);
		snprintf(front, sizeof front, "Question number %d about **topic %d**?", i, i % 97);
		snprintf(back, sizeof back, "Answer %d: a sentence of realistic length that "
		         "explains the idea in `code` and words.", i);
		db_bind_text(card, 1, key);
		db_bind_text(card, 2, key);
		db_bind_text(card, 3, deck);
		db_bind_text(card, 4, front);
		db_bind_text(card, 5, back);
		db_bind_int(card, 6, i / NDECKS);
		db_step(card);
		db_reset(card);
		if (i % 10 < 6) {
			int64_t ivl = 1 + (int64_t)(next_rand() % 120);
			int64_t due = now + ((int64_t)(next_rand() % (ivl * 2 * DAY_SECONDS)) - ivl * DAY_SECONDS);
			db_bind_text(state, 1, key);
			db_bind_int(state, 2, i % 50 == 0 ? 1 : 2);
			db_bind_int(state, 3, due);
			db_bind_double(state, 4, (double)ivl);
			db_bind_double(state, 5, 1 + (double)(next_rand() % 900) / 100.0);
			db_bind_int(state, 6, due - ivl * DAY_SECONDS);
			db_bind_int(state, 7, 1 + (int64_t)(next_rand() % 15));
			db_bind_int(state, 8, (int64_t)(next_rand() % 4));
			db_bind_int(state, 9, ivl);
			db_step(state);
			db_reset(state);
		}
	}
	db_finalize(card);
	db_finalize(state);
	struct db_stmt *log = db_prepare(db,
	    "INSERT INTO review_log(card_key, reviewed_at, rating, state, due, stability, "
	    "difficulty, prev_state) VALUES (?, ?, ?, 2, ?, 5.0, 5.0, 2)", "");
	for (int i = 0; i < NLOG; i++) {
		char key[32];
		snprintf(key, sizeof key, "b%06d", (int)(next_rand() % (NCARDS * 6 / 10)));
		int64_t t = now - 1 - (int64_t)(next_rand() % (730 * DAY_SECONDS));
		db_bind_text(log, 1, key);
		db_bind_int(log, 2, t);
		db_bind_int(log, 3, 1 + (int64_t)(next_rand() % 4));
		db_bind_int(log, 4, t + DAY_SECONDS);
		db_step(log);
		db_reset(log);
	}
	db_finalize(log);
	db_commit(db);
}

/* The real program on a pseudo-terminal of 100x30. */
struct pty {
	pid_t pid;
	int master;
	char buf[65536];
	size_t have;
};

static int
pty_start(struct pty *p, const char *prog, const char *dbpath)
{
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	p->have = 0;
	p->pid = forkpty(&p->master, NULL, NULL, &ws);
	if (p->pid < 0)
		return -1;
	if (p->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execl(prog, prog, "--db", dbpath, (char *)NULL);
		_exit(127);
	}
	return 0;
}

/* Reads the program's output until it has written text; 0, or -1 when
 * it stopped first. What was read is forgotten, so the next wait sees
 * only newer output. */
static int
pty_wait(struct pty *p, const char *text)
{
	for (;;) {
		ssize_t n = read(p->master, p->buf + p->have, sizeof p->buf - p->have - 1);
		if (n <= 0)
			return -1;
		p->have += (size_t)n;
		p->buf[p->have] = '\0';
		if (strstr(p->buf, text) != NULL) {
			p->have = 0;
			return 0;
		}
		if (p->have > sizeof p->buf - 1024)
			p->have = 0;
	}
}

/* Sends keys that leave the program, and waits for it. */
static void
pty_stop(struct pty *p, const char *keys)
{
	if (write(p->master, keys, strlen(keys)) != (ssize_t)strlen(keys))
		kill(p->pid, SIGTERM);
	int status;
	waitpid(p->pid, &status, 0);
	close(p->master);
}

/* Seconds from starting the program until its first screen (the status
 * line) has been written. */
static double
first_screen(const char *prog, const char *dbpath)
{
	struct pty p;
	double t0 = now_s(), t = -1;
	if (pty_start(&p, prog, dbpath) != 0)
		return -1;
	if (pty_wait(&p, "q quit") == 0)
		t = now_s() - t0;
	pty_stop(&p, "q");
	return t;
}

/* Waits for Today, presses / and returns the seconds until the browser
 * has been drawn. */
static double
browser_screen(const char *prog, const char *dbpath)
{
	struct pty p;
	double t = -1;
	if (pty_start(&p, prog, dbpath) != 0)
		return -1;
	if (pty_wait(&p, "q quit") == 0 && write(p.master, "/", 1) == 1) {
		double t0 = now_s();
		if (pty_wait(&p, "Browse") == 0)
			t = now_s() - t0;
	}
	pty_stop(&p, "\033qq");
	return t;
}

/* Times a shell command; returns seconds or -1 when it failed. */
static double
time_cmd(const char *cmd)
{
	double t0 = now_s();
	int rc = system(cmd);
	double t = now_s() - t0;
	return rc == 0 ? t : -1;
}

/* An Anki package of ncards basic notes in 10 decks and 10 reviews a
 * card (a day or more apart, from 2024), written with the export's
 * collection writer. Returns 0 or -1. */
static int
anki_bench_pkg(const char *dir, const char *out, int ncards)
{
	char *col = xprintf("%s/bench.anki2", dir);
	char *cause = NULL;
	struct anki_out *o = anki_out_create(col, &cause);
	if (o == NULL) {
		fprintf(stderr, "%s\n", cause);
		return -1;
	}
	struct sbuf decks;
	sbuf_init(&decks);
	sbuf_add(&decks, "{\"1\":{\"id\":1,\"name\":\"Default\"}");
	for (int d = 0; d < 10; d++)
		sbuf_addf(&decks, ",\"%d\":{\"id\":%d,\"name\":\"Bench::Deck %d\"}", 100 + d,
		          100 + d, d);
	sbuf_addc(&decks, '}');
	anki_out_col(o, 1136073600, 0, "{}", "{\"7\":{\"id\":7,\"name\":\"Basic\",\"type\":0,"
	             "\"flds\":[{\"name\":\"Front\",\"ord\":0},{\"name\":\"Back\",\"ord\":1}],"
	             "\"tmpls\":[{\"name\":\"Card 1\",\"ord\":0,\"qfmt\":\"{{Front}}\","
	             "\"afmt\":\"{{FrontSide}}<hr id=answer>{{Back}}\"}]}}", decks.s, "{}");
	sbuf_free(&decks);
	int64_t t0 = 1704067200;   /* 2024-01-01 */
	int per = NLOG / NCARDS;
	for (int i = 0; i < ncards; i++) {
		char guid[32], flds[160];
		snprintf(guid, sizeof guid, "bench%07d", i);
		snprintf(flds, sizeof flds, "Question <b>%d</b> about <i>things</i>\x1f"
		         "Answer %d<br>with a second line &amp; more", i, i);
		anki_out_note(o, 1000000 + i, guid, 7, 0, " bench ", flds, "", 0);
		int64_t c[13] = { 2000000 + i, 1000000 + i, 100 + i % 10, 0, 0, 2, 2, 100, 10,
		                  2500, per, 0, 0 };
		anki_out_card(o, c, "");
		int64_t t = t0 + (int64_t)i * 7;
		for (int k = 0; k < per; k++) {
			int ease = (int)(next_rand() % 10) == 0 ? 1 : 3;
			int64_t r[8] = { t * 1000 + i % 1000, 2000000 + i, ease, k + 1, k, 2500,
			                 3000 + (int64_t)(next_rand() % 5000), k == 0 ? 0 : 1 };
			anki_out_revlog(o, r);
			t += DAY_SECONDS * (1 + k);
		}
	}
	if (anki_out_finish(o, &cause) != 0 || anki_pkg_write(col, out, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return -1;
	}
	unlink(col);
	free(col);
	return 0;
}

/* CPU seconds (user + system) the command's processes used: unlike the
 * wall clock, not inflated by other work on a shared machine. */
static double
cpu_cmd(const char *cmd)
{
	struct rusage r0, r1;
	getrusage(RUSAGE_CHILDREN, &r0);
	int rc = system(cmd);
	getrusage(RUSAGE_CHILDREN, &r1);
	double t = (double)(r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) +
	           (double)(r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) +
	           (double)(r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e6 +
	           (double)(r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6;
	return rc == 0 ? t : -1;
}

/* The browser's search as a person types: every prefix of a few queries
 * (broad ones matching every card, narrow ones matching a handful), each
 * as browser.c runs it on a keystroke (the last word a prefix, 200 rows,
 * counting to 2,000). Then opening the browser: every card, the first
 * one's detail. Prints the median and the slowest keystroke. */
static void
bench_search(struct db *db, int64_t now)
{
	static const char *const typed[] = {
		"realistic length", "topic 42", "question number 31337", "\"explains the idea\"",
		"code OR words", "answer 9999",
	};
	double *v = xcalloc(512, sizeof *v);
	int n = 0;
	struct card_query q = { .prefix_last = 1, .limit = 200, .count_max = 2000,
	                        .now = now, .day_end = now + 86400 };
	for (size_t t = 0; t < sizeof typed / sizeof typed[0]; t++) {
		size_t len = strlen(typed[t]);
		for (size_t k = 1; k <= len && n < 512; k++) {
			char *text = xstrndup(typed[t], k);
			q.text = text;
			struct card_hit *h;
			size_t nh, total;
			char *cause = NULL;
			double s = now_s();
			int rc = db_card_search(db, &q, &h, &nh, &total, &cause);
			v[n++] = now_s() - s;
			if (getenv("BENCH_SLOW") && v[n - 1] > 0.005)
				fprintf(stderr, "%.2f ms: %s (%zu of %zu)\n", v[n - 1] * 1e3, text,
				        rc == 0 ? nh : 0, rc == 0 ? total : 0);
			if (rc == 0)
				card_hits_free(h, nh);
			free(cause);
			free(text);
		}
	}
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	printf("%-34s %9.2f ms   (target < 10 ms; median of %d keystrokes, slowest %.2f ms)\n",
	       "search per keystroke", v[n / 2] * 1e3, n, v[n - 1] * 1e3);
	/* Opening the browser: all cards, then the first card's detail. */
	n = 0;
	for (int i = 0; i < 15; i++) {
		double s = now_s();
		q.text = NULL;
		struct card_hit *h;
		size_t nh, total;
		db_card_search(db, &q, &h, &nh, &total, NULL);
		struct review_card c;
		struct card_note note;
		struct card_history hist;
		if (nh > 0 && review_card_load(db, h[0].key, &c) == 0) {
			cards_note_get(db, h[0].key, &note, NULL);
			cards_history(db, h[0].key, &hist, NULL);
			cards_note_clear(&note);
			cards_history_free(&hist);
			review_card_free(&c);
		}
		card_hits_free(h, nh);
		v[n++] = now_s() - s;
	}
	printf("%-34s %9.2f ms   (every card and the first one's detail; median of %d)\n",
	       "open the browser: query", median(v, n) * 1e3, n);
	free(v);
}

int
main(int argc, char **argv)
{
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "--anki") == 0) {
		/* Only write the Anki package at argv[3] (of argv[4] cards, 10
		 * reviews each), for profiling. */
		int nc = argc == 5 ? atoi(argv[4]) : NCARDS;
		if (nc < 1 || nc > NCARDS)
			nc = NCARDS;
		return anki_bench_pkg(argv[2], argv[3], nc) == 0 ? 0 : 1;
	}
	if (argc == 3 && strcmp(argv[1], "--build") == 0) {
		/* Only build the collection at argv[2], for profiling. */
		struct db *bdb = db_open(argv[2], DB_OPEN_CREATE, NULL, NULL);
		if (bdb == NULL)
			return 1;
		build(bdb, now_unix());
		db_close(bdb);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--search") == 0) {
		/* Only the browser figures, on a collection built with --build. */
		struct db *bdb = db_open(argv[2], 0, NULL, NULL);
		if (bdb == NULL)
			return 1;
		bench_search(bdb, now_unix());
		db_close(bdb);
		return 0;
	}
	const char *prog = argc > 1 ? argv[1] : "src/prepdeck";
	const char *srcdir = argc > 2 ? argv[2] : ".";
	setenv("TZ", "UTC", 1);
	char dir[] = "/tmp/prepdeck-bench-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 1;
	char *dbpath = xprintf("%s/bench.db", dir);
	char *cause = NULL;
	struct db *db = db_open(dbpath, DB_OPEN_CREATE, NULL, &cause);
	if (db == NULL)
		die(1, "%s", cause);
	int64_t now = now_unix();
	double t0 = now_s();
	build(db, now);
	printf("collection: %d cards, %d review-log rows (built in %.1f s)\n", NCARDS, NLOG,
	       now_s() - t0);
	char host[128] = "?";
	FILE *f = popen("nproc; grep -m1 'model name' /proc/cpuinfo | cut -d: -f2", "r");
	if (f) {
		char l1[32] = "", l2[96] = "";
		if (fgets(l1, sizeof l1, f) && fgets(l2, sizeof l2, f)) {
			l1[strcspn(l1, "\n")] = l2[strcspn(l2, "\n")] = '\0';
			snprintf(host, sizeof host, "%s cores,%s", l1, l2);
		}
		pclose(f);
	}
	printf("machine: %s\n\n", host);

	/* 1. Start-up to first drawn screen (the real program). */
	double v[50];
	int n = 0;
	first_screen(prog, dbpath); /* warm the page cache */
	for (int i = 0; i < 15; i++) {
		double t = first_screen(prog, dbpath);
		if (t > 0)
			v[n++] = t;
	}
	double startup = n ? median(v, n) : -1;
	printf("%-34s %9.2f ms   (target < 50 ms)\n", "start-up to first screen", startup * 1e3);

	/* 2. Building today's queue. */
	struct review_queue q;
	n = 0;
	for (int i = 0; i < 15; i++) {
		double s = now_s();
		review_queue_build(db, NULL, now, &q);
		v[n++] = now_s() - s;
		review_queue_free(&q);
	}
	printf("%-34s %9.2f ms\n", "build today's queue", median(v, n) * 1e3);

	/* 3. Grade-to-next-card: grade, pick the next card, load it and its
	 * interval previews, as the review screen does. Every grade is a
	 * commit synced to disk (synchronous = FULL): first with the WAL file
	 * already grown, as late in a session, then from an empty one, as
	 * when the program starts, where each commit also grows the file. */
	struct settings set;
	settings_load(db, &set);
	review_queue_build(db, NULL, now, &q);
	char key[CARD_KEY_MAX];
	int graded = 0;
	double gv[400];
	int gn = 0, fresh_from = -1;
	if (review_next(&q, now, key, NULL)) {
		while (graded < 400) {
			if (graded == 200) {
				db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", "");
				fresh_from = gn;
			}
			struct review_result res;
			double s = now_s();
			review_grade(db, &set, key, 1 + graded % 4 == 1 ? 1 : 3, now, 3000, "review",
			             &res, NULL);
			int more = review_next(&q, now, key, NULL);
			struct review_card c;
			int64_t pv[4];
			if (more) {
				review_card_load(db, key, &c);
				review_preview(db, &set, key, now, pv);
				review_card_free(&c);
			}
			gv[gn++] = now_s() - s;
			graded++;
			if (!more)
				break;
		}
	}
	review_queue_free(&q);
	if (fresh_from < 0)
		fresh_from = gn;
	printf("%-34s %9.3f ms   (target < 2 ms plus one synced write; median of %d grades)\n", "grade to next card",
	       median(gv, fresh_from) * 1e3, fresh_from);
	if (gn > fresh_from)
		printf("%-34s %9.3f ms   (median of %d grades from an empty WAL)\n",
		       "grade to next card, new session", median(gv + fresh_from, gn - fresh_from) * 1e3,
		       gn - fresh_from);
	/* What one of those syncs costs on this disk, for reading the
	 * figures above: a 4 KB append and fdatasync, as a commit does. */
	char *sf = xprintf("%s/sync-probe", dir);
	int fd = open(sf, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	n = 0;
	char page[4096] = { 0 };
	for (int i = 0; fd >= 0 && i < 50; i++) {
		double s = now_s();
		if (write(fd, page, sizeof page) != (ssize_t)sizeof page || fdatasync(fd) != 0)
			break;
		v[n++] = now_s() - s;
	}
	if (fd >= 0)
		close(fd);
	free(sf);
	if (n > 0)
		printf("%-34s %9.3f ms   (4 KB append + fdatasync, median of %d)\n",
		       "disk: one synced write", median(v, n) * 1e3, n);

	/* 4. The card browser: searching, and opening it in the program. */
	bench_search(db, now);
	n = 0;
	for (int i = 0; i < 9; i++) {
		double t = browser_screen(prog, dbpath);
		if (t > 0)
			v[n++] = t;
	}
	printf("%-34s %9.2f ms   (/ pressed on Today to the browser drawn; median of %d)\n",
	       "open the browser in the program", n ? median(v, n) * 1e3 : -1.0, n);
	db_close(db);

	/* 5. replay throughput on 1,000,000 reviews, and ts-fsrs beside it. */
	char *in = xprintf("%s/replay-in.tsv", dir);
	f = fopen(in, "w");
	fprintf(f, "card\treviewed_at\trating\n");
	int64_t base = 1767225600; /* 2026-01-01 */
	int64_t *last = xcalloc(NCARDS, sizeof *last);
	for (int i = 0; i < NLOG; i++) {
		int c = (int)(next_rand() % NCARDS);
		if (last[c] == 0)
			last[c] = base + (int64_t)(next_rand() % DAY_SECONDS);
		else
			last[c] += 600 + (int64_t)(next_rand() % (20 * DAY_SECONDS));
		char ts[32];
		fmt_iso_utc(last[c], ts, sizeof ts);
		fprintf(f, "c%d\t%s\t%d\n", c, ts, 1 + (int)(next_rand() % 100 < 15 ? 0 :
		                                                 1 + next_rand() % 3));
	}
	fclose(f);
	free(last);
	char *cmd = xprintf("'%s' replay < '%s' > '%s/out-c.tsv'", prog, in, dir);
	char *mods = xprintf("%s/tests/fsrs/node_modules/ts-fsrs", srcdir);
	int have_ts = access(mods, R_OK) == 0 && system("node --version >/dev/null 2>&1") == 0;
	char *tcmd = xprintf("node '%s/tests/fsrs/replay-ts.mjs' < '%s' > '%s/out-ts.tsv'",
	                     srcdir, in, dir);
	/* prepdeck and ts-fsrs alternate so both see the same machine load;
	 * medians of wall and CPU time. */
	double cw[5], cc[5], tw[3], tc[3];
	for (int i = 0; i < 5; i++) {
		double s0 = now_s();
		cc[i] = cpu_cmd(cmd);
		cw[i] = now_s() - s0;
		if (have_ts && i < 3) {
			s0 = now_s();
			tc[i] = cpu_cmd(tcmd);
			tw[i] = now_s() - s0;
		}
	}
	double rc = median(cw, 5), rcc = median(cc, 5);
	printf("%-34s %9.0f ms   (%.2f M reviews/s; CPU %.0f ms)\n", "replay 1,000,000 reviews",
	       rc * 1e3, 1.0 / rc, rcc * 1e3);
	free(cmd);
	if (have_ts) {
		double rt = median(tw, 3), rtc = median(tc, 3);
		cmd = xprintf("cmp -s '%s/out-c.tsv' '%s/out-ts.tsv'", dir, dir);
		int same = system(cmd) == 0;
		free(cmd);
		printf("%-34s %9.0f ms   -> prepdeck is %.1fx faster (CPU time: %.1fx; target "
		       ">= 50x); outputs %s\n", "ts-fsrs, same reviews (median of 3)", rt * 1e3,
		       rt / rc, rtc / rcc, same ? "identical" : "DIFFER");
	} else {
		printf("%-34s (skipped: run 'npm ci --prefix tests/fsrs' with Node.js)\n",
		       "ts-fsrs, same reviews");
	}
	free(tcmd);
	free(mods);

	/* 5. Importing a large Anki package, with its history. */
	char *apkg = xprintf("%s/bench.apkg", dir);
	if (anki_bench_pkg(dir, apkg, NCARDS) == 0) {
		char *adb = xprintf("%s/anki.db", dir);
		/* The database exists first (with the curriculum), so only the
		 * import is timed. */
		char *mk = xprintf("'%s' --db '%s' status > /dev/null", prog, adb);
		if (system(mk) != 0)
			fprintf(stderr, "cannot create %s\n", adb);
		free(mk);
		double a0 = now_s();
		pid_t pid = fork();
		if (pid == 0) {
			int nul = open("/dev/null", O_WRONLY);
			dup2(nul, 1);
			execl(prog, prog, "--db", adb, "anki", "import", apkg, (char *)NULL);
			_exit(127);
		}
		int status = 0;
		struct rusage ru;
		memset(&ru, 0, sizeof ru);
		wait4(pid, &status, 0, &ru);
		double at = now_s() - a0;
		double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		             (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
		printf("%-34s %9.0f ms   (target < 10 s; CPU %.0f ms), max RSS %.0f MB "
		       "(target < 200 MB)%s\n", "anki import 100k cards, 1M reviews", at * 1e3,
		       cpu * 1e3, ru.ru_maxrss / 1024.0,
		       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "" : "  FAILED");
		free(adb);
	}
	free(apkg);

	/* 6. jd import of a 1 MB posting that names one skill 262,144 times
	 * ("ML. " repeated): it must stay linear. */
	char *jdb = xprintf("%s/jd.db", dir), *post = xprintf("%s/posting.md", dir);
	f = fopen(post, "w");
	for (int i = 0; i < 1024 * 1024 / 4; i++)
		fputs("ML. ", f);
	fclose(f);
	cmd = xprintf("'%s' --db '%s' status > /dev/null", prog, jdb);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot make %s\n", jdb);
	free(cmd);
	n = 0;
	for (int i = 0; i < 3; i++) {
		cmd = xprintf("'%s' --db '%s' jd import '%s' --name 'bench %d' > /dev/null", prog,
		              jdb, post, i);
		v[n++] = time_cmd(cmd);
		free(cmd);
	}
	printf("%-34s %9.0f ms   (target < 1000 ms; median of 3)\n",
	       "jd import of a 1 MB posting", median(v, n) * 1e3);
	free(jdb);
	free(post);

	/* 7. The memory model: fitting and simulating. */
	bench_memory(prog, srcdir, dir);

	char *rm = xprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(rm);
	free(in);
	free(dbpath);
	return 0;
}
