#!/bin/sh
# export deck ID --format yaml|md|csv writes any deck with the learner's
# text; the YAML imports back as the learner's own: identical cards, the
# same ids, and no clash with the curriculum's ids.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

use_curriculum rag.yaml
DB="$T/one.db"
pd() { "$PREPDECK" --db "$DB" "$@"; }

check "a basic card with awkward text" pd card add --deck my-notes --front "Quote \"this\": # not a comment" \
	--back "$(printf 'Line one\n  indented: two\n\ttab and trailing space ')" --note "é, 日本語, → arrows" --tags "a,b:c"
b1=$(cat "$T/out")
check "a reverse card" pd card add --deck my-notes --kind reverse --front "- starts like a list" --back "[starts like a flow]"
check "a cloze card" pd card add --deck my-notes --kind cloze --front "{{c1::Leading}} marker and {{c2::hint::with a hint}}"
check "a type-in card" pd card add --deck my-notes --kind typein --front "0.1 + 0.2 in floating point?" --back "0.30000000000000004"
check "a figure (numbers deck)" pd profile figure "p95 latency of my search service" "120 ms" "Measured in March, before the cache"
check "the learner's version of a curriculum card" pd card edit rag-chunk back "Around 256 tokens."

for d in my-notes rag my-figures; do
	check "export $d" pd export deck "$d" --format yaml --out "$T/$d.yaml"
done
expect_grep "marked as the learner's" "^origin: user$" "$T/my-notes.yaml"
expect_grep "a numbers deck stays one" "^kind: numbers$" "$T/my-figures.yaml"
expect_grep "the override is exported as the learner's text" 'a: "Around 256 tokens."' "$T/rag.yaml"
check "the files pass check" "$PREPDECK" --db "$DB" check "$T/my-notes.yaml" "$T/rag.yaml" "$T/my-figures.yaml"
expect_eq "written private" "$(stat -c %a "$T/my-notes.yaml")" "600"

# Into a new database: the same cards, the same ids.
DB2="$T/two.db"
check "import the three files into a new database" "$PREPDECK" --db "$DB2" import "$T/my-notes.yaml" "$T/rag.yaml" "$T/my-figures.yaml"
cards_of() { sqlite3 -batch "$1" "SELECT key, note_id, deck_id, kind, front, back, note, tags, cloze, src FROM card WHERE retired = 0 ORDER BY key"; }
cards_of "$DB" > "$T/cards1"
cards_of "$DB2" > "$T/cards2"
if cmp -s "$T/cards1" "$T/cards2"; then pass; else fail "identical cards, same ids and keys"; diff "$T/cards1" "$T/cards2" | head -20 >&2; fi
expect_eq "the learner's cards are the learner's there too" "$(sqlite3 "$DB2" "SELECT count(*) FROM card WHERE note_id = '$b1' AND src = ''")" "1"
expect_eq "the curriculum card came back as an override, not a clash" "$(sqlite3 "$DB2" "SELECT src || '|' || (SELECT file_back FROM card_override WHERE note_id = 'rag-chunk') FROM card WHERE key = 'rag-chunk'")" "@bundled/rag.yaml|About 300 tokens."
for d in my-notes rag my-figures; do
	"$PREPDECK" --db "$DB2" export deck "$d" > "$T/$d.again"
	if cmp -s "$T/$d.yaml" "$T/$d.again"; then pass; else fail "export of $d round-trips byte for byte"; diff "$T/$d.yaml" "$T/$d.again" | head >&2; fi
done
check "a curriculum import there keeps it all" "$PREPDECK" --db "$DB2" import
expect_eq "still the learner's text" "$(sqlite3 "$DB2" "SELECT back FROM card WHERE key = 'rag-chunk'")" "Around 256 tokens."
expect_eq "the learner's cards not retired" "$(sqlite3 "$DB2" "SELECT count(*) FROM card WHERE src = '' AND retired = 0")" "$(sqlite3 "$DB" "SELECT count(*) FROM card WHERE src = '' AND retired = 0")"

# Into the same database: nothing changes.
check "import the export into its own database" pd import "$T/my-notes.yaml" "$T/rag.yaml"
expect_grep "idempotent" "0 added or changed" "$T/out"
# An edited export brings the edit in as the learner's.
sed -i 's/0.30000000000000004/0.3 (nearly)/' "$T/my-notes.yaml"
check "import an edited export" pd import "$T/my-notes.yaml"
expect_eq "the edit arrives" "$(sqlite3 "$DB" "SELECT back FROM card WHERE kind = 'typein' AND deck_id = 'my-notes'")" "0.3 (nearly)"
check "and can be undone" pd card undo
expect_eq "undone" "$(sqlite3 "$DB" "SELECT back FROM card WHERE kind = 'typein' AND deck_id = 'my-notes'")" "0.30000000000000004"

# Markdown and CSV.
check "markdown" pd export deck my-notes --format md
expect_grep "title" "^# my-notes" "$T/out"
expect_grep "a question" '^\*\*Q:\*\* 0.1 + 0.2 in floating point?' "$T/out"
expect_grep "a cloze shown in bold" '^\*\*Leading\*\* marker and \*\*hint\*\*' "$T/out"
check "csv" pd export deck my-notes --format csv
expect_grep "header" "^id,kind,front,back,note,tags,deck" "$T/out"
expect_grep "quotes doubled and quoted" "^$b1,basic,\"Quote \"\"this\"\": # not a comment\",\"Line one" "$T/out"

check_exit "an unknown deck" 1 pd export deck nope
expect_grep "says so" "no deck 'nope'" "$T/err"
check_exit "an unknown format" 2 pd export deck rag --format pdf
check "an empty deck" pd card move "$b1" spare
check "delete it" pd card delete "$b1"
check_exit "an empty deck has nothing to export" 1 pd export deck spare
expect_grep "says so" "deck 'spare' has no cards to export" "$T/err"

finish
