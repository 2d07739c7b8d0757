/* Unit tests of util.c: dates, ISO times, UTF-8 validation, distances,
 * the one rule for cutting text to a width, and the italic rule of card
 * markup. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "util.h"

/* Text cut to a width ends in the ellipsis; nothing else is ever cut. */
static void
test_clip(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		/* Without a UTF-8 locale the mark is "~". */
		char *c = str_clip("abcdef", 4);
		CHECK_STR(c, "abc~");
		free(c);
		return;
	}
	CHECK(locale_utf8());
	CHECK_INT(str_width("Réduit → 日本"), 13);
	char *c = str_clip("Enter fills its evidence", 15);
	CHECK_STR(c, "Enter fills it\xe2\x80\xa6");
	CHECK_INT(str_width(c), 15);
	free(c);
	c = str_clip("fits", 4);
	CHECK_STR(c, "fits");
	free(c);
	c = str_clip("spaces only   ", 11);      /* trailing blanks lose nothing */
	CHECK_STR(c, "spaces only");
	free(c);
	c = str_clip("日本語", 4);                  /* a wide character does not split */
	CHECK_STR(c, "日\xe2\x80\xa6");
	free(c);
	int cut;
	CHECK_INT(str_fit("abc", 0, &cut), 0);
	CHECK_INT(str_fit("abc", 1, &cut), 0);
	CHECK_INT(cut, 1);
	/* Outside UTF-8 the glyphs fall back to ASCII. */
	setlocale(LC_ALL, "C");
	CHECK(!locale_utf8());
	CHECK_STR(str_ellipsis(), "~");
}

/* Local-time formats, in a zone west of UTC so the local date is the day
 * before the UTC one. */
static void
test_local_time(void)
{
	char buf[32];
	int64_t t;
	setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
	tzset();
	CHECK(parse_iso_utc("2026-01-08T03:05:00Z", &t) == 0);
	fmt_local_stamp(t, buf, sizeof buf);
	CHECK_STR(buf, "Wed 2026-01-07 22:05");
	fmt_local_day(t, buf, sizeof buf);
	CHECK_STR(buf, "Wed 07 Jan");
	fmt_local(t, "%Y-%m-%d %H:%M", buf, sizeof buf);
	CHECK_STR(buf, "2026-01-07 22:05");
	/* Summer time: an hour later on the same UTC clock. */
	CHECK(parse_iso_utc("2026-07-08T03:05:00Z", &t) == 0);
	fmt_local_stamp(t, buf, sizeof buf);
	CHECK_STR(buf, "Tue 2026-07-07 23:05");
	/* Too small a buffer gives "", never a cut date. */
	fmt_local_stamp(t, buf, 8);
	CHECK_STR(buf, "");
	buf[0] = 'x';
	fmt_local_stamp(t, buf, 0);
	CHECK_INT(buf[0], 'x');
	unsetenv("TZ");
	tzset();
}

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
	CHECK_INT(now_unix(), days_from_civil(2026, 3, 1) * DAY_SECONDS + 4 * 3600);
	setenv("PREPDECK_NOW", "12345", 1);
	CHECK_INT(now_unix(), 12345);

	struct sbuf b = { 0 };
	sbuf_addf(&b, "%d-%s", 7, "x");
	sbuf_addc(&b, '!');
	char *s = sbuf_take(&b);
	CHECK_STR(s, "7-x!");
	free(s);
	test_clip();
	test_local_time();

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
