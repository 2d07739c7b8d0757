#!/bin/sh
# The shell completions written from the command table: the bash script
# completes commands, subcommands, options and the words an option takes,
# and deck, story, map and card ids from the database (through the hidden
# `prepdeck complete`, which never creates a database); the zsh script is
# checked with zsh -n when zsh is there.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v bash >/dev/null || { echo "bash is required"; exit 1; }

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
check "first start" P status
check "a gap map of our own" P gapmap new my-map

check "the bash script" sh -c '"$1" help --bash > "$2"' _ "$PREPDECK" "$T/prepdeck.bash"
check "bash reads it" bash -n "$T/prepdeck.bash"

# comp WORD...: what bash completes for the last word of `prepdeck WORD...`
# (COMPREPLY, sorted, one a line).
comp() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _prepdeck
		printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$T/prepdeck.bash" "$PREPDECK" "$@"
}
# expect_comp DESCRIPTION WANT WORD...: WANT is the completions, space-separated.
expect_comp() {
	desc=$1 want=$2
	shift 2
	expect_eq "$desc" "$(comp "$@" | tr '\n' ' ' | sed 's/ $//')" "$want"
}
# ids SQL: the ids the database has, as expect_comp lists them.
ids() { sql "$1" | sort | tr '\n' ' ' | sed 's/ $//'; }

expect_comp "a command" "gapmap" gap
expect_comp "commands starting with st" "stats status stories story" st
expect_comp "no hidden command" "" compl
expect_comp "a subcommand" "set show" gapmap s
expect_comp "export's kinds" "deck gapmap ical stories" export ""
expect_comp "an option" "--sort" gapmap show --so
expect_comp "the words of --sort" "category confidence" gapmap show --sort c
expect_comp "a global option" "--db --help --version" --
expect_comp "no options after --" "" gapmap add my-map -- --

decks=$(ids "SELECT id FROM doc WHERE kind IN ('deck', 'numbers') AND retired = 0 AND id LIKE 'l%'")
[ -n "$decks" ] && pass || fail "the curriculum has decks starting with l"
expect_comp "deck ids after --deck" "$decks" --db "$DB" review --deck l
expect_comp "deck ids after --db=PATH (bash splits at =)" "$decks" --db = "$DB" due --deck l
expect_comp "deck ids as operands of anki export" "$decks" --db "$DB" anki export \
	--out x.apkg l
stories=$(ids "SELECT id FROM story WHERE retired = 0 AND id LIKE 'story-%'")
expect_comp "story ids" "$stories" --db "$DB" stories show story-
sstories=$(ids "SELECT id FROM story WHERE retired = 0 AND id LIKE 's%'")
expect_comp "a story, or rehearse's subcommands" "$(printf '%s\n' $sstories score |
	sort | tr '\n' ' ' | sed 's/ $//')" --db "$DB" rehearse s
expect_comp "map ids" "$(ids "SELECT id FROM gapmap WHERE retired = 0")" --db "$DB" gapmap show ""
expect_comp "the map of gapmap set, not its ROW" "" --db "$DB" gapmap set my-map ""
card=$(sql "SELECT key FROM card WHERE retired = 0 ORDER BY key LIMIT 1")
expect_comp "card ids" "$(ids "SELECT key FROM card WHERE retired = 0 AND key LIKE '$card%'")" \
	--db "$DB" card show "$card"
expect_comp "the card of grade, then nothing" "" --db "$DB" grade "$card" ""

# Tab before the first start: nothing is listed and no database is made.
expect_comp "no ids without a database" "" --db "$T/none.db" review --deck ""
if [ ! -e "$T/none.db" ]; then pass; else fail "completion created a database"; fi
check_exit "complete: an unknown kind" 2 P complete decks

if command -v zsh >/dev/null; then
	check "the zsh script" sh -c '"$1" help --zsh > "$2"' _ "$PREPDECK" "$T/_prepdeck"
	check "zsh reads it" zsh -n "$T/_prepdeck"
else
	echo "skip: zsh is not installed; its script is not checked"
fi

finish
