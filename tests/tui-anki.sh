#!/bin/sh
# The Anki screen at 80x24, as a person uses it: 'a' from Today, import a
# package through the path prompt (Tab completes), read the summary,
# export a deck through the picker; italic from Anki on the review screen.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/anki-fixtures.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
mkdir -p "$T/pk"
anki_pkg anki2 "$T/pk/spanish-deck.apkg"
export PREPDECK_NOW=2026-01-10T12:00:00Z
TUI_ENV="PREPDECK_NOW=$PREPDECK_NOW"
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys '?'
expect_screen "help lists the Anki key" "Anki: import a package"
keys x
wait_gone "Anki: import a package" 5
keys a
expect_screen "Anki screen" "Anki: bring decks in"
expect_screen "import entry" "i  Import an Anki package"
keys i
expect_screen "path prompt" "Package to import"
keys "$T/pk/spa" Tab
expect_screen "Tab completes the file name" "spanish-deck.apkg"
keys Enter
expect_screen "summary screen" "Imported .*spanish-deck.apkg" 20
expect_screen "summary counts" "Cards: 7 added, 0 updated, 0 unchanged."
expect_screen "summary history" "3 cards got history"
expect_eq "cards in the database" "$(sql "SELECT count(*) FROM card WHERE src LIKE '@anki/%'")" 7
keys Enter
expect_screen "back to the menu" "e  Export decks"

# A bad file: the message on the screen, nothing written.
keys i
expect_screen "path prompt again" "Package to import"
printf 'not a zip' > "$T/pk/broken.apkg"
keys "$T/pk/broken.apkg" Enter
expect_screen "error shown" "not a zip archive"
expect_screen "nothing imported" "Nothing was imported"
keys Enter

# Export: pick the deck, history on, write the file.
keys e
expect_screen "deck picker" "Pick the decks to export"
expect_screen "bundled decks listed" "Coding round (Python)  (coding)"
# Move the cursor to the imported deck (the list is in due order and
# longer than the screen; search for it).
i=0
while [ $i -lt 60 ]; do
	keys Space
	if wait_for "\[x\] Lang::Spanish" 1; then break; fi
	keys Space Down
	i=$((i + 1))
done
expect_screen "imported deck listed and picked" "\[x\] Lang::Spanish"
keys h
expect_screen "history on" "\[x\] with review history"
keys Enter
expect_screen "file prompt" "Write the package to"
keys C-u "$T/out.apkg" Enter
expect_screen "export summary" "Wrote .*out.apkg" 20
# Three cards in two notes: the basic and reverse cards of the Anki note
# go back as one note.
expect_screen "export counts" "1 deck, 2 notes, 3 cards, 3 reviews"
[ -s "$T/out.apkg" ] && pass || fail "no package written"

# Italic from Anki (<i>, stored as *France*) is italic on the review
# screen, without the asterisks of its markup.
DB="$T/it.db"
anki_pkg anki2 "$T/it.apkg" "DELETE FROM notes WHERE id <> 13; DELETE FROM cards WHERE id <> 104; DELETE FROM revlog;"
"$PREPDECK" --db "$DB" anki import "$T/it.apkg" >/dev/null
tui_start 80 24 --db "$DB" review --deck anki-1
expect_screen "the card" "Capital of France"
screen | grep -q '\*France' && fail "the italic markup's asterisks show" || pass
tm capture-pane -p -e -t t > "$T/esc"
expect_grep "France drawn in italic" "$(printf '\033')\[3mFrance" "$T/esc"
finish
