#!/bin/sh
# The story bank from the command line: listing, the coverage grid,
# copying and editing the user's stories (non-ASCII text included),
# prompts (random, by competency, weakest), recording rehearsals,
# budgets, exporting as Markdown and YAML, the YAML round trip through
# `prepdeck import`, and user stories surviving re-imports.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
export PREPDECK_NOW=2025-03-12T12:00:00Z
P() { "$PREPDECK" --db "$DB" "$@"; }

check "help lists the story commands" "$PREPDECK" --help
for cmd in stories story rehearse export; do
	expect_grep "help lists $cmd" "^  $cmd" "$T/out"
done
check "help export" "$PREPDECK" help export
expect_grep "export help names stories" "export stories" "$T/out"

# The bundled bank: examples, the pitch, templates; the example profile
# covers every competency, so coverage has no gap but marks each
# competency only the examples cover.
check "stories list" P stories
expect_grep "bundled example listed" "^story-rag  *example  *never" "$T/out"
expect_grep "pitch listed" "^pitch-60s  *pitch" "$T/out"
expect_grep "template listed" "^tpl-conflict  *template" "$T/out"
check "coverage" P stories coverage
expect_grep "no gap in the bundled bank" "14 competencies, 9 stories; 0 gaps" "$T/out"
expect_grep "conflict covered by examples only" "^Conflict resolution .*examples only" "$T/out"
expect_grep "ownership covered by examples only" "^Ownership .*examples only" "$T/out"
# Without the example profile (templates only), every competency is a
# gap, each with a template to start from.
mkdir -p "$T/templates-only"
cp "$top_srcdir/content/stories.yaml" "$T/templates-only/"
check "coverage without the example profile" env PREPDECK_CONTENT="$T/templates-only" "$PREPDECK" --db "$T/t.db" stories coverage
expect_grep "every competency a gap" "14 competencies, 0 stories; 14 gaps" "$T/out"
expect_grep "conflict is a gap with its template" "^Conflict resolution .*GAP (template: tpl-conflict)" "$T/out"

# Copy a bundled story and a template; the copies are the user's.
check "copy a story" P story copy story-rag
expect_eq "copy id" "$(cat "$T/out")" "my-rag"
check "copy a template" P story copy tpl-conflict
expect_eq "template copy id" "$(cat "$T/out")" "my-conflict"
expect_eq "template copy is a story" "$(DB=$DB sql "SELECT type || '|' || title || '|' || copied_from || '|' || origin FROM story WHERE id = 'my-conflict'")" "story|My conflict story|tpl-conflict|user"
expect_eq "points copied" "$(DB=$DB sql "SELECT count(*) FROM story_point WHERE story_id = 'my-rag'")" \
	"$(DB=$DB sql "SELECT count(*) FROM story_point WHERE story_id = 'story-rag'")"
check "copy again gets a new id" P story copy story-rag
expect_eq "second copy id" "$(cat "$T/out")" "my-rag-2"
check "add a story" P story add "Réduit la latence p95 → 1,8 s"
expect_eq "id from a non-ASCII title" "$(cat "$T/out")" "my-reduit-la-latence-p95-1-8-s"
check_exit "add with a taken id" 1 P story add "Other" --id my-rag
expect_grep "taken id message" "already used" "$T/err"
check_exit "add without a title" 2 P story add
check_exit "copy of nothing" 1 P story copy nope
expect_grep "no such story" "no story 'nope'" "$T/err"

