#!/bin/sh
# The rehearsal timer driven as a person uses it: a story rehearsed
# against short budgets (overrun shown, pause not counted, a resize in
# the middle), the self-score and "what I'd change", a drill-down
# follow-up, an abandoned attempt, the pitch, the interview loop; each
# session found in the database and on the stats screen.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
ms() { echo $(($(date +%s%N) / 1000000)); }

check "copy a story" P story copy story-rag
for s in situation task result reflection drill; do
	check "budget $s 1 s" P rehearse budgets "$s" 1
done
check "budget action 2 s" P rehearse budgets action 2

tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys s
expect_screen "stories screen" "prepdeck · Stories"
expect_screen "the user's story first" "> RAG for banking support.*mine"
keys r
expect_screen "ready: sections and budgets" "Sections and budgets"
expect_screen "the short action budget" "Action  *0:02"
expect_screen "the total budget" "Total  *0:06"

t0=$(ms)
keys Space
expect_screen "first section running" "Situation   (1 of 5)"
expect_screen "the big clock" "█████"
expect_screen "the story's cue words" "The assistant had to answer"
expect_screen "overrun shown after 1 s" "OVER BUDGET by" 5
expect_screen "a bar" "████"

# Pause: the clock stands still and the paused time is not counted.
keys p
expect_screen "paused" "PAUSED"
sleep 0.3
c1=$(screen | grep "OVER BUDGET")
tp0=$(ms)
sleep 1.5
c2=$(screen | grep "OVER BUDGET")
expect_eq "the clock stands still while paused" "$c2" "$c1"
keys p
tp1=$(ms)
if wait_gone "PAUSED" 5; then pass; else fail "still paused"; fi

# A resize in the middle changes the layout, not the time.
tm resize-window -t t -x 100 -y 30
expect_screen "still running after a resize" "Situation   (1 of 5)"
tm resize-window -t t -x 80 -y 24
expect_screen "back at 80x24" "Situation   (1 of 5)"

keys Space
expect_screen "second section" "Task   (2 of 5)"
keys Space
expect_screen "third section" "Action   (3 of 5)"
keys Space
expect_screen "fourth section" "Result   (4 of 5)"
keys Space
expect_screen "last section" "Reflection   (5 of 5)"
expect_screen "the last section says finish" "Space finish"
keys Space
expect_screen "summary" "saved as a session"
t1=$(ms)
expect_screen "time against budget" "Situation  *0:0[1-9]  *0:01  *+0:0[0-9] over"

# The session is in the database at once, before any score.
id=$(DB=$DB sql "SELECT max(id) FROM rehearsal")
expect_eq "one completed story session" "$(DB=$DB sql "SELECT story_id || '|' || mode || '|' || completed || '|' || budget_ms FROM rehearsal WHERE id = $id")" "my-rag|story|1|6000"
expect_eq "five sections in order" "$(DB=$DB sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM rehearsal_section WHERE rehearsal_id = $id ORDER BY ord)")" \
	"Situation Task Action Result Reflection"
sit=$(DB=$DB sql "SELECT spent_ms FROM rehearsal_section WHERE rehearsal_id = $id AND ord = 0")
if [ "$sit" -gt 1000 ]; then pass; else fail "situation ran over its 1 s budget: $sit ms"; fi
total=$(DB=$DB sql "SELECT total_ms FROM rehearsal WHERE id = $id")
wall=$((t1 - t0)) pause=$((tp1 - tp0))
# The total is the wall time minus the pause (within the key latency and
# the rounding of five sections to whole seconds).
if [ "$total" -le $((wall - pause + 2800)) ] && [ "$total" -ge $((wall - pause - 4000)) ]; then pass; else
	fail "total $total ms against wall $wall ms minus pause $pause ms"
fi

# Self-score: 1-4 opens the sentence of evidence; saving or skipping it
# moves on. The categories are those of the story's competencies.
expect_screen "categories of the story" "depth, Impact; clarity always"
# The sentence wraps at 80 columns: read it joined.
expect_eq "the story's competencies named" \
	"$(screen | tr '\n' ' ' | tr -s ' ' | grep -o 'competencies [^;]*; clarity always')" \
	"competencies Technical depth, Impact; clarity always"
