#!/bin/sh
# An interview date set in the TUI as a person would: the countdown on
# Today, the proposed plan with its arithmetic, starting it; then cram a
# deck and find the answers logged as cram with no schedule change.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$T/p.db"
TUI_ENV="PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC"
"$PREPDECK" --db "$DB" status >/dev/null

tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys i
expect_screen "the form" "Date (YYYY-MM-DD)"
keys -l 2026-03-40
keys Enter Enter Enter
expect_screen "a bad date is refused" "Not a date"
keys C-u
keys -l 2026-03-12
keys Enter
keys -l Acme
keys Enter
keys -l "AI Engineer"
keys Enter
expect_screen "proposed plan" "so the"
expect_screen "plan name" "2-week plan (14 days)"
expect_screen "arithmetic: never in the past" "never starts in the past"
keys y
expect_screen "plan started" "Started 'Two-week interview sprint'"
keys q
expect_screen "countdown on Today" "Interview in 10 days · Acme"
expect_screen "plan on Today" "Day 1 of 14"
expect_eq "interview saved" "$(sql "SELECT day || ' ' || company || ' ' || role FROM target")" "2026-03-12 Acme AI Engineer"

# Cram the coding deck.
keys x
expect_screen "cram picker" "Cram: practise a deck now"
for i in 1 2; do keys j; done
keys Enter
expect_screen "cram screen" "Cram · "
k=$(sql "SELECT key FROM card WHERE deck_id = (SELECT id FROM doc WHERE kind IN ('deck','numbers') ORDER BY ord LIMIT 1 OFFSET 2) LIMIT 1")
keys Space
expect_screen "cram buttons" "practice: no schedule changes"
keys 3
sleep 0.3
keys Space
wait_for "practice: no schedule changes" >/dev/null
keys 1
sleep 0.3
expect_eq "two cram answers" "$(sql "SELECT count(*) FROM review_log WHERE mode = 'cram'")" 2
expect_eq "no review answers" "$(sql "SELECT count(*) FROM review_log WHERE mode = 'review'")" 0
expect_eq "no memory state written" "$(sql "SELECT count(*) FROM card_state WHERE state > 0")" 0
keys u
expect_screen "no undo in cram" "Nothing to undo in cram"
keys q q q
expect_screen "quit" "EXITED 0"

finish
