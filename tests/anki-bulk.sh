#!/bin/sh
# A large Anki import takes the bulk path (the card and review-log
# indexes dropped and built again, review-log rows written in batches,
# merges after): it must write exactly what the row-by-row path writes,
# leave the schema as it was, and merge newer reviews the same way.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/anki-fixtures.sh"
P="$PREPDECK"
export PREPDECK_NOW=2026-01-10T12:00:00Z

json_field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$T/out"; }

# bulk_rows N REVIEWS: SQL adding N basic notes (one card each) with
# REVIEWS reviews each, a day or more apart in 2024, ratings mixed, every
# 50th card's second row a manual one; and two notes sharing a guid.
bulk_rows() {
	cat <<EOF
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO notes SELECT 100000 + i, 'bulk' || i, 1001, 0, 0, ' bulk ',
  'Question <b>' || i || '</b>' || char(31) || 'Answer ' || i, '', 0, 0, '' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO cards SELECT 200000 + i, 100000 + i, 1500000000001, 0, 0, 0, 2, 2, 100, 3,
  2500, 3, 0, 0, 0, 0, 0, '' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1),
  k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < $2 - 1)
INSERT INTO revlog SELECT (1704067200 + i * 61 + j * (j + 1) * 43200) * 1000 + i % 1000,
  200000 + i, 0, 1 + (i * 7 + j * 3) % 4, j + 1, j, 2500, 3000 + i % 5000,
  CASE WHEN j = 1 AND i % 50 = 0 THEN 4 WHEN j = 0 THEN 0 ELSE 1 END FROM n, k;
INSERT INTO notes VALUES (90001, 'dupGuid', 1001, 0, 0, '', 'Twin' || char(31) || 'one', '', 0, 0, '');
INSERT INTO notes VALUES (90002, 'dupGuid', 1001, 0, 0, '', 'Twin' || char(31) || 'one', '', 0, 0, '');
INSERT INTO cards VALUES (90101, 90001, 1, 0, 0, 0, 2, 2, 9, 1, 2500, 1, 0, 0, 0, 0, 0, '');
INSERT INTO cards VALUES (90102, 90002, 1, 0, 0, 0, 2, 2, 9, 1, 2500, 1, 0, 0, 0, 0, 0, '');
INSERT INTO revlog VALUES (1704200000000, 90101, 0, 3, 1, 0, 2500, 4000, 0);
INSERT INTO revlog VALUES (1704300000000, 90102, 0, 2, 1, 0, 2500, 4000, 0);
EOF
}

# What the import wrote for the cards of database $2, read from $1.
dump() {
	sqlite3 -batch -noheader "$1" "ATTACH '$2' AS o;
SELECT card_key, reviewed_at, rating, mode, duration_ms, state, due, printf('%.9f', stability),
  printf('%.9f', difficulty), prev_state, prev_due, printf('%.9f', prev_stability),
  printf('%.9f', prev_difficulty), prev_last_review, prev_reps, prev_lapses, prev_step,
  prev_scheduled_days FROM review_log WHERE card_key IN (SELECT key FROM o.card WHERE src LIKE '@anki/%')
  ORDER BY card_key, reviewed_at, rating;
SELECT key, state, due, printf('%.9f', stability), printf('%.9f', difficulty), last_review,
  reps, lapses, step, scheduled_days, suspended FROM card_state
  WHERE key IN (SELECT key FROM o.card WHERE src LIKE '@anki/%') ORDER BY key;
SELECT key, deck_id, kind, front, back, tags FROM card
  WHERE key IN (SELECT key FROM o.card WHERE src LIKE '@anki/%') ORDER BY key;"
}
schema() { sqlite3 -batch -noheader "$1" "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"; }

anki_pkg anki2 "$T/big.apkg" "$(bulk_rows 12000 3)"
anki_pkg anki2 "$T/small.apkg" "$(bulk_rows 40 3)"
A="$T/a.db" B="$T/b.db"
"$P" --db "$A" status >/dev/null
"$P" --db "$B" status >/dev/null
schema "$A" > "$T/schema-before"

