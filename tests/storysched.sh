#!/bin/sh
# Spaced story rehearsal from the command line and on the Today screen:
# `stories due` (bundled examples until the user has stories, then the
# user's new stories three a day), self-scores scheduling the next
# rehearsal (weak sooner, a corrected score rescheduling), the schedule
# in `stories show`, the interview week for the stories a target's gap
# map asks for, and the Today screen listing today's rehearsals with the
# key that starts the first one, checked on screen and in the database.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
export TZ=UTC PREPDECK_NOW=2026-03-02T10:00:00Z
P() { "$PREPDECK" --db "$DB" "$@"; }
json_ok() { python3 -m json.tool "$1" >/dev/null; }
# record STORY SCORE: a completed rehearsal with every category scored SCORE.
record() {
	P rehearse record "$1" --time situation=20 --time task=15 --time action=60 \
		--time result=25 --time reflection=20 --score "clarity=$2:x" \
		--score "ownership=$2:x" --score "conflict=$2:x" --score "impact=$2:x"
}

check "help stories names due" P help stories
expect_grep "help" "stories due" "$T/out"

# A fresh database: the bundled examples stand in, three a day, all new.
check "stories due (bundled)" P stories due
expect_grep "three to go" "Story rehearsals for 2026-03-02: 3 to go" "$T/out"
expect_grep "an example, new" "^  story-architecture  *new  *never rehearsed" "$T/out"
expect_grep "how to start" "Start with: prepdeck rehearse story-architecture" "$T/out"
P stories due --json >"$T/due.json"
check "json parses" json_ok "$T/due.json"
check "json fields" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["day"] == "2026-03-02", d
assert len(d["stories"]) == 3 and all(s["why"] == "new" for s in d["stories"]), d
assert d["interview"] is None and d["next"] is None and d["done"] == 0, d
' "$T/due.json"
check_exit "unknown option" 2 P stories due --soon
expect_grep "says what is wrong" "unknown option '--soon'" "$T/err"
check_exit "unknown stories command" 2 P stories sooner
expect_grep "lists due" "(list, show, due, coverage, prompt)" "$T/err"

