#!/bin/sh
# Everything that does not fit is marked, never cut silently: --help's
# long synopses and summaries wrap under 80 columns, stories list keeps
# its columns with long generated ids, and on the screens the status
# line, the gap-map key line, the Today header, settings and competency
# descriptions and the interview loop's segment names are whole or end
# in an ellipsis.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2026-03-10T10:00:00Z TZ=UTC

# --- help_columns_wrap_instead_of_cutting ------------------------------------
check "help" "$PREPDECK" --help
expect_eq "no line past 80 columns" "$(LC_ALL=C.UTF-8 awk 'length($0) > 0' "$T/out" | python3 -c '
import sys
print(sum(1 for l in sys.stdin if len(l.rstrip("\n")) > 80))')" 0
expect_grep "a long synopsis whole" "^  rehearse \[STORY|pitch|flow\] | record|budgets|list|score|note \.\.\.$" "$T/out"
expect_grep "its summary below it, whole" "^ *rehearse a story against the clock, or record a$" "$T/out"
expect_grep "a long summary wrapped, not cut" "^ *md, csv)$" "$T/out"

# --- stories_list_keeps_its_columns ------------------------------------------
check "a long title" P story add "A deliberately long story title that will not fit in any list column at eighty"
check "stories list" P stories list
id=$(sql "SELECT id FROM story WHERE title LIKE 'A deliberately%'")
expect_grep "the long id whole" "^$id " "$T/out"
cols=$(python3 -c '
import sys
starts = set()
for l in open(sys.argv[1], encoding="utf-8"):
    i = l.find(" mine ") if " mine " in l else l.find(" example ")
    if i > 0:
        starts.add(i)
print(len(starts))' "$T/out")
expect_eq "the kind column lines up" "$cols" 1

# --- screens_mark_what_they_cut ---------------------------------------------
check "an interview with a long company name" P target set 2026-03-24 \
	--company "Acme Intelligent Systems of Greater Metropolitan Areas" --role "Engineer"
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
expect_screen "the date whole, the countdown marked" "Today · Tuesday 10 March 2026  *Interview in 14 days · Acme.*…"
keys g
expect_screen "gap map" "prepdeck · Gap map"
keys a
keys -l "Retrieval evaluation at scale"
keys Enter
expect_screen "the whole status message" "Added 'Retrieval evaluation at scale' · Enter fills its evidence"
keys q o
expect_screen "settings" "prepdeck · Settings"
expect_screen "the selected setting's whole description" "retention: desired retention (probability of recall when a card is due)"
keys q
expect_screen "Today" "prepdeck · Today"
keys s
expect_screen "stories" "prepdeck · Stories"
keys Enter
expect_screen "the form" "Competencies"
keys Down Enter
expect_screen "the picker" "Competencies of this story"
keys Down
expect_screen "the selected competency's whole description" "Impact: Ties work to measurable outcomes for users or the business."
keys Escape q q q
expect_screen "quit" "EXITED 0"

tui_start 100 30 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys g
expect_screen "gap map at 100 columns" "prepdeck · Gap map"
expect_screen "the key line whole at 100 columns" "m maps · i import · r deck$"
keys q q
expect_screen "quit" "EXITED 0"

tui_start 140 45 --db "$DB" rehearse flow
expect_screen "the loop" "Segments"
keys Space Space
expect_screen "segment names whole at 140 columns" "Introduction and pitch 0:[0-9][0-9]   Project deep-dive 0:[0-9][0-9]   Technical questions -   System design -   Your questions for them -   Closing -"
keys Escape y q
expect_screen "quit" "EXITED 0"

finish
