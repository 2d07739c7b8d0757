/* Unit tests of the gap map and the job-description reader: edits with
 * their history, validation, undo, gaps, sorting and filtering,
 * confidence history, edits surviving a re-import, and the rules for
 * finding skills in a posting. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "content.h"
#include "db.h"
#include "gapmap.h"
#include "import.h"
#include "jd.h"
#include "util.h"

static void
import_text(struct db *db, const char *name, const char *text)
{
	struct import_stats st;
	struct content_run *run = content_load_buffer(name, text, strlen(text),
	                                              import_lookup, db);
	CHECK_INT(run->diags.n, 0);
	if (run->diags.n == 0)
		import_run(db, run, &st);
	else
		diags_print(&run->diags, stderr);
	content_free(run);
}

static const char curriculum[] =
	"kind: deck\nid: d1\ntitle: Deck one\ncards:\n  - {id: c1, q: Q, a: A}\n"
	"---\nkind: deck\nid: d2\ntitle: Deck two\ncards:\n  - {id: c2, q: Q, a: A}\n"
	"---\nkind: stories\nid: st\ntitle: Stories\ncompetencies:\n"
	"  - {id: own, name: Ownership}\nstories:\n"
	"  - {id: s1, title: S, competencies: [own], situation: s, task: t, action: a, result: r}\n"
	"---\nkind: skillmap\nid: m\ntitle: Map\nskills:\n"
	"  - {id: rag, name: RAG, category: technical, evidence: 'from file', confidence: 4}\n"
	"  - {id: k8s, name: Kubernetes, category: system}\n"
	"---\nkind: vocabulary\nid: v\ntitle: Vocabulary\nterms:\n"
	"  - {id: go, name: Go, category: technical, synonyms: [Golang]}\n"
	"  - {id: rag, name: RAG, category: technical, decks: [d1],\n"
	"     synonyms: [retrieval-augmented generation]}\n"
	"  - {id: llm, name: LLM, category: technical}\n"
	"  - {id: llm-eval, name: LLM evaluation, category: technical, synonyms: [evals]}\n"
	"  - {id: kafka, name: Kafka, category: technical}\n"
	"  - {id: spark, name: Spark, category: technical, synonyms: [PySpark]}\n"
	"  - {id: vdb, name: Vector databases, category: technical, synonyms: [vector database]}\n";

static int64_t
row_of(struct db *db, const char *map, const char *ref)
{
	int64_t id = -1;
	char *cause = NULL;
	if (gap_row_find(db, map, ref, &id, &cause) != 0) {
		fprintf(stderr, "row_of(%s): %s\n", ref, cause);
		free(cause);
	}
	return id;
}

static char *
field(struct db *db, int64_t row, const char *col)
{
	char *q = xprintf("SELECT ifnull(%s, 'NULL') FROM gap_row WHERE id = ?", col);
	char *v = db_text(db, q, "i", row);
	free(q);
	return v ? v : xstrdup("(no row)");
}

#define CHECK_FIELD(db, row, col, want) do { \
	char *f_ = field(db, row, col); \
	CHECK_STR(f_, want); \
	free(f_); \
} while (0)

/* Expects expr to fail with a message containing part in the caller's
 * `cause`. */
#define CHECK_FAILS(expr, part) do { \
	cause = NULL; \
	int rc_ = (int)(expr); \
	CHECK(rc_ < 0); \
	CHECK(cause != NULL && strstr(cause, part) != NULL); \
	if (cause && !strstr(cause, part)) \
		fprintf(stderr, "  message was: %s\n", cause); \
	free(cause); \
	cause = NULL; \
} while (0)

