#!/bin/sh
# Study plans and checklists from the command line: starting and
# replacing a plan, today's tasks as text and JSON, ticks, deck tasks that
# tick themselves from real grades, overdue tasks, shifting, weekly
# reviews, checklists, and bad input with its exit codes and messages.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
# Day 6 of a plan started on 27 February crosses the month end.
export PREPDECK_NOW=2026-03-04T10:00:00Z TZ=UTC

json_ok() { python3 -m json.tool "$1" >/dev/null; }

check "help lists plan" "$PREPDECK" --help
expect_grep "plan in help" "^  plan " "$T/out"
expect_grep "checklist in help" "^  checklist " "$T/out"
check "help plan" "$PREPDECK" help plan
expect_grep "help plan documents shift" "plan shift N" "$T/out"

# No plan yet.
check "plan today without a plan" P plan today
expect_grep "invites to start one" "prepdeck plan start two-week" "$T/out"
check "plan today --short without a plan" P plan today --short
expect_eq "short prints nothing without a plan" "$(cat "$T/out")" ""
check "plan today --json without a plan" P plan today --json
cp "$T/out" "$T/j0"
check "inactive JSON is valid" json_ok "$T/j0"
expect_grep "inactive JSON" '"active":false' "$T/j0"
check_exit "plan show without a plan" 1 P plan show
expect_grep "no plan message" "no study plan is running" "$T/err"
check_exit "plan done without a plan" 1 P plan done d1-code

# Bad starts.
check_exit "plan start without an id" 2 P plan start
check_exit "plan start unknown plan" 1 P plan start two-weeks
expect_grep "did you mean" "no study plan 'two-weeks' (did you mean 'two-week'?)" "$T/err"
check_exit "plan start, impossible date" 2 P plan start two-week --on 2026-02-30
expect_grep "bad date message" "'2026-02-30' is not a date" "$T/err"
check_exit "plan start, not a date" 2 P plan start two-week --on tomorrow
check_exit "plan start, --on without a value" 2 P plan start two-week --on
check_exit "plan start, long over" 1 P plan start two-week --on 2025-01-01
expect_grep "long over message" "would have ended on" "$T/err"
check_exit "plan start, too far ahead" 1 P plan start two-week --on 2030-01-01
check_exit "plan start, unknown option" 2 P plan start two-week --soon
check_exit "plan, unknown subcommand" 2 P plan strat
expect_eq "no run after bad starts" "$(sql "SELECT count(*) FROM plan_run")" 0

check "plan start two-week" P plan start two-week --on 2026-02-27
expect_grep "start message" "day 1 is Fri 2026-02-27, day 14 is Thu 2026-03-12" "$T/out"
expect_eq "one active run" "$(sql "SELECT plan_id, start_day FROM plan_run WHERE active = 1")" \
	"two-week|$(( $(date -u -d 2026-02-27 +%s) / 86400 ))"

check "plan today" P plan today
expect_grep "day 6 of 14" "^Day 6 of 14 · Week 1: Pattern drills" "$T/out"
expect_grep "today's date" "^Wed 2026-03-04 · Heaps and top-k" "$T/out"
expect_grep "a task" "\[ \] d6-code " "$T/out"
# d6-cards reviews three decks and asks for 115; a fresh database can
# serve 20 (the daily new cards), so that is its target.
expect_grep "deck progress" "d6-cards.*\[coding, ml-fundamentals, ml-system-design 0/20\]" "$T/out"
overdue=$(sql "SELECT count(*) FROM plan_task WHERE plan_id = 'two-week' AND retired = 0 AND day < 6")
expect_grep "overdue count" "^Overdue ($overdue):" "$T/out"
expect_grep "overdue task" "\[!\] d3-design .*(day 3, Sun 2026-03-01)" "$T/out"

check "plan today --json" P plan today --json
cp "$T/out" "$T/j1"
check "today JSON is valid" json_ok "$T/j1"
check "today JSON fields" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["active"] and d["plan"] == "two-week", d
assert d["day"] == 6 and d["days"] == 14 and d["week"] == 1 and d["weeks"] == 2, d
assert d["date"] == "2026-03-04" and d["phase"] == "on", d
assert [t["id"] for t in d["tasks"]] == sys.argv[2].split(), d["tasks"]
assert len(d["overdue"]) == int(sys.argv[3]), len(d["overdue"])
design = [t for t in d["overdue"] if t["id"] == "d3-design"][0]
assert "RAG over policy docs" in design["text"] and design["link"]["kind"] == "checklist", design
cards = [t for t in d["tasks"] if t["id"] == "d6-cards"][0]
assert cards["link"]["kind"] == "deck" and cards["link"]["id"] == "coding ml-fundamentals ml-system-design", cards
assert cards["count"] == 115 and cards["target"] == 20 and cards["progress"] == 0, cards
assert d["progress"]["plan"] == {"done": 0, "total": int(sys.argv[4])}, d["progress"]
' "$T/j1" "$(sql "SELECT group_concat(task_id, ' ') FROM (SELECT task_id FROM plan_task WHERE plan_id = 'two-week' AND day = 6 ORDER BY ord)")" \
	"$overdue" "$(sql "SELECT count(*) FROM plan_task WHERE plan_id = 'two-week' AND retired = 0")"

