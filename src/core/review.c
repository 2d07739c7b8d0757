#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "profile.h"
#include "review.h"
#include "util.h"

/* Filter clause shared by the queue queries; ?8 is the deck, ?9 the tag,
 * ?7 a list of decks separated by spaces. The example profile's figures
 * are set aside when the learner chose their own profile. */
#define SET_ASIDE " AND NOT " PROFILE_SET_ASIDE_SQL("c.deck_id") " "
/* clang-format off */
#define FILTER " AND (?8 IS NULL OR c.deck_id = ?8) " \
	"AND (?7 IS NULL OR instr(' ' || ?7 || ' ', ' ' || c.deck_id || ' ') > 0) " \
	"AND (?9 IS NULL OR c.tags LIKE '% ' || ?9 || ' %')" SET_ASIDE
/* clang-format on */
/* New cards the learner asked for at once (prepdeck card add --now):
 * state new with a due time; they come before the other new cards and
 * outside the daily limit. */
/* clang-format off */
#define ASKED_NOW "s.state = 0 AND s.due > 0 AND s.due <= ?1 AND s.suspended = 0 " \
	"AND s.buried_until <= ?1 AND c.retired = 0"
/* clang-format on */

/* clang-format off */
#define CARD_COLS "c.key, c.deck_id, ifnull(" PROFILE_TITLE_SQL("d") ", c.deck_id), " \
	"c.kind, c.front, " \
	"c.back, c.note, c.tags, c.src, c.line, c.cloze, c.retired, " \
	"ifnull(s.state, 0), ifnull(s.due, 0), ifnull(s.last_review, 0), " \
	"ifnull(s.stability, 0), ifnull(s.difficulty, 0), ifnull(s.reps, 0), " \
	"ifnull(s.lapses, 0), ifnull(s.step, 0), ifnull(s.scheduled_days, 0), " \
	"ifnull(s.suspended, 0), ifnull(s.flag, 0), ifnull(s.leech, 0), " \
	"ifnull(s.buried_until, 0), ifnull(d.profile, '') = '" PROFILE_EXAMPLE "'"
/* clang-format on */

int
review_card_load(struct db *db, const char *key, struct review_card *c)
{
	memset(c, 0, sizeof *c);
	struct db_stmt *st = db_prepare(db,
	                                "SELECT " CARD_COLS
	                                " FROM card c LEFT JOIN card_state s ON s.key = c.key "
	                                "LEFT JOIN doc d ON d.id = c.deck_id WHERE c.key = ?",
	                                "t", key);
	int rc = -1;
	if (db_step(st)) {
		snprintf(c->key, sizeof c->key, "%s", db_col_text(st, 0));
		c->deck_id = xstrdup(db_col_text(st, 1));
		c->deck_title = xstrdup(db_col_text(st, 2));
		c->kind = xstrdup(db_col_text(st, 3));
		c->front = xstrdup(db_col_text(st, 4));
		c->back = xstrdup(db_col_text(st, 5));
		c->note = xstrdup(db_col_text(st, 6));
		c->tags = xstrdup(db_col_text(st, 7));
		c->src = xstrdup(db_col_text(st, 8));
		c->line = (int)db_col_int(st, 9);
		c->cloze = (int)db_col_int(st, 10);
		c->retired = (int)db_col_int(st, 11);
		c->fc.state = (int)db_col_int(st, 12);
		c->fc.due = db_col_int(st, 13);
		c->fc.last_review = db_col_int(st, 14);
		c->fc.stability = db_col_double(st, 15);
		c->fc.difficulty = db_col_double(st, 16);
		c->fc.reps = (int)db_col_int(st, 17);
		c->fc.lapses = (int)db_col_int(st, 18);
		c->fc.step = (int)db_col_int(st, 19);
		c->fc.scheduled_days = (int)db_col_int(st, 20);
		c->suspended = (int)db_col_int(st, 21);
		c->flag = (int)db_col_int(st, 22);
		c->leech = (int)db_col_int(st, 23);
		c->buried_until = db_col_int(st, 24);
		c->example = (int)db_col_int(st, 25);
		rc = 0;
	}
	db_finalize(st);
	return rc;
}

void
review_card_free(struct review_card *c)
{
	free(c->deck_id);
	free(c->deck_title);
	free(c->kind);
	free(c->front);
	free(c->back);
	free(c->note);
	free(c->tags);
	free(c->src);
	memset(c, 0, sizeof *c);
}

/* Runs a key query with the filter bound to ?8/?9 and times to ?1/?2/?3;
 * returns a new array of keys. */
