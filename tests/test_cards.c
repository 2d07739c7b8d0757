/* Unit tests of the learner's cards in the core: the search index follows
 * every write to the cards (import, edit, retirement, deletion), bad
 * queries come back as messages, the last word is a prefix only from two
 * letters; undo refuses to put back a memory state the card has been
 * reviewed since; cards asked for at once come before the new-card limit;
 * the example profile's figures leave the queue when the learner's own
 * profile is chosen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "curriculum.h"
#include "cards.h"
#include "db_search.h"
#include "profile.h"
#include "review.h"
#include "settings.h"
#include "util.h"

static const char deck_v1[] =
	"kind: deck\nid: rag\ntitle: Retrieval\ncards:\n"
	"  - {id: rag-rerank, q: Why a reranker?, a: Precision on the top candidates.}\n"
	"  - {id: rag-chunk, q: Chunk size?, a: About 300 tokens.}\n"
	"---\nkind: numbers\nid: ex-figs\ntitle: Example figures\nprofile: example\nitems:\n"
	"  - {id: ex-qps, metric: Daily transactions, value: 1M+}\n";
/* The same file a release later: one card rewritten, one gone. */
static const char deck_v2[] =
	"kind: deck\nid: rag\ntitle: Retrieval\ncards:\n"
	"  - {id: rag-rerank, q: Why a reranker?, a: Recall stays; precision rises.}\n"
	"---\nkind: numbers\nid: ex-figs\ntitle: Example figures\nprofile: example\nitems:\n"
	"  - {id: ex-qps, metric: Daily transactions, value: 1M+}\n";

