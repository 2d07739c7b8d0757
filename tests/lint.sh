#!/bin/sh
# prepdeck lint through the real command: FILE:LINE:COL lines and a
# summary, exit 1 on findings and 0 on none, --json, thresholds from the
# settings overridden by options, the bundled curriculum by default, and
# nothing written.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

L="$top_srcdir/tests/data/lint"
DB="$T/p.db"

check "a clean file" "$PREPDECK" --db "$DB" lint "$L/clean.yaml"
expect_grep "says so" "^lint: no findings (1 file, 3 cards)$" "$T/out"
expect_eq "lint writes no database" "$(ls "$T" | grep -c 'p.db')" 0

check_exit "the fixtures have findings" 1 "$PREPDECK" --db "$DB" lint "$L"
expect_grep "FILE:LINE:COL: rule: message" "^$L/cloze.yaml:9:7: long-cloze: cloze deletion {{c2::six words are hidden right here}} of 'cloze-block' hides 6 words (at most 5)$" "$T/out"
expect_grep "a duplicate names both places" "^$L/duplicates-b.yaml:7:9: duplicate: card 'dup-loop-again' nearly duplicates card 'dup-loop' at $L/duplicates-a.yaml:7:9 " "$T/out"
expect_grep "a generic task" "^$L/plan.yaml:17:24: generic-task: plan task 't1' is generic: 'Daily card review.'" "$T/out"
expect_grep "a term without a deck" "^$L/vocabulary.yaml:16:9: term-without-deck: " "$T/out"
expect_grep "a type-in a keyboard cannot type" "^$L/typein.yaml:9:47: typein-keyboard: .*'é'" "$T/out"
expect_grep "a long answer" "^$L/answers.yaml:8:8: long-answer: the answer of 'ans-long' has 61 words (at most 60)" "$T/out"
expect_grep "the summary counts per rule" "^lint: 18 findings (4 long-answer, 2 long-cloze, 3 duplicate, 2 term-without-deck, 5 generic-task, 2 typein-keyboard) in 9 files, 32 cards$" "$T/out"

check_exit "--json" 1 "$PREPDECK" --db "$DB" lint --json "$L"
cp "$T/out" "$T/lint.json"
check "the JSON parses and holds what the lines say" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["files"] == 9 and d["cards"] == 32, d
assert d["thresholds"] == {"answer_max": 60, "cloze_max": 5, "duplicate": 0.2}, d["thresholds"]
assert d["counts"]["long-cloze"] == 2 and d["counts"]["invalid"] == 0, d["counts"]
assert len(d["findings"]) == sum(d["counts"].values())
dup = [f for f in d["findings"] if f["rule"] == "duplicate"][0]
assert dup["id"] == "dup-loop-again" and dup["line"] == 7 and dup["col"] == 9, dup
assert dup["other"]["id"] == "dup-loop" and dup["other"]["file"].endswith("duplicates-a.yaml"), dup
' "$T/lint.json"

# Thresholds: options for one run, settings for good, options first.
check "--answer-max 61 clears the long answers" "$PREPDECK" --db "$DB" lint --answer-max 61 "$L/answers.yaml"
check_exit "--answer-max=60 brings them back" 1 "$PREPDECK" --db "$DB" lint --answer-max=60 "$L/answers.yaml"
check_exit "--cloze-max out of range" 2 "$PREPDECK" --db "$DB" lint --cloze-max 0 "$L"
expect_grep "with the range" "lint_cloze_max must be a whole number from 1 to 100, not '0'" "$T/err"
check_exit "--duplicate needs a number" 2 "$PREPDECK" --db "$DB" lint --duplicate high "$L"
check_exit "--duplicate needs a value" 2 "$PREPDECK" --db "$DB" lint --duplicate
check_exit "unknown option" 2 "$PREPDECK" --db "$DB" lint --fast "$L"
check "set lint_cloze_max" "$PREPDECK" --db "$DB" settings lint_cloze_max 6
check "settings list it" "$PREPDECK" --db "$DB" settings
expect_grep "lint_duplicate listed with its default" "^lint_duplicate  *0.20 " "$T/out"
check "the setting applies" "$PREPDECK" --db "$DB" lint "$L/cloze.yaml"
check_exit "an option overrides the setting" 1 "$PREPDECK" --db "$DB" lint --cloze-max 5 "$L/cloze.yaml"
check_exit "a bad stored value is refused" 1 "$PREPDECK" --db "$DB" settings lint_duplicate 2

# The bundled curriculum by default.
mkdir -p "$T/bundled"
cp "$L/clean.yaml" "$T/bundled/"
check "no PATH lints the bundled curriculum" env PREPDECK_CONTENT="$T/bundled" "$PREPDECK" --db "$DB" lint
expect_grep "one file" "no findings (1 file, 3 cards)" "$T/out"

check "help lint" "$PREPDECK" help lint
expect_grep "help names the rules" "term-without-deck" "$T/out"
check "help lists lint" "$PREPDECK" --help
expect_grep "listed" "^  lint " "$T/out"

finish