static char **
load_keys(struct db *db, const char *sql, const struct review_filter *f, int64_t a, int64_t b,
          int64_t limit, size_t *n)
{
	struct db_stmt *st = db_prepare(db, sql, "");
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	db_bind_int(st, 3, limit);
	db_bind_text(st, 7, f->decks);
	db_bind_text(st, 8, f->deck);
	db_bind_text(st, 9, f->tag);
	return db_col_strings(st, n);
}

static int
done_today(struct db *db, int64_t since, int prev_state)
{
	return (int)db_int(db, 0,
	                   "SELECT count(*) FROM review_log WHERE reviewed_at >= ? "
	                   "AND mode = 'review' AND prev_state = ?",
	                   "ii", since, (int64_t)prev_state);
}

static void limits_left(struct db *db, const struct settings *set, int64_t now, int *rev_left,
                        int *new_left);

void
review_queue_build(struct db *db, const struct review_filter *f, int64_t now,
                   struct review_queue *q)
{
	memset(q, 0, sizeof *q);
	q->db = db;
	settings_load(db, &q->set);
	if (f)
		q->f = *f;
	q->day_start = day_start(now, q->set.rollover_hour);
	q->day_end = day_end(now, q->set.rollover_hour);

	int rev_left, new_left;
	limits_left(db, &q->set, now, &rev_left, &new_left);
	q->rev = load_keys(
	        db,
	        "SELECT s.key FROM card_state s JOIN card c ON c.key = s.key "
	        "WHERE s.state = 2 AND s.due < ?2 AND s.suspended = 0 AND s.buried_until <= ?1 "
	        "AND c.retired = 0" FILTER "ORDER BY s.due, s.key LIMIT ?3",
	        &q->f, now, q->day_end, rev_left, &q->nrev);
	/* One new card per note at a time, and none whose sibling (the
	 * reverse or another cloze of the same note) was studied today: as
	 * Anki buries siblings, they come on later days. */
	size_t nnow;
	char **asked =
	        load_keys(db,
	                  "SELECT s.key FROM card_state s JOIN card c ON "
	                  "c.key = s.key WHERE " ASKED_NOW FILTER "ORDER BY s.due, s.key LIMIT ?3",
	                  &q->f, now, 0, 1000, &nnow);
	q->fresh = load_keys(
	        db,
	        "SELECT c.key FROM card c INDEXED BY card_order "
	        "LEFT JOIN card_state s ON s.key = c.key "
	        "WHERE c.retired = 0 AND (s.key IS NULL OR (s.state = 0 AND s.due = 0 AND "
	        "s.suspended = 0 AND s.buried_until <= ?1)) "
	        "AND NOT EXISTS (SELECT 1 FROM card c2 LEFT JOIN card_state s2 ON s2.key = c2.key "
	        " WHERE c2.note_id = c.note_id AND c2.key < c.key AND c2.retired = 0 "
	        " AND (s2.key IS NULL OR s2.state = 0)) "
	        "AND NOT EXISTS (SELECT 1 FROM card c3 JOIN review_log r ON r.card_key = c3.key "
	        " WHERE c3.note_id = c.note_id AND r.reviewed_at >= ?2)" FILTER
	        "ORDER BY c.ord, c.deck_id, c.key LIMIT ?3",
	        &q->f, now, q->day_start, new_left, &q->nfresh);
	if (nnow > 0) {
		asked = xrealloc(asked, (nnow + q->nfresh + 1) * sizeof *asked);
		memcpy(asked + nnow, q->fresh, q->nfresh * sizeof *asked);
		free(q->fresh);
		q->fresh = asked;
		q->nfresh += nnow;
	} else {
		free(asked);
	}
}

void
review_queue_free(struct review_queue *q)
{
	for (size_t i = 0; i < q->nrev; i++)
		free(q->rev[i]);
	for (size_t i = 0; i < q->nfresh; i++)
		free(q->fresh[i]);
	free(q->rev);
	free(q->fresh);
	memset(q, 0, sizeof *q);
}

/* The first learning card due by `until`, putting `last` after others;
 * with `exclude` set, `last` is not taken at all. Learning and
 * relearning cards are read separately, each in due order from the
 * (state, due) index, so this stays cheap however many there are. */
