/* `prepdeck replay`: see replay.h. Built for large inputs: block reads,
 * per-card records (state and id) in one growing arena found through a
 * compact hash table, lookups prefetched a batch ahead, and hand-written
 * time and number formatting into an output buffer. Nothing is
 * allocated per line. */
#include "replay.h"
#include "fsrs.h"
#include "util.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_IN "card\treviewed_at\trating"
#define HEADER_OUT "card\treviewed_at\trating\tstate\tdue\tstability\tdifficulty\n"

/* ---- input: whole lines out of large blocks ---- */

struct reader {
	FILE *f;
	char *buf;
	size_t cap, start, end, scanned;
	int eof;
};

/* Returns the next line (without its newline) and sets *len, or returns
 * NULL at the end of input or on a read error (ferror tells which). With
 * fill 0 it also returns NULL, consuming nothing, when the next line is
 * not in the buffer yet; lines stay valid until a call with fill 1. */
static char *
reader_line(struct reader *r, size_t *len, int fill)
{
	for (;;) {
		char *nl = memchr(r->buf + r->scanned, '\n', r->end - r->scanned);
		if (nl) {
			char *line = r->buf + r->start;
			*len = (size_t)(nl - line);
			r->start = r->scanned = (size_t)(nl - r->buf) + 1;
			return line;
		}
		r->scanned = r->end;
		if (r->eof) {
			char *line = r->buf + r->start;
			if (r->start == r->end)
				return NULL;
			*len = r->end - r->start;
			r->start = r->scanned = r->end;
			return line;
		}
		if (!fill)
			return NULL;
		if (r->start > 0) {
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			r->end -= r->start;
			r->scanned -= r->start;
			r->start = 0;
		}
		if (r->end == r->cap) {
			r->cap *= 2;
			r->buf = xrealloc(r->buf, r->cap);
		}
		{
			size_t n = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
			r->end += n;
			if (n == 0)
				r->eof = 1;
		}
	}
}

/* ---- output buffer ---- */

struct writer {
	FILE *f;
	struct date_memo *memo;
	size_t len;
	char buf[1 << 16];
};

static void
writer_flush(struct writer *w)
{
	if (w->len)
		fwrite(w->buf, 1, w->len, w->f);
	w->len = 0;
}

/* Makes room for n bytes; returns 0, or -1 when n needs a direct write. */
static int
writer_room(struct writer *w, size_t n)
{
	if (w->len + n > sizeof w->buf)
		writer_flush(w);
	return n > sizeof w->buf ? -1 : 0;
}

static void
writer_put(struct writer *w, const char *s, size_t n)
{
	if (writer_room(w, n) != 0) {
		fwrite(s, 1, n, w->f);
		return;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

/* ---- times ---- */

static int
digits(const char *s, int n, int *v)
{
	int i, x = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 0;
}

/* Parses exactly YYYY-MM-DDTHH:MM:SSZ; returns 0 and sets *t, or -1. */
static int
parse_time(const char *s, size_t n, int64_t *t)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h, mi, se;

	if (n != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != 'Z')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
	    digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) || digits(s + 17, 2, &se))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || se > 59)
		return -1;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	*t = days_from_civil(y, mo, d) * DAY_SECONDS + h * 3600 + mi * 60 + se;
	return 0;
}

static char *
put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/* Writes t as YYYY-MM-DDTHH:MM:SSZ (years outside 0-9999 as +YYYYYY or
 * -YYYYYY, like JavaScript's toISOString) into p, which has room for 27
 * bytes; returns the end. */