# Editing: every field, validated, saved at once.
check "set the title" P story set my-rag title "Mon histoire : « RAG » — 70 % de calcul en moins"
check "set competencies" P story set my-rag competencies "conflict, ambiguity impact"
expect_eq "competencies stored as a word list" "$(DB=$DB sql "SELECT competencies FROM story WHERE id = 'my-rag'")" " conflict ambiguity impact "
printf 'Ligne une — café\n\n  - indented "quoted" \\ back\nnull: yes # not a comment\n   \nlast' > "$T/sit.txt"
check "set a multi-line field from stdin" sh -c "'$PREPDECK' --db '$DB' story set my-rag situation - < '$T/sit.txt'"
expect_eq "multi-line text kept exactly" "$(DB=$DB sql "SELECT situation FROM story WHERE id = 'my-rag'")" "$(cat "$T/sit.txt")"
check "edit is an alias of set" P story edit my-rag reflection "J'aurais mesuré plus tôt."
check "metrics one a line" P story set my-rag metrics "$(printf 'p95 < 100 ms\n\n  70%% less compute  \n')"
expect_eq "metrics trimmed" "$(DB=$DB sql "SELECT replace(metrics, char(10), '|') FROM story WHERE id = 'my-rag'")" "p95 < 100 ms|70% less compute"
n=$(DB=$DB sql "SELECT count(*) FROM story_point WHERE story_id = 'my-rag'")
check "add a decision point" P story set my-rag "question.$((n + 1))" "Pourquoi ce seuil ?"
check "answer it" P story set my-rag "answer.$((n + 1))" "Parce que le SLA l'exige."
expect_eq "point added last" "$(DB=$DB sql "SELECT question || '|' || answer FROM story_point WHERE story_id = 'my-rag' AND ord = $n")" "Pourquoi ce seuil ?|Parce que le SLA l'exige."
check "remove the first point" P story set my-rag question.1 ""
expect_eq "points renumbered" "$(DB=$DB sql "SELECT group_concat(ord) FROM (SELECT ord FROM story_point WHERE story_id = 'my-rag' ORDER BY ord)")" \
	"$(seq -s, 0 $((n - 1)))"
expect_eq "the added point moved up" "$(DB=$DB sql "SELECT question FROM story_point WHERE story_id = 'my-rag' AND ord = $((n - 1))")" "Pourquoi ce seuil ?"
check_exit "a point far past the end" 1 P story set my-rag question.9 "x"
check_exit "unknown competency" 1 P story set my-rag competencies "conflict charisma"
expect_grep "unknown competency message" "unknown competency 'charisma'" "$T/err"
check_exit "empty title" 1 P story set my-rag title ""
check_exit "title on two lines" 1 P story set my-rag title "$(printf 'a\nb')"
check_exit "control character" 1 P story set my-rag task "$(printf 'a\001b')"
expect_grep "control character message" "control character" "$T/err"
check_exit "unknown field" 1 P story set my-rag colour blue
expect_grep "unknown field message" "unknown field 'colour'" "$T/err"
check_exit "bundled stories are read-only" 1 P story set story-rag title "Mine now"
expect_grep "read-only message" "copy it first" "$T/err"
expect_eq "bundled story untouched" "$(DB=$DB sql "SELECT title FROM story WHERE id = 'story-rag'")" \
	"RAG for banking support, 40% fewer unsupported answers"
check_exit "set needs three arguments" 2 P story set my-rag title
check "delete a story" P story delete my-rag-2
expect_eq "deleted is retired" "$(DB=$DB sql "SELECT retired FROM story WHERE id = 'my-rag-2'")" 1
check "list after edits" P stories
expect_grep "edited title listed as mine" "^my-rag  *mine .*Mon histoire : « RAG »" "$T/out"
expect_no_grep "deleted story not listed" "^my-rag-2 " "$T/out"
check "show one story" P stories show my-rag
expect_grep "show title" "^Mon histoire : « RAG »" "$T/out"
expect_grep "show competency names" "^competencies: Conflict resolution, Handling ambiguity, Impact" "$T/out"
expect_grep "show copied from" "^copied from: story-rag" "$T/out"
expect_grep "show the added point" "Pourquoi ce seuil ?" "$T/out"

# Coverage counts the user's story: conflict and ambiguity are covered by
# one of theirs, learning still by the examples only.
check "coverage again" P stories coverage
expect_grep "the user's stories counted" "12 stories; 0 gaps" "$T/out"
expect_no_grep "conflict no longer examples only" "^Conflict resolution .*examples only" "$T/out"
expect_no_grep "ambiguity no longer examples only" "^Handling ambiguity .*examples only" "$T/out"
expect_grep "learning still examples only" "^Learning .*examples only" "$T/out"

# Prompts.
check "a prompt for a competency" P stories prompt --competency conflict
expect_grep "conflict prompt" "^competencies: .*Conflict resolution" "$T/out"
expect_grep "the user's story fits first" "^stories that fit:" "$T/out"
first=$(sed -n '/^stories that fit:/{n;p;}' "$T/out")
case $first in *"(mine)") pass ;; *) fail "the user's stories are suggested first: '$first'" ;; esac
check "a random prompt" P stories prompt
expect_grep "random prompt" "^why: a random prompt" "$T/out"
check_exit "prompt for an unknown competency" 1 P stories prompt --competency charisma
check_exit "prompt with a bad option" 2 P stories prompt --bogus

