#!/bin/sh
# prepdeck anki import/export: packages of every format built here
# (legacy and anki21 with sqlite3 and zip, anki21b with zstd and a
# protobuf writer), the summary, re-imports, history replay, the round
# trip through an export, and cross-checks with packages and readers
# prepdeck did not write (tests/anki/).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/anki-fixtures.sh"
P="$PREPDECK"
export PREPDECK_NOW=2026-01-10T12:00:00Z

json_field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$T/out"; }

# 1. Every format reads the same collection the same way.
for fmt in anki2 anki21 anki21b; do
	DB="$T/$fmt.db"
	anki_pkg "$fmt" "$T/$fmt.apkg"
	check "$fmt: import" "$P" --db "$DB" anki import "$T/$fmt.apkg" --json
	expect_grep "$fmt: format" "\"format\":\"$fmt\"" "$T/out"
	expect_eq "$fmt: cards added" "$(json_field cards_added)" 7
	expect_eq "$fmt: decks added" "$(json_field decks_added)" 2
	expect_eq "$fmt: reviews added" "$(json_field reviews_added)" 5
	expect_eq "$fmt: cards with history" "$(json_field cards_with_history)" 3
	expect_eq "$fmt: manual row" "$(json_field reviews_unanswered)" 1
	expect_eq "$fmt: other note type" "$(json_field notes_other)" 1
	expect_eq "$fmt: media" "$(json_field sounds)/$(json_field images)" 1/1
	expect_eq "$fmt: suspended" "$(json_field suspended)" 1
	sql "SELECT kind || '|' || front || '|' || back || '|' || note || '|' || tags || '|' || deck_id
	     FROM card WHERE src = '@anki/$fmt.apkg' ORDER BY key" > "$T/cards-$fmt"
	sql "SELECT card_key || '|' || reviewed_at || '|' || rating || '|' || mode || '|' ||
	     duration_ms FROM review_log ORDER BY card_key, reviewed_at" > "$T/log-$fmt"
done
DB="$T/anki2.db"
expect_grep "basic: bold, entities, line break" "^basic|What is \*\*2+2\*\*?|4 & more$" "$T/cards-anki2"
expect_grep "basic: tags kept, cleaned" "| math easy::sub |anki-1500000000001$" "$T/cards-anki2"
expect_grep "reversed: the reverse card" "^reverse|gato|cat||" "$T/cards-anki2"
expect_grep "type-in" "^typein|Capital of \*France\*|Paris|" "$T/cards-anki2"
expect_grep "cloze with its extra, media left out" "^cloze|The {{c1::sun}} is a {{c2::star}}|The {{c1::sun}} is a {{c2::star}}|extra \*\*info\*\*|" "$T/cards-anki2"
expect_grep "other note type: first two fields" "^basic|perro|dog||" "$T/cards-anki2"
expect_eq "deck title from A::B" "$(sql "SELECT title FROM doc WHERE id = 'anki-1500000000001'")" "Lang::Spanish"
expect_eq "anki21 reads as anki2" "$(cat "$T/cards-anki21" "$T/log-anki21" | cksum)" "$(cat "$T/cards-anki2" "$T/log-anki2" | cksum)"
expect_eq "anki21b reads as anki2" "$(cat "$T/cards-anki21b" "$T/log-anki21b" | cksum)" "$(cat "$T/cards-anki2" "$T/log-anki2" | cksum)"
expect_grep "filtered review marked" ":c1|1704120000|3|filtered|4000" "$T/log-anki2"
expect_eq "suspended card stays suspended" "$(sql "SELECT suspended FROM card_state WHERE key LIKE '%:r'")" 1

# 2. The card's state is the replay of its history (prepdeck replay
# agrees on stability and difficulty; due differs only by fuzz).
key=$(sql "SELECT key FROM card WHERE src LIKE '@anki/%' AND front LIKE 'What is%'")
printf 'card\treviewed_at\trating\n' > "$T/hist.tsv"
sql "SELECT card_key || char(9) || strftime('%Y-%m-%dT%H:%M:%SZ', reviewed_at, 'unixepoch') || char(9) || rating
     FROM review_log WHERE card_key = '$key' ORDER BY reviewed_at" >> "$T/hist.tsv"
