#!/bin/sh
# Ctrl-S is a key, not the terminal's XOFF: the story editor's footer
# offers "Ctrl-S save", and pressing it saves. Flow control is off only
# while prepdeck runs: after Ctrl-Z the shell has its own mode back, after
# fg Ctrl-S saves again (and arrow keys work at once), and after quitting
# the shell's mode is as before.
# Runs in an interactive shell inside tmux, so job control works.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }
command -v bash >/dev/null || { echo "bash is required"; exit 1; }

DB="$T/p.db"
id=$("$PREPDECK" --db "$DB" story add "Flow control story")
[ -n "$id" ] || fail "story add printed no id"

tm kill-server 2>/dev/null || true
TMUX_SOCK="prepdeck-test-$$-flow"
tm -f /dev/null new-session -d -s t -x 80 -y 24 \
	"env -i PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME='$HOME' PS1='shell> ' PREPDECK_CONTENT='$PREPDECK_CONTENT' bash --norc --noprofile -i"
expect_screen "a shell" "shell>"
# What the shell's terminal mode says about flow control (ixon or -ixon).
keys -l "stty -a | tr ' ' '\\n' | grep -x -- '-*ixon' | sed 's/^/mode: /'"
keys Enter
expect_screen "flow control on in the shell" "^mode: ixon"
keys -l "clear; '$PREPDECK' --db '$DB'"
keys Enter
expect_screen "Today" "prepdeck · Today"
keys s
expect_screen "the story bank" "prepdeck · Stories"
keys g
keys Enter
expect_screen "the story's form" "Flow control story"
keys Down Down
keys Enter
expect_screen "the editor offers Ctrl-S" "F2 or Ctrl-S save"
keys -l "saved with ctrl-s"
keys C-s
expect_screen "Ctrl-S saved" "Saved\."
expect_eq "the text is in the database" \
	"$(DB=$DB sql "SELECT situation FROM story WHERE id = '$id'")" "saved with ctrl-s"

# Suspend: the shell gets its own mode back.
keys C-z
expect_screen "suspended to the shell" "shell>"
keys -l "clear; stty -a | tr ' ' '\\n' | grep -x -- '-*ixon' | sed 's/^/mode: /'"
keys Enter
expect_screen "flow control back on while suspended" "^mode: ixon"
keys -l "fg"
keys Enter
expect_screen "back in prepdeck" "prepdeck · Story"
expect_screen "the form redrawn, on the same field" ">Situation *saved with ctrl-s"
# The first arrow key after fg is an arrow key (the keypad mode is back).
keys Down
expect_screen "Down works at once after fg" ">Task"
keys Up
expect_screen "and Up" ">Situation"
keys Enter
expect_screen "the editor again" "F2 or Ctrl-S save"
keys C-e
keys -l " and again"
keys C-s
expect_screen "Ctrl-S saves after resuming" "Saved\."
expect_eq "the second save is in the database" \
	"$(DB=$DB sql "SELECT situation FROM story WHERE id = '$id'")" "saved with ctrl-s and again"
keys q
keys q
keys q
expect_screen "quit to the shell" "shell>"
keys -l "clear; stty -a | tr ' ' '\\n' | grep -x -- '-*ixon' | sed 's/^/mode: /'"
keys Enter
expect_screen "the shell's mode after quitting" "^mode: ixon"

finish