static int
learning_due(struct review_queue *q, int64_t now, int64_t until, const char *last, int exclude,
             char key[CARD_KEY_MAX], int64_t *due)
{
	char best[CARD_KEY_MAX] = "", second[CARD_KEY_MAX] = "";
	int64_t best_due = 0, second_due = 0;
	for (int state = FSRS_LEARNING; state <= FSRS_RELEARNING; state += 2) {
		struct db_stmt *st = db_prepare(
		        q->db,
		        "SELECT s.key, s.due FROM card_state s JOIN card c ON c.key = s.key "
		        "WHERE s.state = ?3 AND s.due <= ?2 AND s.suspended = 0 "
		        "AND s.buried_until <= ?1 AND c.retired = 0" FILTER
		        "ORDER BY s.due, s.key LIMIT 2",
		        "");
		db_bind_int(st, 1, now);
		db_bind_int(st, 2, until);
		db_bind_int(st, 3, state);
		db_bind_text(st, 7, q->f.decks);
		db_bind_text(st, 8, q->f.deck);
		db_bind_text(st, 9, q->f.tag);
		while (db_step(st)) {
			const char *k = db_col_text(st, 0);
			int64_t d = db_col_int(st, 1);
			int is_last = last != NULL && strcmp(k, last) == 0;
			/* keep `last` only as a fallback */
			char *slot = is_last ? second : best;
			int64_t *slot_due = is_last ? &second_due : &best_due;
			if (*slot == '\0' || d < *slot_due) {
				snprintf(slot, CARD_KEY_MAX, "%s", k);
				*slot_due = d;
			}
		}
		db_finalize(st);
	}
	if (best[0] == '\0' && (exclude || second[0] == '\0'))
		return 0;
	snprintf(key, CARD_KEY_MAX, "%s", best[0] ? best : second);
	if (due)
		*due = best[0] ? best_due : second_due;
	return 1;
}

/* A queued card is still to be shown if nothing changed it meanwhile
 * (graded, buried, suspended, retired). */
static int
still_eligible(struct review_queue *q, const char *key, int want_state, int64_t now)
{
	return db_int(q->db, 0,
	              "SELECT 1 FROM card c LEFT JOIN card_state s ON s.key = c.key "
	              "WHERE c.key = ?1 AND c.retired = 0 AND ifnull(s.state, 0) = ?2 "
	              "AND ifnull(s.suspended, 0) = 0 AND ifnull(s.buried_until, 0) <= ?3 "
	              "AND (?2 = 0 OR s.due < ?4)",
	              "tiii", key, (int64_t)want_state, now, q->day_end) == 1;
}

/* A new card whose sibling (same note) was already studied today waits
 * for tomorrow, as Anki buries siblings. */
static int
sibling_seen_today(struct review_queue *q, const char *key)
{
	return db_int(q->db, 0,
	              "SELECT 1 FROM review_log r JOIN card a ON a.key = r.card_key "
	              "JOIN card b ON b.note_id = a.note_id WHERE b.key = ?1 AND a.key <> ?1 "
	              "AND r.reviewed_at >= ?2 LIMIT 1",
	              "ti", key, q->day_start) == 1;
}

int
review_next(struct review_queue *q, int64_t now, char key[CARD_KEY_MAX], int64_t *next_due)
{
	if (next_due)
		*next_due = 0;
	/* 1. Learning and relearning cards that are due now. */
	if (learning_due(q, now, now, q->last, 0, key, NULL))
		goto found;
	/* 2. Reviews and new cards, interleaved evenly. */
	for (;;) {
		while (q->irev < q->nrev && !still_eligible(q, q->rev[q->irev], FSRS_REVIEW, now))
			q->irev++;
		while (q->ifresh < q->nfresh &&
		       (!still_eligible(q, q->fresh[q->ifresh], FSRS_NEW, now) ||
		        sibling_seen_today(q, q->fresh[q->ifresh])))
			q->ifresh++;
		size_t rl = q->nrev - q->irev, fl = q->nfresh - q->ifresh;
		if (rl == 0 && fl == 0)
			break;
		int take_new;
		if (rl == 0)
			take_new = 1;
		else if (fl == 0)
			take_new = 0;
		else
			/* one new card after every (reviews left / new left) reviews */
			take_new = (double)q->shown_rev >=
			           (double)(q->shown_fresh + 1) * ((double)rl / (double)(fl + 1));
		if (take_new) {
			snprintf(key, CARD_KEY_MAX, "%s", q->fresh[q->ifresh++]);
			q->shown_fresh++;
		} else {
			snprintf(key, CARD_KEY_MAX, "%s", q->rev[q->irev++]);
			q->shown_rev++;
		}
		goto found;
	}
	/* 3. Nothing else: learning cards due soon are shown early, but not
	 * the card just answered, which waits for its step. */
	int64_t due = 0;
	if (learning_due(q, now, now + REVIEW_LEARN_AHEAD, q->last, 1, key, &due))
		goto found;
	if (next_due && learning_due(q, now, q->day_end, NULL, 0, key, &due))
		*next_due = due;
	return 0;
found:
	snprintf(q->last, sizeof q->last, "%s", key);
	return 1;
}

