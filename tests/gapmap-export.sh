#!/bin/sh
# prepdeck export gapmap: Markdown for notes, CSV for spreadsheets (read
# back with SQLite's own CSV reader), and YAML that `prepdeck import`
# turns back into the same map, every field kept: multi-line and
# non-ASCII evidence, quotes, YAML-looking text, trailing newlines.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
P2() { "$PREPDECK" --db "$T/two.db" "$@"; }

# rows DBFILE MAP: every exported field of the live rows, in map order,
# quoted by SQLite so that newlines and spaces show.
rows() {
	sqlite3 -batch -noheader "$1" "SELECT quote(name), quote(category), quote(evidence),
		quote(confidence), quote(next_action), quote(status), quote(decks),
		quote(stories), quote(keywords) FROM gap_row WHERE map_id = '$2' AND deleted = 0
		AND retired = 0 ORDER BY ord, id"
}

check "new map" P gapmap new target --title 'Target: "Acme" AI eng' --role 'AI Engineer, platform'
check "add a" P gapmap add target "RAG evaluation"
check "add b" P gapmap add target 'Stakeholders, "quoted" | piped' --category behavioral
check "add c" P gapmap add target "Kubernetes"
check "add d" P gapmap add target "Deleted row"
check "add e" P gapmap add target "Plain"
ev1='Cut p95 from 3.1 s → 1.8 s, naïve baseline
key: value # not a comment
- looks like a list, "quotes", \backslash\, 日本語 😀'
check "multi-line evidence" P gapmap set target 1 evidence "$ev1"
printf 'ends with a newline\n\n' | P gapmap set target 2 evidence - >/dev/null
expect_eq "stdin keeps one trailing newline" \
	"$(sql "SELECT evidence = 'ends with a newline' || char(10) FROM gap_row WHERE name = 'Kubernetes' OR name LIKE 'Stake%' ORDER BY ord LIMIT 1")" 1
printf '  starts with spaces\n\ttab, CR\r\nand two blank lines\n\n\n\n' | P gapmap set target 3 evidence - >/dev/null
check "confidence" P gapmap set target 1 confidence 2
check "confidence b" P gapmap set target 2 confidence 5
check "status" P gapmap set target 1 status doing
check "next" P gapmap set target 1 next 'Build a golden set: 50 questions, "hard" ones'
check "decks" P gapmap set target 1 decks "llm-retrieval ai-specific"
check "stories" P gapmap set target 1 stories story-rag
check "keywords" P gapmap set target 3 keywords "k8s, EKS"
check "category" P gapmap set target 3 category system
check "delete" P gapmap delete target "Deleted row"
rows "$DB" target >"$T/orig"
expect_eq "four live rows" "$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'target' AND deleted = 0")" 4
expect_eq "CR LF stored as LF" "$(sql "SELECT instr(evidence, char(13)) FROM gap_row WHERE name = 'Kubernetes'")" 0

# Markdown: a table, pipes escaped, line breaks as <br>.
check "md" P export gapmap target --format md --out "$T/m.md"
expect_eq "written private" "$(stat -c %a "$T/m.md")" 600
expect_grep "md title" '^# Target: "Acme" AI eng$' "$T/m.md"
expect_grep "md header" '^| # | Skill | Category | Confidence | Status | Evidence |' "$T/m.md"
expect_grep "md pipe escaped" 'Stakeholders, "quoted" \\| piped' "$T/m.md"
expect_grep "md line breaks" 'naïve baseline<br>key: value' "$T/m.md"
expect_grep "md confidence" '| RAG evaluation | technical | 2/5 | doing |' "$T/m.md"
expect_grep "md counts" '^4 skills, 2 gaps' "$T/m.md"
expect_no_grep "md leaves out deleted rows" "Deleted row" "$T/m.md"
expect_eq "md: one table line per row" "$(grep -c '^| [0-9]' "$T/m.md")" 4

# CSV: SQLite's CSV reader must get every field back exactly.
check "csv" P export gapmap target --format csv --out "$T/m.csv"
expect_grep "csv header" '^skill,category,confidence,status,evidence,next_action,decks,stories,keywords,skill_id' "$T/m.csv"
expect_grep "csv uses CRLF" "$(printf 'skill_id\r')" "$T/m.csv"
sqlite3 -batch -noheader "$T/csv.db" ".import --csv '$T/m.csv' t" \
	"SELECT quote(skill), quote(category), quote(evidence), quote(next_action) FROM t" >"$T/csvrows"
sqlite3 -batch -noheader "$DB" "SELECT quote(name), quote(category), quote(evidence),
	quote(next_action) FROM gap_row WHERE map_id = 'target' AND deleted = 0 ORDER BY ord" >"$T/dbrows"
if cmp -s "$T/csvrows" "$T/dbrows"; then pass; else
	fail "csv read back differs"; diff "$T/dbrows" "$T/csvrows" | head -20 >&2; fi
expect_eq "csv confidence" "$(sqlite3 -batch -noheader "$T/csv.db" "SELECT confidence FROM t WHERE skill = 'RAG evaluation'")" 2
expect_eq "csv decks" "$(sqlite3 -batch -noheader "$T/csv.db" "SELECT decks FROM t WHERE skill = 'RAG evaluation'")" "llm-retrieval ai-specific"

# YAML into a fresh database: the same map, field for field.
check "yaml" P export gapmap target --format yaml --out "$T/m.yaml"
expect_grep "yaml kind" '^kind: skillmap$' "$T/m.yaml"
expect_grep "yaml multi-line as a block" 'evidence: |-' "$T/m.yaml"
check "a new database" P2 status
check "yaml checks clean" P2 check "$T/m.yaml"
check "yaml import into a new database" P2 import "$T/m.yaml"
rows "$T/two.db" target >"$T/two"
if cmp -s "$T/orig" "$T/two"; then pass; else
	fail "rows differ after the round trip"; diff "$T/orig" "$T/two" >&2; fi
