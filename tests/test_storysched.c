/* Unit tests of spaced story rehearsal on constructed databases: the
 * rating a rehearsal's self-scores count as, weak stories coming back
 * sooner than strong ones (one rehearsal and over two months of
 * rehearsing whatever is due), scores corrected after saving, sessions
 * that do not count, today's list (new stories, the daily cap, the
 * bundled fallback, no story twice a day), which stories an interview
 * maps to, and the interview-week rule: every mapped story not
 * rehearsed recently is rehearsed before the day, spread over the days
 * left. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "db.h"
#include "deadline.h"
#include "rehearsal.h"
#include "storysched.h"
#include "util.h"

#define ROLL 4                    /* the default rollover hour */
#define D0 20500                  /* a study day (2026-02-16) */

static char dir[] = "/tmp/prepdeck-sstest-XXXXXX";
static int ndb;

static struct db *
fresh_db(void)
{
	char *path = xprintf("%s/s%d.db", dir, ndb++);
	char *cause = NULL;
	struct db *db = db_open(path, DB_OPEN_CREATE, NULL, &cause);
	if (db == NULL) {
		fprintf(stderr, "%s\n", cause);
		exit(99);
	}
	free(path);
	static const char *comps[][2] = {
		{ "ownership", "Ownership" }, { "impact", "Impact" },
		{ "conflict", "Conflict resolution" }, { "ambiguity", "Handling ambiguity" },
		{ "influence", "Cross-functional influence" }, { "learning", "Learning" },
	};
	for (size_t i = 0; i < sizeof comps / sizeof *comps; i++)
		db_exec(db, "INSERT INTO competency(id, name, src) VALUES (?, ?, 'x')", "tt",
		        comps[i][0], comps[i][1]);
	return db;
}

/* 10:00 on study day d (local, UTC in these tests). */
static int64_t
at_day(int64_t d)
{
	return day_number_start(d, ROLL) + 6 * 3600;
}

static void
add_story(struct db *db, const char *id, const char *origin, const char *comps,
          int64_t created)
{
	char *words = xprintf(" %s ", comps);
	db_exec(db, "INSERT INTO story(id, origin, type, title, competencies, created_at, "
	        "src, line) VALUES (?, ?, 'story', ?, ?, ?, ?, ?)", "ttttiti", id, origin, id,
	        *comps ? words : "", created, strcmp(origin, "bundled") == 0 ? "b.yaml" : "",
	        created);
	free(words);
}

/* Saves a completed rehearsal of story id at time t with every rubric
 * category scored `score` (0: no scores). Returns the session id. */
static int64_t
rehearse_opt(struct db *db, const char *id, int64_t t, int score, const char *mode,
             int completed)
{
	struct rh_section sec = { .name = "Situation", .budget_ms = 20000, .spent_ms = 18000 };
	struct rh_score sc[4] = {
		{ "clarity", score, "" }, { "ownership", score, "" },
		{ "conflict", score, "" }, { "impact", score, "" },
	};
	struct rh_record r = {
		.story_id = id, .mode = mode, .started_at = t, .completed = completed,
		.sec = &sec, .nsec = 1, .scores = sc, .nscores = score ? 4 : 0,
	};
	int64_t rid = 0;
	char *cause = NULL;
	if (rehearsal_save(db, &r, &rid, &cause) != 0) {
		fprintf(stderr, "rehearsal_save: %s\n", cause);
		free(cause);
	}
	return rid;
}

static int64_t
rehearse(struct db *db, const char *id, int64_t t, int score)
{
	return rehearse_opt(db, id, t, score, "story", 1);
}

static int64_t
due_of(struct db *db, const char *id)
{
	struct fsrs_card c;
	return storysched_get(db, id, &c) == 0 ? c.due : -1;
}

static int
listed(const struct storysched_day *d, const char *id)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->items[i].id, id) == 0)
			return (int)d->items[i].why + 1;
	return 0;
}

static int
no_repeats(const struct storysched_day *d)
{
	for (size_t i = 0; i < d->n; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(d->items[i].id, d->items[k].id) == 0)
				return 0;
	return 1;
}