# Day 9's design task quotes its prompt: the JSON escapes the quotes.
PREPDECK_NOW=2026-03-07T10:00:00Z P plan today --json > "$T/j9"
check "day 9 JSON is valid (a text with quotes)" json_ok "$T/j9"
check "the quotes survive" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["day"] == 9, d["day"]
assert any("\"cut LLM cost 50% without hurting quality\"" in t["text"] for t in d["tasks"]), d["tasks"]
' "$T/j9"

check "plan today --short" P plan today --short
expect_eq "short line" "$(cat "$T/out")" \
	"Day 6/14 · today 0/$(sql "SELECT count(*) FROM plan_task WHERE plan_id = 'two-week' AND day = 6") · $overdue overdue"
check_exit "--short with --json" 2 P plan today --short --json

# Ticks.
check "plan done" P plan done d6-code
expect_grep "done message" "^done: d6-code (day 6)" "$T/out"
expect_eq "tick stored" "$(sql "SELECT auto FROM task_done WHERE task_id = 'd6-code'")" 0
check_exit "plan done with a typo" 1 P plan done d6-code d6-cod
expect_grep "task suggestion" "no task 'd6-cod' .*did you mean 'd6-code'" "$T/err"
check_exit "plan done with no id" 2 P plan done
check "plan undone" P plan undone d6-code
expect_eq "tick removed" "$(sql "SELECT count(*) FROM task_done WHERE task_id = 'd6-code'")" 0
check "plan done two tasks" P plan done d6-code d1-code
expect_eq "two ticks" "$(sql "SELECT count(*) FROM task_done")" 2

# A review task ticks itself after its 20 real grades today (Easy, so no
# card comes back today and the target stays 20), all from one of its
# decks.
for k in $(sql "SELECT key FROM card WHERE deck_id = 'coding' AND retired = 0 ORDER BY ord LIMIT 19"); do
	P grade "$k" easy >/dev/null || fail "grade $k"
done
check "plan today after 19 grades" P plan today
expect_grep "19 of 20" "d6-cards.*\[coding, ml-fundamentals, ml-system-design 19/20\]" "$T/out"
expect_grep "not yet ticked" "\[ \] d6-cards" "$T/out"
k=$(sql "SELECT key FROM card WHERE deck_id = 'coding' AND retired = 0 ORDER BY ord LIMIT 1 OFFSET 19")
P grade "$k" easy >/dev/null || fail "grade $k"
check "plan today after 20 grades" P plan today
expect_grep "ticked itself" "\[x\] d6-cards .*\[coding, ml-fundamentals, ml-system-design 20/20\]  (ticked itself)" "$T/out"
expect_eq "automatic tick stored" "$(sql "SELECT auto FROM task_done WHERE task_id = 'd6-cards'")" 1
check_exit "cannot untick a task that ticks itself" 1 P plan undone d6-cards
expect_grep "ticks itself message" "ticks itself: 20 reviews of 'Coding round (Python), ML fundamentals, ML system design'" "$T/err"
check "undo the last grade" P undo
check "plan today after the undo" P plan today
expect_grep "tick taken back" "\[ \] d6-cards .*\[coding, ml-fundamentals, ml-system-design 19/20\]" "$T/out"

# Weekly review and bad weeks.
check_exit "review of a week the plan lacks" 1 P plan review 3 --moved x
expect_grep "weeks message" "has weeks 1-2, not 3" "$T/err"
check_exit "review of a week not begun" 1 P plan review 2 --moved x
expect_grep "not begun message" "week 2 has not begun" "$T/err"
check_exit "review with a bad week" 2 P plan review first --moved x
check "review week 1" P plan review 1 --moved 'Graphs "moved" to week 2' --next 'More DP — less reading'
expect_eq "review stored" "$(sql "SELECT moved || '|' || reprioritize FROM plan_review WHERE week = 1")" \
	'Graphs "moved" to week 2|More DP — less reading'
check "review printed" P plan review 1
expect_grep "review text" "moved: Graphs \"moved\" to week 2" "$T/out"