void
review_queue_counts(struct review_queue *q, int64_t now, struct review_counts *c)
{
	memset(c, 0, sizeof *c);
	struct db_stmt *st =
	        db_prepare(q->db,
	                   "SELECT count(*) FROM card_state s JOIN card c ON c.key = s.key "
	                   "WHERE s.state IN (1, 3) AND s.due < ?2 AND s.suspended = 0 "
	                   "AND s.buried_until <= ?1 AND c.retired = 0" FILTER,
	                   "");
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, q->day_end);
	db_bind_text(st, 7, q->f.decks);
	db_bind_text(st, 8, q->f.deck);
	db_bind_text(st, 9, q->f.tag);
	if (db_step(st))
		c->learning = (int)db_col_int(st, 0);
	db_finalize(st);
	for (size_t i = q->irev; i < q->nrev; i++)
		c->review++;
	for (size_t i = q->ifresh; i < q->nfresh; i++)
		c->fresh++;
}

/* A fuzz seed that depends on the card and how often it was reviewed, so
 * a replay gives the same intervals. */
static uint64_t
fuzz_seed(const char *key, int reps)
{
	uint64_t h = 1469598103934665603ull;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return h ^ ((uint64_t)reps * 0x9E3779B97F4A7C15ull);
}

uint64_t
review_fuzz_seed(const char *key, int reps)
{
	return fuzz_seed(key, reps);
}

static int
card_corrupt(const struct fsrs_card *c)
{
	return c->state < FSRS_NEW || c->state > FSRS_RELEARNING || !isfinite(c->stability) ||
	       !isfinite(c->difficulty) || c->stability < 0 || c->difficulty < 0 ||
	       c->difficulty > 10 || c->step < 0 || c->reps < 0 || c->lapses < 0 ||
	       (c->state != FSRS_NEW && c->stability <= 0);
}

/* The schedule a card was shown with differs from the one stored now
 * (graded, moved, suspended or buried elsewhere since). */
static int
changed_since(const struct review_card *shown, const struct review_card *now)
{
	return shown->fc.state != now->fc.state || shown->fc.reps != now->fc.reps ||
	       shown->fc.lapses != now->fc.lapses || shown->fc.last_review != now->fc.last_review ||
	       shown->fc.due != now->fc.due || shown->suspended != now->suspended ||
	       shown->buried_until != now->buried_until;
}

/* Grades key; with `shown`, only if the card is as it was shown (checked
 * in the same transaction that writes the grade). */
