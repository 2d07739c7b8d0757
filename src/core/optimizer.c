/* FSRS-6 parameter optimizer and evaluator; see optimizer.h and
 * doc/optimizer.md. The model here is the one fsrs-rs trains (plain
 * floating point, no 8-decimal rounding, day gaps as given), which is
 * what its metrics measure; the scheduler (fsrs.c) follows ts-fsrs. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optimizer.h"
#include "util.h"

#define S_MIN 0.001
#define S_MAX 36500.0
#define D_MIN 1.0
#define D_MAX 10.0
#define INIT_S_MAX 100.0
#define P_MIN 1e-7 /* predictions are clamped for the loss */
#define MAX_STEPS 256
#define PI 3.14159265358979323846

static const double default_w[FSRS_NWEIGHTS] = { 0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334,
	                                         3.0194, 0.001,  1.8722, 0.1666, 0.796,  1.4835,
	                                         0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
	                                         0.0912, 0.0658, 0.1542 };

/* Spread of each parameter across learners; scales the L2 pull. */
static const double params_stddev[FSRS_NWEIGHTS] = { 6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,
	                                             0.12, 0.39, 0.18,  0.33,  0.3,  0.09, 0.16,
	                                             0.57, 0.25, 1.03,  0.31,  0.32, 0.14, 0.27 };

static const double lo_bound[FSRS_NWEIGHTS] = { S_MIN, S_MIN, S_MIN, S_MIN, 1,     0.001, 0.001,
	                                        0.001, 0,     0,     0.001, 0.001, 0.001, 0.001,
	                                        0,     0,     1,     0,     0,     0.01,  0.1 };
static const double hi_bound[FSRS_NWEIGHTS] = {
	INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, 10, 4, 4, 0.75, 4.5, 0.8, 3.5,
	5,          0.25,       0.9,        4,          1,  6, 2, 2,    0.8, 0.8
};

static double
clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

void
opt_clip(double w[FSRS_NWEIGHTS], int enable_short_term)
{
	for (int i = 0; i < FSRS_NWEIGHTS; i++) {
		double lo = lo_bound[i];
		if (i == 19 && !enable_short_term)
			lo = 0;
		w[i] = isnan(w[i]) ? lo : clampd(w[i], lo, hi_bound[i]);
	}
}

int
opt_check(const double w[FSRS_NWEIGHTS], int *bad)
{
	for (int i = 0; i < FSRS_NWEIGHTS; i++) {
		double lo = i == 19 ? 0 : lo_bound[i];
		if (!isfinite(w[i]) || w[i] < lo || w[i] > hi_bound[i]) {
			if (bad)
				*bad = i;
			return -1;
		}
	}
	return 0;
}

/* ---- the history ---- */

struct raw {
	int64_t t, day;
	uint32_t card;
	uint8_t rating;
};

struct card {
	char *key;
	uint32_t start, n; /* reviews rv[start .. start + n) */
	int64_t last_t;
	int first_lt; /* index of the first review a day later, or -1 */
};

struct item {
	int64_t t;          /* time of the labelled review */
	uint32_t card, end; /* reviews 0..end of the card */
};

struct opt_history {
	struct raw *raw;
	size_t nraw, capraw;
	struct card *cards;
	size_t ncards, capcards;
	uint32_t *slots; /* hash table: card index + 1, 0 empty */
	size_t nslots;
	/* Built by build(): */
	int built;
	uint8_t *rating; /* per review, card after card */
	int32_t *gap;    /* days since the card's previous review */
	struct item *items;
	size_t nitems;
};

static uint64_t
hash_key(const char *s, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h ^ (h >> 31);
}

struct opt_history *
opt_history_new(void)
{
	struct opt_history *h = xcalloc(1, sizeof *h);
	h->nslots = 1024;
	h->slots = xcalloc(h->nslots, sizeof *h->slots);
	return h;
}

void
opt_history_free(struct opt_history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->ncards; i++)
		free(h->cards[i].key);
	free(h->cards);
	free(h->slots);
	free(h->raw);
	free(h->rating);
	free(h->gap);
	free(h->items);
	free(h);
}

static void
grow_slots(struct opt_history *h)
{
	size_t n = h->nslots * 2;
	uint32_t *s = xcalloc(n, sizeof *s);
	for (size_t i = 0; i < h->ncards; i++) {
		const char *k = h->cards[i].key;
		size_t j = hash_key(k, strlen(k)) & (n - 1);
		while (s[j])
			j = (j + 1) & (n - 1);
		s[j] = (uint32_t)i + 1;
	}
	free(h->slots);
	h->slots = s;
	h->nslots = n;
}

static uint32_t
card_index(struct opt_history *h, const char *key, size_t len)
{
	if ((h->ncards + 1) * 2 > h->nslots)
		grow_slots(h);
	size_t j = hash_key(key, len) & (h->nslots - 1);
	while (h->slots[j]) {
		struct card *c = &h->cards[h->slots[j] - 1];
		if (strncmp(c->key, key, len) == 0 && c->key[len] == '\0')
			return h->slots[j] - 1;
		j = (j + 1) & (h->nslots - 1);
	}
	if (h->ncards == h->capcards) {
		h->capcards = h->capcards ? h->capcards * 2 : 256;
		h->cards = xrealloc(h->cards, h->capcards * sizeof *h->cards);
	}
	struct card *c = &h->cards[h->ncards];
	memset(c, 0, sizeof *c);
	c->key = xstrndup(key, len);
	c->last_t = INT64_MIN;
	h->slots[j] = (uint32_t)h->ncards + 1;
	return (uint32_t)h->ncards++;
}

