/* Unit tests of the lint rules on the fixture files in tests/data/lint:
 * each file holds cards, terms or tasks that a rule must report and
 * others, next to them, that it must not; the whole directory is linted
 * in one run (duplicates are found across files) and the findings must
 * be exactly the expected ones, at their line and column. Thresholds
 * given as options move the lines; the pieces of the rules are checked
 * on their own. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "content.h"
#include "lint.h"
#include "util.h"

static const char *dir;

/* "FILE:LINE:COL: RULE ID" for every finding, one a line; FILE without
 * the directory. The caller frees. */
static char *
lint_paths(char **paths, size_t n, const struct lint_opts *o, struct lint_report *keep)
{
	struct content_run *run = content_load(paths, n, NULL, NULL, NULL);
	struct lint_report r;
	lint_run(run, o, &r);
	struct sbuf b = { 0 };
	sbuf_add(&b, "");
	for (size_t i = 0; i < r.n; i++) {
		const char *f = r.v[i].file;
		const char *slash = strrchr(f, '/');
		sbuf_addf(&b, "%s:%d:%d: %s %s\n", slash ? slash + 1 : f, r.v[i].line,
		          r.v[i].col, lint_rule_names[r.v[i].rule], r.v[i].id);
	}
	if (keep)
		*keep = r;
	else
		lint_report_free(&r);
	content_free(run);
	return sbuf_take(&b);
}

static char *
lint_dir(const struct lint_opts *o, struct lint_report *keep)
{
	char *paths[1] = { (char *)dir };
	return lint_paths(paths, 1, o, keep);
}

static char *
lint_file(const char *name, const struct lint_opts *o)
{
	char *p = xprintf("%s/%s", dir, name);
	char *paths[1] = { p };
	char *s = lint_paths(paths, 1, o, NULL);
	free(p);
	return s;
}

#define EXPECT_LINT(name, opts, want) do { \
	char *got_ = lint_file(name, opts); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static const char all_findings[] =
	"answers.yaml:8:8: long-answer ans-long\n"
	"answers.yaml:21:12: long-answer ans-cloze-long\n"
	"answers.yaml:24:13: long-answer ans-typein-long\n"
	"answers.yaml:35:12: long-answer num-long\n"
	"cloze.yaml:9:7: long-cloze cloze-block\n"
	"cloze.yaml:14:42: long-cloze cloze-twice\n"
	"duplicates-b.yaml:7:9: duplicate dup-loop-again\n"
	"duplicates-typein.yaml:18:9: duplicate tpl-rank-again\n"
	"duplicates-typein.yaml:24:9: duplicate tpl-qps-typein\n"
	"plan.yaml:17:24: generic-task t1\n"
	"plan.yaml:18:24: generic-task t2\n"
	"plan.yaml:22:24: generic-task t3\n"
	"plan.yaml:32:24: generic-task t7\n"
	"plan.yaml:36:52: generic-task t13\n"
	"typein.yaml:9:47: typein-keyboard type-accent\n"
	"typein.yaml:16:59: typein-keyboard num-micro\n"
	"vocabulary.yaml:16:9: term-without-deck term-untaught\n"
	"vocabulary.yaml:19:9: term-without-deck term-empty\n";

