#!/bin/sh
# Odd databases and paths get a plain message and are left as they were:
# another program's SQLite file, a device or FIFO, a dangling symbolic
# link, a database this user may read but not write (the file or its
# directory), a database another program keeps busy.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

export PREPDECK_NOW=2026-03-02T12:00:00Z TZ=UTC
APPID=1347571780  # 0x50525044, "PRPD"
fsum() { md5sum < "$1"; }

# --- Item 5: another program's SQLite file -----------------------------
F="$T/places.sqlite"
sqlite3 "$F" "CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT);
	CREATE TABLE moz_bookmarks(id INTEGER PRIMARY KEY, fk INTEGER);
	CREATE TABLE moz_origins(id INTEGER PRIMARY KEY, host TEXT);
	INSERT INTO moz_places(url) VALUES ('https://example.org');
	PRAGMA user_version = 74;"
chmod 644 "$F"
before=$(fsum "$F")
check_exit "a browser's database is refused" 1 "$PREPDECK" --db "$F" status
expect_grep "says what it is" "is an SQLite database of another program (3 tables: moz_bookmarks, moz_origins, moz_places)" "$T/err"
expect_eq "file unchanged" "$(fsum "$F")" "$before"
expect_eq "still not WAL" "$(sqlite3 "$F" 'PRAGMA journal_mode')" delete
expect_eq "no objects added" "$(sqlite3 "$F" 'SELECT count(*) FROM sqlite_master')" 3
expect_eq "mode kept" "$(stat -c %a "$F")" 644
if [ ! -e "$F-wal" ] && [ ! -e "$F-journal" ]; then pass; else fail "files left beside it"; fi
check_exit "import into it is refused" 1 "$PREPDECK" --db "$F" import
expect_eq "import changed nothing" "$(fsum "$F")" "$before"
# One with another program's application id.
G="$T/other.db"
sqlite3 "$G" "PRAGMA application_id = 252006673; CREATE TABLE x(a)"
check_exit "another application id" 1 "$PREPDECK" --db "$G" status
expect_grep "names the id" "belongs to another program (SQLite application id 0x0f055111)" "$T/err"
# prepdeck's own databases carry its id; an older one gets it.
P="$T/p.db"
check "a new database" "$PREPDECK" --db "$P" status
expect_eq "application id set" "$(sqlite3 "$P" 'PRAGMA application_id')" "$APPID"
sqlite3 "$P" "PRAGMA application_id = 0"
check "a database from before the id" "$PREPDECK" --db "$P" status
expect_eq "application id added" "$(sqlite3 "$P" 'PRAGMA application_id')" "$APPID"
# Reached through a symbolic link: private as any new database.
touch "$T/target.db"
chmod 644 "$T/target.db"
ln -s target.db "$T/link.db"
check "an empty file through a link" "$PREPDECK" --db "$T/link.db" status
expect_eq "the file it became is private" "$(stat -c %a "$T/target.db")" 600
if [ -L "$T/link.db" ]; then pass; else fail "the link was replaced"; fi
ln -s new-target.db "$T/dangling.db"
check "a dangling link makes its target" "$PREPDECK" --db "$T/dangling.db" status
expect_eq "target made private" "$(stat -c %a "$T/new-target.db")" 600
expect_eq "target is the database" "$(sqlite3 "$T/new-target.db" 'PRAGMA application_id')" "$APPID"
mkdir -p "$T/nodir"
ln -s "$T/nodir/missing/x.db" "$T/dangling2.db"
check_exit "a link into a missing directory" 1 "$PREPDECK" --db "$T/dangling2.db" status
expect_grep "dangling message" "is a symbolic link to a file that does not exist" "$T/err"
expect_no_grep "not 'File exists'" "File exists" "$T/err"

# --- Item 16: paths that are not database files -------------------------
mkfifo "$T/fifo.db"
check_exit "a FIFO as database" 1 timeout 20 "$PREPDECK" --db "$T/fifo.db" status
expect_grep "FIFO message" "fifo.db is a FIFO, not a database file" "$T/err"
if [ ! -e "$T/fifo.db-journal" ] && [ ! -e "$T/fifo.db-wal" ]; then pass; else
	fail "files left beside the FIFO"; fi
