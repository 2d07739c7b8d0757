#!/bin/sh
# The study plan and checklists in the interactive program, driven as a
# person uses them: start a plan from Today, tick tasks from Today and
# from the plan screen, open a checklist from a task, push the plan back
# after a preview, write the weekly review, refuse to replace a plan
# without a yes; then check the screen and the database.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
NOW=2026-03-10T12:00:00Z
export PREPDECK_NOW=$NOW TZ=UTC
TUI_ENV="PREPDECK_NOW=$NOW TZ=UTC"
"$PREPDECK" --db "$DB" status >/dev/null || fail "first start"

# No plan yet: Today invites to start one; n opens the picker.
tui_start 80 24 --db "$DB"
expect_screen "Today without a plan" "No study plan is running"
expect_screen "invitation key" "n  start one"
keys n
expect_screen "plan picker" "Start a study plan (day 1 is today)"
# Select two-week: the picker lists plans in the order plan list shows.
idx=$(sql "SELECT count(*) FROM doc WHERE kind = 'plan' AND retired = 0 AND (ord, id) < (SELECT ord, id FROM doc WHERE id = 'two-week')")
i=0
while [ "$i" -lt "$idx" ]; do keys j; i=$((i + 1)); done
expect_screen "two-week selected" "> two-week"
keys Enter
expect_screen "plan screen after starting" "Study plan · Two-week interview sprint"
expect_screen "day 1 of 14" "Day 1 of 14"
expect_eq "run started today" "$(sql "SELECT plan_id, start_day FROM plan_run WHERE active = 1")" \
	"two-week|$(( $(date -u -d 2026-03-10 +%s) / 86400 ))"
expect_screen "today highlighted" "> Day 1 · Tue 2026-03-10 .*today"

# Back on Today: the plan leads; Enter reads a task in full, and o there
# opens the checklist it links to.
keys q
expect_screen "Today leads with the plan" "Day 1 of 14 · Week 1: Pattern drills"
expect_screen "today's first task" "\[ \] Import your posting"
keys Enter
expect_screen "the task in full" "Plan task · Day 1 of 14"
keys o
expect_screen "checklist from the task" "Checklist · Reverse-engineer the job profile"
keys Space
expect_screen "item ticked" "\[x\]  1"
expect_eq "checklist tick stored" "$(sql "SELECT count(*) FROM checklist_tick WHERE checklist_id = 'reverse-engineer-jd'")" 1
keys r
expect_screen "reset asks" "Untick all 1 ticked items for the next use? y/n"
keys y
expect_screen "reset done" "Reset: 1 item unticked"
expect_eq "checklist reset stored" "$(sql "SELECT count(*) FROM checklist_tick")" 0
keys q
expect_screen "back on the task" "Plan task · Day 1 of 14"
keys q
# Space ticks the selected task from Today.
expect_screen "back on Today" "Day 1 of 14"
keys Space
expect_screen "task ticked on Today" "\[x\] Import your posting"
expect_eq "tick stored" "$(sql "SELECT task_id, auto FROM task_done")" "d1-jd|0"
keys j Space
expect_screen "second task ticked" "\[x\] Hashing: two-sum"
keys Space
expect_screen "and unticked" "\[ \] Hashing: two-sum"
expect_eq "one tick left" "$(sql "SELECT group_concat(task_id) FROM task_done")" "d1-jd"
keys q
expect_screen "quits" "EXITED 0"

# Day 9 of the six-week plan (started from the command line, 8 days ago).
"$PREPDECK" --db "$DB" plan start six-week --on 2026-03-02 --yes >/dev/null || fail "plan start"
tui_start 80 24 --db "$DB"
expect_screen "Day 9 of 42 on Today" "Day 9 of 42 · Week 2: An evaluation set and a calibrated judge"
expect_screen "overdue count" "[0-9][0-9]* overdue"
keys Space
expect_screen "day 9 task ticked" "\[x\] Add a judge (pinned model"
expect_eq "d9 tick" "$(sql "SELECT count(*) FROM task_done d JOIN plan_run r ON r.id = d.run_id WHERE r.active = 1 AND d.task_id = 'd9-build' AND d.auto = 0")" 1

