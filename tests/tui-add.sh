#!/bin/sh
# The add screen at 80x24: a from the review screen, the deck picked from
# a list (the last one used first) or made on the fly, the kinds with a
# live preview (cloze numbers included), due at once, every bad input
# refused with a message and nothing saved, a warning before a second
# card with the same front, and kill -9 while typing: the draft comes
# back on the next start.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

use_curriculum rag.yaml
DB="$T/p.db"
pd() { "$PREPDECK" --db "$DB" "$@"; }
ncards() { sql "SELECT count(*) FROM card WHERE src = ''"; }
# The first card of the review is a basic one (a type-in would take the keys).
pd card suspend fig-fp16 >/dev/null

tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys r
expect_screen "review" "prepdeck · Review"
keys a
expect_screen "a opens the add screen" "Add a card of your own"
expect_screen "a deck of the learner's by default" "Deck: my-notes"
expect_screen "the preview" "Preview, as reviewed"
expect_screen "says what is missing" "the front is empty"

# Bad input: refused with a message, nothing saved. The fields, in Tab
# order: deck, kind, due, front, back, note, tags; the front has the focus.
clear_field() { keys C-e $(i=0; while [ $i -lt 70 ]; do printf 'BSpace '; i=$((i + 1)); done); }
keys F2
expect_screen "empty front" "Not saved: the front is empty"
keys -l "What does HNSW stand for?"
expect_screen "the preview follows the typing" "What does HNSW stand for?"
keys F2
expect_screen "basic without a back" "Not saved: the back is empty"
keys BTab BTab
expect_screen "the kind field" "Space or Left/Right: change the kind"
keys Space Space
expect_screen "cloze" "Kind: cloze"
keys Tab Tab
keys F2
expect_screen "a cloze without a deletion" "a cloze card needs a deletion"
keys C-a
keys -l "{{c1::}} "
keys F2
expect_screen "an empty deletion" "cloze marker {{c1:: is empty"
clear_field
keys -l "A {{c1::   }} gap"
keys F2
expect_screen "a deletion of blanks" "deletion {{c1:: hides no text"
clear_field
keys -l "HNSW is a {{c1::graph}} index over {{c2::vectors}}"
expect_screen "a card per deletion in the preview" "Card 2 of 2: c2"
expect_screen "the first with its deletion hidden" "HNSW is a \[...\] index"
keys BTab BTab
keys Space
expect_screen "type-in" "Kind: type-in"
keys Tab Tab
keys F2
expect_screen "a type-in without an answer" "a type-in card needs an answer"
keys BTab BTab
keys Left Left Left
expect_screen "back to basic" "Kind: basic"
expect_eq "nothing saved by any of it" "$(ncards)" "0"

# A new deck, made on the fly; a bad deck id refused.
keys BTab
expect_screen "the deck field" "Enter: pick a deck"
keys Enter
expect_screen "the deck list" "Deck (used last first)"
expect_screen "the curriculum's deck in it" "rag  "
keys G Enter
expect_screen "asks for the new id" "New deck id"
keys -l "Bad Deck"
keys Enter
expect_screen "a bad deck id is refused" "'Bad Deck' is not a valid deck id"
keys C-u
keys -l "ann-notes"
keys Enter
expect_screen "the new deck" "Deck: ann-notes"
keys Tab Tab Tab
clear_field
keys -l "What does HNSW stand for?"
keys Tab
keys -l "Hierarchical navigable small world"
keys F2
expect_screen "added" "Added u-[a-z0-9]* to ann-notes (1 card)"
expect_eq "saved, in the new deck" "$(sql "SELECT count(*) FROM card c JOIN doc d ON d.id = c.deck_id WHERE d.src = '' AND d.id = 'ann-notes'")" "1"
expect_screen "the form is cleared for the next card" "the front is empty"

# The same front again: a warning first, F2 again adds it.
keys -l "what does hnsw stand for?"
keys Tab
keys -l "Again"
keys F2
expect_screen "a warning" "already has this front. F2 again adds it anyway."
expect_eq "not added yet" "$(ncards)" "1"
keys F2
expect_screen "added after the second F2" "Added u-"
expect_eq "added" "$(ncards)" "2"

# Due at once.
keys BTab
expect_screen "the due field" "Space: due at once"
keys Space
expect_screen "at once" "Due: at once"
keys Tab
keys -l "Name the FSRS memory variables"
keys Tab
keys -l "Stability, difficulty, retrievability"
keys F2
expect_screen "added due at once" "due at once)"
expect_eq "new, with a due time" "$(sql "SELECT s.state || '/' || (s.due > 0) FROM card c JOIN card_state s ON s.key = c.key WHERE c.front = 'Name the FSRS memory variables'")" "0/1"

# The deck used last comes first in the list.
keys BTab BTab BTab Enter
expect_screen "the list again" "Deck (used last first)"
expect_screen "the deck used last first" "> ann-notes"
keys Escape

# kill -9 while typing: the draft comes back.
keys Tab Tab Tab
keys -l "A question I was still writing"
expect_screen "typed" "A question I was still writing"
pid=$(tui_pid)
if [ -n "$pid" ]; then pass; else fail "no process to kill"; fi
kill -9 "$pid"
expect_screen "killed" "Killed"
expect_eq "the draft is in the database" "$(sql "SELECT front FROM card_draft")" "A question I was still writing"

tui_start 80 24 --db "$DB"
expect_screen "the next start opens the draft" "Brought back the card you were writing"
expect_screen "with its text" "A question I was still writing"
expect_screen "in its deck" "Deck: ann-notes"
keys Tab
keys -l "An answer"
keys F2
expect_screen "saved" "Added u-"
expect_eq "the draft is gone" "$(sql "SELECT count(*) FROM card_draft")" "0"
expect_eq "nothing saved was lost" "$(ncards)" "4"

# Esc asks before throwing text away.
keys -l "Throw this away"
keys Escape
expect_screen "asks" "Discard this card? y = discard"
keys n
keys Escape
expect_screen "asks again" "Discard this card? y = discard"
keys y
expect_screen "back on Today" "prepdeck · Today"
expect_eq "no draft left" "$(sql "SELECT count(*) FROM card_draft")" "0"

# Bytes that are not UTF-8 from the terminal: dropped with a message, and
# the keys after them still arrive.
keys r
expect_screen "review" "prepdeck · Review"
keys a
expect_screen "the add screen again" "Add a card of your own"
keys -H e9
expect_screen "a message" "Ignored input that is not UTF-8"
keys -l "café ok"
expect_screen "the next keys arrive" "café ok"
keys Escape y
expect_screen "back to the review" "prepdeck · Review"
keys q
expect_screen "Today" "prepdeck · Today"
keys q
expect_screen "quit" "EXITED 0"
expect_eq "every text saved is valid UTF-8" "$(sql "SELECT count(*) FROM card WHERE front <> CAST(CAST(front AS BLOB) AS TEXT)")" "0"

finish
