#!/bin/sh
# The review from the command line: replay, due (and --json), next,
# grade, undo, card actions, settings, and their bad input.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC

# replay: the scheduler on a history, no database touched.
printf 'card\treviewed_at\trating\nc1\t2026-01-08T11:55:19Z\t3\nc2\t2026-01-08T12:00:00Z\t1\nc1\t2026-01-09T11:00:00Z\t3\n' > "$T/in.tsv"
check "replay" "$PREPDECK" --db "$T/none.db" replay < "$T/in.tsv"
expect_eq "replay header" "$(head -n 1 "$T/out")" "$(printf 'card\treviewed_at\trating\tstate\tdue\tstability\tdifficulty')"
expect_eq "replay rows" "$(wc -l < "$T/out")" 4
expect_grep "first review is learning, due in 10 minutes" "$(printf '^c1\t2026-01-08T11:55:19Z\t3\t1\t2026-01-08T12:05:19Z\t')" "$T/out"
if [ -e "$T/none.db" ]; then fail "replay created a database"; else pass; fi
printf 'card\treviewed_at\trating\nc1\t2026-01-08T11:55:19Z\t3\nc1\tyesterday\t3\n' > "$T/bad.tsv"
check_exit "replay with a malformed line" 1 "$PREPDECK" replay < "$T/bad.tsv"
expect_grep "replay line number" "^line 3: " "$T/err"
printf 'card\treviewed_at\trating\nc1\t2026-01-08T11:55:19Z\t5\n' > "$T/bad.tsv"
check_exit "replay with rating 5" 1 "$PREPDECK" replay < "$T/bad.tsv"
expect_grep "replay rating message" "^line 2: .*rating" "$T/err"
check "replay with --retention" "$PREPDECK" replay --retention 0.8 < "$T/in.tsv"

# due, with and without JSON.
check "due" P due
expect_grep "due totals" "^total (with daily limits) *0 *0 *20$" "$T/out"
check "due --json" P due --json
cp "$T/out" "$T/json"
check "due --json is valid JSON" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["new"] == 20 and len(d["decks"]) > 5' "$T/json"
check_exit "due for an unknown deck" 1 P due --deck nosuch
expect_grep "unknown deck message" "no deck 'nosuch'" "$T/err"

# next, grade, undo.
check "next" P next --json
cp "$T/out" "$T/json"
check "next is JSON" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["card"]' "$T/json"
k1=$(P next | cut -f1)
check "grade good" P grade "$k1" good
expect_grep "grade output" "^$k1: state learning, due 2026-03-02T10:10:00Z" "$T/out"
expect_eq "logged" "$(sql "SELECT rating, mode, prev_state FROM review_log")" "3|review|0"
check_exit "rating 5 is refused" 2 P grade "$k1" 5
expect_grep "rating message" "rating must be 1-4" "$T/err"
check_exit "rating 0 is refused" 2 P grade "$k1" 0
check_exit "unknown card" 1 P grade no-such-card 3
expect_grep "unknown card message" "no card 'no-such-card'" "$T/err"
expect_eq "bad grades log nothing" "$(sql "SELECT count(*) FROM review_log")" 1
check "undo" P undo
expect_eq "undo removes the log row" "$(sql "SELECT count(*) FROM review_log")" 0
expect_eq "undo restores the state" "$(sql "SELECT state FROM card_state WHERE key = '$k1'")" 0
check_exit "nothing left to undo" 1 P undo

# card actions.
check "card show" P card show "$k1"
expect_grep "card show source" "^source: @bundled/" "$T/out"
check "bury" P card bury "$k1"
if [ "$(P next | cut -f1)" != "$k1" ]; then pass; else fail "a buried card is still next"; fi
check "suspend" P card suspend "$k1"
expect_eq "suspended" "$(sql "SELECT suspended FROM card_state WHERE key = '$k1'")" 1
check "flag" P card flag "$k1"
expect_grep "flagged" "flagged" "$T/out"
check_exit "bad card action" 2 P card explode "$k1"

# settings.
check "settings list" P settings
expect_grep "retention listed" "^retention *0.90" "$T/out"
check "set retention" P settings retention 0.85
expect_eq "retention saved" "$(P settings retention)" 0.85
check_exit "retention out of range" 1 P settings retention 1.5
expect_grep "range message" "between 0.7 and 0.99" "$T/err"
check_exit "unknown setting" 1 P settings colour blue
check "new limit" P settings new_per_day 5
check "due follows the limit" P due
expect_grep "new limited to 5" "^total (with daily limits) *0 *0 *5$" "$T/out"

finish
