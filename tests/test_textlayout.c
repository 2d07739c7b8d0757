/* The layout of card text (core/textlayout.c): wrapping at spaces by
 * display width, paragraphs and list items with their hanging indent,
 * and the styles of **bold**, *italic*, `code` and cloze deletions
 * (hidden, revealed, or another number's shown plainly). */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>

#include "check.h"
#include "textlayout.h"

/* Line i of l as UTF-8 (cells only, without the indent). */
static const char *
line(const struct tlayout *l, int i)
{
	static char buf[512];
	size_t used = 0;
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	buf[0] = '\0';
	if (i >= l->n)
		return "(no such line)";
	for (int k = 0; k < l->lines[i].n; k++) {
		char mb[MB_LEN_MAX];
		size_t m = wcrtomb(mb, l->lines[i].cells[k].ch, &ps);
		if (m == (size_t)-1 || used + m + 1 > sizeof buf)
			break;
		memcpy(buf + used, mb, m);
		used += m;
	}
	buf[used] = '\0';
	return buf;
}

/* The style of the first cell of line i holding ch. */
static int
style_of(const struct tlayout *l, int i, wchar_t ch)
{
	for (int k = 0; i < l->n && k < l->lines[i].n; k++)
		if (l->lines[i].cells[k].ch == ch)
			return l->lines[i].cells[k].style;
	return -1;
}

static void
test_wrap(void)
{
	struct tlayout l = { 0 };
	struct text_opts o = { 0 };
	text_layout(&l, "the quick brown fox jumps", 10, &o);
	CHECK_INT(l.n, 3);
	CHECK_STR(line(&l, 0), "the quick");
	CHECK_STR(line(&l, 1), "brown fox");
	CHECK_STR(line(&l, 2), "jumps");
	text_free(&l);
	CHECK_INT(l.n, 0);

	/* Wide characters count two columns each: four fit in 8. */
	text_layout(&l, "日本語日本語", 8, &o);
	CHECK_INT(l.n, 2);
	CHECK_STR(line(&l, 0), "日本語日");
	CHECK_STR(line(&l, 1), "本語");
	text_free(&l);

	/* A word longer than the line is cut, not lost. */
	text_layout(&l, "abcdefghijkl", 8, &o);
	CHECK_INT(l.n, 2);
	CHECK_STR(line(&l, 0), "abcdefgh");
	CHECK_STR(line(&l, 1), "ijkl");
	text_free(&l);
}

static void
test_blocks(void)
{
	struct tlayout l = { 0 };
	struct text_opts o = { 0 };
	/* Lines of a paragraph join; a blank line separates paragraphs. */
	text_layout(&l, "one\ntwo\n\nthree", 40, &o);
	CHECK_INT(l.n, 3);
	CHECK_STR(line(&l, 0), "one two");
	CHECK_STR(line(&l, 1), "");
	CHECK_STR(line(&l, 2), "three");
	text_free(&l);

	/* A bullet: " • " and a hanging indent of three columns. */
	text_layout(&l, "- alpha beta gamma delta", 14, &o);
	CHECK_INT(l.n, 2);
	CHECK_STR(line(&l, 0), " \xe2\x80\xa2 alpha beta");
	CHECK_INT(l.lines[0].indent, 0);
	CHECK_STR(line(&l, 1), "gamma delta");
	CHECK_INT(l.lines[1].indent, 3);
	text_free(&l);

	/* A numbered item hangs under its text. */
	text_layout(&l, "12. alpha beta gamma", 12, &o);
	CHECK_STR(line(&l, 0), " 12. alpha");
	CHECK_INT(l.lines[1].indent, 5);
	text_free(&l);

	/* text_blank appends an empty line. */
	text_blank(&l);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.lines[0].n, 0);
	text_free(&l);
}

