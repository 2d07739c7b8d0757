#!/bin/sh
# The learner's own cards on the command line: add each kind, find them
# with full-text search, grade, edit, look at the history, delete and
# undo; every bad input is refused with a message and saves nothing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
pd() { "$PREPDECK" --db "$DB" "$@"; }
ncards() { sql "SELECT count(*) FROM card"; }

# --- adding ------------------------------------------------------------
check "add a basic card" pd card add --deck my-notes --front "What does HNSW stand for?" \
	--back "Hierarchical navigable small world" --tags "ann, vector-db"
basic=$(cat "$T/out")
expect_eq "only the new id on standard output" "$(printf '%s' "$basic" | grep -c '^u-[a-z0-9]\{6\}$')" "1"
expect_eq "the deck was made, the learner's" "$(sql "SELECT kind || '/' || src || '/' || title FROM doc WHERE id = 'my-notes'")" "deck//my-notes"
expect_eq "the card is the learner's, with its tags" "$(sql "SELECT kind || '|' || src || '|' || tags FROM card WHERE key = '$basic'")" "basic|| ann vector-db "

check "add a reverse card" pd card add --deck my-notes --kind reverse --front "Reranker" \
	--back "A cross-encoder that rescores the top candidates"
rev=$(cat "$T/out")
expect_eq "a reverse card makes two cards" "$(sql "SELECT group_concat(key || '=' || kind, ' ') FROM (SELECT * FROM card WHERE note_id = '$rev' ORDER BY key)")" "$rev=basic $rev:r=reverse"

check "add a cloze card" pd card add --deck my-notes --kind cloze \
	--front "The {{c1::KV cache}} trades {{c2::memory}} for speed"
cloze=$(cat "$T/out")
expect_eq "one card per deletion" "$(sql "SELECT group_concat(key, ' ') FROM (SELECT key FROM card WHERE note_id = '$cloze' ORDER BY key)")" "$cloze:c1 $cloze:c2"

printf 'About 4 bytes\n' > "$T/answer"
check "add a type-in card, the answer from standard input" sh -c \
	"'$PREPDECK' --db '$DB' card add --deck my-notes --kind typein --front 'Bytes per fp32 weight?' --back - < '$T/answer'"
typein=$(cat "$T/out")
expect_eq "typed answer kept, final newline dropped" "$(sql "SELECT back FROM card WHERE key = '$typein'")" "About 4 bytes"

# Due as a new card under the limits, or at once with --now.
pd settings new_per_day 0 >/dev/null
check "due with no new cards allowed" pd due --deck my-notes --json
expect_grep "nothing new from my-notes" '"new": 0' "$T/out"
check "add one due at once" pd card add --deck my-notes --now --front "Name the FSRS memory variables" --back "Stability, difficulty, retrievability"
now=$(cat "$T/out")
check "due after --now" pd due --deck my-notes --json
expect_grep "the --now card is due despite the limit" '"id": "my-notes".*"new": 1' "$T/out"
check "next" pd next --deck my-notes
expect_grep "and it comes next" "^$now	my-notes	basic" "$T/out"
pd settings new_per_day 20 >/dev/null

# --- search ------------------------------------------------------------
check "search a word" pd cards search hnsw
expect_grep "finds the card" "^$basic	my-notes	basic	new	What does HNSW" "$T/out"
check "search a prefix" pd cards search "hierarch*" --deck my-notes
expect_grep "prefix" "^$basic	" "$T/out"
check "search a phrase in the back" pd cards search '"small world"' --json
expect_grep "json has card, deck, kind, front, back" "{\"card\": \"$basic\", \"deck\": \"my-notes\", \"kind\": \"basic\", \"front\": \"What does HNSW stand for?\", \"back\": \"Hierarchical navigable small world\"" "$T/out"
check "search bundled cards too" pd cards search '"cross-encoder" OR reranker' --sort deck
expect_grep "a bundled card" "	llm-retrieval	" "$T/out"
expect_grep "and the learner's" "^$rev	my-notes" "$T/out"
check "search by tag words" pd cards search "vector" --state mine
expect_eq "tags are searched, mine only" "$(cut -f1 "$T/out")" "$basic"
check "state filter" pd cards search "" --deck my-notes --state new --json
expect_grep "empty query lists the deck" "\"card\": \"$cloze:c2\"" "$T/out"