# Budgets.
check "budgets" P rehearse budgets
expect_grep "default action budget" "^action  *1:00  (default 60 s)" "$T/out"
check "set a budget" P rehearse budgets action 1:30
expect_grep "new action budget" "^action  *1:30" "$T/out"
check_exit "budget out of range" 1 P rehearse budgets action 0
check_exit "budget of an unknown section" 1 P rehearse budgets chorus 10
check "back to the default" P rehearse budgets action 60

# Recording rehearsals from scripts: one transaction, budgets from settings.
check "record a rehearsal" P rehearse record my-rag --time situation=18 --time task=16.5 \
	--time action=1:05 --time result=20 --time reflection=19 \
	--score "clarity=3:Clair, un peu long." --score ownership=4 --score conflict=2 \
	--score "impact=3:Chiffres au début." --change "Couper la situation à deux phrases." \
	--prompt bp-disagreed-teammate --at 2025-03-10T09:00:00Z
expect_grep "record prints the total" "saved: 2:19 of 2:20" "$T/out"
expect_eq "session row" "$(DB=$DB sql "SELECT story_id || '|' || prompt_id || '|' || mode || '|' || started_at || '|' || total_ms || '|' || budget_ms || '|' || completed || '|' || change_note FROM rehearsal ORDER BY id DESC LIMIT 1")" \
	"my-rag|bp-disagreed-teammate|story|1741597200|139000|140000|1|Couper la situation à deux phrases."
expect_eq "sections" "$(DB=$DB sql "SELECT group_concat(name || '=' || spent_ms || '/' || budget_ms, ' ') FROM (SELECT * FROM rehearsal_section WHERE rehearsal_id = (SELECT max(id) FROM rehearsal) ORDER BY ord)")" \
	"Situation=18000/20000 Task=17000/15000 Action=65000/60000 Result=20000/25000 Reflection=19000/20000"
expect_eq "scores" "$(DB=$DB sql "SELECT group_concat(category || score, ' ') FROM (SELECT * FROM rehearsal_score WHERE rehearsal_id = (SELECT max(id) FROM rehearsal) ORDER BY category)")" \
	"clarity3 conflict2 impact3 ownership4"
before=$(DB=$DB sql "SELECT count(*) FROM rehearsal")
check_exit "a score out of range writes nothing" 1 P rehearse record my-rag --time situation=10 --score clarity=5
check_exit "an unknown category writes nothing" 1 P rehearse record my-rag --time situation=10 --score charisma=3
expect_grep "category message" "unknown rubric category 'charisma'" "$T/err"
check_exit "no times" 2 P rehearse record my-rag
check_exit "a bad time" 2 P rehearse record my-rag --time situation=abc
check_exit "an unknown story" 1 P rehearse record ghost --time situation=10
expect_eq "nothing written by the failures" "$(DB=$DB sql "SELECT count(*) FROM rehearsal")" "$before"
check "record the pitch" P rehearse record pitch-60s --time 58
expect_eq "pitch session" "$(DB=$DB sql "SELECT r.mode || '|' || s.name || '|' || s.budget_ms || '|' || s.spent_ms FROM rehearsal r JOIN rehearsal_section s ON s.rehearsal_id = r.id WHERE r.id = (SELECT max(id) FROM rehearsal)")" \
	"pitch|Pitch|60000|58000"
check "record a drill" P rehearse record my-rag --mode drill --point 2 --time 45
q2=$(DB=$DB sql "SELECT question FROM story_point WHERE story_id = 'my-rag' AND ord = 1")
expect_eq "drill section is the question" "$(DB=$DB sql "SELECT s.name FROM rehearsal_section s WHERE s.rehearsal_id = (SELECT max(id) FROM rehearsal)")" "$q2"
check "record the interview loop" P rehearse record --flow --time intro=290 --time deep-dive=11:00
expect_eq "flow segments by id" "$(DB=$DB sql "SELECT group_concat(name || '/' || budget_ms, ' ') FROM (SELECT * FROM rehearsal_section WHERE rehearsal_id = (SELECT max(id) FROM rehearsal) ORDER BY ord)")" \
	"Introduction and pitch/300000 Project deep-dive/600000"