"$P" replay < "$T/hist.tsv" | tail -n 1 | cut -f 4,6,7 > "$T/replayed"
sql "SELECT state || char(9) || printf('%.6f', stability) || char(9) || printf('%.6f', difficulty)
     FROM card_state WHERE key = '$key'" > "$T/stored"
expect_eq "state is the replay of the history" "$(cat "$T/stored")" "$(cat "$T/replayed")"
expect_eq "three reviews replayed" "$(sql "SELECT reps FROM card_state WHERE key = '$key'")" 3

# 3. The same file again changes nothing.
snap() { sql "SELECT * FROM card; SELECT * FROM card_state; SELECT * FROM review_log; SELECT * FROM doc" | cksum; }
before=$(snap)
check "second import" "$P" --db "$DB" anki import "$T/anki2.apkg" --json
expect_eq "second import: unchanged" "$(json_field cards_unchanged)/$(json_field cards_added)/$(json_field reviews_added)" 7/0/0
expect_eq "second import: duplicates seen" "$(json_field reviews_duplicate)" 5
expect_eq "second import writes nothing" "$(snap)" "$before"

# 4. A newer export of the deck updates the text and adds only new reviews.
anki_pkg anki2 "$T/newer.apkg" "UPDATE notes SET flds = 'What is <b>2+2</b> exactly?' || char(31) || '4' WHERE id = 11;
INSERT INTO revlog VALUES (1704700000000, 101, 0, 3, 5, 1, 2500, 5000, 1);"
check "newer import" "$P" --db "$DB" anki import "$T/newer.apkg" --json
expect_eq "newer: one card updated, one review added" "$(json_field cards_updated)/$(json_field reviews_added)" 1/1
expect_eq "newer: text updated" "$(sql "SELECT front FROM card WHERE key = '$key'")" "What is **2+2** exactly?"
expect_eq "newer: history kept and replayed" "$(sql "SELECT count(*), (SELECT reps FROM card_state WHERE key = '$key') FROM review_log WHERE card_key = '$key'")" "4|4"

# 5. Imported decks are the learner's: a curriculum import keeps them.
check "bundled import" "$P" --db "$DB" import
expect_eq "anki cards not retired" "$(sql "SELECT count(*) FROM card WHERE src LIKE '@anki/%' AND retired = 0")" 7
expect_eq "anki decks not retired" "$(sql "SELECT count(*) FROM doc WHERE src LIKE '@anki/%' AND retired = 0")" 2

# 6. --deck puts every card into one deck of the learner's.
DB="$T/deck.db"
check "--deck" "$P" --db "$DB" anki import "$T/anki21b.apkg" --deck my-spanish
expect_eq "--deck: all cards there" "$(sql "SELECT count(*) FROM card WHERE deck_id = 'my-spanish'")" 7
check_exit "--deck into a curriculum deck is refused" 1 "$P" --db "$DB" anki import "$T/anki2.apkg" --deck ml-fundamentals
expect_grep "--deck refusal says why" "not one of your Anki decks" "$T/err"

# 7. Export with history, review "on the phone", import back: merged.
DB="$T/rt.db"
check "import test deck" "$P" --db "$DB" import "$top_srcdir/tests/anki/deck.yaml"
PREPDECK_NOW=2026-01-05T10:00:00Z "$P" --db "$DB" grade ax-basic 3 >/dev/null
PREPDECK_NOW=2026-01-06T10:00:00Z "$P" --db "$DB" grade ax-basic 3 >/dev/null
PREPDECK_NOW=2026-01-06T10:05:00Z "$P" --db "$DB" grade ax-cloze:c2 1 >/dev/null
check "export" "$P" --db "$DB" anki export anki-crosscheck --out "$T/out.apkg" --with-history
expect_grep "export summary" "1 deck, 5 notes, 6 cards, 3 reviews" "$T/out"
mkdir -p "$T/x" && (cd "$T/x" && unzip -q -o "$T/out.apkg")
X="$T/x/collection.anki2"
xq() { sqlite3 -batch -noheader "$X" "$@"; }
expect_eq "schema 11" "$(xq "SELECT ver FROM col")" 11
expect_eq "guids from card ids" "$(xq "SELECT group_concat(guid, ' ') FROM (SELECT guid FROM notes ORDER BY guid)")" \
	"pd:ax-basic pd:ax-cloze pd:ax-reverse pd:ax-reverse:r pd:ax-typein"
