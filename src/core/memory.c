/* The learner's memory model in the store; see memory.h. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "memory.h"
#include "replay.h"
#include "util.h"

#include <stdint.h>

struct opt_history *
memory_history_db(struct db *db, int rollover_hour)
{
	struct opt_history *h = opt_history_new();
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT card_key, reviewed_at, rating FROM review_log WHERE mode = 'review' "
	        "ORDER BY card_key, reviewed_at, id",
	        "");
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

static int64_t
floor_day(int64_t t)
{
	return t >= 0 ? t / DAY_SECONDS : -((-t + DAY_SECONDS - 1) / DAY_SECONDS);
}

static int
add_review(void *ctx, const char *card, size_t clen, int64_t t, enum fsrs_rating rating,
           char **cause)
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

int
memory_save(struct db *db, const double w[FSRS_NWEIGHTS], double log_loss, size_t reviews,
            int64_t now, char **cause)
{
	int bad;
	if (opt_check(w, &bad) != 0)
		return fail(cause,
		            "parameter w%d = %g is not a number or outside its bounds; "
		            "nothing saved",
		            bad, w[bad]);
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
	db_exec(db,
	        "DELETE FROM setting WHERE key IN ('fsrs_weights', 'fsrs_fit_at', "
	        "'fsrs_fit_log_loss', 'fsrs_fit_reviews')",
	        "");
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

/* ---- the learner, for the simulator ---- */

void
memory_learner(struct db *db, struct sim_config *cfg)
{
	long first[4] = { 0 }, pass[3] = { 0 }, nf = 0, np = 0;
	struct db_stmt *st =
	        db_prepare(db,
	                   "SELECT ifnull(prev_state, 0), rating, count(*) FROM review_log "
	                   "WHERE mode = 'review' GROUP BY 1, 2",
	                   "");
	while (db_step(st)) {
		int ps = (int)db_col_int(st, 0), g = (int)db_col_int(st, 1);
		long k = (long)db_col_int(st, 2);
		if (g < FSRS_AGAIN || g > FSRS_EASY)
			continue;
		if (ps == 0) {
			first[g - 1] += k;
			nf += k;
		} else if (ps == FSRS_REVIEW && g > FSRS_AGAIN) {
			pass[g - 2] += k;
			np += k;
		}
	}
	db_finalize(st);
	/* Enough answers to trust the learner's own mix. */
	if (nf >= 20)
		for (int i = 0; i < 4; i++)
			cfg->first[i] = (double)first[i] / (double)nf;
	if (np >= 20)
		for (int i = 0; i < 3; i++)
			cfg->pass[i] = (double)pass[i] / (double)np;
	/* Seconds per answer, ignoring pauses over five minutes. */
	st = db_prepare(
	        db,
	        "SELECT ifnull(prev_state, 0) = 0, avg(duration_ms), count(*) FROM review_log "
	        "WHERE mode = 'review' AND duration_ms > 0 AND duration_ms < 300000 GROUP BY 1",
	        "");
	while (db_step(st)) {
		int isnew = (int)db_col_int(st, 0);
		double ms = db_col_double(st, 1);
		if (db_col_int(st, 2) < 20)
			continue;
		if (isnew)
			cfg->secs_new = ms / 1000 * 2; /* a new card and its step */
		else
			cfg->secs_review = ms / 1000;
	}
	db_finalize(st);
	cfg->secs_relearn = cfg->secs_review;
}