# --- grade, history ------------------------------------------------------
check "grade the learner's card" pd grade "$basic" good
check "history" pd card history "$basic"
expect_grep "the review" "  $basic  *good  *learning" "$T/out"
check "history --json" pd card history "$basic" --json
expect_grep "json review" '"rating": 3, "cram": false, "state": "learning"' "$T/out"
expect_grep "json change: the add" '"action": "add"' "$T/out"
check "search by state learning" pd cards search hnsw --state learning
expect_grep "now learning" "^$basic	" "$T/out"

# --- edit ----------------------------------------------------------------
check "edit the back" pd card edit "$basic" back "Hierarchical Navigable Small World graph"
expect_eq "saved" "$(sql "SELECT back FROM card WHERE key = '$basic'")" "Hierarchical Navigable Small World graph"
check "search sees the edit at once" pd cards search graph --state mine
expect_grep "FTS kept in step" "^$basic	" "$T/out"
check "search no longer finds the old words alone" pd cards search '"small world" NOT graph' --state mine
expect_no_grep "old text gone from the index" "$basic" "$T/out"
expect_eq "history kept across the edit" "$(sql "SELECT count(*) FROM review_log WHERE card_key = '$basic'")" "1"
check "edit a cloze: a third deletion" pd card edit "$cloze" front "The {{c1::KV cache}} trades {{c2::memory}} for {{c3::speed}}"
expect_eq "a card for the new deletion" "$(sql "SELECT count(*) FROM card WHERE note_id = '$cloze' AND retired = 0")" "3"
check "undo the cloze edit" pd card undo
expect_grep "says what" "undid edit of $cloze" "$T/out"
expect_eq "the new card is gone again" "$(sql "SELECT count(*) FROM card WHERE note_id = '$cloze' AND retired = 0")" "2"
expect_eq "text back" "$(sql "SELECT front FROM card WHERE key = '$cloze:c1'")" "The {{c1::KV cache}} trades {{c2::memory}} for speed"
check "reverse to basic" pd card edit "$rev" kind basic
expect_eq "the reverse card is retired" "$(sql "SELECT group_concat(key || '=' || retired, ' ') FROM (SELECT * FROM card WHERE note_id = '$rev' ORDER BY key)")" "$rev=0 $rev:r=1"
check "and back" pd card edit "$rev" kind reverse
expect_eq "the reverse card returns" "$(sql "SELECT sum(retired) FROM card WHERE note_id = '$rev'")" "0"
check_exit "a kind cannot change to cloze" 1 pd card edit "$typein" kind cloze
expect_grep "says why" "its kind cannot become cloze" "$T/err"

# --- delete, undo ----------------------------------------------------------
check "delete the learner's card" pd card delete "$basic"
expect_eq "retired, not removed" "$(sql "SELECT retired FROM card WHERE key = '$basic'")" "1"
expect_eq "its review stays in the log" "$(sql "SELECT count(*) FROM review_log WHERE card_key = '$basic'")" "1"
check "search" pd cards search hnsw
expect_no_grep "a deleted card is not found" "$basic" "$T/out"
check "undo the delete" pd card undo
expect_eq "back" "$(sql "SELECT retired FROM card WHERE key = '$basic'")" "0"
check_exit "a curriculum card cannot be deleted" 1 pd card delete llm-cross-encoder
expect_grep "says why" "comes from the curriculum and cannot be deleted" "$T/err"

# --- reset, suspend via the log ------------------------------------------
check "reset to new" pd card reset "$basic"
expect_eq "new again" "$(sql "SELECT state FROM card_state WHERE key = '$basic'")" "0"
expect_eq "reviews kept" "$(sql "SELECT count(*) FROM review_log WHERE card_key = '$basic'")" "1"
check "undo the reset" pd card undo
expect_eq "learning again" "$(sql "SELECT state FROM card_state WHERE key = '$basic'")" "1"
check "move to another deck, made on the fly" pd card move "$basic" ann-notes
expect_eq "moved" "$(sql "SELECT deck_id FROM card WHERE key = '$basic'")" "ann-notes"
expect_eq "the new deck is the learner's" "$(sql "SELECT src FROM doc WHERE id = 'ann-notes'")" ""

