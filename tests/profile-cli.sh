#!/bin/sh
# The example profile on the command line: its figures and stories are
# marked "(example)" wherever they are listed, and a copy is the learner's.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
cat > "$T/example.yaml" <<'YAML'
kind: numbers
id: ex-figures
title: Example candidate's figures
profile: example
items:
  - {id: ex-daily, metric: Daily transactions of the example project, value: 1M+}
---
kind: stories
id: ex-stories
title: Example stories
profile: example
stories:
  - {id: ex-rag, title: RAG for banking support, competencies: [impact],
     situation: s, task: t, action: a, result: r}
YAML
check "import the example profile" "$PREPDECK" --db "$DB" import "$T/example.yaml"
# Stored for these and for the bundled example profile's two documents.
expect_eq "stored" "$(sql "SELECT group_concat(id || '=' || profile, ' ') FROM (SELECT id, profile FROM doc WHERE profile <> '' ORDER BY id)")" "ex-figures=example ex-stories=example example-numbers=example example-stories=example"

check "due" "$PREPDECK" --db "$DB" due
expect_grep "due marks the example's deck" "^ex-figures (example) " "$T/out"
expect_grep "the bundled example figures marked" "^example-numbers (example) " "$T/out"
expect_no_grep "other decks unmarked" "^reference-numbers (example)" "$T/out"
expect_grep "other decks listed" "^reference-numbers " "$T/out"
check "due --json" "$PREPDECK" --db "$DB" due --json
expect_grep "json title marked" '"title": "(example) Example candidate' "$T/out"
check "card show" "$PREPDECK" --db "$DB" card show ex-daily
expect_grep "card show marks the deck" "^deck: ex-figures (example)$" "$T/out"
check "stories list" "$PREPDECK" --db "$DB" stories list
expect_grep "stories list marks the story" "^ex-rag .*(example) RAG for banking support" "$T/out"
expect_grep "the bundled example stories marked" "^story-rag .*(example)" "$T/out"
expect_no_grep "templates unmarked" "^tpl-conflict .*(example)" "$T/out"
expect_grep "templates listed" "^tpl-conflict " "$T/out"

check "copy the example story" "$PREPDECK" --db "$DB" story copy ex-rag --id my-rag
check "stories list after the copy" "$PREPDECK" --db "$DB" stories list
expect_grep "the copy is the learner's, unmarked" "^my-rag  *mine .* RAG for banking support" "$T/out"
expect_no_grep "the copy has no mark" "^my-rag .*(example)" "$T/out"

printf 'kind: stories\nid: s\ntitle: S\nprofile: mine\n' > "$T/bad.yaml"
check_exit "a profile other than example is refused" 1 "$PREPDECK" --db "$DB" check "$T/bad.yaml"
expect_grep "with its place" "bad.yaml:4:10: 'profile' must be one of example; got 'mine'" "$T/err"

finish
