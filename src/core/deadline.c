#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "util.h"

int64_t
target_add(struct db *db, int64_t day, const char *company, const char *role, const char *map_id,
           char **cause)
{
	if ((company && text_check("the company", company, TARGET_TEXT_MAX, 0, cause) != 0) ||
	    (role && text_check("the role", role, TARGET_TEXT_MAX, 0, cause) != 0))
		return -1;
	if (map_id && *map_id &&
	    db_int(db, 0, "SELECT count(*) FROM gapmap WHERE id = ? AND retired = 0", "t",
	           map_id) == 0) {
		fail(cause, "no gap map '%s' (see 'prepdeck gapmap list')", map_id);
		return -1;
	}
	char date[16];
	fmt_date(day, date, sizeof date);
	db_exec(db,
	        "INSERT INTO target(company, role, day, map_id, created_at) "
	        "VALUES (?, ?, ?, ?, ?)",
	        "tttti", company ? company : "", role ? role : "", date,
	        map_id && *map_id ? map_id : NULL, now_unix());
	return db_last_rowid(db);
}

int
target_remove(struct db *db, int64_t id)
{
	db_begin(db);
	/* Reviews moved for this interview go back to their own schedule,
	 * unless the card was reviewed since. */
	db_exec(db,
	        "UPDATE card_state SET due = (SELECT m.old_due FROM deadline_move m WHERE "
	        "m.card_key = card_state.key AND m.target_id = ?1 ORDER BY m.at DESC LIMIT 1) "
	        "WHERE key IN (SELECT m.card_key FROM deadline_move m WHERE m.target_id = ?1 "
	        "AND m.new_due = card_state.due)",
	        "i", id);
	db_exec(db, "DELETE FROM deadline_move WHERE target_id = ?", "i", id);
	int n = db_exec(db, "DELETE FROM target WHERE id = ?", "i", id);
	db_commit(db);
	return n == 1 ? 0 : -1;
}

static void
target_row(struct db_stmt *st, struct target *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int(st, 0);
	if (parse_date(db_col_text(st, 1), &t->day) != 0)
		t->day = 0;
	utf8_copy(t->company, sizeof t->company, db_col_text(st, 2));
	utf8_copy(t->role, sizeof t->role, db_col_text(st, 3));
	utf8_copy(t->map_id, sizeof t->map_id, db_col_text(st, 4));
}

struct target *
target_list(struct db *db, int64_t today, size_t *n)
{
	char date[16];
	fmt_date(today, date, sizeof date);
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT id, day, company, role, ifnull(map_id, '') FROM target WHERE day >= ? "
	        "ORDER BY day, id",
	        "t", date);
	size_t cap = 4;
	struct target *v = xmalloc(cap * sizeof *v);
	*n = 0;
	while (db_step(st)) {
		if (*n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof *v);
		}
		target_row(st, &v[(*n)++]);
	}
	db_finalize(st);
	return v;
}

int
target_next(struct db *db, int64_t today, struct target *t)
{
	size_t n;
	struct target *v = target_list(db, today, &n);
	int rc = -1;
	if (n > 0) {
		*t = v[0];
		rc = 0;
	}
	free(v);
	return rc;
}

static int
cmp_candidates(const void *a, const void *b)
{
	const struct dl_card *x = *(struct dl_card *const *)a, *y = *(struct dl_card *const *)b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	if (x->r_day != y->r_day)
		return x->r_day < y->r_day ? -1 : 1;
	return 0;
}

