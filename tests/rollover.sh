#!/bin/sh
# One notion of "today": the study day, which turns at the rollover hour
# (04:00 by default). At 03:48 on Sunday the study day is still Saturday:
# the Today header, the plan, the stats and the calendar export all say
# so, and the header names it ("study day until 04:00"). A plan started
# at 03:48 begins on the study day that starts at 04:00, so nothing is
# overdue at 04:00, or an hour later.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
export TZ=UTC
at() { when=$1; shift; PREPDECK_NOW="$when" "$PREPDECK" --db "$DB" "$@"; }
json_field() { sed -n "s/.*\"$1\": *\"\\{0,1\\}\\([^,\"]*\\).*/\\1/p" | head -1; }

NIGHT=2026-11-29T03:48:00Z
check "a plan started at 03:48" at $NIGHT plan start two-week
expect_grep "day 1 is the study day that starts at 04:00" "day 1 is Sun 2026-11-29" "$T/out"
expect_grep "and it says when that begins" "Day 1 begins at 04:00" "$T/out"

at $NIGHT plan today --json >"$T/p1"
expect_eq "the plan's today at 03:48 is Saturday" "$(json_field date <"$T/p1")" 2026-11-28
expect_eq "before day 1" "$(json_field phase <"$T/p1")" before
expect_grep "nothing overdue at 03:48" '"overdue":\[\]' "$T/p1"
at $NIGHT stats --json >"$T/s1"
expect_eq "the stats' today at 03:48 is Saturday too" "$(json_field today <"$T/s1")" 2026-11-28
at $NIGHT export ical >"$T/cal"
expect_eq "the calendar puts day 1 on Sunday" "$(grep -m1 '^DTSTART' "$T/cal" | tr -d '\r')" "DTSTART;VALUE=DATE:20261129"

for t in 2026-11-29T04:00:00Z 2026-11-29T04:48:00Z; do
	at $t plan today --json >"$T/p2"
	expect_eq "day 1 at $t" "$(json_field phase <"$T/p2")" on
	expect_grep "day 1 at $t (number)" '"day":1,' "$T/p2"
	expect_grep "nothing overdue at $t" '"overdue":\[\]' "$T/p2"
	at $t stats --json >"$T/s2"
	expect_eq "the stats' today at $t is Sunday" "$(json_field today <"$T/s2")" 2026-11-29
done

# On screen: the header names the study day, and in the small hours says
# until when; the plan agrees.
TUI_ENV="PREPDECK_NOW=$NIGHT TZ=UTC" tui_start 80 24 --db "$DB"
expect_screen "the header at 03:48 names Saturday's study day" "Today · Sat 28 Nov, study day until 04:00"
expect_screen "the plan: day 1 comes on Sunday" "Day 1 of 14 comes on Sun 2026-11-29"
if screen | grep -q "Sunday 29 November"; then fail "the header shows the calendar date"; else pass; fi
keys q
expect_screen "quit" "EXITED 0"
TUI_ENV="PREPDECK_NOW=2026-11-29T04:05:00Z TZ=UTC" tui_start 80 24 --db "$DB"
expect_screen "the header at 04:05" "Today · Sunday 29 November 2026"
expect_screen "day 1 at 04:05" "Day 1 of 14"
if screen | grep -q "overdue"; then fail "something is overdue at 04:05"; else pass; fi
keys q
expect_screen "quit again" "EXITED 0"

# Started in the evening, a plan begins the same study day.
rm -f "$DB"
check "a plan started at 22:00" at 2026-11-28T22:00:00Z plan start two-week
expect_grep "day 1 is that day" "day 1 is Sat 2026-11-28" "$T/out"
if grep -q "begins at" "$T/out"; then fail "an evening start says it begins later"; else pass; fi

# The plan picker on screen says when day 1 is.
rm -f "$DB"
TUI_ENV="PREPDECK_NOW=$NIGHT TZ=UTC" tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys n
expect_screen "the picker says day 1 begins at 04:00" "day 1 is Sun 29 Nov at 04:00"
keys Enter
expect_screen "started, and when" "Plan started: day 1 is Sun 29 Nov at 04:00"
keys q
keys q
expect_screen "quit at last" "EXITED 0"
expect_eq "the run starts on Sunday" "$(DB=$DB sql "SELECT start_day FROM plan_run")" \
	"$(( $(date -u -d 2026-11-29 +%s) / 86400 ))"
finish