# The plan screen: today highlighted, the tick shown, days missed overdue.
keys p
expect_screen "plan screen" "Study plan · Six-week build"
expect_screen "today's day highlighted" "> Day 9 · Tue 2026-03-10"
expect_screen "ticked task marked" "\[x\] Add a judge (pinned model"
# The cursor starts on today's first unfinished task.
keys Space
expect_screen "ticked on the plan screen" "\[x\] Fill the ownership template"
expect_eq "d9-tpl tick" "$(sql "SELECT count(*) FROM task_done d JOIN plan_run r ON r.id = d.run_id WHERE r.active = 1 AND d.task_id = 'd9-tpl'")" 1
keys -l "$(printf '\033OH')"
expect_screen "overdue tasks marked" "\[!\] Reverse-engineer two target"

# Push the plan back 8 days: a preview first, then y applies it.
keys s
expect_screen "shift asks for days" "By how many days? 1_"
keys BSpace 8 Enter
expect_screen "preview" "Push days 1-42 back by 8 days."
expect_screen "preview of today" "afterwards day 1 of 42"
expect_eq "nothing shifted before y" "$(sql "SELECT count(*) FROM plan_shift")" 0
keys y
expect_screen "shifted" "Day 1 of 42"
expect_eq "shift stored" "$(sql "SELECT from_day || ':' || days FROM plan_shift")" "1:8"

# Replacing asks first; n keeps the running plan.
keys n
expect_screen "picker again" "Start a study plan"
i=0
while [ "$i" -lt "$idx" ]; do keys j; i=$((i + 1)); done
keys Enter
total=$(sql "SELECT count(*) FROM plan_task WHERE plan_id = 'six-week' AND retired = 0")
expect_screen "replace asks, naming the running plan" "Replace 'Six-week build for durable signal'"
expect_screen "and the new one" "(day 1 of 42, 2/$total done) with 'Two-week interview sprint'?"
keys n
expect_screen "kept" "The running plan is unchanged"
expect_eq "still one six-week run" "$(sql "SELECT count(*) FROM plan_run WHERE active = 1 AND plan_id = 'six-week'")" 1
keys q
expect_screen "Today again" "Day 1 of 42"
keys q
expect_screen "quits again" "EXITED 0"

# A week later (day 7 after the shift), week 1's review is due.
TUI_ENV="PREPDECK_NOW=2026-03-16T12:00:00Z TZ=UTC" tui_start 80 24 --db "$DB"
expect_screen "day 7" "Day 7 of 42"
expect_screen "review due on Today" "week 1 review due"
keys p
expect_screen "plan screen" "Study plan"
keys r
expect_screen "review box" "What moved (slipped, or went faster)?"
keys "Ingestion moved — two days" Enter "More eval work" Enter
expect_screen "review saved" "Week 1 review saved"
expect_eq "review stored" "$(sql "SELECT week || '|' || moved || '|' || reprioritize FROM plan_review r JOIN plan_run p ON p.id = r.run_id WHERE p.active = 1")" \
	"1|Ingestion moved — two days|More eval work"
expect_screen "review shown" "Week 1 review · moved: Ingestion moved — two days"
keys q
expect_no_review=$(screen | grep -c "review due" || true)
expect_eq "review no longer due on Today" "$expect_no_review" 0

# Checklists from Today.
keys c
expect_screen "checklist list" "Checklists"
keys Enter
expect_screen "a checklist opens" "Checklist · "
keys Space
expect_screen "the tick is shown" "\[x\]"
expect_eq "ticked from the list" "$(sql "SELECT count(*) FROM checklist_tick")" 1
keys q q
expect_screen "Today" "Day 7 of 42"
keys q
expect_screen "quits at the end" "EXITED 0"

finish
