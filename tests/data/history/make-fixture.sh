#!/bin/sh
# Makes tests/data/history/today.sql.gz: a database with review history on
# every card of the curriculum in content/ as it was when the fixture was
# made, for tests/reimport-history.sh. Every review goes through the real
# program (`prepdeck grade` at a fixed clock), so the rows are what a
# learner's database holds. Run from the top of the source tree with a
# built src/prepdeck:  sh tests/data/history/make-fixture.sh
#
# Each card gets 1 to 5 reviews over the weeks before 2026-11-01, with
# ratings drawn from a checksum of its key (mostly Good, some Again, Hard
# and Easy); a few cards are also flagged, suspended or crammed, so the
# memory state, the log and the card's flags all have something to keep.
set -eu
top=$(pwd)
P="$top/src/prepdeck"
out="$top/tests/data/history/today.sql.gz"
[ -x "$P" ] || { echo "build src/prepdeck first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" PREPDECK_CONTENT="$top/content" PREPDECK_DB="$tmp/h.db"
unset XDG_DATA_HOME
export PREPDECK_NOW=2026-09-01T08:00:00Z
"$P" import >/dev/null

base=$(date -u -d 2026-09-01T08:00:00Z +%s)
sqlite3 -batch -noheader "$PREPDECK_DB" \
	"SELECT key FROM card WHERE retired = 0 ORDER BY deck_id, ord, key" > "$tmp/keys"
n=0
while read -r key; do
	n=$((n + 1))
	sum=$(printf '%s' "$key" | cksum | cut -d' ' -f1)
	reviews=$((1 + sum % 5))
	t=$((base + (n % 11) * 3600))
	r=0
	while [ "$r" -lt "$reviews" ]; do
		pick=$(((sum / (r + 1)) % 10))
		case $pick in 0) rating=1 ;; 1) rating=2 ;; 9) rating=4 ;; *) rating=3 ;; esac
		PREPDECK_NOW=$(date -u -d "@$t" +%Y-%m-%dT%H:%M:%SZ) "$P" grade --duration $((4000 + sum % 9000)) "$key" "$rating" >/dev/null 2>&1 || true
		t=$((t + 86400 * (1 + r * 3 + sum % 4)))
		r=$((r + 1))
	done
	case $((sum % 23)) in
	0) "$P" card flag "$key" >/dev/null ;;
	1) "$P" card suspend "$key" >/dev/null ;;
	2) PREPDECK_NOW=2026-10-20T09:00:00Z "$P" grade --cram "$key" 3 >/dev/null ;;
	esac
done < "$tmp/keys"

missing=$(sqlite3 -batch -noheader "$PREPDECK_DB" "SELECT count(*) FROM card c WHERE c.retired = 0 AND NOT EXISTS (SELECT 1 FROM review_log r WHERE r.card_key = c.key)")
[ "$missing" -eq 0 ] || { echo "$missing cards have no review" >&2; exit 1; }
sqlite3 -batch "$PREPDECK_DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
ver=$(sqlite3 -batch -noheader "$PREPDECK_DB" "PRAGMA user_version")
{ sqlite3 -batch "$PREPDECK_DB" .dump; echo "PRAGMA user_version = $ver;"; } | gzip -9n > "$out"
sqlite3 -batch -noheader "$PREPDECK_DB" "SELECT 'cards ' || count(*) FROM card; SELECT 'reviews ' || count(*) FROM review_log; PRAGMA user_version"
ls -l "$out"
