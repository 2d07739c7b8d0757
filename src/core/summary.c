#include "config.h"

#include <string.h>

#include "summary.h"

void
summary_load(struct db *db, struct summary *s)
{
	memset(s, 0, sizeof *s);
	s->decks = (int)db_int(db, 0,
	                       "SELECT count(*) FROM doc WHERE retired = 0 AND "
	                       "kind IN ('deck', 'numbers')",
	                       "");
	s->cards = (int)db_int(db, 0, "SELECT count(*) FROM card WHERE retired = 0", "");
	s->cards_seen = (int)db_int(db, 0,
	                            "SELECT count(*) FROM card c JOIN card_state "
	                            "s ON s.key = c.key WHERE c.retired = 0 AND "
	                            "s.state <> 0",
	                            "");
	s->cards_new = s->cards - s->cards_seen;
	s->reviews_total = (int)db_int(db, 0, "SELECT count(*) FROM review_log", "");
	s->last_review = db_int(db, 0, "SELECT max(reviewed_at) FROM review_log", "");
	s->plans = (int)db_int(db, 0,
	                       "SELECT count(*) FROM doc WHERE retired = 0 AND "
	                       "kind = 'plan'",
	                       "");
	s->stories = (int)db_int(db, 0, "SELECT count(*) FROM story WHERE retired = 0", "");
	s->prompts = (int)db_int(db, 0, "SELECT count(*) FROM prompt WHERE retired = 0", "");
	s->checklists = (int)db_int(db, 0,
	                            "SELECT count(*) FROM doc WHERE retired = 0 "
	                            "AND kind = 'checklist'",
	                            "");
	s->rubrics = (int)db_int(db, 0,
	                         "SELECT count(*) FROM doc WHERE retired = 0 AND "
	                         "kind = 'rubric'",
	                         "");
	s->gapmaps = (int)db_int(db, 0, "SELECT count(*) FROM gapmap WHERE retired = 0", "");
	s->gap_rows = (int)db_int(db, 0,
	                          "SELECT count(*) FROM gap_row WHERE retired = 0 "
	                          "AND deleted = 0",
	                          "");
	s->terms = (int)db_int(db, 0, "SELECT count(*) FROM vocab WHERE retired = 0", "");
}
