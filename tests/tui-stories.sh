#!/bin/sh
# The story bank screens driven as a person uses them: the coverage grid
# shows a gap, its template is copied into a new story of the user's,
# which is edited in the text editor with non-ASCII text (title, a
# multi-line field, competencies, a new follow-up question), a cancelled
# edit asks first and saves nothing, and everything is there after a
# restart, on screen and in the database.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
TITLE="Réduit la latence p95 → 1,8 s"

# The bundled example profile covers every competency. A learner's bank
# with a gap: the bundled curriculum without the example's conflict story.
mkdir -p "$T/content"
cp -R "$top_srcdir/content/." "$T/content/"
awk '/^  - id: story-conflict-reranker$/ { skip = 1; next }
     skip && /^  - id: / { skip = 0 }
     !skip' "$top_srcdir/content/example/profile.yaml" > "$T/content/example/profile.yaml"
export PREPDECK_CONTENT="$T/content"
check "the curriculum without it is valid" "$PREPDECK" check "$T/content"

tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
expect_screen "Today suggests a story" "Rehearse next: "
keys s
expect_screen "stories screen" "prepdeck · Stories"
expect_screen "gaps counted" "1 competency without a story"
keys '?'
expect_screen "help lists the stories keys" "Rehearse the selected story"
keys x

# The grid: Conflict resolution (third row) is a gap; c copies its template.
keys v
expect_screen "coverage grid" "Coverage: competencies × stories"
expect_screen "conflict is a gap" "Conflict resolution .*GAP"
keys Down Down
expect_screen "the gap's template offered" "c copies the template tpl-conflict"
keys c
expect_screen "the copy opens" "My conflict story  *yours, copied"
id=$(DB=$DB sql "SELECT id FROM story WHERE copied_from = 'tpl-conflict'")
expect_eq "copied as the user's" "$(DB=$DB sql "SELECT origin || '|' || type FROM story WHERE id = '$id'")" "user|story"

# Title: a one-line field; Enter saves.
keys Enter
expect_screen "title editor" "Enter or F2 save"
for i in $(seq 1 20); do keys BSpace; done
keys -l "$TITLE"
keys Enter
expect_screen "title saved" "Saved\."
expect_screen "new title shown" "^ $TITLE  *yours, copied"
expect_eq "title in the database" "$(DB=$DB sql "SELECT title FROM story WHERE id = '$id'")" "$TITLE"

# Situation: several lines, saved with F2.
keys Down Down
keys Enter
expect_screen "situation editor" "F2 or Ctrl-S save"
for i in $(seq 1 200); do keys BSpace; done
keys -l "Le service dépassait 3,2 s au p95 — les clients partaient."
keys Enter
keys -l "日本語のテキストも折り返す: une ligne assez longue pour être coupée selon la largeur affichée."
keys F2
expect_screen "situation saved" "Saved\."
expect_screen "situation shown" "Le service dépassait 3,2 s au p95"
expect_eq "situation in the database" "$(DB=$DB sql "SELECT situation FROM story WHERE id = '$id'")" \
	"$(printf 'Le service dépassait 3,2 s au p95 — les clients partaient.\n日本語のテキストも折り返す: une ligne assez longue pour être coupée selon la largeur affichée.')"

# A cancelled edit asks first and changes nothing.
before=$(DB=$DB sql "SELECT task FROM story WHERE id = '$id'")
keys Down
keys Enter
expect_screen "task editor" "F2 or Ctrl-S save"
keys -l "ne pas garder"
keys Escape
expect_screen "discard asks" "Discard your changes?"
keys n
expect_screen "still editing" "ne pas garder"
keys Escape
expect_screen "asks again" "Discard your changes?"
keys y
expect_screen "back on the form" "Enter edit · d remove follow-up"
expect_eq "task unchanged" "$(DB=$DB sql "SELECT task FROM story WHERE id = '$id'")" "$before"

# Competencies: the picker ticks and unticks, saved at once.
keys -l "$(printf '\033OH')"
keys Down
keys Enter
expect_screen "competency picker" "Competencies of this story"
keys Space
expect_screen "ownership ticked" "\[x\] Ownership"
keys Escape
expect_screen "competencies listed" "Conflict resolution, Communication, Ownership"
expect_eq "competencies in the database" "$(DB=$DB sql "SELECT competencies FROM story WHERE id = '$id'")" " conflict communication ownership "

# A new follow-up question at the end of the form.
keys -l "$(printf '\033OF')"
expect_screen "add row" "+ Add a follow-up question"
keys Enter
keys -l "Pourquoi viser 1,8 s et pas 1 s ?"
keys F2
expect_screen "follow-up saved" "Pourquoi viser 1,8 s et pas 1 s ?"
expect_eq "follow-up in the database" "$(DB=$DB sql "SELECT question FROM story_point WHERE story_id = '$id' ORDER BY ord DESC LIMIT 1")" \
	"Pourquoi viser 1,8 s et pas 1 s ?"

# A bundled story is read, not edited.
keys q
expect_screen "the grid again" "Coverage: competencies × stories"
expect_no_gap() { if wait_gone "Conflict resolution .*GAP" 5; then pass; else fail "$1"; fi; }
expect_no_gap "conflict is no longer a gap"
keys v
expect_screen "the list" "Title  *Kind"
keys -l "$(printf '\033OH')"
expect_screen "the user's story first" "> $TITLE  *mine"
keys q
keys q
expect_screen "quit" "EXITED 0"

# After a restart everything is there.
tui_start 80 24 --db "$DB"
keys s
expect_screen "listed after a restart" "> $TITLE  *mine"
keys Enter
expect_screen "title after a restart" "^ $TITLE"
expect_screen "text after a restart" "Le service dépassait 3,2 s au p95"
expect_screen "wide text wrapped" "日本語のテキストも折り返す"
keys q
keys Down
keys Enter
expect_screen "a bundled story opens" "bundled example"
keys Enter
expect_screen "read-only viewer" "(read-only)"
keys Escape
keys q
keys q
keys q
expect_screen "quit again" "EXITED 0"
check "the command line sees it" "$PREPDECK" --db "$DB" stories show "$id"
expect_grep "show title" "^$TITLE" "$T/out"
expect_grep "show follow-up" "Pourquoi viser 1,8 s" "$T/out"

finish
