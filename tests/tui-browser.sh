#!/bin/sh
# The card browser at 80x24, as a person uses it: / from anywhere (b from
# Today), results as you type, an invalid query shown and survived,
# filters and sort, the detail pane with the history, every action and
# its undo, editing a curriculum card and seeing the curriculum's text
# change under it, adding from the browser.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

use_curriculum rag.yaml
DB="$T/p.db"
pd() { "$PREPDECK" --db "$DB" "$@"; }
pd grade rag-chunk good >/dev/null

tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys b
expect_screen "b opens the browser" "prepdeck · Browse"
expect_screen "every card listed" "Browse · 8 cards"
expect_screen "the list has the cards" "rag-stages:c2"
keys q
expect_screen "typing goes to the search first: q is a letter" "Search: q"
keys BSpace
keys -l "rerank"
expect_screen "results as you type" "Browse · 3 cards"
expect_screen "the match" "rag-rerank"
expect_screen "its detail: the card as reviewed" "A cross-encoder rescores the"
keys C-u
keys -l "retri"
expect_screen "a prefix as you type" "Browse · 3 cards"
keys C-u
keys -l '"open'
expect_screen "an invalid query shows its error" "is not valid"
expect_screen "with how to write it" "in double quotes"
expect_screen "and the program is still there" "prepdeck · Browse"
keys C-u
expect_screen "back to all cards" "Browse · 8 cards"
keys -l "chunk"
expect_screen "chunk" "Browse · 1 card"
keys Enter
expect_screen "the list has the keys" "e edit · a add"
expect_screen "the detail shows the memory" "learning · due"
expect_screen "stability, difficulty, retrievability" "S [0-9.]*d  D [0-9.]*  R [0-9]*%"
expect_screen "and the history" "good"

# Actions and their undo.
keys s
expect_screen "suspend says so" "Suspended rag-chunk (u undoes)"
expect_screen "the list marks it" " s  rag-chunk"
expect_eq "suspended in the database" "$(sql "SELECT suspended FROM card_state WHERE key = 'rag-chunk'")" "1"
keys u
expect_screen "undo" "Undid suspend of rag-chunk"
expect_eq "unsuspended" "$(sql "SELECT suspended FROM card_state WHERE key = 'rag-chunk'")" "0"
keys f
expect_screen "flag" "Flagged rag-chunk"
expect_screen "marked" "  f rag-chunk"
keys b
expect_screen "bury" "Buried rag-chunk until tomorrow"
keys r
expect_screen "reset" "Reset rag-chunk to new"
expect_screen "new again in the detail" "New: not studied yet"
expect_eq "reviews kept" "$(sql "SELECT count(*) FROM review_log WHERE card_key = 'rag-chunk'")" "1"
keys u
expect_screen "undo the reset" "Undid reset of rag-chunk"
expect_screen "learning again" "learning · due"
keys u
expect_screen "undo the bury" "Undid bury of rag-chunk"
keys u
expect_screen "undo the flag" "Undid flag of rag-chunk"
expect_eq "bury and flag undone too" "$(sql "SELECT buried_until || '/' || flag FROM card_state WHERE key = 'rag-chunk'")" "0/0"
keys D
expect_screen "a curriculum card is not deleted" "Curriculum cards stay; s suspends"

# Filters and sort.
keys Tab C-u Enter
expect_screen "all again" "Browse · 8 cards"
keys d
expect_screen "deck picker" "Show one deck"
keys Down Down Enter
expect_screen "one deck" "deck:figs"
expect_screen "its card" "Browse · 1 card"
keys d g Enter
expect_screen "all decks again" "deck:all"
keys S
expect_screen "state picker" "Show cards that are"
keys Down Down Enter
expect_screen "learning only" "state:learning"
expect_screen "the one learning card" "Browse · 1 card"
keys S g Enter
keys o
expect_screen "sort picker" "Sort by"
keys Down Down Down Enter
expect_screen "sorted by due" "sort:due"
keys t
keys -l "rag"
keys Enter
expect_screen "tag filter" "tag:rag"
expect_screen "the rag deck's cards" "Browse · 7 cards"

# Edit a curriculum card: the learner's version, kept on re-import.
keys g
keys -l "/chunk"
keys Enter e
expect_screen "the editor on the card" "Edit rag-chunk · kept as your version"
keys Tab
keys C-e
keys -l " Or 512 when documents are long."
keys F2
expect_screen "saved, back in the browser" "Saved rag-chunk"
expect_screen "marked as the learner's version" " e   rag-chunk"
expect_screen "the detail says so" "Your version of a curriculum card"
keys q
expect_screen "back on Today" "prepdeck · Today"
keys q
wait_gone "prepdeck · Today" 5

sed -i 's/About 300 tokens./About 400 tokens./' "$C/rag.yaml"
check "re-import the changed curriculum" pd import
expect_eq "the learner's text kept" "$(sql "SELECT back FROM card WHERE key = 'rag-chunk'")" "About 300 tokens. Or 512 when documents are long."

tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys /
expect_screen "/ opens the browser from Today too" "prepdeck · Browse"
keys -l "chunk"
expect_screen "the changed card is marked" " ! *rag-chunk"
expect_screen "the change is said" "The curriculum's text changed"
expect_screen "the learner's text" "Your back: About 300 tokens. Or 512 when"
expect_screen "and the curriculum's new text" "Curriculum's back now: About 400 tokens."
keys Enter R
expect_screen "revert" "Reverted rag-chunk"
expect_eq "the curriculum's text" "$(sql "SELECT back FROM card WHERE key = 'rag-chunk'")" "About 400 tokens."
keys u
expect_screen "undo the revert" "Undid revert of rag-chunk"

# Add from the browser, then find it, delete it, undo.
keys a
expect_screen "the add screen" "Add a card of your own"
keys -l "What does HNSW stand for?"
keys Tab
keys -l "Hierarchical navigable small world"
keys F2
expect_screen "added" "Added u-"
keys Escape
expect_screen "back in the browser" "prepdeck · Browse"
keys Tab C-u
keys -l "hnsw"
expect_screen "the new card is found" "Browse · 1 card"
expect_screen "marked as the learner's" " +   u-"
keys Enter D
expect_screen "delete asks first" "Delete this card of yours?"
keys y
expect_screen "deleted" "Deleted u-"
expect_screen "gone from the list" "Browse · 0 cards"
keys u
expect_screen "undo the delete" "Undid delete of u-"
expect_screen "back in the list" "Browse · 1 card"

# / from another screen, and the help lists the browser's keys.
keys q
expect_screen "Today" "prepdeck · Today"
keys o
expect_screen "settings" "prepdeck · Settings"
keys /
expect_screen "/ from settings" "prepdeck · Browse"
keys Escape '?'
expect_screen "help lists the browser keys" "Suspend or unsuspend the card"
keys x
keys q q
expect_screen "back to Today through settings" "prepdeck · Today"
keys q
expect_screen "quit" "EXITED 0"

finish
