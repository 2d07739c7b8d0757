/* Unit tests of the interview-deadline rule on constructed collections
 * (500 cards, an interview 10 days out), the workload spread, the
 * database plan with undo on target removal, load balancing and the plan
 * proposal arithmetic. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "deadline.h"
#include "review.h"
#include "util.h"

#define N 500
#define DAYS 10

static uint64_t seed = 0x2545F4914F6CDD1Dull;
static double
rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (double)(seed % 1000000) / 1e6;
}

static int64_t base, starts[DAYS + 1];

/* 500 review cards with stability from half a day to 200 days, last
 * reviewed up to 40 days ago, due anywhere from 20 days ago to 60 days
 * ahead (as fuzz, old settings and load balancing leave them). */
static void
make_cards(struct dl_card *c, int with_priority)
{
	for (int i = 0; i < N; i++) {
		memset(&c[i], 0, sizeof c[i]);
		c[i].fc.state = FSRS_REVIEW;
		c[i].fc.stability = 0.5 + 200 * rnd() * rnd();
		c[i].fc.difficulty = 1 + 9 * rnd();
		c[i].fc.last_review = base - (int64_t)(rnd() * 40 * DAY_SECONDS);
		c[i].fc.due = base + (int64_t)((rnd() * 80 - 20) * DAY_SECONDS);
		c[i].fc.reps = 3;
		c[i].priority = with_priority && i % 7 == 0;
	}
}

static int
check_rule(const struct fsrs_params *p, struct dl_card *c, int64_t dstart)
{
	int bad = 0;
	for (int i = 0; i < N; i++) {
		int needs = c[i].r_day < p->retention && c[i].fc.due >= dstart;
		if (needs && !(c[i].new_due >= starts[0] && c[i].new_due < dstart))
			bad++;
		if (!needs && c[i].new_due != 0)
			bad++;
	}
	return bad;
}

/* The report's sentence, as the command line and the interview screen
 * show it. */
