#!/bin/sh
# The profile choice on the command line: until chosen, the example is
# used; `profile own` takes the example's figures out of the reviews and
# its stories out of the rehearsal schedule (they stay to read and copy);
# `profile example` brings them back. The learner's pitch, figures and
# stories from templates.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

use_curriculum profile.yaml
DB="$T/p.db"
pd() { "$PREPDECK" --db "$DB" "$@"; }

check "show before choosing" pd profile show --json
expect_grep "not chosen" '"profile": "unset"' "$T/out"
expect_grep "counts the example" '"example_figures": 2, "example_stories": 1' "$T/out"
check "due before choosing" pd due --json
expect_grep "the example's figures are due" '"id": "ex-figures".*"new": 2' "$T/out"
check "stories due before choosing" pd stories due
expect_grep "the example's story is scheduled" "ex-rag" "$T/out"

check "choose own" pd profile own
expect_eq "stored" "$(sql "SELECT value FROM setting WHERE key = 'profile'")" "own"
check "due with own" pd due --json
expect_grep "the example's figures leave the queue" '"id": "ex-figures".*"new": 0' "$T/out"
expect_grep "the total too" '^{"learning": 0, "review": 0, "new": 1,' "$T/out"
check "next with own" pd next --deck ex-figures
expect_grep "nothing from the example" "nothing due" "$T/out"
check "stories due with own" pd stories due
expect_no_grep "the example's story is not scheduled" "ex-rag" "$T/out"
check "the example stays to read" pd stories list
expect_grep "listed, marked" "(example) RAG for support" "$T/out"
check "and to copy" pd story copy ex-rag --id my-rag
check "cards of the example stay searchable" pd cards search transactions --deck ex-figures
expect_grep "found" "^ex-qps	" "$T/out"

# With a profile of one's own, the example's pitch is not rehearsed.
check_exit "rehearse pitch before writing one" 1 pd rehearse pitch
expect_grep "says how to write one" "no pitch of your own yet: write one with prepdeck profile pitch" "$T/err"

# The learner's own profile.
check "pitch" pd profile pitch "I build retrieval systems that answer from company documents."
check_exit "rehearse pitch now goes on to the timer" 1 pd rehearse pitch
expect_grep "(which needs a terminal)" "needs a terminal" "$T/err"
check "figure" pd profile figure "Queries a day on my search service" "40k" "Peak in March"
fig=$(cat "$T/out")
expect_eq "a type-in card in my-figures" "$(sql "SELECT kind || '|' || deck_id || '|' || front || '|' || back || '|' || note FROM card WHERE key = '$fig'")" "typein|my-figures|Queries a day on my search service|40k|Peak in March"
expect_eq "my-figures is a numbers deck of the learner's" "$(sql "SELECT kind || '|' || src || '|' || title FROM doc WHERE id = 'my-figures'")" "numbers||My figures"
check "the learner's figure is due" pd due --json
expect_grep "my-figures new" '"id": "my-figures".*"new": 1' "$T/out"
check "story from a template" pd profile story tpl-impact
st=$(cat "$T/out")
expect_eq "title, competencies, follow-up questions; STAR fields empty" "$(sql "SELECT title || '|' || competencies || '|' || situation || task || action || result || '|' || copied_from FROM story WHERE id = '$st'")" "My impact story| impact ownership ||tpl-impact"
expect_eq "questions without the guidance" "$(sql "SELECT question || '|' || answer FROM story_point WHERE story_id = '$st'")" "Why that metric?|"
check_exit "not a template" 1 pd profile story ex-rag
check "show" pd profile show
expect_grep "own" "^profile: own" "$T/out"
expect_grep "the pitch" "^pitch: 9 words" "$T/out"
expect_grep "figures" "^figures: 1 of yours" "$T/out"
expect_grep "stories" "^stories: 2 of yours" "$T/out"
expect_grep "example set aside" "kept out of reviews and rehearsals" "$T/out"
expect_eq "the pitch is a story of the learner's" "$(sql "SELECT origin || '|' || type || '|' || situation FROM story WHERE type = 'pitch'")" "user|pitch|I build retrieval systems that answer from company documents."

check "back to the example" pd profile example
check "due" pd due --json
expect_grep "the example's figures are back" '"id": "ex-figures".*"new": 2' "$T/out"
check_exit "a third choice" 2 pd profile mine
check_exit "bad figure: empty value" 1 pd profile figure "Metric" ""
expect_grep "says why" "a type-in card needs an answer" "$T/err"

finish
