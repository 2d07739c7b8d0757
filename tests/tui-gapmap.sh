#!/bin/sh
# The gap-map screen, driven as a person uses it in a real terminal: open
# it from Today, add a row, type evidence with non-ASCII text in the line
# editor, set confidence, undo, filter, sort, delete with confirmation,
# quit, restart and find everything again on screen and in the database;
# and an edit followed at once by kill -9 is still there.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
check "a map from a job description" P jd import "$top_srcdir/tests/data/jd/mlops-engineer.md"
row() { sql "SELECT $2 FROM gap_row WHERE map_id = 'mlops-engineer' AND name = '$1'"; }

tui_start 80 24 --db "$DB"
expect_screen "Today names the gaps" "Skills gaps · Senior MLOps"
expect_screen "the weakest three" "Weakest: Kubernetes –  ·  CI/CD –  ·  Model monitoring –"
keys g
expect_screen "g opens the gap map" "Gap map · Senior MLOps Engineer"
expect_screen "rows in map order" "! Kubernetes  *tech"
expect_screen "what the posting called it" "asked as: Kubernetes,EKS,Helm charts"

# Add a row: a prompts for the name, the cursor lands on its evidence.
keys a
expect_screen "add prompts" "New skill:"
keys "Evals for agents" Enter
expect_screen "row added" "Added 'Evals for agents'"
expect_eq "added row in the database" "$(row 'Evals for agents' "category || '/' || edited")" "technical/1"

# Evidence with non-ASCII text, typed into the cell.
keys Enter
expect_screen "editing" "Enter saves · Esc cancels"
keys "Cut p95 from 3.1 s → 1.8 s, naïve baseline"
keys Enter
expect_screen "evidence saved" "Evidence saved ('Evals for agents')"
expect_eq "evidence in the database" "$(row 'Evals for agents' evidence)" \
	"Cut p95 from 3.1 s → 1.8 s, naïve baseline"
expect_screen "evidence in the pane" "Evidence   Cut p95 from 3.1 s → 1.8 s, naïve baseline"

# Confidence from the number keys and +/-; undo steps back one edit.
keys 4
expect_screen "confidence 4" "Confidence 4/5 saved ('Evals for agents')"
expect_screen "bar" "Evals for agents .* ■■■■□ 4"
expect_eq "confidence in the database" "$(row 'Evals for agents' confidence)" 4
keys +
expect_screen "plus" "Confidence 5/5 saved"
keys u
expect_screen "undo" "Undone: confidence back to 4"
expect_eq "undone in the database" "$(row 'Evals for agents' confidence)" 4
keys u
expect_screen "undo again" "Undone: confidence back to not rated"
expect_eq "unrated in the database" "$(row 'Evals for agents' "ifnull(confidence, 'none')")" none
keys 3
expect_screen "rated again" "Confidence 3/5 saved"

# The line editor: UTF-8 aware cursor, Ctrl-A/Ctrl-E, Backspace,
# Delete, Esc cancels.
keys l
expect_screen "next-action column" "Next action"
keys e
keys "naïve"
keys Left Left BSpace
keys "ü"
keys C-e " 日本語" Left BSpace
keys C-a DC "X" C-e "Z"
keys Enter
expect_screen "next saved" "Next action saved"
expect_eq "edited text in the database" "$(row 'Evals for agents' next_action)" "Xaüve 日語Z"
keys Enter
keys "garbage"
keys Escape
expect_screen "Esc cancels" "Cancelled; nothing changed"
expect_eq "cancel changes nothing" "$(row 'Evals for agents' next_action)" "Xaüve 日語Z"
# Long text scrolls sideways: the end shows, with a mark at the left.
keys Enter C-u "0123456789abcdefghijklmnopqrstuvwxyz-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-end"
expect_screen "scrolled to the end" "<.*XYZ-end"
keys C-a
expect_screen "back to the start" "0123456789abcdefghijklmn.*>"
keys Escape

# Filter and sort.
# ("agents" would also find Security engineering, whose decks include it.)
keys f
keys "evals"
expect_screen "filtered as typed" "1/1 · Evals for agents"
keys Enter
expect_screen "filter kept" "sort: map · filter: evals"
keys f C-u Enter
expect_screen "filter cleared" "Filter cleared"
keys s
expect_screen "sorted by confidence" "sort: confidence"
keys s s s
expect_screen "sort cycles back" "sort: map"

# Delete asks first; n keeps, y deletes, u restores.
keys -l "$(printf '\033OH')"
expect_screen "first row" "1/38 · Kubernetes"
keys d
expect_screen "asks" "Delete 'Kubernetes'? y deletes"
keys n
expect_screen "kept" "Kept it"
expect_eq "not deleted" "$(row Kubernetes deleted)" 0
keys d y
expect_screen "deleted" "Deleted 'Kubernetes' · u undoes"
expect_eq "deleted in the database" "$(row Kubernetes deleted)" 1
keys u
expect_screen "restored" "Undone: restored the deleted row"
expect_eq "restored in the database" "$(row Kubernetes deleted)" 0

# Category and status cycle with Enter.
keys h h
keys Enter
expect_screen "status cycles" "Status: doing ('Kubernetes')"
expect_eq "status in the database" "$(row Kubernetes status)" doing
keys h h Enter
expect_screen "category cycles" "Category: system ('Kubernetes')"
expect_eq "category in the database" "$(row Kubernetes category)" system
keys j 2
expect_screen "CI/CD rated" "Confidence 2/5 saved ('CI/CD')"

# The map picker, and a deck review from a row.
keys m
expect_screen "map list" "Gap maps — Enter opens"
expect_screen "both maps listed" "cheat-sheet-map"
keys Escape
keys r
expect_screen "r reviews the linked deck" "prepdeck · Review"
keys q
expect_screen "back on the map" "prepdeck · Gap map"
keys q
expect_screen "back on Today" "prepdeck · Today"
expect_screen "Today follows the edits" "Weakest: CI/CD 2/5  ·  Kubernetes –"
keys q
expect_screen "quits" "EXITED 0"

# Restart: everything is still there.
tui_start 80 24 --db "$DB"
expect_screen "Today again" "prepdeck · Today"
keys g
expect_screen "map again" "Gap map · Senior MLOps"
keys -l "$(printf '\033OF')"
expect_screen "added row still there" "38/38 · Evals for agents"
expect_screen "its evidence" "Cut p95 from 3.1 s → 1.8 s, naïve baseline"
expect_screen "its confidence" "Evals for agents .* ■■■□□ 3"
expect_screen "its next action" "Next       Xaüve 日語Z"

# An edit, then kill -9 at once: the edit is on disk.
keys 5
expect_screen "saved before the kill" "Confidence 5/5 saved"
pid=$(ps -o pid= --ppid "$(tm list-panes -t t -F '#{pane_pid}')" | tr -d ' ')
if [ -n "$pid" ]; then kill -9 "$pid"; pass; else fail "no prepdeck process to kill"; fi
i=0
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then pass; else fail "prepdeck still running"; fi
expect_eq "edit survived kill -9" "$(row 'Evals for agents' confidence)" 5
expect_eq "history survived too" \
	"$(sql "SELECT new FROM gap_edit WHERE field = 'confidence' ORDER BY id DESC LIMIT 1")" 5

# Without colour and at 80x24 the bar still shows the level.
TUI_ENV="NO_COLOR=1" tui_start 80 24 --db "$DB"
keys g
keys -l "$(printf '\033OF')"
expect_screen "no colour" "Evals for agents .* ■■■■■ 5"
keys q q
expect_screen "quits again" "EXITED 0"

finish