int
opt_history_add(struct opt_history *h, const char *key, size_t len, int64_t t, int64_t day,
                enum fsrs_rating rating, char **cause)
{
	if (rating < FSRS_AGAIN || rating > FSRS_EASY)
		return fail(cause, "rating %d is out of range (1-4)", (int)rating);
	if (len == 0)
		return fail(cause, "empty card id");
	uint32_t ci = card_index(h, key, len);
	struct card *c = &h->cards[ci];
	if (t < c->last_t)
		return fail(cause, "card %.*s: review times go backwards",
		            (int)(len > 40 ? 40 : len), key);
	c->last_t = t;
	c->n++;
	if (h->nraw == h->capraw) {
		h->capraw = h->capraw ? h->capraw * 2 : 4096;
		h->raw = xrealloc(h->raw, h->capraw * sizeof *h->raw);
	}
	h->raw[h->nraw++] = (struct raw){ t, day, ci, (uint8_t)rating };
	h->built = 0;
	return 0;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->card != y->card)
		return x->card < y->card ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* Lays the reviews out card after card, works out the day gaps and the
 * items, in time order. */
static void
build(struct opt_history *h)
{
	if (h->built)
		return;
	size_t n = h->nraw;
	free(h->rating);
	free(h->gap);
	free(h->items);
	h->rating = xmalloc(n ? n : 1);
	h->gap = xmalloc((n ? n : 1) * sizeof *h->gap);
	int64_t *days = xmalloc((n ? n : 1) * sizeof *days);
	int64_t *times = xmalloc((n ? n : 1) * sizeof *times);
	uint32_t pos = 0;
	for (size_t i = 0; i < h->ncards; i++) {
		h->cards[i].start = pos;
		pos += h->cards[i].n;
		h->cards[i].n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		struct card *c = &h->cards[h->raw[i].card];
		uint32_t k = c->start + c->n++;
		h->rating[k] = h->raw[i].rating;
		days[k] = h->raw[i].day;
		times[k] = h->raw[i].t;
	}
	size_t nitems = 0;
	for (size_t i = 0; i < h->ncards; i++) {
		struct card *c = &h->cards[i];
		c->first_lt = -1;
		for (uint32_t k = 0; k < c->n; k++) {
			int64_t g = k ? days[c->start + k] - days[c->start + k - 1] : 0;
			h->gap[c->start + k] = (int32_t)(g < 0 ? 0 : g > INT32_MAX ? INT32_MAX : g);
			if (k > 0 && g > 0) {
				nitems++;
				if (c->first_lt < 0)
					c->first_lt = (int)k;
			}
		}
	}
	h->items = xmalloc((nitems ? nitems : 1) * sizeof *h->items);
	h->nitems = 0;
	for (size_t i = 0; i < h->ncards; i++) {
		struct card *c = &h->cards[i];
		for (uint32_t k = 1; k < c->n; k++)
			if (h->gap[c->start + k] > 0)
				h->items[h->nitems++] =
				        (struct item){ times[c->start + k], (uint32_t)i, k };
	}
	qsort(h->items, h->nitems, sizeof *h->items, item_cmp);
	free(days);
	free(times);
	h->built = 1;
}

size_t
opt_history_reviews(struct opt_history *h)
{
	return h->nraw;
}

size_t
opt_history_cards(struct opt_history *h)
{
	return h->ncards;
}

size_t
opt_history_items(struct opt_history *h)
{
	build(h);
	return h->nitems;
}

/* ---- the model and its gradient ---- */

/* Per-parameter constants shared by every step. */
struct consts {
	const double *w;
	double decay, factor, dfactor; /* curve; dfactor = d factor / d decay */
	double exp_w8, easy_d, fail_floor, exp3w5;
	double init_d[4];
};

static void
consts_init(struct consts *k, const double *w)
{
	k->w = w;
	k->decay = -w[20];
	k->factor = exp(log(0.9) / k->decay) - 1;
	k->dfactor = exp(log(0.9) / k->decay) * (-log(0.9) / (k->decay * k->decay));
	k->exp_w8 = exp(w[8]);
	k->exp3w5 = exp(3 * w[5]);
	k->easy_d = w[4] - k->exp3w5 + 1;
	k->fail_floor = exp(-w[17] * w[18]);
	for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++)
		k->init_d[g - 1] = w[4] - exp(w[5] * (g - 1)) + 1;
}

static inline double
curve(const struct consts *k, double t, double s)
{
	return pow(1 + t / s * k->factor, k->decay);
}

enum { K_INIT, K_SHORT, K_FLOOR, K_FAIL, K_SUCCESS };

/* What one step needs for its backward pass. */
struct stepc {
	double s, d, r;     /* the state before (clamped) and R */
	double raw;         /* short: multiplier; fail: raw S; success: inc */
	double p, dpow, er; /* fail: (s+1)^w13, d^-w12, exp((1-r)w14) */
	double mean_d, next_d;
	int g, t, kind;
	int s_act, d_act, raw_act;
};

/* One review: state (*s, *d) to the next, recording c. first: the
 * card's first review. */
