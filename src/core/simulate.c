/* Deck simulation; see simulate.h. The memory model is the one the
 * optimizer fits (optimizer.c), in plain floating point. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fsrs.h"
#include "simulate.h"
#include "util.h"

#define S_MIN 0.001
#define S_MAX 36500.0

void
sim_default_config(struct sim_config *cfg)
{
	struct fsrs_params p;
	memset(cfg, 0, sizeof *cfg);
	fsrs_default_params(&p, 0);
	memcpy(cfg->w, p.w, sizeof p.w);
	cfg->retention = 0.9;
	cfg->days = 42;
	cfg->new_per_day = 20;
	cfg->max_interval = 36500;
	cfg->target_day = -1;
	cfg->runs = 100;
	cfg->seed = 1;
	/* Typical mixes and costs (Anki's simulator uses similar ones). */
	cfg->first[0] = 0.2;
	cfg->first[1] = 0.15;
	cfg->first[2] = 0.55;
	cfg->first[3] = 0.1;
	cfg->pass[0] = 0.12;
	cfg->pass[1] = 0.8;
	cfg->pass[2] = 0.08;
	cfg->secs_review = 8;
	cfg->secs_new = 25;
	cfg->secs_relearn = 15;
}

struct model {
	const double *w;
	double decay, factor, exp_w8, easy_d, fail_floor, st_good;
	double inv_decay;  /* 1 / decay */
	double ivl_factor; /* interval = s * ivl_factor */
};

static double
clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static void
model_init(struct model *m, const double *w, double retention)
{
	m->w = w;
	m->decay = -w[20];
	m->factor = pow(0.9, 1 / m->decay) - 1;
	m->inv_decay = 1 / m->decay;
	m->exp_w8 = exp(w[8]);
	m->easy_d = w[4] - exp(3 * w[5]) + 1;
	m->fail_floor = exp(-w[17] * w[18]);
	m->st_good = exp(w[17] * w[18]); /* same-day Good: rating - 3 = 0 */
	m->ivl_factor = (pow(retention, m->inv_decay) - 1) / m->factor;
}

static inline double
recall(const struct model *m, double t, double s)
{
	return pow(1 + m->factor * t / s, m->decay);
}

static inline void
next_d(const struct model *m, double *d, int g)
{
	const double *w = m->w;
	double nd = *d + (10 - *d) * (-w[6] * (g - 3)) / 9;
	*d = clampd(w[7] * (m->easy_d - nd) + nd, 1, 10);
}

/* A same-day Good (a learning or relearning step). */
static inline void
step_good(const struct model *m, double *s)
{
	double sinc = m->st_good * pow(*s, -m->w[19]);
	*s = clampd(*s * (sinc > 1 ? sinc : 1), S_MIN, S_MAX);
}

static inline void
review(const struct model *m, double *s, double *d, double r, int g)
{
	const double *w = m->w;
	double ns;
	if (g == FSRS_AGAIN) {
		double raw =
		        w[11] * pow(*d, -w[12]) * (pow(*s + 1, w[13]) - 1) * exp((1 - r) * w[14]);
		double fl = *s * m->fail_floor;
		ns = fl < raw ? fl : raw;
	} else {
		double hp = g == FSRS_HARD ? w[15] : 1, eb = g == FSRS_EASY ? w[16] : 1;
		ns = *s * (1 + m->exp_w8 * (11 - *d) * pow(*s, -w[9]) * (exp((1 - r) * w[10]) - 1) *
		                       hp * eb);
	}
	*s = clampd(ns, S_MIN, S_MAX);
	next_d(m, d, g);
}

