#!/bin/sh
# Text being typed is never lost by accident, and every editor has the
# same line keys: a window shrunk below 80x24 in the middle of an edit
# keeps it (keys wait, nothing quits), the message fits 20 columns;
# Ctrl-C asks while an editor holds unsaved text and quits at once
# otherwise; a copied template's guidance is a dim hint, never saved as
# the user's text; the story editor has Ctrl-U, Ctrl-K, Ctrl-W and
# Home/End like the one-line editor.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
# Home and End as the program's terminal (xterm) sends them.
HOME_KEY=$(printf '\033OH') END_KEY=$(printf '\033OF')
P() { "$PREPDECK" --db "$DB" "$@"; }
check "a map from a job description" P jd import "$top_srcdir/tests/data/jd/mlops-engineer.md"

# --- too_small_window_keeps_the_open_edit ---------------------------------
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys g
expect_screen "gap map" "Gap map · Senior MLOps Engineer"
keys l l l l
keys e
expect_screen "editing the evidence" "Enter saves · Esc cancels"
keys -l "half typed evidence"
# Shrink once the text is in (keys read while too small are dropped, and
# a busy machine may not have read them all before the resize).
expect_screen "typed" "half typed evidence"
tm resize-window -t t -x 60 -y 20
expect_screen "too small says so" "Window too small: 60x20"
keys Escape
keys q
keys Escape
tm resize-window -t t -x 80 -y 24
expect_screen "the editor is still open" "Enter saves · Esc cancels"
expect_screen "with the text typed before" "half typed evidence"
keys Enter
expect_screen "saved after the resize" "Evidence saved"
expect_eq "evidence in the database" \
	"$(sql "SELECT evidence FROM gap_row WHERE map_id = 'mlops-engineer' AND ord = (SELECT min(ord) FROM gap_row WHERE map_id = 'mlops-engineer')")" \
	"half typed evidence"

# The message says what to do within 20 columns.
tm resize-window -t t -x 20 -y 10
expect_screen "small message at 20 columns" "Window too small:"
expect_screen "what to do, at 20 columns" "Enlarge it"
expect_screen "the size needed, at 20 columns" "80x24"
expect_screen "nothing is lost, at 20 columns" "Nothing is lost"
tm resize-window -t t -x 80 -y 24
expect_screen "back" "Gap map · Senior MLOps Engineer"

# --- ctrl_c_asks_while_text_is_unsaved -----------------------------------
keys q
expect_screen "Today" "prepdeck · Today"
keys s
expect_screen "stories" "prepdeck · Stories"
keys n
expect_screen "new story title" "Title"
keys -l "Half a title"
keys C-c
expect_screen "Ctrl-C asks first" "Quit, losing the title of the new story?"
keys n
expect_screen "kept" "Kept: the title of the new story"
expect_screen "text still there" "Half a title"
keys -l " and q"
expect_screen "q is typed, not a quit" "Half a title and q"
keys C-c
expect_screen "asks again" "Quit, losing the title of the new story?"
keys y
expect_screen "then quits" "EXITED 0"
expect_eq "nothing saved" "$(sql "SELECT count(*) FROM story WHERE title LIKE 'Half a title%'")" 0

# Keys typed just before Ctrl-C, not read yet when it comes, still reach
# the editor, and then Ctrl-C asks (the program is held still while they
# are typed, so they are surely unread when the signal arrives).
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys s
expect_screen "stories" "prepdeck · Stories"
keys n
expect_screen "new story title" "Title"
pid=$(tui_pid)
kill -STOP "$pid"
keys -l "Typed ahead"
keys C-c
kill -CONT "$pid"
expect_screen "the keys typed ahead are kept" "Typed ahead"
expect_screen "and Ctrl-C asks" "Quit, losing the title of the new story?"
keys y
expect_screen "then quits" "EXITED 0"

# With nothing unsaved, Ctrl-C and q quit from Today at once.
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys C-c
expect_screen "Ctrl-C quits at once" "EXITED 0"
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys q
expect_screen "q quits at once" "EXITED 0"

# --- template_guidance_is_a_hint_not_text --------------------------------
check "copy the conflict template" P story copy tpl-conflict
expect_eq "the copy's fields are empty" \
	"$(sql "SELECT length(situation || task || action || result || reflection || metrics) FROM story WHERE id = 'my-conflict'")" 0
expect_eq "its follow-up questions are kept, answers empty" \
	"$(sql "SELECT count(*) || '/' || sum(length(answer)) FROM story_point WHERE story_id = 'my-conflict'")" "2/0"
check "export stories" P export stories
expect_no_grep "export prints no guidance" "Who disagreed with whom" "$T/out"
check "export stories as yaml" P export stories --format yaml
expect_no_grep "yaml export has no guidance" "Who disagreed with whom" "$T/out"

# A copy made before (guidance saved as text) is cleaned once.
sql "UPDATE story SET situation = (SELECT situation FROM story WHERE id = 'tpl-conflict'),
     action = 'My own words' WHERE id = 'my-conflict';
     UPDATE story_point SET answer = (SELECT answer FROM story_point WHERE story_id = 'tpl-conflict' AND ord = 0)
     WHERE story_id = 'my-conflict' AND ord = 0;
     DELETE FROM setting WHERE key = 'guidance_cleared'"
check "export an old copy" P export stories
expect_no_grep "old guidance is not exported" "Who disagreed with whom" "$T/out"
expect_no_grep "old answer guidance is not exported" "State it fairly" "$T/out"
expect_grep "the user's own words stay" "My own words" "$T/out"
sql "UPDATE story SET action = '' WHERE id = 'my-conflict'"

# On screen the guidance is dim in the empty field and in the editor.
TUI_ENV="NO_COLOR=1" tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys s
expect_screen "stories" "My conflict story"
keys Enter
expect_screen "the copy's form" "My conflict story  *yours, copied"
expect_screen "guidance shown in the empty field" "Situation  *• Who disagreed with whom"
if tm capture-pane -e -p -t t | grep "Who disagreed" | grep -q "$(printf '\033')\[2m"; then pass; else
	fail "the guidance is not drawn dim"; fi
keys Down Down
keys Enter
expect_screen "the editor" "F2 or Ctrl-S save"
expect_screen "guidance in the empty editor" "Who disagreed with whom"

# --- story_editor_has_the_line_keys ---------------------------------------
keys -l "We disagreed about the reranker"
if wait_gone "Who disagreed with whom" 5; then pass; else fail "the hint stays once typing starts"; fi
keys C-w
expect_screen "Ctrl-W deletes a word" "We disagreed about the *$"
keys C-u
if wait_gone "We disagreed" 5; then pass; else fail "Ctrl-U did not clear the line"; fi
keys -l "Line one"
keys -l "$HOME_KEY"
keys -l "X "
keys -l "$END_KEY"
keys -l "!"
keys Enter
keys -l "second line to drop"
keys -l "$HOME_KEY"
keys C-k
keys BSpace
keys F2
expect_screen "saved" "Saved\."
expect_eq "only the typed text is saved" "$(sql "SELECT situation FROM story WHERE id = 'my-conflict'")" "X Line one!"
keys q q q
expect_screen "quit" "EXITED 0"

finish
