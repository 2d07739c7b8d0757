/* `make bench`: builds a synthetic collection of 100,000 cards and
 * 1,000,000 review-log rows and measures what a user feels: start-up to
 * the first drawn screen (the real program on a pseudo-terminal),
 * building today's queue, grade-to-next-card, the card browser's search
 * per keystroke and opening it, and `prepdeck replay`
 * throughput on 1,000,000 reviews beside ts-fsrs on the same input (when
 * Node.js and tests/fsrs/node_modules are there). Prints medians. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cards.h"
#include "db.h"
#include "db_search.h"
#include "review.h"
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
			int64_t due = now + ((int64_t)(next_rand() % (ivl * 2 * 86400)) - ivl * 86400);
			db_bind_text(state, 1, key);
			db_bind_int(state, 2, i % 50 == 0 ? 1 : 2);
			db_bind_int(state, 3, due);
			db_bind_double(state, 4, (double)ivl);
			db_bind_double(state, 5, 1 + (double)(next_rand() % 900) / 100.0);
			db_bind_int(state, 6, due - ivl * 86400);
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
		int64_t t = now - 1 - (int64_t)(next_rand() % (730 * 86400));
		db_bind_text(log, 1, key);
		db_bind_int(log, 2, t);
		db_bind_int(log, 3, 1 + (int64_t)(next_rand() % 4));
		db_bind_int(log, 4, t + 86400);
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

static int
cmp_time(const void *a, const void *b)
{
	return cmp_d(a, b);
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
	qsort(v, (size_t)n, sizeof *v, cmp_time);
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
	 * interval previews, as the review screen does. */
	struct settings set;
	settings_load(db, &set);
	review_queue_build(db, NULL, now, &q);
	char key[160];
	int graded = 0;
	double gv[400];
	int gn = 0;
	if (review_next(&q, now, key, NULL)) {
		while (graded < 400) {
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
	printf("%-34s %9.3f ms   (target < 2 ms; median of %d grades)\n", "grade to next card",
	       median(gv, gn) * 1e3, gn);

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
			last[c] = base + (int64_t)(next_rand() % 86400);
		else
			last[c] += 600 + (int64_t)(next_rand() % (20 * 86400));
		char ts[32];
		fmt_iso_utc(last[c], ts, sizeof ts);
		fprintf(f, "c%d\t%s\t%d\n", c, ts, 1 + (int)(next_rand() % 100 < 15 ? 0 :
		                                                 1 + next_rand() % 3));
	}
	fclose(f);
	free(last);
	char *cmd = xprintf("'%s' replay < '%s' > '%s/out-c.tsv'", prog, in, dir);
	n = 0;
	for (int i = 0; i < 5; i++)
		v[n++] = time_cmd(cmd);
	double rc = median(v, n);
	printf("%-34s %9.0f ms   (%.2f M reviews/s)\n", "replay 1,000,000 reviews", rc * 1e3,
	       1.0 / rc);
	free(cmd);
	char *mods = xprintf("%s/tests/fsrs/node_modules/ts-fsrs", srcdir);
	if (access(mods, R_OK) == 0 && system("node --version >/dev/null 2>&1") == 0) {
		cmd = xprintf("node '%s/tests/fsrs/replay-ts.mjs' < '%s' > '%s/out-ts.tsv'",
		              srcdir, in, dir);
		/* Alternate runs so both see the same machine load; medians. */
		double tv[3];
		for (int i = 0; i < 3; i++)
			tv[i] = time_cmd(cmd);
		double rt = median(tv, 3);
		free(cmd);
		cmd = xprintf("cmp -s '%s/out-c.tsv' '%s/out-ts.tsv'", dir, dir);
		int same = system(cmd) == 0;
		free(cmd);
		printf("%-34s %9.0f ms   -> prepdeck is %.1fx faster (target >= 20x); "
		       "outputs %s\n", "ts-fsrs, same reviews (median of 3)", rt * 1e3, rt / rc,
		       same ? "identical" : "DIFFER");
	} else {
		printf("%-34s (skipped: run 'npm ci --prefix tests/fsrs' with Node.js)\n",
		       "ts-fsrs, same reviews");
	}
	free(mods);
	char *rm = xprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(rm);
	free(in);
	free(dbpath);
	return 0;
}