/* The keys a query finds, joined by spaces; "error: ..." for a bad one. */
static char *
found(const char *text, int prefix_last)
{
	struct card_query q = { .text = text, .prefix_last = prefix_last, .limit = 50,
	                        .count_max = 50, .now = now_unix(), .day_end = now_unix() };
	struct card_hit *h;
	size_t n, total;
	char *cause = NULL;
	if (db_card_search(db, &q, &h, &n, &total, &cause) != 0) {
		char *r = xprintf("error: %s", cause);
		free(cause);
		CHECK(h == NULL && n == 0);
		return r;
	}
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	for (size_t i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s", i ? " " : "", h[i].key);
	card_hits_free(h, n);
	return sbuf_take(&b);
}

#define EXPECT_FOUND(text, prefix, want) do { \
	char *got_ = found(text, prefix); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

/* The keys of today's queue, in order, joined by spaces. */
static char *
queue(void)
{
	struct review_queue q;
	int64_t now = now_unix();
	review_queue_build(db, NULL, now, &q);
	struct sbuf b;
	sbuf_init(&b);
	sbuf_add(&b, "");
	for (size_t i = 0; i < q.nfresh; i++)
		sbuf_addf(&b, "%s%s", i ? " " : "", q.fresh[i]);
	review_queue_free(&q);
	return sbuf_take(&b);
}

int
main(void)
{
	setenv("PREPDECK_NOW", "2026-03-02T10:00:00Z", 1);
	/* u- ids are the learner's: a curriculum file cannot use them, a deck
	 * marked origin: user can, and that deck cannot replace cards. */
	EXPECT_ERRORS("t.yaml", "kind: deck\nid: d\ntitle: D\ncards:\n  - {id: u-abc123, q: a, a: b}\n",
	              "5:10: card id 'u-abc123': ids starting with 'u-' are kept for the cards "
	              "you write in prepdeck");
	EXPECT_ERRORS("t.yaml", "kind: deck\nid: d\ntitle: D\norigin: user\ncards:\n"
	              "  - {id: u-abc123, q: a, a: b}\n", "");
	EXPECT_ERRORS("t.yaml", "kind: deck\nid: d\ntitle: D\norigin: user\ncards:\n"
	              "  - {id: u-abc123, q: a, a: b, replaces: [x]}\n",
	              "6:42: 'replaces' belongs in curriculum files, not in a deck marked "
	              "'origin: user'");
	db_setup("cards");
	(void)import_text("mem/c.yaml", deck_v1);

	/* The index holds what import wrote... */
	EXPECT_FOUND("reranker", 0, "rag-rerank");
	EXPECT_FOUND("precision", 0, "rag-rerank");
	EXPECT_FOUND("tokens", 0, "rag-chunk");
	/* ...and follows an import that rewrites and retires. */
	(void)import_text("mem/c.yaml", deck_v2);
	EXPECT_FOUND("precision", 0, "rag-rerank");
	EXPECT_FOUND("candidates", 0, "");
	EXPECT_FOUND("tokens", 0, "");
	(void)import_text("mem/c.yaml", deck_v1);
	EXPECT_FOUND("tokens", 0, "rag-chunk");

	/* Prefixes: explicit, and the last word as it is typed. */
	EXPECT_FOUND("rerank*", 0, "rag-rerank");
	EXPECT_FOUND("rerank", 0, "");
	EXPECT_FOUND("rerank", 1, "rag-rerank");
	EXPECT_FOUND("why a r", 1, "");
	EXPECT_FOUND("why a re", 1, "rag-rerank");
	EXPECT_FOUND("\"chunk size\"", 0, "rag-chunk");
	EXPECT_FOUND("chunk OR reranker", 0, "rag-rerank rag-chunk");
	EXPECT_FOUND("", 0, "rag-rerank rag-chunk ex-qps");

	/* Bad queries are messages, not crashes. */
	char *e = found("k-means", 0);
	CHECK(str_prefix(e, "error: the search 'k-means' is not valid"));
	free(e);
	e = found("\"open", 1);
	CHECK(str_prefix(e, "error: the search '\"open' is not valid (unterminated string)"));
	free(e);
	e = found("(a OR", 0);
	CHECK(str_prefix(e, "error: "));
	free(e);
	/* The database is still usable after them. */
	EXPECT_FOUND("tokens", 0, "rag-chunk");

	/* The learner's cards: indexed when added, edited, deleted, undone. */
	struct card_note n;
	cards_note_init(&n);
	char *cause = NULL;
	cards_note_set(&n, "deck", "mine", NULL);
	cards_note_set(&n, "kind", "cloze", NULL);
	cards_note_set(&n, "front", "{{c1::HNSW}} is a graph index", NULL);
	CHECK_INT(cards_add(db, &n, 0, 0, &cause), 0);
	char id[72];
	snprintf(id, sizeof id, "%s", n.note_id);
	cards_note_clear(&n);
	CHECK(str_prefix(id, "u-") && strlen(id) == 8);
	char *want = xprintf("%s:c1", id);
	EXPECT_FOUND("graph", 0, want);
	CHECK_INT(cards_edit(db, id, "front", "{{c1::HNSW}} is a layered index", &cause), 0);
	EXPECT_FOUND("graph", 0, "");
	EXPECT_FOUND("layered", 0, want);
	CHECK_INT(cards_delete(db, id, &cause), 0);
	EXPECT_FOUND("layered", 0, "");
	char *what = NULL;
	CHECK_INT(cards_undo(db, &what, &cause), 0);
	free(what);
	EXPECT_FOUND("layered", 0, want);
	/* Undoing the add removes the card (it has no review) and its index row. */
	CHECK_INT(cards_undo(db, &what, &cause), 0);
	free(what);
	CHECK_INT(cards_undo(db, &what, &cause), 0);
	free(what);
	EXPECT_FOUND("hnsw", 0, "");
	CHECK_INT(db_int(db, -1, "SELECT count(*) FROM card WHERE note_id = ?", "t", id), 0);
	CHECK_INT(db_int(db, -1, "SELECT count(*) FROM card_search WHERE key = ?", "t", want), 0);
	free(want);

	/* Undo will not put back a state the card was reviewed since. */
	struct settings set;
	settings_load(db, &set);
	struct review_result res;
	CHECK_INT(cards_suspend(db, "rag-chunk", 1, &cause), 0);
	CHECK_INT(cards_suspend(db, "rag-chunk", 0, &cause), 0);
	CHECK_INT(review_grade(db, &set, "rag-chunk", 3, now_unix() + 1, 0, "review", &res,
	                       &cause), 0);
	CHECK_INT(cards_undo(db, &what, &cause), -1);
	CHECK(cause && strstr(cause, "was reviewed after it was unsuspend") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(db_int(db, -1, "SELECT state FROM card_state WHERE key = 'rag-chunk'", ""), 1);

	/* Asked for at once: first in the queue, and past the daily limit. */
	/* One new card was studied today (rag-chunk): one more is allowed. */
	CHECK_INT(settings_set(db, "new_per_day", "2", &cause), 0);
	char *qk = queue();
	CHECK_STR(qk, "ex-qps");
	free(qk);
	cards_note_init(&n);
	cards_note_set(&n, "deck", "mine", NULL);
	cards_note_set(&n, "front", "Name the FSRS variables", NULL);
	cards_note_set(&n, "back", "Stability, difficulty, retrievability", NULL);
	CHECK_INT(cards_add(db, &n, 1, 0, &cause), 0);
	qk = queue();
	want = xprintf("%s ex-qps", n.note_id);
	CHECK_STR(qk, want);
	free(want);
	free(qk);
	struct review_counts c;
	review_today_counts(db, now_unix(), &c);
	CHECK_INT(c.fresh, 2);
	cards_note_clear(&n);

	/* The example's figures leave the queue with the learner's own profile. */
	CHECK_INT(settings_set(db, "new_per_day", "20", &cause), 0);
	qk = queue();
	CHECK(strstr(qk, "ex-qps") != NULL);
	free(qk);
	CHECK_INT(profile_choose(db, "own", &cause), 0);
	qk = queue();
	CHECK(strstr(qk, "ex-qps") == NULL);
	free(qk);
	review_today_counts(db, now_unix(), &c);
	CHECK_INT(c.fresh, 2);
	CHECK_INT(profile_choose(db, "example", &cause), 0);
	review_today_counts(db, now_unix(), &c);
	CHECK_INT(c.fresh, 3);
	CHECK_INT(profile_choose(db, "mine", &cause), -1);
	free(cause);

	db_teardown();
	return check_done();
}
