#!/bin/sh
# The review header's counts agree with `prepdeck due`, the card on
# screen included, also after an undo (the undone card and the one that
# was on screen both wait to be shown again and are counted).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
export PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC
"$PREPDECK" --db "$DB" settings new_per_day 20 >/dev/null
TUI_ENV="PREPDECK_NOW=$PREPDECK_NOW TZ=UTC" tui_start 80 24 --db "$DB" review
expect_screen "a card" "Space/Enter: show answer"

header_new() { screen | sed -n '1s/.*New *\([0-9]*\).*/\1/p'; }
header_learn() { screen | sed -n '1s/.*Learn *\([0-9]*\).*/\1/p'; }
due_new() { "$PREPDECK" --db "$DB" due --json | sed -n 's/.*"new": \([0-9]*\), "decks".*/\1/p'; }
due_learn() { "$PREPDECK" --db "$DB" due --json | sed -n 's/^{"learning": \([0-9]*\),.*/\1/p'; }

expect_eq "at the start" "$(header_new)" "$(due_new)"
for i in 1 2 3; do
	keys Space
	wait_for "1 Again" >/dev/null
	keys 3
	wait_gone "1 Again" >/dev/null
	wait_for "Space/Enter: show answer" >/dev/null
done
expect_eq "after three grades" "$(header_new)" "$(due_new)"
expect_eq "learning after three grades" "$(header_learn)" "$(due_learn)"
keys u
expect_screen "undone" "Undid the grade of"
expect_eq "after an undo" "$(header_new)" "$(due_new)"
expect_eq "learning after an undo" "$(header_learn)" "$(due_learn)"
keys u
wait_for "Undid the grade of" >/dev/null
expect_eq "after a second undo" "$(header_new)" "$(due_new)"
keys Space
wait_for "1 Again" >/dev/null
keys 3
wait_for "Space/Enter: show answer" >/dev/null
expect_eq "graded again" "$(header_new)" "$(due_new)"
keys q
expect_screen "quit" "EXITED 0"
finish