static inline void
step_fwd(const struct consts *k, double *s, double *d, int t, int g, int first, struct stepc *c)
{
	const double *w = k->w;
	double ns, nd;

	c->g = g;
	c->t = t;
	if (first) {
		c->kind = K_INIT;
		ns = w[g - 1];
		double id = k->init_d[g - 1];
		c->d_act = id > D_MIN && id < D_MAX;
		nd = clampd(id, D_MIN, D_MAX);
	} else {
		double S = *s, D = *d;
		c->s = S;
		c->d = D;
		if (t == 0) {
			c->kind = K_SHORT;
			double raw = exp(w[17] * (g - 3 + w[18])) * pow(S, -w[19]);
			c->raw = raw;
			c->raw_act = !(g >= FSRS_HARD && raw < 1);
			ns = S * (c->raw_act ? raw : 1);
		} else {
			double r = curve(k, t, S);
			c->r = r;
			if (g == FSRS_AGAIN) {
				c->p = pow(S + 1, w[13]);
				c->dpow = pow(D, -w[12]);
				c->er = exp((1 - r) * w[14]);
				double raw = w[11] * c->dpow * (c->p - 1) * c->er;
				double floor_s = S * k->fail_floor;
				c->raw = raw;
				if (floor_s < raw) {
					c->kind = K_FLOOR;
					ns = floor_s;
				} else {
					c->kind = K_FAIL;
					ns = raw;
				}
			} else {
				c->kind = K_SUCCESS;
				double hp = g == FSRS_HARD ? w[15] : 1,
				       eb = g == FSRS_EASY ? w[16] : 1;
				c->er = exp((1 - r) * w[10]);
				c->dpow = pow(S, -w[9]);
				double inc = k->exp_w8 * (11 - D) * c->dpow * (c->er - 1) * hp * eb;
				c->raw = inc;
				ns = S * (1 + inc);
			}
		}
		double delta_d = -w[6] * (g - 3);
		c->next_d = D + (10 - D) * delta_d / 9;
		c->mean_d = w[7] * (k->easy_d - c->next_d) + c->next_d;
		c->d_act = c->mean_d > D_MIN && c->mean_d < D_MAX;
		nd = clampd(c->mean_d, D_MIN, D_MAX);
	}
	c->s_act = ns > S_MIN && ns < S_MAX;
	*s = clampd(ns, S_MIN, S_MAX);
	*d = nd;
}

/* Backward through R = curve(t, s): adds dL/dw20 and returns dL/ds. */
static inline double
curve_bwd(const struct consts *k, double t, double s, double r, double gr, double *gw)
{
	if (gr == 0)
		return 0;
	double base = 1 + t / s * k->factor;
	double ds = r * k->decay / base * (-t * k->factor / (s * s));
	double ddecay = r * (log(base) + k->decay / base * (t / s) * k->dfactor);
	gw[20] -= gr * ddecay;
	return gr * ds;
}

/* Backward through one step: gs, gd are dL/d(output s, d); returns
 * dL/d(input s, d) in *ps, *pd. */
static inline void
step_bwd(const struct consts *k, const struct stepc *c, double gs, double gd, double *gw,
         double *ps, double *pd)
{
	const double *w = k->w;
	double gpre = c->s_act ? gs : 0;
	int g = c->g;

	*ps = 0;
	*pd = 0;
	if (c->kind == K_INIT) {
		gw[g - 1] += gpre;
		if (c->d_act && gd != 0) {
			gw[4] += gd;
			gw[5] += gd * -(g - 1) * exp((g - 1) * w[5]);
		}
		return;
	}
	double S = c->s, D = c->d, gS = 0, gD = 0, gr = 0;
	if (gpre != 0) {
		switch (c->kind) {
		case K_SHORT:
			gS = gpre * (c->raw_act ? c->raw : 1);
			if (c->raw_act) {
				double graw = gpre * S * c->raw;
				gw[17] += graw * (g - 3 + w[18]);
				gw[18] += graw * w[17];
				gw[19] -= graw * log(S);
				gS += graw * (-w[19] / S);
			}
			break;
		case K_FLOOR: {
			double fl = S * k->fail_floor;
			gw[17] += gpre * fl * -w[18];
			gw[18] += gpre * fl * -w[17];
			gS = gpre * k->fail_floor;
			break;
		}
		case K_FAIL: {
			double raw = c->raw;
			gw[11] += gpre * raw / w[11];
			gw[12] -= gpre * raw * log(D);
			gw[13] += gpre * w[11] * c->dpow * c->er * c->p * log(S + 1);
			gw[14] += gpre * raw * (1 - c->r);
			gS = gpre * w[11] * c->dpow * c->er * w[13] * c->p / (S + 1);
			gD = gpre * raw * (-w[12] / D);
			gr = gpre * raw * -w[14];
			break;
		}
		case K_SUCCESS: {
			double hp = g == FSRS_HARD ? w[15] : 1, eb = g == FSRS_EASY ? w[16] : 1;
			double a = k->exp_w8, b = 11 - D, cs = c->dpow, E = c->er, e = E - 1;
			double inc = c->raw, ginc = gpre * S;
			gS = gpre * (inc + 1) + ginc * inc * (-w[9] / S);
			gD = -ginc * a * cs * e * hp * eb;
			gr = ginc * a * b * cs * hp * eb * (-w[10] * E);
			gw[8] += ginc * inc;
			gw[9] -= ginc * inc * log(S);
			gw[10] += ginc * a * b * cs * hp * eb * (1 - c->r) * E;
			if (g == FSRS_HARD)
				gw[15] += ginc * a * b * cs * e * eb;
			if (g == FSRS_EASY)
				gw[16] += ginc * a * b * cs * e * hp;
			break;
		}
		}
	}
	if (c->d_act && gd != 0) {
		double delta_d = -w[6] * (g - 3);
		gw[7] += gd * (k->easy_d - c->next_d);
		gw[4] += gd * w[7];
		gw[5] += gd * w[7] * -3 * k->exp3w5;
		double gnext = gd * (1 - w[7]);
		gw[6] += gnext * (10 - D) * -(g - 3) / 9;
		gD += gnext * (1 - delta_d / 9);
	}
	if (gr != 0)
		gS += curve_bwd(k, c->t, S, c->r, gr, gw);
	*ps = gS;
	*pd = gD;
}

/* BCE of prediction r against label y with weight wt; *gr gets dL/dr. */
static inline double
bce(double r, int y, double wt, double *gr)
{
	double rc = clampd(r, P_MIN, 1 - P_MIN);
	double loss = -(y ? log(rc) : log(1 - rc)) * wt;
	if (gr)
		*gr = r > P_MIN && r < 1 - P_MIN ? -wt * (y ? 1 / rc : -1 / (1 - rc)) : 0;
	return loss;
}

/* Loss of one item (reviews rating[0..n), gap[0..n)) and its gradient
 * added into gw (when not NULL). */
