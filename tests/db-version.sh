#!/bin/sh
# Every command on a database of another schema version (older, newer)
# or a damaged one exits 1 or 2 with a message: never a crash. `check`
# opens the database read-only to resolve references, and used to crash
# there.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

"$PREPDECK" --db "$T/good.db" status >/dev/null || fail "cannot create a database"

# Commands that open the database, with arguments that are fine on a
# good one.
run_all() {
	label=$1 db=$2
	for args in "check $top_srcdir/content/decks" "status" "due" "next" \
		"card show nope" "settings" "stats" "plan today" "plan show" \
		"checklist" "gapmap list" "stories list" "target list" "mock list" \
		"undo" "import $top_srcdir/content/decks"; do
		# shellcheck disable=SC2086
		"$PREPDECK" --db "$db" $args >"$T/out" 2>"$T/err"
		rc=$?
		if [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]; then pass; else
			fail "$label: '$args' exited $rc (wanted 1 or 2)"
		fi
		if [ -s "$T/err" ]; then pass; else fail "$label: '$args' said nothing"; fi
	done
}

cp "$T/good.db" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
run_all "schema 99" "$T/newer.db"
"$PREPDECK" --db "$T/newer.db" check "$top_srcdir/content/decks" 2>"$T/err"
expect_grep "check says why" "newer than this prepdeck understands" "$T/err"

# An older version number on a file whose tables are already there: the
# upgrade cannot run (and `check`, read-only, cannot upgrade at all).
cp "$T/good.db" "$T/older.db"
sqlite3 "$T/older.db" "PRAGMA user_version = 1"
run_all "schema 1" "$T/older.db"
"$PREPDECK" --db "$T/older.db" check "$top_srcdir/content/decks" 2>"$T/err"
expect_grep "read-only check cannot upgrade" "needs an upgrade" "$T/err"

printf 'not a database at all\n%.0s' $(seq 1 300) > "$T/junk.db"
run_all "damaged" "$T/junk.db"

finish
