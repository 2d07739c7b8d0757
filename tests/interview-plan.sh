#!/bin/sh
# Interview proposals respect the calendar: for an interview 4 days out
# the proposed plan starts today (never in the past, so nothing shows as
# overdue) and says which of its days fall after the interview; the
# proposal names the running plan it would replace and asks first; and a
# running plan that runs past the interview is warned about on Today, on
# the interview screen and by the command line.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
export TZ=UTC PREPDECK_NOW=2026-11-28T10:00:00Z
P() { "$PREPDECK" --db "$DB" "$@"; }

check "a six-week plan runs" P plan start six-week
check "an interview in 4 days" P target set 2026-12-02 --company Acme
expect_grep "the proposal starts today" "it starts today (2026-11-28)" "$T/out"
expect_no_grep "not in the past" "days ago" "$T/out"
expect_grep "it says what falls after" "only days 1-4 come before the interview; days 5-14" "$T/out"
expect_grep "it names the plan it replaces" "That replaces the running plan 'Six-week build for durable signal' (day 1 of 42" "$T/out"
expect_eq "nothing started without asking" "$(DB=$DB sql "SELECT plan_id FROM plan_run WHERE active = 1")" six-week
check "the running plan is warned about" P plan today
expect_grep "six weeks run past the interview" "Note: Plan ends Fri 2027-01-08, after your interview on Wed 2026-12-02 (day 5)" "$T/out"

# On screen: Today warns; the interview screen proposes, names what it
# replaces, and starts only on y.
tui_start 80 24 --db "$DB"
expect_screen "Today warns" "! Plan ends Fri 2027-01-08, after your interview on Wed 2026-12-02 (day 5)"
keys i
expect_screen "the interview screen" "Interview dates"
expect_screen "it warns too" "! Plan ends Fri 2027-01-08"
keys P
expect_screen "the proposal" "never starts in the past"
expect_screen "what it replaces" "It replaces the running plan 'Six-week build for durable"
expect_screen "asks" "y  replace it and start this plan"
keys n
expect_eq "n keeps the running plan" "$(DB=$DB sql "SELECT plan_id FROM plan_run WHERE active = 1")" six-week
keys P
expect_screen "the proposal again" "It replaces the running plan"
keys y
expect_screen "started, by title" "Started 'Two-week interview sprint'"
expect_eq "y replaced it" "$(DB=$DB sql "SELECT plan_id || ':' || start_day FROM plan_run WHERE active = 1")" \
	"two-week:$(( $(date -u -d 2026-11-28 +%s) / 86400 ))"
expect_screen "the two-week plan also runs past it: still warned" "! Plan ends Fri 2026-12-11"
keys q
expect_screen "Today: day 1, nothing overdue" "Day 1 of 14"
if screen | grep -q "overdue"; then fail "something is overdue on day 1"; else pass; fi
keys q
expect_screen "quit" "EXITED 0"

# A plan that fits: no warning.
check "an interview after the plan's end" P target set 2027-01-20
check "remove the first" P target remove "$(DB=$DB sql "SELECT id FROM target WHERE company = 'Acme'")"
check "plan today" P plan today --json
expect_grep "no warning when it fits" '"interview_warning":null' "$T/out"
finish