static int
grade_card(struct db *db, const struct settings *set, const char *key,
           const struct review_card *shown, enum fsrs_rating rating, int64_t now, int duration_ms,
           const char *mode, struct review_result *res, char **cause)
{
	memset(res, 0, sizeof *res);
	if (rating < FSRS_AGAIN || rating > FSRS_EASY)
		return fail(cause,
		            "rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy); got %d",
		            rating);
	int cram = mode && strcmp(mode, "cram") == 0;
	/* Read and write in one transaction, so a grade given elsewhere in
	 * between is seen rather than overwritten. */
	db_begin(db);
	struct review_card c;
	if (review_card_load(db, key, &c) != 0) {
		db_commit(db);
		return fail(cause, "no card '%s'", key);
	}
	if (shown != NULL && !cram && changed_since(shown, &c)) {
		db_commit(db);
		review_card_free(&c);
		fail(cause, "card %s changed elsewhere since it was shown; not graded", key);
		return REVIEW_CHANGED;
	}
	struct fsrs_card in = c.fc;
	if (in.state == FSRS_NEW)
		fsrs_new_card(&in, now);
	if (card_corrupt(&in)) {
		snprintf(res->message, sizeof res->message,
		         "card %s had damaged scheduling data (state %d, stability %g); "
		         "it starts again as new",
		         key, in.state, in.stability);
		fsrs_new_card(&in, now);
		in.reps = c.fc.reps > 0 ? c.fc.reps : 0;
		in.lapses = c.fc.lapses > 0 ? c.fc.lapses : 0;
	}
	int64_t t = now;
	if (in.state != FSRS_NEW && t < in.last_review) {
		snprintf(res->message, sizeof res->message,
		         "the clock is behind this card's last review; graded as of that time");
		t = in.last_review;
	}
	struct fsrs_params p;
	settings_fsrs_params(set, &p);
	struct fsrs_card out;
	if (fsrs_review(&p, &in, t, rating, fuzz_seed(key, in.reps), &out) != 0) {
		db_commit(db);
		review_card_free(&c);
		return fail(cause, "cannot schedule card %s", key);
	}
	/* Toward an interview date, or spread over nearby days. */
	if (!cram && !deadline_adjust(db, set, t, &out))
		deadline_balance(db, set, t, &out);
	res->before = c.fc;
	res->after = out;
	int leech = 0;
	if (!cram && out.lapses > in.lapses && out.lapses >= REVIEW_LEECH_LAPSES &&
	    (out.lapses - REVIEW_LEECH_LAPSES) % (REVIEW_LEECH_LAPSES / 2) == 0) {
		leech = 1;
		res->leech = 1;
		snprintf(res->message, sizeof res->message,
		         "Leech: forgotten %d times; suspended and tagged 'leech'. "
		         "Rewrite or split it, then unsuspend it.",
		         out.lapses);
	}

	if (!cram) {
		db_exec(db,
		        "INSERT INTO card_state(key, state, due, stability, difficulty, last_review, "
		        "reps, lapses, step, scheduled_days, suspended, leech) "
		        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
		        "ON CONFLICT(key) DO UPDATE SET state = ?2, due = ?3, stability = ?4, "
		        "difficulty = ?5, last_review = ?6, reps = ?7, lapses = ?8, step = ?9, "
		        "scheduled_days = ?10, suspended = max(suspended, ?11), "
		        "leech = max(leech, ?12)",
		        "tiiddiiiiiii", key, (int64_t)out.state, out.due, out.stability,
		        out.difficulty, out.last_review, (int64_t)out.reps, (int64_t)out.lapses,
		        (int64_t)out.step, (int64_t)out.scheduled_days, (int64_t)leech,
		        (int64_t)leech);
	}
	db_exec(db,
	        "INSERT INTO review_log(card_key, reviewed_at, rating, mode, duration_ms, "
	        "state, due, stability, difficulty, prev_state, prev_due, prev_stability, "
	        "prev_difficulty, prev_last_review, prev_reps, prev_lapses, prev_step, "
	        "prev_scheduled_days, prev_suspended, prev_leech) "
	        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	        "tiitiiiddiiddiiiiiii", key, t, (int64_t)rating, cram ? "cram" : "review",
	        (int64_t)duration_ms, (int64_t)out.state, out.due, out.stability, out.difficulty,
	        (int64_t)c.fc.state, c.fc.due, c.fc.stability, c.fc.difficulty, c.fc.last_review,
	        (int64_t)c.fc.reps, (int64_t)c.fc.lapses, (int64_t)c.fc.step,
	        (int64_t)c.fc.scheduled_days, (int64_t)c.suspended, (int64_t)c.leech);
	db_commit(db);
	review_card_free(&c);
	return 0;
}

int
review_grade(struct db *db, const struct settings *set, const char *key, enum fsrs_rating rating,
             int64_t now, int duration_ms, const char *mode, struct review_result *res,
             char **cause)
{
	return grade_card(db, set, key, NULL, rating, now, duration_ms, mode, res, cause);
}

int
review_grade_shown(struct db *db, const struct settings *set, const struct review_card *shown,
                   enum fsrs_rating rating, int64_t now, int duration_ms, const char *mode,
                   struct review_result *res, char **cause)
{
	return grade_card(db, set, shown->key, shown, rating, now, duration_ms, mode, res, cause);
}

int
review_preview(struct db *db, const struct settings *set, const char *key, int64_t now,
               int64_t secs[4])
{
	struct review_card c;
	if (review_card_load(db, key, &c) != 0)
		return -1;
	struct fsrs_card in = c.fc;
	if (in.state == FSRS_NEW || card_corrupt(&in))
		fsrs_new_card(&in, now);
	int64_t t = now;
	if (in.state != FSRS_NEW && t < in.last_review)
		t = in.last_review;
	struct fsrs_params p;
	settings_fsrs_params(set, &p);
	struct fsrs_card out[4];
	int rc = fsrs_preview(&p, &in, t, fuzz_seed(key, in.reps), out);
	for (int i = 0; rc == 0 && i < 4; i++)
		secs[i] = out[i].due - t;
	review_card_free(&c);
	return rc;
}