struct sim_card *
memory_sim_cards(struct db *db, int rollover_hour, int64_t today, const char *map_id, size_t *n)
{
	char *decks = NULL;
	if (map_id && *map_id) {
		struct sbuf b;
		sbuf_init(&b);
		sbuf_add(&b, " ");
		struct db_stmt *st = db_prepare(
		        db,
		        "SELECT decks FROM gap_row WHERE map_id = ? AND deleted = 0 AND retired = 0",
		        "t", map_id);
		while (db_step(st)) {
			sbuf_add(&b, db_col_text(st, 0));
			sbuf_add(&b, " ");
		}
		db_finalize(st);
		decks = sbuf_take(&b);
		if (strspn(decks, " ,") == strlen(decks)) {
			free(decks);
			decks = NULL;
		}
		if (decks)
			for (char *p = decks; *p; p++)
				if (*p == ',')
					*p = ' ';
	}
	size_t cap = 256, k = 0;
	struct sim_card *c = xmalloc(cap * sizeof *c);
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT ifnull(s.state, 0), ifnull(s.stability, 0), ifnull(s.difficulty, 0), "
	        "ifnull(s.last_review, 0), ifnull(s.due, 0), "
	        "?1 IS NULL OR ?1 LIKE '% ' || c.deck_id || ' %' "
	        "FROM card c LEFT JOIN card_state s ON s.key = c.key "
	        "WHERE c.retired = 0 AND ifnull(s.suspended, 0) = 0 "
	        "ORDER BY ifnull(s.state, 0) = 0, c.ord, c.deck_id, c.key",
	        "t", decks);
	while (db_step(st)) {
		if (k == cap) {
			cap *= 2;
			c = xrealloc(c, cap * sizeof *c);
		}
		int state = (int)db_col_int(st, 0);
		double s = db_col_double(st, 1), d = db_col_double(st, 2);
		memset(&c[k], 0, sizeof c[k]);
		if (state != 0 && s > 0 && isfinite(s) && d >= 1 && d <= 10) {
			c[k].s = s;
			c[k].d = d;
			c[k].last_day = day_number(db_col_int(st, 3), rollover_hour);
			int64_t due = day_number(db_col_int(st, 4), rollover_hour);
			c[k].due_day = due < today ? today : due;
		}
		c[k].target = (int)db_col_int(st, 5);
		k++;
	}
	db_finalize(st);
	free(decks);
	*n = k;
	return c;
}

/* ---- true retention and calibration ---- */

struct deck_of {
	char *key;
	size_t deck;
};

static int
deck_of_cmp(const void *a, const void *b)
{
	return strcmp(((const struct deck_of *)a)->key, ((const struct deck_of *)b)->key);
}

static int
row_cmp(const void *a, const void *b)
{
	const struct mem_row *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->label, y->label);
}

static void
row_add(struct mem_row *r, int passed, double p)
{
	r->n++;
	r->passed += passed;
	r->predicted += p;
}

void
memory_report(struct db *db, const struct settings *set, struct mem_report *r)
{
	static const char *const bands[MEM_BANDS] = { "1 day",     "2-3 days",   "4-7 days",
		                                      "8-14 days", "15-30 days", "31-90 days",
		                                      "91+ days" };
	static const int band_max[MEM_BANDS] = { 1, 3, 7, 14, 30, 90, INT32_MAX };
	static const double calib_lo[MEM_CALIB] = { 0, 0.70, 0.80, 0.85, 0.90, 0.93, 0.96, 0.98 };

	memset(r, 0, sizeof *r);
	r->retention = set->retention;
	memcpy(r->w, set->w, sizeof r->w);
	r->fitted = set->fitted;
	memory_default_weights(r->dflt);
	r->have_fit = memory_fit_info(db, &r->fit_at, &r->fit_log_loss, &r->fit_reviews) == 0;
	for (int i = 0; i < MEM_BANDS; i++)
		snprintf(r->bands[i].label, sizeof r->bands[i].label, "%s", bands[i]);
	for (int i = 0; i < MEM_CALIB; i++) {
		if (i + 1 < MEM_CALIB)
			snprintf(r->calib[i].label, sizeof r->calib[i].label, "%.2f-%.2f",
			         calib_lo[i], calib_lo[i + 1]);
		else
			snprintf(r->calib[i].label, sizeof r->calib[i].label, "%.2f-1.00",
			         calib_lo[i]);
	}

	/* Cards and their decks' titles. */
	size_t ncards = 0, cap = 256, ndecks = 0;
	struct deck_of *map = xmalloc(cap * sizeof *map);
	char **titles = NULL;
	struct db_stmt *st =
	        db_prepare(db,
	                   "SELECT c.key, ifnull(nullif(d.title, ''), c.deck_id) FROM card c "
	                   "LEFT JOIN doc d ON d.id = c.deck_id ORDER BY 2",
	                   "");
	while (db_step(st)) {
		const char *title = db_col_text(st, 1);
		if (ndecks == 0 || strcmp(titles[ndecks - 1], title) != 0) {
			titles = xrealloc(titles, (ndecks + 1) * sizeof *titles);
			titles[ndecks++] = xstrdup(title);
		}
		if (ncards == cap) {
			cap *= 2;
			map = xrealloc(map, cap * sizeof *map);
		}
		map[ncards].key = xstrdup(db_col_text(st, 0));
		map[ncards++].deck = ndecks - 1;
	}
	db_finalize(st);
	qsort(map, ncards, sizeof *map, deck_of_cmp);
	r->decks = xcalloc(ndecks ? ndecks : 1, sizeof *r->decks);
	for (size_t i = 0; i < ndecks; i++)
		snprintf(r->decks[i].label, sizeof r->decks[i].label, "%s", titles[i]);

	struct opt_history *h = memory_history_db(db, set->rollover_hour);
	struct opt_item_view *v;
	size_t n = opt_item_views(h, set->w, &v);
	for (size_t i = 0; i < n; i++) {
		r->items++;
		r->passed += v[i].passed;
		int b = 0;
		while (b + 1 < MEM_BANDS && v[i].gap > band_max[b])
			b++;
		row_add(&r->bands[b], v[i].passed, v[i].p);
		int c = MEM_CALIB - 1;
		while (c > 0 && v[i].p < calib_lo[c])
			c--;
		row_add(&r->calib[c], v[i].passed, v[i].p);
		struct deck_of key = { (char *)v[i].card, 0 };
		struct deck_of *f = bsearch(&key, map, ncards, sizeof *map, deck_of_cmp);
		if (f)
			row_add(&r->decks[f->deck], v[i].passed, v[i].p);
	}
	free(v);
	if (n > 0)
		r->have_metrics = opt_evaluate(h, set->w, &r->cur) == 0;
	opt_history_free(h);

	size_t ntitles = ndecks;
	qsort(r->decks, ndecks, sizeof *r->decks, row_cmp);
	while (ndecks > 0 && r->decks[ndecks - 1].n == 0)
		ndecks--;
	r->ndecks = ndecks;
	for (size_t i = 0; i < ncards; i++)
		free(map[i].key);
	free(map);
	for (size_t i = 0; i < ntitles; i++)
		free(titles[i]);
	free(titles);
}

