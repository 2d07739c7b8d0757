#!/bin/sh
# Terminal escapes never reach the terminal raw: the loader refuses
# control characters in curriculum text (FILE:LINE:COL), free-text
# arguments follow the text rules, and every command shows what is
# already in a database (an old import, an edit by hand) the way the
# screens do: ESC as ^[, BEL as ^G, C1 controls as <U+009B>.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2026-03-02T12:00:00Z TZ=UTC
ESC=$(printf '\033')
BEL=$(printf '\007')
C1=$(printf '\302\233')
OSC="${ESC}]0;owned${BEL}"
CLIP="${ESC}]52;c;cm0gLXJmIH4K${BEL}"

# raw_free DESCRIPTION FILE...: no ESC, BEL or C1 control in the files.
raw_free() {
	desc=$1; shift
	if LC_ALL=C grep -q "$ESC\|$BEL\|$C1" "$@"; then
		fail "$desc: a raw control reached the output"
		LC_ALL=C cat -v "$@" | grep '\^\[\|\^G\|M-BM-\^[' | head -5 | sed 's/^/  | /' >&2
	else
		pass
	fi
}

# --- The loader: every text, FILE:LINE:COL ------------------------------
check_exit "check refuses controls" 1 P check "$top_srcdir/tests/data/bad/controls.yaml"
expect_grep "OSC in a title" "controls.yaml:6:8: text contains the control character U+001B" "$T/err"
expect_grep "C1 CSI" "controls.yaml:12:8: text contains the control character U+009B" "$T/err"
expect_grep "ESC in a key" "controls.yaml:15:5: text contains the control character U+001B" "$T/err"
expect_grep "carriage return" "controls.yaml:18:8: text contains the control character U+000D" "$T/err"
raw_free "check diagnostics" "$T/err" "$T/out"
check "first start" P status
before=$(sqlite3 "$DB" .dump | md5sum)
check_exit "import refuses controls" 1 P import "$top_srcdir/tests/data/bad/controls.yaml"
expect_eq "import wrote nothing" "$(sqlite3 "$DB" .dump | md5sum)" "$before"
# A tab and a newline are text.
cat > "$T/ok.yaml" <<'EOF'
kind: deck
id: tabs
title: Tabs
cards:
  - id: t1
    q: "a\tb"
    a: "line one\nline two"
EOF
check "tab and newline are allowed" P check "$T/ok.yaml"
# Diagnostics about a file whose name holds an escape.
cp "$top_srcdir/tests/data/bad/unknown-key.yaml" "$T/bad${OSC}.yaml"
check_exit "check a file named with an escape" 1 P check "$T/bad${OSC}.yaml"
expect_grep "name shown visibly" "bad^\[\]0;owned^G.yaml:4:1: unknown key" "$T/err"
raw_free "diagnostics with an escape in the file name" "$T/err"

# --- Free-text arguments (item 3) ----------------------------------------
before=$(sqlite3 "$DB" .dump | md5sum)
long=$(head -c 131000 /dev/zero | tr '\0' 'x')
for bad in "Acme$OSC" "two
lines" "$(printf 'bad \377 utf8')" "tab	here" "$long" "c1 $C1"; do
	check_exit "target set --company refuses '$(printf %s "$bad" | cut -c1-12)'" 1 \
		P target set 2026-04-10 --company "$bad"
	expect_grep "target company message" "the company" "$T/err"
	check_exit "target set --role refuses it" 1 P target set 2026-04-10 --role "$bad"
	expect_grep "target role message" "the role" "$T/err"
done
check_exit "a 131 KB company" 1 P target set 2026-04-10 --company "$long"
expect_grep "length message" "the company is too long (131000 bytes; at most 120)" "$T/err"
expect_eq "no interview written" "$(sqlite3 "$DB" .dump | md5sum)" "$before"
check "plan start" P plan start two-week --on 2026-02-20
before=$(sqlite3 "$DB" .dump | md5sum)
for opt in --moved --next; do
	for bad in "x$OSC" "two
lines" "$(printf '\377')" "$long"; do
		check_exit "plan review $opt refuses it" 1 P plan review 1 "$opt" "$bad"
	done
done
expect_eq "no review written" "$(sqlite3 "$DB" .dump | md5sum)" "$before"
# Names are cut at 120 bytes at most, never inside a character.
name=$(printf 'é%.0s' $(seq 1 60))
check "a 120-byte name of two-byte characters" P target set 2026-04-10 --company "$name"
check "target list" P target list
if grep -q "$name" "$T/out"; then pass; else fail "long name shown whole"; fi
check "a name with unicode" P target set 2026-05-01 --company "Zoë · Acme" --role "ML ✓"
check "target list" P target list
expect_grep "unicode kept" "Zoë · Acme	ML ✓" "$T/out"

# --- What a database already holds is shown visibly ----------------------
card=$(P next | cut -f1)
sql "UPDATE card SET front = 'Q $OSC $C1 x', back = 'A $CLIP' WHERE key = '$card'"
sql "UPDATE doc SET title = 'Deck $OSC' WHERE id = (SELECT deck_id FROM card WHERE key = '$card')"
sql "UPDATE target SET company = 'Evil $OSC', role = 'r$C1' WHERE id = 1"
sql "INSERT INTO plan_review(run_id, week, moved, reprioritize, created_at) VALUES \
	((SELECT max(id) FROM plan_run), 1, 'moved $OSC', 'next $CLIP', 0)"
sql "UPDATE story SET title = 'Story $OSC', situation = 'S $CLIP' WHERE id = 'story-rag'"
sql "UPDATE gap_row SET evidence = 'E $OSC' WHERE map_id = 'month10-rag-map'"
sql "UPDATE plan_task SET text = 'Task $OSC' WHERE rowid IN (SELECT rowid FROM plan_task LIMIT 3)"
for args in "card show $card" "next" "target list" "plan review 1" "plan today" "plan show" \
	"stories list" "stories show story-rag" "gapmap show month10-rag-map" "stats" "due"; do
	# shellcheck disable=SC2086
	check "$args" P $args
	raw_free "$args" "$T/out" "$T/err"
done
check "card show" P card show "$card"
expect_grep "card front shown as the screens do" "^front: Q ^\[\]0;owned^G <U+009B> x$" "$T/out"
# A name stored longer than an interview record holds is cut between
# characters, in the list and in the calendar.
sql "UPDATE target SET company = '$(printf 'é%.0s' $(seq 1 70))' WHERE id = 2"
check "target list with a long stored name" P target list
if iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1; then pass; else
	fail "target list cut a character in half"; fi
check "export ical with a long stored name" P export ical --out "$T/cal.ics"
expect_no_grep "no replacement character in the calendar" "$(printf '\357\277\275')" "$T/cal.ics"
check "target list" P target list
expect_grep "company shown visibly" "Evil ^\[\]0;owned^G	r<U+009B>" "$T/out"
check "plan review 1" P plan review 1
expect_grep "review shown visibly" "moved $(printf '%s' '^\[')" "$T/out"
# JSON keeps the text exactly, as escapes.
check "next --json" P next --json
expect_grep "JSON escapes ESC" 'Q \\u001b]0;owned\\u0007 \\u009b x' "$T/out"
raw_free "next --json" "$T/out"
check "target list --json" P target list --json
raw_free "target list --json" "$T/out"
# An export writes its format byte for byte (a file is data, not a terminal).
check "export gapmap csv" P export gapmap month10-rag-map --format csv --out "$T/m.csv"
if LC_ALL=C grep -q "$ESC" "$T/m.csv"; then pass; else fail "export changed the text"; fi

finish
