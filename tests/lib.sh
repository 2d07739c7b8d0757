# Shared helpers for the shell tests: a private temporary directory, a
# private database, assertion helpers that count, and tmux drivers.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${PREPDECK:=$top_builddir/src/prepdeck}"
export PREPDECK_CONTENT="$top_srcdir/content"
unset PREPDECK_DB XDG_DATA_HOME PREPDECK_NOW NO_COLOR

T=$(mktemp -d "${TMPDIR:-/tmp}/prepdeck-test.XXXXXX")
export HOME="$T/home"
mkdir -p "$HOME"
npass=0
nfail=0
TMUX_SOCK="prepdeck-test-$$"
tmux_n=0

cleanup() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT

pass() { npass=$((npass + 1)); }
fail() { nfail=$((nfail + 1)); echo "FAIL: $*" >&2; }

# check DESCRIPTION COMMAND...: the command must succeed.
check() {
	desc=$1; shift
	if "$@" >"$T/out" 2>"$T/err"; then pass; else
		fail "$desc (exit $?)"; sed 's/^/  | /' "$T/err" "$T/out" >&2 | head -20
	fi
}

# check_exit DESCRIPTION STATUS COMMAND...: the command exits with STATUS.
check_exit() {
	desc=$1; want=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then pass; else
		fail "$desc: exit $got, wanted $want"; sed 's/^/  | /' "$T/err" | head -20 >&2
	fi
}

# expect_eq DESCRIPTION GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', wanted '$3'"; fi
}

# expect_grep DESCRIPTION PATTERN FILE
expect_grep() {
	if grep -q -- "$2" "$3"; then pass; else
		fail "$1: '$2' not found in $(basename "$3")"; sed 's/^/  | /' "$3" | head -40 >&2
	fi
}

# expect_no_grep DESCRIPTION PATTERN FILE
expect_no_grep() {
	if grep -q -- "$2" "$3"; then fail "$1: '$2' found in $(basename "$3")"; else pass; fi
}

# A busy timeout: the program may still be closing the database (its last
# checkpoint) when a test reads it.
sql() { sqlite3 -batch -noheader -cmd ".timeout 5000" "$DB" "$@"; }

# hold_lock DB: another program takes DB's write lock and keeps it until
# release_lock (a Python sqlite3 connection in a transaction; returns once
# the lock is held).
hold_lock() {
	rm -f "$T/lock-ctl" "$T/locked"
	mkfifo "$T/lock-ctl"
	python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
c.execute("COMMIT")
' "$1" < "$T/lock-ctl" > "$T/locked" &
	lock_holder=$!
	exec 3>"$T/lock-ctl"
	i=0
	while ! grep -q locked "$T/locked" 2>/dev/null && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
release_lock() {
	exec 3>&-
	wait "$lock_holder"
}

finish() {
	echo "$npass passed, $nfail failed"
	[ "$nfail" -eq 0 ]
}

# --- tmux: run the real program in a terminal and read its screen --------
tm() { tmux -L "$TMUX_SOCK" "$@"; }

# tui_start COLS LINES ARGS...: starts prepdeck in a fresh tmux session.
tui_start() {
	cols=$1; lines=$2; shift 2
	tm kill-server 2>/dev/null || true
	tmux_n=$((tmux_n + 1))
	TMUX_SOCK="prepdeck-test-$$-$tmux_n"
	tm -f /dev/null new-session -d -s t -x "$cols" -y "$lines" \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME='$HOME' PREPDECK_CONTENT='$PREPDECK_CONTENT' ${TUI_ENV:-} '$PREPDECK' $*; echo EXITED \$?; sleep 30"
	tm set-option -t t remain-on-exit on >/dev/null 2>&1 || true
}

screen() { tm capture-pane -p -t t 2>/dev/null; }

# The process id of the prepdeck tui_start started (the pane's shell's child).
tui_pid() { pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" | head -1; }

# wait_for PATTERN [SECONDS]: waits until the screen shows PATTERN.
wait_for() {
	pat=$1; limit=${2:-10}
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if screen | grep -q -- "$pat"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# expect_screen DESCRIPTION PATTERN: waits for PATTERN, counts the result.
expect_screen() {
	if wait_for "$2" "${3:-10}"; then pass; else
		fail "$1: '$2' not on screen"; screen | sed 's/^/  | /' >&2
	fi
}

# wait_gone PATTERN [SECONDS]: waits until the screen no longer shows it.
wait_gone() {
	pat=$1; limit=${2:-10}
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if ! screen | grep -q -- "$pat"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

keys() { tm send-keys -t t "$@"; }

# use_curriculum FILE...: a curriculum of the test's own, copied from
# tests/data/cards into $T/curriculum (which the test may change), used
# as the bundled one by the commands and by tui_start.
use_curriculum() {
	C="$T/curriculum"
	mkdir -p "$C"
	for f in "$@"; do cp "$top_srcdir/tests/data/cards/$f" "$C/"; done
	export PREPDECK_CONTENT="$C"
}