# The user's own stories replace the examples.
for s in "conflict:Disagreed on the eval metric:conflict" "own:Owned the outage:ownership" \
	"learn:Learned the feature store:learning" "impact:Cut serving cost:impact" \
	"conflict2:Pushed back on a launch:conflict communication"; do
	id=${s%%:*} rest=${s#*:}
	check "add $id" P story add "${rest%%:*}" --id "my-$id"
	check "competencies of $id" P story set "my-$id" competencies "${rest#*:}"
done
check "stories due (mine)" P stories due
expect_grep "mine first" "^  my-conflict  *new" "$T/out"
expect_no_grep "examples gone" "story-architecture" "$T/out"
expect_eq "three a day" "$(grep -c '^  my-' "$T/out")" 3

# Self-scores schedule the next rehearsal: weak sooner than strong.
check "weak rehearsal" record my-conflict 1
check "strong rehearsal" record my-own 4
weak=$(DB=$DB sql "SELECT due FROM story_state WHERE story_id = 'my-conflict'")
strong=$(DB=$DB sql "SELECT due FROM story_state WHERE story_id = 'my-own'")
if [ -n "$weak" ] && [ -n "$strong" ] && [ "$weak" -lt "$strong" ]; then pass; else
	fail "weak story due $weak, strong $strong"; fi
now=$(date -d 2026-03-02T10:00:00Z +%s)
expect_eq "weak: one day, not minutes" "$((weak - now))" 86400
check "show the schedule" P stories show my-conflict
expect_grep "next rehearsal" "^next rehearsal: 2026-03-03 (in 1 day; interval 1 day, 1 scored rehearsal)" "$T/out"
check "show an unscheduled story" P stories show my-learn
expect_grep "not yet" "^next rehearsal: not scheduled yet" "$T/out"

# A score corrected afterwards reschedules as if it had been right.
check "record weak, then correct" record my-learn 1
id=$(DB=$DB sql "SELECT max(id) FROM rehearsal")
for c in clarity ownership conflict impact; do
	check "rescore $c" P rehearse score "$id" "$c" 4
done
expect_eq "corrected to the strong schedule" \
	"$(DB=$DB sql "SELECT due FROM story_state WHERE story_id = 'my-learn'")" "$strong"

# Rehearsed today: gone from today's list, and the list does not refill.
check "stories due after three" P stories due
expect_grep "all done" "all done (3 rehearsed today)" "$T/out"
expect_grep "next scheduled is the weak one" "Next scheduled: my-conflict on 2026-03-03" "$T/out"

# Tomorrow: the weak story is due as scheduled, ahead of the new ones.
PREPDECK_NOW=2026-03-03T10:00:00Z P stories due >"$T/out"
expect_grep "weak story back tomorrow" "^  my-conflict  *scheduled  *due 2026-03-03, 1.0" "$T/out"
expect_eq "then the new ones" "$(grep -c '^  my-.* new ' "$T/out")" 2

# An interview in five days whose gap map asks for conflict resolution:
# the conflict stories not rehearsed since the week began are due.
check "a map" P gapmap new acme-map --title "Acme"
check "a behavioral row" P gapmap add acme-map "Conflict resolution" --category behavioral
check "a technical row" P gapmap add acme-map "Kubernetes" --category technical
check "set the interview" P target set 2026-03-07 --company Acme --map acme-map
PREPDECK_NOW=2026-03-03T10:00:00Z P stories due --json >"$T/due.json"
check "json parses (week)" json_ok "$T/due.json"
check "interview week in json" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
iw = d["interview"]
assert iw["day"] == "2026-03-07" and iw["in_week"] and iw["name"] == "Acme", iw
# my-conflict and my-conflict2 cover conflict; my-conflict was rehearsed
# on 03-02, inside the week, so only my-conflict2 is pending.
assert iw["mapped"] == 2 and iw["pending"] == 1 and iw["quota"] == 1, iw
assert not iw["all_stories"], iw
why = {s["id"]: s["why"] for s in d["stories"]}
assert why.get("my-conflict2") == "interview week", why
assert list(why)[0] == "my-conflict2", why
assert "my-impact" not in why or why["my-impact"] == "new", why
' "$T/due.json"
PREPDECK_NOW=2026-03-03T10:00:00Z P stories due >"$T/out"
expect_grep "interview line" "^Interview week: Acme on 2026-03-07 (in 4 days): 1 of 2 mapped stories" "$T/out"

# The Today screen lists them; e starts the first; scores reschedule it.
TUI_ENV="PREPDECK_NOW=2026-03-03T10:00:00Z TZ=UTC" tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
expect_screen "the section counts today's stories" "Stories · 3 today · interview week: 1 of 2 left"
expect_screen "first: the interview story" "Rehearse next: Pushed back on a launch  *interview week"
expect_screen "then the weak one" "Disagreed on the eval metric  *scheduled · last 1.0"
expect_screen "the key is shown" "e  rehearse  s  stories"
keys '?'
expect_screen "help lists the key" "Rehearse the first story due today"
keys '?'
keys e
expect_screen "rehearsal opens on the first" "Rehearse · Pushed back on a launch"
for i in 1 2 3 4 5 6; do keys Space; sleep 0.1; done
expect_screen "summary" "saved as a session"
# A conflict story is scored on clarity and conflict; each score asks
# for its evidence, Esc skips it and moves on.
keys 4 Escape 4 Escape
expect_screen "last category scored" "Conflict handling  *\[4\]"
expect_eq "scheduled from the screen's scores" \
	"$(DB=$DB sql "SELECT reps || '|' || state FROM story_state WHERE story_id = 'my-conflict2'")" "1|2"
keys q
expect_screen "back on Today" "prepdeck · Today"
expect_screen "two left" "Stories · 2 today · interview week: 0 of 2 left"
expect_screen "the weak one is next" "Rehearse next: Disagreed on the eval metric"
if screen | grep -q "Pushed back on a launch"; then fail "rehearsed story still listed"; else pass; fi
keys q
expect_screen "quits" "EXITED 0"

finish
