#!/bin/sh
# The settings screen at 80x24 lists the review settings and the lint
# thresholds, and +/- change each by its own step, saved at once.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys o
expect_screen "settings screen" "prepdeck · Settings"
expect_screen "a review setting" "retention  *0.90"
expect_screen "the lint thresholds" "lint_answer_max  *60"
expect_screen "the last row fits" "lint_duplicate  *0.20"
expect_screen "the key hint fits" "Up/Down select"

keys +
expect_screen "retention up a step" "retention  *0.91"
keys Down Down Down Down Down Down Down
keys +
expect_screen "lint_duplicate up a step" "lint_duplicate  *0.25"
keys - -
expect_screen "and down two" "lint_duplicate  *0.15"
keys Up
keys +
expect_screen "lint_cloze_max in whole words" "lint_cloze_max  *6"
keys q
expect_screen "back on Today" "prepdeck · Today"
keys q
expect_screen "quits (the database closed)" "EXITED 0"
expect_eq "saved" "$(sql "SELECT group_concat(key || '=' || value, ' ') FROM (SELECT * FROM setting WHERE key IN ('retention', 'lint_duplicate', 'lint_cloze_max') ORDER BY key)")" "lint_cloze_max=6 lint_duplicate=0.15 retention=0.91"

finish
