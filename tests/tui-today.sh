#!/bin/sh
# The interactive shell, driven as a person uses it: keys sent to the
# real program in a tmux terminal, the screen read back and checked.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
tui_start 100 30 --db "$DB"
expect_screen "Today screen appears" "prepdeck · Today"
expect_screen "new cards due today" "[1-9][0-9]* new"
expect_screen "status line hints" "? help  q quit"

# The help overlay lists keys from the shared table.
keys '?'
expect_screen "help overlay" "Everywhere keys"
expect_screen "help lists quit" "Leave this screen"
keys x
if wait_gone "Everywhere keys" 5; then pass; else fail "help did not close"; fi

# A second interactive session on the same database says so plainly.
check_exit "second instance refused" 1 script -qec "'$PREPDECK' --db '$DB'" /dev/null
expect_grep "second instance message" "already running" "$T/out"

# Too small a terminal: a plain message, and it recovers on resize.
tm resize-window -t t -x 60 -y 20
expect_screen "small terminal message" "Window too small: 60x20"
tm resize-window -t t -x 100 -y 30
expect_screen "layout returns after resize" "prepdeck · Today"

# NO_COLOR and UTF-8: the middle dot renders as one character.
keys q
expect_screen "q quits" "EXITED 0"

TUI_ENV="NO_COLOR=1" tui_start 80 24 --db "$DB"
expect_screen "works at exactly 80x24 without colour" "prepdeck · Today"
keys q
expect_screen "quits again" "EXITED 0"

finish