static void
test_rating(void)
{
	CHECK_INT(storysched_rating(0, 0), 0);
	CHECK_INT(storysched_rating(4, 4), FSRS_AGAIN);      /* 1.0 */
	CHECK_INT(storysched_rating(5, 4), FSRS_AGAIN);      /* 1.25 */
	CHECK_INT(storysched_rating(6, 4), FSRS_HARD);       /* 1.5 rounds up */
	CHECK_INT(storysched_rating(9, 4), FSRS_HARD);       /* 2.25 */
	CHECK_INT(storysched_rating(10, 4), FSRS_GOOD);      /* 2.5 */
	CHECK_INT(storysched_rating(13, 4), FSRS_GOOD);      /* 3.25 */
	CHECK_INT(storysched_rating(14, 4), FSRS_EASY);      /* 3.5 */
	CHECK_INT(storysched_rating(16, 4), FSRS_EASY);
	CHECK_INT(storysched_rating(8, 3), FSRS_GOOD);       /* 2.67 */
}

/* One rehearsal each: the lower the self-score, the sooner it is due,
 * and never sooner than a day. */
static void
test_weak_sooner(void)
{
	struct db *db = fresh_db();
	const char *ids[] = { "s1", "s2", "s3", "s4" };
	int64_t t = at_day(D0);
	for (int i = 0; i < 4; i++) {
		add_story(db, ids[i], "user", "ownership", i + 1);
		rehearse(db, ids[i], t, i + 1);
	}
	int64_t due[4];
	for (int i = 0; i < 4; i++) {
		due[i] = due_of(db, ids[i]);
		CHECK(due[i] >= t + DAY_SECONDS);               /* days, not minutes */
	}
	CHECK(due[0] < due[1]);
	CHECK(due[1] < due[2]);
	CHECK(due[2] < due[3]);
	/* As documented: Again 1 day, Hard 2, Good 3, Easy 8. */
	CHECK_INT(due[0] - t, 1 * DAY_SECONDS);
	CHECK_INT(due[1] - t, 2 * DAY_SECONDS);
	CHECK_INT(due[2] - t, 3 * DAY_SECONDS);
	CHECK_INT(due[3] - t, 8 * DAY_SECONDS);
	CHECK_INT(db_int(db, 0, "SELECT reps FROM story_state WHERE story_id = 's1'", ""), 1);
	CHECK_INT(db_int(db, 0, "SELECT state FROM story_state WHERE story_id = 's4'", ""),
	          FSRS_REVIEW);

	/* A score corrected after saving gives the schedule a correct score
	 * would have given: s5 saved weak, then re-scored 4 everywhere. */
	add_story(db, "s5", "user", "ownership", 5);
	int64_t rid = rehearse(db, "s5", t, 1);
	CHECK_INT(due_of(db, "s5"), due[0]);
	const char *cats[] = { "clarity", "ownership", "conflict", "impact" };
	for (int i = 0; i < 4; i++)
		CHECK_INT(rehearsal_set_score(db, rid, cats[i], 4, "", NULL), 0);
	CHECK_INT(due_of(db, "s5"), due[3]);
	CHECK_INT(db_int(db, 0, "SELECT reps FROM story_state WHERE story_id = 's5'", ""), 1);
	CHECK_INT(storysched_record(db, rid), FSRS_EASY);

	/* Sessions that do not count: unscored, abandoned, drills. */
	add_story(db, "s6", "user", "ownership", 6);
	rehearse(db, "s6", t, 0);
	CHECK_INT(due_of(db, "s6"), -1);
	rid = rehearse_opt(db, "s6", t + 10, 2, "story", 0);
	CHECK_INT(due_of(db, "s6"), -1);
	CHECK_INT(storysched_record(db, rid), 0);
	rehearse_opt(db, "s6", t + 20, 2, "drill", 1);
	CHECK_INT(due_of(db, "s6"), -1);
	/* Scoring the unscored session later schedules the story. */
	int64_t first = db_int(db, 0, "SELECT min(id) FROM rehearsal WHERE story_id = 's6'", "");
	CHECK_INT(rehearsal_set_score(db, first, "clarity", 3, "", NULL), 0);
	CHECK_INT(due_of(db, "s6"), due[2]);
	db_close(db);
}

/* Over two months, rehearsing each story whenever it is due: a story
 * always scored 2 comes back more often, at shorter intervals, than one
 * always scored 4. */