if mknod "$T/null" c 1 3 2>/dev/null && mknod "$T/full" c 1 7 2>/dev/null; then
	for dev in null full; do
		check_exit "a device as database ($dev)" 1 "$PREPDECK" --db "$T/$dev" status
		expect_grep "device message" "$dev is a character device, not a database file" "$T/err"
		if [ ! -e "$T/$dev-journal" ]; then pass; else fail "$dev: a journal left beside it"; fi
	done
else
	echo "skip: device nodes need root"
fi

# --- Item 16: read-only databases ---------------------------------------
# As root the test runs prepdeck as nobody, who cannot write what root
# makes read-only; as anyone else, modes are enough.
if [ "$(id -u)" -eq 0 ]; then
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
	give() { chown -R 65534:65534 "$@"; }
	chmod 755 "$T"
else
	as_user() { "$@"; }
	give() { :; }
fi
R="$T/ro"
mkdir -p "$R"
cp "$P" "$R/ro.db"
check "a mock round to export" "$PREPDECK" --db "$R/ro.db" target set 2026-04-10 --company Acme
give "$R"
chmod 444 "$R/ro.db"
before=$(fsum "$R/ro.db")
for args in "status" "due" "next" "target list" "stats" "export ical" "gapmap list"; do
	# shellcheck disable=SC2086
	check "$args on a read-only file" as_user "$PREPDECK" --db "$R/ro.db" $args
done
check "status" as_user "$PREPDECK" --db "$R/ro.db" status
expect_grep "status reads it" "^cards: [1-9]" "$T/out"
check "export to a file" as_user "$PREPDECK" --db "$R/ro.db" export ical --out "$R/cal.ics"
if [ ! -e "$R/ro.db-wal" ] && [ ! -e "$R/ro.db-shm" ]; then pass; else
	fail "-wal or -shm left beside a read-only database"; ls -la "$R" >&2; fi
card=$(as_user "$PREPDECK" --db "$R/ro.db" next | cut -f1)
check_exit "grading needs to write" 1 as_user "$PREPDECK" --db "$R/ro.db" grade "$card" 3
expect_grep "says what it needs" "opened it read-only because you cannot write to $R/ro.db" "$T/err"
expect_grep "and that the command writes" "this command needs to write to it" "$T/err"
expect_eq "read-only file unchanged" "$(fsum "$R/ro.db")" "$before"
if [ ! -e "$R/ro.db-wal" ] && [ ! -e "$R/ro.db-shm" ]; then pass; else
	fail "-wal or -shm left after a refused write"; fi
# A writable file in a directory that is not.
D="$T/rodir"
mkdir -p "$D"
cp "$P" "$D/p.db"
give "$D"
chmod 644 "$D/p.db"
chmod 555 "$D"
check "status in a read-only directory" as_user "$PREPDECK" --db "$D/p.db" status
expect_grep "status reads it" "^cards: [1-9]" "$T/out"
expect_no_grep "no 'move it aside'" "move it aside" "$T/err"
check_exit "a write in a read-only directory" 1 as_user "$PREPDECK" --db "$D/p.db" settings retention 0.8
expect_grep "names the directory" "you cannot write to its directory $D" "$T/err"
expect_no_grep "no 'move it aside' for a write" "move it aside" "$T/err"
chmod 755 "$D"

# --- Item 17: a busy database, from the command line --------------------
# Another program holds the write lock until told to let go.
B="$T/busy.db"
cp "$P" "$B"
hold_lock "$B"
card=$("$PREPDECK" --db "$B" next | cut -f1)
check_exit "grading while another program writes" 1 "$PREPDECK" --db "$B" grade "$card" 3
expect_grep "busy message" "Another program has been writing to it for too long; nothing was changed" "$T/err"
release_lock
check "grading once it is free" "$PREPDECK" --db "$B" grade "$card" 3
expect_eq "one grade written" "$(sqlite3 "$B" 'SELECT count(*) FROM review_log')" 1

finish
