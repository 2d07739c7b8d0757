#!/bin/sh
# Bad Anki packages: each is refused with a plain message and nothing is
# written, neither to the database nor anywhere on disk.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/anki-fixtures.sh"
P="$PREPDECK"
export PREPDECK_NOW=2026-01-10T12:00:00Z
DB="$T/bad.db"
"$P" --db "$DB" status >/dev/null
snap() { sql "SELECT count(*) FROM card; SELECT count(*) FROM review_log; SELECT count(*) FROM doc; SELECT count(*) FROM card_state" | tr '\n' ' '; }
base=$(snap)

# refused FILE PATTERN DESCRIPTION: exit 1, the message, nothing written.
refused() {
	check_exit "$3: refused" 1 "$P" --db "$DB" anki import "$1"
	expect_grep "$3: message" "$2" "$T/err"
	expect_grep "$3: says nothing was imported" "Nothing was imported" "$T/err"
	expect_eq "$3: database unchanged" "$(snap)" "$base"
}

printf 'just some text\n' > "$T/text.apkg"
refused "$T/text.apkg" "not a zip archive" "not a zip"

mkdir -p "$T/nocol" && printf '{}' > "$T/nocol/media"
anki_zip "$T/nocol.apkg" "$T/nocol/media"
refused "$T/nocol.apkg" "holds no Anki collection" "zip without a collection"

# Zip bombs: too many entries; a collection past the size cap, as the
# archive declares it and as the zstd stream really grows (the cap is
# lowered to 2 MiB here; it is 1 GiB).
python3 -c "
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    for i in range(65537):
        z.writestr(str(i), b'')
" "$T/many.apkg"
refused "$T/many.apkg" "65537 entries, more than the 65536 allowed" "too many entries"
mkdir -p "$T/big" && head -c 3145728 /dev/zero > "$T/big/collection.anki2"
anki_zip "$T/big.apkg" "$T/big/collection.anki2"
PREPDECK_ANKI_MAX_MB=2 refused "$T/big.apkg" "larger than 2 MiB uncompressed; refused as a possible zip bomb" "big collection"
mkdir -p "$T/bomb" && "$MKPKG" zeros 3 "$T/bomb/collection.anki21b" && "$MKPKG" meta 3 "$T/bomb/meta"
anki_zip "$T/bomb.apkg" "$T/bomb/meta" "$T/bomb/collection.anki21b"
PREPDECK_ANKI_MAX_MB=2 refused "$T/bomb.apkg" "larger than 2 MiB uncompressed" "zstd bomb"
# zstd data cut short (the decoder still waits for the rest of the
# frame), and data that is not zstd at all.
mkdir -p "$T/cut" && "$MKPKG" zeros 1 "$T/cut/whole" && "$MKPKG" meta 3 "$T/cut/meta"
head -c $(( $(wc -c < "$T/cut/whole") - 4 )) "$T/cut/whole" > "$T/cut/collection.anki21b"
anki_zip "$T/cut.apkg" "$T/cut/meta" "$T/cut/collection.anki21b"
refused "$T/cut.apkg" "zstd data is truncated" "truncated zstd"
printf 'not zstd at all, just text\n' > "$T/cut/collection.anki21b"
anki_zip "$T/notzstd.apkg" "$T/cut/meta" "$T/cut/collection.anki21b"
refused "$T/notzstd.apkg" "not valid zstd data" "not zstd"
[ -z "$(ls "${TMPDIR:-/tmp}" | grep "^prepdeck-anki-" | while read f; do [ -O "${TMPDIR:-/tmp}/$f" ] && find "${TMPDIR:-/tmp}/$f" -newer "$T/bomb.apkg" 2>/dev/null; done)" ] && pass || fail "a temporary collection was left behind"

mkdir -p "$T/notsql" && printf 'SQLite? no, plain text that is long enough to look like a file.\n' > "$T/notsql/collection.anki2"
anki_zip "$T/notsql.apkg" "$T/notsql/collection.anki2"
refused "$T/notsql.apkg" "not a usable SQLite database" "not SQLite"

