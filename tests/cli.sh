#!/bin/sh
# The command line: help, version, usage errors and their exit codes, the
# database location rules, first-start import, permissions, and plain
# messages for a damaged database, a read-only disk and a second instance.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

check "version" "$PREPDECK" --version
expect_grep "version text" "^prepdeck [0-9]" "$T/out"
check "help" "$PREPDECK" --help
for cmd in import check replay status help version; do
	expect_grep "help lists $cmd" "^  $cmd" "$T/out"
done
check "help for one command" "$PREPDECK" help import
expect_grep "help import text" "retired" "$T/out"
check "command --help" "$PREPDECK" check --help
expect_grep "check --help usage" "usage: prepdeck check" "$T/out"

check_exit "unknown command" 2 "$PREPDECK" improt
expect_grep "suggestion" "did you mean 'import'" "$T/err"
check_exit "unknown option" 2 "$PREPDECK" --frobnicate
check_exit "--db without a path" 2 "$PREPDECK" --db
check_exit "check without a path" 2 "$PREPDECK" check
check_exit "check on a missing file" 1 "$PREPDECK" check "$T/nope.yaml"
expect_grep "missing file message" "nope.yaml:1:1: no such file" "$T/err"
check_exit "replay with a bad retention" 2 "$PREPDECK" replay --retention 2
check_exit "the TUI without a terminal" 1 "$PREPDECK" --db "$T/x.db" </dev/null
expect_grep "no terminal message" "needs a terminal" "$T/err"

# Database location: --db > PREPDECK_DB > $XDG_DATA_HOME (absolute) > ~/.local/share.
check "default location" "$PREPDECK" status
expect_grep "default path" "^database: $HOME/.local/share/prepdeck/prepdeck.db" "$T/out"
expect_eq "data dir mode" "$(stat -c %a "$HOME/.local/share/prepdeck")" 700
expect_eq "database mode" "$(stat -c %a "$HOME/.local/share/prepdeck/prepdeck.db")" 600
# First start imported the bundled curriculum.
cards=$(sed -n 's/^cards: \([0-9]*\).*/\1/p' "$T/out")
if [ "${cards:-0}" -gt 0 ]; then pass; else fail "first start imported no cards"; fi

check "XDG_DATA_HOME" env XDG_DATA_HOME="$T/xdg" "$PREPDECK" status
expect_grep "xdg path" "^database: $T/xdg/prepdeck/prepdeck.db" "$T/out"
check "relative XDG_DATA_HOME is ignored" env XDG_DATA_HOME=rel "$PREPDECK" status
expect_grep "relative xdg ignored" "^database: $HOME/.local/share/prepdeck/prepdeck.db" "$T/out"
check "PREPDECK_DB" env XDG_DATA_HOME="$T/xdg" PREPDECK_DB="$T/env.db" "$PREPDECK" status
expect_grep "env path" "^database: $T/env.db" "$T/out"
check "--db wins" env PREPDECK_DB="$T/env.db" "$PREPDECK" --db "$T/flag.db" status
expect_grep "flag path" "^database: $T/flag.db" "$T/out"

# A file that is not a database.
printf 'not a database at all\n%.0s' $(seq 1 300) > "$T/junk.db"
check_exit "damaged database" 1 "$PREPDECK" --db "$T/junk.db" status
expect_grep "damaged message" "not a usable prepdeck database" "$T/err"
expect_no_grep "no raw sqlite noise" "sqlite3_" "$T/err"

# A directory where the database should be.
mkdir -p "$T/adir"
check_exit "directory as database" 1 "$PREPDECK" --db "$T/adir" status
expect_grep "directory message" "is a directory" "$T/err"

# A read-only disk (needs root and tmpfs; skipped elsewhere).
mkdir -p "$T/ro"
if mount -t tmpfs -o size=8m tmpfs "$T/ro" 2>/dev/null; then
	"$PREPDECK" --db "$T/ro/p.db" status >/dev/null 2>&1
	mount -o remount,ro "$T/ro"
	check_exit "import on a read-only disk" 1 "$PREPDECK" --db "$T/ro/p.db" import
	expect_grep "read-only message" "prepdeck: " "$T/err"
	expect_grep "read-only says why" "read-only\|readonly\|cannot write\|unable to open" "$T/err"
	check_exit "new database on a read-only disk" 1 "$PREPDECK" --db "$T/ro/new/p.db" status
	expect_grep "read-only create message" "Read-only file system" "$T/err"
	umount "$T/ro"
else
	echo "skip: read-only disk test needs mount (root)"
fi

finish
