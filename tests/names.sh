#!/bin/sh
# Things are named by what a person reads, not by internal ids: `card
# show` and `grade` give the state in words; on screen, ticking a plan
# task says the task's text, and burying a card names its question.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
export PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC
P() { "$PREPDECK" --db "$DB" "$@"; }
k=$(P next | cut -f1)
check "card show of a new card" P card show "$k"
expect_grep "state in words: new" "^state: new$" "$T/out"
expect_grep "yes/no, not 0/1" "^suspended: no$" "$T/out"
check "grade" P grade "$k" 3
expect_grep "grade says the state in words" "^$k: state learning, due" "$T/out"
check "card show after a grade" P card show "$k"
expect_grep "state in words: learning" "^state: learning$" "$T/out"
P grade "$k" 4 >/dev/null
check "card show of a review card" P card show "$k"
expect_grep "state in words: review" "^state: review$" "$T/out"

check "start a plan" P plan start two-week
tui_start 80 24 --db "$DB"
expect_screen "Today with the plan" "Day 1 of 14"
keys Space
expect_screen "ticking names the task by its text" "Done: Import your posting as"
if screen | grep -q "Done: d1-"; then fail "the message names the task id"; else pass; fi
keys r
expect_screen "the review" "Space/Enter: show answer"
keys b
expect_screen "burying names the card's question" "Buried till tomorrow: [A-Z]"
keys q
keys q
expect_screen "quit" "EXITED 0"
finish