# 1. The large package (bulk) and a small one of its first cards (row by
# row) write the same rows for the cards they share.
check "bulk import" "$P" --db "$A" anki import "$T/big.apkg" --json
# 12000 cards, the 7 of the shared notes, one for the twins (the second
# twin finds it unchanged); every review with a rating is added.
expect_eq "bulk: cards added" "$(json_field cards_added)/$(json_field cards_unchanged)" 12008/1
expect_eq "bulk: reviews added" "$(json_field reviews_added)" "$((12000 * 3 + 5 + 2))"
expect_eq "bulk: cards with history" "$(json_field cards_with_history)" "$((12000 + 3 + 2))"
check "small import" "$P" --db "$B" anki import "$T/small.apkg" --json
expect_eq "small: reviews added" "$(json_field reviews_added)" "$((40 * 3 + 5 + 2))"
dump "$A" "$B" > "$T/dump-a"
dump "$B" "$B" > "$T/dump-b"
cp "$T/dump-a" "$T/dump-first"
expect_eq "shared cards: log, state and card rows compared" \
	"$(DB=$B sql "SELECT (SELECT count(*) FROM review_log) || '/' || (SELECT count(*) FROM card_state) || '/' || (SELECT count(*) FROM card WHERE src LIKE '@anki/%')")" \
	"$((40 * 3 + 5 + 2))/$((40 + 3 + 1 + 1))/$((40 + 7 + 1))"
if cmp -s "$T/dump-a" "$T/dump-b"; then pass; else
	fail "the bulk path wrote other rows than the row-by-row path"
	diff "$T/dump-a" "$T/dump-b" | head -20 >&2
fi
# Each row's state before is the previous row's state after, and the
# card's state is its last row's: the rows were written whole, in order.
expect_eq "bulk: rows chain" "$(DB=$A sql "SELECT sum(prev_state IS NOT ps OR prev_due IS NOT pd
  OR prev_stability IS NOT pst OR prev_difficulty IS NOT pdi) || '/' || count(ps) FROM (SELECT prev_state,
  prev_due, prev_stability, prev_difficulty, lag(state) OVER w AS ps, lag(due) OVER w AS pd,
  lag(stability) OVER w AS pst, lag(difficulty) OVER w AS pdi FROM review_log
  WINDOW w AS (PARTITION BY card_key ORDER BY reviewed_at, id)) WHERE ps IS NOT NULL")" "0/$((12000 * 2 + 2 + 1))"
expect_eq "bulk: states are the last rows'" "$(DB=$A sql "SELECT count(*) FROM card_state s JOIN review_log r
  ON r.card_key = s.key AND r.id = (SELECT max(id) FROM review_log WHERE card_key = s.key)
  WHERE r.due = s.due AND r.stability = s.stability AND r.state = s.state")" "$((12000 + 3 + 1))"
expect_eq "twin notes: one card, both reviews, replayed in order" \
	"$(DB=$A sql "SELECT count(*) || '|' || (SELECT reps FROM card_state WHERE key = r.card_key) FROM review_log r WHERE card_key = (SELECT key FROM card WHERE front = 'Twin')")" "2|2"

