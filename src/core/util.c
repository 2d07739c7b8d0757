#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "util.h"

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		die(1, "out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		die(1, "out of memory");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die(1, "out of memory (%zu bytes)", n);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		die(1, "bad format string");
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
sbuf_init(struct sbuf *b)
{
	b->cap = 64;
	b->len = 0;
	b->s = xmalloc(b->cap);
	b->s[0] = '\0';
}

void
sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->s == NULL)
		sbuf_init(b);
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap *= 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sbuf_add(struct sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s));
}

void
sbuf_addc(struct sbuf *b, char c)
{
	sbuf_addn(b, &c, 1);
}

void
sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvprintf(fmt, ap);
	va_end(ap);
	sbuf_add(b, s);
	free(s);
}

char *
sbuf_take(struct sbuf *b)
{
	if (b->s == NULL)
		sbuf_init(b);
	char *s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
sbuf_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int
fail(char **cause, const char *fmt, ...)
{
	if (cause != NULL) {
		va_list ap;
		va_start(ap, fmt);
		*cause = xvprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;
	fputs("prepdeck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

const char *
file_kind(unsigned mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

char *
read_file(const char *path, size_t max, size_t *len, char **cause)
{
	/* Opened without blocking, so a FIFO (or a device that waits) is
	 * refused below instead of hanging the open. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		fail(cause, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int e = errno;
		if (fstat(fd, &st) != 0)
			fail(cause, "%s: %s", path, strerror(e));
		else if (S_ISDIR(st.st_mode))
			fail(cause, "%s: is a directory", path);
		else
			fail(cause, "%s: is %s, not a regular file", path,
			     file_kind((unsigned)st.st_mode));
		close(fd);
		return NULL;
	}
	int fl = fcntl(fd, F_GETFL);
	FILE *f = NULL;
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0 || (f = fdopen(fd, "rb")) == NULL) {
		fail(cause, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if ((size_t)st.st_size > max) {
		fclose(f);
		fail(cause, "%s: file too large (%lld bytes; the limit is %zu)", path,
		     (long long)st.st_size, max);
		return NULL;
	}
	struct sbuf b;
	sbuf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		sbuf_addn(&b, chunk, n);
		if (b.len > max) {
			fclose(f);
			sbuf_free(&b);
			fail(cause, "%s: file too large (over %zu bytes)", path, max);
			return NULL;
		}
	}
	if (ferror(f)) {
		fail(cause, "%s: %s", path, strerror(errno));
		fclose(f);
		sbuf_free(&b);
		return NULL;
	}
	fclose(f);
	if (len)
		*len = b.len;
	return sbuf_take(&b);
}

int
str_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	int d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			int c = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + c < v)
				v = d[i - 1][j - 1] + c;
			/* adjacent transposition */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

int
str_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int64_t
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153u * (unsigned)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (unsigned)d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int64_t yy = (int64_t)yoe + era * 400;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

void
fmt_iso_utc(int64_t t, char *buf, size_t n)
{
	int64_t days = t >= 0 ? t / DAY_SECONDS : -((-t + DAY_SECONDS - 1) / DAY_SECONDS);
	int64_t secs = t - days * DAY_SECONDS;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(secs / 3600),
	         (int)(secs / 60 % 60), (int)(secs % 60));
}

void
fmt_date(int64_t days, char *buf, size_t n)
{
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

void
fmt_local(int64_t t, const char *fmt, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (n == 0)
		return;
	if (localtime_r(&tt, &tm) == NULL || strftime(buf, n, fmt, &tm) == 0)
		buf[0] = '\0';
}

void
fmt_local_stamp(int64_t t, char *buf, size_t n)
{
	fmt_local(t, "%a %Y-%m-%d %H:%M", buf, n);
}

void
fmt_local_day(int64_t t, char *buf, size_t n)
{
	fmt_local(t, "%a %d %b", buf, n);
}

static int
valid_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* True when s[0, n) are all decimal digits; sets *v to their value. */
static int
digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

int
parse_date(const char *s, int64_t *days)
{
	int y, m, d;
	if (strlen(s) != 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
	    s[7] != '-' || !digits(s + 8, 2, &d) || !valid_ymd(y, m, d))
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

int
parse_iso_utc(const char *s, int64_t *t)
{
	int64_t day;
	int h, mi, se;
	if (strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z' || s[13] != ':' || s[16] != ':' ||
	    !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se) ||
	    h > 23 || mi > 59 || se > 60)
		return -1;
	char date[11];
	memcpy(date, s, 10);
	date[10] = '\0';
	if (parse_date(date, &day) != 0)
		return -1;
	*t = day * DAY_SECONDS + h * 3600 + mi * 60 + se;
	return 0;
}

int64_t
now_unix(void)
{
	const char *fake = getenv("PREPDECK_NOW");
	if (fake != NULL && *fake != '\0') {
		int64_t t;
		char *end;
		if (parse_iso_utc(fake, &t) == 0)
			return t;
		long long v = strtoll(fake, &end, 10);
		if (*end == '\0')
			return v;
	}
	return (int64_t)time(NULL);
}

long
utf8_invalid_at(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2;
			min = 0x80;
			c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3;
			min = 0x800;
			c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4;
			min = 0x10000;
			c &= 0x07;
		} else {
			return (long)i;
		}
		if (i + len > n)
			return (long)i;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return (long)i;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return (long)i;
		i += len;
	}
	return -1;
}

int64_t
day_number(int64_t t, int rollover_hour)
{
	/* The local calendar date of t, one day earlier before the rollover
	 * hour: right on days when the clocks change too. */
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	int64_t d = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (tm.tm_hour < rollover_hour)
		d--;
	/* A rollover hour skipped by a DST change: the day starts when
	 * day_number_start says it does. */
	if (t < day_number_start(d, rollover_hour))
		d--;
	else if (t >= day_number_start(d + 1, rollover_hour))
		d++;
	return d;
}

int64_t
day_number_start(int64_t day, int rollover_hour)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = rollover_hour;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int64_t
day_start(int64_t t, int rollover_hour)
{
	return day_number_start(day_number(t, rollover_hour), rollover_hour);
}

int64_t
day_end(int64_t t, int rollover_hour)
{
	return day_number_start(day_number(t, rollover_hour) + 1, rollover_hour);
}

void
json_put_str(void *fpv, const char *s)
{
	FILE *fp = fpv;
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			/* Every control, C1 ones too, as an escape: JSON
			 * output never carries a raw terminal control. */
			if (*p < 0x20 || *p == 0x7f)
				fprintf(fp, "\\u%04x", *p);
			else if (*p == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0)
				fprintf(fp, "\\u%04x", *++p);
			else
				fputc(*p, fp);
		}
	}
	fputc('"', fp);
}

size_t
utf8_cut(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void
utf8_copy(char *dst, size_t n, const char *src)
{
	if (n == 0)
		return;
	size_t k = utf8_cut(src, n - 1);
	memcpy(dst, src, k);
	dst[k] = '\0';
}

/* The length of the UTF-8 sequence a lead byte starts (0: not a lead). */
static size_t
utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 0;
}

size_t
sbuf_add_visible(struct sbuf *b, const char *str, size_t n, int multiline, int final)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	if (b->s == NULL)
		sbuf_init(b);
	while (i < n) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x7f) {
			size_t k = i;
			while (k < n && s[k] >= 0x20 && s[k] < 0x7f)
				k++;
			sbuf_addn(b, str + i, k - i);
			i = k;
			continue;
		}
		if (c < 0x80) {
			if (multiline && (c == '\n' || c == '\t')) {
				sbuf_addc(b, (char)c);
			} else {
				sbuf_addc(b, '^');
				sbuf_addc(b, c == 0x7f ? '?' : (char)(c + 0x40));
			}
			i++;
			continue;
		}
		size_t len = utf8_len(c);
		if (len > 0 && i + len > n && !final)
			break; /* the rest comes with the next call */
		if (len == 0 || i + len > n || utf8_invalid_at(str + i, len) >= 0) {
			sbuf_addc(b, '?');
			i++;
			continue;
		}
		if (c == 0xC2 && s[i + 1] < 0xA0)
			sbuf_addf(b, "<U+%04X>", (unsigned)s[i + 1]);
		else
			sbuf_addn(b, str + i, len);
		i += len;
	}
	return i;
}