static void
test_edits(struct db *db)
{
	char *cause = NULL;
	CHECK_INT(gap_map_create(db, "job", "My job", "Engineer", "user", &cause), 0);
	CHECK_FAILS(gap_map_create(db, "job", "Again", "", "user", &cause), "already used");
	CHECK_FAILS(gap_map_create(db, "Bad Id", "x", "", "user", &cause), "not a valid map id");
	CHECK_FAILS(gap_map_create(db, "d1", "x", "", "user", &cause), "already used");
	char *id = gap_map_unused_id(db, "My Job!");
	CHECK_STR(id, "my-job");
	free(id);
	id = gap_map_unused_id(db, "job");
	CHECK_STR(id, "job-2");
	free(id);

	setenv("PREPDECK_NOW", "1000", 1);
	int64_t a = gap_row_add(db, "job", "  Evals for agents ", NULL, &cause);
	CHECK(a > 0);
	CHECK_FIELD(db, a, "name", "Evals for agents");
	CHECK_FIELD(db, a, "category", "technical");
	CHECK_FIELD(db, a, "edited", "1");
	CHECK_FIELD(db, a, "skill_id", "NULL");
	CHECK_FAILS(gap_row_add(db, "job", "   ", NULL, &cause), "cannot be empty");
	CHECK_FAILS(gap_row_add(db, "nope", "x", NULL, &cause), "no gap map");
	int64_t b = gap_row_add(db, "job", "Stakeholders", "beh", &cause);
	CHECK_FIELD(db, b, "category", "behavioral");
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM gap_edit WHERE field = 'created'", ""), 2);

	/* Every field, with its validation. */
	const char *ev = "Cut p95 from 3.1 s → 1.8 s, naïve baseline\nsecond line: 日本語\n";
	CHECK_INT(gap_row_set(db, a, GF_EVIDENCE, ev, &cause), 0);
	CHECK_FIELD(db, a, "evidence", ev);
	CHECK_INT(gap_row_set(db, a, GF_CONFIDENCE, "3", &cause), 0);
	CHECK_FIELD(db, a, "confidence", "3");
	CHECK_FAILS(gap_row_set(db, a, GF_CONFIDENCE, "6", &cause), "1 to 5");
	CHECK_FAILS(gap_row_set(db, a, GF_CONFIDENCE, "3.5", &cause), "1 to 5");
	CHECK_INT(gap_row_set(db, a, GF_STATUS, "doing", &cause), 0);
	CHECK_FAILS(gap_row_set(db, a, GF_STATUS, "d", &cause), "todo, doing or done");
	CHECK_INT(gap_row_set(db, a, GF_CATEGORY, "System", &cause), 0);
	CHECK_FIELD(db, a, "category", "system");
	CHECK_FAILS(gap_row_set(db, a, GF_CATEGORY, "soft", &cause), "technical, system");
	CHECK_INT(gap_row_set(db, a, GF_DECKS, "d2, d1 d2", &cause), 0);
	CHECK_FIELD(db, a, "decks", " d2 d1 ");
	CHECK_FAILS(gap_row_set(db, a, GF_DECKS, "d1 nodeck", &cause), "no deck 'nodeck'");
	CHECK_FIELD(db, a, "decks", " d2 d1 ");
	CHECK_INT(gap_row_set(db, a, GF_STORIES, "s1", &cause), 0);
	CHECK_FIELD(db, a, "stories", " s1 ");
	CHECK_FAILS(gap_row_set(db, a, GF_STORIES, "s9", &cause), "no story 's9'");
	CHECK_INT(gap_row_set(db, a, GF_NEXT, "Write the eval harness", &cause), 0);
	CHECK_INT(gap_row_set(db, a, GF_KEYWORDS, "evals, agents\nLLM judge", &cause), 0);
	CHECK_FIELD(db, a, "keywords", "evals\nagents\nLLM judge");
	CHECK_FAILS(gap_row_set(db, a, GF_NAME, "two\nlines", &cause), "one line");
	CHECK_FAILS(gap_row_set(db, a, GF_NEXT, "bell\a", &cause), "control character");
	CHECK_FAILS(gap_row_set(db, a, GF_EVIDENCE, "bad \xff utf8", &cause), "UTF-8");

	/* Setting the same value again writes no history. */
	int64_t edits = db_int(db, 0, "SELECT count(*) FROM gap_edit", "");
	CHECK_INT(gap_row_set(db, a, GF_CONFIDENCE, "3", &cause), 0);
	CHECK_INT(gap_row_set(db, a, GF_EVIDENCE, ev, &cause), 0);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM gap_edit", ""), edits);

	/* Each edit row has the field, old and new values and the time. */
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM gap_edit WHERE row_id = ? AND "
	                 "field = 'confidence' AND old IS NULL AND new = '3' AND at = 1000",
	                 "i", a), 1);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM gap_edit WHERE row_id = ? AND "
	                 "field = 'category' AND old = 'technical' AND new = 'system'", "i", a), 1);

	/* Rows are found by number, skill id, name or a unique start. */
	CHECK_INT(row_of(db, "job", "1"), a);
	CHECK_INT(row_of(db, "job", "2"), b);
	CHECK_INT(row_of(db, "job", "evals for AGENTS"), a);
	CHECK_INT(row_of(db, "job", "Stake"), b);
	CHECK_INT(row_of(db, "m", "k8s"), row_of(db, "m", "Kubernetes"));
	CHECK_FAILS(gap_row_find(db, "job", "3", &edits, &cause), "no row 3");
	CHECK_FAILS(gap_row_find(db, "job", "zzz", &edits, &cause), "no row 'zzz'");
	gap_row_add(db, "job", "Stakes", NULL, &cause);
	CHECK_FAILS(gap_row_find(db, "job", "Stak", &edits, &cause), "several rows");

	/* Delete hides the row; the number then skips it. */
	int64_t c = row_of(db, "job", "Stakes");
	CHECK_INT(gap_row_delete(db, c, &cause), 0);
	CHECK_FIELD(db, c, "deleted", "1");
	CHECK_FAILS(gap_row_delete(db, c, &cause), "no such row");
	struct gap_rows rows;
	gap_rows_load(db, "job", NULL, GAP_SORT_MAP, &rows);
	CHECK_INT(rows.n, 2);
	gap_rows_free(&rows);
	struct gap_map m;
	CHECK_INT(gap_map_get(db, "job", &m, &cause), 0);
	CHECK_INT(m.nrows, 2);
	gap_map_clear(&m);
}