expect_eq "one note type per kind" "$(xq "SELECT json_extract(models, '\$.\"1700000000003\".type') || ' ' || json_extract(models, '\$.\"1700000000004\".tmpls[0].qfmt') FROM col" | tr '\n' ' ')" "1 {{Front}}  {{type:Back}} "
expect_eq "cloze note has both cards" "$(xq "SELECT group_concat(ord) FROM (SELECT c.ord FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = 'pd:ax-cloze' ORDER BY c.ord)")" "0,1"
expect_eq "revlog rows" "$(xq "SELECT count(*) FROM revlog")" 3
expect_eq "review card due in Anki days" "$(xq "SELECT c.type, c.queue, c.due FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = 'pd:ax-basic'")" "2|2|$(( ( $(date -d 2026-01-15T10:00:00Z +%s) - 1136073600 ) / 86400 ))"
expect_eq "tags kept" "$(xq "SELECT tags FROM notes WHERE guid = 'pd:ax-basic'")" " crosscheck llm "
expect_eq "deck title kept" "$(xq "SELECT json_extract(decks, '\$.\"' || (SELECT did FROM cards LIMIT 1) || '\".name') FROM col")" "Anki cross-check"
# The phone's reviews: one new, one already known.
cid=$(xq "SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = 'pd:ax-basic'")
xq "INSERT INTO revlog VALUES ($(date -d 2026-01-16T08:00:00Z +%s)000, $cid, -1, 3, 20, 9, 2500, 7000, 1)"
(cd "$T/x" && rm -f "$T/phone.apkg" && zip -q "$T/phone.apkg" collection.anki2 media)
PREPDECK_NOW=2026-01-17T08:00:00Z check "import the phone's package" "$P" --db "$DB" anki import "$T/phone.apkg" --json
expect_eq "phone: merged, no new cards" "$(json_field cards_merged)/$(json_field cards_added)" 6/0
expect_eq "phone: one new review, known ones skipped" "$(json_field reviews_added)/$(json_field reviews_duplicate)" 1/3
expect_eq "phone: history of ax-basic" "$(sql "SELECT count(*), (SELECT reps FROM card_state WHERE key = 'ax-basic') FROM review_log WHERE card_key = 'ax-basic'")" "3|3"
check_exit "export of a missing deck" 1 "$P" --db "$DB" anki export no-such-deck --out "$T/none.apkg"
expect_grep "missing deck named" "no deck 'no-such-deck'" "$T/err"
[ ! -e "$T/none.apkg" ] && pass || fail "a failed export left a file"

# 8. Cross-checks with code prepdeck did not write (tests/anki/README.md):
# a package written by anki-apkg-export, and prepdeck's export as the
# anki-reader package read it.
DB="$T/fixture.db"
check "import anki-apkg-export's package" "$P" --db "$DB" anki import "$top_srcdir/tests/anki/fixture.apkg" --json
expect_eq "fixture: cards" "$(json_field cards_added)" 3
expect_eq "fixture: deck" "$(sql "SELECT title FROM doc WHERE src LIKE '@anki/%'")" "Cross-check deck"
expect_eq "fixture: list cleaned" "$(sql "SELECT back FROM card WHERE front = 'Three steps'" | tr '\n' '/')" "1. embed/2. retrieve/3. generate/"
expect_eq "fixture: tags" "$(sql "SELECT tags FROM card WHERE src LIKE '@anki/%' AND front LIKE 'What is%'")" " llm rag "
DB="$T/xr.db"
"$P" --db "$DB" import "$top_srcdir/tests/anki/deck.yaml" >/dev/null
check "export for the reader" "$P" --db "$DB" anki export anki-crosscheck --out "$T/xr.apkg"
mkdir -p "$T/xr" && (cd "$T/xr" && unzip -q -o "$T/xr.apkg")
python3 - "$T/xr/collection.anki2" > "$T/xr.txt" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
models, decks = db.execute("SELECT models, decks FROM col").fetchone()
models, decks = json.loads(models), json.loads(decks)
lines, seen = [], set()
for did, nid, mid, flds in db.execute("SELECT c.did, n.id, n.mid, n.flds FROM cards c JOIN notes n ON n.id = c.nid"):
    name = decks[str(did)]["name"]
    lines.append("deck\t" + name)
    if nid in seen:
        continue
    seen.add(nid)
    names = [f["name"] for f in models[str(mid)]["flds"]]
    lines.append("note\t%s\t%s\t%s" % (name, mid, " | ".join("%s=%s" % kv for kv in zip(names, flds.split("\x1f")))))
