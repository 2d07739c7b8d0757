#!/bin/sh
# One meaning per key, and things that can be found: g is the gap map on
# Today (Home/End go to the first and last line everywhere); Enter reads
# a plan task in full on Today and on the plan screen alike, where the
# whole text wraps and Space and o work; Space in the competency picker
# ticks and moves on as in a checklist; Today shows where to set an
# interview date before there is one; End and Home reach the last and
# the first row of every list (the settings, the competency picker).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2026-03-10T10:00:00Z TZ=UTC
check "a plan" P plan start two-week --yes

# --- interview_hint_before_a_date ------------------------------------------
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
expect_screen "where to set an interview" "No interview yet: i sets one · x cram"
keys i
expect_screen "i opens the interview form" "Date (YYYY-MM-DD)"
keys Escape
expect_screen "Today again" "prepdeck · Today"

# --- g_is_the_gap_map_on_today ----------------------------------------------
keys '?'
expect_screen "help" "Everywhere keys"
screen >"$T/help"
expect_grep "g listed for the gap map" "^ *g  *Open the skills-gap map" "$T/help"
expect_no_grep "g is not also the first line" "Home/g" "$T/help"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do keys Down; done
expect_screen "the global keys, scrolled" "Home  *Go to the first line"
keys x
wait_gone "Everywhere keys"
keys g
expect_screen "g opens the gap map" "prepdeck · Gap map"
keys q
expect_screen "Today" "prepdeck · Today"

# --- enter_reads_a_plan_task_on_today_and_on_the_plan -----------------------
full=$(sql "SELECT text FROM plan_task WHERE plan_id = 'two-week' AND task_id = 'd1-jd'")
expect_screen "the task cut in the list" "\[ \] Import your posting as a gap map (prepdeck jd import FILE)…"
keys Enter
expect_screen "Enter on Today reads the task" "Plan task · Day 1 of 14"
expect_screen "its whole text" "^ *five skills$"
expect_screen "its link" "Links to the checklist"
keys Space
expect_screen "Space ticks it there" "\[x\] Import your posting"
keys Space
expect_screen "and unticks" "\[ \] Import your posting"
keys o
expect_screen "o opens the link" "Checklist · "
keys q q
expect_screen "Today" "prepdeck · Today"
keys p
expect_screen "plan screen" "Study plan · "
keys Enter
expect_screen "Enter on the plan reads the task too" "Plan task · Day 1 of 14"
keys q
expect_screen "plan again" "Study plan · "
keys Space
expect_screen "Space ticks on the plan" "\[x\] Import your posting"
expect_eq "ticked" "$(sql "SELECT count(*) FROM task_done WHERE task_id = 'd1-jd'")" 1
keys q q
expect_screen "quit" "EXITED 0"

# --- space_ticks_and_moves_on_in_the_competency_picker ----------------------
check "a story of one's own" P story add "Keys story"
id=$(sql "SELECT id FROM story WHERE title = 'Keys story'")
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys s
expect_screen "stories" "> Keys story"
keys Enter
expect_screen "the form" "Keys story  *yours"
keys Down Enter
expect_screen "the picker" "Competencies of this story"
keys Space
expect_screen "first ticked" "\[x\] Ownership"
keys Space
expect_screen "Space moved on: the second ticked too" "\[x\] Impact"
expect_eq "two competencies" "$(sql "SELECT trim(competencies) FROM story WHERE id = '$id'")" "ownership impact"

# --- end_and_home_in_the_lists ----------------------------------------------
# Home and End as the program's terminal (xterm) sends them.
HOME_KEY=$(printf '\033OH') END_KEY=$(printf '\033OF')
keys -l "$END_KEY"
keys Space
expect_screen "End ticks the last competency" "\[x\] Customer focus"
keys -l "$HOME_KEY"
keys Space
expect_screen "Home: the first unticked" "\[ \] Ownership"
expect_eq "the last in, the first out" "$(sql "SELECT trim(competencies) FROM story WHERE id = '$id'")" "impact customer-focus"
keys Escape q q
expect_screen "Today" "prepdeck · Today"
keys o
expect_screen "settings" "prepdeck · Settings"
keys -l "$END_KEY"
keys +
expect_screen "End selects the last setting" "lint_duplicate  *0.25"
keys -l "$HOME_KEY"
keys +
expect_screen "Home selects the first" "retention  *0.91"
expect_eq "both saved" "$(sql "SELECT group_concat(key || '=' || value, ' ') FROM (SELECT * FROM setting WHERE key IN ('retention', 'lint_duplicate') ORDER BY key)")" "lint_duplicate=0.25 retention=0.91"
keys q q
expect_screen "quit" "EXITED 0"

finish
