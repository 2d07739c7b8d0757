/* Unit tests of the YAML tree and the content checker, on in-memory
 * files: good documents pass, and each kind of mistake is reported at
 * its exact line and column. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "content.h"
#include "util.h"

/* Runs the checker on text and returns all messages joined by newlines
 * ("" when clean). The caller frees. */
static char *
errors_of(const char *text)
{
	struct content_run *run = content_load_buffer("t.yaml", text, strlen(text), NULL, NULL);
	struct sbuf b = { 0 };
	sbuf_add(&b, "");
	for (size_t i = 0; i < run->diags.n; i++)
		sbuf_addf(&b, "%s%d:%d: %s", i ? "\n" : "", run->diags.v[i].line,
		          run->diags.v[i].col, run->diags.v[i].msg);
	content_free(run);
	return sbuf_take(&b);
}

#define EXPECT_ERRORS(text, want) do { \
	char *got_ = errors_of(text); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static const char good_deck[] =
	"kind: deck\n"
	"id: d1\n"
	"title: Deck one\n"
	"tags: [round:ml]\n"
	"cards:\n"
	"  - id: c1\n"
	"    q: What is recall?\n"
	"    a: TP / (TP + FN)\n"
	"    reverse: true\n"
	"  - id: c2\n"
	"    cloze: \"F1 is the {{c1::harmonic mean}} of {{c2::precision}} and {{c2::recall}}.\"\n"
	"  - id: c3\n"
	"    q: p95 target?\n"
	"    answer: \"<500ms\"\n"
	"    tags: [latency]\n";

