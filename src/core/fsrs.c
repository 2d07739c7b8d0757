/* FSRS-6 scheduler, following ts-fsrs 5.x. The function names and the
 * order of floating-point operations mirror ts-fsrs (FSRSAlgorithm,
 * BasicScheduler, LongTermScheduler, BasicLearningStepsStrategy) so the
 * results round the same way; see fsrs.h. */
#include "fsrs.h"
#include "util.h"

#include <limits.h>
#include <math.h>
#include <string.h>

/* ts-fsrs evaluates each expression with separate roundings; a fused
 * multiply-add would change the last bit and occasionally an 8-decimal
 * rounding. GCC in ISO C mode does not contract; clang needs telling. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define S_MAX 36500.0
#define INIT_S_MAX 100.0
/* The range of a JavaScript Date, in seconds: 10^8 days either side of
 * the epoch. */
#define TIME_LIMIT (INT64_C(100000000) * DAY_SECONDS)

static const double default_w[FSRS_NWEIGHTS] = { 0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334,
	                                         3.0194, 0.001,  1.8722, 0.1666, 0.796,  1.4835,
	                                         0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
	                                         0.0912, 0.0658, 0.1542 };

/* Everything one review needs, worked out once. */
struct ctx {
	const struct fsrs_params *p;
	const struct fsrs_derived *k; /* p->derived or own */
	struct fsrs_derived own;
	double fuzz; /* fuzz factor in [0, 1) */
	int64_t now;
	int elapsed;          /* calendar days since the last review */
	struct fsrs_card cur; /* the card with this review counted */
	/* Shared by the four ratings, worked out on first use: */
	int have_r, have_recall;
	double r;           /* retrievability at this review */
	double recall_base; /* rating-independent part of S'r */
};

/* floor(x), without a library call for the values met here; exact:
 * truncation then one step down for negative non-integers. */
static inline double
fast_floor(double x)
{
	if (!(x > -0x1p62 && x < 0x1p62))
		return floor(x);
	double f = (double)(int64_t)x;
	return f > x ? f - 1.0 : f;
}

/* JavaScript Math.round: nearest integer, halves towards +infinity. */
static double
js_round(double x)
{
	double f = fast_floor(x);
	return x - f >= 0.5 ? f + 1.0 : f;
}

/* ts-fsrs roundTo(x, 8). */
static double
round8(double x)
{
	return js_round(x * 1e8) / 1e8;
}

