#!/bin/sh
# The stats screen and `prepdeck stats` on a fixture database with known
# reviews, a rehearsal and a gap-map edit: the figures match, in colour
# with block characters and with NO_COLOR in plain ASCII, at 80x24. Then a
# mock round is scored through the interactive form and its fix-next shows
# on the Today screen.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
NOW=2024-06-15T12:00:00Z
export TZ=UTC
"$PREPDECK" --db "$DB" status >/dev/null || { echo "cannot create the database"; exit 1; }

# Fixture (times UTC, study days start at 04:00): three coding cards,
# one due tomorrow, two due today; seven scheduled reviews of a card in
# the review state this morning, one of them Again (6/7 = 85.7%); a
# completed rehearsal of 2:30 against 2:20; a gap map of two skills whose
# mean confidence went from 2.50 (1 and 4) to 3.50 (3 and 4) on 06-01.
sql <<EOF
INSERT INTO card_state (key, state, due, scheduled_days) VALUES
  ('code-argpartition', 2, strftime('%s', '2024-06-16 12:00:00'), 30),
  ('code-bfs-complexity', 2, strftime('%s', '2024-06-15 12:00:00'), 5),
  ('code-bfs-vs-dfs', 1, strftime('%s', '2024-06-15 12:10:00'), 0);
INSERT INTO review_log (card_key, reviewed_at, rating, mode, prev_state)
SELECT 'code-argpartition', strftime('%s', '2024-06-15 10:00:00') + value,
       CASE value WHEN 3 THEN 1 ELSE 3 END, 'review', 2
FROM (SELECT 0 AS value UNION SELECT 1 UNION SELECT 2 UNION SELECT 3
      UNION SELECT 4 UNION SELECT 5 UNION SELECT 6);
INSERT INTO rehearsal (id, story_id, mode, started_at, total_ms, budget_ms, completed)
VALUES (1, 'story-rag', 'story', strftime('%s', '2024-06-10 09:00:00'), 150000, 140000, 1);
INSERT INTO rehearsal_section VALUES (1, 0, 'Situation', 20000, 18000),
  (1, 1, 'Action', 60000, 80000);
INSERT INTO rehearsal_score VALUES (1, 'clarity', 3, 'clear');
INSERT INTO gapmap (id, origin, title, created_at) VALUES ('tmap', 'user', 'Test map', 1);
INSERT INTO gap_row (id, map_id, name, confidence) VALUES (9001, 'tmap', 'RAG', 3),
  (9002, 'tmap', 'Evals', 4);
INSERT INTO gap_edit (row_id, field, old, new, at)
VALUES (9001, 'confidence', '1', '3', strftime('%s', '2024-06-01 10:00:00'));
EOF

# The command line first.
check "stats" env PREPDECK_NOW=$NOW "$PREPDECK" --db "$DB" stats
expect_grep "activity" "answers 7 on 1 of 182 days; busiest day 7; streak 1 day$" "$T/out"
expect_grep "forecast" "Due in the next 30 days: 3 (today 2, of which 0 overdue)" "$T/out"
expect_grep "forecast row" "^  +0      2    1    0" "$T/out"
expect_grep "retention of the coding deck" "^  coding  *7  *6  *85.7%" "$T/out"
expect_grep "retention overall" "^  all decks  *7  *6  *85.7%" "$T/out"
expect_grep "card counts" "^Cards: [0-9]* new, 1 learning, 1 young, 1 mature, 0 suspended" "$T/out"
expect_grep "rehearsal" "1 run; 2:30/2:20; most often over: Action (1 of 1)" "$T/out"
expect_grep "self-score" "Clarity  *3  (mean 3.00)" "$T/out"
expect_grep "gap confidence" "Test map: 2 skills, 1 edit; 2024-06-01 2.50 (2) 2024-06-01 3.50 (2)$" "$T/out"
expect_grep "heatmap today (a Saturday, the busiest day)" "^  Sat .*#$" "$T/out"
check "stats --json" env PREPDECK_NOW=$NOW "$PREPDECK" --db "$DB" stats --json
expect_grep "json deck" '"id": "coding", .*"reviews": 7, "passed": 6, "true": 0.8571' "$T/out"
expect_grep "json forecast" '"days": \[2,1,0,0,' "$T/out"
expect_grep "json cards" '"learning": 1, "young": 1, "mature": 1, "suspended": 0' "$T/out"
check_exit "stats with a bad argument" 2 "$PREPDECK" --db "$DB" stats --yaml
expect_grep "bad argument message" "stats: unknown option '--yaml'" "$T/err"
if command -v python3 >/dev/null; then
	env PREPDECK_NOW=$NOW "$PREPDECK" --db "$DB" stats --json >"$T/json"
	check "json parses" python3 -c "import json,sys; d=json.load(open('$T/json')); assert d['retention']['reviews'] == 7"
fi

coding=$(sql "SELECT title FROM doc WHERE id = 'coding'")

# The screen, in colour with block characters, at 80x24.
TUI_ENV="TZ=UTC PREPDECK_NOW=$NOW" tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys t
expect_screen "stats screen" "Review activity · last 26 weeks"
expect_screen "tabs" "1 Activity  2 Forecast  3 Retention"
expect_screen "activity figure" "7 answers on 1 of 182 days"
expect_screen "block heatmap, today the busiest" "Sat .*█"
expect_screen "card counts" "learning 1 .*young 1 .*mature 1"
keys 2
expect_screen "forecast heading" "Due cards · next 30 days"
expect_screen "forecast figures" "today 2 (0 overdue) · tomorrow 1"
expect_screen "forecast bars" "│█ █"
keys Tab
expect_screen "retention page" "True retention · last 30 days · target 90%"
expect_screen "retention figure" "$coding *7 *85.7%"
keys 4
expect_screen "rehearsal page" "1 run · last 2:30 of 2:20"
expect_screen "over-budget section" "Action over in 1"
keys 5
expect_screen "scores page" "Rehearsal self-scores"
keys 6
expect_screen "gap page" "2.50 ↑ 3.50  (2024-06-01 to 2024-06-01, 1 edit)"
keys Left
expect_screen "Left goes back a page" "Rehearsal self-scores"
screen >"$T/screen"
if awk 'length > 0' "$T/screen" | awk '{ if (length($0) > 80) bad = 1 } END { exit bad }'; then pass; else
	fail "a line is wider than 80 columns"; fi