void
deadline_schedule(const struct fsrs_params *p, struct dl_card *cards, size_t n, int64_t day_start_t,
                  const int64_t *day_starts, int days, int *load, int budget,
                  struct deadline_report *rep)
{
	struct dl_card **cand = xmalloc((n ? n : 1) * sizeof *cand);
	size_t nc = 0;
	rep->days = days;
	for (size_t i = 0; i < n; i++) {
		struct dl_card *c = &cards[i];
		c->new_due = 0;
		c->r_day = fsrs_retrievability(p, &c->fc, day_start_t);
		if (c->fc.state != FSRS_REVIEW)
			continue;
		rep->cards++;
		if (c->r_day < p->retention && c->fc.due >= day_start_t) {
			rep->below++;
			cand[nc++] = c;
		}
	}
	if (days > 0) {
		qsort(cand, nc, sizeof *cand, cmp_candidates);
		for (size_t k = 0; k < nc; k++) {
			int pick = -1;
			for (int i = days - 1; i >= 0 && pick < 0; i--)
				if (budget <= 0 || load[i] < budget)
					pick = i;
			if (pick < 0) {
				/* Every day is full: the least loaded, latest on ties. */
				pick = days - 1;
				for (int i = days - 1; i >= 0; i--)
					if (load[i] < load[pick])
						pick = i;
			}
			load[pick]++;
			cand[k]->new_due = day_starts[pick];
			rep->added++;
		}
	}
	rep->over_budget_days = 0;
	for (int i = 0; i < days; i++) {
		if (budget > 0 && load[i] > budget)
			rep->over_budget_days++;
		if (i < 64)
			rep->load[i] = load[i];
	}
	free(cand);
}

/* " deck1 deck2 " of the decks linked to the weakest skills (no evidence
 * or confidence 2 or less) of a gap map. Caller frees. */
static char *
weak_decks(struct db *db, const char *map_id)
{
	struct sbuf b = { 0 };
	sbuf_add(&b, " ");
	if (map_id && *map_id) {
		struct db_stmt *st = db_prepare(
		        db,
		        "SELECT decks FROM gap_row WHERE map_id = ? AND deleted = 0 AND retired = 0 "
		        "AND (confidence IS NULL OR confidence <= 2 OR trim(evidence) = '')",
		        "t", map_id);
		while (db_step(st)) {
			sbuf_add(&b, db_col_text(st, 0));
			sbuf_add(&b, " ");
		}
		db_finalize(st);
	}
	return sbuf_take(&b);
}

/* Reviews already due on study day [from, to) (state > 0, not suspended). */
static int
load_between(struct db *db, int64_t from, int64_t to)
{
	return (int)db_int(db, 0,
	                   "SELECT count(*) FROM card_state WHERE state > 0 AND suspended = 0 "
	                   "AND due >= ? AND due < ?",
	                   "ii", from, to);
}

static int
budget_of(const struct settings *set)
{
	return set->load_balance ? set->reviews_per_day : 0;
}

int
deadline_plan(struct db *db, const struct settings *set, int64_t now, int apply,
              struct deadline_report *rep)
{
	memset(rep, 0, sizeof *rep);
	int64_t today = day_number(now, set->rollover_hour);
	struct target t;
	if (target_next(db, today, &t) != 0)
		return -1;
	rep->day = t.day;
	int days = (int)(t.day - today);
	if (days < 0)
		days = 0;
	int64_t *starts = xmalloc((size_t)(days + 1) * sizeof *starts);
	int *load = xcalloc((size_t)days + 1, sizeof *load);
	for (int i = 0; i <= days; i++)
		starts[i] = day_number_start(today + i, set->rollover_hour);
	for (int i = 0; i < days; i++)
		load[i] = load_between(db, i == 0 ? INT64_MIN / 2 : starts[i], starts[i + 1]);
	int64_t dstart = starts[days];