static inline uint64_t
rng_next(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static inline double
urand(uint64_t *x)
{
	return (double)(rng_next(x) >> 11) * 0x1.0p-53;
}

static int
interval(const struct model *m, double s, int max_ivl)
{
	double ivl = floor(s * m->ivl_factor + 0.5);
	if (ivl < 1)
		ivl = 1;
	return ivl > max_ivl ? max_ivl : (int)ivl;
}

static int
config_ok(const struct sim_config *c)
{
	for (int i = 0; i < FSRS_NWEIGHTS; i++)
		if (!isfinite(c->w[i]))
			return 0;
	return c->retention > 0.5 && c->retention < 1 && c->days >= 1 && c->days <= 36500 &&
	       c->runs >= 1 && c->new_per_day >= 0 && c->reviews_per_day >= 0 &&
	       c->max_interval >= 1 && c->w[20] > 0;
}

int
sim_run(const struct sim_config *cfg, const struct sim_card *cards, size_t n, struct sim_result *r)
{
	memset(r, 0, sizeof *r);
	if (!config_ok(cfg))
		return -1;
	struct model m;
	model_init(&m, cfg->w, cfg->retention);
	r->days = cfg->days;
	r->reviews = xcalloc((size_t)cfg->days, sizeof *r->reviews);
	r->minutes = xcalloc((size_t)cfg->days, sizeof *r->minutes);
	r->recall_on_day = -1;
	struct sim_card *c = xmalloc((n ? n : 1) * sizeof *c);
	double cum_first[4], cum_pass[3], sf = 0, sp = 0;
	for (int i = 0; i < 4; i++)
		sf += cfg->first[i] > 0 ? cfg->first[i] : 0;
	for (int i = 0; i < 3; i++)
		sp += cfg->pass[i] > 0 ? cfg->pass[i] : 0;
	/* Cumulative mixes; an empty mix means always Good. */
	for (int i = 0; i < 4; i++) {
		double x = sf > 0 ? (cfg->first[i] > 0 ? cfg->first[i] : 0) / sf : i == 2;
		cum_first[i] = (i ? cum_first[i - 1] : 0) + x;
	}
	for (int i = 0; i < 3; i++) {
		double x = sp > 0 ? (cfg->pass[i] > 0 ? cfg->pass[i] : 0) / sp : i == 1;
		cum_pass[i] = (i ? cum_pass[i - 1] : 0) + x;
	}
	size_t ntarget = 0;
	for (size_t i = 0; i < n; i++)
		ntarget += cards[i].target != 0;
	r->target_cards = ntarget;
	double recall_sum = 0, knowledge = 0;
	int64_t end = cfg->today + cfg->days;

	/* Cards waiting for each day of the run, as linked lists: a day
	 * touches only the cards due on it. */
	uint32_t *head = xmalloc(((size_t)cfg->days + 1) * sizeof *head);
	uint32_t *link = xmalloc((n ? n : 1) * sizeof *link);
#define NONE UINT32_MAX
/* clang-format off */
#define QUEUE(i, due) do { \
	int64_t b_ = (due) - cfg->today; \
	b_ = b_ < 0 ? 0 : b_; \
	if (b_ < cfg->days) { \
		link[i] = head[b_]; \
		head[b_] = (uint32_t)(i); \
	} \
} while (0)
	/* clang-format on */
	for (int run = 0; run < cfg->runs; run++) {
		uint64_t rng = cfg->seed * UINT64_C(0x100000001b3) + (uint64_t)run;
		memcpy(c, cards, n * sizeof *c);
		for (int d = 0; d <= cfg->days; d++)
			head[d] = NONE;
		for (size_t i = n; i-- > 0;)
			if (c[i].s != 0)
				QUEUE(i, c[i].due_day);
		size_t next_new = 0;
		for (int day = 0; day < cfg->days; day++) {
			int64_t today = cfg->today + day;
			int done = 0, learned = 0;
			double secs = 0;
			uint32_t i = head[day];
			head[day] = NONE;
			while (i != NONE) {
				uint32_t after = link[i];
				struct sim_card *k = &c[i];
				if (cfg->reviews_per_day && done >= cfg->reviews_per_day) {
					/* Over the daily cap: tomorrow. */
					QUEUE(i, today + 1);
					i = after;
					continue;
				}
				double t = (double)(today - k->last_day);
				double rr = recall(&m, t > 0 ? t : 0, k->s);
				int g;
				if (urand(&rng) < rr) {
					double u = urand(&rng);
					g = u < cum_pass[0]   ? FSRS_HARD
					    : u < cum_pass[1] ? FSRS_GOOD
					                      : FSRS_EASY;
				} else {
					g = FSRS_AGAIN;
				}
				review(&m, &k->s, &k->d, rr, g);
				secs += cfg->secs_review;
				if (g == FSRS_AGAIN) {
					/* The relearning step, later the same day. */
					step_good(&m, &k->s);
					secs += cfg->secs_relearn;
				}
				k->last_day = today;
				k->due_day = today + interval(&m, k->s, cfg->max_interval);
				QUEUE(i, k->due_day);
				done++;
				i = after;
			}
			/* New cards, in order, after the reviews (as Today does). */
			while (learned < cfg->new_per_day && next_new < n) {
				struct sim_card *k = &c[next_new++];
				if (k->s != 0)
					continue;
				double u = urand(&rng);
				int g = u < cum_first[0]   ? FSRS_AGAIN
				        : u < cum_first[1] ? FSRS_HARD
				        : u < cum_first[2] ? FSRS_GOOD
				                           : FSRS_EASY;
				k->s = clampd(cfg->w[g - 1], S_MIN, S_MAX);
				k->d = clampd(cfg->w[4] - exp(cfg->w[5] * (g - 1)) + 1, 1, 10);
				/* Learning steps until Good: one more for Hard and Good
				 * starts, two after Again; Easy graduates at once. */
				for (int st = g == FSRS_AGAIN ? 2
				              : g < FSRS_EASY ? 1
				                              : 0;
				     st > 0; st--) {
					step_good(&m, &k->s);
					next_d(&m, &k->d, FSRS_GOOD);
				}
				k->last_day = today;
				k->due_day = today + interval(&m, k->s, cfg->max_interval);
				QUEUE(next_new - 1, k->due_day);
				secs += cfg->secs_new;
				learned++;
			}
			r->reviews[day] += done + learned;
			r->minutes[day] += secs / 60;
		}
		if (cfg->target_day >= 0 && ntarget > 0) {
			double sum = 0;
			for (size_t i = 0; i < n; i++) {
				if (!c[i].target || c[i].s == 0)
					continue;
				double t = (double)(cfg->target_day - c[i].last_day);
				sum += recall(&m, t > 0 ? t : 0, c[i].s);
			}
			recall_sum += sum / (double)ntarget;
		}
		for (size_t i = 0; i < n; i++)
			if (c[i].s != 0) {
				double t = (double)(end - c[i].last_day);
				knowledge += recall(&m, t > 0 ? t : 0, c[i].s);
			}
	}
#undef QUEUE
#undef NONE
	free(head);
	free(link);
	free(c);
	for (int d = 0; d < cfg->days; d++) {
		r->reviews[d] /= cfg->runs;
		r->minutes[d] /= cfg->runs;
		r->reviews_per_day += r->reviews[d] / cfg->days;
		r->minutes_per_day += r->minutes[d] / cfg->days;
	}
	if (cfg->target_day >= 0 && ntarget > 0)
		r->recall_on_day = recall_sum / cfg->runs;
	r->knowledge = knowledge / cfg->runs;
	return 0;
}

