#!/bin/sh
# A plan's review task is completed by doing the day's review: it counts
# every review logged on its day on cards of the decks it names (any card
# state, cram excluded), and on its day asks for no more than the review
# can still serve from those decks plus what was done. The repro: a fresh
# database, a plan started, the whole queue cleared: the task is done.
# Today, the plan screen and `plan today --json` show the same figures.
# A task may name several decks (`decks: [...]`).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
export TZ=UTC PREPDECK_NOW=2026-03-02T10:00:00Z
P() { "$PREPDECK" --db "$DB" "$@"; }
# task_json ID FIELD: a field of a task in `plan today --json` (a
# link's title for FIELD title), as JSON.
task_json() {
	P plan today --json | python3 -c '
import json, sys
v = json.load(sys.stdin)
for t in v["tasks"] + v["overdue"]:
    if t["id"] == sys.argv[1]:
        x = t["link"]["title"] if sys.argv[2] == "title" else t[sys.argv[2]]
        print(json.dumps(x))
' "$1" "$2"
}
# grade_some N: answers N cards as the review would serve them (Good).
grade_some() {
	n=0
	while [ "$n" -lt "$1" ]; do
		k=$(P next | cut -f1)
		[ "$k" = "nothing due" ] && return 0
		P grade "$k" 3 >/dev/null || { fail "grade $k"; return 1; }
		n=$((n + 1))
	done
}

# Day 1's review task, d1-cards, names three decks and asks for 70: on a
# fresh database the review can serve at most the 20 new cards a day.
check "start the two-week plan" P plan start two-week
expect_eq "its count" "$(task_json d1-cards count)" 70
expect_eq "asks for what the review can serve at first" "$(task_json d1-cards target)" 20

# Part of the queue: the three views agree on done/target.
grade_some 12
done_=$(task_json d1-cards progress)
target=$(task_json d1-cards target)
[ "$done_" -ge 1 ] && pass || fail "no review of its decks among the first 12"
check "plan today (text)" P plan today
expect_grep "the text shows done/target" "\[coding, ml-fundamentals, ml-system-design $done_/$target\]" "$T/out"
tui_start 100 30 --db "$DB"
expect_screen "Today shows the same figures" "Set new cards to 30.* $done_/$target"
keys p
expect_screen "the plan screen shows the same" "Set new cards to 30.* $done_/$target"
keys q
keys q
expect_screen "quit" "EXITED 0"

# The whole queue.
grade_some 200
expect_eq "nothing left to review" "$(P next)" "nothing due"
expect_eq "the review task is done" "$(task_json d1-cards done)" true
expect_eq "its target is what was done" "$(task_json d1-cards target)" "$(task_json d1-cards progress)"
expect_eq "ticked by itself" "$(task_json d1-cards auto)" true
expect_eq "every deck of it counted" "$(task_json d1-cards progress)" \
	"$(DB=$DB sql "SELECT count(*) FROM review_log r JOIN card c ON c.key = r.card_key WHERE c.deck_id IN ('coding', 'ml-fundamentals', 'ml-system-design')")"
expect_eq "a deck link without a count is no review task" "$(task_json d1-ml done)" false
expect_eq "nothing overdue" "$(P plan today --json | sed -n 's/.*"overdue":\[\([^]]*\)\].*/\1/p')" ""
target=$(task_json d1-cards target)
tui_start 100 30 --db "$DB"
expect_screen "Today: done, done/target" "\[x\] Set new cards to 30.* $target/$target"
keys q
expect_screen "quit again" "EXITED 0"

# Undo one of its reviews: it is unticked again, and the target holds.
k=$(DB=$DB sql "SELECT r.card_key FROM review_log r JOIN card c ON c.key = r.card_key WHERE c.deck_id IN ('coding', 'ml-fundamentals', 'ml-system-design') ORDER BY r.id DESC LIMIT 1")
last=$(DB=$DB sql "SELECT card_key FROM review_log ORDER BY id DESC LIMIT 1")
if [ "$k" = "$last" ]; then
	check "undo its last review" P undo
	expect_eq "unticked after the undo" "$(task_json d1-cards done)" false
	grade_some 200
	expect_eq "done again" "$(task_json d1-cards done)" true
fi

# The next day: the tick stays; yesterday's other tasks are overdue.
export PREPDECK_NOW=2026-03-03T10:00:00Z
expect_eq "day 1's review task stays done" \
	"$(DB=$DB sql "SELECT auto FROM task_done WHERE task_id = 'd1-cards'")" 1
check "next day" P plan today --json
expect_no_grep "day 1's review task is not overdue" '"id":"d1-cards"' "$T/out"
expect_grep "an unticked task of day 1 is" '"id":"d1-ml"' "$T/out"

# Several decks in one task; `count` needs a deck.
mkdir -p "$T/plan"
{
	echo "kind: plan"; echo "id: mini"; echo "title: Mini plan"
	echo "weeks:"; echo "  - week: 1"; echo "    theme: One week"
	echo "days:"
	for d in 1 2 3 4 5 6 7; do
		echo "  - day: $d"; echo "    title: Day $d"; echo "    tasks:"
		echo "      - id: m$d-review"
		echo "        text: \"Review this week's decks: coding and ML fundamentals\""
		echo "        decks: [coding, ml-fundamentals]"
		echo "        count: 30"
	done
} >"$T/plan/mini.yaml"
check "a plan with a decks list checks" P check "$T/plan"
check "and imports" P import "$T/plan"
check "start it" P plan start mini --yes
expect_eq "the task names both decks" "$(task_json m1-review title)" '"Coding round (Python), ML fundamentals"'
# 30 reviews asked, but today's review can serve at most the daily 20
# new cards (and whatever is due) from the two decks.
t=$(task_json m1-review target)
if [ "$t" -gt 0 ] && [ "$t" -lt 30 ]; then pass; else fail "target $t: wanted what the queue can serve, under 30"; fi
grade_some 200
expect_eq "the day's review done: the task too" "$(task_json m1-review done)" true
expect_eq "both decks counted" "$(task_json m1-review progress)" \
	"$(DB=$DB sql "SELECT count(*) FROM review_log r JOIN card c ON c.key = r.card_key WHERE c.deck_id IN ('coding', 'ml-fundamentals') AND r.reviewed_at >= strftime('%s', '2026-03-03T04:00:00')")"
check "plan today lists the decks" P plan today
expect_grep "by id, comma separated" "\[coding, ml-fundamentals [0-9]*/[0-9]*\]" "$T/out"

sed 's/        decks: \[coding, ml-fundamentals\]/        story: tpl-conflict/' "$T/plan/mini.yaml" >"$T/bad.yaml"
check_exit "count without a deck" 1 P check "$T/bad.yaml"
expect_grep "says what goes with count" "'count' goes with 'deck' or 'decks'" "$T/err"
sed 's/        count: 30/        deck: coding/' "$T/plan/mini.yaml" >"$T/bad2.yaml"
check_exit "deck and decks together" 1 P check "$T/bad2.yaml"
expect_grep "at most one link" "at most one of deck, decks" "$T/err"
finish