int
review_undo(struct db *db, char key[CARD_KEY_MAX])
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT id, card_key, prev_state, prev_due, prev_stability, prev_difficulty, "
	        "prev_last_review, prev_reps, prev_lapses, prev_step, prev_scheduled_days, "
	        "prev_suspended, prev_leech FROM review_log WHERE mode = 'review' "
	        "ORDER BY id DESC LIMIT 1",
	        "");
	if (!db_step(st)) {
		db_finalize(st);
		return -1;
	}
	int64_t id = db_col_int(st, 0);
	snprintf(key, CARD_KEY_MAX, "%s", db_col_text(st, 1));
	int64_t v[11];
	double stab = db_col_double(st, 4), diff = db_col_double(st, 5);
	for (int i = 0; i < 11; i++)
		v[i] = db_col_int(st, i + 2);
	db_finalize(st);
	db_begin(db);
	db_exec(db,
	        "UPDATE card_state SET state = ?, due = ?, stability = ?, difficulty = ?, "
	        "last_review = ?, reps = ?, lapses = ?, step = ?, scheduled_days = ?, "
	        "suspended = ?, leech = ?, buried_until = 0 WHERE key = ?",
	        "iiddiiiiiiit", v[0], v[1], stab, diff, v[4], v[5], v[6], v[7], v[8], v[9], v[10],
	        key);
	db_exec(db, "DELETE FROM review_log WHERE id = ?", "i", id);
	db_commit(db);
	return 0;
}

/* Makes sure a card has a state row to carry bury/suspend/flag. */
static int
ensure_state(struct db *db, const char *key)
{
	if (db_int(db, 0, "SELECT count(*) FROM card WHERE key = ?", "t", key) == 0)
		return -1;
	db_exec(db, "INSERT OR IGNORE INTO card_state(key) VALUES (?)", "t", key);
	return 0;
}

int
review_bury(struct db *db, const char *key, int64_t until)
{
	if (ensure_state(db, key) != 0)
		return -1;
	db_exec(db, "UPDATE card_state SET buried_until = ? WHERE key = ?", "it", until, key);
	return 0;
}

int
review_set_suspended(struct db *db, const char *key, int on)
{
	if (ensure_state(db, key) != 0)
		return -1;
	db_exec(db, "UPDATE card_state SET suspended = ? WHERE key = ?", "it", (int64_t)(on != 0),
	        key);
	return 0;
}

struct review_suspended *
review_suspended_list(struct db *db, size_t *n)
{
	struct db_stmt *st = db_prepare(
	        db,
	        "SELECT c.key, ifnull(d.title, c.deck_id), c.front, c.cloze, s.leech "
	        "FROM card_state s JOIN card c ON c.key = s.key LEFT JOIN doc d ON d.id = c.deck_id "
	        "WHERE s.suspended <> 0 AND c.retired = 0 ORDER BY d.ord, c.deck_id, c.ord, c.key",
	        "");
	size_t cap = 16;
	struct review_suspended *v = xmalloc(cap * sizeof *v);
	*n = 0;
	while (db_step(st)) {
		if (*n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof *v);
		}
		struct review_suspended *e = &v[(*n)++];
		e->key = xstrdup(db_col_text(st, 0));
		e->deck_title = xstrdup(db_col_text(st, 1));
		e->front = xstrdup(db_col_text(st, 2));
		e->cloze = (int)db_col_int(st, 3);
		e->leech = (int)db_col_int(st, 4);
	}
	db_finalize(st);
	return v;
}

void
review_suspended_free(struct review_suspended *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].key);
		free(s[i].deck_title);
		free(s[i].front);
	}
	free(s);
}

int
review_toggle_flag(struct db *db, const char *key)
{
	if (ensure_state(db, key) != 0)
		return -1;
	db_exec(db, "UPDATE card_state SET flag = 1 - (flag <> 0) WHERE key = ?", "t", key);
	return (int)db_int(db, 0, "SELECT flag FROM card_state WHERE key = ?", "t", key);
}

const char *
review_state_name(int state)
{
	static const char *const names[] = { "new", "learning", "review", "relearning" };
	return state >= FSRS_NEW && state <= FSRS_RELEARNING ? names[state] : "damaged";
}

void
review_fmt_interval(int64_t secs, char *buf, size_t n)
{
	double d = (double)secs / DAY_SECONDS;
	if (secs < 60)
		snprintf(buf, n, "<1m");
	else if (secs < 3600)
		snprintf(buf, n, "%lldm", (long long)(secs / 60));
	else if (secs < DAY_SECONDS)
		snprintf(buf, n, "%lldh", (long long)(secs / 3600));
	else if (d < 30)
		snprintf(buf, n, "%.0fd", d);
	else if (d < 365)
		snprintf(buf, n, "%.1fmo", d / 30.0);
	else
		snprintf(buf, n, "%.1fy", d / 365.0);
}

/* Folds text for comparison: ASCII lower case, no white space, common
 * symbol spellings unified, trailing full stops dropped. */
