#!/bin/sh
# u on the review screen takes back the last action of any kind: a
# suspend, a bury, a flag, a grade, in the order they were done, and says
# which card (by its question) without being cut off at 80 columns. A
# suspended card can be found and unsuspended on screen: S lists the
# suspended cards, Space unsuspends; `prepdeck card suspended` lists them
# too.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
export PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC
"$PREPDECK" --db "$DB" settings new_per_day 5 >/dev/null
TUI_ENV="PREPDECK_NOW=$PREPDECK_NOW TZ=UTC" tui_start 80 24 --db "$DB" review
expect_screen "a card" "Space/Enter: show answer"

# The key of the card on screen, from the info overlay.
card_on_screen() {
	keys e
	wait_for "Card [^ ]* (" >/dev/null
	screen | sed -n 's/.*Card \([^ ]*\) (.*/\1/p' | head -1
	keys x
	wait_gone "Press any key to close" >/dev/null
}
state() { DB=$DB sql "SELECT ifnull(suspended, 0) || ifnull(buried_until > 0, 0) || ifnull(flag, 0) FROM card c LEFT JOIN card_state s ON s.key = c.key WHERE c.key = '$1'"; }

k1=$(card_on_screen)
keys Space
wait_for "1 Again" >/dev/null
keys 3
wait_for "Space/Enter: show answer" >/dev/null
k2=$(card_on_screen)
[ "$k1" != "$k2" ] || fail "the second card is the first"
keys f
expect_screen "flagged" "Flagged (u undo)"
expect_eq "flag set" "$(state "$k2")" 001
keys s
expect_screen "suspended, with the way back" "Suspended .*u undo"
expect_eq "suspended" "$(state "$k2")" 101
k3=$(card_on_screen)
keys b
expect_screen "buried, named by its question" "Buried till tomorrow: "
expect_eq "buried" "$(state "$k3")" 010
if screen | grep -q "Buried till tomorrow: $k3"; then fail "the bury message names the key"; else pass; fi

# Undo, newest first: the bury, the suspend, the flag, then the grade.
keys u
expect_screen "unburied" "Unburied "
expect_eq "bury undone" "$(state "$k3")" 000
expect_eq "the card is back on screen" "$(card_on_screen)" "$k3"
keys u
expect_screen "unsuspended" "Unsuspended "
expect_eq "suspend undone, the flag kept" "$(state "$k2")" 001
expect_eq "the suspended card is back" "$(card_on_screen)" "$k2"
keys u
expect_screen "the flag taken off" "Flag taken off again"
expect_eq "flag undone" "$(state "$k2")" 000
keys u
expect_screen "the grade undone, by the card's question" "Undid the grade of "
expect_eq "no review left" "$(DB=$DB sql "SELECT count(*) FROM review_log")" 0
expect_eq "the graded card is back" "$(card_on_screen)" "$k1"

# A suspended card found and unsuspended without the command line.
keys s
wait_for "Suspended " >/dev/null
expect_eq "suspended again" "$(state "$k1")" 100
check "the command line lists it" "$PREPDECK" --db "$DB" card suspended
expect_grep "listed by key" "^$k1	" "$T/out"
keys S
expect_screen "the suspended list" "Suspended cards · 1"
expect_screen "its key line" "Space unsuspend"
keys Space
expect_screen "unsuspended from the list" "Unsuspended "
expect_eq "unsuspended in the database" "$(state "$k1")" 000
expect_screen "marked as back" "back "
keys q
expect_screen "back on the review" "prepdeck · Review"
keys q
expect_screen "quit" "EXITED 0"
check "nothing suspended now" "$PREPDECK" --db "$DB" card suspended
expect_grep "says so" "no card is suspended" "$T/out"
finish
