#!/bin/sh
# The bundled curriculum is valid and complete: `prepdeck check content/`
# passes, `prepdeck lint content/` finds nothing, and the counts the
# curriculum promises hold after an import.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

check "prepdeck check content/" "$PREPDECK" check "$top_srcdir/content"
expect_grep "check summary" "^ok: " "$T/out"

# The rules of card craft hold on every file: answers and deletions short
# enough, no near-duplicates, every term taught, no generic plan task,
# type-ins a plain keyboard can type.
check "prepdeck lint content/" "$PREPDECK" --db "$T/lint.db" lint "$top_srcdir/content"
expect_grep "lint finds nothing" "^lint: no findings (" "$T/out"

DB="$T/p.db"
check "import bundled" "$PREPDECK" --db "$DB" import
atleast() {
	if [ "$2" -ge "$3" ]; then pass; else fail "$1: $2 < $3"; fi
}
# The decks: the nine of the first curriculum less course-review, and the
# areas added since; the numbers deck is gone (its general figures are in
# reference-numbers, the example candidate's in the example profile).
expect_eq "decks" "$(sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM doc WHERE kind = 'deck' ORDER BY id)")" \
	"agents ai-specific behavioral coding data-engineering deep-learning engineering-breadth fine-tuning inference-serving llm-evaluation llm-retrieval llm-security ml-breadth ml-coding ml-fundamentals ml-platform ml-system-design red-flags reference-numbers sql-pandas statistics team-practices transformers"
expect_eq "no course-review or numbers document" "$(sql "SELECT count(*) FROM doc WHERE id IN ('course-review', 'numbers')")" 0
# Each area deck holds at least 30 cards (notes, as written).
for d in agents deep-learning fine-tuning inference-serving llm-evaluation llm-security ml-coding reference-numbers sql-pandas statistics transformers; do
	atleast "notes in $d" "$(sql "SELECT count(DISTINCT note_id) FROM card WHERE deck_id = '$d' AND retired = 0")" 30
done
atleast "cards" "$(sql "SELECT count(*) FROM card WHERE retired = 0")" 1250
atleast "cloze cards" "$(sql "SELECT count(*) FROM card WHERE kind = 'cloze' AND retired = 0")" 400
atleast "reverse cards" "$(sql "SELECT count(*) FROM card WHERE kind = 'reverse' AND retired = 0")" 20
# Type-in calculations across the decks (the example's figures apart).
atleast "type-in cards in decks" "$(sql "SELECT count(*) FROM card c JOIN doc d ON d.id = c.deck_id WHERE c.kind = 'typein' AND d.kind = 'deck' AND c.retired = 0")" 40
atleast "type-in cards (numbers)" "$(sql "SELECT count(*) FROM card c JOIN doc d ON d.id = c.deck_id WHERE d.kind = 'numbers'")" 25
atleast "behavioral prompts" "$(sql "SELECT count(*) FROM prompt")" 25
atleast "vocabulary terms" "$(sql "SELECT count(*) FROM vocab")" 200
expect_eq "vocabulary terms without a deck" "$(sql "SELECT count(*) FROM vocab WHERE trim(decks) = ''")" 0
# Every deck a term points at exists.
missing=0
for d in $(sql "SELECT decks FROM vocab"); do
	[ "$(sql "SELECT count(*) FROM doc WHERE kind = 'deck' AND id = '$d'")" = 1 ] || { missing=$((missing + 1)); echo "  vocabulary names deck '$d'" >&2; }
done
expect_eq "vocabulary decks that do not exist" "$missing" 0

# Stories: the example candidate's (the pitch, five core stories and the
# four added for conflict, ambiguity, influence and learning) are labelled
# as the example profile; templates for the learner's own are not.
expect_eq "example stories" "$(sql "SELECT count(*) FROM story WHERE type = 'story' AND profile = 'example'")" 9
expect_eq "stories outside the example profile" "$(sql "SELECT count(*) FROM story WHERE type IN ('story', 'pitch') AND profile <> 'example'")" 0
atleast "story templates" "$(sql "SELECT count(*) FROM story WHERE type = 'template'")" 8
expect_eq "the pitch" "$(sql "SELECT count(*) FROM story WHERE type = 'pitch'")" 1
expect_eq "competencies without an example story" "$(sql "SELECT group_concat(id, ' ') FROM competency c WHERE NOT EXISTS (SELECT 1 FROM story s WHERE s.type = 'story' AND s.profile = 'example' AND (' ' || s.competencies || ' ') LIKE '% ' || c.id || ' %')")" ""
atleast "competencies" "$(sql "SELECT count(*) FROM competency")" 14
expect_eq "figures outside the example profile" "$(sql "SELECT count(*) FROM doc WHERE kind = 'numbers' AND profile <> 'example'")" 0
atleast "checklists" "$(sql "SELECT count(*) FROM doc WHERE kind = 'checklist'")" 5
expect_eq "rubrics" "$(sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM doc WHERE kind = 'rubric' ORDER BY id)")" "mock-behavioral mock-coding mock-ml-design"
expect_eq "rubric levels" "$(sql "SELECT count(*) FROM rubric_cat WHERE level1 = '' OR level4 = ''")" 0
atleast "skill maps" "$(sql "SELECT count(*) FROM gapmap")" 2
atleast "interview flow segments" "$(sql "SELECT count(*) FROM flow_segment")" 6

# Both plans complete: every day present, each with 2 to 5 tasks, and a
# review task every day that names the decks it reviews.
expect_eq "two-week days" "$(sql "SELECT count(*) FROM plan_day WHERE plan_id = 'two-week'")" 14
expect_eq "six-week days" "$(sql "SELECT count(*) FROM plan_day WHERE plan_id = 'six-week'")" 42
expect_eq "two-week tasks" "$(sql "SELECT count(*) FROM plan_task WHERE plan_id = 'two-week'")" 64
expect_eq "six-week tasks" "$(sql "SELECT count(*) FROM plan_task WHERE plan_id = 'six-week'")" 150
expect_eq "days outside 2-5 tasks" "$(sql "SELECT count(*) FROM (SELECT plan_id, day, count(*) n FROM plan_task GROUP BY plan_id, day) WHERE n < 2 OR n > 5")" 0
expect_eq "days without a review task over decks" "$(sql "SELECT count(*) FROM plan_day d WHERE NOT EXISTS (SELECT 1 FROM plan_task t WHERE t.plan_id = d.plan_id AND t.day = d.day AND t.link_kind = 'deck' AND t.count > 0)")" 0
# Every task link names something that exists (a review task over
# several decks links each of them).
dangling=0
sql "SELECT link_id FROM plan_task WHERE link_kind <> ''" | tr ' ' '\n' | sort -u > "$T/links"
while read -r id; do
	[ -n "$id" ] || continue
	[ "$(sql "SELECT (SELECT count(*) FROM doc WHERE id = '$id') + (SELECT count(*) FROM story WHERE id = '$id')")" -gt 0 ] ||
		{ dangling=$((dangling + 1)); echo "  task link '$id'" >&2; }
done < "$T/links"
expect_eq "dangling task links" "$dangling" 0

# Clean UTF-8, no double-encoded text left over from the sources.
if grep -rl 'â€\|âœ\|Ã©\|ðŸ' "$top_srcdir/content" >/dev/null; then
	fail "double-encoded UTF-8 in content/"
	grep -rn 'â€\|âœ\|Ã©\|ðŸ' "$top_srcdir/content" | head >&2
else pass; fi

finish