static void
test_effect(void)
{
	struct settings set;
	settings_load(NULL, &set);
	set.retention = 0.9;
	set.reviews_per_day = 200;
	struct deadline_report r = { .day = days_from_civil(2026, 3, 12), .days = 9,
	                             .below = 142, .added = 38 };
	char buf[320];
	deadline_effect(&r, &set, 1, buf, sizeof buf);
	CHECK_STR(buf, "142 cards would be below 90% on 2026-03-12; 38 reviews added over "
	          "the next 9 days.");
	r = (struct deadline_report){ .day = r.day, .days = 1, .below = 1, .added = 1,
	                              .over_budget_days = 1 };
	deadline_effect(&r, &set, 0, buf, sizeof buf);
	CHECK_STR(buf, "1 card would be below 90% on 2026-03-12; 1 review to add over the "
	          "next 1 day (1 day over the daily budget of 200: no spread fits).");
	r.days = 0;
	deadline_effect(&r, &set, 1, buf, sizeof buf);
	CHECK_STR(buf, "The interview is today: no time left to add reviews.");
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	base = days_from_civil(2026, 3, 2) * DAY_SECONDS;
	for (int i = 0; i <= DAYS; i++)
		starts[i] = base + i * DAY_SECONDS;
	int64_t dstart = starts[DAYS];
	struct fsrs_params p;
	fsrs_default_params(&p, 0);

	struct dl_card *c = xcalloc(N, sizeof *c);
	int load[DAYS];
	struct deadline_report rep;

	/* 1. A spread exists: every card below target gets a review before
	 * the day, no day goes over the budget. */
	make_cards(c, 1);
	int total = 0;
	for (int i = 0; i < DAYS; i++) {
		load[i] = (int)(rnd() * 30);
		total += load[i];
	}
	memset(&rep, 0, sizeof rep);
	deadline_schedule(&p, c, N, dstart, starts, DAYS, load, 60, &rep);
	CHECK(rep.below > 50);
	CHECK_INT(rep.added, rep.below);
	CHECK_INT(check_rule(&p, c, dstart), 0);
	CHECK(total + rep.added <= 60 * DAYS);   /* so a spread exists */
	CHECK_INT(rep.over_budget_days, 0);
	int maxload = 0, sum = 0;
	for (int i = 0; i < DAYS; i++) {
		if (load[i] > maxload)
			maxload = load[i];
		sum += load[i];
	}
	CHECK(maxload <= 60);
	CHECK_INT(sum, total + rep.added);
	/* Latest days fill first: reviewing close to the day keeps recall
	 * highest on it. */
	CHECK_INT(load[DAYS - 1], 60);
	/* Cards of weak gap-map skills get the latest (best) days. */
	double pri = 0, oth = 0;
	int npri = 0, noth = 0;
	for (int i = 0; i < N; i++) {
		if (!c[i].new_due)
			continue;
		if (c[i].priority) {
			pri += (double)c[i].new_due;
			npri++;
		} else {
			oth += (double)c[i].new_due;
			noth++;
		}
	}
	CHECK(npri > 0 && noth > 0 && pri / npri > oth / noth);
	/* A card reviewed (Good) on the last day before the interview is
	 * above the target on the day. */
	int low = 0;
	for (int i = 0; i < N; i++) {
		if (c[i].new_due != starts[DAYS - 1])
			continue;
		struct fsrs_card out;
		fsrs_review(&p, &c[i].fc, c[i].new_due + 3600, FSRS_GOOD, 0, &out);
		if (fsrs_retrievability(&p, &out, dstart) < p.retention)
			low++;
	}
	CHECK_INT(low, 0);

	/* 2. No spread exists (budget too small): the rule still holds, the
	 * least loaded days take the rest, and the report says so. */
	make_cards(c, 0);
	for (int i = 0; i < DAYS; i++)
		load[i] = 5;
	memset(&rep, 0, sizeof rep);
	deadline_schedule(&p, c, N, dstart, starts, DAYS, load, 8, &rep);
	CHECK_INT(check_rule(&p, c, dstart), 0);
	CHECK(rep.over_budget_days > 0);
	int mn = load[0], mx = load[0];
	for (int i = 1; i < DAYS; i++) {
		if (load[i] < mn)
			mn = load[i];
		if (load[i] > mx)
			mx = load[i];
	}
	CHECK(mx - mn <= 1);   /* spread evenly once every day is full */

	/* 3. No budget: everything on the last day. */
	make_cards(c, 0);
	memset(load, 0, sizeof load);
	memset(&rep, 0, sizeof rep);
	deadline_schedule(&p, c, N, dstart, starts, DAYS, load, 0, &rep);
	CHECK_INT(load[DAYS - 1], rep.added);
	CHECK_INT(check_rule(&p, c, dstart), 0);

	/* 4. No time left (the interview is today): nothing is added. */
	make_cards(c, 0);
	memset(&rep, 0, sizeof rep);
	deadline_schedule(&p, c, N, dstart, starts, 0, load, 60, &rep);
	CHECK(rep.below > 0);
	CHECK_INT(rep.added, 0);

	/* 5. The database plan: apply, then removing the target restores. */
	char dir[] = "/tmp/prepdeck-deadline-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 99;
	char *path = xprintf("%s/d.db", dir);
	struct db *db = db_open(path, DB_OPEN_CREATE, NULL, NULL);
	db_exec(db, "INSERT INTO doc(id, kind, title, src) VALUES ('d', 'deck', 'D', 'x')", "");
	make_cards(c, 0);
	for (int i = 0; i < N; i++) {
		char key[16];
		snprintf(key, sizeof key, "k%03d", i);
		db_exec(db, "INSERT INTO card(key, note_id, deck_id, kind, front, back, src) "
		        "VALUES (?, ?, 'd', 'basic', 'q', 'a', 'x')", "tt", key, key);
		db_exec(db, "INSERT INTO card_state(key, state, due, stability, difficulty, "
		        "last_review, reps) VALUES (?, 2, ?, ?, ?, ?, 3)", "tiddi", key,
		        c[i].fc.due, c[i].fc.stability, c[i].fc.difficulty, c[i].fc.last_review);
	}
	struct settings set;
	settings_load(db, &set);
	set.rollover_hour = 0;
	int64_t now = base + 9 * 3600;
	CHECK_INT(deadline_plan(db, &set, now, 0, &rep), -1);   /* no target yet */
	char *cause = NULL;
	int64_t tid = target_add(db, days_from_civil(2026, 3, 12), "Acme", "AI Engineer", NULL, &cause);
	CHECK(tid > 0);
	CHECK(target_add(db, days_from_civil(2026, 3, 20), "X", "Y", "no-such-map", &cause) < 0);
	CHECK(cause && strstr(cause, "no gap map") != NULL);
	free(cause);
	char *before = db_text(db, "SELECT group_concat(due) FROM card_state", "");
	CHECK_INT(deadline_plan(db, &set, now, 0, &rep), 0);
	CHECK_INT(rep.day, days_from_civil(2026, 3, 12));
	CHECK_INT(rep.days, 10);
	CHECK(rep.below > 0);
	char *after = db_text(db, "SELECT group_concat(due) FROM card_state", "");
	CHECK_STR(after, before);   /* a dry run changes nothing */
	free(after);
	CHECK_INT(deadline_plan(db, &set, now, 1, &rep), 0);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM deadline_move", ""), rep.added);
	int64_t d0 = days_from_civil(2026, 3, 12) * DAY_SECONDS;
	/* After applying, no card is below target on the day with its next
	 * review on or after the day. */
	struct deadline_report again;
	CHECK_INT(deadline_plan(db, &set, now, 0, &again), 0);
	CHECK_INT(again.below, 0);
	CHECK_INT(db_int(db, 0, "SELECT count(*) FROM deadline_move m JOIN card_state s ON "
	                 "s.key = m.card_key WHERE s.due >= ?", "i", d0), 0);
	CHECK_INT(target_remove(db, tid), 0);
	after = db_text(db, "SELECT group_concat(due) FROM card_state", "");
	CHECK_STR(after, before);
	free(after);
	free(before);

	/* 6. Load balancing moves a due day to the least loaded nearby day. */
	struct fsrs_card fc = { .state = FSRS_REVIEW, .due = base + 20 * DAY_SECONDS,
	                        .scheduled_days = 20, .stability = 20, .difficulty = 5,
	                        .last_review = base };
	db_exec(db, "UPDATE card_state SET due = ? WHERE key < 'k100'", "i", base + 20 * DAY_SECONDS);
	db_exec(db, "UPDATE card_state SET due = ? WHERE key >= 'k100' AND key < 'k150'", "i",
	        base + 21 * DAY_SECONDS);
	db_exec(db, "UPDATE card_state SET due = ? WHERE key >= 'k150'", "i", base + 60 * DAY_SECONDS);
	CHECK_INT(deadline_balance(db, &set, base, &fc), 1);
	CHECK_INT(fc.scheduled_days, 19);
	set.load_balance = 0;
	fc.due = base + 20 * DAY_SECONDS;
	fc.scheduled_days = 20;
	CHECK_INT(deadline_balance(db, &set, base, &fc), 0);
	db_close(db);

	/* 7. The plan proposal: under three weeks the 2-week plan, ending the
	 * day before; never starting before `first`. */
	const char *plan;
	int64_t start;
	char why[512];
	int64_t today = days_from_civil(2026, 3, 2);
	CHECK_INT(deadline_propose_plan(today, today, today + 20, &plan, &start, why,
	                                sizeof why), 20);
	CHECK_STR(plan, "two-week");
	CHECK_INT(start, today + 6);
	CHECK(strstr(why, "2026-03-22") != NULL && strstr(why, "2026-03-08") != NULL);
	CHECK(strstr(why, "in 6 days") != NULL);
	deadline_propose_plan(today, today, today + 21, &plan, &start, why, sizeof why);
	CHECK_STR(plan, "six-week");
	CHECK_INT(start, today);
	CHECK(strstr(why, "never starts in the past") != NULL);
	CHECK(strstr(why, "only days 1-21 come before the interview; days 22-42") != NULL);
	deadline_propose_plan(today, today, today + 14, &plan, &start, why, sizeof why);
	CHECK_INT(start, today);
	CHECK(strstr(why, "today (2026-03-02)") != NULL);
	/* Four days out: today, with days 5-14 after the interview. */
	deadline_propose_plan(today, today, today + 4, &plan, &start, why, sizeof why);
	CHECK_INT(start, today);
	CHECK(strstr(why, "only days 1-4 come before the interview; days 5-14") != NULL);
	/* In the small hours the earliest start is the next study day. */
	deadline_propose_plan(today, today + 1, today + 4, &plan, &start, why, sizeof why);
	CHECK_INT(start, today + 1);
	CHECK(strstr(why, "starts on 2026-03-03") != NULL);
	/* The interview is today: the plan comes wholly after it. */
	deadline_propose_plan(today, today, today, &plan, &start, why, sizeof why);
	CHECK_INT(start, today);
	CHECK(strstr(why, "all of it comes after the interview") != NULL);

	test_effect();

	char *rm = xprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(rm);
	free(path);
	free(c);
	return check_done();
}