	struct fsrs_params p;
	settings_fsrs_params(set, &p);
	char *weak = weak_decks(db, t.map_id);
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT s.key, s.state, s.due, s.stability, s.difficulty, s.last_review, s.reps, "
	        "s.lapses, s.step, s.scheduled_days, ?2 LIKE '% ' || c.deck_id || ' %' "
	        "FROM card_state s JOIN card c ON c.key = s.key WHERE s.state = 2 "
	        "AND s.suspended = 0 AND c.retired = 0 AND s.due >= ?1 ORDER BY s.key",
	        "it", dstart, weak);
	size_t n = 0, cap = 256;
	struct dl_card *cards = xmalloc(cap * sizeof *cards);
	char **keys = xmalloc(cap * sizeof *keys);
	while (db_step(st)) {
		if (n == cap) {
			cap *= 2;
			cards = xrealloc(cards, cap * sizeof *cards);
			keys = xrealloc(keys, cap * sizeof *keys);
		}
		memset(&cards[n], 0, sizeof cards[n]);
		keys[n] = xstrdup(db_col_text(st, 0));
		struct fsrs_card *fc = &cards[n].fc;
		fc->state = (int)db_col_int(st, 1);
		fc->due = db_col_int(st, 2);
		fc->stability = db_col_double(st, 3);
		fc->difficulty = db_col_double(st, 4);
		fc->last_review = db_col_int(st, 5);
		fc->reps = (int)db_col_int(st, 6);
		fc->lapses = (int)db_col_int(st, 7);
		fc->step = (int)db_col_int(st, 8);
		fc->scheduled_days = (int)db_col_int(st, 9);
		cards[n].priority = (int)db_col_int(st, 10);
		n++;
	}
	db_finalize(st);
	free(weak);
	/* Every review card counts toward "cards considered". */
	rep->cards = (int)db_int(db, 0,
	                         "SELECT count(*) FROM card_state s JOIN card c ON "
	                         "c.key = s.key WHERE s.state = 2 AND s.suspended = 0 AND "
	                         "c.retired = 0 AND s.due < ?",
	                         "i", dstart);
	int before = rep->cards;
	deadline_schedule(&p, cards, n, dstart, starts, days, load, budget_of(set), rep);
	rep->cards += before;
	if (apply && rep->added > 0) {
		db_begin(db);
		for (size_t i = 0; i < n; i++) {
			if (!cards[i].new_due)
				continue;
			db_exec(db,
			        "INSERT INTO deadline_move(card_key, target_id, old_due, new_due, at) "
			        "VALUES (?, ?, ?, ?, ?)",
			        "tiiii", keys[i], t.id, cards[i].fc.due, cards[i].new_due, now);
			db_exec(db, "UPDATE card_state SET due = ? WHERE key = ?", "it",
			        cards[i].new_due, keys[i]);
		}
		db_commit(db);
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(cards);
	free(starts);
	free(load);
	return 0;
}

void
deadline_effect(const struct deadline_report *r, const struct settings *set, int applied, char *buf,
                size_t n)
{
	if (r->days <= 0) {
		snprintf(buf, n, "The interview is today: no time left to add reviews.");
		return;
	}
	char d[16], over[96] = "";
	fmt_date(r->day, d, sizeof d);
	if (r->over_budget_days)
		snprintf(over, sizeof over,
		         " (%d day%s over the daily budget of %d: no spread "
		         "fits)",
		         r->over_budget_days, r->over_budget_days == 1 ? "" : "s",
		         set->reviews_per_day);
	snprintf(buf, n,
	         "%d card%s would be below %.0f%% on %s; %d review%s %s over the next "
	         "%d day%s%s.",
	         r->below, r->below == 1 ? "" : "s", set->retention * 100, d, r->added,
	         r->added == 1 ? "" : "s", applied ? "added" : "to add", r->days,
	         r->days == 1 ? "" : "s", over);
}

int
deadline_adjust(struct db *db, const struct settings *set, int64_t now, struct fsrs_card *c)
{
	if (c->state != FSRS_REVIEW)
		return 0;
	int64_t today = day_number(now, set->rollover_hour);
	struct target t;
	if (target_next(db, today, &t) != 0 || t.day - today < 2)
		return 0;
	int64_t dstart = day_number_start(t.day, set->rollover_hour);
	struct fsrs_params p;
	settings_fsrs_params(set, &p);
	if (c->due < dstart || fsrs_retrievability(&p, c, dstart) >= p.retention)
		return 0;
	/* The latest day before the interview (not today: the card was just
	 * answered) that is under the budget; else the day before. */
	int budget = budget_of(set);
	int64_t pick = t.day - 1;
	for (int64_t d = t.day - 1; d > today && budget > 0; d--) {
		int64_t s = day_number_start(d, set->rollover_hour);
		if (load_between(db, s, day_number_start(d + 1, set->rollover_hour)) < budget) {
			pick = d;
			break;
		}
	}
	int64_t due = day_number_start(pick, set->rollover_hour);
	c->scheduled_days = (int)(pick - today);
	c->due = due;
	return 1;
}

