#!/bin/sh
# The review screen as a person uses it: open it from Today, reveal, see
# the interval on each rating button, grade, undo, leave; then check the
# screens and the database. Also a type-in card and the session summary.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$T/p.db"
TUI_ENV="PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC"
"$PREPDECK" --db "$DB" settings new_per_day 4 >/dev/null

tui_start 100 30 --db "$DB"
expect_screen "Today" "prepdeck · Today"
expect_screen "due count on Today" "4 new"
keys r
expect_screen "review screen" "prepdeck · Review"
expect_screen "question prompt" "Space/Enter: show answer"
keys 3
expect_screen "grading before the answer is refused" "Show the answer first"
keys Space
expect_screen "rating buttons with intervals" "1 Again 1m *2 Hard 6m *3 Good 10m *4 Easy [0-9]*d"
keys 3
expect_screen "next card" "Space/Enter: show answer"
keys Space
wait_for "1 Again" >/dev/null
keys 1
wait_for "Space/Enter: show answer" >/dev/null
keys Space
wait_for "1 Again" >/dev/null
keys 4
wait_for "Space/Enter: show answer" >/dev/null
expect_eq "three grades written as given" "$(sql "SELECT group_concat(rating, ',') FROM review_log")" "3,1,4"
keys u
expect_screen "undo message" "Undid the grade of"
expect_eq "undo removed the last grade" "$(sql "SELECT group_concat(rating, ',') FROM review_log")" "3,1"
keys e
expect_screen "card info overlay" "Source: @bundled/"
keys x
keys '?'
expect_screen "help lists the review keys" "Grade: Again"
keys x
keys q
expect_screen "back on Today" "prepdeck · Today"
expect_screen "Today shows the learning cards" "2 learning"
keys q
expect_screen "quit" "EXITED 0"

# Type-in cards from the reference-numbers deck (its first two are
# type-ins), via `prepdeck review --deck`: a wrong answer shows the
# difference; the next card starts with an empty answer (nothing left
# over from the last one).
"$PREPDECK" --db "$DB" settings new_per_day 4 >/dev/null  # two used above: two left
first=$(sqlite3 "$DB" "SELECT back FROM card WHERE deck_id = 'reference-numbers' AND kind = 'typein' ORDER BY ord LIMIT 1")
second=$(sqlite3 "$DB" "SELECT back FROM card WHERE deck_id = 'reference-numbers' AND kind = 'typein' ORDER BY ord LIMIT 1 OFFSET 1")
tui_start 100 30 --db "$DB" review --deck reference-numbers
expect_screen "type-in prompt" "Type the answer"
keys -l "zzz"
keys Enter
expect_screen "wrong answer shows what was typed" "You typed: zzz"
expect_screen "and what was expected" "Expected: "
keys 1
expect_screen "second type-in card" "Type the answer"
keys -l "$second"
keys Enter
expect_screen "typed answer accepted" "Correct:"
keys Enter
expect_screen "the forgotten card comes back early" "Type the answer"
keys -l "$first"
keys Enter
expect_screen "accepted the second time" "Correct:"
keys Enter
expect_screen "learning cards due within 20 minutes come early" "Type the answer"
keys -l "$second"
keys Enter
wait_for "Correct:" >/dev/null
keys Enter
expect_screen "each learning card in turn until both graduate" "Type the answer"
keys -l "$first"
keys Enter
wait_for "Correct:" >/dev/null
keys Enter
expect_screen "summary when the queue is empty" "Done for now"
expect_screen "summary counts" "Reviewed 5 cards"
expect_screen "when the next card is due, in local time" "Next card due in [^(]* ([A-Z][a-z][a-z] [0-9][0-9] [A-Z][a-z][a-z] [0-9][0-9]:[0-9][0-9])"
expect_eq "type-in grades" "$(sql "SELECT group_concat(rating, ',') FROM (SELECT r.rating FROM review_log r JOIN card c ON c.key = r.card_key WHERE c.deck_id = 'reference-numbers' ORDER BY r.id)")" "1,3,3,3,3"
keys q
expect_screen "review --deck returns to the shell" "EXITED 0"

finish