static void
test_weak_more_often(void)
{
	struct db *db = fresh_db();
	add_story(db, "weak", "user", "ownership", 1);
	add_story(db, "strong", "user", "impact", 2);
	int n_weak = 0, n_strong = 0;
	for (int64_t d = D0; d < D0 + 60; d++) {
		struct storysched_day day;
		storysched_due(db, at_day(d), &day);
		CHECK(no_repeats(&day));
		if (listed(&day, "weak")) {
			rehearse(db, "weak", at_day(d), 2);
			n_weak++;
		}
		if (listed(&day, "strong")) {
			rehearse(db, "strong", at_day(d), 4);
			n_strong++;
		}
		storysched_day_free(&day);
		/* Rehearsed today: not listed again the same day. */
		storysched_due(db, at_day(d) + 3600, &day);
		CHECK(!listed(&day, "weak") && !listed(&day, "strong"));
		storysched_day_free(&day);
	}
	CHECK(n_weak > n_strong);
	CHECK(n_strong >= 2);
	struct fsrs_card w, s;
	CHECK_INT(storysched_get(db, "weak", &w), 0);
	CHECK_INT(storysched_get(db, "strong", &s), 0);
	CHECK(w.scheduled_days < s.scheduled_days);
	CHECK(w.stability < s.stability);
	db_close(db);
}

/* Today's list: new stories, the cap, the bundled fallback, no repeats,
 * the day's total kept after rehearsing. */
static void
test_today(void)
{
	struct db *db = fresh_db();
	add_story(db, "b1", "bundled", "ownership", 1);
	add_story(db, "b2", "bundled", "impact", 2);
	struct storysched_day d;
	storysched_due(db, at_day(D0), &d);
	CHECK_INT(d.n, 2);                      /* no stories of the user's: examples */
	CHECK_INT(listed(&d, "b1"), STORYSCHED_NEW + 1);
	CHECK_INT(d.has_target, 0);
	storysched_day_free(&d);

	for (int i = 1; i <= 5; i++) {
		char id[8];
		snprintf(id, sizeof id, "u%d", i);
		add_story(db, id, "user", "ownership", 100 + i);
	}
	storysched_due(db, at_day(D0), &d);
	CHECK_INT(d.n, STORYSCHED_PER_DAY);     /* five new, three a day */
	CHECK_STR(d.items[0].id, "u1");
	CHECK(!listed(&d, "b1"));               /* the user's stories replace them */
	CHECK(no_repeats(&d));
	storysched_day_free(&d);

	/* Rehearse two: the day's total stays three, so one is left. */
	rehearse(db, "u1", at_day(D0), 3);
	rehearse(db, "u2", at_day(D0) + 60, 1);
	storysched_due(db, at_day(D0) + 120, &d);
	CHECK_INT(d.done, 2);
	CHECK_INT(d.n, 1);
	CHECK_STR(d.items[0].id, "u3");
	CHECK(d.next_id != NULL && strcmp(d.next_id, "u2") == 0);  /* the weak one */
	storysched_day_free(&d);
	char *s = storysched_suggest(db, at_day(D0) + 120);
	CHECK_STR(s, "u3");
	free(s);
	/* Rehearsed without a self-score: still unscheduled, but not asked
	 * for again today, and it counts toward the day. */
	rehearse(db, "u3", at_day(D0) + 180, 0);
	storysched_due(db, at_day(D0) + 240, &d);
	CHECK_INT(d.done, 3);
	CHECK_INT(d.n, 0);
	CHECK_INT(due_of(db, "u3"), -1);
	storysched_day_free(&d);

	/* Next day: the weak u2 (Again, one day) is due as scheduled, first;
	 * then new ones up to three. u1 (Good) is not due yet. */
	storysched_due(db, at_day(D0 + 1), &d);
	CHECK_INT(d.n, 3);
	CHECK_STR(d.items[0].id, "u2");
	CHECK_INT(d.items[0].why, STORYSCHED_SCHEDULED);
	CHECK(!listed(&d, "u1"));
	CHECK(no_repeats(&d));
	storysched_day_free(&d);
	/* Before the rollover hour it is still the previous study day. */
	storysched_due(db, day_number_start(D0 + 1, ROLL) - 1800, &d);
	CHECK_INT(d.today, D0);
	CHECK(!listed(&d, "u1") && !listed(&d, "u2"));
	storysched_day_free(&d);
	db_close(db);

	/* An unscored rehearsal with room left in the day: the story stays
	 * unscheduled and is not listed again today. */
	db = fresh_db();
	add_story(db, "n1", "user", "impact", 1);
	add_story(db, "n2", "user", "impact", 2);
	rehearse(db, "n1", at_day(D0), 0);
	storysched_due(db, at_day(D0) + 60, &d);
	CHECK_INT(d.done, 1);
	CHECK_INT(d.n, 1);
	CHECK(listed(&d, "n2") && !listed(&d, "n1"));
	storysched_day_free(&d);
	storysched_due(db, at_day(D0 + 1), &d);
	CHECK_INT(listed(&d, "n1"), STORYSCHED_NEW + 1);
	CHECK(d.items[0].last_rehearsed > 0);
	storysched_day_free(&d);
	db_close(db);
}