keys q
expect_screen "back to Today" "prepdeck · Today"
keys q
expect_screen "quits" "EXITED 0"

# Without colour: plain ASCII drawings.
TUI_ENV="TZ=UTC PREPDECK_NOW=$NOW NO_COLOR=1" tui_start 80 24 --db "$DB"
keys t
expect_screen "stats without colour" "Review activity · last 26 weeks"
expect_screen "ASCII heatmap" "Sat .*#"
if screen | grep -q "[░▒▓█]"; then fail "block characters without colour"; else pass; fi
expect_screen "ASCII legend" "less \. : o O # more"
keys 2
expect_screen "ASCII bars" "|# #"
keys 3
expect_screen "ASCII retention figure" "$coding *7 *85.7%"
keys q q
expect_screen "quits" "EXITED 0"

# A mock round scored through the form; the fix-next lands on Today.
TUI_ENV="TZ=UTC PREPDECK_NOW=$NOW" tui_start 80 24 --db "$DB"
expect_screen "Today says no round yet" "No mock round scored yet"
keys m
expect_screen "mock list" "No mock rounds yet. Press n"
keys n
expect_screen "rubric picker" "New mock round: pick a rubric"
keys j j Enter
expect_screen "the form" "Behavioral round scorecard · round 1"
expect_screen "level descriptions" "Clarity: what each score looks like"
keys 3
expect_screen "evidence editor" "Enter save · Esc cancel"
keys -l "Clear STAR — Zoë followed it"
keys Enter
expect_screen "moved to the next category" "Ownership: what each score looks like"
keys 2
keys -l "Said we a lot"
keys Enter 3
keys -l "Named the conflict"
keys Enter 4
keys -l "p95 down 40%"
keys Enter
expect_screen "fix-next field" "The one thing to fix before the next round"
keys Enter
keys -l "Say I, not we"
keys Enter
expect_screen "saved values shown" "Fix next  *Say I, not we"
# A bad date is refused with a message and the editor stays open.
keys -l "$(printf '\033OH')"
keys Enter C-u
keys -l "2024-13-40"
keys Enter
expect_screen "bad date message" "'2024-13-40' is not a date"
keys Escape
keys j Enter
keys -l "Kim"
keys Enter
expect_screen "partner shown" "Partner  *Kim"
expect_eq "partner saved at once" "$(sql "SELECT partner FROM scorecard")" "Kim"
expect_eq "scores saved" "$(sql "SELECT group_concat(cat_id || score, ' ') FROM (SELECT * FROM scorecard_score ORDER BY cat_id)")" \
	"clarity3 conflict3 impact4 ownership2"
expect_eq "UTF-8 evidence saved" "$(sql "SELECT evidence FROM scorecard_score WHERE cat_id = 'clarity'")" \
	"Clear STAR — Zoë followed it"
expect_eq "date is today" "$(sql "SELECT day FROM scorecard")" "2024-06-15"
keys q
expect_screen "list shows the round" "2024-06-15  Behavioral round scorecard  *3.00  4/4 *Kim"
expect_screen "list detail" "Fix next: Say I, not we"
keys q
expect_screen "Next to fix on Today" "Next to fix: Say I, not we"
keys t 5
expect_screen "the round in the score trends" "Behavioral round scorecard"
keys q q
expect_screen "quits" "EXITED 0"

# A half-scored round survives a kill and is finished later.
TUI_ENV="TZ=UTC PREPDECK_NOW=$NOW" tui_start 80 24 --db "$DB"
keys m n Enter
expect_screen "coding form" "Coding round scorecard · round 2"
keys 2
keys -l "Missed an edge case"
keys Enter
expect_screen "saved and moved on" "Approach: what each score looks like"
tm kill-server
expect_eq "first score kept after kill" "$(sql "SELECT score || evidence FROM scorecard_score WHERE scorecard_id = 2")" \
	"2Missed an edge case"
TUI_ENV="TZ=UTC PREPDECK_NOW=$NOW" tui_start 80 24 --db "$DB"
keys m
expect_screen "incomplete round listed" "Coding round scorecard  *2.00  1/6"
keys Enter
expect_screen "opens on the first unscored category" "Approach: what each score looks like"
keys D y
expect_screen "deleted" "Round deleted"
expect_eq "round gone" "$(sql "SELECT count(*) FROM scorecard WHERE id = 2")" 0
keys q q
expect_screen "quits" "EXITED 0"


# One answer is one answer, not "1 answers".
DB="$T/one.db"
"$PREPDECK" --db "$DB" status >/dev/null
sql "INSERT INTO review_log (card_key, reviewed_at, rating, mode, prev_state)
  VALUES ('code-argpartition', strftime('%s', '2024-06-15 10:00:00'), 3, 'review', 2)"
TUI_ENV="TZ=UTC PREPDECK_NOW=$NOW" tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys t
expect_screen "one answer, singular" "1 answer on 1 of 182 days"
expect_screen "the legend, singular" "= 1 answer)"

finish
