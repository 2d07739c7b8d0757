#!/bin/sh
# A grade applies to the card as it was shown: when the same card is
# graded from the command line while it is on the review screen, the
# screen's grade is not logged on top (one review, not two) and the
# screen says why and moves on.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
export PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC
"$PREPDECK" --db "$DB" settings new_per_day 3 >/dev/null
TUI_ENV="PREPDECK_NOW=$PREPDECK_NOW TZ=UTC" tui_start 80 24 --db "$DB" review
expect_screen "a card" "Space/Enter: show answer"
keys e
expect_screen "the card's info" "Card [^ ]* ("
key=$(screen | sed -n 's/.*Card \([^ ]*\) (.*/\1/p' | head -1)
keys x
wait_gone "Press any key to close" >/dev/null
keys Space
expect_screen "the answer" "1 Again"

check "graded from the command line meanwhile" "$PREPDECK" --db "$DB" grade "$key" 4
keys 3
expect_screen "the screen says it did not grade again" "Card changed elsewhere; not graded again"
expect_eq "one review of the card, the command line's" \
	"$(DB=$DB sql "SELECT count(*) || ':' || group_concat(rating) FROM review_log WHERE card_key = '$key'")" "1:4"
expect_screen "the next card is shown" "Space/Enter: show answer"
if screen | grep -q "Card changed elsewhere"; then pass; else fail "the message went away at once"; fi

# An ordinary grade still counts.
keys Space
wait_for "1 Again" >/dev/null
keys 3
expect_screen "the card after" "Space/Enter: show answer"
expect_eq "two reviews in all" "$(DB=$DB sql "SELECT count(*) FROM review_log")" 2
keys q
expect_screen "quit" "EXITED 0"
finish