static double
item_loss(const struct consts *k, const uint8_t *rating, const int32_t *gap, int n, double wt,
          double *gw)
{
	struct stepc cache[MAX_STEPS];
	double s = 0, d = 0, gr;
	int h = n - 1;

	for (int i = 0; i < h; i++)
		step_fwd(k, &s, &d, gap[i], rating[i], i == 0, &cache[i]);
	double r = curve(k, gap[h], s);
	double loss = bce(r, rating[h] > FSRS_AGAIN, wt, gw ? &gr : NULL);
	if (!gw || gr == 0)
		return loss;
	double gs = curve_bwd(k, gap[h], s, r, gr, gw), gd = 0;
	for (int i = h - 1; i >= 0; i--) {
		double ps, pd;
		step_bwd(k, &cache[i], gs, gd, gw, &ps, &pd);
		gs = ps;
		gd = pd;
	}
	return loss;
}

double
opt_item_loss(const double w[FSRS_NWEIGHTS], const int *ratings, const int *gaps, int n,
              double weight, double *grad)
{
	uint8_t r[MAX_STEPS];
	int32_t g[MAX_STEPS];
	struct consts k;

	if (n < 2 || n > MAX_STEPS)
		return NAN;
	for (int i = 0; i < n; i++) {
		r[i] = (uint8_t)ratings[i];
		g[i] = gaps[i];
	}
	consts_init(&k, w);
	return item_loss(&k, r, g, n, weight, grad);
}

/* ---- data preparation ---- */

/* The working set of one fit: item indices into h->items, in time
 * order, with their weights. */
struct set {
	uint32_t *idx;
	double *wt;
	size_t n;
};

static int
item_lt_count_is_one(const struct opt_history *h, const struct item *it)
{
	return (int)it->end == h->cards[it->card].first_lt;
}

static int
first_rating(const struct opt_history *h, const struct item *it)
{
	return h->rating[h->cards[it->card].start];
}

static int
first_gap(const struct opt_history *h, const struct item *it)
{
	const struct card *c = &h->cards[it->card];
	return h->gap[c->start + c->first_lt];
}

/* (first rating, first gap) groups for the outlier rule. */
struct group {
	int rating, gap;
	size_t count;
	int removed;
	size_t ord; /* position in the order kept items go in */
};

static int
group_cmp(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->rating != y->rating)
		return x->rating - y->rating;
	return (x->gap > y->gap) - (x->gap < y->gap);
}

/* Within one rating: smallest groups first, then shorter gaps first
 * (the reverse of fsrs-rs's "largest first, longer gap first" order,
 * which it walks backwards). */
static int
group_order(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->rating != y->rating)
		return x->rating - y->rating;
	if (x->count != y->count)
		return x->count < y->count ? -1 : 1;
	return (x->gap > y->gap) - (x->gap < y->gap);
}

static struct group *
find_group(struct group *gs, size_t n, int rating, int gap)
{
	struct group key = { rating, gap, 0, 0, 0 };
	return bsearch(&key, gs, n, sizeof *gs, group_cmp);
}

struct ord_item {
	size_t ord;
	uint32_t idx;
};