static void
test_styles(void)
{
	struct tlayout l = { 0 };
	struct text_opts o = { 0 };
	text_layout(&l, "a **b** *c* `d` e", 40, &o);
	CHECK_STR(line(&l, 0), "a b c d e");
	CHECK_INT(style_of(&l, 0, L'a'), 0);
	CHECK_INT(style_of(&l, 0, L'b'), TS_BOLD);
	CHECK_INT(style_of(&l, 0, L'c'), TS_ITALIC);
	CHECK_INT(style_of(&l, 0, L'd'), TS_CODE);
	CHECK_INT(style_of(&l, 0, L'e'), 0);
	text_free(&l);

	/* Inside code, stars are text. */
	text_layout(&l, "`x**2 *.json`", 40, &o);
	CHECK_STR(line(&l, 0), "x**2 *.json");
	CHECK_INT(style_of(&l, 0, L'*'), TS_CODE);
	text_free(&l);

	/* A base style is on every cell, under the markup. */
	struct text_opts dim = { .base = TS_DIM };
	text_layout(&l, "p **q**", 40, &dim);
	CHECK_INT(style_of(&l, 0, L'p'), TS_DIM);
	CHECK_INT(style_of(&l, 0, L'q'), TS_DIM | TS_BOLD);
	text_free(&l);
}

static void
test_cloze(void)
{
	struct tlayout l = { 0 };
	const char *text = "A {{c1::Paris::city}} and {{c2::Rome}} B";
	struct text_opts hide1 = { .cloze = 1 };
	text_layout(&l, text, 60, &hide1);
	CHECK_STR(line(&l, 0), "A [city] and Rome B");
	CHECK_INT(style_of(&l, 0, L'['), TS_CLOZE);
	CHECK_INT(style_of(&l, 0, L'R'), 0);
	text_free(&l);

	struct text_opts hide2 = { .cloze = 2 };
	text_layout(&l, text, 60, &hide2);
	CHECK_STR(line(&l, 0), "A Paris and [...] B");
	text_free(&l);

	struct text_opts shown = { .cloze = 1, .reveal = 1 };
	text_layout(&l, text, 60, &shown);
	CHECK_STR(line(&l, 0), "A Paris and Rome B");
	CHECK_INT(style_of(&l, 0, L'P'), TS_CLOZE | TS_BOLD);
	CHECK_INT(style_of(&l, 0, L'R'), 0);
	text_free(&l);

	/* Not a cloze card: the markers show their text plainly. */
	struct text_opts plain = { 0 };
	text_layout(&l, text, 60, &plain);
	CHECK_STR(line(&l, 0), "A Paris and Rome B");
	CHECK_INT(style_of(&l, 0, L'P'), 0);
	text_free(&l);
}

static void
test_excerpt(void)
{
	char buf[64];
	text_excerpt("**Capital** of {{c1::France}}\n\nmore", 1, 40, buf, sizeof buf);
	CHECK_STR(buf, "Capital of [...]\xe2\x80\xa6");
	text_excerpt("short", 0, 40, buf, sizeof buf);
	CHECK_STR(buf, "short");
	text_excerpt("a long first line", 0, 8, buf, sizeof buf);
	CHECK_STR(buf, "a long \xe2\x80\xa6");
}

/* Outside a UTF-8 locale a bullet is an ASCII '*', so it can be drawn
 * and an excerpt of a list is not cut at its first character. */
static void
test_ascii_bullet(void)
{
	if (setlocale(LC_ALL, "C") == NULL) {
		CHECK(0);
		return;
	}
	struct tlayout l = { 0 };
	struct text_opts o = { 0 };
	text_layout(&l, "- alpha beta gamma delta", 14, &o);
	CHECK_INT(l.n, 2);
	CHECK_STR(line(&l, 0), " * alpha beta");
	CHECK_INT(l.lines[1].indent, 3);
	text_free(&l);
	char buf[64];
	text_excerpt("- one\n- two", 0, 40, buf, sizeof buf);
	CHECK_STR(buf, " * one~");
	setlocale(LC_ALL, "C.UTF-8");
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "no C.UTF-8 locale: skipped\n");
		return 77;
	}
	test_wrap();
	test_blocks();
	test_styles();
	test_cloze();
	test_excerpt();
	test_ascii_bullet();
	return check_done();
}
