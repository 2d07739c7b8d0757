/* Unit tests of the strict parsers (parse.c) and the text helpers every
 * command uses on what a user or a content file gives it: argument
 * tables of what is accepted and what is refused, with the messages. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "parse.h"
#include "util.h"

static void
ints(void)
{
	static const struct {
		const char *s;
		int64_t min, max, want;
		int ok;
	} t[] = {
		{ "42", 1, 100, 42, 1 },
		{ "1", 1, 100, 1, 1 },
		{ "100", 1, 100, 100, 1 },
		{ "007", 1, 100, 7, 1 },
		{ "-5", -10, 10, -5, 1 },
		{ "0", 0, 0, 0, 1 },
		{ "9223372036854775807", 0, INT64_MAX, INT64_MAX, 1 },
		{ "-9223372036854775808", INT64_MIN, 0, INT64_MIN, 1 },
		{ "", 0, 100, 0, 0 },
		{ "-", -10, 10, 0, 0 },
		{ "1.5", 0, 100, 0, 0 },
		{ "1e9", 0, INT64_MAX, 0, 0 },
		{ "1abc", 0, 100, 0, 0 },
		{ "abc", 0, 100, 0, 0 },
		{ "0x10", 0, 100, 0, 0 },
		{ " 5", 0, 100, 0, 0 },
		{ "5 ", 0, 100, 0, 0 },
		{ "+5", 0, 100, 0, 0 },
		{ "--5", -10, 10, 0, 0 },
		{ "-5", 0, 100, 0, 0 },
		{ "101", 0, 100, 0, 0 },
		{ "99999999999999999999", 0, INT64_MAX, 0, 0 },
		{ "9223372036854775808", 0, INT64_MAX, 0, 0 },
		{ "-9223372036854775809", INT64_MIN, 0, 0, 0 },
		{ "-2147483649", 1, 100000, 0, 0 },
		{ "3abc", 1, 100000, 0, 0 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int64_t v = -777;
		char *cause = NULL;
		int rc = parse_int("--limit", t[i].s, t[i].min, t[i].max, &v, &cause);
		if (t[i].ok) {
			CHECK_INT(rc, 0);
			CHECK_INT(v, t[i].want);
			CHECK(cause == NULL);
		} else {
			CHECK_INT(rc, -1);
			CHECK_INT(v, -777); /* untouched */
			CHECK(cause != NULL && strstr(cause, "--limit must be a whole number") != NULL);
		}
		free(cause);
	}
	char *cause = NULL;
	int64_t v;
	parse_int("--limit", "0", 1, 1000, &v, &cause);
	CHECK_STR(cause, "--limit must be a whole number from 1 to 1000, not '0'");
	free(cause);
	cause = NULL;
	parse_int("ID", "x", 1, INT64_MAX, &v, &cause);
	CHECK_STR(cause, "ID must be a whole number of at least 1, not 'x'");
	free(cause);
	/* The echo of what was typed shows controls and is cut. */
	cause = NULL;
	parse_int("N", "1\x1b]0;hi\a", 1, 9, &v, &cause);
	CHECK_STR(cause, "N must be a whole number from 1 to 9, not '1^[]0;hi^G'");
	free(cause);
	cause = NULL;
	parse_int("N", "12345678901234567890123456789012345678901234567890123456789012345",
	          1, 9, &v, &cause);
	CHECK(cause != NULL && strstr(cause, "1234567890…'") != NULL);
	free(cause);
	CHECK_INT(parse_int("N", "x", 1, 9, &v, NULL), -1);
}

