#!/bin/sh
# Item 17: another program holds the database's write lock while the
# learner grades. The screen says "database busy, retrying", keeps the
# grade, saves it when the lock is free, and never quits with it unsaved.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$T/p.db"
TUI_ENV="PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC"
"$PREPDECK" --db "$DB" settings new_per_day 4 >/dev/null

tui_start 100 30 --db "$DB" review
expect_screen "review screen" "Space/Enter: show answer"
keys Space
expect_screen "rating buttons" "1 Again"

# Another program takes the write lock and keeps it until told.
hold_lock "$DB"

keys 3
expect_screen "the screen says so" "database busy" 10
# Well past the 5 seconds after which a command gives up, the grade is
# still waiting and the program still running.
if wait_for "EXITED" 8; then fail "the program quit while busy"; else pass; fi
expect_eq "nothing written yet" "$(sql 'SELECT count(*) FROM review_log')" 0
release_lock
expect_screen "saved once the lock is free: the next card" "Space/Enter: show answer"
if wait_gone "database busy" 10; then pass; else fail "the busy message stayed"; fi
expect_eq "the grade was saved" "$(sql 'SELECT group_concat(rating) FROM review_log')" 3
keys q
expect_screen "quits normally" "EXITED 0"

finish
