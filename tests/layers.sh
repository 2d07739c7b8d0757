#!/bin/sh
# The layers hold: the core (src/core) includes no curses and no front-end
# header; only the store (src/core/db*.c) includes sqlite3; the command
# line (src/cli) and the screens (src/tui) do not include each other's
# headers, and they write no SQL statement of their own. Every violation
# is printed as FILE:LINE: what is wrong.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

src="$top_srcdir/src"
cli_headers=$(cd "$src/cli" && ls *.h | tr '\n' ' ')
tui_headers=$(cd "$src/tui" && ls *.h | tr '\n' ' ')

# includes DIR: every "FILE:LINE:HEADER" of the #include lines below DIR.
includes() {
	grep -Hn '^[[:space:]]*#[[:space:]]*include' "$src/$1"/*.[ch] |
		sed -E 's|^([^:]*):([0-9]+):[^<"]*[<"]([^>"]*)[>"].*|\1:\2:\3|'
}

# rule NAME PATTERN INCLUDE-LIST: the list must have no header matching
# the extended regular expression PATTERN.
rule() {
	bad=$(printf '%s\n' "$3" | grep -E ":($2)\$" || true)
	if [ -z "$bad" ]; then pass; else
		fail "$1"
		printf '%s\n' "$bad" | sed "s|^$top_srcdir/||; s|\$| ($1)|" >&2
	fi
}

alt() { printf '%s' "$1" | sed -E 's/ +$//; s/\./\\./g; s/ +/|/g'; }

core=$(includes core)
rule "the core includes no curses" '(n?curses[a-z]*\.h|term\.h|panel\.h)' "$core"
rule "the core includes no screen header" "(tui/.*|$(alt "$tui_headers"))" "$core"
rule "the core includes no command-line header" "(cli/.*|$(alt "$cli_headers"))" "$core"
notstore=$(printf '%s\n' "$core" | grep -v "^$src/core/db[a-z_]*\.c:" || true)
rule "only the store includes sqlite3" 'sqlite3\.h' "$notstore"
cli=$(includes cli)
rule "commands include no screen header" "(tui/.*|$(alt "$tui_headers")|n?curses[a-z]*\.h)" "$cli"
rule "commands run no SQL" 'sqlite3\.h' "$cli"
tui=$(includes tui)
rule "screens include no command-line header" "(cli/.*|$(alt "$cli_headers"))" "$tui"
rule "screens run no SQL" 'sqlite3\.h' "$tui"

# Nor do they hand SQL to the store: no statement in a string of theirs.
sql=$(grep -HnE '"[^"]*\<(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\>' \
	"$src"/cli/*.c "$src"/tui/*.c || true)
if [ -z "$sql" ]; then pass; else
	fail "commands and screens write no SQL"
	printf '%s\n' "$sql" | sed "s|^$top_srcdir/||" >&2
fi

finish