void
memory_report_free(struct mem_report *r)
{
	free(r->decks);
	r->decks = NULL;
}

/* ---- forecast ---- */

int
memory_forecast(struct db *db, const struct settings *set, int64_t now,
                const struct forecast_options *o, struct forecast *f)
{
	memset(f, 0, sizeof *f);
	int64_t today = day_number(now, set->rollover_hour);
	struct target t;
	f->target_day = -1;
	if (target_next(db, today, &t) == 0) {
		f->target_day = t.day;
		snprintf(f->company, sizeof f->company, "%s", t.company);
	}
	struct sim_config cfg;
	sim_default_config(&cfg);
	memory_learner(db, &cfg);
	memcpy(cfg.w, set->w, sizeof cfg.w);
	cfg.today = today;
	cfg.days = o->days > 0             ? o->days
	           : f->target_day > today ? (int)(f->target_day - today)
	                                   : 42;
	cfg.new_per_day = o->new_per_day >= 0 ? o->new_per_day : set->new_per_day;
	cfg.reviews_per_day = set->reviews_per_day;
	cfg.retention = o->retention > 0 ? o->retention : set->retention;
	cfg.runs = o->runs > 0 ? o->runs : 100;
	cfg.seed = o->seed;
	cfg.target_day = f->target_day;
	size_t n;
	struct sim_card *cards = memory_sim_cards(db, set->rollover_hour, today,
	                                          f->target_day >= 0 ? t.map_id : NULL, &n);
	f->days = cfg.days;
	f->new_per_day = cfg.new_per_day;
	f->retention = cfg.retention;
	f->cards = n;
	for (size_t i = 0; i < n; i++)
		f->new_cards += cards[i].s == 0;
	int rc = sim_run(&cfg, cards, n, &f->main);
	f->target_cards = f->main.target_cards;
	for (int k = 0; k < SIM_TABLE && rc == 0; k++) {
		struct sim_config c2 = cfg;
		struct sim_result r;
		c2.retention = 0.80 + 0.05 * k;
		if (fabs(c2.retention - cfg.retention) < 1e-9) {
			r = f->main;
		} else if ((rc = sim_run(&c2, cards, n, &r)) != 0) {
			break;
		}
		f->table[k] = (struct forecast_row){ c2.retention, r.reviews_per_day,
			                             r.minutes_per_day, r.recall_on_day };
		if (r.reviews != f->main.reviews)
			sim_result_free(&r);
	}
	if (rc == 0)
		f->recommended = sim_recommend(&cfg, cards, n);
	free(cards);
	if (rc != 0)
		memory_forecast_free(f);
	return rc;
}

void
memory_forecast_free(struct forecast *f)
{
	sim_result_free(&f->main);
}