char *
str_visible(const char *s, int multiline)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add_visible(&b, s, strlen(s), multiline, 1);
	return sbuf_take(&b);
}

int
text_check(const char *what, const char *s, size_t max, int multiline, char **cause)
{
	size_t n = strlen(s);
	if (utf8_invalid_at(s, n) >= 0)
		return fail(cause, "%s is not valid UTF-8 text", what);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (!multiline && (*p == '\n' || *p == '\r'))
			return fail(cause, "%s must be one line of text", what);
		if (((*p < 0x20 || *p == 0x7f) && !(multiline && (*p == '\n' || *p == '\t'))) ||
		    (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0) ||
		    (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)))
			return fail(cause, "%s contains a control character", what);
	}
	if (n > max)
		return fail(cause, "%s is too long (%zu bytes; at most %zu)", what, n, max);
	return 0;
}

int
valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > ID_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      (i > 0 && (c == '-' || c == '_' || c == '.'))))
			return 0;
	}
	return 1;
}

uint64_t
str_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

size_t *
strtab_get(const struct strtab *t, const char *key)
{
	if (t->cap == 0)
		return NULL;
	for (size_t i = str_hash(key) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		if (t->v[i].key == NULL)
			return NULL;
		if (strcmp(t->v[i].key, key) == 0)
			return &t->v[i].val;
	}
}

