#!/bin/sh
# The bundled curriculum is valid and complete: `prepdeck check content/`
# passes, and the counts the curriculum promises hold after an import.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

check "prepdeck check content/" "$PREPDECK" check "$top_srcdir/content"
expect_grep "check summary" "^ok: " "$T/out"

DB="$T/p.db"
check "import bundled" "$PREPDECK" --db "$DB" import
atleast() {
	if [ "$2" -ge "$3" ]; then pass; else fail "$1: $2 < $3"; fi
}
atleast "cards" "$(sql "SELECT count(*) FROM card WHERE retired = 0")" 200
atleast "cloze cards" "$(sql "SELECT count(*) FROM card WHERE kind = 'cloze'")" 20
atleast "reverse cards" "$(sql "SELECT count(*) FROM card WHERE kind = 'reverse'")" 10
atleast "type-in cards (numbers)" "$(sql "SELECT count(*) FROM card c JOIN doc d ON d.id = c.deck_id WHERE d.kind = 'numbers'")" 10
atleast "behavioral prompts" "$(sql "SELECT count(*) FROM prompt")" 25
atleast "vocabulary terms" "$(sql "SELECT count(*) FROM vocab")" 150
atleast "stories" "$(sql "SELECT count(*) FROM story WHERE type = 'story'")" 5
atleast "story templates" "$(sql "SELECT count(*) FROM story WHERE type = 'template'")" 8
expect_eq "the pitch" "$(sql "SELECT count(*) FROM story WHERE type = 'pitch'")" 1
atleast "checklists" "$(sql "SELECT count(*) FROM doc WHERE kind = 'checklist'")" 5
expect_eq "rubrics" "$(sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM doc WHERE kind = 'rubric' ORDER BY id)")" "mock-behavioral mock-coding mock-ml-design"
expect_eq "rubric levels" "$(sql "SELECT count(*) FROM rubric_cat WHERE level1 = '' OR level4 = ''")" 0
atleast "skill maps" "$(sql "SELECT count(*) FROM gapmap")" 2
atleast "interview flow segments" "$(sql "SELECT count(*) FROM flow_segment")" 6

# Both plans complete: every day present, each with 2 to 5 tasks.
expect_eq "two-week days" "$(sql "SELECT count(*) FROM plan_day WHERE plan_id = 'two-week'")" 14
expect_eq "six-week days" "$(sql "SELECT count(*) FROM plan_day WHERE plan_id = 'six-week'")" 42
expect_eq "days outside 2-5 tasks" "$(sql "SELECT count(*) FROM (SELECT plan_id, day, count(*) n FROM plan_task GROUP BY plan_id, day) WHERE n < 2 OR n > 5")" 0
# Every task link names something that exists.
expect_eq "dangling task links" "$(sql "SELECT count(*) FROM plan_task t WHERE t.link_kind <> '' AND NOT EXISTS (SELECT 1 FROM doc d WHERE d.id = t.link_id) AND NOT EXISTS (SELECT 1 FROM story s WHERE s.id = t.link_id)")" 0

# Clean UTF-8, no double-encoded text left over from the sources.
if grep -rl 'â€\|âœ\|Ã©\|ðŸ' "$top_srcdir/content" >/dev/null; then
	fail "double-encoded UTF-8 in content/"
	grep -rn 'â€\|âœ\|Ã©\|ðŸ' "$top_srcdir/content" | head >&2
else pass; fi

finish
