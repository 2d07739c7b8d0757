/* Unit tests of `profile: example` on numbers and stories documents: the
 * key is checked, stored on the document and its stories, and every list
 * that shows the example's figures or stories marks them "(example)";
 * a copy of an example story is the learner's own, without the mark. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "curriculum.h"
#include "review.h"
#include "stats.h"
#include "story.h"
#include "storysched.h"
#include "util.h"


static const char curriculum[] =
	"kind: numbers\nid: ref-numbers\ntitle: Reference numbers\nitems:\n"
	"  - {id: n-bytes, metric: Bytes per fp16 weight, value: '2'}\n"
	"---\nkind: stories\nid: bank\ntitle: Bank\n"
	"competencies: [{id: impact, name: Impact}]\n"
	"stories:\n"
	"  - {id: tpl-impact, title: 'Template: impact', type: template, situation: s}\n"
	"---\nkind: numbers\nid: ex-numbers\ntitle: Example figures\nprofile: example\nitems:\n"
	"  - {id: ex-qps, metric: Daily transactions, value: 1M+}\n"
	"---\nkind: stories\nid: ex-stories\ntitle: Example stories\nprofile: example\n"
	"stories:\n"
	"  - {id: ex-rag, title: RAG for support, competencies: [impact], situation: s, "
	"task: t, action: a, result: r}\n"
	"  - {id: ex-pitch, title: Pitch, type: pitch, situation: I build RAG systems.}\n";

/* The title a story list shows for id, or "-". */
static char *
listed_title(const char *id)
{
	struct story *v;
	size_t n;
	story_list(db, &v, &n);
	char *t = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			t = xstrdup(v[i].title);
	story_list_free(v, n);
	return t ? t : xstrdup("-");
}

#define EXPECT_LISTED(id, want) do { \
	char *t_ = listed_title(id); \
	CHECK_STR(t_, want); \
	free(t_); \
} while (0)

int
main(void)
{
	/* The key: numbers and stories only, one value. */
	EXPECT_ERRORS("t.yaml", curriculum, "");
	EXPECT_ERRORS("t.yaml", "kind: numbers\nid: n\ntitle: N\nprofile: mine\n"
	              "items: [{id: a, metric: m, value: v}]\n",
	              "4:10: 'profile' must be one of example; got 'mine'");
	EXPECT_ERRORS("t.yaml", "kind: deck\nid: d\ntitle: D\nprofile: example\n"
	              "cards: [{id: a, q: x, a: y}]\n",
	              "4:1: unknown key 'profile' in deck");

	db_setup("profile");
	char *cause = NULL;
	(void)import_text("mem/c.yaml", curriculum);

	/* Stored on the documents and the stories. */
	CHECK_INT(db_int(db, -1, "SELECT count(*) FROM doc WHERE profile = 'example'", ""), 2);
	CHECK_INT(db_int(db, -1, "SELECT count(*) FROM doc WHERE profile = ''", ""), 2);
	CHECK_INT(db_int(db, -1, "SELECT count(*) FROM story WHERE profile = 'example'", ""), 2);
	CHECK_INT(db_int(db, -1, "SELECT count(*) FROM story WHERE id = 'tpl-impact' AND "
	                 "profile = ''", ""), 1);

	/* Due counts per deck and a card's deck title. */
	size_t n;
	struct review_counts tot;
	struct review_deck_due *d = review_due(db, now_unix(), &n, &tot);
	CHECK_INT(n, 2);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(d[i].deck_id, "ex-numbers") == 0)
			CHECK_STR(d[i].title, "(example) Example figures");
		else
			CHECK_STR(d[i].title, "Reference numbers");
	}
	review_due_free(d, n);
	struct review_card c;
	CHECK_INT(review_card_load(db, "ex-qps", &c), 0);
	CHECK_STR(c.deck_title, "(example) Example figures");
	review_card_free(&c);
	CHECK_INT(review_card_load(db, "n-bytes", &c), 0);
	CHECK_STR(c.deck_title, "Reference numbers");
	review_card_free(&c);

	/* Retention per deck in the statistics. */
	struct stats sts;
	stats_load(db, now_unix(), &sts);
	int found = 0;
	for (size_t i = 0; i < sts.ndecks; i++) {
		if (strcmp(sts.decks[i].id, "ex-numbers") == 0) {
			CHECK_STR(sts.decks[i].title, "(example) Example figures");
			found = 1;
		}
	}
	CHECK(found);
	stats_free(&sts);

	/* Story lists, the story itself and today's rehearsals. */
	EXPECT_LISTED("ex-rag", "(example) RAG for support");
	EXPECT_LISTED("ex-pitch", "(example) Pitch");
	EXPECT_LISTED("tpl-impact", "Template: impact");
	struct story s;
	CHECK_INT(story_get(db, "ex-rag", &s, &cause), 0);
	CHECK_STR(s.title, "(example) RAG for support");
	CHECK_STR(s.profile, "example");
	story_clear(&s);
	struct storysched_day day;
	storysched_due(db, now_unix(), &day);
	int seen = 0;
	for (size_t i = 0; i < day.n; i++) {
		if (strcmp(day.items[i].id, "ex-rag") == 0) {
			CHECK_STR(day.items[i].title, "(example) RAG for support");
			seen = 1;
		}
	}
	CHECK(seen);
	storysched_day_free(&day);

	/* Adopting an example story: the copy is the learner's, unmarked. */
	char *nid = NULL;
	CHECK_INT(story_copy(db, "ex-rag", NULL, &nid, &cause), 0);
	CHECK_INT(db_int(db, -1, "SELECT count(*) FROM story WHERE id = ? AND origin = 'user' "
	                 "AND profile = '' AND title = 'RAG for support'", "t", nid), 1);
	EXPECT_LISTED(nid, "RAG for support");
	free(nid);

	/* Dropping the key updates the rows on the next import. */
	char *plain = xstrdup(curriculum);
	char *p;
	while ((p = strstr(plain, "profile: example\n")) != NULL)
		memmove(p, p + strlen("profile: example\n"), strlen(p + strlen("profile: example\n")) + 1);
	(void)import_text("mem/c.yaml", plain);
	CHECK_INT(db_int(db, -1, "SELECT count(*) FROM doc WHERE profile <> ''", ""), 0);
	EXPECT_LISTED("ex-rag", "RAG for support");
	free(plain);

	db_teardown();
	return check_done();
}
