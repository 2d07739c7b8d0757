#!/bin/sh
# prepdeck jd import: three job descriptions (MLOps, LLM app, ML platform)
# must yield maps whose strongest skills are the ones each posting is
# about, list the tools the vocabulary lacks, and link decks; bad files
# are refused with a message and create nothing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
JD="$top_srcdir/tests/data/jd"
DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }

# top MAP N: the skill ids of the map's first N rows, one per line.
top() { sql "SELECT skill_id FROM gap_row WHERE map_id = '$1' AND deleted = 0 ORDER BY ord LIMIT $2"; }

# expect_top DESC MAP N SKILL...: every SKILL is among the map's first N rows.
expect_top() {
	desc=$1 map=$2 n=$3; shift 3
	top "$map" "$n" >"$T/top"
	for s in "$@"; do
		if grep -qx -- "$s" "$T/top"; then pass; else
			fail "$desc: '$s' not in the top $n of $map"; sed 's/^/  | /' "$T/top" >&2
		fi
	done
}

check "mlops import" P jd import "$JD/mlops-engineer.md"
cp "$T/out" "$T/mlops.out"
expect_grep "says what it created" "created gap map 'mlops-engineer'" "$T/mlops.out"
expect_eq "map origin" "$(sql "SELECT origin FROM gapmap WHERE id = 'mlops-engineer'")" "jd"
expect_eq "map title from the heading" \
	"$(sql "SELECT title FROM gapmap WHERE id = 'mlops-engineer'")" \
	"Senior MLOps Engineer — Risk & Credit Models"
expect_top "MLOps" mlops-engineer 6 kubernetes ci-cd terraform mlflow
# Drift and model monitoring are the same ask in this posting: one at least.
if top mlops-engineer 6 | grep -qx -e drift -e model-monitoring; then pass; else
	fail "MLOps: neither drift nor model-monitoring in the top 6"; fi
expect_eq "MLOps: Kubernetes first" "$(top mlops-engineer 1)" "kubernetes"
expect_grep "also mentioned: Evidently" "^  Evidently (" "$T/mlops.out"
expect_grep "also mentioned: Argo CD" "^  Argo CD (" "$T/mlops.out"
expect_no_grep "the company is not a tool" "Harbourline" "$T/mlops.out"
expect_no_grep "acronyms are not tools" "^  S3 (" "$T/mlops.out"

check "llm import" P jd import "$JD/llm-app-engineer.md"
cp "$T/out" "$T/llm.out"
expect_top "LLM app" llm-app-engineer 6 rag llm-evaluation vector-database \
	prompt-engineering cost-optimization
expect_grep "also mentioned: Langfuse" "^  Langfuse (" "$T/llm.out"
expect_grep "also mentioned: Vercel" "^  Vercel (" "$T/llm.out"
expect_no_grep "the company is not a tool" "Quillmark" "$T/llm.out"

check "platform import" P jd import "$JD/ml-platform-engineer.md" --name "Ridgeway staff"
cp "$T/out" "$T/plat.out"
expect_grep "--name gives the id" "created gap map 'ridgeway-staff'" "$T/plat.out"
expect_eq "--name gives the title" "$(sql "SELECT title FROM gapmap WHERE id = 'ridgeway-staff'")" \
	"Ridgeway staff"
expect_top "platform" ridgeway-staff 6 feature-store latency gpu-serving kafka spark
expect_grep "also mentioned: ClickHouse" "^  ClickHouse (" "$T/plat.out"
expect_grep "also mentioned: Envoy" "^  Envoy (" "$T/plat.out"
expect_no_grep "the company is not a tool" "Ridgeway (" "$T/plat.out"
# "Go" is asked for ("Production Go", "Golang"); everyday "go" is not.
expect_eq "Go found" "$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'ridgeway-staff' AND skill_id = 'go'")" 1
expect_eq "Go not found in the MLOps posting" \
	"$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'mlops-engineer' AND skill_id = 'go'")" 0

# Rows start empty: no evidence, no confidence, status todo, every one a
# gap, ranked by weight; decks come from the vocabulary.
expect_eq "evidence empty, confidence unset" \
	"$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'llm-app-engineer' AND (evidence <> '' OR confidence IS NOT NULL OR status <> 'todo')")" 0
expect_eq "ranked by weight" \
	"$(sql "SELECT count(*) FROM gap_row a JOIN gap_row b ON a.map_id = b.map_id AND a.ord < b.ord WHERE a.map_id = 'llm-app-engineer' AND a.weight < b.weight")" 0
expect_eq "rag linked to its decks" \
	"$(sql "SELECT decks FROM gap_row WHERE map_id = 'llm-app-engineer' AND skill_id = 'rag'")" \
	"$(sql "SELECT decks FROM vocab WHERE id = 'rag'")"
sql "SELECT keywords FROM gap_row WHERE map_id = 'mlops-engineer' AND skill_id = 'kubernetes'" >"$T/kw"
expect_grep "keywords keep the spellings found" "^EKS$" "$T/kw"
check "gaps lists the map's weakest" P gapmap gaps ridgeway-staff
expect_grep "the imported map is the current one" "no evidence" "$T/out"
check "gapmap list" P gapmap list
expect_grep "current map marked" "^\* ridgeway-staff" "$T/out"

# A plain-text posting: "Heading:" lines are sections too; what is only
# nice to have, or only in the company blurb, ranks last.
cat >"$T/plain.txt" <<'EOF'
Data Engineer - Acme Corp

About us:
Acme builds logistics software. We love Python.

Responsibilities:
- Own our Airflow pipelines in production
- Build streaming jobs on Kafka
- Model data in dbt and Snowflake