static void
test_undo(struct db *db)
{
	char *cause = NULL, *what = NULL;
	int64_t a = row_of(db, "job", "Evals for agents");
	int64_t c = db_int(db, 0, "SELECT id FROM gap_row WHERE name = 'Stakes'", "");
	/* Last edit first: the delete of 'Stakes', then its creation. */
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	CHECK(what && strstr(what, "restored the deleted row 'Stakes'"));
	free(what);
	CHECK_FIELD(db, c, "deleted", "0");
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	CHECK(what && strstr(what, "removed the added row"));
	free(what);
	CHECK_FIELD(db, c, "name", "(no row)");
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM gap_edit WHERE row_id = ?", "i", c), 0);
	/* Then the keywords, the next action, the stories... of row a. */
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	free(what);
	CHECK_FIELD(db, a, "keywords", "");
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	free(what);
	CHECK_FIELD(db, a, "next_action", "");
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	free(what);
	CHECK_FIELD(db, a, "stories", "");
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	free(what);
	CHECK_FIELD(db, a, "decks", "");
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	free(what);
	CHECK_FIELD(db, a, "category", "technical");
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	free(what);
	CHECK_FIELD(db, a, "status", "todo");
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	CHECK(what && strstr(what, "confidence back to not rated"));
	free(what);
	CHECK_FIELD(db, a, "confidence", "NULL");
	CHECK_FIELD(db, a, "evidence", "Cut p95 from 3.1 s → 1.8 s, naïve baseline\nsecond line: 日本語\n");
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);
	free(what);
	CHECK_FIELD(db, a, "evidence", "");

	/* Undo in one map leaves the others alone. */
	int64_t rag = row_of(db, "m", "rag");
	CHECK_INT(gap_row_set(db, rag, GF_EVIDENCE, "mine", &cause), 0);
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);     /* Stakeholders' creation */
	free(what);
	CHECK_INT(gap_undo(db, "job", &what, NULL), 1);     /* Evals' creation */
	free(what);
	CHECK_INT(gap_undo(db, "job", &what, NULL), 0);
	CHECK(what == NULL);
	CHECK_FIELD(db, rag, "evidence", "mine");
	CHECK_FIELD(db, rag, "edited", "1");
	CHECK_INT(gap_undo(db, NULL, &what, NULL), 1);
	free(what);
	CHECK_FIELD(db, rag, "evidence", "from file");
	/* With all its edits undone, a row from a file is the file's again. */
	CHECK_FIELD(db, rag, "edited", "0");
}