void
strtab_put(struct strtab *t, const char *key, size_t val)
{
	if (2 * (t->n + 1) > t->cap) {
		struct strtab old = *t;
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xcalloc(t->cap, sizeof *t->v);
		t->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].key != NULL)
				strtab_put(t, old.v[i].key, old.v[i].val);
		free(old.v);
	}
	size_t i = str_hash(key) & (t->cap - 1);
	while (t->v[i].key != NULL && strcmp(t->v[i].key, key) != 0)
		i = (i + 1) & (t->cap - 1);
	if (t->v[i].key == NULL)
		t->n++;
	t->v[i].key = key;
	t->v[i].val = val;
}

/* Decodes the character at s (at most len bytes): sets *cols to the
 * columns it takes (control characters, shown as a space or '?', one;
 * combining marks none) and returns its length in bytes, 1 for an
 * invalid byte, 0 at the end. */
static size_t
next_char(const char *s, size_t len, mbstate_t *ps, int *cols)
{
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, len, ps);
	if (n == (size_t)-1 || n == (size_t)-2) {
		memset(ps, 0, sizeof *ps);
		n = 1;
		wc = L'?';
	}
	int w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	return n;
}

int
str_width(const char *s)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	int w = 0, cw;
	size_t len = strlen(s), n;
	while (len > 0 && (n = next_char(s, len, &ps, &cw)) > 0) {
		w += cw;
		s += n;
		len -= n;
	}
	return w;
}

int
locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

const char *
str_ellipsis(void)
{
	return locale_utf8() ? "\xe2\x80\xa6" : "~";
}

size_t
str_fit(const char *s, int width, int *cut)
{
	*cut = 0;
	if (width <= 0)
		return 0;
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	size_t len = strlen(s), pos = 0, keep = 0, n;
	int w = 0, cw, room = width - 1; /* the ellipsis takes one column */
	while (pos < len && (n = next_char(s + pos, len - pos, &ps, &cw)) > 0) {
		if (w + cw > width) {
			/* Cut: only blanks left lose nothing. */
			size_t rest = pos;
			while (rest < len && strchr(" \t\r\n", s[rest]))
				rest++;
			if (rest == len)
				return pos;
			*cut = 1;
			return keep;
		}
		w += cw;
		pos += n;
		if (w <= room)
			keep = pos;
	}
	return pos;
}

char *
str_clip(const char *s, int width)
{
	int cut;
	size_t n = str_fit(s, width, &cut);
	if (!cut)
		return xstrndup(s, n);
	return xprintf("%.*s%s", (int)n, s, str_ellipsis());
}
/* A letter or digit, counting any byte of a multi-byte character. */
static int
word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

size_t
markup_italic(const char *s, size_t len, size_t i)
{
	if (i + 2 >= len || s[i] != '*' || s[i + 1] == '*' || (i > 0 && s[i - 1] == '*'))
		return 0;
	unsigned char prev = i ? (unsigned char)s[i - 1] : ' ';
	unsigned char next = (unsigned char)s[i + 1];
	if (word_byte(prev) || !(word_byte(next) || strchr("([{\"'", next)))
		return 0;
	for (size_t j = i + 2; j < len && s[j] != '\n' && s[j] != '`'; j++) {
		if (s[j] != '*')
			continue;
		if (j + 1 < len && s[j + 1] == '*') {
			j++; /* bold markers inside */
			continue;
		}
		if (s[j - 1] != ' ' && s[j - 1] != '*' &&
		    (j + 1 >= len || !word_byte((unsigned char)s[j + 1])))
			return j;
	}
	return 0;
}

/* Length in bytes of the UTF-8 sequence at p when it is a character the
 * YAML reader refuses or reads as a line break (C1 controls, U+2028,
 * U+2029, U+FEFF, U+FFFE, U+FFFF); 0 otherwise. */
int
text_bad_unicode(const unsigned char *p)
{
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return 2;
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
		return 3;
	if (p[0] == 0xef &&
	    ((p[1] == 0xbb && p[2] == 0xbf) || (p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))))
		return 3;
	return 0;
}

/* Checks user text and returns a cleaned copy (CR and CRLF become LF,
 * trailing blank lines and spaces removed), or NULL with *cause set. */
char *
text_clean(const char *what, const char *s, size_t max, int multiline, char **cause)
{
	size_t n = strlen(s);
	if (utf8_invalid_at(s, n) >= 0) {
		fail(cause, "%s is not valid UTF-8", what);
		return NULL;
	}
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\r') {
			if (p[1] == '\n')
				p++;
			if (!multiline)
				goto oneline;
			sbuf_addc(&b, '\n');
			continue;
		}
		if (*p == '\n' && !multiline)
			goto oneline;
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f || text_bad_unicode(p)) {
			fail(cause, "%s contains a control character", what);
			sbuf_free(&b);
			return NULL;
		}
		sbuf_addc(&b, (char)*p);
	}
	while (b.len > 0 && strchr(" \t\n", b.s[b.len - 1]))
		b.s[--b.len] = '\0';
	if (b.len > max) {
		fail(cause, "%s is too long (%zu bytes; at most %zu)", what, b.len, max);
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
oneline:
	fail(cause, "%s must be a single line", what);
	sbuf_free(&b);
	return NULL;
}

int
fd_write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}