static char *
format_time(char *p, int64_t t)
{
	int64_t days = t / DAY_SECONDS, secs = t % DAY_SECONDS;
	int y, m, d, i;

	if (secs < 0) {
		secs += DAY_SECONDS;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	if (y >= 0 && y <= 9999) {
		for (i = 3; i >= 0; i--, y /= 10)
			p[i] = (char)('0' + y % 10);
		p += 4;
	} else {
		*p++ = y < 0 ? '-' : '+';
		if (y < 0)
			y = -y;
		for (i = 5; i >= 0; i--, y /= 10)
			p[i] = (char)('0' + y % 10);
		p += 6;
	}
	*p++ = '-';
	p = put2(p, m);
	*p++ = '-';
	p = put2(p, d);
	*p++ = 'T';
	p = put2(p, (int)(secs / 3600));
	*p++ = ':';
	p = put2(p, (int)(secs / 60 % 60));
	*p++ = ':';
	p = put2(p, (int)(secs % 60));
	*p++ = 'Z';
	return p;
}

/* Recently seen dates, both ways: a history's reviews fall on a few
 * hundred days, so most lines skip the calendar arithmetic. */
#define MEMO 4096

struct date_memo {
	char in[MEMO][10]; /* "YYYY-MM-DD" already parsed */
	int64_t in_day[MEMO];
	int64_t out_day[MEMO]; /* day already formatted (INT64_MIN: none) */
	char out[MEMO][10];
};

static struct date_memo *
memo_new(void)
{
	struct date_memo *m = xmalloc(sizeof *m);
	memset(m->in, 0, sizeof m->in);
	for (int i = 0; i < MEMO; i++)
		m->out_day[i] = INT64_MIN;
	return m;
}

/* parse_time with the date part looked up in m first. */
static int
parse_time_memo(struct date_memo *m, const char *s, size_t n, int64_t *t)
{
	int h, mi, se;
	unsigned k;

	if (n != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return -1;
	/* Nearly a day number within a century: distinct slots for dates
	 * less than eleven years apart. */
	k = ((unsigned)(s[2] - '0') * 10u + (unsigned)(s[3] - '0')) * 372u +
	    ((unsigned)(s[5] - '0') * 10u + (unsigned)(s[6] - '0')) * 31u +
	    (unsigned)(s[8] - '0') * 10u + (unsigned)(s[9] - '0');
	k %= MEMO;
	if (memcmp(m->in[k], s, 10) != 0 || s[0] == '\0') {
		int64_t full;
		if (parse_time(s, n, &full) != 0)
			return -1;
		memcpy(m->in[k], s, 10);
		m->in_day[k] =
		        (full - (full % DAY_SECONDS + DAY_SECONDS) % DAY_SECONDS) / DAY_SECONDS;
		*t = full;
		return 0;
	}
	if (digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) || digits(s + 17, 2, &se) || h > 23 ||
	    mi > 59 || se > 59)
		return -1;
	*t = m->in_day[k] * DAY_SECONDS + h * 3600 + mi * 60 + se;
	return 0;
}

/* format_time with the date part looked up in m first. */
static char *
format_time_memo(struct date_memo *m, char *p, int64_t t)
{
	int64_t days = t / DAY_SECONDS, secs = t % DAY_SECONDS;
	unsigned k;

	if (secs < 0) {
		secs += DAY_SECONDS;
		days--;
	}
	k = (unsigned)((uint64_t)days % MEMO);
	if (m->out_day[k] != days) {
		char tmp[32];
		char *e = format_time(tmp, t);
		if (e - tmp != 20) /* years past 9999: not kept */
			return (char *)memcpy(p, tmp, (size_t)(e - tmp)) + (e - tmp);
		memcpy(m->out[k], tmp, 10);
		m->out_day[k] = days;
	}
	memcpy(p, m->out[k], 10);
	p[10] = 'T';
	p = put2(p + 11, (int)(secs / 3600));
	*p++ = ':';
	p = put2(p, (int)(secs / 60 % 60));
	*p++ = ':';
	p = put2(p, (int)(secs % 60));
	*p++ = 'Z';
	return p;
}

/* ---- numbers ---- */

static const char digit_pairs[201] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";

/* Writes x with 6 decimals into p (room for 40 bytes), rounded as
 * JavaScript's toFixed(6): to the nearest, exact halves away from zero;
 * returns the end. */
static char *
format_fixed6(char *p, double x)
{
	double y = x * 1e6, n, f;
	uint64_t v, ip, fp;
	char tmp[24];
	int i, k;

	if (!(x >= 0 && y < 0x1p52)) {
		int len = snprintf(p, 40, "%.6f", x);
		return p + (len > 0 && len < 40 ? len : 0);
	}
	n = (double)(uint64_t)y; /* floor: y is in [0, 2^52) */
	f = y - n;
	if (fabs(f - 0.5) > 1e-3) {
		if (f > 0.5)
			n += 1;
	} else {
		/* y is x * 1e6 rounded; e is the exact remainder. */
		double e = fma(x, 1e6, -y);
		if (f - 0.5 >= -e)
			n += 1;
	}
	v = (uint64_t)n;
	ip = v / 1000000;
	fp = v % 1000000;
	if (ip < 100) {
		/* The usual case: one or two digits. */
		if (ip >= 10)
			*p++ = digit_pairs[2 * ip];
		*p++ = digit_pairs[2 * ip + 1];
	} else {
		k = 0;
		do {
			tmp[k++] = (char)('0' + ip % 10);
			ip /= 10;
		} while (ip);
		while (k)
			*p++ = tmp[--k];
	}
	*p++ = '.';
	/* Six fraction digits, two at a time. */
	i = (int)fp;
	memcpy(p, digit_pairs + 2 * (i / 10000), 2);
	memcpy(p + 2, digit_pairs + 2 * (i / 100 % 100), 2);
	memcpy(p + 4, digit_pairs + 2 * (i % 100), 2);
	return p + 6;
}

/* ---- per-card state ---- */

/* Each card is one record in a growing arena: its scheduler state
 * followed by its id, so a lookup touches the small hash table and one
 * record. Records are 8-byte aligned and found by offset, which stays
 * valid when the arena moves. */
struct record {
	struct fsrs_card card; /* reps == 0: not reviewed yet */
	size_t klen;
	char key[];
};

struct slot {
	uint32_t hash; /* low bits of the id's hash */
	uint32_t rec;  /* record offset / 8 + 1; 0 when empty */
};

struct table {
	struct slot *slots;
	size_t cap, count; /* cap is a power of two, at most 2^32 */
	char *arena;
	size_t alen, acap;
};

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(0x100000001b3);
	}
	h ^= h >> 29;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	return h ^ (h >> 32);
}