/* ts-fsrs clamp: Math.min(Math.max(v, lo), hi), NaN passing through. */
static double
clampd(double v, double lo, double hi)
{
	v = v < lo ? lo : v;
	return v > hi ? hi : v;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void
fsrs_default_params(struct fsrs_params *p, int enable_fuzz)
{
	memset(p, 0, sizeof *p);
	memcpy(p->w, default_w, sizeof p->w);
	p->retention = 0.9;
	p->max_interval = 36500;
	p->enable_fuzz = enable_fuzz != 0;
	p->enable_short_term = 1;
	p->learning_steps[0] = 1;
	p->learning_steps[1] = 10;
	p->n_learning_steps = 2;
	p->relearning_steps[0] = 10;
	p->n_relearning_steps = 1;
	fsrs_prepare(p);
}

void
fsrs_clip_weights(struct fsrs_params *p)
{
	double lo[FSRS_NWEIGHTS] = { FSRS_S_MIN, FSRS_S_MIN, FSRS_S_MIN, FSRS_S_MIN, 1,     0.001,
		                     0.001,      0.001,      0,          0,          0.001, 0.001,
		                     0.001,      0.001,      0,          0,          1,     0,
		                     0,          0.01,       0.1 };
	double hi[FSRS_NWEIGHTS] = {
		INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, 10, 4, 4, 0.75, 4.5, 0.8, 3.5,
		5,          0.25,       0.9,        4,          1,  6, 2, 2,    0.8, 0.8
	};
	double w[FSRS_NWEIGHTS];
	int i;

	for (i = 0; i < FSRS_NWEIGHTS; i++)
		w[i] = isnan(p->w[i]) ? 0.0 : p->w[i];
	if (!p->enable_short_term)
		lo[19] = 0;
	/* With several relearning steps, cap w17/w18 so the steps cannot
	 * raise stability above what a lapse allows. */
	if (p->n_relearning_steps > 1) {
		double w11 = clampd(w[11], lo[11], hi[11]);
		double w13 = clampd(w[13], lo[13], hi[13]);
		double w14 = clampd(w[14], lo[14], hi[14]);
		double v = -(log(w11) + log(pow(2, w13) - 1) + w14 * 0.3) / p->n_relearning_steps;
		double ceiling = clampd(round8(sqrt(v > 0 ? v : 0)), 0.01, 2);
		hi[17] = ceiling;
		hi[18] = ceiling;
	}
	for (i = 0; i < FSRS_NWEIGHTS; i++)
		p->w[i] = clampd(w[i], lo[i], hi[i]);
}

int
fsrs_params_check(const struct fsrs_params *p)
{
	int i;

	for (i = 0; i < FSRS_NWEIGHTS; i++)
		if (!isfinite(p->w[i]))
			return -1;
	if (!(p->w[20] > 0))
		return -1;
	if (!(p->retention > 0 && p->retention <= 1))
		return -1;
	/* The ordering of the ratings may go a few days past the maximum. */
	if (p->max_interval < 1 || p->max_interval > INT_MAX / 2)
		return -1;
	if (p->n_learning_steps < 0 || p->n_learning_steps > FSRS_MAX_STEPS ||
	    p->n_relearning_steps < 0 || p->n_relearning_steps > FSRS_MAX_STEPS)
		return -1;
	for (i = 0; i < p->n_learning_steps; i++)
		if (p->learning_steps[i] < 0 || p->learning_steps[i] > INT_MAX / 60)
			return -1;
	for (i = 0; i < p->n_relearning_steps; i++)
		if (p->relearning_steps[i] < 0 || p->relearning_steps[i] > INT_MAX / 60)
			return -1;
	return 0;
}

void
fsrs_new_card(struct fsrs_card *c, int64_t now)
{
	memset(c, 0, sizeof *c);
	c->state = FSRS_NEW;
	c->due = now;
}

/* Retrievability after t days at stability s (ts-fsrs forgetting_curve). */
static double
forgetting_curve(const struct ctx *c, double t, double s)
{
	return round8(pow(1 + c->k->factor * t / s, c->k->decay));
}

/* ts-fsrs computeDecayFactor, calculate_interval_modifier and the other
 * per-parameter constants. */
static void
derive(const struct fsrs_params *p, struct fsrs_derived *k)
{
	const double *w = p->w;

	k->w4 = w[4];
	k->w5 = w[5];
	k->w8 = w[8];
	k->w20 = w[20];
	k->retention = p->retention;
	k->decay = -w[20];
	/* ts-fsrs has Math.pow(decay, -1), which is exactly 1 / decay. */
	k->factor = round8(exp(1 / k->decay * log(0.9)) - 1);
	k->ivl_mod = round8((pow(p->retention, 1 / k->decay) - 1) / k->factor);
	k->d_easy = round8(w[4] - exp((FSRS_EASY - 1) * w[5]) + 1);
	k->exp_w8 = exp(w[8]);
}

static const struct fsrs_derived *
derived(const struct fsrs_params *p, struct fsrs_derived *own)
{
	const struct fsrs_derived *k = &p->derived;

	if (k->w4 == p->w[4] && k->w5 == p->w[5] && k->w8 == p->w[8] && k->w20 == p->w[20] &&
	    k->retention == p->retention)
		return k;
	derive(p, own);
	return own;
}

void
fsrs_prepare(struct fsrs_params *p)
{
	derive(p, &p->derived);
}

static double
init_stability(const struct ctx *c, enum fsrs_rating g)
{
	double s = c->p->w[g - 1];
	return s > 0.1 ? s : 0.1;
}

static double
init_difficulty(const struct ctx *c, enum fsrs_rating g)
{
	const double *w = c->p->w;
	return round8(w[4] - exp(((int)g - 1) * w[5]) + 1);
}

static double
next_difficulty(const struct ctx *c, double d, enum fsrs_rating g)
{
	const double *w = c->p->w;
	double delta_d = -w[6] * ((int)g - 3);
	double next_d = d + round8(delta_d * (10 - d) / 9);
	double reverted = round8(w[7] * c->k->d_easy + (1 - w[7]) * next_d);
	return clampd(reverted, 1, 10);
}

/* The new stability after a successful recall. The product is
 * evaluated left to right as in ts-fsrs; its rating-independent leading
 * factors are shared between ratings. */
static double
next_recall_stability(struct ctx *c, double d, double s, double r, enum fsrs_rating g)
{
	const double *w = c->p->w;
	double hard_penalty = g == FSRS_HARD ? w[15] : 1;
	double easy_bound = g == FSRS_EASY ? w[16] : 1;

	if (!c->have_recall) {
		c->recall_base =
		        c->k->exp_w8 * (11 - d) * pow(s, -w[9]) * (exp((1 - r) * w[10]) - 1);
		c->have_recall = 1;
	}
	return round8(
	        clampd(s * (1 + c->recall_base * hard_penalty * easy_bound), FSRS_S_MIN, S_MAX));
}

static double
next_forget_stability(const struct ctx *c, double d, double s, double r)
{
	const double *w = c->p->w;
	return round8(
	        clampd(w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp((1 - r) * w[14]),
	               FSRS_S_MIN, S_MAX));
}

static double
next_short_term_stability(const struct ctx *c, double s, enum fsrs_rating g)
{
	const double *w = c->p->w;
	double sinc = pow(s, -w[19]) * exp(w[17] * (((int)g - 3) + w[18]));
	if (g >= FSRS_HARD && sinc < 1)
		sinc = 1;
	return round8(clampd(s * sinc, FSRS_S_MIN, S_MAX));
}

/* New difficulty and stability of the card under review after rating g
 * (ts-fsrs next_state). */
static void
next_memory(struct ctx *c, enum fsrs_rating g, double *nd, double *ns)
{
	const double *w = c->p->w;
	double d = c->cur.difficulty, s = c->cur.stability, r;
	int t = c->elapsed;

	if (d == 0 && s == 0) {
		*nd = clampd(init_difficulty(c, g), 1, 10);
		*ns = init_stability(c, g);
		return;
	}
	if (!c->have_r) {
		c->r = forgetting_curve(c, t, s);
		c->have_r = 1;
	}
	r = c->r;
	if (t == 0 && c->p->enable_short_term) {
		*ns = next_short_term_stability(c, s, g);
	} else if (g == FSRS_AGAIN) {
		double after_fail = next_forget_stability(c, d, s, r);
		double w17 = 0, w18 = 0, floor_s;
		if (c->p->enable_short_term) {
			w17 = w[17];
			w18 = w[18];
		}
		floor_s = round8(s / exp(w17 * w18));
		floor_s = floor_s < FSRS_S_MIN ? FSRS_S_MIN : floor_s;
		*ns = floor_s > after_fail ? after_fail : floor_s;
	} else {
		*ns = next_recall_stability(c, d, s, r, g);
	}
	*nd = next_difficulty(c, d, g);
}

/* ts-fsrs get_fuzz_range followed by the draw in apply_fuzz. */
static int
fuzz_interval(const struct ctx *c, double ivl)
{
	static const struct {
		double start, end, factor;
	} ranges[] = { { 2.5, 7, 0.15 }, { 7, 20, 0.1 }, { 20, INFINITY, 0.05 } };
	double delta = 1, lo, hi;
	size_t i;

	for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		double x = (ivl < ranges[i].end ? ivl : ranges[i].end) - ranges[i].start;
		delta += ranges[i].factor * (x > 0 ? x : 0);
	}
	if (ivl > c->p->max_interval)
		ivl = c->p->max_interval;
	lo = js_round(ivl - delta);
	lo = lo > 2 ? lo : 2;
	hi = js_round(ivl + delta);
	hi = hi < c->p->max_interval ? hi : c->p->max_interval;
	if (ivl > c->elapsed && lo < c->elapsed + 1.0)
		lo = c->elapsed + 1.0;
	if (lo > hi)
		lo = hi;
	return (int)floor(c->fuzz * (hi - lo + 1) + lo);
}

