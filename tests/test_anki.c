/* Unit tests of the Anki pieces: the HTML cleaner, the markup writer and
 * the protobuf reader; and an imported history replayed as grading would
 * have scheduled it, toward an interview date too. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "anki.h"
#include "anki_html.h"
#include "anki_proto.h"
#include "check.h"
#include "db_anki.h"
#include "deadline.h"
#include "review.h"
#include "settings.h"
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

/* ---- replay against grading --------------------------------------------- */

#define NREV 6
static const int ratings[NREV] = { 3, 3, 2, 3, 4, 3 };

/* Review times: 2025-03-01 09:00 and then 1, 3, 8, 20 and 45 days on. */
static int64_t
rev_time(int i)
{
	static const int days[NREV] = { 0, 1, 3, 8, 20, 45 };
	return 1740819600 + (int64_t)days[i] * DAY_SECONDS;
}

/* A package of one basic note with guid and its first nrev reviews. */
static void
write_pkg(const char *dir, const char *out, const char *guid, int nrev)
{
	char *col = xprintf("%s/c.anki2", dir);
	char *cause = NULL;
	struct anki_out *o = anki_out_create(col, &cause);
	CHECK(o != NULL);
	anki_out_col(o, 1136073600, 0, "{}", "{\"7\":{\"id\":7,\"name\":\"Basic\",\"type\":0,"
	             "\"flds\":[{\"name\":\"Front\",\"ord\":0},{\"name\":\"Back\",\"ord\":1}],"
	             "\"tmpls\":[{\"name\":\"Card 1\",\"ord\":0,\"qfmt\":\"{{Front}}\","
	             "\"afmt\":\"{{FrontSide}}<hr id=answer>{{Back}}\"}]}}",
	             "{\"1\":{\"id\":1,\"name\":\"Default\"}}", "{}");
	anki_out_note(o, 100, guid, 7, 0, "", "Question\x1f" "Answer", "Question", 0);
	int64_t c[13] = { 200, 100, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 };
	anki_out_card(o, c, "");
	for (int i = 0; i < nrev; i++) {
		int64_t r[8] = { rev_time(i) * 1000, 200, ratings[i], 1, 0, 2500, 5000, i ? 1 : 0 };
		anki_out_revlog(o, r);
	}
	CHECK(anki_out_finish(o, &cause) == 0);
	CHECK(anki_pkg_write(col, out, &cause) == 0);
	unlink(col);
	free(col);
	free(cause);
}

static struct db *
fresh_db(const char *dir, const char *name)
{
	char *path = xprintf("%s/%s", dir, name);
	unlink(path);
	struct db *db = db_open(path, DB_OPEN_CREATE, NULL, NULL);
	free(path);
	/* No spreading over nearby days: the interview rule alone. */
	db_set_setting(db, "load_balance", "0");
	return db;
}

static void
import(struct db *db, const char *pkg)
{
	struct anki_import_opts o = { .now = rev_time(NREV - 1) + DAY_SECONDS };
	struct anki_summary s;
	char *cause = NULL;
	CHECK(anki_import(db, pkg, &o, &s, &cause) == 0);
	free(cause);
}

/* Grades the reviews in prepdeck, the card made by importing the note
 * without history; returns its state. */
static void
graded(const char *dir, const char *pkg0, const char *key, int64_t target_day,
       struct fsrs_card *out)
{
	struct db *db = fresh_db(dir, "graded.db");
	import(db, pkg0);
	if (target_day)
		target_add(db, target_day, "Acme", "ML engineer", NULL, NULL);
	struct settings set;
	settings_load(db, &set);
	for (int i = 0; i < NREV; i++) {
		struct review_result res;
		CHECK(review_grade(db, &set, key, ratings[i], rev_time(i), 5000, "review", &res,
		                   NULL) == 0);
		*out = res.after;
	}
	db_close(db);
}

/* The state an import of the reviews leaves (after one of an earlier
 * package, when given: the reviews are then merged). */
static void
imported(const char *dir, const char *earlier, const char *pkg, const char *key,
         int64_t target_day, struct fsrs_card *out)
{
	struct db *db = fresh_db(dir, "imported.db");
	if (target_day)
		target_add(db, target_day, "Acme", "ML engineer", NULL, NULL);
	if (earlier)
		import(db, earlier);
	import(db, pkg);
	struct review_card c;
	CHECK(review_card_load(db, key, &c) == 0);
	*out = c.fc;
	review_card_free(&c);
	db_close(db);
}

static void
test_replay_deadline(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	char dir[] = "/tmp/prepdeck-test-anki-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *pkg0 = xprintf("%s/none.apkg", dir), *pkg = xprintf("%s/hist.apkg", dir);
	char *pkg5 = xprintf("%s/older.apkg", dir);
	struct settings set;
	settings_load(NULL, &set);
	struct fsrs_params p;
	settings_fsrs_params(&set, &p);
	/* A note whose last interval, fuzzed, ends past a day on which its
	 * recall is already below the retention: an interview that day makes
	 * grading move the review before it. The guid (so the fuzz) is
	 * looked for; most do. */
	int64_t day = 0;
	char guid[16], key[48];
	struct fsrs_card g, m;
	for (int k = 0; k < 50 && day == 0; k++) {
		snprintf(guid, sizeof guid, "deadline%02d", k);
		struct sbuf b;
		sbuf_init(&b);
		sbuf_add(&b, "anki-");
		for (const char *q = guid; *q; q++)
			sbuf_addf(&b, "%02x", (unsigned char)*q);
		snprintf(key, sizeof key, "%s", b.s);
		sbuf_free(&b);
		write_pkg(dir, pkg0, guid, 0);
		graded(dir, pkg0, key, 0, &g);
		int64_t last = day_number(rev_time(NREV - 1), set.rollover_hour);
		for (int64_t d = day_number(g.due, set.rollover_hour); d > last + 1 && !day; d--) {
			int64_t ds = day_number_start(d, set.rollover_hour);
			if (g.due >= ds && fsrs_retrievability(&p, &g, ds) < p.retention)
				day = d;
		}
	}
	CHECK(day != 0);
	write_pkg(dir, pkg, guid, NREV);
	write_pkg(dir, pkg5, guid, NREV - 1);

	/* Without an interview, importing the reviews schedules as grading. */
	graded(dir, pkg0, key, 0, &g);
	imported(dir, NULL, pkg, key, 0, &m);
	CHECK_INT(m.due, g.due);
	CHECK_INT(m.reps, NREV);
	CHECK(m.stability == g.stability && m.difficulty == g.difficulty);

	/* With one, grading moves the review before it; so does the import,
	 * and so does the replay of a history merged with a newer export. */
	graded(dir, pkg0, key, day, &g);
	imported(dir, NULL, pkg, key, day, &m);
	CHECK(g.due < day_number_start(day, set.rollover_hour));
	CHECK_INT(m.due, g.due);
	CHECK_INT(m.scheduled_days, g.scheduled_days);
	imported(dir, pkg5, pkg, key, day, &m);
	CHECK_INT(m.reps, NREV);
	CHECK_INT(m.due, g.due);

	char *rm = xprintf("rm -rf '%s'", dir);
	CHECK(system(rm) == 0);
	free(rm);
	free(pkg0);
	free(pkg);
	free(pkg5);
}

int
main(void)
{
	test_clean();
	test_markup();
	test_proto();
	test_replay_deadline();
	return check_done();
}
