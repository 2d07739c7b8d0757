#!/bin/sh
# Prints a Markdown table of the curriculum's decks: notes as written
# (a cloze with several deletions is one note), review cards, the median
# and maximum words per answer, the median without type-ins (whose answers
# are a number or a word or two), cloze notes and type-ins, then the
# totals.
# An answer is a card's `a`, a type-in's `answer`, a numbers item's
# `value`, or a cloze text with its markers replaced by the hidden text;
# words are counted as `prepdeck lint` counts them (runs between white
# space that hold a letter or a digit).
#
# Usage, from the top of a built tree:  sh tools/deck-table.sh [CONTENT_DIR]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
content=${1:-$top/content}
P=${PREPDECK:-$top/src/prepdeck}
[ -x "$P" ] || { echo "build src/prepdeck first" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is required" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp PREPDECK_CONTENT=$content "$P" --db "$tmp/t.db" import >/dev/null

# One line per note: deck, kind, review cards, answer (newlines folded).
sqlite3 -batch -noheader -separator "$(printf '\t')" "$tmp/t.db" "
	SELECT c.deck_id, c.kind, count(*), replace(replace(min(c.back), char(10), ' '), char(9), ' ')
	FROM card c WHERE c.retired = 0 GROUP BY c.note_id ORDER BY c.deck_id, c.note_id" |
LC_ALL=C awk -F '\t' '
function words(s,    n, i, w, k) {
	# Cloze markers {{cN::hidden::hint}} become their hidden text.
	while (match(s, /\{\{c[0-9]::/)) {
		rest = substr(s, RSTART + 6)
		e = index(rest, "}}")
		if (e == 0) break
		h = substr(rest, 1, e - 1)
		k = index(h, "::")
		if (k > 0) h = substr(h, 1, k - 1)
		s = substr(s, 1, RSTART - 1) h substr(rest, e + 2)
	}
	n = split(s, w, /[ \t\r\n\f\v]+/)
	k = 0
	for (i = 1; i <= n; i++)
		if (w[i] ~ /[A-Za-z0-9]/ || w[i] ~ /[\200-\377]/) k++
	return k
}
function median(l,    n, i, j, t, a) {
	n = split(l, a, " ")
	if (n == 0) return "-"
	for (i = 2; i <= n; i++)          # insertion sort, n is small
		for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	if (n % 2) return a[(n + 1) / 2]
	return (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	d = $1; w = words($4)
	if (!(d in notes)) order[++nd] = d
	notes[d]++; cards[d] += $3
	list[d] = list[d] " " w
	all = all " " w
	if ($2 != "typein") { wlist[d] = wlist[d] " " w; wall = wall " " w }
	if (w > max[d]) max[d] = w
	if ($2 == "cloze") clozes[d]++
	if ($2 == "typein") typeins[d]++
}
END {
	print "| deck | notes | cards | median words | max words | median, no type-ins | clozes | type-ins |"
	print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	for (i = 1; i <= nd; i++) {
		d = order[i]
		printf "| %s | %d | %d | %s | %d | %s | %d | %d |\n", d, notes[d], cards[d],
		       median(list[d]), max[d], median(wlist[d]), clozes[d], typeins[d]
		tn += notes[d]; tc += cards[d]; tz += clozes[d]; tt += typeins[d]
		if (max[d] > tm) tm = max[d]
	}
	printf "| **total** | %d | %d | %s | %d | %s | %d | %d |\n", tn, tc, median(all), tm,
	       median(wall), tz, tt
}'