expect_eq "title kept" "$(sqlite3 "$T/two.db" "SELECT title FROM gapmap WHERE id = 'target'")" 'Target: "Acme" AI eng'
expect_eq "role kept" "$(sqlite3 "$T/two.db" "SELECT role FROM gapmap WHERE id = 'target'")" 'AI Engineer, platform'
# Exporting the imported map gives the same file (ids were made once).
check "export again" P2 export gapmap target --format yaml --out "$T/m2.yaml"
if cmp -s "$T/m.yaml" "$T/m2.yaml"; then pass; else
	fail "second export differs"; diff "$T/m.yaml" "$T/m2.yaml" >&2; fi
# Re-importing the same file changes nothing; the user's later edits stay.
check "edit the imported map" P2 gapmap set target 1 confidence 4
check "re-import" P2 import "$T/m.yaml"
expect_grep "re-import changes nothing" "0 added or changed" "$T/out"
expect_eq "edit survives re-import" "$(sqlite3 "$T/two.db" "SELECT confidence FROM gap_row WHERE map_id = 'target' AND name = 'RAG evaluation'")" 4

# The imported map is the user's again: same origin, no source file, so no
# later import of any file rewrites or retires it.
expect_eq "origin kept" "$(sqlite3 "$T/two.db" "SELECT origin || '|' || src FROM gapmap WHERE id = 'target'")" "user|"
expect_eq "rows belong to no file" "$(sqlite3 "$T/two.db" "SELECT count(*) FROM gap_row WHERE map_id = 'target' AND src <> ''")" 0
expect_eq "no document row" "$(sqlite3 "$T/two.db" "SELECT count(*) FROM doc WHERE id = 'target'")" 0
check "the bundled curriculum again" P2 import
expect_eq "untouched by other imports" "$(sqlite3 "$T/two.db" "SELECT count(*) FROM gap_row WHERE map_id = 'target' AND retired = 0 AND deleted = 0")" 4

# In the database it came from, the map is the user's already: importing
# the file keeps the user's map as it is; --id writes a copy that imports
# beside the original.
check "edit after export" P gapmap set target Plain evidence "written after the export"
check "same database" P import "$T/m.yaml"
expect_grep "same database: kept" "0 added or changed" "$T/out"
expect_eq "the user's newer text is kept" "$(sql "SELECT evidence FROM gap_row WHERE map_id = 'target' AND name = 'Plain'")" "written after the export"
check "undo that edit" P gapmap undo target
check "export a copy" P export gapmap target --format yaml --id target-copy --out "$T/copy.yaml"
check "import the copy" P import "$T/copy.yaml"
rows "$DB" target-copy >"$T/copy"
if cmp -s "$T/orig" "$T/copy"; then pass; else
	fail "copy differs"; diff "$T/orig" "$T/copy" >&2; fi
rows "$DB" target >"$T/orig2"
if cmp -s "$T/orig" "$T/orig2"; then pass; else fail "original changed"; fi

# A job-description map and a bundled map (with the curriculum's own
# multi-line evidence) make the same trip.
check "jd import" P jd import "$top_srcdir/tests/data/jd/llm-app-engineer.md" --name llm
check "jd yaml" P export gapmap llm --format yaml --out "$T/llm.yaml"
check "jd yaml import" P2 import "$T/llm.yaml"
expect_eq "jd origin kept" "$(sqlite3 "$T/two.db" "SELECT origin FROM gapmap WHERE id = 'llm'")" jd
rows "$DB" llm >"$T/a"
rows "$T/two.db" llm >"$T/b"
if [ -s "$T/a" ] && cmp -s "$T/a" "$T/b"; then pass; else fail "jd map differs"; fi
# A bundled map under its own id is a file's map: a database with the
# bundled curriculum refuses it; with --id it becomes the user's copy.
check "bundled yaml, own id" P export gapmap cheat-sheet-map --format yaml --out "$T/b0.yaml"
expect_no_grep "no origin for a file's map" "^origin:" "$T/b0.yaml"
check_exit "bundled id taken" 1 P2 import "$T/b0.yaml"
expect_grep "says which file has it" "already used by @bundled/skillmaps.yaml" "$T/err"
check "bundled yaml" P export gapmap cheat-sheet-map --format yaml --id cheat-copy --out "$T/b.yaml"
check "bundled yaml import" P2 import "$T/b.yaml"
rows "$DB" cheat-sheet-map >"$T/a"
rows "$T/two.db" cheat-copy >"$T/b"
if [ -s "$T/a" ] && cmp -s "$T/a" "$T/b"; then pass; else fail "bundled map differs"; diff "$T/a" "$T/b" | head >&2; fi
expect_eq "the copy is the user's" "$(sqlite3 "$T/two.db" "SELECT origin FROM gapmap WHERE id = 'cheat-copy'")" user

# Standard output by default; bad arguments.
check "stdout" P export gapmap target --format=csv
expect_grep "stdout csv" "^RAG evaluation,technical,2,doing," "$T/out"
check_exit "bad format" 2 P export gapmap target --format xml
check_exit "unknown map" 1 P export gapmap nope --format md
check_exit "bad --id" 2 P export gapmap target --format yaml --id "Not An Id"
check_exit "unwritable --out" 1 P export gapmap target --format md --out "$T/no/such/dir/x.md"
check "empty map" P gapmap new empty
check_exit "empty map has no yaml" 1 P export gapmap empty --format yaml --out "$T/e.yaml"
if [ -e "$T/e.yaml" ]; then fail "a failed export left a file"; else pass; fi
check "empty map as md" P export gapmap empty --format md

finish