expect_eq "flow has no story" "$(DB=$DB sql "SELECT ifnull(story_id, 'none') || '|' || mode FROM rehearsal WHERE id = (SELECT max(id) FROM rehearsal)")" "none|flow"
check "rescore a session" P rehearse score 1 conflict 3 "Mieux expliqué."
expect_eq "rescored" "$(DB=$DB sql "SELECT score || evidence FROM rehearsal_score WHERE rehearsal_id = 1 AND category = 'conflict'")" "3Mieux expliqué."
check "list rehearsals" P rehearse list my-rag
expect_grep "list shows the story session" "story  *my-rag  *2:19/2:20  *3.2" "$T/out"
check "story list shows rehearsal" P stories
expect_grep "rehearsed once, 2 days ago, score 3.2" "^my-rag  *mine  *2d ago  *1  *3.2 " "$T/out"

# Export: Markdown (the user's stories, or all), YAML.
check "export md" P export stories --format md
expect_grep "md title" "^## Mon histoire : « RAG » — 70 % de calcul en moins" "$T/out"
expect_grep "md non-ASCII text" "Ligne une — café" "$T/out"
expect_no_grep "md without bundled stories" "^## .*RAG for banking support" "$T/out"
check "export md --all" P export stories --all
expect_grep "md --all has the bundled ones" "^## (example) RAG for banking support" "$T/out"
check_exit "yaml --all refused" 2 P export stories --format yaml --all
check_exit "unknown format" 2 P export stories --format pdf
check_exit "export of nothing" 2 P export
check "export yaml to a file" P export stories --format yaml --out "$T/mine.yaml"
expect_grep "export says how many" "3 stories written" "$T/err"
expect_eq "export file is private" "$(stat -c %a "$T/mine.yaml")" 600
expect_grep "stories marked as the user's" "^    origin: user" "$T/mine.yaml"
check "the export checks clean" P check "$T/mine.yaml"

# Round trip into a fresh database: the same stories, as the user's own.
DB2="$T/q.db"
check "import the export" "$PREPDECK" --db "$DB2" import "$T/mine.yaml"
for id in my-rag my-conflict my-reduit-la-latence-p95-1-8-s; do
	P stories show "$id" | sed '/^rehearsed/d; /^next rehearsal/d; /^Recent rehearsals/,$d; /^$/d' > "$T/a"
	"$PREPDECK" --db "$DB2" stories show "$id" | sed '/^rehearsed/d; /^next rehearsal/d; /^Recent rehearsals/,$d; /^$/d' > "$T/b"
	if cmp -s "$T/a" "$T/b"; then pass; else fail "round trip of $id"; diff "$T/a" "$T/b" | head -10 >&2; fi
done
expect_eq "exact situation after the round trip" "$(DB=$DB2 sql "SELECT situation FROM story WHERE id = 'my-rag'")" "$(cat "$T/sit.txt")"
expect_eq "imported as the user's" "$(DB=$DB2 sql "SELECT group_concat(id || ':' || origin || ':' || src || ':' || retired, ' ') FROM (SELECT * FROM story WHERE origin <> 'bundled' ORDER BY id)")" \
	"my-conflict:user::0 my-rag:user::0 my-reduit-la-latence-p95-1-8-s:user::0"
expect_eq "copied_from kept" "$(DB=$DB2 sql "SELECT copied_from FROM story WHERE id = 'my-rag'")" "story-rag"

