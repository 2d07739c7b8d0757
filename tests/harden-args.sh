#!/bin/sh
# Arguments that must be refused: numbers, dates and ids that are not
# exactly what the command asks for. Every refusal exits 2 with a message
# naming the argument and leaves the database byte for byte as it was.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2026-03-02T12:00:00Z TZ=UTC

check "first start" P status
check "an interview" P target set 2026-04-10 --company Acme --role "ML engineer"
check "a second interview" P target set 2026-05-10 --company Beta
check "a mock round" P mock record mock-behavioral --score clarity=3:c --score ownership=3:o \
	--score conflict=3:k --score impact=3:i --fix "say I"
check "a rehearsal" P rehearse record story-rag --time situation=20
card=$(P next | cut -f1)

snapshot() { sqlite3 "$DB" .dump | md5sum; }

# refused_with STATUS DESCRIPTION PATTERN ARGS...: exit STATUS, PATTERN in
# the message, no change to the database.
refused_with() {
	rc=$1; desc=$2; pat=$3; shift 3
	before=$(snapshot)
	check_exit "$desc" "$rc" P "$@"
	expect_grep "$desc: message" "$pat" "$T/err"
	expect_eq "$desc: database unchanged" "$(snapshot)" "$before"
}
# refused DESCRIPTION PATTERN ARGS...: a usage error (exit 2).
refused() { refused_with 2 "$@"; }

# Item 9: an interview id is a whole number, never 1.5 read as 1.
for id in 1.5 1e9 1abc "" " 1" +1 0 -1 0x1 99999999999999999999; do
	refused "target remove '$id'" "the interview ID must be a whole number" target remove "$id"
done
expect_eq "both interviews kept" "$(sql 'SELECT count(*) FROM target')" 2
check "target remove 1 still works" P target remove 1
expect_eq "interview 1 removed" "$(sql 'SELECT group_concat(id) FROM target')" 2

# Item 11: every numeric argument through the strict parser.
for d in -5 abc 99999999999999999999 1.5 " 3" 3x 86400001; do
	refused "grade --duration '$d'" "--duration must be a whole number from 0 to 86400000" \
		grade --duration "$d" "$card" 3
done
check "grade --duration 1500" P grade --duration 1500 "$card" 3
expect_eq "duration stored" "$(sql 'SELECT duration_ms FROM review_log')" 1500
refused "rehearse record --point 1abc" "--point must be a whole number from 1" \
	rehearse record story-rag --mode drill --point 1abc --time 30
refused "rehearse record --point 0" "--point must be a whole number from 1" \
	rehearse record story-rag --mode drill --point 0 --time 30
refused "rehearse list --limit 3abc" "--limit must be a whole number from 1" rehearse list --limit 3abc
refused "rehearse list --limit 0" "--limit must be a whole number from 1" rehearse list --limit 0
refused "rehearse score 1x" "the rehearsal ID must be a whole number" rehearse score 1x clarity 3
refused "rehearse score N 3x" "the score must be a whole number from 1 to 4" \
	rehearse score 1 clarity 3x
refused "rehearse note +1" "the rehearsal ID must be a whole number" rehearse note +1 hello
for l in -2147483649 -2 0 2x 100001; do
	refused "cram --list --limit '$l'" "--limit must be a whole number from 1 to 100000" \
		cram --list --limit "$l"
done
check "cram --list --limit 3" P cram --list --limit 3
expect_eq "three cards listed" "$(wc -l < "$T/out")" 3
refused "cram --skill MAP:1x" "--skill takes MAP:ROW" cram --list --skill month10-rag-map:1x
refused "gapmap gaps --limit 5x" "--limit must be a whole number from 1 to 1000" gapmap gaps --limit 5x
refused "mock show 1x" "the scorecard ID must be a whole number" mock show 1x
refused "mock delete ' 1'" "the scorecard ID must be a whole number" mock delete " 1"
refused "mock record --score N +3" "is not CAT=N:EVIDENCE" mock record mock-behavioral \
	--score clarity=+3:c --score ownership=3:o --score conflict=3:k --score impact=3:i --fix x
refused "plan shift 3x" "N (days) must be a whole number" plan shift 3x
refused "plan review 1.0" "WEEK must be a whole number" plan review 1.0
refused "replay --retention 0x0.8" "--retention must be a number from 0 to 1" replay --retention 0x0.8
refused "replay --retention nan" "--retention must be a number from 0 to 1" replay --retention nan

# Item 12: settings, strictly, and nothing that is not a finite number.
for v in nan inf -inf 1e20 0x10 " 0.9" "0.9 " +0.9 0,9 ""; do
	refused_with 1 "settings retention '$v'" "retention must be a number from 0.7 to 0.99" \
		settings retention "$v"
done
for v in 0x10 1e20 nan inf 16.0 16.5 +5 " 5" 5x 10000 -1; do
	refused_with 1 "settings new_per_day '$v'" "new_per_day must be a whole number from 0 to 9999" \
		settings new_per_day "$v"
