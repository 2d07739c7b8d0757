# Builders of Anki packages for the tests (sourced after lib.sh): legacy
# and anki21 collections with the sqlite3 shell, anki21b with the
# anki_mkpkg helper (protobuf blobs, zstd, meta), zipped with zip.
: "${MKPKG:=$top_builddir/tests/anki_mkpkg}"

# The schema-11 tables, as Anki 2.1 creates them.
ANKI_SCHEMA11="
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null,
  factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
"

ANKI_MODELS='{
 "1001": {"id": 1001, "name": "Basic", "type": 0,
   "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
   "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "{{Front}}",
              "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}]},
 "1002": {"id": 1002, "name": "Basic (and reversed card)", "type": 0,
   "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
   "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "{{Front}}",
              "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"},
             {"name": "Card 2", "ord": 1, "qfmt": "{{Back}}",
              "afmt": "{{FrontSide}}<hr id=answer>{{Front}}"}]},
 "1003": {"id": 1003, "name": "Basic (type in the answer)", "type": 0,
   "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
   "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "{{Front}}\n\n{{type:Back}}",
              "afmt": "{{Front}}<hr id=answer>{{type:Back}}"}]},
 "1004": {"id": 1004, "name": "Cloze", "type": 1,
   "flds": [{"name": "Text", "ord": 0}, {"name": "Back Extra", "ord": 1}],
   "tmpls": [{"name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}",
              "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}]},
 "1005": {"id": 1005, "name": "Vocab", "type": 0,
   "flds": [{"name": "Word", "ord": 0}, {"name": "Meaning", "ord": 1},
            {"name": "Example", "ord": 2}],
   "tmpls": [{"name": "Example", "ord": 0, "qfmt": "{{Example}}",
              "afmt": "{{FrontSide}}<hr>{{Word}}: {{Meaning}}"}]}
}'
ANKI_DECKS='{"1": {"id": 1, "name": "Default"},
 "1500000000001": {"id": 1500000000001, "name": "Lang::Spanish"}}'

# The notes, cards and review log every format shares. One note of each
# kind, one of another note type; reviews in 2024 (ms since 1970).
ANKI_ROWS="
INSERT INTO notes VALUES (11, 'abcDEF1234', 1001, 0, 0, ' Math Easy::Sub ',
  'What is <b>2+2</b>?' || char(31) || '4 &amp; more<br>line two', '', 0, 0, '');
INSERT INTO notes VALUES (12, 'rev!guid#1', 1002, 0, 0, ' spanish ',
  'cat' || char(31) || 'gato', '', 0, 0, '');
INSERT INTO notes VALUES (13, 'typeGuid01', 1003, 0, 0, '',
  'Capital of <i>France</i>' || char(31) || 'Paris', '', 0, 0, '');
INSERT INTO notes VALUES (14, 'clozeGuid1', 1004, 0, 0, ' astro ',
  'The {{c1::sun}} is a {{c2::star}}[sound:sun.mp3]<img src=\"sun.png\">' || char(31) ||
  'extra <b>info</b>', '', 0, 0, '');
INSERT INTO notes VALUES (15, 'vocabGuid1', 1005, 0, 0, '',
  'perro' || char(31) || 'dog' || char(31) || 'El perro', '', 0, 0, '');
INSERT INTO cards VALUES (101, 11, 1500000000001, 0, 0, 0, 2, 2, 100, 3, 2500, 3, 1, 0, 0, 0, 0, '');
INSERT INTO cards VALUES (102, 12, 1500000000001, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '');
INSERT INTO cards VALUES (103, 12, 1500000000001, 1, 0, 0, 0, -1, 2, 0, 0, 0, 0, 0, 0, 0, 0, '');
INSERT INTO cards VALUES (104, 13, 1, 0, 0, 0, 2, 2, 50, 5, 2500, 2, 0, 0, 0, 0, 0, '');
INSERT INTO cards VALUES (105, 14, 1, 0, 0, 0, 2, 2, 60, 4, 2500, 1, 0, 0, 0, 0, 0, '');
INSERT INTO cards VALUES (106, 14, 1, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, '');
INSERT INTO cards VALUES (107, 15, 1, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, '');
INSERT INTO revlog VALUES (1704103200000, 101, 0, 3, -600, 0, 0, 8000, 0);
INSERT INTO revlog VALUES (1704189600000, 101, 0, 3, 3, -600, 2500, 6000, 1);
INSERT INTO revlog VALUES (1704448800000, 101, 0, 1, -600, 3, 2300, 12000, 1);
INSERT INTO revlog VALUES (1704535200000, 101, 0, 0, 0, 0, 0, 0, 4);
INSERT INTO revlog VALUES (1704110000000, 104, 0, 4, 4, 0, 2500, 3000, 0);
INSERT INTO revlog VALUES (1704120000000, 105, 0, 3, 1, 0, 2500, 4000, 3);
"

# anki_legacy_db FILE [EXTRA_SQL]: a schema-11 collection with the rows.
anki_legacy_db() {
	rm -f "$1"
	sqlite3 -batch "$1" "$ANKI_SCHEMA11
INSERT INTO col VALUES (1, 1600000000, 0, 0, 11, 0, 0, 0, '{}', '$ANKI_MODELS', '$ANKI_DECKS', '{}', '{}');
$ANKI_ROWS
${2:-}"
}

# anki_b_db FILE [EXTRA_SQL]: the same collection in schema 18, note
# types, fields, templates and decks in their own tables.
anki_b_db() {
	rm -f "$1"
	nt0=$("$MKPKG" notetype 0)
	nt1=$("$MKPKG" notetype 1)
	t_basic=$("$MKPKG" template '{{Front}}' '{{FrontSide}}<hr id=answer>{{Back}}')
	t_rev=$("$MKPKG" template '{{Back}}' '{{FrontSide}}<hr id=answer>{{Front}}')
	t_type=$("$MKPKG" template '{{Front}}

{{type:Back}}' '{{Front}}<hr id=answer>{{type:Back}}')
	t_cloze=$("$MKPKG" template '{{cloze:Text}}' '{{cloze:Text}}<br>{{Back Extra}}')
	t_vocab=$("$MKPKG" template '{{Example}}' '{{FrontSide}}<hr>{{Word}}: {{Meaning}}')
	sqlite3 -batch "$1" "$ANKI_SCHEMA11
CREATE TABLE notetypes (id integer primary key, name text not null, mtime_secs integer not null,
  usn integer not null, config blob not null);
CREATE TABLE fields (ntid integer not null, ord integer not null, name text not null,
  config blob not null, primary key (ntid, ord)) without rowid;
CREATE TABLE templates (ntid integer not null, ord integer not null, name text not null,
  mtime_secs integer not null, usn integer not null, config blob not null,
  primary key (ntid, ord)) without rowid;
CREATE TABLE decks (id integer primary key, name text not null, mtime_secs integer not null,
  usn integer not null, common blob not null, kind blob not null);
INSERT INTO col VALUES (1, 1600000000, 0, 0, 18, 0, 0, 0, '', '', '', '', '');
INSERT INTO notetypes VALUES (1001, 'Basic', 0, 0, X'$nt0'), (1002, 'Basic (and reversed card)', 0, 0, X'$nt0'),
  (1003, 'Basic (type in the answer)', 0, 0, X'$nt0'), (1004, 'Cloze', 0, 0, X'$nt1'),
  (1005, 'Vocab', 0, 0, X'$nt0');
INSERT INTO fields VALUES (1001, 0, 'Front', X''), (1001, 1, 'Back', X''),
  (1002, 0, 'Front', X''), (1002, 1, 'Back', X''), (1003, 0, 'Front', X''), (1003, 1, 'Back', X''),
  (1004, 0, 'Text', X''), (1004, 1, 'Back Extra', X''), (1005, 0, 'Word', X''),
  (1005, 1, 'Meaning', X''), (1005, 2, 'Example', X'');
INSERT INTO templates VALUES (1001, 0, 'Card 1', 0, 0, X'$t_basic'),
  (1002, 0, 'Card 1', 0, 0, X'$t_basic'), (1002, 1, 'Card 2', 0, 0, X'$t_rev'),
  (1003, 0, 'Card 1', 0, 0, X'$t_type'), (1004, 0, 'Cloze', 0, 0, X'$t_cloze'),
  (1005, 0, 'Example', 0, 0, X'$t_vocab');
INSERT INTO decks VALUES (1, 'Default', 0, 0, X'', X''),
  (1500000000001, 'Lang' || char(31) || 'Spanish', 0, 0, X'', X'');
$ANKI_ROWS
${2:-}"
}

# anki_zip OUT FILE...: zips the files (by their base names) into OUT.
anki_zip() {
	out=$1
	shift
	rm -f "$out"
	(cd "$(dirname "$1")" && for f in "$@"; do basename "$f"; done | zip -q -X -@ "$out")
}

# anki_pkg FORMAT OUT [EXTRA_SQL]: a package of FORMAT anki2, anki21 or
# anki21b holding the shared collection.
anki_pkg() {
	fmt=$1 out=$2
	d="$T/pkg-$$-$fmt"
	rm -rf "$d"
	mkdir -p "$d"
	case $fmt in
	anki2)
		anki_legacy_db "$d/collection.anki2" "${3:-}"
		printf '{}' > "$d/media"
		anki_zip "$out" "$d/collection.anki2" "$d/media" ;;
	anki21)
		anki_legacy_db "$d/collection.anki21" "${3:-}"
		# A stub legacy collection beside it, as Anki writes: never read.
		sqlite3 -batch "$d/collection.anki2" "$ANKI_SCHEMA11 INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', '{}', '{}', '{}', '{}');"
		printf '{}' > "$d/media"
		anki_zip "$out" "$d/collection.anki21" "$d/collection.anki2" "$d/media" ;;
	anki21b)
		anki_b_db "$d/plain.db" "${3:-}"
		"$MKPKG" zstd "$d/plain.db" "$d/collection.anki21b"
		"$MKPKG" meta 3 "$d/meta"
		sqlite3 -batch "$d/collection.anki2" "$ANKI_SCHEMA11 INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', '{}', '{}', '{}', '{}');"
		printf '' > "$d/media"
		anki_zip "$out" "$d/meta" "$d/collection.anki21b" "$d/collection.anki2" "$d/media" ;;
	esac
	[ -f "$out" ]
}
