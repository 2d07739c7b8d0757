#!/bin/sh
# Importing the curriculum in content/ over a learner's database keeps
# every review. tests/data/history/today.sql.gz is a database made by
# tests/data/history/make-fixture.sh from an earlier curriculum, with
# reviews on every card of it. After the import, every review row must
# still be there and belong to a live card: a card the curriculum removed
# must be named in the `replaces:` list of the card that took its place.
# The old ids whose history was left behind are listed, for the writers.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/learner.db"
gzip -dc "$top_srcdir/tests/data/history/today.sql.gz" | sqlite3 -batch "$DB"
expect_eq "fixture restored" "$(sql "SELECT count(*) > 0 FROM review_log")" 1

sql "SELECT id FROM review_log ORDER BY id" > "$T/before"

check "import content/ over the old database" "$PREPDECK" --db "$DB" import
sql "SELECT id FROM review_log ORDER BY id" > "$T/after"
expect_eq "no review row lost" "$(comm -23 "$T/before" "$T/after" | wc -l)" 0

# Reviews whose card is no longer live, by old card (note) id.
sql "SELECT c.note_id, count(*) FROM review_log r JOIN card c ON c.key = r.card_key
     WHERE c.retired <> 0 GROUP BY c.note_id ORDER BY c.note_id" > "$T/orphans"
norph=$(wc -l < "$T/orphans")
if [ "$norph" -eq 0 ]; then pass; else
	fail "$norph old card ids lost their history (no live card lists them in 'replaces:', or the one that does has history of its own):"
	while IFS='|' read -r id n; do
		echo "  $id ($n review$( [ "$n" -eq 1 ] || echo s))" >&2
	done < "$T/orphans"
fi
expect_eq "every review row belongs to a card" "$(sql "SELECT count(*) FROM review_log r WHERE NOT EXISTS (SELECT 1 FROM card c WHERE c.key = r.card_key)")" 0

# Memory state, flags and suspensions are on live cards too.
sql "SELECT DISTINCT c.note_id FROM card_state s JOIN card c ON c.key = s.key
     WHERE c.retired <> 0 AND (s.reps > 0 OR s.flag <> 0 OR s.suspended <> 0)
     ORDER BY c.note_id" > "$T/retired-state"
if [ ! -s "$T/retired-state" ]; then pass; else
	fail "$(wc -l < "$T/retired-state") old card ids kept their memory state, flag or suspension on a retired card:"
	sed 's/^/  /' "$T/retired-state" >&2
fi

check "a second import" "$PREPDECK" --db "$DB" import
expect_grep "a second import changes nothing" "imported: 0 added or changed" "$T/out"
sql "SELECT id FROM review_log ORDER BY id" > "$T/again"
expect_eq "no review row lost on the second import" "$(comm -23 "$T/before" "$T/again" | wc -l)" 0

finish
