/* The edit buffer behind every input line (core/editbuf.c): wide
 * characters and combining marks move and delete as one, words and
 * lines, and the refusals (past the byte limit, a line break in a
 * single-line buffer, control characters). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "check.h"
#include "editbuf.h"

/* e + U+0301 (combining acute): one cluster of two characters. */
#define E_ACUTE "e\xcc\x81"

static void
insert_str(struct editbuf *eb, const char *s)
{
	eb->refused = 0;
	editbuf_insert(eb, s, strlen(s));
}

static void
test_wide_and_combining(void)
{
	struct editbuf eb;
	editbuf_init(&eb, NULL, 0, 0);
	CHECK_STR(editbuf_text(&eb), "");
	CHECK(!editbuf_changed(&eb));
	/* Typed as code points, like keys from get_wch. */
	CHECK_INT(editbuf_insert_char(&eb, 0x65E5), 0);      /* 日 */
	CHECK_INT(editbuf_insert_char(&eb, 'e'), 0);
	CHECK_INT(editbuf_insert_char(&eb, 0x301), 0);       /* combining acute */
	CHECK_INT(editbuf_insert_char(&eb, 'x'), 0);
	CHECK_STR(editbuf_text(&eb), "\xe6\x97\xa5" E_ACUTE "x");
	CHECK(editbuf_changed(&eb));
	CHECK_INT(eb.len, 7);
	CHECK_INT(editbuf_width(&eb, 0, eb.len), 4);         /* 2 + 1 + 0 + 1 */

	/* Left moves over whole clusters: x, then e + accent, then 日. */
	size_t p = eb.cur;
	p = editbuf_prev(&eb, p);
	CHECK_INT(p, 6);
	p = editbuf_prev(&eb, p);
	CHECK_INT(p, 3);
	p = editbuf_prev(&eb, p);
	CHECK_INT(p, 0);
	CHECK_INT(editbuf_prev(&eb, 0), 0);
	CHECK_INT(editbuf_next(&eb, 0), 3);
	CHECK_INT(editbuf_next(&eb, 3), 6);
	CHECK_INT(editbuf_next(&eb, eb.len), eb.len);

	/* Backspace after the accent takes the whole cluster. */
	eb.cur = 6;
	editbuf_backspace(&eb);
	CHECK_STR(editbuf_text(&eb), "\xe6\x97\xa5x");
	CHECK_INT(eb.cur, 3);
	/* Delete takes the wide character after the cursor. */
	eb.cur = 0;
	editbuf_delete_next(&eb);
	CHECK_STR(editbuf_text(&eb), "x");
	CHECK_INT(eb.cur, 0);
	/* Inserting in the middle puts the text at the cursor. */
	insert_str(&eb, E_ACUTE);
	CHECK_STR(editbuf_text(&eb), E_ACUTE "x");
	CHECK_INT(eb.cur, 3);
	editbuf_free(&eb);
}

static void
test_words_and_lines(void)
{
	struct editbuf eb;
	editbuf_init(&eb, "one two\nthree  four", 1, 0);
	CHECK_INT(eb.cur, eb.len);
	CHECK(!editbuf_changed(&eb));
	CHECK_INT(editbuf_line_start(&eb, eb.cur), 8);
	CHECK_INT(editbuf_line_end(&eb, 2), 7);
	CHECK_INT(editbuf_word_start(&eb, eb.len), 15);
	CHECK_INT(editbuf_word_start(&eb, 15), 8);          /* over the blanks too */
	CHECK_INT(editbuf_word_end(&eb, 0), 3);
	CHECK_INT(editbuf_word_end(&eb, 3), 7);

	editbuf_kill_word(&eb);
	CHECK_STR(editbuf_text(&eb), "one two\nthree  ");
	editbuf_kill_word(&eb);
	CHECK_STR(editbuf_text(&eb), "one two\n");
	/* Kill to the end at a line's end joins the next line. */
	eb.cur = 7;
	editbuf_kill_to_end(&eb);
	CHECK_STR(editbuf_text(&eb), "one two");
	eb.cur = 3;
	editbuf_kill_to_end(&eb);
	CHECK_STR(editbuf_text(&eb), "one");
	editbuf_kill_to_start(&eb);
	CHECK_STR(editbuf_text(&eb), "");
	CHECK_INT(eb.cur, 0);
	/* A multi-line buffer takes a line break. */
	CHECK_INT(editbuf_insert_char(&eb, '\n'), 0);
	CHECK_STR(editbuf_text(&eb), "\n");
	editbuf_free(&eb);
}

static void
test_refusals(void)
{
	struct editbuf eb;
	editbuf_init(&eb, "abc", 0, 5);
	/* A line break has no place in a single-line buffer. */
	CHECK_INT(editbuf_insert_char(&eb, '\n'), -1);
	CHECK(eb.refused);
	insert_str(&eb, "a\nb");
	CHECK(eb.refused);
	CHECK_STR(editbuf_text(&eb), "abc");
	/* Two bytes fit, a third does not, and a two-byte character past
	 * the limit is refused whole. */
	insert_str(&eb, "de");
	CHECK(!eb.refused);
	CHECK_STR(editbuf_text(&eb), "abcde");
	eb.refused = 0;
	CHECK_INT(editbuf_insert_char(&eb, 'f'), -1);
	CHECK(eb.refused);
	editbuf_backspace(&eb);
	eb.refused = 0;
	CHECK_INT(editbuf_insert_char(&eb, 0xe9), -1);       /* é: two bytes */
	CHECK(eb.refused);
	CHECK_STR(editbuf_text(&eb), "abcd");
	/* Control characters and non-characters are ignored, not refused. */
	eb.refused = 0;
	CHECK_INT(editbuf_insert_char(&eb, 0x1b), 0);
	CHECK_INT(editbuf_insert_char(&eb, 127), 0);
	CHECK_INT(editbuf_insert_char(&eb, 0xd800), 0);
	CHECK_INT(editbuf_insert_char(&eb, 0x110000), 0);
	CHECK(!eb.refused);
	CHECK_STR(editbuf_text(&eb), "abcd");
	/* Back to the text it started with: not changed. */
	editbuf_backspace(&eb);
	CHECK(!editbuf_changed(&eb));
	editbuf_free(&eb);
}

/* A stray byte is one character of its own; the cursor never splits a
 * character. */
static void
test_invalid_bytes(void)
{
	struct editbuf eb;
	editbuf_init(&eb, "a\xff\xe6\x97", 0, 0);
	CHECK_INT(editbuf_next(&eb, 0), 1);
	CHECK_INT(editbuf_next(&eb, 1), 2);
	CHECK_INT(editbuf_next(&eb, 2), 3);                  /* a cut sequence, byte by byte */
	CHECK_INT(editbuf_prev(&eb, eb.len), 3);
	editbuf_backspace(&eb);
	editbuf_backspace(&eb);
	editbuf_backspace(&eb);
	CHECK_STR(editbuf_text(&eb), "a");
	editbuf_free(&eb);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "no C.UTF-8 locale: skipped\n");
		return 77;
	}
	test_wide_and_combining();
	test_words_and_lines();
	test_refusals();
	test_invalid_bytes();
	return check_done();
}