Requirements:
- 3+ years with Airflow and Kafka
- Strong SQL

Nice to have:
- Spark, Terraform
EOF
check "plain-text import" P jd import "$T/plain.txt"
expect_eq "plain: strongest two" "$(top plain 2 | tr '\n' ' ')" "airflow kafka "
expect_eq "plain: nice-to-have and blurb last" "$(sql "SELECT skill_id FROM gap_row WHERE map_id = 'plain' ORDER BY ord DESC LIMIT 3" | sort | tr '\n' ' ')" "python spark terraform "
expect_eq "plain: title from the first line" "$(sql "SELECT title FROM gapmap WHERE id = 'plain'")" "Data Engineer - Acme Corp"

# The same posting again asks (nothing made), then --update refreshes the
# map keeping the user's edits, and --new makes a second map.
maps_before=$(sql "SELECT count(*) FROM gapmap")
check_exit "import again asks" 1 P jd import "$JD/mlops-engineer.md"
expect_grep "says which map and what to do" \
	"the map 'mlops-engineer' came from a job description of this name: --update refreshes it (your edits kept), --new makes another map" "$T/err"
expect_eq "no map made" "$(sql "SELECT count(*) FROM gapmap")" "$maps_before"
check "an edit to keep" P gapmap set mlops-engineer kubernetes evidence "Ran EKS for two years"
rows=$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'mlops-engineer'")
{ cat "$JD/mlops-engineer.md"; printf '\n- Experience with Airflow DAGs is required.\n'; } >"$T/mlops-engineer.md"
check "import again with --update" P jd import "$T/mlops-engineer.md" --update
expect_grep "says it updated" "updated gap map 'mlops-engineer'.*: 1 skill added, .*your edits kept" "$T/out"
expect_eq "the new skill added" "$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'mlops-engineer' AND skill_id = 'airflow'")" 1
expect_eq "the edit is kept" "$(sql "SELECT evidence FROM gap_row WHERE map_id = 'mlops-engineer' AND skill_id = 'kubernetes'")" \
	"Ran EKS for two years"
expect_eq "no map made by the update" "$(sql "SELECT count(*) FROM gapmap")" "$maps_before"
if [ "$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'mlops-engineer'")" -ge "$rows" ]; then pass; else
	fail "rows lost by the update"; fi
check "import again with --new" P jd import "$JD/mlops-engineer.md" --new
expect_grep "second map" "created gap map 'mlops-engineer-2'" "$T/out"
expect_eq "first map's rows all kept" \
	"$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'mlops-engineer' AND skill_id IN (SELECT skill_id FROM gap_row WHERE map_id = 'mlops-engineer-2')")" \
	"$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'mlops-engineer-2'")"

# A map of one's own is deleted and restored from the command line.
check "remove a map" P gapmap remove mlops-engineer-2
expect_grep "remove says how to undo" "gapmap restore mlops-engineer-2" "$T/out"
check "list" P gapmap list
expect_no_grep "removed map not listed" "mlops-engineer-2" "$T/out"
check "restore the last removed" P gapmap restore
expect_eq "restored with its rows" "$(sql "SELECT retired || ':' || (SELECT count(*) FROM gap_row WHERE map_id = 'mlops-engineer-2') FROM gapmap WHERE id = 'mlops-engineer-2'")" \
	"0:$(sql "SELECT count(*) FROM gap_row WHERE map_id = 'mlops-engineer-2'")"
check_exit "a curriculum map cannot be removed" 1 P gapmap remove month10-rag-map
expect_grep "says why" "comes with the curriculum" "$T/err"

# Bad files: a message, exit 1, nothing created.
maps_before=$(sql "SELECT count(*) FROM gapmap")
rows_before=$(sql "SELECT count(*) FROM gap_row")
: >"$T/empty.md"
check_exit "empty file" 1 P jd import "$T/empty.md"
expect_grep "empty message" "is empty" "$T/err"
printf '\n   \n\t\n' >"$T/blank.txt"
check_exit "blank file" 1 P jd import "$T/blank.txt"
expect_grep "blank message" "is empty" "$T/err"
head -c 2048 "$PREPDECK" >"$T/binary.md"
check_exit "binary file" 1 P jd import "$T/binary.md"
expect_grep "binary message" "binary file" "$T/err"
printf 'Caf\351 au lait\n' >"$T/latin1.txt"
check_exit "not UTF-8" 1 P jd import "$T/latin1.txt"
expect_grep "encoding message" "not UTF-8" "$T/err"
cat >"$T/recipe.md" <<'EOF'
# Pancakes

Mix flour, milk and two eggs. Rest the batter for ten minutes, then fry
in butter until golden. Serve with lemon and sugar.
EOF
check_exit "no known skill" 1 P jd import "$T/recipe.md"
expect_grep "no-skill message" "no skill from the vocabulary" "$T/err"
check_exit "missing file" 1 P jd import "$T/nope.md"
expect_grep "missing-file message" "nope.md" "$T/err"
check_exit "directory" 1 P jd import "$T"
expect_eq "no map created by bad files" "$(sql "SELECT count(*) FROM gapmap")" "$maps_before"
expect_eq "no rows created by bad files" "$(sql "SELECT count(*) FROM gap_row")" "$rows_before"
check_exit "usage: no file" 2 P jd import
check_exit "usage: unknown option" 2 P jd import "$JD/mlops-engineer.md" --bogus
check_exit "usage: no subcommand" 2 P jd
check_exit "bad name" 1 P jd import "$JD/mlops-engineer.md" --name "   "
expect_eq "still no new map" "$(sql "SELECT count(*) FROM gapmap")" "$maps_before"

finish