static int
ord_cmp(const void *a, const void *b)
{
	const struct ord_item *x = a, *y = b;
	if (x->ord != y->ord)
		return x->ord < y->ord ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Items [lo, hi): outlier analysis (fsrs-rs filter_outlier). *init gets
 * the kept items with one long-term review, group by group; *train gets
 * those followed by the surviving longer items in time order, the order
 * fsrs-rs trains and evaluates them in (recency weights follow it). */
static void
prepare(const struct opt_history *h, size_t lo, size_t hi, struct set *train, struct set *init)
{
	struct group *gs = xmalloc((hi - lo + 1) * sizeof *gs);
	size_t ng = 0;
	for (size_t i = lo; i < hi; i++) {
		const struct item *it = &h->items[i];
		if (!item_lt_count_is_one(h, it))
			continue;
		gs[ng++] = (struct group){ first_rating(h, it),
			                   h->gap[h->cards[it->card].start + it->end], 1, 0, 0 };
	}
	qsort(gs, ng, sizeof *gs, group_cmp);
	size_t m = 0;
	for (size_t i = 0; i < ng; i++) {
		if (m && gs[m - 1].rating == gs[i].rating && gs[m - 1].gap == gs[i].gap)
			gs[m - 1].count++;
		else
			gs[m++] = gs[i];
	}
	ng = m;
	/* Per rating: drop the rarest groups up to 5% of the items (at least
	 * 20), and any kept group smaller than 6 or with a gap over 100 days
	 * (365 for Easy). */
	qsort(gs, ng, sizeof *gs, group_order);
	for (size_t a = 0; a < ng;) {
		size_t b = a, total = 0, removed = 0;
		while (b < ng && gs[b].rating == gs[a].rating)
			total += gs[b++].count;
		size_t quota = total / 20 > 20 ? total / 20 : 20;
		for (size_t i = a; i < b; i++) {
			gs[i].ord = i;
			if (removed + gs[i].count >= quota) {
				int max_gap = gs[i].rating != FSRS_EASY ? 100 : 365;
				gs[i].removed = !(gs[i].count >= 6 && gs[i].gap <= max_gap);
			} else {
				removed += gs[i].count;
				gs[i].removed = 1;
			}
		}
		a = b;
	}
	qsort(gs, ng, sizeof *gs, group_cmp);

	struct ord_item *oi = xmalloc((hi - lo + 1) * sizeof *oi);
	size_t nin = 0;
	train->idx = xmalloc((hi - lo + 1) * sizeof *train->idx);
	init->idx = xmalloc((hi - lo + 1) * sizeof *init->idx);
	train->wt = init->wt = NULL;
	train->n = init->n = 0;
	for (size_t i = lo; i < hi; i++) {
		const struct item *it = &h->items[i];
		if (item_lt_count_is_one(h, it)) {
			struct group *g = find_group(gs, ng, first_rating(h, it),
			                             h->gap[h->cards[it->card].start + it->end]);
			if (g && !g->removed)
				oi[nin++] = (struct ord_item){ g->ord, (uint32_t)i };
		}
	}
	qsort(oi, nin, sizeof *oi, ord_cmp);
	for (size_t i = 0; i < nin; i++)
		train->idx[train->n++] = init->idx[init->n++] = oi[i].idx;
	for (size_t i = lo; i < hi; i++) {
		const struct item *it = &h->items[i];
		if (item_lt_count_is_one(h, it))
			continue;
		struct group *g = find_group(gs, ng, first_rating(h, it), first_gap(h, it));
		if (!(g && g->removed))
			train->idx[train->n++] = (uint32_t)i;
	}
	free(oi);
	free(gs);
}

/* ---- pretraining of the initial stabilities ---- */

struct recall_pt {
	double gap, recall, count;
};

static int
pt_cmp(const void *a, const void *b)
{
	const struct recall_pt *x = a, *y = b;
	return (x->gap > y->gap) - (x->gap < y->gap);
}

/* Loss of initial stability s0 on one rating's points: log loss of the
 * default forgetting curve, weighted by counts, plus a pull towards the
 * default value. */
static double
pretrain_loss(const struct recall_pt *pt, size_t n, double s0, double dflt)
{
	double decay = -default_w[20], factor = pow(0.9, 1 / decay) - 1, loss = 0;
	for (size_t i = 0; i < n; i++) {
		double y = pow(pt[i].gap / s0 * factor + 1, decay);
		loss -= (pt[i].recall * log(y) + (1 - pt[i].recall) * log(1 - y)) * pt[i].count;
	}
	return loss + fabs(s0 - dflt) / 16;
}

/* Fills the missing ratings' stabilities from the others and keeps them
 * in order (fsrs-rs smooth_and_fill); have[r] says rating r+1 has data.
 * Returns -1 when no rating has data. */
static int
smooth_and_fill(double s[4], const int have_in[4], const size_t count[4])
{
	const double w1 = 0.41, w2 = 0.54;
	int have[4], nh = 0;
	static const int pairs[6][2] = {
		{ 0, 1 }, { 1, 2 }, { 2, 3 }, { 0, 2 }, { 1, 3 }, { 0, 3 }
	};

	for (int i = 0; i < 4; i++)
		nh += have[i] = have_in[i];
	for (int p = 0; p < 6; p++) {
		int a = pairs[p][0], b = pairs[p][1];
		if (have[a] && have[b] && s[a] > s[b]) {
			if (count[a] > count[b])
				s[b] = s[a];
			else
				s[a] = s[b];
		}
	}
	if (nh == 0)
		return -1;
	if (nh == 1) {
		int r = have[0] ? 0 : have[1] ? 1 : have[2] ? 2 : 3;
		double f = s[r] / default_w[r];
		for (int i = 0; i < 4; i++)
			s[i] = default_w[i] * f;
	} else if (nh == 2) {
		double r1 = s[0], r2 = s[1], r3 = s[2], r4 = s[3];
		if (have[2] && have[3]) {
			r2 = pow(r3, 1 / (1 - w2)) * pow(r4, 1 - 1 / (1 - w2));
			s[1] = r2;
			s[0] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1);
		} else if (have[1] && have[3]) {
			r3 = pow(r2, 1 - w2) * pow(r4, w2);
			s[2] = r3;
			s[0] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1);
		} else if (have[1] && have[2]) {
			s[3] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2);
			s[0] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1);
		} else if (have[0] && have[3]) {
			double q = w1 * -w2 + (w1 + w2);
			s[1] = pow(r1, w1 / q) * pow(r4, 1 - w1 / q);
			s[2] = pow(r1, 1 - w2 / q) * pow(r4, w2 / q);
		} else if (have[0] && have[2]) {
			r2 = pow(r1, w1) * pow(r3, 1 - w1);
			s[1] = r2;
			s[3] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2);
		} else { /* 1 and 2 */
			r3 = pow(r1, 1 - 1 / (1 - w1)) * pow(r2, 1 / (1 - w1));
			s[2] = r3;
			s[3] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2);
		}
	} else if (nh == 3) {
		if (!have[0])
			s[0] = pow(s[1], 1 / w1) * pow(s[2], 1 - 1 / w1);
		else if (!have[1])
			s[1] = pow(s[0], w1) * pow(s[2], 1 - w1);
		else if (!have[2])
			s[2] = pow(s[1], 1 - w2) * pow(s[3], w2);
		else
			s[3] = pow(s[1], 1 - 1 / w2) * pow(s[2], 1 / w2);
	}
	for (int i = 0; i < 4; i++)
		s[i] = clampd(s[i], S_MIN, INIT_S_MAX);
	return 0;
}

/* Pretrains s0 from the init set; count[] gets the items per rating. */
static int
pretrain(const struct opt_history *h, const struct set *init, double avg_recall, double s0[4],
         size_t count[4])
{
	int have[4] = { 0 };
	for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		/* (gap, passes, count) of this first rating's items. */
		struct recall_pt *pt = xmalloc((init->n + 1) * sizeof *pt);
		size_t n = 0;
		for (size_t i = 0; i < init->n; i++) {
			const struct item *it = &h->items[init->idx[i]];
			if (first_rating(h, it) != g)
				continue;
			uint32_t k = h->cards[it->card].start + it->end;
			pt[n++] = (struct recall_pt){ h->gap[k], h->rating[k] > FSRS_AGAIN, 1 };
		}
		qsort(pt, n, sizeof *pt, pt_cmp);
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			if (m && pt[m - 1].gap == pt[i].gap) {
				pt[m - 1].recall += pt[i].recall;
				pt[m - 1].count += 1;
			} else {
				pt[m++] = pt[i];
			}
		}
		count[g - 1] = n;
		if (m == 0) {
			free(pt);
			continue;
		}
		have[g - 1] = 1;
		/* Laplace smoothing towards the average recall. */
		for (size_t i = 0; i < m; i++)
			pt[i].recall = (pt[i].recall + avg_recall) / (pt[i].count + 1);
		double lo = S_MIN, hi = INIT_S_MAX, best = default_w[g - 1];
		for (int iter = 0; hi - lo > 2.220446049250313e-16 && iter < 1000; iter++) {
			double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
			if (pretrain_loss(pt, m, m1, default_w[g - 1]) <
			    pretrain_loss(pt, m, m2, default_w[g - 1]))
				hi = m2;
			else
				lo = m1;
			best = (hi + lo) / 2;
		}
		s0[g - 1] = best;
		free(pt);
	}
	return smooth_and_fill(s0, have, count);
}