int
deadline_balance(struct db *db, const struct settings *set, int64_t now, struct fsrs_card *c)
{
	if (!set->load_balance || c->state != FSRS_REVIEW || c->scheduled_days < 3)
		return 0;
	int ivl = c->scheduled_days;
	int delta = ivl / 20 > 1 ? ivl / 20 : 1;
	int best = ivl, best_load = -1;
	for (int k = 0; k <= 2 * delta; k++) {
		/* ivl, ivl-1, ivl+1, ivl-2, ... so ties keep the closest */
		int d = ivl + (k % 2 ? -(k + 1) / 2 : k / 2);
		if (d < 1)
			continue;
		int64_t due = c->due + (int64_t)(d - ivl) * DAY_SECONDS;
		int l = load_between(db, day_start(due, set->rollover_hour),
		                     day_end(due, set->rollover_hour));
		if (best_load < 0 || l < best_load) {
			best_load = l;
			best = d;
		}
	}
	if (best == ivl)
		return 0;
	c->due += (int64_t)(best - ivl) * DAY_SECONDS;
	c->scheduled_days = best;
	(void)now;
	return 1;
}

int
deadline_propose_plan(int64_t today, int64_t first, int64_t day, const char **plan_id,
                      int64_t *start, char *why, size_t n)
{
	int left = (int)(day - today);
	int len = left < 21 ? 14 : 42;
	*plan_id = left < 21 ? "two-week" : "six-week";
	/* Ending the day before the interview, but never starting in the
	 * past: days before today would only show up as overdue. */
	*start = day - len;
	if (*start < first)
		*start = first;
	int64_t end = *start + len - 1;
	char d_day[16], d_end[16], d_start[16];
	fmt_date(day, d_day, sizeof d_day);
	fmt_date(end, d_end, sizeof d_end);
	fmt_date(*start, d_start, sizeof d_start);
	struct sbuf b = { 0 };
	sbuf_addf(&b,
	          "Interview on %s: %d day%s from today, %s three weeks, so the %s plan "
	          "(%d days). ",
	          d_day, left, left == 1 ? "" : "s", left < 21 ? "under" : "at least",
	          left < 21 ? "2-week" : "6-week", len);
	if (end < day) {
		int wait = (int)(*start - today);
		sbuf_addf(&b,
		          "To end on %s, the day before, it starts %d days before the "
		          "interview: %s%s%s",
		          d_end, len, wait == 0 ? "today (" : "on ", d_start, wait == 0 ? ")" : "");
		if (wait > 0)
			sbuf_addf(&b, ", in %d day%s", wait, wait == 1 ? "" : "s");
		sbuf_add(&b, ".");
	} else {
		/* Too little time for the whole plan: say what falls after. */
		int before = (int)(day - *start);
		if (*start == today)
			sbuf_addf(&b,
			          "A plan never starts in the past, so it starts today (%s) "
			          "and ends on %s: ",
			          d_start, d_end);
		else
			sbuf_addf(&b,
			          "A plan never starts in the past, so it starts on %s and "
			          "ends on %s: ",
			          d_start, d_end);
		if (before <= 0)
			sbuf_add(&b, "all of it comes after the interview.");
		else
			sbuf_addf(&b,
			          "only days 1-%d come before the interview; days %d-%d fall "
			          "on or after it, so do what matters most first.",
			          before, before + 1, len);
	}
	snprintf(why, n, "%s", b.s ? b.s : "");
	sbuf_free(&b);
	return left;
}