static char *
fold_answer(const char *s)
{
	static const struct {
		const char *from, *to;
	} eq[] = {
		{ "\xc2\xb2", "^2" },     { "\xc2\xb3", "^3" },     { "**", "^" },
		{ "\xe2\x89\xa4", "<=" }, { "\xe2\x89\xa5", ">=" }, { "\xe2\x88\x92", "-" },
		{ "\xe2\x80\x93", "-" },  { "\xe2\x80\x94", "-" },  { "\xc3\x97", "x" },
		{ "\xe2\x89\x88", "~" },  { "\xe2\x80\xaf", "" },   { "\xc2\xa0", "" },
	};
	struct sbuf b;
	sbuf_init(&b);
	while (*s) {
		size_t k;
		for (k = 0; k < sizeof eq / sizeof eq[0]; k++) {
			size_t l = strlen(eq[k].from);
			if (strncmp(s, eq[k].from, l) == 0) {
				sbuf_add(&b, eq[k].to);
				s += l;
				break;
			}
		}
		if (k < sizeof eq / sizeof eq[0])
			continue;
		unsigned char c = (unsigned char)*s++;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		sbuf_addc(&b, (char)c);
	}
	while (b.len > 0 && b.s[b.len - 1] == '.')
		b.s[--b.len] = '\0';
	/* ".75" is "0.75" */
	struct sbuf z;
	sbuf_init(&z);
	for (size_t i = 0; i < b.len; i++) {
		if (b.s[i] == '.' && i + 1 < b.len && b.s[i + 1] >= '0' && b.s[i + 1] <= '9' &&
		    (i == 0 || !(b.s[i - 1] >= '0' && b.s[i - 1] <= '9')))
			sbuf_addc(&z, '0');
		sbuf_addc(&z, b.s[i]);
	}
	sbuf_free(&b);
	return sbuf_take(&z);
}

int
review_answer_typeable(const char *expected, char bad[8])
{
	char *f = fold_answer(expected);
	const unsigned char *p = (const unsigned char *)f;
	while (*p && *p < 0x80)
		p++;
	int ok = *p == '\0';
	if (!ok) {
		/* The whole UTF-8 sequence of the first such character. */
		size_t n = 1;
		while (n < 4 && (p[n] & 0xc0) == 0x80)
			n++;
		memcpy(bad, p, n);
		bad[n] = '\0';
	}
	free(f);
	return ok;
}

int
review_answer_matches(const char *typed, const char *expected)
{
	char *a = fold_answer(typed), *b = fold_answer(expected);
	int ok = strcmp(a, b) == 0 && *b != '\0';
	free(a);
	free(b);
	return ok;
}

/* Cards left under today's limits: reviews and new cards. */
static void
limits_left(struct db *db, const struct settings *set, int64_t now, int *rev_left, int *new_left)
{
	int64_t ds = day_start(now, set->rollover_hour);
	*rev_left = set->reviews_per_day - done_today(db, ds, FSRS_REVIEW);
	*new_left = set->new_per_day - done_today(db, ds, FSRS_NEW);
	if (*rev_left < 0)
		*rev_left = 0;
	if (*new_left < 0)
		*new_left = 0;
}

void
review_today_counts(struct db *db, int64_t now, struct review_counts *c)
{
	struct settings set;
	settings_load(db, &set);
	int rev_left, new_left;
	limits_left(db, &set, now, &rev_left, &new_left);
	int64_t de = day_end(now, set.rollover_hour);
	c->learning = (int)db_int(db, 0,
	                          "SELECT count(*) FROM card_state s JOIN card c ON c.key = s.key "
	                          "WHERE s.state IN (1, 3) AND s.due < ?2 AND s.suspended = 0 "
	                          "AND s.buried_until <= ?1 AND c.retired = 0" SET_ASIDE,
	                          "ii", now, de);
	c->review = (int)db_int(
	        db, 0,
	        "SELECT count(*) FROM (SELECT 1 FROM card_state s JOIN card c ON c.key = s.key "
	        "WHERE s.state = 2 AND s.due < ?2 AND s.suspended = 0 AND s.buried_until <= ?1 "
	        "AND c.retired = 0" SET_ASIDE "LIMIT ?3)",
	        "iii", now, de, (int64_t)rev_left);
	c->fresh = (int)db_int(
	        db, 0,
	        "SELECT count(*) FROM (SELECT 1 FROM card c INDEXED BY card_order "
	        "LEFT JOIN card_state s ON s.key = c.key WHERE c.retired = 0 AND (s.key IS NULL "
	        "OR (s.state = 0 AND s.due = 0 AND s.suspended = 0 AND s.buried_until <= ?1))" SET_ASIDE
	        "LIMIT ?2)",
	        "ii", now, (int64_t)new_left);
	c->fresh += (int)db_int(db, 0,
	                        "SELECT count(*) FROM card_state s JOIN card c ON "
	                        "c.key = s.key WHERE " ASKED_NOW SET_ASIDE,
	                        "i", now);
}