static void
reals(void)
{
	static const struct {
		const char *s;
		double want;
		int ok;
	} t[] = {
		{ "0.9", 0.9, 1 },
		{ ".75", 0.75, 1 },
		{ "0.70", 0.70, 1 },
		{ "1", 1.0, 1 },
		{ "1.", 1.0, 1 },
		{ "-0.5", -0.5, 1 },
		{ "nan", 0, 0 },
		{ "NaN", 0, 0 },
		{ "inf", 0, 0 },
		{ "-inf", 0, 0 },
		{ "1e20", 0, 0 },
		{ "9e-1", 0, 0 },
		{ "0x10", 0, 0 },
		{ "0x0.8p0", 0, 0 },
		{ "", 0, 0 },
		{ ".", 0, 0 },
		{ "-", 0, 0 },
		{ "0..9", 0, 0 },
		{ " 0.9", 0, 0 },
		{ "0.9 ", 0, 0 },
		{ "+0.9", 0, 0 },
		{ "0,9", 0, 0 },
		{ "2", 0, 0 },
		{ "-1.5", 0, 0 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		double v = -7;
		char *cause = NULL;
		int rc = parse_real("retention", t[i].s, -1.0, 1.0, &v, &cause);
		if (t[i].ok) {
			CHECK_INT(rc, 0);
			CHECK_NEAR(v, t[i].want, 1e-12);
		} else {
			CHECK_INT(rc, -1);
			CHECK_NEAR(v, -7, 0);
			CHECK(cause != NULL && strstr(cause, "retention must be a number from -1 to 1")
			      != NULL);
		}
		free(cause);
	}
	/* A huge plain number is not finite as a double. */
	char big[400];
	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	double v;
	CHECK_INT(parse_real("x", big, -1e308, 1e308, &v, NULL), -1);
}

static void
days(void)
{
	static const struct {
		const char *s;
		int ok;
	} t[] = {
		{ "2026-03-12", 1 },
		{ "2000-01-01", 1 },
		{ "2100-12-31", 1 },
		{ "2024-02-29", 1 },
		{ "2023-02-29", 0 },
		{ "2026-+1-+1", 0 },
		{ "2027- 1- 5", 0 },
		{ "2027-1-5", 0 },
		{ "+2027-01-05", 0 },
		{ "9999-12-31", 0 },
		{ "1969-12-31", 0 },
		{ "1999-12-31", 0 },
		{ "2101-01-01", 0 },
		{ "2026-13-01", 0 },
		{ "2026-00-10", 0 },
		{ "2026-01-00", 0 },
		{ "2026-01-32", 0 },
		{ "2026-01-05x", 0 },
		{ "2026/01/05", 0 },
		{ "", 0 },
		{ "today", 0 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int64_t d = -1;
		char *cause = NULL;
		int rc = parse_day("the date", t[i].s, &d, &cause);
		CHECK_INT(rc, t[i].ok ? 0 : -1);
		if (!t[i].ok)
			CHECK(cause != NULL && strstr(cause, "the date ") != NULL &&
			      strstr(cause, "2000-01-01") && strstr(cause, "2100-12-31"));
		free(cause);
	}
	int64_t d;
	CHECK_INT(parse_day("x", "2026-03-12", &d, NULL), 0);
	CHECK_INT(d, days_from_civil(2026, 3, 12));
	char *cause = NULL;
	parse_day("the interview date", "9999-12-31", &d, &cause);
	CHECK_STR(cause, "'9999-12-31' is out of range: the interview date must be from "
	          "2000-01-01 to 2100-12-31");
	free(cause);
	cause = NULL;
	parse_day("the interview date", "2027- 1- 5", &d, &cause);
	CHECK_STR(cause, "'2027- 1- 5' is not a date: the interview date is written "
	          "YYYY-MM-DD, from 2000-01-01 to 2100-12-31");
	free(cause);
	/* Stored dates and times: digits only. */
	CHECK(parse_date("2026-+1-+1", &d) != 0);
	CHECK(parse_date("2027- 1- 5", &d) != 0);
	int64_t t0;
	CHECK(parse_iso_utc("2026-01-08T11:55:19Z", &t0) == 0);
	CHECK(parse_iso_utc("2026-01-08T+1:55:19Z", &t0) != 0);
	CHECK(parse_iso_utc("2026-01-08T 1:55:19Z", &t0) != 0);
	CHECK(parse_iso_utc("2026- 1-08T11:55:19Z", &t0) != 0);
}

static void
text(void)
{
	char *v = str_visible("a\x1b]0;title\a b\x1b]52;c;eA==\a \xc2\x9b" "31m\x7f", 0);
	CHECK_STR(v, "a^[]0;title^G b^[]52;c;eA==^G <U+009B>31m^?");
	free(v);
	v = str_visible("tab\there\nnext\r", 1);
	CHECK_STR(v, "tab\there\nnext^M");
	free(v);
	v = str_visible("tab\there\nnext", 0);
	CHECK_STR(v, "tab^Ihere^Jnext");
	free(v);
	v = str_visible("caf\xc3\xa9 \xff ok \xe2\x9c\x85", 0);
	CHECK_STR(v, "caf\xc3\xa9 ? ok \xe2\x9c\x85");
	free(v);
	/* In a stream, a sequence cut between two writes waits for its end. */
	struct sbuf b;
	sbuf_init(&b);
	const char *s = "x\xc3\xa9\xc2\x9b";
	size_t used = sbuf_add_visible(&b, s, 2, 1, 0);
	CHECK_INT(used, 1);
	used += sbuf_add_visible(&b, s + used, 3, 1, 0);
	CHECK_INT(used, 3);
	used += sbuf_add_visible(&b, s + used, 2, 1, 1);
	CHECK_INT(used, 5);
	CHECK_STR(b.s, "x\xc3\xa9<U+009B>");
	sbuf_free(&b);

	CHECK_INT(utf8_cut("abc", 10), 3);
	CHECK_INT(utf8_cut("ab\xc3\xa9", 3), 2);
	CHECK_INT(utf8_cut("\xe2\x9c\x85\xe2\x9c\x85", 5), 3);
	char buf[5];
	utf8_copy(buf, sizeof buf, "ab\xe2\x9c\x85");
	CHECK_STR(buf, "ab");
	utf8_copy(buf, sizeof buf, "abcdef");
	CHECK_STR(buf, "abcd");

	static const struct {
		const char *s;
		int multiline, ok;
	} t[] = {
		{ "Acme · ML platform", 0, 1 },
		{ "two\nlines", 1, 1 },
		{ "two\nlines", 0, 0 },
		{ "a\ttab", 1, 1 },
		{ "a\ttab", 0, 0 },
		{ "esc \x1b[31m", 1, 0 },
		{ "bell \a", 0, 0 },
		{ "del \x7f", 0, 0 },
		{ "c1 \xc2\x9b", 1, 0 },
		{ "nel \xc2\x85", 1, 0 },
		{ "ls \xe2\x80\xa8", 1, 0 },
		{ "bad \xff", 0, 0 },
		{ "cr\r", 1, 0 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *cause = NULL;
		CHECK_INT(text_check("the name", t[i].s, 100, t[i].multiline, &cause),
		          t[i].ok ? 0 : -1);
		CHECK(t[i].ok ? cause == NULL : cause != NULL && strstr(cause, "the name ") == cause);
		free(cause);
	}
	char *cause = NULL;
	CHECK_INT(text_check("the company", "0123456789", 9, 0, &cause), -1);
	CHECK_STR(cause, "the company is too long (10 bytes; at most 9)");
	free(cause);

	CHECK(valid_id("mine"));
	CHECK(valid_id("a1.b_c-d"));
	CHECK(valid_id("0abc"));
	CHECK(!valid_id(""));
	CHECK(!valid_id("-x"));
	CHECK(!valid_id("Mine"));
	CHECK(!valid_id("a b"));
	CHECK(!valid_id("a\x1b"));
	CHECK(!valid_id("a2345678901234567890123456789012345678901234567890123456789012345"));
	CHECK(valid_id("a234567890123456789012345678901234567890123456789012345678901234"));
}

int
main(void)
{
	ints();
	reals();
	days();
	text();
	return check_done();
}