int
main(void)
{
	dir = getenv("top_srcdir") ? xprintf("%s/tests/data/lint", getenv("top_srcdir"))
	                           : "tests/data/lint";
	struct lint_opts o = { 60, 5, 0.20 };

	/* Words: runs between white space holding a letter or a digit. */
	CHECK_INT(lint_words("", 0), 0);
	CHECK_INT(lint_words("  - one, two -> 3 = | café\n", 25), 4);
	CHECK_INT(lint_words("1. first\n2. second", 18), 4);

	/* Generic task text. */
	CHECK(lint_generic_text("Daily card review."));
	CHECK(lint_generic_text("Review coding cards."));
	CHECK(lint_generic_text("Review 30 ML-fundamentals cards, 45 minutes"));
	CHECK(lint_generic_text("Do today's due reviews."));
	CHECK(!lint_generic_text("Review leakage and drift cards."));
	CHECK(!lint_generic_text("Two sliding-window problems, 25 minutes each."));
	CHECK(!lint_generic_text("p95 budget"));
	CHECK(!lint_generic_text("Rest."));

	/* Overlap: identical, disjoint, too short, and a measured value. */
	CHECK_NEAR(lint_overlap("the cat sat on the mat", "The cat sat on the mat."), 1.0, 1e-9);
	CHECK_NEAR(lint_overlap("one two three four", "five six seven eight"), 0.0, 1e-9);
	CHECK_NEAR(lint_overlap("one two", "one two"), 0.0, 1e-9);
	/* 4 shingles each, 3 shared: 3 / 5. */
	CHECK_NEAR(lint_overlap("a b c d e f", "a b c d e x"), 0.6, 1e-9);

	/* Every rule, finding and not finding, in one run. */
	struct lint_report r;
	char *got = lint_dir(&o, &r);
	CHECK_STR(got, all_findings);
	free(got);
	CHECK_INT(r.count[LINT_INVALID], 0);
	CHECK_INT(r.count[LINT_LONG_ANSWER], 4);
	CHECK_INT(r.count[LINT_DUPLICATE], 3);
	/* A duplicate names both places. */
	for (size_t i = 0; i < r.n; i++) {
		if (r.v[i].rule != LINT_DUPLICATE || strcmp(r.v[i].id, "dup-loop-again") != 0)
			continue;
		CHECK_STR(r.v[i].other_id, "dup-loop");
		CHECK(strstr(r.v[i].other_file, "duplicates-a.yaml") != NULL);
		CHECK_INT(r.v[i].other_line, 7);
		CHECK_INT(r.v[i].other_col, 9);
		CHECK(strstr(r.v[i].msg, "duplicates-a.yaml:7:9") != NULL);
	}
	/* The messages say what and how much. */
	for (size_t i = 0; i < r.n; i++) {
		if (strcmp(r.v[i].id, "cloze-block") == 0)
			CHECK_STR(r.v[i].msg, "cloze deletion {{c2::six words are hidden right "
			          "here}} of 'cloze-block' hides 6 words (at most 5)");
		if (strcmp(r.v[i].id, "type-accent") == 0)
			CHECK(strstr(r.v[i].msg, "has '\xc3\xa9'") != NULL);
	}
	lint_report_free(&r);

	/* One file at a time: the pair is gone, nothing else changes. */
	EXPECT_LINT("duplicates-a.yaml", &o, "");
	EXPECT_LINT("clean.yaml", &o, "");

	/* Type-ins from one template: different expected answers are
	 * different exercises (8B and 70B, a deck card and a numbers item);
	 * the same answer up to case and a full stop, or a type-in beside a
	 * basic card, is a duplicate. */
	EXPECT_LINT("duplicates-typein.yaml", &o,
	            "duplicates-typein.yaml:18:9: duplicate tpl-rank-again\n"
	            "duplicates-typein.yaml:24:9: duplicate tpl-qps-typein\n");

	/* Thresholds move the lines. */
	struct lint_opts wide = { 61, 6, 0.70 };
	EXPECT_LINT("answers.yaml", &wide, "");
	EXPECT_LINT("cloze.yaml", &wide, "");
	struct lint_opts tight = { 60, 4, 0.20 };
	EXPECT_LINT("cloze.yaml", &tight, "cloze.yaml:8:22: long-cloze cloze-block\n"
	            "cloze.yaml:9:7: long-cloze cloze-block\n"
	            "cloze.yaml:11:13: long-cloze cloze-hint\n"
	            "cloze.yaml:14:42: long-cloze cloze-twice\n");
	{
		char *a = xprintf("%s/duplicates-a.yaml", dir), *b = xprintf("%s/duplicates-b.yaml", dir);
		char *pair[2] = { a, b };
		got = lint_paths(pair, 2, &wide, NULL);
		CHECK_STR(got, "");
		free(got);
		free(a);
		free(b);
	}

	/* Mistakes check reports are findings too, and lint goes on. */
	{
		static const char bad[] = "kind: deck\nid: d\ntitle: D\ncards:\n"
		    "  - {id: a, q: x}\n"
		    "  - {id: b, cloze: 'x {{c1::one two three four five six}}'}\n";
		struct content_run *run = content_load_buffer("bad.yaml", bad, strlen(bad),
		                                              NULL, NULL);
		lint_run(run, &o, &r);
		CHECK_INT(r.n, 2);
		CHECK_INT(r.count[LINT_INVALID], 1);
		CHECK_INT(r.count[LINT_LONG_CLOZE], 1);
		lint_report_free(&r);
		content_free(run);
	}
	return check_done();
}
