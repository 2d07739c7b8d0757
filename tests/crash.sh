#!/bin/sh
# A crash loses no grade: the program is killed with SIGKILL between
# grades and every grade given before is in the database; the lock dies
# with the process, so it starts again at once.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$T/crash.db"
TUI_ENV="PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC"
"$PREPDECK" --db "$DB" status >/dev/null

tui_start 100 30 --db "$DB" review
expect_screen "review screen" "Space/Enter: show answer"
for rating in 3 4 1 3 2; do
	keys Space
	wait_for "1 Again" >/dev/null
	keys $rating
	wait_for "Space/Enter: show answer" >/dev/null
done
keys Space
wait_for "1 Again" >/dev/null
pid=$(tui_pid)
if [ -n "$pid" ]; then pass; else fail "no process to kill"; fi
kill -9 "$pid"
sleep 0.3
expect_eq "every grade before the kill is there" "$(sql "SELECT group_concat(rating, ',') FROM review_log")" "3,4,1,3,2"
expect_eq "and the memory state of each card" "$(sql "SELECT count(*) FROM card_state WHERE state > 0")" 5
check "database intact" sh -c "[ \"\$(sqlite3 '$DB' 'PRAGMA integrity_check')\" = ok ]"

tui_start 100 30 --db "$DB"
expect_screen "starts again after the kill" "prepdeck · Today"
keys q
finish
