#!/bin/sh
# Interview dates from the command line: set, list (JSON), the proposed
# plan and its arithmetic, the reviews moved toward the day and put back
# on removal, cram without schedule changes, and bad input.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC

check "no interviews yet" P target list
expect_grep "empty list" "no upcoming interviews" "$T/out"
check_exit "bad date" 2 P target set 2026-02-30
check_exit "past date" 1 P target set 2026-03-01
expect_grep "past message" "in the past" "$T/err"
check_exit "unknown gap map" 1 P target set 2026-03-12 --map nosuch
expect_grep "map message" "no gap map 'nosuch'" "$T/err"
check_exit "unknown subcommand" 2 P target frob

# Some review history: 30 cards answered 40 days ago with due dates far
# beyond the interview (as a lower retention setting used to give).
sqlite3 "$DB" "INSERT INTO card_state(key, state, due, stability, difficulty, last_review, reps)
  SELECT key, 2, strftime('%s', '2026-04-20'), 8, 5, strftime('%s', '2026-01-21'), 3
  FROM card WHERE deck_id = 'ml-fundamentals' ORDER BY key LIMIT 30;" 2>/dev/null ||
	{ P status >/dev/null; sqlite3 "$DB" "INSERT INTO card_state(key, state, due, stability, difficulty, last_review, reps)
  SELECT key, 2, strftime('%s', '2026-04-20'), 8, 5, strftime('%s', '2026-01-21'), 3
  FROM card WHERE deck_id = 'ml-fundamentals' ORDER BY key LIMIT 30;"; }
before=$(sql "SELECT group_concat(due) FROM card_state")

check "set an interview" P target set 2026-03-12 --company Acme --role "AI Engineer" --map month10-rag-map
expect_grep "countdown" "on 2026-03-12, in 10 days" "$T/out"
expect_grep "plan proposal" "under three weeks, so the 2-week plan (14 days)" "$T/out"
expect_grep "plan arithmetic: never in the past" "it starts today (2026-03-02) and ends on 2026-03-15" "$T/out"
expect_grep "what falls after the interview" "only days 1-10 come before the interview; days 11-14 fall on or after it" "$T/out"
expect_grep "the effect" "^30 cards would be below 90% on 2026-03-12; 30 reviews added over the next 10 days" "$T/out"
expect_eq "all moved before the day" "$(sql "SELECT count(*) FROM card_state WHERE due < strftime('%s', '2026-03-12')")" 30
expect_eq "moves recorded" "$(sql "SELECT count(*) FROM deadline_move")" 30
check "schedule again finds nothing to add" P target schedule --dry-run
expect_grep "nothing left below" "^0 cards would be below" "$T/out"

check "list as JSON" P target list --json
cp "$T/out" "$T/json"
check "JSON parses" python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); assert t[0]["days_left"] == 10 and t[0]["company"] == "Acme" and t[0]["map"] == "month10-rag-map"' "$T/json"

check "proposed plan (not started)" P target plan
expect_grep "asks before starting" "To start it: prepdeck target plan --yes" "$T/out"
check "start the proposed plan" P target plan --yes
check "plan today" P plan today
expect_grep "the plan starts today" "Day 1 of 14" "$T/out"
expect_grep "nothing overdue" "0 overdue" "$T/out"
expect_grep "warned that it runs past the interview" "Note: Plan ends Sun 2026-03-15, after your interview on Thu 2026-03-12 (day 11)" "$T/out"

# Cram: practice without touching the schedule.
check "cram list" P cram --deck coding --list --limit 5
expect_eq "cram lists 5 cards" "$(wc -l < "$T/out")" 5
k=$(head -n 1 "$T/out")
s1=$(sql "SELECT ifnull((SELECT state || '/' || due FROM card_state WHERE key = '$k'), 'none')")
check "cram answer" P grade --cram "$k" 3
expect_eq "schedule untouched by cram" "$(sql "SELECT ifnull((SELECT state || '/' || due FROM card_state WHERE key = '$k'), 'none')")" "$s1"
expect_eq "logged as cram" "$(sql "SELECT mode FROM review_log WHERE card_key = '$k'")" cram
check_exit "cram an unknown deck" 1 P cram --deck nosuch --list
check_exit "cram a bad skill" 2 P cram --skill nonsense
check "cram a gap-map skill" P cram --skill cheat-sheet-map:1 --list

# Removing the interview puts the moved reviews back.
id=$(sql "SELECT id FROM target")
check "remove" P target remove "$id"
expect_eq "dues restored" "$(sql "SELECT group_concat(due) FROM card_state WHERE key NOT IN (SELECT card_key FROM review_log)")" "$(echo "$before")"
check_exit "remove again" 1 P target remove "$id"

finish
