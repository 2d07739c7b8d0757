#!/bin/sh
# One parser reads every command against its entry: --name value and
# --name=value, "--" ends the options, a negative number is an operand,
# typed values go through the strict parsers, words are checked, and every
# mistake gets the same kind of message and exit 2.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2026-03-02T12:00:00Z TZ=UTC
check "first start" P status

# usage DESCRIPTION PATTERN ARGS...: exit 2, PATTERN in the message, and
# the pointer to the command's help.
usage() {
	desc=$1 pat=$2
	shift 2
	check_exit "$desc" 2 P "$@"
	expect_grep "$desc: message" "$pat" "$T/err"
	expect_grep "$desc: points to help" "(see prepdeck help $1)" "$T/err"
}

check "--name value" P cram --list --limit 2
expect_eq "two cards" "$(wc -l < "$T/out")" 2
check "--name=value" P cram --list --limit=3
expect_eq "three cards" "$(wc -l < "$T/out")" 3
check "an option after the operands" P gapmap new mine --title "Mine"
expect_eq "title stored" "$(sql "SELECT title FROM gapmap WHERE id = 'mine'")" Mine
check "a negative number is an operand" P plan start two-week
check_exit "plan shift -1 reaches the plan's own check" 1 P plan shift -1
expect_grep "its message" "number of days must be between 1 and 365, got -1" "$T/err"
usage "unknown option" "gapmap show: unknown option '--bogus'" gapmap show --bogus
usage "unknown option with a value" "unknown option '--bogus'" gapmap show --bogus=1
usage "missing value" "cram: --limit needs N" cram --list --limit
usage "a flag takes no value" "stats: --json takes no value" stats --json=yes
usage "a number out of range" "--limit must be a whole number from 1 to 100000" \
	cram --list --limit 0
usage "a date" "'2026-02-30' is not a date" plan start two-week --on 2026-02-30
usage "a word not in the list" "--sort must be map, confidence, category or name, not 'size'" \
	gapmap show --sort size
usage "too many operands" "gapmap gaps: unexpected argument 'b'" gapmap gaps a b
usage "too few operands" "gapmap add needs MAP and NAME" gapmap add mine
usage "no subcommand" "mock needs a subcommand: record, list, show, delete, rubrics" mock
usage "unknown subcommand" "gapmap: unknown subcommand 'shwo' (list, show, new," gapmap shwo
check "a default subcommand" P gapmap
expect_grep "gapmap alone lists" "mine" "$T/out"
check "a subcommand's other name" P story add "A story" --id my-story
check "story edit is story set" P story edit my-story situation "-1 is text here"
expect_eq "value starting with -" "$(sql "SELECT situation FROM story WHERE id = 'my-story'")" \
	"-1 is text here"
check "settings VALUE may start with -" sh -c '"$1" --db "$2" settings new_per_day -1; [ $? -eq 1 ]' \
	_ "$PREPDECK" "$DB"
check "CMD --help where options are operands" P settings --help
expect_grep "settings --help is help" "usage: prepdeck settings" "$T/out"
check "--help after a subcommand" P gapmap show --help
expect_grep "the command's help" "usage: prepdeck gapmap" "$T/out"
check "options repeat where the template allows" P rehearse record my-story \
	--time situation=10 --time task=5
expect_grep "both sections" "rehearsal .* saved: 0:15" "$T/out"

finish
