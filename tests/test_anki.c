/* Unit tests of the Anki pieces that need no package: the HTML cleaner,
 * the markup writer and the protobuf reader. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "anki.h"
#include "anki_html.h"
#include "anki_proto.h"
#include "check.h"
#include "util.h"

static void
clean_is(const char *html, const char *want)
{
	char *cause = NULL;
	char *got = anki_html_clean(html, NULL, &cause);
	CHECK_STR(got, want);
	free(got);
	free(cause);
}

static void
test_clean(void)
{
	clean_is("What is <b>2+2</b>?", "What is **2+2**?");
	clean_is("<strong>x</strong> and <i>y</i> and <em>z</em>", "**x** and *y* and *z*");
	clean_is("a<br>b<br/>c", "a\nb\nc");
	clean_is("<div>one</div><div>two</div>", "one\ntwo");
	clean_is("<ul><li>a</li><li>b</li></ul>", "- a\n- b");
	clean_is("<ol><li>a</li><li>b</li></ol>after", "1. a\n2. b\nafter");
	clean_is("<ul><li>a<ul><li>b</li></ul></li></ul>", "- a\n  - b");
	clean_is("use <code>git rebase</code>", "use `git rebase`");
	clean_is("&lt;tag&gt; &amp; &quot;q&quot; &#39;s&#39; &#x263A; &rarr; &nbsp;x",
	         "<tag> & \"q\" 's' \u263A \u2192 x");
	clean_is("AT&T &unknown; &", "AT&T &unknown; &");
	clean_is("<span style=\"color: red\">red</span> <font>f</font>", "red f");
	clean_is("  lots   of\n\n spaces  ", "lots of spaces");
	clean_is("<b>never closed", "**never closed**");
	clean_is("x<script>alert(1)</script>y<style>p{}</style>z", "xyz");
	clean_is("a <!-- note --> b", "a b");
	clean_is("<p>para one</p><p></p><p>para two</p>", "para one\npara two");
	clean_is("a<br><br>b", "a\n\nb");
	clean_is("The {{c1::<b>sun</b>::star}} is hot", "The {{c1::**sun**::star}} is hot");
	clean_is("x < y and y > z", "x < y and y > z");
	clean_is("<a href='x>y'>link</a>", "link");
	/* Marks go around the text, never around blanks or nothing. */
	clean_is("<i> word </i>next", "*word* next");
	clean_is("a<i></i>b<b> </b>c", "ab c");
	clean_is("<b>bold <i>both</b>", "**bold *both***");

	struct anki_html_counts n = { 0, 0 };
	char *cause = NULL;
	char *got = anki_html_clean("hi[sound:a.mp3] <img src=\"b.png\"> [sound:c.ogg]", &n, &cause);
	CHECK_STR(got, "hi");
	CHECK_INT(n.sounds, 2);
	CHECK_INT(n.images, 1);
	free(got);

	/* A tag or a comment that never closes is refused with a reason. */
	got = anki_html_clean("text <b class='x", NULL, &cause);
	CHECK(got == NULL);
	CHECK(cause && strstr(cause, "never closes"));
	free(cause);
	cause = NULL;
	got = anki_html_clean("text <!-- forever", NULL, &cause);
	CHECK(got == NULL);
	CHECK(cause && strstr(cause, "comment never closes"));
	free(cause);
}

static void
test_markup(void)
{
	char *h = anki_html_from_markup("**bold** `a<b` & x\ny");
	CHECK_STR(h, "<b>bold</b> <code>a&lt;b</code> &amp; x<br>y");
	/* And back: the cleaner reads what the writer wrote. */
	char *cause = NULL;
	char *t = anki_html_clean(h, NULL, &cause);
	CHECK_STR(t, "**bold** `a<b` & x\ny");
	free(t);
	free(h);
	char *p = anki_markup_plain("**F1** is `2pr/(p+r)`");
	CHECK_STR(p, "F1 is 2pr/(p+r)");
	free(p);
	/* Italic goes out as <i> and comes back; asterisks that are not
	 * italic (in code, a product) stay as typed. */
	h = anki_html_from_markup("Capital of *France*; `*.json`, `x**2` and 2*3*4");
	CHECK_STR(h, "Capital of <i>France</i>; <code>*.json</code>, <code>x**2</code> and 2*3*4");
	t = anki_html_clean(h, NULL, &cause);
	CHECK_STR(t, "Capital of *France*; `*.json`, `x**2` and 2*3*4");
	free(t);
	free(h);
	p = anki_markup_plain("*a* `b*` **c**");
	CHECK_STR(p, "a b* c");
	free(p);
	char *g = anki_guid_for("mlf-auc-pair:r");
	CHECK_STR(g, "pd:mlf-auc-pair:r");
	free(g);
}

static void
test_proto(void)
{
	/* field 1 = 1 (varint), field 3 = "css" (bytes), field 255 bytes */
	static const unsigned char nt[] = { 0x08, 0x01, 0x1a, 0x03, 'c', 's', 's',
		0xfa, 0x0f, 0x01, 0x00 };
	int kind = -1;
	CHECK(anki_proto_notetype_kind(nt, sizeof nt, &kind) == 0);
	CHECK_INT(kind, 1);
	CHECK(anki_proto_notetype_kind(nt, 0, &kind) == 0);
	CHECK_INT(kind, 0);
	/* A length past the end, a bad wire type, an endless varint. */
	static const unsigned char bad1[] = { 0x1a, 0x09, 'a' };
	static const unsigned char bad2[] = { 0x0b, 0x00 };
	static const unsigned char bad3[] = { 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff };
	CHECK(anki_proto_notetype_kind(bad1, sizeof bad1, &kind) == -1);
	CHECK(anki_proto_notetype_kind(bad2, sizeof bad2, &kind) == -1);
	CHECK(anki_proto_notetype_kind(bad3, sizeof bad3, &kind) == -1);
	static const unsigned char tm[] = { 0x0a, 0x03, 'q', '{', '}', 0x12, 0x01, 'a',
		0x28, 0x05 };
	char *q = NULL, *a = NULL;
	CHECK(anki_proto_template(tm, sizeof tm, &q, &a) == 0);
	CHECK_STR(q, "q{}");
	CHECK_STR(a, "a");
	free(q);
	free(a);
	static const unsigned char meta[] = { 0x08, 0x03 };
	int v = 0;
	CHECK(anki_proto_meta_version(meta, sizeof meta, &v) == 0);
	CHECK_INT(v, 3);
}

int
main(void)
{
	test_clean();
	test_markup();
	test_proto();
	return check_done();
}
