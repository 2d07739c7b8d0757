#!/bin/sh
# Import keeps history, through the real command: importing twice changes
# nothing; editing a card's text and re-importing keeps its reviews;
# removing a card retires it (history kept); putting it back revives it.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
mkdir -p "$T/c"
cat > "$T/c/deck.yaml" <<'YAML'
kind: deck
id: hist
title: History deck
cards:
  - {id: h1, q: What is drift?, a: A change in the input distribution.}
  - {id: h2, q: What is leakage?, a: Training on information unavailable at prediction time.}
  - {id: h3, cloze: "PR-AUC suits {{c1::imbalanced}} data."}
YAML

check "first import" "$PREPDECK" --db "$DB" import "$T/c"
expect_grep "first import counts" "imported: [1-9][0-9]* added or changed" "$T/out"
expect_eq "cards in deck" "$(sql "SELECT count(*) FROM card WHERE deck_id = 'hist' AND retired = 0")" 3

# Pretend the user reviewed h1 twice.
sql "INSERT INTO card_state(key, state, due, stability, difficulty, reps) VALUES ('h1', 2, 2000000000, 4.2, 5.1, 2);
     INSERT INTO review_log(card_key, reviewed_at, rating) VALUES ('h1', 1767873319, 3), ('h1', 1768132519, 3);"
snap() { sql "SELECT key, front, back, retired FROM card ORDER BY key; SELECT * FROM card_state; SELECT count(*) FROM review_log;"; }
s1=$(snap)

check "second identical import" "$PREPDECK" --db "$DB" import "$T/c"
expect_grep "second import changes nothing" "imported: 0 added or changed" "$T/out"
expect_eq "state identical after re-import" "$(snap)" "$s1"

sed -i 's/A change in the input distribution./A shift in the distribution of inputs./' "$T/c/deck.yaml"
check "import after editing a card" "$PREPDECK" --db "$DB" import "$T/c"
expect_grep "one card changed" "imported: 1 added or changed" "$T/out"
expect_eq "text updated" "$(sql "SELECT back FROM card WHERE key = 'h1'")" "A shift in the distribution of inputs."
expect_eq "reviews kept" "$(sql "SELECT count(*) FROM review_log WHERE card_key = 'h1'")" 2
expect_eq "memory state kept" "$(sql "SELECT stability, reps FROM card_state WHERE key = 'h1'")" "4.2|2"

sed -i '/id: h1,/d' "$T/c/deck.yaml"
check "import after removing a card" "$PREPDECK" --db "$DB" import "$T/c"
expect_grep "one retired" "1 retired" "$T/out"
expect_eq "card retired, not deleted" "$(sql "SELECT retired FROM card WHERE key = 'h1'")" 1
expect_eq "history of a retired card kept" "$(sql "SELECT count(*) FROM review_log WHERE card_key = 'h1'")" 2
expect_eq "retired card not counted" "$(sql "SELECT count(*) FROM card WHERE deck_id = 'hist' AND retired = 0")" 2

sed -i 's/^cards:$/cards:\n  - {id: h1, q: What is drift?, a: Back again.}/' "$T/c/deck.yaml"
check "import after restoring the card" "$PREPDECK" --db "$DB" import "$T/c"
expect_eq "card revived" "$(sql "SELECT retired, back FROM card WHERE key = 'h1'")" "0|Back again."
expect_eq "its state is still there" "$(sql "SELECT reps FROM card_state WHERE key = 'h1'")" 2

# Re-importing the bundled curriculum does not retire the user's deck.
check "bundled re-import" "$PREPDECK" --db "$DB" import
expect_eq "user deck untouched by bundled import" "$(sql "SELECT count(*) FROM card WHERE deck_id = 'hist' AND retired = 0")" 3
expect_grep "bundled re-import is idempotent" "imported: 0 added or changed, [0-9]* unchanged, 0 retired" "$T/out"

finish
