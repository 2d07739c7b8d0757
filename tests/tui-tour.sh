#!/bin/sh
# A tour of every screen at 80x24 and 140x45, with NO_COLOR set and
# unset: each screen is reached by its keys, captured to text (kept in
# $TOUR_OUT when set, to be read), and checked for text that runs into
# the right edge mid-word (a cut without the ellipsis). Text drawn by the
# screens goes through tui_put, which marks every cut with "…"; this
# catches the cuts that do not (text drawn past the edge by other means).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
OUT=${TOUR_OUT:-$T/tour}
mkdir -p "$OUT"
export PREPDECK_NOW=2026-03-10T10:00:00Z TZ=UTC
P() { "$PREPDECK" --db "$DB" "$@"; }

# Data for every screen: a plan, an interview, a mock round, a story of
# one's own with a long title, a rehearsal, a job description.
check "status" P status
check "story of one's own" P story add "A deliberately long story title that will not fit in any list column at eighty"
check "copy a template" P story copy tpl-conflict
check "a follow-up question" P story set my-a-deliberately-long-story-title-that-will question.1 \
	"Why did you pick that metric over the one the team already reported?"
check "a rehearsal" P rehearse record story-rag --time situation=21 --time task=14 \
	--time action=61 --time result=20 --time reflection=19 --score clarity=3:ok
check "a mock round" P mock record mock-behavioral --score clarity=3:clear \
	--score "ownership=2:said we" --score conflict=3:fine --score "impact=2:no numbers" \
	--fix "Lead every answer with the number that matters, then the story behind it"
check "an interview" P target set 2026-03-24 --company "Acme Intelligent Systems" --role "Senior AI Engineer"
check "a plan" P plan start six-week --on 2026-03-02 --yes

# check_capture FILE COLS: no line reaches the last column in the middle
# of a word.
check_capture() {
	python3 - "$1" "$2" <<'EOF' >"$T/cut" || fail "cut at the right edge in $(basename "$1"): $(cat "$T/cut")"
import sys, unicodedata
path, cols = sys.argv[1], int(sys.argv[2])
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bad = []
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    line = line.rstrip("\n").rstrip(" ")
    if width(line) >= cols and len(line) >= 2 and line[-1].isalnum() and line[-2].isalnum():
        bad.append("line %d: ...%s" % (n, line[-30:]))
print("; ".join(bad))
sys.exit(1 if bad else 0)
EOF
	[ -s "$T/cut" ] || pass
}

# snap NAME PATTERN: waits for PATTERN, captures the screen as NAME.
snap() {
	f="$OUT/$tag-$1.txt"
	if wait_for "$2" 10; then pass; else fail "$tag $1: '$2' not on screen"; fi
	screen >"$f"
	check_capture "$f" "$cols"
}

tour() {
	cols=$1 lines=$2
	tag="${cols}x${lines}-${3}"
	if [ "$3" = nocolor ]; then TUI_ENV="NO_COLOR=1"; else TUI_ENV=""; fi
	tui_start "$cols" "$lines" --db "$DB"
	snap today "prepdeck · Today"
	keys '?'
	snap help "Everywhere keys"
	keys Escape
	wait_gone "Everywhere keys"

	keys r
	snap review-front "prepdeck · Review"
	keys Space
	snap review-back "Again"
	keys o
	snap settings "prepdeck · Settings"
	keys q q
	wait_for "prepdeck · Today"

	keys m
	snap mock-list "Mock rounds · 1 recorded"
	keys Enter
	snap mock-form "what each score looks like"
	keys 3
	snap mock-evidence "Evidence"
	keys Escape q
	keys n
	snap mock-picker "New mock round: pick a rubric"
	keys Escape q
	wait_for "prepdeck · Today"

	keys t
	for page in 1 2 3 4 5 6 7; do
		keys "$page"
		snap "stats-$page" "prepdeck · Stats"
	done
	keys q
	wait_for "prepdeck · Today"

	keys p
	snap plan "Study plan · Six-week build"
	keys Enter
	snap plan-task "Plan task"
	keys q
	keys s
	snap plan-shift "By how many days"
	keys Escape r
	snap plan-review "What moved"
	keys Escape n
	snap plan-picker "Start a study plan"
	keys Enter
	snap plan-replace "y replace"
	keys n q
	wait_for "prepdeck · Today"

	keys c
	snap checklists "Checklists"
	keys Enter
	snap checklist "Checklist · "
	keys q q
	wait_for "prepdeck · Today"

	keys g
	snap gapmap "Gap map · "
	keys e
	snap gapmap-edit "Enter saves"
	keys Escape m
	snap gapmap-maps "Gap maps"
	keys Escape f
	snap gapmap-filter "Filter:"
	keys Escape i
	snap gapmap-import "Job description file:"
	keys Escape q
	wait_for "prepdeck · Today"

	keys s
	snap stories "Title  *Kind"
	keys v
	snap stories-grid "Coverage: competencies"
	keys v
	wait_for "Title  *Kind"
	keys Enter
	snap story-form "Situation"
	keys Down
	keys Enter
	snap story-picker "Competencies of this story"
	keys Escape Down
	keys Enter
	snap story-editor "Esc cancel"
	keys Escape q j
	keys Enter
	snap story-template-copy "My conflict story"
	keys q a
	snap prompt-how "A random prompt"
	keys 1
	snap prompt "Why this one"
	keys q n
	snap story-new "New story"
	keys Escape f
	snap flow-ready "Segments"
	keys Space
	snap flow-run "(1 of 6)"
	keys Space
	snap flow-run-2 "(2 of 6)"
	keys Escape y q p
	snap pitch-ready "Pitch · "
	keys q q
	wait_for "prepdeck · Today"

	keys e
	snap rehearse-ready "Sections and budgets"
	keys Space
	snap rehearse-run "(1 of 5)"
	keys Space Space Space Space Space
	snap rehearse-summary "Score yourself"
	keys 3
	snap rehearse-evidence "evidence: what you said"
	keys Escape d
	snap drill "The interviewer follows up"
	keys Space
	snap drill-run "Follow-up answer"
	keys Space
	snap drill-done "Drill-down done"
	keys q
	wait_for "prepdeck · Today"

	keys i
	snap interviews "Acme"
	keys q x
	snap cram "Cram: practise a deck now"
	keys q
	wait_for "prepdeck · Today"

	tm resize-window -t t -x 20 -y 8
	snap too-small "small"
	tm resize-window -t t -x "$cols" -y "$lines"
	wait_for "prepdeck · Today"
	keys q
	expect_screen "$tag: quit" "EXITED 0"
}

# TOUR_SIZES narrows the tour while working on one layout ("80x24 color").
for run in ${TOUR_SIZES:-80x24-color 80x24-nocolor 140x45-color 140x45-nocolor}; do
	size=${run%-*} mode=${run#*-}
	tour "${size%x*}" "${size#*x}" "$mode"
done

finish
