/* The learner's memory model in the store; see memory.h. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"
#include "replay.h"
#include "util.h"

struct opt_history *
memory_history_db(struct db *db, int rollover_hour)
{
	struct opt_history *h = opt_history_new();
	struct db_stmt *st = db_prepare(db,
	    "SELECT card_key, reviewed_at, rating FROM review_log WHERE mode = 'review' "
	    "ORDER BY card_key, reviewed_at, id", "");
	while (db_step(st)) {
		const char *key = db_col_text(st, 0);
		int64_t t = db_col_int(st, 1);
		int rating = (int)db_col_int(st, 2);
		/* The store keeps ratings in range and times in order per card;
		 * a row that is not is skipped rather than trusted. */
		opt_history_add(h, key, strlen(key), t, day_number(t, rollover_hour), rating, NULL);
	}
	db_finalize(st);
	return h;
}

static int64_t floor_day(int64_t t)
{
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

static int add_review(void *ctx, const char *card, size_t clen, int64_t t,
                      int rating, char **cause)
{
	return opt_history_add(ctx, card, clen, t, floor_day(t), rating, cause);
}

struct opt_history *
memory_history_file(FILE *in, char **cause)
{
	struct opt_history *h = opt_history_new();
	if (replay_read(in, add_review, h, cause) != 0) {
		opt_history_free(h);
		return NULL;
	}
	return h;
}

void
memory_default_weights(double w[FSRS_NWEIGHTS])
{
	struct fsrs_params p;
	fsrs_default_params(&p, 0);
	memcpy(w, p.w, sizeof p.w);
}

int
memory_parse_weights(const char *s, double w[FSRS_NWEIGHTS])
{
	for (int i = 0; i < FSRS_NWEIGHTS; i++) {
		char *end;
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		w[i] = strtod(s, &end);
		if (end == s)
			return -1;
		s = end;
	}
	while (*s == ' ' || *s == ',' || *s == '\t' || *s == '\n')
		s++;
	return *s == '\0' ? 0 : -1;
}

int
memory_weights(struct db *db, double w[FSRS_NWEIGHTS])
{
	memory_default_weights(w);
	char *v = db_setting(db, "fsrs_weights");
	if (!v)
		return 0;
	double fw[FSRS_NWEIGHTS];
	int ok = memory_parse_weights(v, fw) == 0 && opt_check(fw, NULL) == 0;
	free(v);
	if (!ok)
		return -1;
	memcpy(w, fw, sizeof fw);
	return 1;
}

int
memory_save(struct db *db, const double w[FSRS_NWEIGHTS], double log_loss,
            size_t reviews, int64_t now, char **cause)
{
	int bad;
	if (opt_check(w, &bad) != 0)
		return fail(cause, "parameter w%d = %g is not a number or outside its bounds; "
		            "nothing saved", bad, w[bad]);
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < FSRS_NWEIGHTS; i++)
		sbuf_addf(&b, "%s%.8g", i ? " " : "", w[i]);
	char at[32], ll[32], nr[32];
	snprintf(at, sizeof at, "%lld", (long long)now);
	snprintf(ll, sizeof ll, "%.6f", log_loss);
	snprintf(nr, sizeof nr, "%zu", reviews);
	db_begin(db);
	db_set_setting(db, "fsrs_weights", b.s);
	db_set_setting(db, "fsrs_fit_at", at);
	db_set_setting(db, "fsrs_fit_log_loss", ll);
	db_set_setting(db, "fsrs_fit_reviews", nr);
	db_commit(db);
	sbuf_free(&b);
	return 0;
}

void
memory_reset(struct db *db)
{
	db_begin(db);
	db_exec(db, "DELETE FROM setting WHERE key IN ('fsrs_weights', 'fsrs_fit_at', "
	        "'fsrs_fit_log_loss', 'fsrs_fit_reviews')", "");
	db_commit(db);
}

int
memory_fit_info(struct db *db, int64_t *when, double *log_loss, long *reviews)
{
	char *a = db_setting(db, "fsrs_fit_at");
	char *l = db_setting(db, "fsrs_fit_log_loss");
	char *r = db_setting(db, "fsrs_fit_reviews");
	int rc = a && l && r ? 0 : -1;
	if (rc == 0) {
		*when = strtoll(a, NULL, 10);
		*log_loss = strtod(l, NULL);
		*reviews = strtol(r, NULL, 10);
	}
	free(a);
	free(l);
	free(r);
	return rc;
}