done
check "settings new_per_day 16" P settings new_per_day 16
expect_eq "new_per_day stored" "$(P settings new_per_day)" 16
check "settings retention .85" P settings retention .85
expect_eq "retention stored" "$(P settings retention)" 0.85
# A damaged stored value falls back to the default instead of overflowing.
sql "UPDATE setting SET value = '1e20' WHERE key = 'new_per_day'"
expect_eq "damaged setting reads as the default" "$(P settings new_per_day)" 20
sql "UPDATE setting SET value = 'nan' WHERE key = 'retention'"
expect_eq "nan setting reads as the default" "$(P settings retention)" 0.90
check "settings reset" P settings retention 0.9

# Item 13: dates exactly YYYY-MM-DD, from 2000-01-01 to 2100-12-31.
for d in 2026-+1-+1 "2027- 1- 5" 2027-1-5 9999-12-31 1969-12-31 2101-01-01 2026-02-30 \
	"2026-05-01 " tomorrow; do
	refused "target set '$d'" "is \(not a date\|out of range\)" target set "$d"
	expect_grep "target set '$d': says the range" "2000-01-01 to 2100-12-31" "$T/err"
done
refused "target set echoes the date as given" "'2027- 1- 5' is not a date" target set "2027- 1- 5"
refused_with 1 "mock record --date 1969-12-31" "'1969-12-31' is out of range" mock record \
	mock-behavioral --date 1969-12-31 --score clarity=3:c --score ownership=3:o \
	--score conflict=3:k --score impact=3:i --fix x
refused "plan start --on 9999-12-31" "'9999-12-31' is out of range" plan start two-week --on 9999-12-31

# Item 10: an empty ROW names no row, even in a map of one row.
check "a map of one row" P gapmap new mine
check "its row" P gapmap add mine "Kubernetes"
refused_with 1 "gapmap delete mine ''" "ROW is empty" gapmap delete mine ""
refused_with 1 "gapmap set mine '' evidence x" "ROW is empty" gapmap set mine "" evidence x
refused_with 1 "gapmap show mine ''" "ROW is empty" gapmap show mine ""
expect_eq "the row is still there" "$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'mine' AND deleted = 0")" 1
check "a row by its start still works" P gapmap set mine kub evidence "ran a cluster"

# Item 14: an export writes only ids that import reads back.
for id in "" "Bad" "-x" "a b" "x/y" "$(printf 'a%.0s' $(seq 1 65))"; do
	refused "export gapmap --id '$id'" "--id must be an id" \
		export gapmap mine --format yaml --id "$id" --out "$T/copy.yaml"
	if [ ! -e "$T/copy.yaml" ]; then pass; else fail "--id '$id': a file was written"; fi
done
check "export gapmap --id mine.copy_2" P export gapmap mine --format yaml --id mine.copy_2 \
	--out "$T/copy.yaml"
check "the copy imports" P import "$T/copy.yaml"
expect_eq "the copy is a map" "$(sql "SELECT count(*) FROM gapmap WHERE id = 'mine.copy_2'")" 1

# Item 15: "--" ends the options everywhere; an empty command is no command.
check "gapmap add mine -- -x" P gapmap add mine -- -x
expect_eq "row named -x" "$(sql "SELECT name FROM gap_row WHERE map_id = 'mine' ORDER BY ord DESC LIMIT 1")" "-x"
check "gapmap add mine -- --category" P gapmap add mine -- --category
expect_eq "row named --category" \
	"$(sql "SELECT name FROM gap_row WHERE map_id = 'mine' ORDER BY ord DESC LIMIT 1")" "--category"
check "options before -- still count" P gapmap add --category system mine -- -y
expect_eq "row -y is a system skill" \
	"$(sql "SELECT category FROM gap_row WHERE map_id = 'mine' AND name = '-y'")" system
check "gapmap set ... -- VALUE" P gapmap set mine -- -x evidence "-- not an option"
expect_eq "evidence with dashes" "$(sql "SELECT evidence FROM gap_row WHERE name = '-x'")" \
	"-- not an option"
check "story add -- -title" P story add --id dash-story -- "-5% cost"
expect_eq "story title" "$(sql "SELECT title FROM story WHERE id = 'dash-story'")" "-5% cost"
check "story set -- value" P story set dash-story situation -- "-- a dash first"
check "target set DATE --company -- -x" P target set --company "-x" -- 2026-06-01
check "plan start --on DATE --yes" P plan start two-week --on 2026-02-20 --yes
refused "after --, --json is an operand" "argument '--json'" stats -- --json
refused "after --, an unknown option is an operand" "unexpected argument '-z'" \
	gapmap show mine 1 -- -z
check "due -- (nothing after)" P due --
check "global -- then a command" "$PREPDECK" --db "$DB" -- status
check_exit "prepdeck ''" 2 "$PREPDECK" ""
expect_grep "no command message" "no command given" "$T/err"
expect_no_grep "no guess for an empty command" "did you mean" "$T/err"

finish
