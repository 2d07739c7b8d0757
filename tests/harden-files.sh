#!/bin/sh
# Files and paths that are not what they seem: exports replace only
# regular files, through a temporary file nobody can plant; the loaders
# refuse FIFOs and devices instead of blocking on them; an empty
# directory is just an empty directory.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2026-03-02T12:00:00Z TZ=UTC
check "first start" P status
check "an interview for the calendar" P target set 2026-04-10 --company Acme
check "a story of mine" P story add "Cut p95 latency" --id my-latency
W="$T/w"
mkdir -p "$W"
cd "$W" || exit 1

# --- Item 1: exports replace only regular files, safely ----------------
# export_to KIND FILE: one of the three exports, written to FILE.
export_to() {
	case $1 in
	ical) P export ical --out "$2" ;;
	gapmap) P export gapmap month10-rag-map --format csv --out "$2" ;;
	stories) P export stories --format yaml --out "$2" ;;
	esac
}
for kind in ical gapmap stories; do
	# A FIFO stays a FIFO (and nothing blocks on it).
	mkfifo "$W/$kind.fifo"
	check_exit "$kind to a FIFO is refused" 1 export_to $kind "$W/$kind.fifo"
	expect_grep "$kind FIFO message" "is a FIFO; prepdeck replaces only regular files" "$T/err"
	if [ -p "$W/$kind.fifo" ]; then pass; else fail "$kind: the FIFO was replaced"; fi
	# A symbolic link stays a link, and its target is untouched.
	echo "precious" > "$W/$kind.target"
	ln -s "$kind.target" "$W/$kind.link"
	check_exit "$kind to a symlink is refused" 1 export_to $kind "$W/$kind.link"
	expect_grep "$kind symlink message" "is a symbolic link" "$T/err"
	if [ -L "$W/$kind.link" ]; then pass; else fail "$kind: the symlink was replaced"; fi
	expect_eq "$kind: link target untouched" "$(cat "$W/$kind.target")" precious
	# A directory.
	mkdir "$W/$kind.dir"
	check_exit "$kind to a directory is refused" 1 export_to $kind "$W/$kind.dir"
	expect_grep "$kind directory message" "is a directory" "$T/err"
	# A new file is private; an existing one keeps its mode.
	check "$kind to a new file" export_to $kind "$W/$kind.new"
	expect_eq "$kind: new file mode" "$(stat -c %a "$W/$kind.new")" 600
	echo old > "$W/$kind.shared"
	chmod 644 "$W/$kind.shared"
	check "$kind over an existing 0644 file" export_to $kind "$W/$kind.shared"
	expect_eq "$kind: existing mode kept" "$(stat -c %a "$W/$kind.shared")" 644
	expect_no_grep "$kind: existing file replaced" "^old$" "$W/$kind.shared"
	# '-' is standard output.
	check "$kind to -" export_to $kind -
	if [ -s "$T/out" ] && [ ! -e "$W/-" ]; then pass; else
		fail "$kind: '-' did not go to standard output"; fi
	# A symlink planted at the old predictable temporary name is never
	# followed: the export runs as this shell's process id.
	echo "victim" > "$W/$kind.victim"
	case $kind in
	ical) sh -c 'ln -s "$1" "$2.tmp-$$"; ln -s "$1" "$2.tmp$$"; exec "$3" --db "$4" export ical --out "$2"' \
		_ "$W/$kind.victim" "$W/$kind.out" "$PREPDECK" "$DB" >/dev/null 2>&1 ;;
	gapmap) sh -c 'ln -s "$1" "$2.tmp-$$"; ln -s "$1" "$2.tmp$$"; exec "$3" --db "$4" export gapmap month10-rag-map --format csv --out "$2"' \
		_ "$W/$kind.victim" "$W/$kind.out" "$PREPDECK" "$DB" >/dev/null 2>&1 ;;
	stories) sh -c 'ln -s "$1" "$2.tmp-$$"; ln -s "$1" "$2.tmp$$"; exec "$3" --db "$4" export stories --format yaml --out "$2"' \
		_ "$W/$kind.victim" "$W/$kind.out" "$PREPDECK" "$DB" >/dev/null 2>&1 ;;
	esac
	expect_eq "$kind: planted symlink not followed" "$(cat "$W/$kind.victim")" victim
	if [ -f "$W/$kind.out" ] && [ ! -L "$W/$kind.out" ]; then pass; else
		fail "$kind: export beside planted links not written"; fi