static struct record *
table_record(const struct table *t, uint32_t rec)
{
	return (struct record *)(void *)(t->arena + (size_t)(rec - 1) * 8);
}

static void
table_grow(struct table *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 4096, i;
	struct slot *ns;

	if (ncap > (size_t)UINT32_MAX + 1) {
		die(1, "too many cards");
	}
	ns = xcalloc(ncap, sizeof *ns);
	for (i = 0; i < t->cap; i++) {
		size_t j;
		if (!t->slots[i].rec)
			continue;
		j = t->slots[i].hash & (ncap - 1);
		while (ns[j].rec)
			j = (j + 1) & (ncap - 1);
		ns[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = ns;
	t->cap = ncap;
}

/* The state of card id s[0..n) with hash h (from hash_bytes), created
 * as a new card on first sight. The pointer stays valid until the next
 * call. */
static struct record *
table_get(struct table *t, const char *s, size_t n, uint32_t h)
{
	struct record *e;
	size_t j, size;

	if ((t->count + 1) * 2 > t->cap)
		table_grow(t);
	j = h & (t->cap - 1);
	while (t->slots[j].rec) {
		if (t->slots[j].hash == h) {
			e = table_record(t, t->slots[j].rec);
			if (e->klen == n && memcmp(e->key, s, n) == 0)
				return e;
		}
		j = (j + 1) & (t->cap - 1);
	}
	size = (offsetof(struct record, key) + n + 7) & ~(size_t)7;
	if (t->alen + size > t->acap) {
		while (t->alen + size > t->acap)
			t->acap = t->acap ? t->acap * 2 : 1 << 20;
		t->arena = xrealloc(t->arena, t->acap);
	}
	if (t->alen / 8 >= UINT32_MAX - 1) {
		die(1, "too many cards");
	}
	e = (struct record *)(void *)(t->arena + t->alen);
	fsrs_new_card(&e->card, 0);
	e->klen = n;
	memcpy(e->key, s, n);
	t->slots[j].hash = h;
	t->slots[j].rec = (uint32_t)(t->alen / 8 + 1);
	t->alen += size;
	t->count++;
	return e;
}

/* ---- the command ---- */

/* Reviews are handled in small batches: first every line is parsed and
 * the hash slot of its card prefetched, then the card records are
 * prefetched, then the reviews are replayed in order. With many cards
 * this hides most of the memory latency of the lookups. */
#define BATCH 16

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

struct item {
	const char *card, *when;
	size_t clen;
	int64_t t;
	unsigned long lineno;
	uint32_t hash;
	enum fsrs_rating rating;
};

/* Splits and checks one review line into *it; returns 0, or -1 with a
 * "line N: ..." message in msg. */
static int
parse_review(struct date_memo *memo, const char *line, size_t len, struct item *it, char *msg,
             size_t msz)
{
	const char *end = line + len, *tab1, *tab2, *tab3, *rate;
	size_t wlen, rlen;

	if (len && line[len - 1] == '\r')
		end--;
	tab1 = memchr(line, '\t', (size_t)(end - line));
	tab2 = tab1 ? memchr(tab1 + 1, '\t', (size_t)(end - tab1 - 1)) : NULL;
	if (!tab2) {
		snprintf(msg, msz,
		         "line %lu: expected card, reviewed_at and rating separated by tabs\n",
		         it->lineno);
		return -1;
	}
	tab3 = memchr(tab2 + 1, '\t', (size_t)(end - tab2 - 1));
	it->card = line;
	it->clen = (size_t)(tab1 - line);
	it->when = tab1 + 1;
	wlen = (size_t)(tab2 - it->when);
	rate = tab2 + 1;
	rlen = (size_t)((tab3 ? tab3 : end) - rate);
	if (it->clen == 0) {
		snprintf(msg, msz, "line %lu: empty card id\n", it->lineno);
		return -1;
	}
	if (parse_time_memo(memo, it->when, wlen, &it->t) != 0) {
		snprintf(
		        msg, msz, "line %lu: bad time \"%.*s%s\" (expected YYYY-MM-DDTHH:MM:SSZ)\n",
		        it->lineno, (int)(wlen > 40 ? 40 : wlen), it->when, wlen > 40 ? "..." : "");
		return -1;
	}
	if (rlen != 1 || rate[0] < '1' || rate[0] > '4') {
		snprintf(msg, msz, "line %lu: bad rating \"%.*s%s\" (expected 1-4)\n", it->lineno,
		         (int)(rlen > 40 ? 40 : rlen), rate, rlen > 40 ? "..." : "");
		return -1;
	}
	it->rating = (enum fsrs_rating)(rate[0] - '0');
	it->hash = (uint32_t)hash_bytes(it->card, it->clen);
	return 0;
}

/* Prefetches the record that the table probably holds for hash h. */
static void
table_prefetch(const struct table *t, uint32_t h)
{
	size_t j = h & (t->cap - 1);

	for (; t->slots[j].rec; j = (j + 1) & (t->cap - 1)) {
		if (t->slots[j].hash == h) {
			PREFETCH(table_record(t, t->slots[j].rec));
			return;
		}
	}
}

/* Replays one review and writes its row; returns 0, or 1 after printing
 * the error. */
static int
replay_item(struct table *tab, const struct fsrs_params *params, const struct item *it,
            struct writer *wr, FILE *err)
{
	struct record *e = table_get(tab, it->card, it->clen, it->hash);
	struct fsrs_card next;
	char *p;

	if (e->card.reps > 0 && it->t < e->card.last_review) {
		char prev[32];
		*format_time(prev, e->card.last_review) = '\0';
		fprintf(err,
		        "line %lu: card %.*s reviewed at %.20s, before its previous review at %s\n",
		        it->lineno, (int)(it->clen > 40 ? 40 : it->clen), it->card, it->when, prev);
		return 1;
	}
	if (fsrs_review_checked(params, &e->card, it->t, it->rating, 0, &next) != 0) {
		fprintf(err, "line %lu: cannot schedule this review\n", it->lineno);
		return 1;
	}
	e->card = next;

	writer_put(wr, it->card, it->clen);
	if (writer_room(wr, 128) == 0) {
		p = wr->buf + wr->len;
		*p++ = '\t';
		memcpy(p, it->when, 20);
		p += 20;
		*p++ = '\t';
		*p++ = (char)('0' + it->rating);
		*p++ = '\t';
		*p++ = (char)('0' + next.state);
		*p++ = '\t';
		p = format_time_memo(wr->memo, p, next.due);
		*p++ = '\t';
		p = format_fixed6(p, next.stability);
		*p++ = '\t';
		p = format_fixed6(p, next.difficulty);
		*p++ = '\n';
		wr->len = (size_t)(p - wr->buf);
	}
	return 0;
}

static int
is_header(const char *s, size_t n)
{
	size_t h = sizeof HEADER_IN - 1;

	if (n && s[n - 1] == '\r')
		n--;
	return n >= h && memcmp(s, HEADER_IN, h) == 0 && (n == h || s[h] == '\t');
}

int
replay_run(FILE *in, FILE *out, FILE *err, double retention)
{
	struct fsrs_params params;
	struct reader rd = { 0 };
	struct table tab = { 0 };
	struct writer *wr;
	unsigned long lineno = 1;
	char *line;
	size_t len;
	int status = 0;

	if (!(retention > 0 && retention <= 1)) {
		fprintf(err, "retention %g is outside (0, 1]\n", retention);
		return 1;
	}
	fsrs_default_params(&params, 0);
	params.retention = retention;
	fsrs_prepare(&params);
	if (fsrs_params_check(&params) != 0) {
		fprintf(err, "retention %g is outside (0, 1]\n", retention);
		return 1;
	}

	rd.f = in;
	rd.cap = 1 << 20;
	rd.buf = xmalloc(rd.cap);
	wr = xmalloc(sizeof *wr);
	wr->f = out;
	wr->memo = memo_new();
	wr->len = 0;
	table_grow(&tab);

	line = reader_line(&rd, &len, 1);
	if (!line || !is_header(line, len)) {
		if (ferror(in))
			fprintf(err, "line 1: read error\n");
		else
			fprintf(err,
			        "line 1: expected the header \"card<TAB>reviewed_at<TAB>rating\"\n");
		status = 1;
		goto done;
	}
	writer_put(wr, HEADER_OUT, sizeof HEADER_OUT - 1);

	while (!status) {
		struct item items[BATCH];
		char msg[200];
		int n = 0, i, bad = 0;

		while (n < BATCH && (line = reader_line(&rd, &len, n == 0)) != NULL) {
			items[n].lineno = ++lineno;
			if (parse_review(wr->memo, line, len, &items[n], msg, sizeof msg) != 0) {
				bad = 1;
				break;
			}
			PREFETCH(&tab.slots[items[n].hash & (tab.cap - 1)]);
			n++;
		}
		if (n == 0 && !bad)
			break;
		for (i = 0; i < n; i++)
			table_prefetch(&tab, items[i].hash);
		for (i = 0; i < n && !status; i++)
			status = replay_item(&tab, &params, &items[i], wr, err);
		if (!status && bad) {
			fputs(msg, err);
			status = 1;
		}
	}
	if (!status && ferror(in)) {
		fprintf(err, "line %lu: read error\n", lineno + 1);
		status = 1;
	}

done:
	writer_flush(wr);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(err, "write error\n");
		status = 1;
	}
	free(wr->memo);
	free(wr);
	free(rd.buf);
	free(tab.slots);
	free(tab.arena);
	return status;
}

int
replay_read(FILE *in, replay_review_fn fn, void *ctx, char **cause)
{
	struct reader rd = { 0 };
	struct date_memo *memo;
	unsigned long lineno = 1;
	char *line, msg[200];
	size_t len;
	int status = 0;

	rd.f = in;
	rd.cap = 1 << 20;
	rd.buf = xmalloc(rd.cap);
	memo = memo_new();
	line = reader_line(&rd, &len, 1);
	if (!line || !is_header(line, len)) {
		status = fail(
		        cause,
		        ferror(in)
		                ? "line 1: read error"
		                : "line 1: expected the header \"card<TAB>reviewed_at<TAB>rating\"");
		goto done;
	}
	while ((line = reader_line(&rd, &len, 1)) != NULL) {
		struct item it;
		char *why = NULL;
		it.lineno = ++lineno;
		if (parse_review(memo, line, len, &it, msg, sizeof msg) != 0) {
			msg[strcspn(msg, "\n")] = '\0';
			status = fail(cause, "%s", msg);
			goto done;
		}
		if (fn(ctx, it.card, it.clen, it.t, it.rating, &why) != 0) {
			status = fail(cause, "line %lu: %s", lineno, why ? why : "bad review");
			free(why);
			goto done;
		}
	}
	if (ferror(in))
		status = fail(cause, "line %lu: read error", lineno + 1);
done:
	free(memo);
	free(rd.buf);
	return status;
}
