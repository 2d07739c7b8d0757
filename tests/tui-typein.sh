#!/bin/sh
# Type-in answers as a person types them: characters above U+00FF (an en
# dash, an emoji, CJK) reach the answer and the comparison; q and ? are
# letters of the answer (the status line does not offer them as keys); a
# long answer scrolls sideways and is compared whole; a wrong answer says
# "Wrong" in words, which NO_COLOR users see too; an answer past the
# limit says so.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
LONG=""
for i in $(seq 1 30); do LONG="${LONG}word$i "; done
LONG="${LONG}the end"
mkdir -p "$T/deck"
cat > "$T/deck/typein.yaml" <<YAML
kind: deck
id: typein-test
title: Type-in test
cards:
  - id: wide
    q: Range, mark and place?
    answer: "2–3 ✅ 日本"
  - id: quiz
    q: Which letter ends the alphabet's first quarter?
    answer: "f"
  - id: long
    q: Say the long one.
    answer: "$LONG"
  - id: limit
    q: Type too much.
    answer: "x"
YAML
"$PREPDECK" --db "$DB" import "$T/deck" >/dev/null || fail "import the test deck"
"$PREPDECK" --db "$DB" settings new_per_day 100 >/dev/null

TUI_ENV="NO_COLOR=1 PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC" \
	tui_start 80 24 --db "$DB" review --deck typein-test
expect_screen "type-in prompt" "Type the answer"
expect_screen "the status line offers the type-in keys" "Enter check  Esc show answer"
if screen | grep -q "q back"; then fail "the status line offers q while q is a letter"; else pass; fi

keys -l "q?"
expect_screen "q and ? are typed" "> q?"
keys BSpace BSpace
keys -l "2–3 ✅ 日本"
expect_screen "wide characters are typed" "> 2–3 ✅ 日本"
keys Enter
expect_screen "the whole answer was compared" "Correct: 2–3 ✅ 日本"
keys 3

expect_screen "second card" "first quarter"
keys -l "zebra"
keys Enter
expect_screen "a wrong answer says so in words" "Wrong. You typed: zebra"
expect_screen "and what was expected" "Expected: f"
keys 1

expect_screen "third card" "Say the long one"
keys -l "$LONG"
expect_screen "the end of a long answer shows" "word30 the end"
expect_screen "scrolled: a mark at the left" "> <"
keys Enter
expect_screen "a long answer is compared whole" "Correct:"
keys 3

expect_screen "fourth card" "Type too much"
BIG=$(printf 'y%.0s' $(seq 1 2005))
keys -l "$BIG"
expect_screen "the limit is said" "Answers stop at 2000 bytes"
keys Escape
expect_screen "Esc shows the answer" "Answer: x"
keys 3
# A learning card comes back early: leave it with Esc, then q.
expect_screen "the forgotten card comes back" "first quarter"
keys Escape
expect_screen "its answer shown" "Answer: f"
keys q
expect_screen "quit" "EXITED 0"

expect_eq "four answers logged" "$(DB=$DB sql "SELECT group_concat(rating, ',') FROM review_log")" "3,1,3,3"
finish
