/* Unit tests of the iCalendar writer's building blocks: TEXT escaping
 * (RFC 5545 3.3.11) and line folding at 75 octets without splitting a
 * UTF-8 sequence (3.1). The whole export is tested by tests/ical.sh,
 * which parses it back with python3-icalendar. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ical.h"
#include "util.h"

static char *
escaped(const char *s)
{
	struct sbuf b = { 0 };
	sbuf_init(&b);
	ical_escape(&b, s);
	return sbuf_take(&b);
}

static char *
folded(const char *s)
{
	struct sbuf b = { 0 };
	sbuf_init(&b);
	ical_line(&b, s);
	return sbuf_take(&b);
}

static void
check_escaped(const char *in, const char *want)
{
	char *got = escaped(in);
	CHECK_STR(got, want);
	free(got);
}

static void
test_escape(void)
{
	check_escaped("", "");
	check_escaped("plain text", "plain text");
	check_escaped("a,b;c\\d", "a\\,b\\;c\\\\d");
	check_escaped("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour");
	check_escaped("blank\n\nline", "blank\\n\\nline");
	/* Colons and quotes need no escape in TEXT. */
	check_escaped("k: \"v\"", "k: \"v\"");
	/* Tab is allowed; other control characters are not. */
	check_escaped("a\tb\x01\x1f\x7f" "c", "a\tbc");
	/* UTF-8 passes through untouched. */
	check_escaped("Zoë · 40% — 東京 🙂", "Zoë · 40% — 東京 🙂");
	/* Bytes that are not UTF-8 become U+FFFD, one per bad byte. */
	check_escaped("a\xff" "b", "a\xEF\xBF\xBD" "b");
	check_escaped("\xC0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD");          /* overlong */
	check_escaped("\xED\xA0\x80" "x",                               /* surrogate */
	              "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "x");
	check_escaped("\xF4\x90\x80\x80",                               /* past U+10FFFF */
	              "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	check_escaped("\x80" "a", "\xEF\xBF\xBD" "a");                  /* stray continuation */
	/* A sequence cut short at the end (a truncated field) is dropped. */
	check_escaped("ab\xC3", "ab");
	check_escaped("ab\xE2\x82", "ab");
	check_escaped("ab\xF0\x9F\x99", "ab");
}

/* Checks that out is `in` folded correctly: CRLF after every physical
 * line and nowhere else, no line over 75 octets, continuations starting
 * with one space, no UTF-8 sequence split, and unfolding gives in back. */
static void
check_fold(const char *in, const char *out)
{
	size_t n = strlen(out);
	CHECK(n >= 2 && strcmp(out + n - 2, "\r\n") == 0);
	struct sbuf un = { 0 };
	sbuf_init(&un);
	int ok_len = 1, ok_utf8 = 1, ok_cont = 1, ok_crlf = 1;
	const char *p = out;
	int first = 1;
	while (*p) {
		const char *e = strstr(p, "\r\n");
		if (e == NULL) {
			ok_crlf = 0;
			break;
		}
		size_t len = (size_t)(e - p);
		if (memchr(p, '\r', len) || memchr(p, '\n', len))
			ok_crlf = 0;
		if (len > ICAL_LINE_MAX)
			ok_len = 0;
		if (utf8_invalid_at(p, len) >= 0)
			ok_utf8 = 0;
		if (!first) {
			if (len < 2 || p[0] != ' ')
				ok_cont = 0;
			sbuf_addn(&un, p + 1, len > 0 ? len - 1 : 0);
		} else {
			sbuf_addn(&un, p, len);
		}
		first = 0;
		p = e + 2;
	}
	CHECK(ok_crlf);
	CHECK(ok_len);
	CHECK(ok_utf8);
	CHECK(ok_cont);
	CHECK_STR(un.s, in);
	sbuf_free(&un);
}

static void
test_fold(void)
{
	char *s = folded("");
	CHECK_STR(s, "\r\n");
	free(s);

	char line[400];
	memset(line, 'a', 75);
	line[75] = '\0';
	s = folded(line);
	CHECK_INT(strlen(s), 77);          /* exactly 75 octets: not folded */
	free(s);

	line[75] = 'b';
	line[76] = '\0';
	s = folded(line);
	CHECK(strncmp(s + 75, "\r\n b\r\n", 6) == 0);
	CHECK_INT(strlen(s), 75 + 2 + 2 + 2);
	free(s);

	/* 74 octets then a 2-octet character: it moves whole to the next line. */
	memset(line, 'a', 74);
	strcpy(line + 74, "é and more");
	s = folded(line);
	CHECK(strncmp(s + 74, "\r\n é", 5) == 0);
	check_fold(line, s);
	free(s);

	/* Every position of 2-, 3- and 4-octet characters against the fold. */
	const char *chars[] = { "é", "—", "東", "🙂", "a" };
	for (size_t c = 0; c < 5; c++) {
		for (size_t pre = 0; pre < 80; pre++) {
			memset(line, 'x', pre);
			line[pre] = '\0';
			for (int k = 0; k < 60; k++)
				strcat(line, chars[(c + (size_t)k) % 5]);
			s = folded(line);
			check_fold(line, s);
			free(s);
		}
	}

	/* An escaped value folded: the escapes survive unfolding. */
	char *e = escaped("Fix next: say \"I\", not \"we\"; quantify impact, e.g. p95 "
	                  "latency −40% — Zoë\\Köln\nsecond line, with commas; and more");
	struct sbuf l = { 0 };
	sbuf_init(&l);
	sbuf_add(&l, "DESCRIPTION:");
	sbuf_add(&l, e);
	s = folded(l.s);
	check_fold(l.s, s);
	free(s);
	free(e);
	sbuf_free(&l);
}

int
main(void)
{
	test_escape();
	test_fold();
	return check_done();
}
