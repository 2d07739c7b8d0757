#!/bin/sh
# Every kind of mistake in a curriculum file is reported as
# FILE:LINE:COLUMN: message, exactly as in tests/data/bad/*.err, with a
# non-zero exit; and an import with any mistake writes nothing at all.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cd "$top_srcdir" || exit 1

for err in tests/data/bad/*.err; do
	name=$(basename "$err" .err)
	if [ "$name" = duplicate ]; then
		set -- tests/data/bad/duplicate-a.yaml tests/data/bad/duplicate-b.yaml
	else
		set -- "tests/data/bad/$name.yaml"
	fi
	check_exit "check $name fails" 1 "$PREPDECK" check "$@"
	if cmp -s "$T/err" "$err"; then pass; else
		fail "messages for $name differ from $err"
		diff "$err" "$T/err" | sed 's/^/  | /' >&2
	fi
done

# The alias bomb and a 50 MB file are refused quickly, not after minutes.
start=$(date +%s)
head -c 52428800 /dev/zero | tr '\0' 'a' > "$T/huge.yaml"
check_exit "a 50 MB file is refused" 1 "$PREPDECK" check "$T/huge.yaml"
expect_grep "size message" "huge.yaml:1:1: file too large" "$T/err"
check_exit "alias bomb is refused" 1 "$PREPDECK" check tests/data/bad/alias-bomb.yaml
elapsed=$(( $(date +%s) - start ))
if [ "$elapsed" -lt 30 ]; then pass; else fail "refusing oversized input took ${elapsed}s"; fi

# A run with one good and one bad file imports nothing from either.
DB="$T/p.db"
"$PREPDECK" --db "$DB" status >/dev/null 2>&1
before=$(sql "SELECT count(*) FROM doc")
mkdir -p "$T/mixed"
cat > "$T/mixed/good.yaml" <<'YAML'
kind: checklist
id: my-good-list
title: A good list
items:
  - {id: one, text: First}
YAML
cp tests/data/bad/confidence.yaml "$T/mixed/bad.yaml"
check_exit "import of a mixed directory fails" 1 "$PREPDECK" --db "$DB" import "$T/mixed"
expect_grep "the error is listed" "bad.yaml:8:17: confidence must be 1 to 5, got 0" "$T/err"
expect_grep "nothing imported message" "nothing imported" "$T/err"
expect_eq "no document written" "$(sql "SELECT count(*) FROM doc")" "$before"
expect_eq "good file not written" "$(sql "SELECT count(*) FROM doc WHERE id = 'my-good-list'")" 0

# With the mistake fixed, the same import succeeds.
rm "$T/mixed/bad.yaml"
check "import after the fix" "$PREPDECK" --db "$DB" import "$T/mixed"
expect_eq "good file written" "$(sql "SELECT count(*) FROM doc WHERE id = 'my-good-list'")" 1

# A user file may refer to the bundled curriculum's ids.
cat > "$T/mixed/plan.yaml" <<'YAML'
kind: plan
id: my-plan
title: My plan
weeks: [{week: 1, theme: Mine}]
days:
  - {day: 1, title: A, tasks: [{id: a, text: Cards, deck: ml-fundamentals, count: 5}, {id: b, text: List, checklist: my-good-list}]}
  - {day: 2, title: B, tasks: [{id: c, text: Story, story: story-rag}]}
  - {day: 3, title: C, tasks: [{id: d, text: Mock, mock: mock-coding}]}
  - {day: 4, title: D, tasks: [{id: e, text: Rest}]}
  - {day: 5, title: E, tasks: [{id: f, text: Rest}]}
  - {day: 6, title: F, tasks: [{id: g, text: Rest}]}
  - {day: 7, title: G, tasks: [{id: h, text: Rest}]}
YAML
check "references to bundled ids resolve" "$PREPDECK" --db "$DB" import "$T/mixed"
check "check resolves them against the database" "$PREPDECK" --db "$DB" check "$T/mixed/plan.yaml"

# An id the database already holds from other files is refused.
cat > "$T/clash.yaml" <<'YAML'
kind: checklist
id: ml-fundamentals
title: Clash
items: [{id: a, text: t}]
YAML
check_exit "id clash with the bundled curriculum" 1 "$PREPDECK" --db "$DB" import "$T/clash.yaml"
expect_grep "clash message" "clash.yaml:2:5: document id 'ml-fundamentals' is already used by @bundled/decks/ml-fundamentals.yaml" "$T/err"
expect_eq "deck untouched" "$(sql "SELECT kind FROM doc WHERE id = 'ml-fundamentals'")" deck

# A link to something the same import removes is dangling, not satisfied
# by the database's old copy.
rm "$T/mixed/good.yaml"
check_exit "link to an item removed in the same run" 1 "$PREPDECK" --db "$DB" import "$T/mixed"
expect_grep "removed target message" "plan.yaml:6:.*unknown checklist 'my-good-list'" "$T/err"

# A file with only comments, and a document that is only '---'.
printf '# just a comment\n# another\n' > "$T/comments.yaml"
check_exit "comments-only file" 1 "$PREPDECK" check "$T/comments.yaml"
expect_grep "comments-only message" "comments.yaml:1:1: no YAML documents" "$T/err"
printf -- '---\n' > "$T/dashes.yaml"
check_exit "empty document" 1 "$PREPDECK" check "$T/dashes.yaml"
expect_grep "empty document message" "dashes.yaml:1:1: empty document" "$T/err"

finish