print("\n".join(sorted(set(l for l in lines if l.startswith("deck")) | set(l for l in lines if l.startswith("note")))))
PY
if cmp -s "$T/xr.txt" "$top_srcdir/tests/anki/export-read.txt"; then pass; else
	fail "export differs from what anki-reader read"; diff "$T/xr.txt" "$top_srcdir/tests/anki/export-read.txt" >&2; fi

# 9. Decks from Anki go back under their own guids (a phone that still
# has the deck updates those notes instead of showing a copy), the long
# guids anki-apkg-export writes included; both directions of a basic
# note are one note again; importing the export finds every card.
DB="$T/guid.db"
long=7ee24282a9c7404337e6fc8bd536a88c5a932f35
anki_pkg anki2 "$T/guid.apkg" "INSERT INTO notes VALUES (16, '$long', 1001, 0, 0, '', 'Long' || char(31) || 'guid', '', 0, 0, '');
INSERT INTO cards VALUES (108, 16, 1500000000001, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, '');"
check "import for the export" "$P" --db "$DB" anki import "$T/guid.apkg"
check "export the Anki decks" "$P" --db "$DB" anki export anki-1500000000001 anki-1 --out "$T/g.apkg" --with-history
rm -rf "$T/g" && mkdir -p "$T/g" && (cd "$T/g" && unzip -q -o "$T/g.apkg")
gq() { sqlite3 -batch -noheader "$T/g/collection.anki2" "$@"; }
expect_eq "original guids" "$(gq "SELECT group_concat(guid, ' ') FROM (SELECT guid FROM notes ORDER BY guid)")" \
	"$long abcDEF1234 clozeGuid1 rev!guid#1 typeGuid01 vocabGuid1"
expect_eq "both directions, one note" "$(gq "SELECT n.mid || ':' || group_concat(c.ord) FROM notes n JOIN (SELECT nid, ord FROM cards ORDER BY ord) c ON c.nid = n.id WHERE n.guid = 'rev!guid#1' GROUP BY n.id")" \
	"1700000000005:0,1"
expect_eq "decks under their Anki ids" "$(gq "SELECT group_concat(did) FROM (SELECT DISTINCT did FROM cards ORDER BY did)")" "1,1500000000001"
expect_eq "long guid kept" "$(sql "SELECT guid FROM anki_note")" "$long"
check "import the export again" "$P" --db "$DB" anki import "$T/g.apkg" --json
expect_eq "every card found again" "$(json_field cards_added)/$(json_field cards_unchanged)/$(json_field decks_added)" 0/8/0
sql "SELECT key FROM card WHERE src LIKE '@anki/%' ORDER BY key" > "$T/keys-first"
DB="$T/guid2.db"
check "import the export elsewhere" "$P" --db "$DB" anki import "$T/g.apkg"
sql "SELECT key FROM card WHERE src LIKE '@anki/%' ORDER BY key" > "$T/keys-second"
if cmp -s "$T/keys-first" "$T/keys-second"; then pass; else
	fail "the export read elsewhere gives other card ids"; diff "$T/keys-first" "$T/keys-second" >&2; fi

# A card the learner edited keeps the learner's text when the package is
# imported again, as a curriculum card does; revert gives the package's.
DB="$T/override.db"
check "import for the edit" "$P" --db "$DB" anki import "$top_srcdir/tests/anki/fixture.apkg"
rag=$(sql "SELECT key FROM card WHERE front LIKE 'What is **RAG**?%'")
check "edit an imported card" "$P" --db "$DB" card edit "$rag" back "My own answer"
check "import the package again" "$P" --db "$DB" anki import "$top_srcdir/tests/anki/fixture.apkg"
expect_grep "nothing updated" "^Cards: 0 added, 0 updated, 3 unchanged" "$T/out"
expect_eq "the learner's text stays" "$(sql "SELECT back FROM card WHERE key = '$rag'")" "My own answer"
check "revert" "$P" --db "$DB" card revert "$rag"
sql "SELECT back FROM card WHERE key = '$rag'" >"$T/back"
expect_grep "the package's text is back" "^Retrieval-augmented generation" "$T/back"

finish
