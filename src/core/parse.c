#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "util.h"

/* The user's text for a message: controls made visible, cut after 60
 * bytes. Caller frees. */
static char *
echo(const char *s)
{
	size_t n = utf8_cut(s, 60);
	char *part = xstrndup(s, n);
	char *v = str_visible(part, 0);
	free(part);
	if (s[n] != '\0') {
		char *w = xprintf("%s…", v);
		free(v);
		v = w;
	}
	return v;
}

static int bad(char **cause, const char *what, const char *s, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* "WHAT must be ..., not 'S'" with the middle from fmt. */
static int
bad(char **cause, const char *what, const char *s, const char *fmt, ...)
{
	if (cause == NULL)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	char *rule = xvprintf(fmt, ap);
	va_end(ap);
	char *e = echo(s);
	fail(cause, "%s must be %s, not '%s'", what ? what : "the value", rule, e);
	free(rule);
	free(e);
	return -1;
}

int
parse_int(const char *what, const char *s, int64_t min, int64_t max, int64_t *out, char **cause)
{
	const char *p = s;
	int neg = *p == '-';
	if (neg)
		p++;
	uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	int ok = *p != '\0';
	for (; *p && ok; p++) {
		if (*p < '0' || *p > '9' || v > (limit - (uint64_t)(*p - '0')) / 10)
			ok = 0;
		else
			v = v * 10 + (uint64_t)(*p - '0');
	}
	int64_t x = 0;
	if (ok)
		x = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
	if (ok && x >= min && x <= max) {
		*out = x;
		return 0;
	}
	if (max == INT64_MAX)
		return bad(cause, what, s, "a whole number of at least %lld", (long long)min);
	return bad(cause, what, s, "a whole number from %lld to %lld", (long long)min,
	           (long long)max);
}

int
parse_real(const char *what, const char *s, double min, double max, double *out, char **cause)
{
	const char *p = s;
	if (*p == '-')
		p++;
	int digits = 0, dots = 0, ok = 1;
	for (; *p && ok; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && dots++ == 0)
			;
		else
			ok = 0;
	}
	double x = 0;
	/* The syntax above is plain decimal, which strtod reads alike in
	 * the C numeric locale (main() keeps LC_NUMERIC at "C"). */
	if (ok && digits > 0)
		x = strtod(s, NULL);
	if (ok && digits > 0 && isfinite(x) && x >= min && x <= max) {
		*out = x;
		return 0;
	}
	return bad(cause, what, s, "a number from %g to %g", min, max);
}

int
parse_day(const char *what, const char *s, int64_t *day, char **cause)
{
	int64_t d;
	int ok = parse_date(s, &d) == 0;
	if (ok && d >= days_from_civil(PARSE_YEAR_MIN, 1, 1) &&
	    d <= days_from_civil(PARSE_YEAR_MAX, 12, 31)) {
		*day = d;
		return 0;
	}
	if (cause == NULL)
		return -1;
	char *e = echo(s);
	if (ok)
		fail(cause, "'%s' is out of range: %s must be from %d-01-01 to %d-12-31", e,
		     what ? what : "a date", PARSE_YEAR_MIN, PARSE_YEAR_MAX);
	else
		fail(cause,
		     "'%s' is not a date: %s is written YYYY-MM-DD, from %d-01-01 to "
		     "%d-12-31",
		     e, what ? what : "a date", PARSE_YEAR_MIN, PARSE_YEAR_MAX);
	free(e);
	return -1;
}
