/* Minimal assertion helpers for prepdeck's unit tests.
 * Each test program includes this once, calls CHECK* macros, and ends
 * main() with `return check_done();`, which prints a summary line and
 * returns non-zero if any check failed. */
#ifndef PREPDECK_CHECK_H
#define PREPDECK_CHECK_H

#include <stdio.h>
#include <string.h>
#include <math.h>

static int check_npass, check_nfail;

static inline void check_report(int ok, const char *file, int line,
                                const char *expr, const char *detail)
{
	if (ok) {
		check_npass++;
		return;
	}
	check_nfail++;
	fprintf(stderr, "%s:%d: check failed: %s%s%s\n", file, line, expr,
	        detail ? " -- " : "", detail ? detail : "");
}

#define CHECK(c) check_report(!!(c), __FILE__, __LINE__, #c, NULL)

#define CHECK_INT(a, b) do { \
	long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
	char check_m_[96]; \
	snprintf(check_m_, sizeof check_m_, "%lld != %lld", check_a_, check_b_); \
	check_report(check_a_ == check_b_, __FILE__, __LINE__, #a " == " #b, check_m_); \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a_ = (a), *check_b_ = (b); \
	int check_ok_ = check_a_ && check_b_ && strcmp(check_a_, check_b_) == 0; \
	char check_m_[1024]; \
	snprintf(check_m_, sizeof check_m_, "\"%s\" != \"%s\"", \
	         check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)"); \
	check_report(check_ok_, __FILE__, __LINE__, #a " == " #b, check_m_); \
} while (0)

#define CHECK_NEAR(a, b, eps) do { \
	double check_a_ = (a), check_b_ = (b); \
	char check_m_[128]; \
	snprintf(check_m_, sizeof check_m_, "%.9g vs %.9g", check_a_, check_b_); \
	check_report(fabs(check_a_ - check_b_) <= (eps), __FILE__, __LINE__, \
	             #a " ~= " #b, check_m_); \
} while (0)

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_npass, check_nfail);
	return check_nfail ? 1 : 0;
}

#endif
