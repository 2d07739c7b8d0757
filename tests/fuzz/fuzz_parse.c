/* libFuzzer harness for what the command line reads from a user: the
 * strict number and date parsers and the text helpers. Besides never
 * crashing, each result is checked: an accepted number is in its range
 * and written back the same, an accepted date is exactly YYYY-MM-DD in
 * range, visible text holds no control character, and text cut into
 * pieces is shown as the whole is. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_visible(const char *s, size_t n)
{
	struct sbuf whole, parts;
	sbuf_init(&whole);
	sbuf_init(&parts);
	sbuf_add_visible(&whole, s, n, 1, 1);
	for (size_t i = 0; i < whole.len; i++) {
		unsigned char c = (unsigned char)whole.s[i];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			abort();
		if (c == 0xC2 && i + 1 < whole.len && (unsigned char)whole.s[i + 1] < 0xA0 &&
		    (unsigned char)whole.s[i + 1] >= 0x80)
			abort();
	}
	if (utf8_invalid_at(whole.s, whole.len) >= 0)
		abort();
	/* The same bytes in pieces of 3, as a stream receives them. */
	size_t used = 0;
	char pend[8];
	size_t npend = 0;
	for (size_t at = 0; at < n; at += 3) {
		char chunk[16];
		size_t k = n - at < 3 ? n - at : 3;
		memcpy(chunk, pend, npend);
		memcpy(chunk + npend, s + at, k);
		size_t got = sbuf_add_visible(&parts, chunk, npend + k, 1, 0);
		npend = npend + k - got;
		if (npend > 4)
			abort();
		memmove(pend, chunk + got, npend);
		used += got;
	}
	sbuf_add_visible(&parts, pend, npend, 1, 1);
	if (parts.len != whole.len || memcmp(parts.s, whole.s, whole.len) != 0)
		abort();
	sbuf_free(&whole);
	sbuf_free(&parts);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	int64_t v;
	char *cause = NULL;
	if (parse_int("N", s, -1000, 1000, &v, &cause) == 0) {
		char back[32];
		snprintf(back, sizeof back, "%lld", (long long)v);
		int64_t again;
		if (v < -1000 || v > 1000 || parse_int("N", back, -1000, 1000, &again, NULL) != 0 ||
		    again != v || cause != NULL)
			abort();
	} else if (cause == NULL || strncmp(cause, "N must be", 9) != 0) {
		abort();
	}
	free(cause);
	cause = NULL;
	if (parse_int("N", s, INT64_MIN, INT64_MAX, &v, &cause) == 0 && cause != NULL)
		abort();
	free(cause);
	cause = NULL;
	double x;
	if (parse_real("R", s, 0.7, 0.99, &x, &cause) == 0) {
		if (!isfinite(x) || x < 0.7 || x > 0.99 || strpbrk(s, "eExXnNiI +") != NULL)
			abort();
	} else if (cause == NULL) {
		abort();
	}
	free(cause);
	cause = NULL;
	int64_t day;
	if (parse_day("D", s, &day, &cause) == 0) {
		char back[16];
		fmt_date(day, back, sizeof back);
		if (strcmp(back, s) != 0 || day < days_from_civil(PARSE_YEAR_MIN, 1, 1) ||
		    day > days_from_civil(PARSE_YEAR_MAX, 12, 31))
			abort();
	} else if (cause == NULL) {
		abort();
	}
	free(cause);
	int64_t t;
	if (parse_iso_utc(s, &t) == 0) {
		char back[32];
		fmt_iso_utc(t, back, sizeof back);
		if (strcmp(back, s) != 0 && !(s[17] == '6' && s[18] == '0'))
			abort();
	}
	cause = NULL;
	if (text_check("T", s, 64, size & 1, &cause) == 0) {
		char *vis = str_visible(s, 1);
		if (strcmp(vis, s) != 0)
			abort();
		free(vis);
	}
	free(cause);
	char cut[17];
	utf8_copy(cut, sizeof cut, s);
	if (utf8_invalid_at(s, size) < 0 && utf8_invalid_at(cut, strlen(cut)) >= 0)
		abort();
	check_visible((const char *)data, size);
	free(s);
	return 0;
}