/* Days until the next review for stability s (ts-fsrs next_interval). */
static int
next_interval(const struct ctx *c, double s)
{
	double ivl = js_round(s * c->k->ivl_mod);
	ivl = ivl > 1 ? ivl : 1;
	ivl = ivl < c->p->max_interval ? ivl : c->p->max_interval;
	if (!c->p->enable_fuzz || ivl < 2.5)
		return (int)ivl;
	return fuzz_interval(c, ivl);
}

/* The card after rating g with only its memory state updated. */
static void
with_memory(struct ctx *c, enum fsrs_rating g, struct fsrs_card *o)
{
	*o = c->cur;
	next_memory(c, g, &o->difficulty, &o->stability);
}

static void
set_days(const struct ctx *c, struct fsrs_card *o, int days)
{
	o->state = FSRS_REVIEW;
	o->step = 0;
	o->scheduled_days = days;
	o->due = c->now + (int64_t)days * DAY_SECONDS;
}

/* Minutes until the next step and the next step index for rating g, or
 * 0 minutes when the card leaves the steps (BasicLearningStepsStrategy
 * as read by getLearningInfo). */
static void
learning_step(const struct ctx *c, enum fsrs_rating g, int *minutes, int *next)
{
	const struct fsrs_params *p = c->p;
	int state = c->cur.state, cur = c->cur.step;
	const int *steps;
	int n;

	*minutes = 0;
	*next = 0;
	if (state == FSRS_RELEARNING || state == FSRS_REVIEW) {
		steps = p->relearning_steps;
		n = p->n_relearning_steps;
	} else {
		steps = p->learning_steps;
		n = p->n_learning_steps;
	}
	if (n == 0 || cur >= n)
		return;
	if (state == FSRS_REVIEW) {
		if (g == FSRS_AGAIN)
			*minutes = steps[cur];
		return;
	}
	switch (g) {
	case FSRS_AGAIN:
		*minutes = steps[0];
		break;
	case FSRS_HARD:
		*minutes = n == 1 ? (int)js_round(steps[0] * 1.5)
		                  : (int)js_round((steps[0] + (double)steps[1]) / 2);
		*next = cur;
		break;
	case FSRS_GOOD:
		if (cur + 1 < n && steps[cur + 1] != 0) {
			*minutes = steps[cur + 1];
			*next = cur + 1;
		}
		break;
	case FSRS_EASY: /* leaves the steps */
		break;
	}
}