# The search index: written once at the end in bulk, row by row by the
# triggers; the same for the shared cards, and every imported card found.
fts() { sqlite3 -batch -noheader "$1" "ATTACH '$2' AS o; SELECT c.key, f.front, f.back, f.tags
  FROM card c JOIN card_search m ON m.key = c.key JOIN card_fts f ON f.rowid = m.rid
  WHERE c.key IN (SELECT key FROM o.card WHERE src LIKE '@anki/%') ORDER BY c.key"; }
fts "$A" "$B" > "$T/fts-a"
fts "$B" "$B" > "$T/fts-b"
expect_eq "search index: every shared card" "$(DB=$B sql "SELECT count(*) FROM card c JOIN card_search m ON m.key = c.key JOIN card_fts f ON f.rowid = m.rid WHERE c.src LIKE '@anki/%'")" "$((40 + 7 + 1))"
if cmp -s "$T/fts-a" "$T/fts-b"; then pass; else
	fail "the bulk path indexed other text for the search"; diff "$T/fts-a" "$T/fts-b" | head >&2
fi
expect_eq "search index: every live card of A" "$(DB=$A sql "SELECT (SELECT count(*) FROM card_fts) - (SELECT count(*) FROM card WHERE retired = 0)")" 0
check "search finds a card of the bulk import" "$P" --db "$A" cards search '"Question 11999"' --json
expect_grep "found" '"front": "Question \*\*11999\*\*"' "$T/out"

# 2. The schema is as it was: every index back, nothing broken.
schema "$A" > "$T/schema-after"
if cmp -s "$T/schema-before" "$T/schema-after"; then pass; else
	fail "the bulk import changed the schema"; diff "$T/schema-before" "$T/schema-after" >&2
fi
expect_eq "integrity" "$(DB=$A sql "PRAGMA integrity_check")" ok
expect_eq "foreign keys" "$(DB=$A sql "PRAGMA foreign_key_check")" ""
expect_grep "the log's card index is used" "review_log_card" \
	"$(DB=$A sql "EXPLAIN QUERY PLAN SELECT 1 FROM review_log WHERE card_key = 'x'" > "$T/plan"; echo "$T/plan")"

# 3. A newer export with one more review a card: every card merges (its
# log is there), in bulk and row by row alike.
anki_pkg anki2 "$T/big2.apkg" "$(bulk_rows 12000 4)"
anki_pkg anki2 "$T/small2.apkg" "$(bulk_rows 40 4)"
check "bulk merge" "$P" --db "$A" anki import "$T/big2.apkg" --json
expect_eq "bulk merge: new reviews only" "$(json_field reviews_added)/$(json_field reviews_duplicate)" \
	"12000/$((12000 * 3 + 5 + 2))"
check "small merge" "$P" --db "$B" anki import "$T/small2.apkg" --json
dump "$A" "$B" > "$T/dump-a"
dump "$B" "$B" > "$T/dump-b"
if cmp -s "$T/dump-a" "$T/dump-b"; then pass; else
	fail "merging in bulk wrote other rows than row by row"
	diff "$T/dump-a" "$T/dump-b" | head -20 >&2
fi
expect_eq "merged history replayed" "$(DB=$A sql "SELECT reps FROM card_state WHERE key = (SELECT key FROM card WHERE front = 'Question **7**')")" 4
schema "$A" > "$T/schema-after"
if cmp -s "$T/schema-before" "$T/schema-after"; then pass; else fail "the merge changed the schema"; fi

# 4. A large import uses the rollback journal only while it runs, and only
# when the database is its alone: the file is in WAL mode afterwards, and
# with another connection reading it the import goes ahead in WAL.
expect_eq "WAL again after the import" "$(DB=$A sql "PRAGMA journal_mode")" wal
[ ! -e "$A-journal" ] && pass || fail "a rollback journal was left behind"
C="$T/c.db"
"$P" --db "$C" status >/dev/null
mkfifo "$T/hold"
sqlite3 -batch "$C" < "$T/hold" > "$T/hold.out" 2>&1 &
exec 3> "$T/hold"
echo "SELECT count(*) FROM card;" >&3
n=0
while ! grep -q '[0-9]' "$T/hold.out" && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
check "import beside another connection" "$P" --db "$C" anki import "$T/big.apkg" --json
expect_eq "beside another connection: imported" "$(json_field cards_added)" 12008
echo "PRAGMA journal_mode;" >&3
exec 3>&-
wait
expect_grep "the other connection kept reading in WAL" "^wal$" "$T/hold.out"
dump "$C" "$B" > "$T/dump-c"
if cmp -s "$T/dump-c" "$T/dump-first"; then pass; else fail "the import in WAL wrote other rows"; fi

finish