static void
add_row(struct db *db, const char *map, const char *name, const char *cat,
        const char *keywords, const char *stories)
{
	db_exec(db, "INSERT INTO gap_row(map_id, name, category, keywords, stories) "
	        "VALUES (?, ?, ?, ?, ?)", "ttttt", map, name, cat, keywords, stories);
}

static size_t
mapped(struct db *db, const char *map, char *out, size_t n, int *all)
{
	char **ids;
	size_t k;
	storysched_mapped(db, map, &ids, &k, all);
	out[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		strncat(out, ids[i], n - strlen(out) - 1);
		strncat(out, " ", n - strlen(out) - 1);
	}
	storysched_ids_free(ids, k);
	return k;
}

static void
test_mapping(void)
{
	struct db *db = fresh_db();
	add_story(db, "own", "user", "ownership impact", 1);
	add_story(db, "fight", "user", "conflict", 2);
	add_story(db, "fog", "user", "ambiguity", 3);
	add_story(db, "sway", "user", "influence", 4);
	add_story(db, "nocomp", "user", "", 5);
	db_exec(db, "UPDATE story SET copied_from = 'story-rag' WHERE id = 'nocomp'", "");
	db_exec(db, "INSERT INTO gapmap(id, title, origin) VALUES ('m', 'M', 'user'), "
	        "('tech', 'T', 'user'), ('named', 'N', 'user')", "");
	/* A row's name, its keywords, a competency id inside a longer name,
	 * and the row's name inside a competency's name all count. */
	add_row(db, "m", "Conflict resolution", "behavioral", "", "");
	add_row(db, "m", "Navigating ambiguity", "behavioral", "", "");
	add_row(db, "m", "Stakeholders", "behavioral", "influence without authority\nalignment", "");
	add_row(db, "m", "Ownership", "technical", "", "");     /* not behavioral */
	char buf[256];
	int all = -1;
	CHECK_INT(mapped(db, "m", buf, sizeof buf, &all), 3);
	CHECK_STR(buf, "fight fog sway ");
	CHECK_INT(all, 0);
	/* A deleted row no longer counts. */
	db_exec(db, "UPDATE gap_row SET deleted = 1 WHERE name = 'Navigating ambiguity'", "");
	CHECK_INT(mapped(db, "m", buf, sizeof buf, &all), 2);
	/* The row's name inside a competency's name. */
	add_row(db, "named", "Cross-functional", "behavioral", "", "");
	/* Stories a row lists, and copies of them. */
	add_row(db, "named", "Stories tied to the posting", "behavioral", "", " story-rag own ");
	CHECK_INT(mapped(db, "named", buf, sizeof buf, &all), 3);
	CHECK_STR(buf, "own sway nocomp ");
	/* No behavioral row, no map, an unknown map: every story. */
	add_row(db, "tech", "Kubernetes", "technical", "", "");
	CHECK_INT(mapped(db, "tech", buf, sizeof buf, &all), 5);
	CHECK_INT(all, 1);
	CHECK_INT(mapped(db, NULL, buf, sizeof buf, &all), 5);
	CHECK_INT(mapped(db, "nope", buf, sizeof buf, &all), 5);
	/* Rows that name nothing the user has a story for: every story. */
	add_row(db, "tech", "Customer focus", "behavioral", "", "");
	CHECK_INT(mapped(db, "tech", buf, sizeof buf, &all), 5);
	CHECK_INT(all, 1);
	db_close(db);
}