/* ts-fsrs applyLearningSteps: schedule by the steps, or graduate. */
static void
apply_learning_steps(const struct ctx *c, struct fsrs_card *o, enum fsrs_rating g, int to_state)
{
	int minutes, next;

	learning_step(c, g, &minutes, &next);
	if (minutes > 0 && minutes < 1440) {
		o->step = next;
		o->scheduled_days = 0;
		o->state = to_state;
		o->due = c->now + (int64_t)minutes * 60;
	} else if (minutes >= 1440) {
		o->state = FSRS_REVIEW;
		o->step = next;
		o->due = c->now + (int64_t)minutes * 60;
		o->scheduled_days = minutes / 1440;
	} else {
		set_days(c, o, next_interval(c, o->stability));
	}
}

/* BasicScheduler: outcomes with short-term steps. Fills out[want - 1],
 * or all four when want is 0 (no rating). */
static void
basic_scheduler(struct ctx *c, enum fsrs_rating want, struct fsrs_card out[4])
{
	enum fsrs_rating g;
	int state = c->cur.state;

	if (state != FSRS_REVIEW) {
		for (g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
			if (want && g != want)
				continue;
			with_memory(c, g, &out[g - 1]);
			apply_learning_steps(c, &out[g - 1], g,
			                     state == FSRS_NEW ? FSRS_LEARNING : state);
		}
		return;
	}
	if (!want || want == FSRS_AGAIN) {
		with_memory(c, FSRS_AGAIN, &out[0]);
		apply_learning_steps(c, &out[0], FSRS_AGAIN, FSRS_RELEARNING);
		out[0].lapses++;
	}
	if (!want || want >= FSRS_HARD) {
		int hard, good, easy;
		with_memory(c, FSRS_HARD, &out[1]);
		with_memory(c, FSRS_GOOD, &out[2]);
		hard = next_interval(c, out[1].stability);
		good = next_interval(c, out[2].stability);
		hard = hard < good ? hard : good;
		good = good > hard + 1 ? good : hard + 1;
		set_days(c, &out[1], hard);
		set_days(c, &out[2], good);
		if (!want || want == FSRS_EASY) {
			with_memory(c, FSRS_EASY, &out[3]);
			easy = next_interval(c, out[3].stability);
			easy = easy > good + 1 ? easy : good + 1;
			set_days(c, &out[3], easy);
		}
	}
}

/* LongTermScheduler: every rating gives a whole-day interval, strictly
 * increasing from Again to Easy. */
static void
long_term_scheduler(struct ctx *c, struct fsrs_card out[4])
{
	enum fsrs_rating g;
	int ivl[4], i;

	for (g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		with_memory(c, g, &out[g - 1]);
		ivl[g - 1] = next_interval(c, out[g - 1].stability);
	}
	ivl[0] = ivl[0] < ivl[1] ? ivl[0] : ivl[1];
	for (i = 1; i < 4; i++)
		ivl[i] = ivl[i] > ivl[i - 1] + 1 ? ivl[i] : ivl[i - 1] + 1;
	for (i = 0; i < 4; i++)
		set_days(c, &out[i], ivl[i]);
	if (c->cur.state != FSRS_NEW)
		out[0].lapses++;
}