mkdir -p "$T/dmg" && anki_legacy_db "$T/dmg/collection.anki2"
size=$(wc -c < "$T/dmg/collection.anki2")
dd if=/dev/urandom of="$T/dmg/collection.anki2" bs=1024 seek=2 count=$(( size / 1024 - 3 )) conv=notrunc 2>/dev/null
anki_zip "$T/dmg.apkg" "$T/dmg/collection.anki2"
refused "$T/dmg.apkg" "damaged\|not a usable\|not an Anki collection" "damaged SQLite"

anki_pkg anki2 "$T/schema.apkg" "UPDATE col SET ver = 99"
refused "$T/schema.apkg" "unknown collection schema version 99" "unknown schema"
mkdir -p "$T/meta" && anki_legacy_db "$T/meta/collection.anki21b" && "$MKPKG" meta 7 "$T/meta/meta"
anki_zip "$T/meta.apkg" "$T/meta/meta" "$T/meta/collection.anki21b"
refused "$T/meta.apkg" "unknown package version 7" "unknown package version"

anki_pkg anki2 "$T/fields.apkg" "UPDATE notes SET flds = flds || char(31) || 'extra' WHERE id = 13"
refused "$T/fields.apkg" "note 13 has 3 fields, but its note type 'Basic (type in the answer)' has 2" "field count"

anki_pkg anki21b "$T/orphan.apkg" "INSERT INTO revlog VALUES (1704300000000, 999, 0, 3, 1, 0, 2500, 1000, 1)"
refused "$T/orphan.apkg" "review 1704300000000 is of card 999, which is not in the package" "review of a missing card"
anki_pkg anki2 "$T/time.apkg" "INSERT INTO revlog VALUES (1000, 101, 0, 3, 1, 0, 2500, 1000, 1)"
refused "$T/time.apkg" "review 1000 of card 101 has an impossible time" "timestamp in 1970"
anki_pkg anki2 "$T/future.apkg" "INSERT INTO revlog VALUES (1900000000000, 101, 0, 3, 1, 0, 2500, 1000, 1)"
refused "$T/future.apkg" "impossible time (2030-03-17" "timestamp in the future"
anki_pkg anki2 "$T/rating.apkg" "INSERT INTO revlog VALUES (1704300000000, 101, 0, 7, 1, 0, 2500, 1000, 1)"
refused "$T/rating.apkg" "has rating 7; Anki's ratings are 1 to 4" "impossible rating"

anki_pkg anki2 "$T/html.apkg" "UPDATE notes SET flds = 'Open <b class=\"x' || char(31) || 'y' WHERE id = 11"
refused "$T/html.apkg" "note 11, field 'Front': HTML tag '<b' never closes" "HTML that never closes"

# Entry names that leave the folder: refused, and nothing is written there.
mkdir -p "$T/evil" && anki_legacy_db "$T/evil/collection.anki2"
python3 -c "
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.write(sys.argv[2], 'collection.anki2')
    z.writestr('../escaped.txt', b'gotcha')
" "$T/dotdot.apkg" "$T/evil/collection.anki2"
refused "$T/dotdot.apkg" "entry named '../escaped.txt', a path outside the package" "entry with .."
python3 -c "
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.write(sys.argv[2], 'collection.anki2')
    z.writestr('$T/absolute.txt', b'gotcha')
" "$T/abs.apkg" "$T/evil/collection.anki2"
refused "$T/abs.apkg" "a path outside the package" "absolute entry"
[ ! -e "$T/escaped.txt" ] && [ ! -e "$T/absolute.txt" ] && [ ! -e "$(pwd)/../escaped.txt" ] && pass || fail "an entry was written outside"

# A whole collection (.colpkg) may hold reviews of cards deleted in Anki:
# those are skipped and counted, not refused.
anki_pkg anki2 "$T/col.colpkg" "INSERT INTO revlog VALUES (1704300000000, 999, 0, 3, 1, 0, 2500, 1000, 1)"
check "colpkg with a deleted card's reviews" "$P" --db "$DB" anki import "$T/col.colpkg"
expect_grep "deleted card's reviews counted" "Skipped 1 review of cards deleted in Anki" "$T/out"

finish