void
sim_result_free(struct sim_result *r)
{
	free(r->reviews);
	free(r->minutes);
	r->reviews = r->minutes = NULL;
}

/* Minutes per card remembered at the end, at retention r. */
static double
cost_at(struct sim_config *c, const struct sim_card *cards, size_t n, double r)
{
	struct sim_result res;
	c->retention = r;
	if (sim_run(c, cards, n, &res) != 0)
		return -1;
	double cost = res.minutes_per_day * res.days / (res.knowledge > 0 ? res.knowledge : 1e-9);
	sim_result_free(&res);
	return cost;
}

double
sim_recommend(const struct sim_config *cfg, const struct sim_card *cards, size_t n)
{
	struct sim_config c = *cfg;
	double best = -1, best_cost = INFINITY;
	/* Over a year, as the workload of a retention shows in the long run;
	 * a few runs per candidate (the ranking settles quickly); every 0.05
	 * first, then every 0.01 around the best. */
	c.runs = cfg->runs > 5 ? 5 : cfg->runs;
	c.days = cfg->days > 365 ? cfg->days : 365;
	c.target_day = -1;
	for (int k = 70; k <= 95; k += 5) {
		double cost = cost_at(&c, cards, n, k / 100.0);
		if (cost < 0)
			return -1;
		if (cost < best_cost) {
			best_cost = cost;
			best = k;
		}
	}
	int lo = (int)best - 4 < 70 ? 70 : (int)best - 4,
	    hi = (int)best + 4 > 95 ? 95 : (int)best + 4;
	for (int k = lo; k <= hi; k++) {
		if (k % 5 == 0)
			continue;
		double cost = cost_at(&c, cards, n, k / 100.0);
		if (cost >= 0 && cost < best_cost) {
			best_cost = cost;
			best = k;
		}
	}
	return best / 100.0;
}