static int
card_ok(const struct fsrs_card *c)
{
	double d = c->difficulty, s = c->stability;

	if (c->state < FSRS_NEW || c->state > FSRS_RELEARNING)
		return 0;
	if (!isfinite(d) || !isfinite(s) || d < 0 || s < 0)
		return 0;
	if (!(d == 0 && s == 0) && (d < 1 || s < FSRS_S_MIN))
		return 0;
	if (c->step < 0 || c->reps < 0 || c->reps == INT_MAX || c->lapses < 0 ||
	    c->lapses == INT_MAX)
		return 0;
	return 1;
}

/* splitmix64 finaliser, mapped to [0, 1). */
static double
fuzz_factor(uint64_t seed)
{
	uint64_t z = seed + UINT64_C(0x9e3779b97f4a7c15);
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	z ^= z >> 31;
	return (double)(z >> 11) * 0x1.0p-53;
}

/* Validates the inputs and prepares the shared context (ts-fsrs
 * AbstractScheduler.init). Returns 0 or -1. */
static int
setup(struct ctx *c, const struct fsrs_params *p, const struct fsrs_card *in, int64_t now,
      uint64_t seed, int checked)
{
	int64_t elapsed = 0;

	if (!checked && (fsrs_params_check(p) != 0 || !card_ok(in)))
		return -1;
	if (now < -TIME_LIMIT || now > TIME_LIMIT)
		return -1;
	if (in->state != FSRS_NEW) {
		if (in->last_review < -TIME_LIMIT || now < in->last_review)
			return -1;
		elapsed = floor_div(now, DAY_SECONDS) - floor_div(in->last_review, DAY_SECONDS);
	}
	c->p = p;
	c->now = now;
	c->elapsed = (int)elapsed;
	c->cur = *in;
	c->cur.last_review = now;
	c->cur.elapsed_days = (int)elapsed;
	c->cur.reps++;
	c->k = derived(p, &c->own);
	c->fuzz = p->enable_fuzz ? fuzz_factor(seed) : 0;
	c->have_r = c->have_recall = 0;
	return 0;
}

static int
review(const struct fsrs_params *p, const struct fsrs_card *in, int64_t now,
       enum fsrs_rating rating, uint64_t fuzz_seed, struct fsrs_card *out, int checked)
{
	struct fsrs_card next[4];
	struct ctx c;

	if (rating < FSRS_AGAIN || rating > FSRS_EASY)
		return -1;
	if (setup(&c, p, in, now, fuzz_seed, checked) != 0)
		return -1;
	if (p->enable_short_term)
		basic_scheduler(&c, rating, next);
	else
		long_term_scheduler(&c, next);
	*out = next[rating - 1];
	return 0;
}

int
fsrs_review(const struct fsrs_params *p, const struct fsrs_card *in, int64_t now,
            enum fsrs_rating rating, uint64_t fuzz_seed, struct fsrs_card *out)
{
	return review(p, in, now, rating, fuzz_seed, out, 0);
}

int
fsrs_review_checked(const struct fsrs_params *p, const struct fsrs_card *in, int64_t now,
                    enum fsrs_rating rating, uint64_t fuzz_seed, struct fsrs_card *out)
{
	return review(p, in, now, rating, fuzz_seed, out, 1);
}

int
fsrs_preview(const struct fsrs_params *p, const struct fsrs_card *in, int64_t now,
             uint64_t fuzz_seed, struct fsrs_card out[4])
{
	struct fsrs_card next[4];
	struct ctx c;

	if (setup(&c, p, in, now, fuzz_seed, 0) != 0)
		return -1;
	if (p->enable_short_term)
		basic_scheduler(&c, 0, next);
	else
		long_term_scheduler(&c, next);
	memcpy(out, next, sizeof next);
	return 0;
}

double
fsrs_retrievability(const struct fsrs_params *p, const struct fsrs_card *card, int64_t at)
{
	struct ctx c;
	int64_t days;

	if (card->state == FSRS_NEW || !isfinite(card->stability) || card->stability < FSRS_S_MIN ||
	    !isfinite(p->w[20]) || !(p->w[20] > 0))
		return 0;
	if (card->last_review < -TIME_LIMIT || card->last_review > TIME_LIMIT)
		return 0;
	at = at < -TIME_LIMIT ? -TIME_LIMIT : at > TIME_LIMIT ? TIME_LIMIT : at;
	days = floor_div(at - card->last_review, DAY_SECONDS);
	if (days < 0)
		days = 0;
	c.p = p;
	c.k = derived(p, &c.own);
	return forgetting_curve(&c, (double)days, card->stability);
}
