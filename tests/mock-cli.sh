#!/bin/sh
# Mock-round scorecards from the command line: record, list, show, delete,
# rubrics; bad input gets a clear message and exit 1 (bad data) or 2
# (bad usage), and writes nothing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2024-06-15T12:00:00Z TZ=UTC

check "rubrics list" P mock rubrics
expect_grep "coding rubric listed" "^mock-coding *Coding round scorecard" "$T/out"
expect_grep "behavioral categories" "clarity ownership conflict impact" "$T/out"
check "one rubric's levels" P mock rubrics mock-behavioral
expect_grep "level text" "^  4  " "$T/out"

check_exit "empty list" 0 P mock list
expect_grep "empty list says so" "no mock rounds recorded yet" "$T/out"

check "record a behavioral round" P mock record mock-behavioral --partner "Zoë K" \
	--date 2024-06-14 --score clarity=3:"Clear STAR structure, under 3 minutes" \
	--score ownership=2:'Said "we" for most of the action' \
	--score "conflict=3:Named the disagreement and how it ended" \
	--score=impact=4:"p95 latency down 40%, cost -30%" \
	--fix "Say I, not we, in the action section"
expect_grep "record message" "recorded scorecard 1: mock-behavioral on 2024-06-14, mean 3.00" "$T/out"
expect_eq "scores stored" "$(sql "SELECT group_concat(cat_id || '=' || score, ',') FROM (SELECT * FROM scorecard_score WHERE scorecard_id = 1 ORDER BY cat_id)")" \
	"clarity=3,conflict=3,impact=4,ownership=2"
expect_eq "evidence stored verbatim" "$(sql "SELECT evidence FROM scorecard_score WHERE cat_id = 'ownership'")" \
	'Said "we" for most of the action'
expect_eq "partner stored" "$(sql "SELECT partner FROM scorecard")" "Zoë K"
expect_eq "fix stored" "$(sql "SELECT fix_next FROM scorecard")" "Say I, not we, in the action section"

# The date defaults to today's study day.
check "record a coding round" P mock record mock-coding \
	--score understanding=2:"Missed the empty input" --score approach=3:"Brute force, then a heap" \
	--score correctness=3:"One off-by-one, found it" --score complexity=2:"Only when asked" \
	--score tests=1:"Declared done after the example" --score communication=3:"Thought aloud" \
	--fix "Trace two edge cases before saying done"
expect_eq "default date" "$(sql "SELECT day FROM scorecard WHERE id = 2")" "2024-06-15"

check "list" P mock list
expect_grep "list shows the coding round first" "^   2  2024-06-15  mock-coding .*2.33  6/6 .*-: Trace two edge cases" "$T/out"
expect_grep "list shows the behavioral round" "^   1  2024-06-14  mock-behavioral .*3.00  4/4 .*Zoë K: Say I" "$T/out"
[ "$(sed -n 2p "$T/out" | cut -c1-4)" = "   2" ] && pass || fail "newest round first"
check "list by rubric" P mock list mock-behavioral
expect_no_grep "filtered list" "mock-coding" "$T/out"
check "show" P mock show 1
expect_grep "show partner" "^partner: Zoë K" "$T/out"
expect_grep "show a score" "^  ownership *2  Said \"we\"" "$T/out"
expect_grep "show fix" "^fix next: Say I, not we" "$T/out"

# Bad input: a clear message, the right status, nothing written.
n_before=$(sql "SELECT count(*) FROM scorecard")
bad() { # DESCRIPTION STATUS MESSAGE ARGS...
	d=$1 st=$2 msg=$3; shift 3
	check_exit "$d" "$st" P "$@"
	expect_grep "$d: message" "$msg" "$T/err"
}
full="--score clarity=3:a --score ownership=3:b --score conflict=3:c"
# shellcheck disable=SC2086
bad "score out of range" 1 "category 'impact': score 5 is not between 1 and 4" \
	mock record mock-behavioral $full --score impact=5:d --fix x
# shellcheck disable=SC2086
bad "score zero" 1 "score 0 is not between 1 and 4" \
	mock record mock-behavioral $full --score impact=0:d --fix x
# shellcheck disable=SC2086
bad "score not a number" 2 "'impact=four:d' is not CAT=N:EVIDENCE" \
	mock record mock-behavioral $full --score impact=four:d --fix x
# shellcheck disable=SC2086
bad "unknown category" 1 "has no category 'impakt' (did you mean 'impact'?)" \
	mock record mock-behavioral $full --score impakt=3:d --fix x
# shellcheck disable=SC2086
bad "missing category" 1 "also needs a score for impact" \
	mock record mock-behavioral $full --fix x
# shellcheck disable=SC2086
bad "category twice" 1 "category 'clarity' is scored twice" \
	mock record mock-behavioral $full --score impact=3:d --score clarity=2:e --fix x
# shellcheck disable=SC2086
bad "no evidence" 1 "category 'impact' needs one sentence of evidence" \
	mock record mock-behavioral $full --score impact=3 --fix x
# shellcheck disable=SC2086
bad "no fix" 2 "needs --fix TEXT" mock record mock-behavioral $full --score impact=3:d
# shellcheck disable=SC2086
bad "empty fix" 1 "the one thing to fix next is missing" \
	mock record mock-behavioral $full --score impact=3:d --fix ""
# shellcheck disable=SC2086
bad "unknown rubric" 1 "no rubric 'mock-behavioural' (did you mean 'mock-behavioral'?)" \
	mock record mock-behavioural $full --score impact=3:d --fix x
# shellcheck disable=SC2086
bad "bad date" 1 "'2024-02-30' is not a date" \
	mock record mock-behavioral $full --score impact=3:d --fix x --date 2024-02-30
# shellcheck disable=SC2086
bad "future date" 1 "date 2024-07-01 is in the future" \
	mock record mock-behavioral $full --score impact=3:d --fix x --date 2024-07-01
bad "no rubric" 2 "mock record needs a RUBRIC" mock record --fix x
bad "no scores" 2 "needs --score" mock record mock-coding --fix x
bad "unknown option" 2 "unknown option '--parter'" mock record mock-coding --parter x
bad "--score without a value" 2 "--score needs CAT=N:EVIDENCE" mock record mock-coding --score
bad "no subcommand" 2 "mock needs a subcommand" mock
bad "unknown subcommand" 2 "unknown subcommand 'lsit'" mock lsit
bad "show without id" 2 "mock show needs one scorecard ID" mock show
bad "show a missing id" 1 "no scorecard 99" mock show 99
bad "show a bad id" 2 "the scorecard ID must be a whole number" mock show abc
bad "list of an unknown rubric" 1 "no rubric 'nope'" mock list nope
long=$(printf '%0600d' 0)
# shellcheck disable=SC2086
bad "evidence too long" 1 "is too long (600 bytes; at most 500)" \
	mock record mock-behavioral $full --score impact=3:"$long" --fix x
expect_eq "nothing written by bad input" "$(sql "SELECT count(*) FROM scorecard")" "$n_before"
expect_eq "no stray scores" "$(sql "SELECT count(*) FROM scorecard_score")" "10"

check "delete" P mock delete 2
expect_eq "deleted with its scores" "$(sql "SELECT count(*) FROM scorecard_score WHERE scorecard_id = 2")" 0
bad "delete again" 1 "no scorecard 2" mock delete 2

check "help mock" "$PREPDECK" help mock
expect_grep "help text" "CAT=N:EVIDENCE" "$T/out"

finish