static double
average_recall(const struct opt_history *h, const struct set *s)
{
	size_t pass = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct item *it = &h->items[s->idx[i]];
		pass += h->rating[h->cards[it->card].start + it->end] > 1;
	}
	return s->n ? (double)pass / (double)s->n : 0;
}

int
opt_pretrain(struct opt_history *h, double s0[4])
{
	struct set train, init;
	size_t count[4];

	build(h);
	prepare(h, 0, h->nitems, &train, &init);
	int rc = pretrain(h, &init, average_recall(h, &train), s0, count);
	free(train.idx);
	free(init.idx);
	return rc;
}

/* ---- training ---- */

static uint64_t
rng_next(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void
opt_default_config(struct opt_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->enable_short_term = 1;
	cfg->epochs = 5;
	cfg->batch_size = 512;
	cfg->learning_rate = 0.04;
	cfg->gamma = 1;
	cfg->max_seq_len = MAX_STEPS;
	cfg->seed = 2023;
}

struct sorted {
	uint32_t item;
	uint32_t len;
	uint32_t pos; /* position in the set: ties keep it */
	double wt;
};

static int
sorted_cmp(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static double
set_item_loss(const struct opt_history *h, const struct consts *k, const struct sorted *e,
              double *gw)
{
	const struct item *it = &h->items[e->item];
	uint32_t st = h->cards[it->card].start;
	return item_loss(k, h->rating + st, h->gap + st, (int)e->len, e->wt, gw);
}

static void
add_l2(const double *w, const double *w0, double scale, double *gw)
{
	for (int i = 0; i < FSRS_NWEIGHTS; i++)
		gw[i] += 2 * (w[i] - w0[i]) / (params_stddev[i] * params_stddev[i]) * scale;
}

static double
l2_penalty(const double *w, const double *w0, double scale)
{
	double p = 0;
	for (int i = 0; i < FSRS_NWEIGHTS; i++) {
		double d = w[i] - w0[i];
		p += d * d / (params_stddev[i] * params_stddev[i]);
	}
	return p * scale;
}

/* Adam with cosine-annealed learning rate over the weighted items. */
static int
adam_train(const struct opt_history *h, struct sorted *es, size_t n, const double *w0,
           const struct opt_config *cfg, double progress_base, double progress_share,
           double out[FSRS_NWEIGHTS])
{
	size_t bs = (size_t)cfg->batch_size;
	size_t nbatches = (n + bs - 1) / bs;
	double total_steps = (double)((n / bs + 1) * (size_t)cfg->epochs);
	double w[FSRS_NWEIGHTS], m1[FSRS_NWEIGHTS] = { 0 }, m2[FSRS_NWEIGHTS] = { 0 };
	double best = INFINITY, b1 = 0.9, b2 = 0.999, b1t = 1, b2t = 1;
	uint64_t rng = cfg->seed;
	size_t *order = xmalloc(nbatches * sizeof *order);
	long stepno = 0;

	memcpy(w, w0, sizeof w);
	memcpy(out, w0, sizeof w);
	qsort(es, n, sizeof *es, sorted_cmp);
	for (size_t i = 0; i < nbatches; i++)
		order[i] = i;
	for (int epoch = 0; epoch < cfg->epochs; epoch++) {
		for (size_t i = nbatches; i > 1; i--) {
			size_t j = (size_t)(rng_next(&rng) % i);
			size_t t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		for (size_t b = 0; b < nbatches; b++) {
			size_t from = order[b] * bs, to = from + bs < n ? from + bs : n;
			double gw[FSRS_NWEIGHTS] = { 0 };
			struct consts k;
			consts_init(&k, w);
			for (size_t i = from; i < to; i++)
				set_item_loss(h, &k, &es[i], gw);
			add_l2(w, w0, cfg->gamma * (double)(to - from) / (double)n, gw);
			if (!cfg->enable_short_term) {
				for (int i = 0; i < 4; i++)
					gw[i] = 0;
				for (int i = 17; i < 20; i++)
					gw[i] = 0;
			}
			stepno++;
			double lr = cfg->learning_rate *
			            (1 + cos(PI * (double)stepno / total_steps)) / 2;
			b1t *= b1;
			b2t *= b2;
			for (int i = 0; i < FSRS_NWEIGHTS; i++) {
				m1[i] = b1 * m1[i] + (1 - b1) * gw[i];
				m2[i] = b2 * m2[i] + (1 - b2) * gw[i] * gw[i];
				w[i] -= lr * (m1[i] / (1 - b1t)) / (sqrt(m2[i] / (1 - b2t)) + 1e-8);
			}
			opt_clip(w, cfg->enable_short_term);
			if (cfg->progress &&
			    cfg->progress(cfg->progress_ctx,
			                  progress_base +
			                          progress_share *
			                                  ((double)epoch +
			                                   (double)(b + 1) / (double)nbatches) /
			                                  (double)cfg->epochs) != 0) {
				free(order);
				return -1;
			}
		}
		/* The loss over every item with the epoch's parameters. */
		struct consts k;
		double loss = 0;
		consts_init(&k, w);
		for (size_t from = 0; from < n; from += bs) {
			size_t to = from + bs < n ? from + bs : n;
			for (size_t i = from; i < to; i++)
				loss += set_item_loss(h, &k, &es[i], NULL);
			loss += l2_penalty(w, w0, cfg->gamma * (double)(to - from) / (double)n);
		}
		loss /= (double)n;
		if (loss < best) {
			best = loss;
			memcpy(out, w, sizeof w);
		}
	}
	free(order);
	return 0;
}

/* fsrs-rs compute_parameters on items [lo, hi). Returns 0, or -1 with
 * *cause. */
static int
fit_range(struct opt_history *h, size_t lo, size_t hi, const struct opt_config *cfg,
          double progress_base, double progress_share, double w[FSRS_NWEIGHTS], char **cause)
{
	struct set train, init;
	size_t count[4];
	double s0[4];

	memcpy(w, default_w, sizeof default_w);
	prepare(h, lo, hi, &train, &init);
	if (train.n < 8) {
		free(train.idx);
		free(init.idx);
		return 0;
	}
	double avg = average_recall(h, &train);
	if (pretrain(h, &init, avg, s0, count) != 0) {
		free(train.idx);
		free(init.idx);
		return fail(cause, "no card has a review on a later day than its first");
	}
	memcpy(w, s0, sizeof s0);
	if (train.n == init.n || train.n < 64) {
		free(train.idx);
		free(init.idx);
		return 0;
	}
	double w0[FSRS_NWEIGHTS];
	memcpy(w0, w, sizeof w0);
	/* Recency weights, by position in time; then the long items go. */
	struct sorted *es = xmalloc(train.n * sizeof *es);
	size_t n = 0;
	double span = train.n > 1 ? (double)(train.n - 1) : 1;
	for (size_t i = 0; i < train.n; i++) {
		const struct item *it = &h->items[train.idx[i]];
		double x = (double)i / span;
		if ((int)it->end + 1 > cfg->max_seq_len)
			continue;
		es[n++] = (struct sorted){ train.idx[i], it->end + 1, (uint32_t)i,
			                   0.25 + 0.75 * x * x * x };
	}
	free(train.idx);
	free(init.idx);
	int rc = 0;
	if (n > 0 && adam_train(h, es, n, w0, cfg, progress_base, progress_share, w) != 0)
		rc = fail(cause, "interrupted");
	free(es);
	if (rc != 0)
		return rc;
	for (int i = 0; i < FSRS_NWEIGHTS; i++)
		if (!isfinite(w[i]))
			return fail(cause, "the fitted parameters are not numbers (w%d)", i);
	/* The initial stabilities in order again, as after pretraining. */
	int have[4];
	for (int i = 0; i < 4; i++)
		have[i] = count[i] > 0;
	smooth_and_fill(w, have, count);
	return 0;
}

static int
too_little(struct opt_history *h, char **cause)
{
	size_t n = h->nitems;
	if (n >= OPT_MIN_ITEMS)
		return 0;
	return fail(cause,
	            "not enough history to fit: %zu review%s made a day or more after the "
	            "card's previous review (from %zu review%s of %zu card%s); fitting needs %d, "
	            "so %zu more",
	            n, n == 1 ? "" : "s", h->nraw, h->nraw == 1 ? "" : "s", h->ncards,
	            h->ncards == 1 ? "" : "s", OPT_MIN_ITEMS, (size_t)OPT_MIN_ITEMS - n);
}

int
opt_fit(struct opt_history *h, const struct opt_config *cfg, double w[FSRS_NWEIGHTS], char **cause)
{
	build(h);
	if (too_little(h, cause) != 0)
		return -1;
	double fw[FSRS_NWEIGHTS];
	if (fit_range(h, 0, h->nitems, cfg, 0, 1, fw, cause) != 0)
		return -1;
	int bad;
	if (opt_check(fw, &bad) != 0)
		return fail(cause, "the fitted parameters are unusable (w%d = %g)", bad, fw[bad]);
	memcpy(w, fw, sizeof fw);
	return 0;
}

/* ---- evaluation ---- */

struct pred {
	uint64_t bin;
	double p, wt;
	int y;
};

/* fsrs-rs r_matrix_index: bins by gap, long-term review count and
 * lapses before this review. */
static uint64_t
bin_of(const struct opt_history *h, const struct item *it)
{
	uint32_t st = h->cards[it->card].start;
	double gap = h->gap[st + it->end];
	double dbin = round(2.48 * pow(3.62, floor(log(gap) / log(3.62))) * 100);
	int lt = 0, lapses = 0;
	for (uint32_t k = 0; k <= it->end; k++) {
		if (h->gap[st + k] > 0) {
			lt++;
			if (k < it->end && h->rating[st + k] == FSRS_AGAIN)
				lapses++;
		}
	}
	double len = lt + 1;
	double lbin = round(1.99 * pow(1.89, floor(log(len) / log(1.89))));
	double pbin = lapses ? round(1.65 * pow(1.73, floor(log((double)lapses) / log(1.73)))) : 0;
	return ((uint64_t)dbin << 32) | ((uint64_t)lbin << 16) | (uint64_t)pbin;
}

static int
pred_cmp(const void *a, const void *b)
{
	const struct pred *x = a, *y = b;
	return (x->bin > y->bin) - (x->bin < y->bin);
}

/* Log loss and RMSE over bins of n predictions (reordered). */
static int
metrics(struct pred *ps, size_t n, struct opt_metrics *m)
{
	double loss = 0, wsum = 0;
	for (size_t i = 0; i < n; i++) {
		loss -= (ps[i].y ? log(ps[i].p) : log(1 - ps[i].p)) * ps[i].wt;
		wsum += ps[i].wt;
	}
	qsort(ps, n, sizeof *ps, pred_cmp);
	double se = 0, bw = 0;
	for (size_t a = 0; a < n;) {
		size_t b = a;
		double sp = 0, sy = 0, sw = 0;
		while (b < n && ps[b].bin == ps[a].bin) {
			sp += ps[b].p;
			sy += ps[b].y;
			sw += ps[b].wt;
			b++;
		}
		double cnt = (double)(b - a), d = sp / cnt - sy / cnt;
		se += d * d * sw;
		bw += sw;
		a = b;
	}
	m->n = n;
	m->log_loss = wsum > 0 ? loss / wsum : NAN;
	m->rmse_bins = bw > 0 ? sqrt(se / bw) : NAN;
	return isfinite(m->log_loss) && isfinite(m->rmse_bins) ? 0 : -1;
}

/* Predictions for items idx[0..n) with parameters w: each card's
 * states are computed once along its reviews. weighted: recency weights
 * by position in idx, else 1. */
static struct pred *
predict(struct opt_history *h, const double *w, const uint32_t *idx, size_t n, int weighted)
{
	struct consts k;
	struct pred *ps = xmalloc((n ? n : 1) * sizeof *ps);
	/* Which of the items (if any) each review is the label of. */
	uint32_t *label = xmalloc((h->nraw ? h->nraw : 1) * sizeof *label);
	for (size_t i = 0; i < h->nraw; i++)
		label[i] = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &h->items[idx[i]];
		label[h->cards[it->card].start + it->end] = (uint32_t)i;
	}
	consts_init(&k, w);
	double span = n > 1 ? (double)(n - 1) : 1;
	for (size_t c = 0; c < h->ncards; c++) {
		const struct card *cd = &h->cards[c];
		double s = 0, d = 0;
		struct stepc sc;
		for (uint32_t j = 0; j < cd->n; j++) {
			uint32_t r = cd->start + j;
			if (label[r] != UINT32_MAX) {
				size_t i = label[r];
				double x = (double)i / span;
				ps[i].p = curve(&k, h->gap[r], s);
				ps[i].y = h->rating[r] > FSRS_AGAIN;
				ps[i].wt = weighted ? 0.25 + 0.75 * x * x * x : 1;
				ps[i].bin = bin_of(h, &h->items[idx[i]]);
			}
			step_fwd(&k, &s, &d, h->gap[r], h->rating[r], j == 0, &sc);
		}
	}
	free(label);
	return ps;
}

static struct pred *
predict_range(struct opt_history *h, const double *w, size_t lo, size_t hi, int weighted)
{
	uint32_t *idx = xmalloc((hi - lo + 1) * sizeof *idx);
	for (size_t i = lo; i < hi; i++)
		idx[i - lo] = (uint32_t)i;
	struct pred *ps = predict(h, w, idx, hi - lo, weighted);
	free(idx);
	return ps;
}

int
opt_evaluate(struct opt_history *h, const double w[FSRS_NWEIGHTS], struct opt_metrics *m)
{
	struct set train, init;

	build(h);
	memset(m, 0, sizeof *m);
	/* As fsrs-rs: the items that survive the outlier filter. */
	prepare(h, 0, h->nitems, &train, &init);
	free(init.idx);
	if (train.n == 0) {
		free(train.idx);
		return -1;
	}
	struct pred *ps = predict(h, w, train.idx, train.n, 1);
	int rc = metrics(ps, train.n, m);
	free(ps);
	free(train.idx);
	return rc;
}

int
opt_split_bounds(struct opt_history *h, size_t bounds[7])
{
	build(h);
	size_t seg = h->nitems / 6;
	if (seg == 0)
		return -1;
	for (int k = 0; k < 6; k++)
		bounds[k] = (size_t)k * seg;
	bounds[6] = h->nitems;
	return 0;
}

int
opt_split_evaluate(struct opt_history *h, const struct opt_config *cfg, const double *current,
                   struct opt_metrics *fitted, struct opt_metrics *cur, char **cause)
{
	size_t b[7];

	build(h);
	if (too_little(h, cause) != 0 || opt_split_bounds(h, b) != 0)
		return -1;
	size_t n = h->nitems - b[1];
	struct pred *pf = xmalloc(n * sizeof *pf), *pc = xmalloc(n * sizeof *pc);
	size_t at = 0;
	int rc = 0;
	for (int k = 1; k <= 5 && rc == 0; k++) {
		double w[FSRS_NWEIGHTS];
		if (fit_range(h, 0, b[k], cfg, (double)(k - 1) / 5, 0.2, w, cause) != 0) {
			rc = -1;
			break;
		}
		struct pred *p = predict_range(h, w, b[k], b[k + 1], 0);
		memcpy(pf + at, p, (b[k + 1] - b[k]) * sizeof *p);
		free(p);
		if (current) {
			p = predict_range(h, current, b[k], b[k + 1], 0);
			memcpy(pc + at, p, (b[k + 1] - b[k]) * sizeof *p);
			free(p);
		}
		at += b[k + 1] - b[k];
	}
	if (rc == 0 && metrics(pf, n, fitted) != 0)
		rc = fail(cause, "the held-out predictions are not numbers");
	if (rc == 0 && current && metrics(pc, n, cur) != 0)
		rc = fail(cause, "the current parameters' predictions are not numbers");
	free(pf);
	free(pc);
	return rc;
}

size_t
opt_item_views(struct opt_history *h, const double w[FSRS_NWEIGHTS], struct opt_item_view **out)
{
	build(h);
	struct pred *ps = predict_range(h, w, 0, h->nitems, 0);
	struct opt_item_view *v = xmalloc((h->nitems ? h->nitems : 1) * sizeof *v);
	for (size_t i = 0; i < h->nitems; i++) {
		const struct item *it = &h->items[i];
		const struct card *c = &h->cards[it->card];
		v[i].card = c->key;
		v[i].gap = h->gap[c->start + it->end];
		v[i].passed = h->rating[c->start + it->end] > FSRS_AGAIN;
		v[i].p = ps[i].p;
	}
	free(ps);
	*out = v;
	return h->nitems;
}