static void
test_reimport(struct db *db)
{
	char *cause = NULL;
	int64_t rag = row_of(db, "m", "rag"), k8s = row_of(db, "m", "k8s");
	CHECK_INT(gap_row_set_confidence(db, rag, 2, &cause), 0);
	CHECK_INT(gap_row_set(db, rag, GF_EVIDENCE, "my own words", &cause), 0);
	char *v2 = xstrdup(curriculum);
	char *p = strstr(v2, "from file");
	memcpy(p, "FROM FILE", 9);
	p = strstr(v2, "category: system}");
	char *v3 = xprintf("%.*scategory: system, evidence: new text}%s", (int)(p - v2), v2,
	                   p + strlen("category: system}"));
	import_text(db, "mem/c.yaml", v3);
	free(v2);
	free(v3);
	/* The edited row keeps the user's values; the untouched one follows
	 * the file. */
	CHECK_FIELD(db, rag, "evidence", "my own words");
	CHECK_FIELD(db, rag, "confidence", "2");
	CHECK_FIELD(db, k8s, "evidence", "new text");
}

static void
test_gaps_sort(struct db *db)
{
	char *cause = NULL;
	CHECK_INT(gap_map_create(db, "s", "Sorting", "", "user", &cause), 0);
	const struct {
		const char *name, *cat, *ev;
		int conf;
	} rs[] = {
		{ "delta", "system", "has evidence", 4 },     /* not a gap */
		{ "Alpha", "behavioral", "", 5 },             /* gap: no evidence */
		{ "charlie", "technical", "some", 2 },        /* gap: low confidence */
		{ "bravo", "technical", "  \n ", 0 },         /* gap: blank evidence */
		{ "echo", "system", "x", 3 },                 /* not a gap */
	};
	int64_t ids[5];
	for (int i = 0; i < 5; i++) {
		ids[i] = gap_row_add(db, "s", rs[i].name, rs[i].cat, &cause);
		gap_row_set(db, ids[i], GF_EVIDENCE, rs[i].ev, &cause);
		gap_row_set_confidence(db, ids[i], rs[i].conf, &cause);
	}
	struct gap_map m;
	gap_map_get(db, "s", &m, &cause);
	CHECK_INT(m.nrows, 5);
	CHECK_INT(m.ngaps, 3);
	gap_map_clear(&m);

	struct gap_rows r;
	gap_rows_load(db, "s", NULL, GAP_SORT_NAME, &r);
	CHECK_INT(r.n, 5);
	if (r.n == 5) {
		CHECK_STR(r.v[0].name, "Alpha");
		CHECK_STR(r.v[1].name, "bravo");
		CHECK_STR(r.v[4].name, "echo");
	}
	gap_rows_free(&r);
	gap_rows_load(db, "s", NULL, GAP_SORT_CATEGORY, &r);
	if (r.n == 5) {
		CHECK_STR(r.v[0].name, "bravo");      /* technical, by name */
		CHECK_STR(r.v[1].name, "charlie");
		CHECK_STR(r.v[2].name, "delta");      /* system */
		CHECK_STR(r.v[4].name, "Alpha");      /* behavioral */
	}
	gap_rows_free(&r);
	gap_rows_load(db, "s", NULL, GAP_SORT_CONFIDENCE, &r);
	if (r.n == 5) {
		CHECK_STR(r.v[0].name, "bravo");      /* not rated */
		CHECK_STR(r.v[1].name, "charlie");    /* 2 */
		CHECK_STR(r.v[2].name, "echo");       /* 3 */
		CHECK_STR(r.v[4].name, "Alpha");      /* 5 */
	}
	gap_rows_free(&r);
	gap_rows_load(db, "s", NULL, GAP_SORT_MAP, &r);
	if (r.n == 5)
		CHECK_STR(r.v[0].name, "delta");
	gap_rows_free(&r);

	/* Filter: any case, any text field. */
	gap_rows_load(db, "s", "SOME", GAP_SORT_MAP, &r);
	CHECK_INT(r.n, 1);
	if (r.n == 1)
		CHECK_STR(r.v[0].name, "charlie");
	gap_rows_free(&r);
	gap_rows_load(db, "s", "system", GAP_SORT_NAME, &r);
	CHECK_INT(r.n, 2);
	gap_rows_free(&r);
	gap_rows_load(db, "s", "nothing like this", GAP_SORT_MAP, &r);
	CHECK_INT(r.n, 0);
	gap_rows_free(&r);
	/* Only what the screen shows: the keywords (how a posting spelled the
	 * skill), the vocabulary id and linked deck ids are not matched. */
	CHECK_INT(gap_row_set(db, ids[0], GF_KEYWORDS, "llm\nlarge language models", &cause), 0);
	gap_rows_load(db, "s", "llm", GAP_SORT_MAP, &r);
	CHECK_INT(r.n, 0);
	gap_rows_free(&r);

	/* The weakest three: a known weakness (rated 2) before an unrated
	 * skill, before a rated 5 without evidence. */
	gap_weakest(db, "s", 3, &r);
	CHECK_INT(r.n, 3);
	if (r.n == 3) {
		CHECK_STR(r.v[0].name, "charlie");
		CHECK_STR(r.v[1].name, "bravo");
		CHECK_STR(r.v[2].name, "Alpha");
	}
	gap_rows_free(&r);
	gap_weakest(db, "s", 1, &r);
	CHECK_INT(r.n, 1);
	gap_rows_free(&r);

	/* The current map: the one chosen, else the newest the user made. */
	char *cur = gap_current(db);
	CHECK_STR(cur, "s");
	free(cur);
	gap_set_current(db, "m");
	cur = gap_current(db);
	CHECK_STR(cur, "m");
	free(cur);
	gap_set_current(db, "gone");
	cur = gap_current(db);
	CHECK_STR(cur, "s");
	free(cur);
}

