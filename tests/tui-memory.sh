#!/bin/sh
# The memory model on the screens, at 80x24: the stats screen's Memory
# page (true retention by interval and deck, calibration, parameters) on
# a learner's history, a fit started with o that runs in the background
# while a card is reviewed, its result and the fitted parameters shown;
# and the Interviews screen's retention table from the simulator, which
# offers to set the retention.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
NOW=2025-11-05T12:00:00Z
export TZ=UTC
"$PREPDECK" --db "$DB" status >/dev/null || { echo "cannot create the database"; exit 1; }

# A learner's history (tests/fsrs/opt-hard.tsv, simulated from known
# parameters) on 2,000 cards of a deck of its own.
python3 - "$top_srcdir/tests/fsrs/opt-hard.tsv" "$DB" <<'EOF'
import sqlite3, sys, datetime
db = sqlite3.connect(sys.argv[2])
db.execute("INSERT INTO doc(id, kind, title, src) VALUES ('hist', 'deck', 'History deck', '@test')")
seen = set()
rows = []
for line in open(sys.argv[1]).read().split("\n")[1:]:
    if not line:
        continue
    c, when, g = line.split("\t")
    if c not in seen:
        seen.add(c)
        db.execute("INSERT INTO card(key, note_id, deck_id, kind, front, back, src, ord) "
                   "VALUES (?, ?, 'hist', 'basic', 'q', 'a', '@test', 99)", (c, c))
    t = int(datetime.datetime.strptime(when, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())
    rows.append((c, t, int(g)))
db.executemany("INSERT INTO review_log(card_key, reviewed_at, rating, mode, duration_ms, prev_state) "
               "VALUES (?, ?, ?, 'review', 8000, 2)", rows)
db.commit()
EOF

# End goes to the last line (as xterm sends it; G is no longer bound).
END_KEY=$(printf '\033OF')

TUI_ENV="TZ=UTC PREPDECK_NOW=$NOW" tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys t
expect_screen "stats screen" "Review activity · last 26 weeks"
expect_screen "seven tabs fit" "6 Gap map  7 Memory"
keys 7
expect_screen "memory page" "True retention · reviews a day or more after the card's previous one"
expect_screen "true retention figure" "^  [0-9]* of 19800 recalled: [0-9.]*%, desired retention 90%"
expect_screen "interval band" "^  1 day  *[0-9]* *[0-9.]*% *[0-9.]*%  *[█·|]*"
expect_screen "deck row" "^  By deck"
keys j j j j j j j j j j j j
expect_screen "deck figure" "History deck  *19800"
expect_screen "calibration title" "Calibration · predicted recall against what happened"
expect_screen "calibration bin" "^  0.90-0.93  *[0-9]* *[0-9.]*% *9[0-9].[0-9]%"
keys -l "$END_KEY"
expect_screen "defaults in use" "The defaults are in use: press o to fit your own."
expect_screen "default parameters" "w0-w6    default   0.2120  1.2931  2.3065  8.2956"
expect_screen "how to fit" "o: fit the parameters to your reviews"
before=$(sql "SELECT count(*) FROM setting WHERE key = 'fsrs_weights'")
expect_eq "nothing saved yet" "$before" 0

# Start the fit, and review while it runs.
keys o
expect_screen "progress line" "Optimizing in the background: [0-9]*%"
keys q
expect_screen "back on Today" "prepdeck · Today"
keys r
expect_screen "review goes on during the fit" "prepdeck · Review"
keys Space
keys 3
graded() { sql "SELECT count(*) FROM review_log WHERE reviewed_at = strftime('%s', '2025-11-05 12:00:00')"; }
i=0
while [ "$(graded)" != 1 ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "a grade was written during the fit" "$(graded)" 1
keys q
expect_screen "Today again" "prepdeck · Today"
keys t 7
keys -l "$END_KEY"
expect_screen "fit applied with its figures" "Applied: held-out log loss 0\.[0-9]* < 0\.[0-9]*" 60
expect_eq "parameters saved" "$(sql "SELECT count(*) FROM setting WHERE key = 'fsrs_weights'")" 1
keys q
keys t 7
keys -l "$END_KEY"
expect_screen "fitted parameters shown" "Fitted to your reviews on 2025-11-05 (29682 reviews, log loss 0\.[0-9]*)\."
expect_screen "fitted row" "w0-w6    fitted    *0\.[0-9]* "

# The Interviews screen: the simulator's table, and setting the retention.
PREPDECK_NOW=$NOW "$PREPDECK" --db "$DB" target set 2025-11-26 --company Acme >/dev/null
keys q q
TUI_ENV="TZ=UTC PREPDECK_NOW=$NOW" tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys i
expect_screen "interviews screen" "Acme"
expect_screen "retention table" "at 0.90: *[0-9]* min/day, *[0-9]*% on the day"
expect_screen "table rows" "at 0.85: *[0-9]* min/day, *[0-9]*% on the day"
expect_screen "recommended" "minimum recommended 0\.[0-9][0-9]"
keys R
expect_screen "retention prompt" "Desired retention"
keys 8 5 Enter
expect_screen "retention set" "Desired retention set to 0.85"
expect_eq "setting saved" "$(sql "SELECT value FROM setting WHERE key = 'retention'")" 0.85
expect_screen "table marks the new retention" "\* at 0.85"

finish