int
main(void)
{
	EXPECT_ERRORS(good_deck, "");

	/* Card expansion: basic + reverse, two cloze numbers, one type-in. */
	struct content_run *run = content_load_buffer("t.yaml", good_deck,
	                                              strlen(good_deck), NULL, NULL);
	CHECK_INT(run->ncards, 5);
	CHECK_INT(run->ndocs, 1);
	const struct ynode *cards = ymap_get(run->files[0].yf->docs[0].root, "cards");
	struct content_card out[10];
	CHECK_INT(content_expand_card(cards->items[0], 0, 0, out), 2);
	CHECK_STR(out[1].key, "c1:r");
	CHECK_STR(out[1].front, "TP / (TP + FN)");
	CHECK_INT(content_expand_card(cards->items[1], 0, 0, out), 2);
	CHECK_STR(out[0].key, "c2:c1");
	CHECK_STR(out[1].key, "c2:c2");
	CHECK_INT(out[1].cloze, 2);
	CHECK_INT(content_expand_card(cards->items[2], 0, 0, out), 1);
	CHECK_STR(out[0].kind, "typein");
	content_free(run);

	/* Syntax error: libyaml's own message at its position. */
	EXPECT_ERRORS("kind: deck\nid: [unclosed\n",
	              "3:1: did not find expected ',' or ']' while parsing a flow sequence that starts at line 2, column 5");

	/* Unknown key with a suggestion, and a missing required key. */
	EXPECT_ERRORS("kind: checklist\nid: x\ntitel: T\nitems:\n  - id: a\n    text: t\n",
	              "3:1: unknown key 'titel' in checklist (did you mean 'title'?)\n"
	              "1:1: checklist 'x' is missing required key 'title'");

	/* Wrong type and out of range. */
	EXPECT_ERRORS("kind: skillmap\nid: m\ntitle: M\nskills:\n"
	              "  - id: s\n    name: RAG\n    category: technical\n    confidence: 7\n"
	              "  - id: t\n    name: K8s\n    category: systems\n    confidence: high\n",
	              "8:17: confidence must be 1 to 5, got 7\n"
	              "11:15: 'category' must be one of technical,system,behavioral; got 'systems'\n"
	              "12:17: 'confidence' must be a whole number, got 'high'");

	/* Duplicate ids: documents and cards. */
	EXPECT_ERRORS("kind: deck\nid: d\ntitle: D\ncards:\n  - {id: a, q: x, a: y}\n"
	              "  - {id: a, q: x2, a: y2}\n---\nkind: checklist\nid: d\ntitle: C\n"
	              "items: [{id: i, text: t}]\n",
	              "6:10: duplicate card id 'a' (first defined at t.yaml:5:10)\n"
	              "9:5: duplicate document id 'd' (first defined at t.yaml:2:5)");

	/* Dangling reference with a suggestion; wrong kind of target. */
	EXPECT_ERRORS("kind: deck\nid: ml-fundamentals\ntitle: D\ncards: [{id: a, q: x, a: y}]\n"
	              "---\nkind: checklist\nid: night\ntitle: N\nitems: [{id: i, text: t}]\n"
	              "---\nkind: plan\nid: p\ntitle: P\nweeks: [{week: 1, theme: T}]\ndays:\n"
	              "  - {day: 1, title: A, tasks: [{id: t1, text: x, deck: ml-fundamental}]}\n"
	              "  - {day: 2, title: A, tasks: [{id: t2, text: x, deck: night}]}\n"
	              "  - {day: 3, title: A, tasks: [{id: t3, text: x}]}\n"
	              "  - {day: 4, title: A, tasks: [{id: t4, text: x}]}\n"
	              "  - {day: 5, title: A, tasks: [{id: t5, text: x}]}\n"
	              "  - {day: 6, title: A, tasks: [{id: t6, text: x}]}\n"
	              "  - {day: 7, title: A, tasks: [{id: t7, text: x, checklist: nite}]}\n",
	              "16:56: task refers to unknown deck 'ml-fundamental' (did you mean 'ml-fundamentals'?)\n"
	              "17:56: task refers to deck 'night', but 'night' is a checklist\n"
	              "22:61: task refers to unknown checklist 'nite'");

	/* Plan shape: a missing day and a day past the end. */
	EXPECT_ERRORS("kind: plan\nid: p\ntitle: P\nweeks: [{week: 1, theme: T}]\ndays:\n"
	              "  - {day: 1, title: A, tasks: [{id: a, text: x}]}\n"
	              "  - {day: 9, title: A, tasks: [{id: b, text: x}]}\n",
	              "7:5: day 9 is past the end of a 1-week plan (7 days)\n"
	              "6:3: day 2 is missing (a 1-week plan has days 1 to 7)");

	/* Card shapes and cloze markers. */
	EXPECT_ERRORS("kind: deck\nid: d\ntitle: D\ncards:\n"
	              "  - {id: a, q: only a question}\n"
	              "  - {id: b, cloze: 'no marker here'}\n"
	              "  - {id: c, cloze: 'broken {{c1::open'}\n"
	              "  - {id: e, q: x, answer: y, reverse: true}\n",
	              "5:5: a card needs 'q' and 'a' (basic), 'q' and 'answer' (type-in), or 'cloze'\n"
	              "6:20: cloze text has no {{c1::...}} marker\n"
	              "7:20: cloze marker {{c1:: is not closed with }}\n"
	              "8:39: 'reverse' applies only to q/a cards");

	/* Not YAML at all, empty, binary, invalid UTF-8. */
	EXPECT_ERRORS("just some prose\n",
	              "1:1: a document must be a mapping that starts with 'kind:' and 'id:', not text");
	EXPECT_ERRORS("", "1:1: empty file");
	EXPECT_ERRORS("  \n\n", "1:1: empty file");
	EXPECT_ERRORS("kind: deck\nid: d\ntitle: caf\xc3\xa9 \xff\n",
	              "3:13: invalid UTF-8 (byte 0xff)");
	{
		const char bin[] = "kind: deck\0\x01\x02";
		struct content_run *r = content_load_buffer("b.yaml", bin, sizeof bin, NULL, NULL);
		CHECK_INT(r->diags.n, 1);
		CHECK(r->diags.n && strstr(r->diags.v[0].msg, "binary") != NULL);
		content_free(r);
	}

	/* Unknown kind with a suggestion; several errors are all listed. */
	EXPECT_ERRORS("kind: dek\nid: a\n---\nkind: checklist\nid: B\ntitle: x\nitems: []\n",
	              "1:7: unknown kind 'dek' (did you mean 'deck'?)\n"
	              "5:5: 'id' is not a valid id: 'B' (use lowercase letters, digits, '-', '_' or '.', at most 64)\n"
	              "7:8: 'items' needs at least 1 entry");

	/* Rubric levels: exactly four. */
	EXPECT_ERRORS("kind: rubric\nid: r\ntitle: R\ncategories:\n"
	              "  - {id: a, name: A, levels: [one, two, three]}\n",
	              "5:30: 'levels' must have exactly 4 entries, has 3");

	/* Stories: competency references and required STAR parts. */
	EXPECT_ERRORS("kind: stories\nid: s\ntitle: S\ncompetencies: [{id: ownership, name: O}]\n"
	              "stories:\n  - id: st\n    title: T\n    competencies: [ownership, impakt]\n"
	              "    situation: s\n    task: t\n    action: a\n",
	              "6:5: story 'st' needs 'result'\n"
	              "8:31: story refers to unknown competency 'impakt'");

	/* Alias bomb: ten levels of doubling must fail fast, not hang. */
	{
		struct sbuf b = { 0 };
		sbuf_add(&b, "a0: &a0 [x, x]\n");
		for (int i = 1; i <= 30; i++)
			sbuf_addf(&b, "a%d: &a%d [*a%d, *a%d]\n", i, i, i - 1, i - 1);
		char *s = sbuf_take(&b);
		char *e = errors_of(s);
		CHECK(strstr(e, "aliases expand to more than") != NULL);
		free(e);
		free(s);
	}
	/* An oversized text. */
	{
		size_t n = 70000;
		char *s = xmalloc(n + 64);
		strcpy(s, "kind: deck\nid: d\ntitle: \"");
		size_t l = strlen(s);
		memset(s + l, 'x', n);
		strcpy(s + l + n, "\"\n");
		char *e = errors_of(s);
		CHECK_STR(e, "3:8: text too long (70000 bytes; the limit is 65536)");
		free(e);
		free(s);
	}
	/* Deep nesting is refused. */
	{
		struct sbuf b = { 0 };
		for (int i = 0; i < 100; i++)
			sbuf_add(&b, "[");
		for (int i = 0; i < 100; i++)
			sbuf_add(&b, "]");
		char *s = sbuf_take(&b);
		char *e = errors_of(s);
		CHECK(strstr(e, "nested too deeply") != NULL);
		free(e);
		free(s);
	}
	return check_done();
}