/* The interview week. Eight stories of the user's; the map asks for
 * conflict and ownership, which six cover; two of the six were rehearsed
 * two days before the week began, one inside it. Followed day by day
 * from a target set five days out: every mapped story not rehearsed
 * since the week began is rehearsed before the day, never more than the
 * day's quota, no story twice a day, unmapped stories never listed for
 * the interview. */
static void
test_interview_week(void)
{
	struct db *db = fresh_db();
	const char *ids[] = { "a", "b", "c", "d", "e", "f", "x", "y" };
	const char *comps[] = { "conflict", "ownership", "conflict impact", "ownership",
	                        "conflict", "ownership learning", "learning", "impact" };
	for (int i = 0; i < 8; i++)
		add_story(db, ids[i], "user", comps[i], i + 1);
	db_exec(db, "INSERT INTO gapmap(id, title, origin) VALUES ('m', 'M', 'user')", "");
	add_row(db, "m", "Conflict resolution", "behavioral", "", "");
	add_row(db, "m", "Ownership", "behavioral", "ownership\naccountability", "");
	int64_t day = D0 + 10;                   /* the interview */
	/* Strong scores so the spaced schedule does not bring them back
	 * inside the window on its own. */
	for (int i = 0; i < 8; i++)
		rehearse(db, ids[i], at_day(D0 - 30), 4);
	rehearse(db, "a", at_day(day - 9), 4);   /* before the week: pending */
	rehearse(db, "b", at_day(day - 9), 4);
	rehearse(db, "c", at_day(day - 6), 1);   /* inside the week: done (weak, so
	                                            due again soon, as scheduled) */
	char *cause = NULL;
	CHECK(target_add(db, day, "Acme", "ML engineer", "m", &cause) > 0);
	free(cause);

	/* Eight days out: not the interview week yet. */
	struct storysched_day d;
	storysched_due(db, at_day(day - 8), &d);
	CHECK_INT(d.has_target, 1);
	CHECK_INT(d.in_week, 0);
	for (size_t i = 0; i < d.n; i++)
		CHECK(d.items[i].why != STORYSCHED_INTERVIEW);
	storysched_day_free(&d);

	/* From five days out, do what the list says each day. */
	int seen[8] = { 0 }, seen_iw[8] = { 0 };
	for (int64_t k = day - 5; k < day; k++) {
		storysched_due(db, at_day(k), &d);
		CHECK_INT(d.in_week, 1);
		CHECK_INT(d.mapped, 6);
		CHECK(no_repeats(&d));
		int iw = 0;
		for (size_t i = 0; i < d.n; i++) {
			if (d.items[i].why != STORYSCHED_INTERVIEW)
				continue;
			iw++;
			CHECK(strcmp(d.items[i].id, "x") != 0 && strcmp(d.items[i].id, "y") != 0);
			CHECK(strcmp(d.items[i].id, "c") != 0);
			for (int x = 0; x < 8; x++)
				seen_iw[x] += strcmp(ids[x], d.items[i].id) == 0;
		}
		for (size_t i = 0; i < d.n; i++)
			for (int x = 0; x < 8; x++)
				seen[x] += strcmp(ids[x], d.items[i].id) == 0;
		/* The quota spreads the pending stories over the days left. */
		int64_t left = day - k;
		CHECK_INT(d.quota, (d.pending + left - 1) / left);
		CHECK(iw <= d.quota);
		if (k == day - 5)
			CHECK_INT(d.pending, 5);     /* a, b, d, e, f */
		/* Rehearse the first one, then the rest of the list an hour later:
		 * the list must not grow in between. */
		size_t before = d.n;
		char **todo = xcalloc(d.n + 1, sizeof *todo);
		for (size_t i = 0; i < d.n; i++)
			todo[i] = xstrdup(d.items[i].id);
		storysched_day_free(&d);
		for (size_t i = 0; i < before; i++) {
			rehearse(db, todo[i], at_day(k) + (int64_t)i * 600, 4);
			storysched_due(db, at_day(k) + (int64_t)i * 600 + 300, &d);
			CHECK_INT(d.n, before - i - 1);
			for (size_t j = 0; j <= i; j++)
				CHECK(!listed(&d, todo[j]));
			storysched_day_free(&d);
		}
		for (size_t i = 0; i < before; i++)
			free(todo[i]);
		free(todo);
	}
	/* Every mapped story has been rehearsed since the week began. */
	CHECK(db_int(db, 0, "SELECT count(*) FROM rehearsal WHERE story_id = 'c'", "") > 2);
	int64_t ws = day_number_start(day - STORYSCHED_WEEK, ROLL);
	for (int i = 0; i < 6; i++) {
		int64_t n = db_int(db, 0, "SELECT count(*) FROM rehearsal WHERE story_id = ? "
		                   "AND started_at >= ? AND started_at < ? AND completed = 1",
		                   "tii", ids[i], ws, day_number_start(day, ROLL));
		char msg[64];
		snprintf(msg, sizeof msg, "story %s rehearsed in the week", ids[i]);
		check_report(n >= 1, __FILE__, __LINE__, msg, NULL);
	}
	/* Each pending story was asked for once (for the interview, or
	 * earlier in the week when its spaced schedule fell due); c, x and y
	 * never for the interview. */
	CHECK(seen[0] == 1 && seen[1] == 1 && seen[3] == 1 && seen[4] == 1 && seen[5] == 1);
	CHECK(seen_iw[0] + seen_iw[1] + seen_iw[3] + seen_iw[4] + seen_iw[5] >= 3);
	CHECK(seen_iw[2] == 0 && seen_iw[6] == 0 && seen_iw[7] == 0);
	/* On the interview day nothing is left for the interview. */
	storysched_due(db, at_day(day), &d);
	CHECK_INT(d.pending, 0);
	for (size_t i = 0; i < d.n; i++)
		CHECK(d.items[i].why != STORYSCHED_INTERVIEW);
	storysched_day_free(&d);
	db_close(db);
}