# --- bad input: a message, and nothing saved --------------------------
before=$(ncards)
actions=$(sql "SELECT count(*) FROM card_action")
bad() { # bad DESCRIPTION MESSAGE ARGS...
	desc=$1; msg=$2; shift 2
	check_exit "$desc" 1 pd "$@"
	expect_grep "$desc: message" "$msg" "$T/err"
}
bad "empty front" "the front is empty" card add --deck my-notes --front "  " --back x
bad "basic without a back" "the back is empty" card add --deck my-notes --front "Why?"
bad "cloze without a deletion" "a cloze card needs a deletion" card add --deck my-notes --kind cloze --front "No markers here"
bad "cloze with an empty deletion" "is empty" card add --deck my-notes --kind cloze --front "A {{c1::}} gap"
bad "cloze deletion of blanks" "deletion {{c1:: hides no text" card add --deck my-notes --kind cloze --front "A {{c1::   }} gap"
bad "cloze not closed" "not closed" card add --deck my-notes --kind cloze --front "A {{c1::gap"
bad "type-in without an answer" "a type-in card needs an answer" card add --deck my-notes --kind typein --front "How many?"
check_exit "unknown kind" 2 pd card add --deck my-notes --kind flip --front a --back b
expect_grep "unknown kind: message" "kind must be basic, reverse, cloze or typein, not 'flip'" "$T/err"
bad "deck id with capitals and a space" "'My Notes' is not a valid deck id" card add --deck "My Notes" --front a --back b
bad "deck id too long" "is not a valid deck id" card add --deck "$(printf 'd%.0s' $(seq 1 70))" --front a --back b
bad "a deck id that is a plan" "'two-week' is a plan, not a deck" card add --deck two-week --front a --back b
bad "bad tag" "'Bad Tag' is not a valid tag\|'Bad' is not a valid tag" card add --deck my-notes --front a --back b --tags "Bad Tag"
bad "invalid UTF-8 in an argument" "the front is not valid UTF-8" card add --deck my-notes --front "$(printf 'caf\351')" --back b
printf 'caf\351 au lait\n' > "$T/latin1"
check_exit "invalid UTF-8 on standard input" 1 sh -c "'$PREPDECK' --db '$DB' card add --deck my-notes --front 'Drink?' --back - < '$T/latin1'"
expect_grep "invalid UTF-8 on standard input: message" "the back is not valid UTF-8" "$T/err"
printf 'a\000b' > "$T/nul"
check_exit "a NUL byte on standard input" 1 sh -c "'$PREPDECK' --db '$DB' card add --deck my-notes --front - --back b < '$T/nul'"
expect_grep "a NUL byte: message" "NUL byte" "$T/err"
head -c 70000 /dev/zero | tr '\0' 'x' > "$T/long"
check_exit "text over the loader's limit" 1 sh -c "'$PREPDECK' --db '$DB' card add --deck my-notes --front 'Long?' --back - < '$T/long'"
expect_grep "text over the limit: message" "the back is too long (70000 bytes; at most 65536)" "$T/err"
bad "a control character" "contains a control character" card add --deck my-notes --front "$(printf 'bell\007')" --back b
bad "the same front as another card" "card $basic already has this front; not added" card add --deck my-notes --front "what does hnsw stand for?  " --back again
bad "edit to an empty front" "the front is empty" card edit "$typein" front ""
bad "edit a field that does not exist" "unknown field 'colour'" card edit "$typein" colour red
bad "edit a card that does not exist" "no card 'nope'" card edit nope front x
bad "invalid search syntax" "the search 'k-means' is not valid" cards search "k-means"
bad "unbalanced quote" "is not valid" cards search '"open phrase'
bad "unbalanced parenthesis" "is not valid" cards search "(rag OR"
bad "search of an unknown deck" "no deck 'nope'" cards search rag --deck nope
expect_eq "no card saved by any of them" "$(ncards)" "$before"
expect_eq "no change logged by any of them" "$(sql "SELECT count(*) FROM card_action")" "$actions"
expect_eq "no stray deck made" "$(sql "SELECT count(*) FROM doc WHERE src = ''")" "2"
check "--force adds a duplicate front" pd card add --deck my-notes --force --front "What does HNSW stand for?" --back again
expect_eq "added" "$(ncards)" "$((before + 1))"

# suspend, flag and bury from the command line are changes of the card:
# its history shows them and card undo takes them back, newest first.
check "suspend from the command line" pd card suspend "$basic"
check "flag from the command line" pd card flag "$basic"
pd card history "$basic" >"$T/hist"
expect_grep "history shows the suspension" " suspend$" "$T/hist"
expect_grep "history shows the flag" " flag$" "$T/hist"
expect_eq "card undo takes the flag back first" "$(pd card undo)" "undid flag of $basic"
expect_eq "then the suspension" "$(pd card undo)" "undid suspend of $basic"
expect_eq "the card is back as it was" "$(sql "SELECT suspended || flag FROM card_state WHERE key = '$basic'")" "00"

check_exit "usage: add without a front" 2 pd card add --deck my-notes
check_exit "usage: search with two queries" 2 pd cards search a b
check_exit "usage: an unknown state" 2 pd cards search a --state sleepy

finish