# Later imports neither overwrite nor retire them.
check "edit in the new database" "$PREPDECK" --db "$DB2" story set my-rag title "Edited after import"
check "import the same file again" "$PREPDECK" --db "$DB2" import "$T/mine.yaml"
expect_grep "nothing changed" "0 added or changed" "$T/out"
expect_eq "the edit survives" "$(DB=$DB2 sql "SELECT title FROM story WHERE id = 'my-rag'")" "Edited after import"
check "re-import the bundled curriculum" "$PREPDECK" --db "$DB2" import
check "import the bundled curriculum over the first database" P import
expect_eq "user stories survive" "$(DB=$DB sql "SELECT count(*) FROM story WHERE origin = 'user' AND retired = 0")" 3
expect_eq "user edits survive" "$(DB=$DB sql "SELECT title FROM story WHERE id = 'my-rag'")" "Mon histoire : « RAG » — 70 % de calcul en moins"
expect_eq "user points survive" "$(DB=$DB sql "SELECT question FROM story_point WHERE story_id = 'my-rag' AND ord = $((n - 1))")" "Pourquoi ce seuil ?"
# A deleted story comes back from an export; an export that claims a
# bundled id is refused.
check "delete in the new database" "$PREPDECK" --db "$DB2" story delete my-conflict
check "import restores it" "$PREPDECK" --db "$DB2" import "$T/mine.yaml"
expect_eq "restored" "$(DB=$DB2 sql "SELECT retired || title FROM story WHERE id = 'my-conflict'")" "0My conflict story"
sed 's/id: "my-conflict"/id: "story-rag"/' "$T/mine.yaml" > "$T/clash.yaml"
check_exit "an id of a bundled story is refused" 1 "$PREPDECK" --db "$DB2" import "$T/clash.yaml"
expect_grep "clash message" "story id 'story-rag' is already used by @bundled/example/profile.yaml" "$T/err"

# The weakest competency, on a small curriculum of its own: b scores 2,
# a scores 4, so b is the weakest and its only prompt is chosen.
mkdir -p "$T/small"
cat > "$T/small/s.yaml" <<'EOF'
kind: stories
id: small
title: Small
competencies:
  - {id: a, name: Alpha}
  - {id: b, name: Beta}
stories:
  - {id: sa, title: A story, competencies: [a], situation: s, task: t, action: x, result: r}
  - {id: sb, title: B story, competencies: [b], situation: s, task: t, action: x, result: r}
prompts:
  - {id: pa, text: Prompt about alpha, competencies: [a]}
  - {id: pb, text: Prompt about beta, competencies: [b]}
EOF
DB3="$T/s.db"
S() { env PREPDECK_CONTENT="$T/small" "$PREPDECK" --db "$DB3" "$@"; }
check "weakest with nothing scored" S stories prompt --weakest
expect_grep "nothing scored yet" "has no self-scored rehearsal yet" "$T/out"
check "score story a high" S rehearse record sa --time situation=10 --score clarity=4 --score impact=4
check "score story b low" S rehearse record sb --time situation=10 --score clarity=2 --score impact=2
for i in 1 2 3 4 5; do
	check "weakest $i" S stories prompt --weakest
	expect_grep "weakest is beta ($i)" "^prompt: pb" "$T/out"
done
expect_grep "weakest reason" "Beta is your weakest competency: mean self-score 2.0 over 1 rehearsal" "$T/out"
check "score story a low" S rehearse record sa --time situation=10 --score clarity=1 --score impact=1
check "score story b high" S rehearse record sb --time situation=10 --score clarity=4 --score impact=4
check "weakest moves" S stories prompt --weakest
expect_grep "now alpha (2.5 against 3.0)" "^prompt: pa" "$T/out"
expect_grep "alpha's mean" "Alpha is your weakest competency: mean self-score 2.5 over 2 rehearsals" "$T/out"

# Re-importing the curriculum without a story retires that bundled story
# and leaves the user's stories alone.
check "copy into the small bank" S story copy sa
expect_eq "copy id in the small bank" "$(cat "$T/out")" "my-sa"
check "edit the copy" S story set my-sa title "Ma version"
grep -v '^  - {id: sb' "$T/small/s.yaml" | sed 's/competencies: \[b\]}/competencies: [a]}/' > "$T/s2.yaml"
mv "$T/s2.yaml" "$T/small/s.yaml"
check "re-import without sb" S import
expect_eq "sb retired" "$(DB=$DB3 sql "SELECT retired FROM story WHERE id = 'sb'")" 1
expect_eq "sa kept" "$(DB=$DB3 sql "SELECT retired FROM story WHERE id = 'sa'")" 0
expect_eq "the user's copy untouched" "$(DB=$DB3 sql "SELECT retired || origin || title FROM story WHERE id = 'my-sa'")" "0userMa version"
expect_eq "sb's rehearsals kept" "$(DB=$DB3 sql "SELECT count(*) FROM rehearsal WHERE story_id = 'sb'")" 2

finish
