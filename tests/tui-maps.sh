#!/bin/sh
# The gap-map screen's maps, as a person uses them: the filter matches
# only what the map shows and Esc clears it; a job description is
# imported from the screen by its path, and the same posting again asks
# (update or another map) instead of silently making a second one; a
# map is deleted after a question and u brings it back.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

DB="$T/p.db"
JD="$top_srcdir/tests/data/jd"
"$PREPDECK" --db "$DB" gapmap use month10-rag-map >/dev/null

# --- filter_matches_visible_fields_and_esc_clears_it ------------------------
tui_start 80 24 --db "$DB"
expect_screen "Today" "prepdeck · Today"
keys g
expect_screen "the example map" "Gap map · Example: posting that asks for RAG"
keys f
keys -l "llm"
keys Enter
expect_screen "filter kept" "filter: llm"
screen >"$T/filtered"
expect_grep "a row that shows llm" "Evaluation of LLM o" "$T/filtered"
expect_no_grep "not LangChain (only its deck id says llm)" "LangChain" "$T/filtered"
expect_no_grep "not MLOps (only its keywords say llmops)" "MLOps and CI/CD" "$T/filtered"
keys Escape
expect_screen "Esc clears the filter" "Filter cleared"
expect_screen "every row again" "LangChain"
if screen | grep -q "filter: llm"; then fail "the filter is still shown"; else pass; fi

# --- import_a_job_description_from_the_screen --------------------------------
keys i
expect_screen "asks for the path" "Job description file:"
keys -l "$T/nope.md"
keys Enter
expect_screen "a bad path is said, the prompt stays" "nope.md"
expect_screen "still asking" "Job description file:"
keys C-u
keys -l "$JD/mlops-engineer.md"
keys Enter
expect_screen "the new map shown" "Gap map · Senior MLOps Engineer"
expect_screen "what was made" "Made the map 'mlops-engineer' with 37 skills"
sql "UPDATE gap_row SET evidence = 'Kept evidence' WHERE map_id = 'mlops-engineer' AND skill_id = 'kubernetes'"

# The same posting again asks; Esc changes nothing, u updates.
maps=$(sql "SELECT count(*) FROM gapmap")
keys i
keys -l "$JD/mlops-engineer.md"
keys Enter
expect_screen "the same posting asks" "'mlops-engineer' came from a job description of this name: u"
keys Escape
expect_screen "cancelled" "Nothing imported"
expect_eq "no second map" "$(sql "SELECT count(*) FROM gapmap")" "$maps"
keys i
keys -l "$JD/mlops-engineer.md"
keys Enter
expect_screen "asks again" "came from a job description of this name: u"
keys u
expect_screen "updated" "Updated 'mlops-engineer': 0 skills added, your edits kept"
expect_eq "still no second map" "$(sql "SELECT count(*) FROM gapmap")" "$maps"
expect_eq "the edit kept" "$(sql "SELECT evidence FROM gap_row WHERE map_id = 'mlops-engineer' AND skill_id = 'kubernetes'")" \
	"Kept evidence"
keys i
keys -l "$JD/mlops-engineer.md"
keys Enter
expect_screen "asks once more" "n makes another map"
keys n
expect_screen "another map on request" "Made the map 'mlops-engineer-2'"

# --- delete_a_map_with_a_question_and_undo -------------------------------------
keys m
expect_screen "the maps" "Gap maps — Enter opens"
expect_screen "the new map listed" "\* mlops-engineer-2"
keys d
expect_screen "delete asks" "Delete the map 'mlops-engineer-2' (37 skills)? y deletes"
keys n
expect_screen "kept on no" "Kept the map"
expect_eq "not deleted" "$(sql "SELECT retired FROM gapmap WHERE id = 'mlops-engineer-2'")" 0
keys d
expect_screen "asks again" "Delete the map 'mlops-engineer-2'"
keys y
expect_screen "deleted" "Deleted the map 'mlops-engineer-2' · u brings it back"
expect_eq "deleted in the database" "$(sql "SELECT retired FROM gapmap WHERE id = 'mlops-engineer-2'")" 1
if screen | grep -q "mlops-engineer-2  "; then fail "the deleted map is still listed"; else pass; fi
keys Escape
keys u
expect_screen "u brings it back" "Brought back the map 'mlops-engineer-2'"
expect_screen "and shows it" "mlops-engineer-2 · 37 skills"
expect_eq "restored with its rows" "$(sql "SELECT retired || ':' || (SELECT count(*) FROM gap_row WHERE map_id = 'mlops-engineer-2') FROM gapmap WHERE id = 'mlops-engineer-2'")" "0:37"

# A curriculum map is not deleted.
keys m
expect_screen "the maps" "Gap maps — Enter opens"
keys k k k k k d y
expect_screen "a curriculum map is refused" "comes with the curriculum and cannot be deleted"
keys Escape q q
expect_screen "quit" "EXITED 0"

finish
