/* Unit tests of util.c: dates, ISO times, UTF-8 validation, distances,
 * the italic rule of card markup. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"

int
main(void)
{
	int64_t t, d;
	char buf[32];

	CHECK(parse_iso_utc("2026-01-08T11:55:19Z", &t) == 0);
	CHECK_INT(t, 1767873319);
	fmt_iso_utc(t, buf, sizeof buf);
	CHECK_STR(buf, "2026-01-08T11:55:19Z");
	CHECK(parse_iso_utc("2026-02-30T00:00:00Z", &t) != 0);
	CHECK(parse_iso_utc("2026-01-08 11:55:19", &t) != 0);
	CHECK(parse_iso_utc("2026-01-08T11:55:19Zx", &t) != 0);
	CHECK(parse_iso_utc("2026-01-08T24:00:00Z", &t) != 0);

	CHECK(parse_date("2024-02-29", &d) == 0);
	CHECK(parse_date("2023-02-29", &d) != 0);
	CHECK(parse_date("1970-01-01", &d) == 0);
	CHECK_INT(d, 0);
	CHECK(parse_date("2026-12-31", &d) == 0);
	fmt_date(d + 1, buf, sizeof buf);
	CHECK_STR(buf, "2027-01-01");
	/* A round trip over 20 years of days, across every month end. */
	int bad = 0;
	for (int64_t k = 19000; k < 19000 + 7300; k++) {
		int y, m, dd;
		civil_from_days(k, &y, &m, &dd);
		if (days_from_civil(y, m, dd) != k)
			bad++;
	}
	CHECK_INT(bad, 0);

	CHECK_INT(utf8_invalid_at("plain", 5), -1);
	CHECK_INT(utf8_invalid_at("caf\xc3\xa9 \xe2\x9c\x85", 9), -1);
	CHECK_INT(utf8_invalid_at("ab\xff", 3), 2);
	CHECK_INT(utf8_invalid_at("ab\xc3", 3), 2);            /* truncated */
	CHECK_INT(utf8_invalid_at("\xc0\xaf", 2), 0);          /* overlong */
	CHECK_INT(utf8_invalid_at("\xed\xa0\x80", 3), 0);      /* surrogate */

	CHECK_INT(str_distance("titel", "title"), 1);
	CHECK_INT(str_distance("cards", "cards"), 0);
	CHECK_INT(str_distance("q", "answer"), 6);

	setenv("PREPDECK_NOW", "2026-03-01T04:00:00Z", 1);
	CHECK_INT(now_unix(), days_from_civil(2026, 3, 1) * 86400 + 4 * 3600);
	setenv("PREPDECK_NOW", "12345", 1);
	CHECK_INT(now_unix(), 12345);

	struct sbuf b = { 0 };
	sbuf_addf(&b, "%d-%s", 7, "x");
	sbuf_addc(&b, '!');
	char *s = sbuf_take(&b);
	CHECK_STR(s, "7-x!");
	free(s);

	/* *italic* in card text: where it opens and closes, and the single
	 * asterisks it leaves alone. */
#define ITALIC(text, at) markup_italic(text, strlen(text), at)
	CHECK_INT(ITALIC("a *word* here", 2), 7);
	CHECK_INT(ITALIC("*x*", 0), 2);
	CHECK_INT(ITALIC("*a **b** c*.", 0), 10);
	CHECK_INT(ITALIC("(*see* it)", 1), 5);
	CHECK_INT(ITALIC("2*3*4", 1), 0);              /* inside a word */
	CHECK_INT(ITALIC("a * b * c", 2), 0);           /* before a space */
	CHECK_INT(ITALIC("*a *b", 0), 0);               /* closes after a space */
	CHECK_INT(ITALIC("*a*b", 0), 0);                /* closes before a letter */
	CHECK_INT(ITALIC("COUNT(*) and COUNT(*)", 6), 0);
	CHECK_INT(ITALIC("**bold**", 0), 0);
	CHECK_INT(ITALIC("**bold**", 1), 0);
	CHECK_INT(ITALIC("*no `code* here`", 0), 0);    /* not into a code span */
	CHECK_INT(ITALIC("*one\nline*", 0), 0);         /* not across lines */
	CHECK_INT(ITALIC("*\u00e9t\u00e9*", 0), 6);    /* letters of any script */
#undef ITALIC
	return check_done();
}