# Shifting: without --yes nothing changes.
check "plan shift preview" P plan shift 5
expect_grep "preview says what moves" "^Push days 2-14 back by 5 days." "$T/out"
expect_grep "preview first day" "Day 2: Sat 2026-02-28 -> Thu 2026-03-05" "$T/out"
expect_grep "preview today" "is day 6 of 14; afterwards a free day (day 2 comes on Thu 2026-03-05)" "$T/out"
expect_grep "preview asks for --yes" "Nothing changed. Run 'prepdeck plan shift 5 --yes'" "$T/out"
expect_eq "nothing shifted" "$(sql "SELECT count(*) FROM plan_shift")" 0
check_exit "shift by a word" 2 P plan shift soon
check_exit "shift by zero" 1 P plan shift 0 --yes
expect_grep "shift range message" "between 1 and 365" "$T/err"
check_exit "shift from a day the plan lacks" 1 P plan shift 2 --from 15 --yes
check_exit "shift without N" 2 P plan shift --yes
expect_eq "still nothing shifted" "$(sql "SELECT count(*) FROM plan_shift")" 0
check "plan shift --yes" P plan shift 4 --yes
expect_eq "shift stored" "$(sql "SELECT from_day || ':' || days FROM plan_shift")" "2:4"
check "plan today after the shift" P plan today
expect_grep "today is day 2 now" "^Day 2 of 14" "$T/out"

check "plan show" P plan show
expect_grep "show: today marked" "^> Day 2 · Wed 2026-03-04 .*(today)" "$T/out"
expect_grep "show: day 1 unchanged" "^  Day 1 · Fri 2026-02-27" "$T/out"
expect_grep "show: ticked task" "\[x\] d1-code " "$T/out"
expect_grep "show: week review" "Review of week 1: moved: Graphs" "$T/out"
expect_grep "show: shifted" "pushed back 4 days in total" "$T/out"

# Replacing needs --yes and keeps the old run's history.
check_exit "replacing without --yes" 1 P plan start six-week
expect_grep "replace message" "the plan 'two-week' is running (day 2 of 14.*--yes" "$T/err"
expect_eq "still two-week" "$(sql "SELECT plan_id FROM plan_run WHERE active = 1")" two-week
check "replacing with --yes" P plan start six-week --yes
expect_grep "ended message" "Ended 'two-week'" "$T/out"
expect_eq "six-week active" "$(sql "SELECT plan_id FROM plan_run WHERE active = 1")" six-week
expect_eq "old run kept, ended" "$(sql "SELECT active, ended_at IS NOT NULL FROM plan_run WHERE plan_id = 'two-week'")" "0|1"
expect_eq "old ticks kept" "$(sql "SELECT count(*) FROM task_done d JOIN plan_run r ON r.id = d.run_id WHERE r.plan_id = 'two-week'")" 2
expect_eq "old review kept" "$(sql "SELECT count(*) FROM plan_review")" 1
check "plan today on the new plan" P plan today
expect_grep "six-week day 1" "^Day 1 of 42 · Week 1: Baseline RAG, instrumented from day one (observability)" "$T/out"
check "plan list" P plan list
expect_grep "list marks the running plan" "six-week .*(running)" "$T/out"
expect_grep "list shows the old run" "two-week .*2 tasks ticked" "$T/out"
check_exit "plan stop without --yes" 1 P plan stop
check "plan stop --yes" P plan stop --yes
expect_eq "no active run" "$(sql "SELECT count(*) FROM plan_run WHERE active = 1")" 0

# Checklists.
check "checklist list" P checklist
expect_grep "list has night-before" "^night-before .*0/10 *never completed" "$T/out"
check "checklist show" P checklist night-before
expect_grep "items numbered" "^   1 \[ \] flagship-story" "$T/out"
check "tick by number and id" P checklist tick night-before 1 numbers
expect_grep "two ticked" "2/10 ticked" "$T/out"
expect_eq "ticks stored" "$(sql "SELECT group_concat(item_id) FROM (SELECT item_id FROM checklist_tick WHERE checklist_id = 'night-before' ORDER BY item_id)")" "flagship-story,numbers"
check_exit "unknown item" 1 P checklist tick night-before 11
expect_grep "unknown item message" "has no item '11'" "$T/err"
check_exit "unknown checklist" 1 P checklist tick night-befor 1
expect_grep "checklist suggestion" "did you mean 'night-before'" "$T/err"
check_exit "tick without an item" 2 P checklist tick night-before
check_exit "checklist option" 2 P checklist --all
check "untick" P checklist untick night-before numbers
expect_grep "one ticked" "1/10 ticked" "$T/out"
check "tick the rest" P checklist tick night-before 2 3 4 5 6 7 8 9 10
expect_grep "complete message" "Checklist complete; recorded" "$T/out"
expect_eq "completion stored" "$(sql "SELECT count(*) FROM checklist_done WHERE checklist_id = 'night-before'")" 1
check "list after completing" P checklist
expect_grep "last completed" "^night-before .*10/10 *last completed Wed 2026-03-04 10:00 (1 time)" "$T/out"
check "reset" P checklist reset night-before
expect_grep "reset message" "10 items unticked" "$T/out"
expect_eq "ticks cleared" "$(sql "SELECT count(*) FROM checklist_tick")" 0
expect_eq "completion kept" "$(sql "SELECT count(*) FROM checklist_done")" 1

finish