done
# No temporary file is left behind, even by a failed export.
check_exit "a YAML export of an empty map fails" 1 sh -c \
	'"$1" --db "$2" gapmap new empty-map >/dev/null && "$1" --db "$2" export gapmap empty-map --format yaml --out "$3"' \
	_ "$PREPDECK" "$DB" "$W/empty.yaml"
if [ ! -e "$W/empty.yaml" ]; then pass; else fail "a failed export left its file"; fi
left=$(find "$W" -name '.*.??????' | wc -l)
expect_eq "no temporary files left" "$left" 0
# As root, a device node at the path is refused, never replaced (a copy
# of /dev/null made here; the real one is never touched).
if mknod "$W/null" c 1 3 2>/dev/null; then
	check_exit "export to a device is refused" 1 P export ical --out "$W/null"
	expect_grep "device message" "is a character device" "$T/err"
	if [ -c "$W/null" ]; then pass; else fail "the device node was replaced"; fi
else
	echo "skip: device node test needs root"
fi

# --- Item 4: no formula runs from a CSV export --------------------------
check "a map of mine" P gapmap new formulas
for cell in "=1+1" "+1+1" "-1+1" "@SUM(A1)" "=HYPERLINK(\"http://x\",\"y\")"; do
	P gapmap add formulas -- "$cell" >/dev/null 2>&1 || fail "add row '$cell'"
done
check "evidence that is a formula" P gapmap set formulas 1 evidence "=cmd|' /C calc'!A0"
check "a next action after a tab" P gapmap set formulas 2 next "	=tab"
check "export csv" P export gapmap formulas --format csv --out "$W/f.csv"
expect_grep "= is neutralized" '^"'"'"'=1+1",' "$W/f.csv"
expect_grep "+ is neutralized" '^"'"'"'+1+1",' "$W/f.csv"
expect_grep "- is neutralized" '^"'"'"'-1+1",' "$W/f.csv"
expect_grep "@ is neutralized" '^"'"'"'@SUM(A1)",' "$W/f.csv"
expect_grep "tab is neutralized" ',"'"'"'	=tab",' "$W/f.csv"
expect_grep "quotes still doubled" '^"'"'"'=HYPERLINK(""http://x"",""y"")",' "$W/f.csv"
expect_grep "evidence is neutralized" '"'"'"'=cmd|'"'"' /C calc'"'"'!A0"' "$W/f.csv"
if grep -q '^=\|,=\|,+\|,@\|^+\|^@' "$W/f.csv"; then fail "a formula cell is left bare"; else pass; fi

# --- Item 7: loaders never block on a FIFO ------------------------------
mkfifo "$W/deck.yaml" "$W/posting.md"
mkdir -p "$W/content"
cp "$top_srcdir/tests/data/bad/empty.yaml" "$W/content/a.yaml" 2>/dev/null
mkfifo "$W/content/b.yaml"
before=$(sqlite3 "$DB" .dump | md5sum)
for args in "check $W/deck.yaml" "import $W/deck.yaml" "check $W/content" \
	"jd import $W/posting.md"; do
	# shellcheck disable=SC2086
	check_exit "$args does not block" 1 timeout 20 "$PREPDECK" --db "$DB" $args
	expect_grep "$args: says it is a FIFO" "is a FIFO, not a regular file" "$T/err"
done
check_exit "check on a device" 1 timeout 20 "$PREPDECK" check /dev/null
expect_grep "device message" "/dev/null:1:1: is a character device, not a regular file" "$T/err"
expect_eq "nothing imported from FIFOs" "$(sqlite3 "$DB" .dump | md5sum)" "$before"

# --- Item 18: an empty directory ----------------------------------------
mkdir -p "$W/emptydir"
check_exit "check on an empty directory" 1 P check "$W/emptydir"
expect_grep "empty directory message" "emptydir:1:1: directory has no .yaml or .yml files" "$T/err"

finish
