#!/bin/sh
# Editing a curriculum card keeps the learner's text as an override: a
# re-import of the curriculum never overwrites it and the card keeps its
# history; when the curriculum's text changes underneath, the card is
# marked changed (both texts kept), and `card revert` returns to the
# curriculum's text.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
use_curriculum rag.yaml
pd() { "$PREPDECK" --db "$DB" "$@"; }

check "first use imports the curriculum" pd grade rag-chunk good
check "edit the curriculum card" pd card edit rag-chunk back "Around 256 tokens, with 10% overlap."
expect_grep "says it is the learner's version" "your version of the curriculum card" "$T/out"
expect_eq "the card holds the learner's text" "$(sql "SELECT back FROM card WHERE key = 'rag-chunk'")" "Around 256 tokens, with 10% overlap."
expect_eq "the files' text is kept beside it" "$(sql "SELECT file_back || '|' || file_changed_at FROM card_override WHERE note_id = 'rag-chunk'")" "About 300 tokens.|0"
check "edit the cloze: a third deletion" pd card edit rag-stages front "RAG: {{c1::retrieve}}, {{c2::rerank}}, then {{c3::generate}}."

check "re-import the unchanged curriculum" pd import
expect_grep "nothing changes" "0 added or changed" "$T/out"
expect_eq "the override survives" "$(sql "SELECT back FROM card WHERE key = 'rag-chunk'")" "Around 256 tokens, with 10% overlap."
expect_eq "the learner's third deletion survives" "$(sql "SELECT count(*) FROM card WHERE note_id = 'rag-stages' AND retired = 0")" "3"
expect_eq "history kept" "$(sql "SELECT count(*) FROM review_log WHERE card_key = 'rag-chunk'")" "1"
check "no change marked yet" pd cards search "" --state changed
expect_eq "none changed" "$(cat "$T/out")" ""

# The curriculum changes underneath: the learner's text stays, the new
# text is kept beside it and the card is marked.
sed -i 's/About 300 tokens./About 512 tokens./; s/a: Untouched/a: Touched/' "$C/rag.yaml"
check "re-import the changed curriculum" pd import
expect_eq "the override still wins" "$(sql "SELECT back FROM card WHERE key = 'rag-chunk'")" "Around 256 tokens, with 10% overlap."
expect_eq "the other card takes the new text" "$(sql "SELECT back FROM card WHERE key = 'rag-other'")" "Touched"
expect_eq "the new curriculum text is kept" "$(sql "SELECT file_back FROM card_override WHERE note_id = 'rag-chunk'")" "About 512 tokens."
check "changed cards" pd cards search "" --state changed --json
expect_grep "marked changed" '"card": "rag-chunk".*"edited": true, "changed": true' "$T/out"
expect_eq "history still kept" "$(sql "SELECT count(*) FROM review_log WHERE card_key = 'rag-chunk'")" "1"
check "import twice changes nothing more" pd import
expect_grep "idempotent" "0 added or changed" "$T/out"

# Keeping the learner's text after seeing the change clears the mark.
check "edit again" pd card edit rag-chunk note "Checked against the new text."
check "no longer changed" pd cards search "" --state changed
expect_eq "mark cleared" "$(cat "$T/out")" ""

check "revert" pd card revert rag-chunk
expect_eq "the curriculum's current text" "$(sql "SELECT back || '|' || note FROM card WHERE key = 'rag-chunk'")" "About 512 tokens.|"
expect_eq "no override left" "$(sql "SELECT count(*) FROM card_override")" "1"
check "re-import after revert" pd import
expect_eq "follows the curriculum again" "$(sql "SELECT back FROM card WHERE key = 'rag-chunk'")" "About 512 tokens."
check "history after all that" pd card history rag-chunk
expect_grep "the review" "good" "$T/out"
expect_grep "the edit" "edit: back" "$T/out"
expect_grep "the revert" "revert" "$T/out"
check_exit "revert a card without edits" 1 pd card revert rag-other
expect_grep "says so" "has no edits of yours to revert" "$T/err"

check "revert the cloze" pd card revert rag-stages
expect_eq "the third card is retired again" "$(sql "SELECT group_concat(key || '=' || retired, ' ') FROM (SELECT * FROM card WHERE note_id = 'rag-stages' ORDER BY key)")" "rag-stages:c1=0 rag-stages:c2=0 rag-stages:c3=1"
check "undo the revert" pd card undo
expect_eq "the learner's cloze is back" "$(sql "SELECT group_concat(key || '=' || retired, ' ') FROM (SELECT * FROM card WHERE note_id = 'rag-stages' ORDER BY key)")" "rag-stages:c1=0 rag-stages:c2=0 rag-stages:c3=0"
expect_eq "and its override" "$(sql "SELECT count(*) FROM card_override WHERE note_id = 'rag-stages'")" "1"

# An edit back to the curriculum's text is no override.
check "edit the cloze back to the file's text" pd card edit rag-stages front "RAG: {{c1::retrieve}}, then {{c2::generate}}."
expect_eq "override dropped" "$(sql "SELECT count(*) FROM card_override WHERE note_id = 'rag-stages'")" "0"

# A curriculum file cannot take the learner's ids.
cat > "$C/mine.yaml" <<'YAML'
kind: deck
id: clash
title: Clash
cards:
  - {id: u-abc123, q: x, a: y}
YAML
check_exit "u- ids are the learner's" 1 pd import
expect_grep "with its place" "mine.yaml:5:10: card id 'u-abc123': ids starting with 'u-' are kept for the cards you write in prepdeck" "$T/err"

finish
