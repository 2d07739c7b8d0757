#!/bin/sh
# Two first starts on a fresh home: the data directory does not exist
# yet, so the lock beside the database must create it before locking;
# the second start is refused instead of running on the same file. A lock
# that cannot be taken is an error, never a silent pass.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }
command -v script >/dev/null || { echo "script is required"; exit 1; }

[ ! -e "$HOME/.local" ] || fail "the test home is not fresh"
tui_start 80 24
expect_screen "the first start runs" "prepdeck · Today"
expect_eq "data directory made private" "$(stat -c %a "$HOME/.local/share/prepdeck")" 700
check_exit "the second first start is refused" 1 \
	timeout 10 script -qec "env HOME='$HOME' '$PREPDECK'" /dev/null
expect_grep "it says why" "already running" "$T/out"
keys q
expect_screen "the first one quits normally" "EXITED 0"

# A lock file that cannot be created (a directory stands in its place).
mkdir -p "$T/x/p.db.lock"
check_exit "no lock, no start" 1 timeout 10 script -qec "'$PREPDECK' --db '$T/x/p.db'" /dev/null
expect_grep "the lock failure is named" "cannot create the lock file" "$T/out"

finish