/* Set two days before the interview with five pending stories: three
 * the first day, two the next, all before the day. On the day itself
 * everything left is due at once. */
static void
test_interview_late(void)
{
	struct db *db = fresh_db();
	const char *ids[] = { "p1", "p2", "p3", "p4", "p5" };
	for (int i = 0; i < 5; i++)
		add_story(db, ids[i], "user", "conflict", i + 1);
	int64_t day = D0 + 2;
	/* p1 was rehearsed long ago and is overdue: the never-rehearsed
	 * ones go first. */
	rehearse(db, "p1", at_day(D0 - 30), 4);
	CHECK(target_add(db, day, "", "", NULL, NULL) > 0);   /* no map: all stories */
	struct storysched_day d;
	storysched_due(db, at_day(D0), &d);
	CHECK_INT(d.all_competencies, 1);
	CHECK_INT(d.quota, 3);
	CHECK_INT(d.n, 3);
	CHECK_INT(d.total, 3);
	CHECK(!listed(&d, "p1"));
	for (size_t i = 0; i < d.n; i++) {
		CHECK_INT(d.items[i].why, STORYSCHED_INTERVIEW);
		rehearse(db, d.items[i].id, at_day(D0) + (int64_t)i * 60, 4);
	}
	storysched_day_free(&d);
	storysched_due(db, at_day(D0 + 1), &d);
	CHECK_INT(d.quota, 2);
	CHECK_INT(d.n, 2);
	storysched_day_free(&d);
	/* Skipped: on the day, both are due. */
	storysched_due(db, at_day(day), &d);
	CHECK_INT(d.pending, 2);
	CHECK_INT(d.quota, 2);
	CHECK_INT(d.n, 2);
	storysched_day_free(&d);
	/* A quota larger than the daily cap is not cut by it. */
	for (int i = 0; i < 5; i++) {
		char id[8];
		snprintf(id, sizeof id, "q%d", i);
		add_story(db, id, "user", "conflict", 10 + i);
	}
	storysched_due(db, at_day(day), &d);
	CHECK_INT(d.quota, 7);
	CHECK_INT(d.total, 7);
	CHECK_INT(d.n, 7);
	CHECK(no_repeats(&d));
	storysched_day_free(&d);
	db_close(db);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	if (mkdtemp(dir) == NULL)
		return 99;
	test_rating();
	test_weak_sooner();
	test_weak_more_often();
	test_today();
	test_mapping();
	test_interview_week();
	test_interview_late();
	char *cmd = xprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	return check_done();
}