static void
test_history(struct db *db)
{
	char *cause = NULL, *what;
	int64_t rag = row_of(db, "m", "rag"), k8s = row_of(db, "m", "k8s");
	setenv("PREPDECK_NOW", "2000", 1);
	gap_row_set_confidence(db, k8s, 1, &cause);
	setenv("PREPDECK_NOW", "3000", 1);
	gap_row_set_confidence(db, rag, 3, &cause);
	setenv("PREPDECK_NOW", "4000", 1);
	gap_row_set_confidence(db, k8s, 4, &cause);
	gap_row_set_confidence(db, k8s, 0, &cause);
	struct gap_point *p;
	size_t n;
	gap_history(db, "m", &p, &n);
	/* The re-import test set rag to 2 at time 1000 first. */
	CHECK_INT(n, 5);
	if (n == 5) {
		CHECK_INT(p[0].at, 1000);
		CHECK_INT(p[0].confidence, 2);
		CHECK_INT(p[1].at, 2000);
		CHECK_INT(p[1].row_id, k8s);
		CHECK_INT(p[1].confidence, 1);
		CHECK_INT(p[2].row_id, rag);
		CHECK_INT(p[2].confidence, 3);
		CHECK_INT(p[3].confidence, 4);
		CHECK_INT(p[4].confidence, 0);
	}
	free(p);
	/* Undone changes leave the history. */
	gap_undo(db, "m", &what, NULL);
	free(what);
	gap_history(db, "m", &p, &n);
	CHECK_INT(n, 4);
	free(p);
	gap_history(db, NULL, &p, &n);
	CHECK(n > 4);
	free(p);
	gap_history(db, "job", &p, &n);
	CHECK_INT(n, 0);
	free(p);
}

/* Skill names found in a text, strongest first, as "a b c". */
static char *
found(struct db *db, const char *text, struct jd_result *r)
{
	char *cause = NULL;
	if (jd_analyze(db, text, strlen(text), r, &cause) != 0) {
		char *s = xprintf("error: %s", cause);
		free(cause);
		return s;
	}
	struct sbuf b;
	sbuf_init(&b);
	for (size_t i = 0; i < r->nskills; i++)
		sbuf_addf(&b, "%s%s", i ? " " : "", r->skills[i].vocab_id);
	return sbuf_take(&b);
}

#define CHECK_FOUND(db, text, want) do { \
	struct jd_result r_; \
	char *f_ = found(db, text, &r_); \
	CHECK_STR(f_, want); \
	free(f_); \
	jd_result_free(&r_); \
} while (0)