keys 3
expect_screen "score shown" "Clarity  *\[3\]"
expect_screen "evidence editor" "Clarity 3/4 · evidence"
keys -l "Réponse claire — 2 min, chiffres d'abord."
keys Enter
expect_screen "evidence saved" "Réponse claire — 2 min"
keys 2
expect_screen "impact scored" "Impact  *\[2\]"
expect_screen "its evidence asked" "Impact 2/4 · evidence"
keys Escape
if wait_gone "Impact 2/4 · evidence" 5; then pass; else fail "Esc skips the evidence"; fi
keys Enter
expect_screen "note editor" "What I'd change: one sentence"
keys -l "Commencer par le chiffre."
keys Enter
expect_screen "note shown" "Commencer par le chiffre."
expect_eq "scores saved" "$(DB=$DB sql "SELECT group_concat(category || score || ':' || evidence, '|') FROM (SELECT * FROM rehearsal_score WHERE rehearsal_id = $id ORDER BY category)")" \
	"clarity3:Réponse claire — 2 min, chiffres d'abord.|impact2:"
expect_eq "note saved" "$(DB=$DB sql "SELECT change_note FROM rehearsal WHERE id = $id")" "Commencer par le chiffre."

# Drill-down: the first decision point, timed, saved as a drill.
q1=$(DB=$DB sql "SELECT question FROM story_point WHERE story_id = 'my-rag' AND ord = 0")
keys d
expect_screen "the follow-up" "The interviewer follows up"
expect_screen "the first decision point" "$(echo "$q1" | cut -c1-40)"
keys Space
expect_screen "drill clock" "Follow-up answer   (1 of 1)"
sleep 1.2
keys Space
expect_screen "drill done" "Drill-down done"
expect_screen "the prepared notes" "Your notes for this follow-up"
expect_eq "drill session" "$(DB=$DB sql "SELECT r.mode || '|' || r.story_id || '|' || s.name || '|' || s.budget_ms FROM rehearsal r JOIN rehearsal_section s ON s.rehearsal_id = r.id WHERE r.id = (SELECT max(id) FROM rehearsal)")" \
	"drill|my-rag|$q1|1000"
keys d
expect_screen "the next drill asks the second point" "$(DB=$DB sql "SELECT substr(question, 1, 40) FROM story_point WHERE story_id = 'my-rag' AND ord = 1")"
keys q
expect_screen "back on the list" "prepdeck · Stories"
expect_screen "rehearsed today, mean score 2.5" "RAG for banking support.*mine  *today  *1  *2.5"

# Abandon asks first, then keeps the attempt as unfinished.
keys r
expect_screen "ready again" "Sections and budgets"
keys Space
expect_screen "running" "Situation   (1 of 5)"
sleep 1.1
keys Escape
expect_screen "abandon asks" "Abandon this rehearsal?"
keys n
expect_screen "still running after no" "Space next section"
keys Escape
expect_screen "asks again" "Abandon this rehearsal?"
keys y
expect_screen "abandoned: back to the start" "Sections and budgets"
expect_screen "abandoned message" "kept as an unfinished attempt"
expect_eq "abandoned session kept, not completed" "$(DB=$DB sql "SELECT completed || mode FROM rehearsal WHERE id = (SELECT max(id) FROM rehearsal)")" "0story"

# The session on the stats screen.
keys q
keys q
expect_screen "Today again" "prepdeck · Today"
keys t
expect_screen "stats" "prepdeck · Stats"
keys 4
expect_screen "rehearsal page lists the story" "RAG for banking support.*1 run"
keys q
keys q
expect_screen "quit" "EXITED 0"

# The pitch, started from the command line, and the ASCII clock.
TUI_ENV="NO_COLOR=1" tui_start 80 24 --db "$DB" rehearse pitch
expect_screen "pitch ready" "Pitch · (example) 60-second pitch"
keys Space
expect_screen "one section" "Pitch   (1 of 1)"
expect_screen "ASCII digits without colour" "#####"
keys Space
expect_screen "pitch summary" "saved as a session"
keys q
expect_screen "pitch leaves to the shell" "EXITED 0"
expect_eq "pitch session" "$(DB=$DB sql "SELECT mode || '|' || story_id || '|' || budget_ms FROM rehearsal WHERE id = (SELECT max(id) FROM rehearsal)")" "pitch|pitch-60s|60000"

# The interview loop: a timer per segment.
tui_start 80 24 --db "$DB" rehearse flow
expect_screen "loop segments" "Introduction and pitch  *5:00"
expect_screen "an hour in all" "1:00:00"
keys Space
expect_screen "first segment" "Introduction and pitch   (1 of 6)"
expect_screen "its cues" "Deliver the 60-second pitch"
keys Space
expect_screen "second segment" "Project deep-dive   (2 of 6)"
sleep 1.1
keys Escape
keys y
keys q
expect_screen "loop leaves" "EXITED 0"
expect_eq "abandoned loop kept" "$(DB=$DB sql "SELECT mode || completed || ifnull(story_id, '-') FROM rehearsal WHERE id = (SELECT max(id) FROM rehearsal)")" "flow0-"

check_exit "rehearse an unknown story" 1 P rehearse nope
expect_grep "unknown story message" "no story 'nope'" "$T/err"

finish