struct review_deck_due *
review_due(struct db *db, int64_t now, size_t *n, struct review_counts *total)
{
	struct settings set;
	settings_load(db, &set);
	int rev_left, new_left;
	limits_left(db, &set, now, &rev_left, &new_left);
	int64_t de = day_end(now, set.rollover_hour);
	/* Each count is one grouped pass over the cards that qualify. */
	struct db_stmt *st = db_prepare(
	        db,
	        "WITH due AS (SELECT c.deck_id, sum(s.state IN (1, 3)) AS l, sum(s.state = 2) AS r "
	        "  FROM card_state s JOIN card c ON c.key = s.key WHERE s.state > 0 AND s.due < ?2 "
	        "  AND s.suspended = 0 AND s.buried_until <= ?1 AND c.retired = 0" SET_ASIDE
	        "  GROUP BY c.deck_id), "
	        "fresh AS (SELECT c.deck_id, count(*) AS f FROM card c INDEXED BY card_live "
	        "  LEFT JOIN card_state s ON s.key = c.key WHERE c.retired = 0 AND (s.key IS NULL "
	        "  OR (s.state = 0 AND s.due = 0 AND s.suspended = 0 AND s.buried_until <= ?1))" SET_ASIDE
	        "GROUP BY c.deck_id), "
	        "asked AS (SELECT c.deck_id, count(*) AS a FROM card_state s JOIN card c ON "
	        "  c.key = s.key WHERE " ASKED_NOW SET_ASIDE "GROUP BY c.deck_id) "
	        "SELECT d.id, " PROFILE_TITLE_SQL(
	                "d") ", ifnull(due.l, 0), ifnull(due.r, 0), "
	                     "ifnull(fresh.f, 0), d.profile = '" PROFILE_EXAMPLE
	                     "', ifnull(asked.a, 0) "
	                     "FROM doc d LEFT JOIN due ON due.deck_id = d.id LEFT JOIN fresh ON fresh.deck_id = d.id "
	                     "LEFT JOIN asked ON asked.deck_id = d.id "
	                     "WHERE d.kind IN ('deck', 'numbers') AND d.retired = 0 ORDER BY d.ord",
	        "ii", now, de);
	size_t cap = 16;
	struct review_deck_due *v = xmalloc(cap * sizeof *v);
	*n = 0;
	int asked_total = 0;
	memset(total, 0, sizeof *total);
	while (db_step(st)) {
		if (*n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof *v);
		}
		struct review_deck_due *e = &v[(*n)++];
		e->deck_id = xstrdup(db_col_text(st, 0));
		e->title = xstrdup(db_col_text(st, 1));
		e->c.learning = (int)db_col_int(st, 2);
		e->c.review = (int)db_col_int(st, 3);
		e->c.fresh = (int)db_col_int(st, 4);
		e->example = (int)db_col_int(st, 5);
		int asked = (int)db_col_int(st, 6);
		if (e->c.fresh > new_left)
			e->c.fresh = new_left;
		e->c.fresh += asked;
		total->learning += e->c.learning;
		total->review += e->c.review;
		total->fresh += (int)db_col_int(st, 4);
		asked_total += asked;
	}
	db_finalize(st);
	if (total->review > rev_left)
		total->review = rev_left;
	if (total->fresh > new_left)
		total->fresh = new_left;
	total->fresh += asked_total;
	return v;
}

void
review_due_free(struct review_deck_due *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].deck_id);
		free(d[i].title);
	}
	free(d);
}

int64_t
review_next_due(struct db *db, int64_t now)
{
	return db_int(
	        db, 0,
	        "SELECT min(s.due) FROM card_state s JOIN card c ON c.key = s.key "
	        "WHERE s.state > 0 AND s.suspended = 0 AND c.retired = 0 AND s.due > ?1" SET_ASIDE,
	        "i", now);
}

int
review_deck_exists(struct db *db, const char *deck)
{
	char *kind = db_text(db, "SELECT kind FROM doc WHERE id = ? AND retired = 0", "t", deck);
	int ok = kind && (strcmp(kind, "deck") == 0 || strcmp(kind, "numbers") == 0);
	free(kind);
	return ok;
}
