#!/bin/sh
# Rehearsal figures and scorecards, as a person meets them: the times of
# a rehearsal add up and read the same on the summary, the stats screen
# and the command line; budget steps stay on the 5-second grid and say
# they are for every story; a story is self-scored on the categories of
# its competencies, a score goes straight to its evidence and moves on;
# a mock scorecard shows the evidence field and what it is for.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
check "copy a technical story" P story copy story-rag

# --- budget_steps_stay_on_the_five_second_grid ---------------------------
tui_start 80 24 --db "$DB" rehearse my-rag
expect_screen "ready" "Sections and budgets"
expect_screen "budgets said to be shared" "budgets are shared by every story"
expect_screen "default situation budget" "> Situation  *0:20"
keys -
expect_screen "down 5 s" "> Situation  *0:15"
expect_screen "for every story, on screen" "Situation budget 0:15, for every story"
keys - -
expect_screen "down to 5 s" "> Situation  *0:05"
keys -
expect_screen "not below 5 s" "Situation stays at 5 s"
expect_screen "still 0:05" "> Situation  *0:05"
keys + + +
expect_screen "back to the default" "> Situation  *0:20"
expect_eq "saved for every story" "$(sql "SELECT value FROM setting WHERE key = 'budget_situation'")" 20
keys Escape
expect_screen "left" "EXITED 0"
check "a budget off the grid from the command line" P rehearse budgets task 12
tui_start 80 24 --db "$DB" rehearse my-rag
expect_screen "ready" "Sections and budgets"
keys Down +
expect_screen "12 s goes up to the grid" "> Task  *0:15"
keys Escape

# --- rehearsal_times_add_up_everywhere ------------------------------------
for s in situation task action result reflection; do
	check "budget $s" P rehearse budgets "$s" 1
done
tui_start 80 24 --db "$DB" rehearse my-rag
expect_screen "ready" "Sections and budgets"
keys Space
expect_screen "running" "Situation   (1 of 5)"
# Sections of a little over half a second each: truncated they would
# read 0:00 each against a total of 0:03.
for n in 2 3 4 5; do
	sleep 0.6
	keys Space
	expect_screen "section $n" "(${n} of 5)"
done
sleep 0.6
keys Space
expect_screen "summary" "saved as a session"
screen >"$T/summary"
sum=$(grep -E '^  (Situation|Task|Action|Result|Reflection) ' "$T/summary" |
	awk '{ split($2, t, ":"); s += t[1] * 60 + t[2] } END { print s }')
total=$(awk '$1 == "Total" { split($2, t, ":"); print t[1] * 60 + t[2] }' "$T/summary")
expect_eq "the sections add up to the total" "$sum" "$total"
tot_txt=$(awk '$1 == "Total" { print $2 }' "$T/summary")
expect_eq "the database holds the same total" \
	"$(sql "SELECT total_ms / 1000 FROM rehearsal WHERE id = (SELECT max(id) FROM rehearsal)")" "$total"
expect_eq "the sections saved add up" \
	"$(sql "SELECT sum(spent_ms) = (SELECT total_ms FROM rehearsal WHERE id = (SELECT max(id) FROM rehearsal)) FROM rehearsal_section WHERE rehearsal_id = (SELECT max(id) FROM rehearsal)")" 1

# --- self_score_uses_the_story_competencies --------------------------------
expect_screen "which categories, and why" "categories from its competencies"
expect_screen "the story's competencies" "depth, Impact; clarity always"
# The sentence wraps at 80 columns: read it joined.
expect_eq "the story's competencies named" \
	"$(screen | tr '\n' ' ' | tr -s ' ' | grep -o 'competencies [^;]*; clarity always')" \
	"competencies Technical depth, Impact; clarity always"
expect_screen "clarity scored" "> Clarity"
expect_screen "impact scored" "Impact  *\[ \]"
if screen | grep -q "Conflict handling"; then fail "a technical story is scored on conflict"; else pass; fi
# A score opens its evidence, and the next score lands on the next row.
keys 3
expect_screen "evidence asked at once" "Clarity 3/4 · evidence"
keys -l "Numbers first."
keys Enter
expect_screen "evidence saved" "Numbers first."
keys 2
expect_screen "the second score is Impact's" "Impact  *\[2\]"
keys Escape
expect_eq "each score on its own category" \
	"$(sql "SELECT group_concat(category || score, ' ') FROM (SELECT * FROM rehearsal_score WHERE rehearsal_id = (SELECT max(id) FROM rehearsal) ORDER BY category)")" \
	"clarity3 impact2"
keys q
expect_screen "left" "EXITED 0"
check "the command line names the categories" P stories show my-rag
expect_grep "technical story categories" "^self-scored on: clarity, impact (categories from its competencies" "$T/out"

# The same figure on the stats screen and the command line.
check "rehearse list" P rehearse list
expect_grep "the command line shows the total" "$tot_txt" "$T/out"
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys t
expect_screen "stats" "prepdeck · Stats"
keys 4
expect_screen "the stats page shows the same total" "last $tot_txt of 0:05"
keys q q
expect_screen "quit" "EXITED 0"

# --- mock_evidence_field_is_shown ------------------------------------------
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys m
expect_screen "mock rounds" "prepdeck · Mock rounds"
keys n
expect_screen "rubric picker" "New mock round: pick a rubric"
keys Enter
expect_screen "the form" "what each score looks like"
keys 3
expect_screen "the field is labelled" "Problem understanding  *3  *Evidence:"
expect_screen "and says what it is for" "Evidence for Problem understanding, scored 3: one sentence"
keys -l "Restated and asked about sizes."
keys Enter
expect_screen "saved, on to the next category" "Approach  *·"
keys 2
expect_screen "the next evidence" "Evidence for Approach, scored 2"
keys Escape
if wait_gone "Evidence for Approach" 5; then pass; else fail "Esc leaves the evidence"; fi
keys 4
expect_screen "the third score lands on the third category" "Correctness  *4"
keys Escape
expect_eq "scores and evidence" \
	"$(sql "SELECT group_concat(cat_id || score || ':' || evidence, '|') FROM (SELECT * FROM scorecard_score ORDER BY cat_id)")" \
	"approach2:|correctness4:|understanding3:Restated and asked about sizes."
keys q q q
expect_screen "quit" "EXITED 0"

finish