static void
test_jd(struct db *db)
{
	/* "Go" counts only capitalized in mid-sentence, or as Golang. */
	CHECK_FOUND(db, "We go fast and go far.\n", "");
	CHECK_FOUND(db, "Go deeper into the code.\n", "");
	CHECK_FOUND(db, "Services are written in Go.\n", "go");
	CHECK_FOUND(db, "Go and golang experience.\n", "go");
	/* Short acronyms match in capitals only; words match whole. */
	CHECK_FOUND(db, "A rag to clean the desk.\n", "");
	CHECK_FOUND(db, "Build RAG pipelines.\n", "rag");
	CHECK_FOUND(db, "Sparkling data; Kafkaesque rules.\n", "");
	CHECK_FOUND(db, "Experience with PySpark.\n", "spark");
	/* Phrases span line breaks and hyphens; the longest match wins. */
	CHECK_FOUND(db, "We use retrieval\n  augmented generation.\n", "rag");
	CHECK_FOUND(db, "Own LLM evaluation.\n", "llm-eval");
	CHECK_FOUND(db, "Run vector databases.\n", "vdb");
	/* Repeats and strong words rank a skill higher; "nice to have" lower. */
	CHECK_FOUND(db, "We use Kafka. We use Spark. Kafka again.\n", "kafka spark");
	CHECK_FOUND(db, "We use Kafka. You must own Spark in production.\n", "spark kafka");
	CHECK_FOUND(db, "# Role\n\n## Requirements\n\n- Kafka\n\n## Nice to have\n\n"
	            "- Spark\n- Spark, again\n", "kafka spark");
	/* A capitalized risky word in a list at the start of a line counts. */
	CHECK_FOUND(db, "Languages:\n\n- Go, Python\n", "go");
	CHECK_FOUND(db, "Spark jobs run nightly.\n", "");

	/* Names the vocabulary lacks: repeated, mid-sentence, not acronyms. */
	struct jd_result r;
	char *f = found(db, "# Job at Acme\n\nWe trace with Langfuse daily. We love "
	                "Langfuse. Deploy with Argo CD and again Argo CD. Acme builds. "
	                "Acme ships. The ETA and ETA. Once Vercel.\n", &r);
	CHECK_STR(f, "");
	free(f);
	CHECK_INT(r.nalso, 2);
	if (r.nalso == 2) {
		CHECK_STR(r.also[0].name, "Langfuse");
		CHECK_INT(r.also[0].count, 2);
		CHECK_STR(r.also[1].name, "Argo CD");
	}
	CHECK_STR(r.title, "Job at Acme");
	jd_result_free(&r);

	/* Not a job description. */
	char *cause = NULL;
	CHECK_INT(jd_analyze(db, "", 0, &r, &cause), -1);
	CHECK(cause && strstr(cause, "empty"));
	free(cause);
	cause = NULL;
	CHECK_INT(jd_analyze(db, " \n\t\n", 4, &r, &cause), -1);
	CHECK(cause && strstr(cause, "empty"));
	free(cause);
	cause = NULL;
	CHECK_INT(jd_analyze(db, "PK\003\004\0\0binary", 12, &r, &cause), -1);
	CHECK(cause && strstr(cause, "binary"));
	free(cause);
	cause = NULL;
	CHECK_INT(jd_analyze(db, "caf\xe9 latin-1", 12, &r, &cause), -1);
	CHECK(cause && strstr(cause, "UTF-8"));
	free(cause);
}

int
main(void)
{
	char dir[256];
	snprintf(dir, sizeof dir, "%s/prepdeck-gaptest-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 99;
	char *path = xprintf("%s/p.db", dir);
	char *cause = NULL;
	struct db *db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	CHECK(db != NULL);
	if (db == NULL) {
		fprintf(stderr, "%s\n", cause);
		return check_done();
	}
	setenv("PREPDECK_NOW", "500", 1);
	import_text(db, "mem/c.yaml", curriculum);
	char *s = gap_slug("  Évals: LLM-as-a-judge! ");
	CHECK_STR(s, "vals-llm-as-a-judge");
	free(s);

	test_edits(db);
	test_undo(db);
	test_reimport(db);
	test_gaps_sort(db);
	test_history(db);
	test_jd(db);

	db_close(db);
	unlink(path);
	char *wal = xprintf("%s-wal", path), *shm = xprintf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	rmdir(dir);
	free(wal);
	free(shm);
	free(path);
	return check_done();
}
