#!/bin/sh
# The memory model from the command line: optimize (from a file and from
# the review log, --json, --apply and when it refuses), the scheduler
# using applied parameters, kill -9 during a fit, retention, simulate,
# and their bad input.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
export PREPDECK_NOW=2026-03-02T10:00:00Z TZ=UTC
FX="$top_srcdir/tests/fsrs"

# From a file: figures for the current (default) and fitted parameters.
check "optimize --from" P optimize --from "$FX/opt-small.tsv"
expect_grep "counts" "^Fitted to 4633 reviews of 500 cards (2752 made a day" "$T/out"
expect_grep "current row" "^current (defaults) *0\.29[0-9]* *0\.0[0-9]* *0\.[0-9]*$" "$T/out"
expect_grep "fitted row" "^fitted *0\.2[0-9]* *0\.0[0-9]* *0\.[0-9]*$" "$T/out"
expect_grep "not applied without --apply" "Run \`prepdeck optimize --apply\`" "$T/out"
expect_eq "no database written" "$(sql "SELECT count(*) FROM setting WHERE key LIKE 'fsrs%'" 2>/dev/null || echo 0)" 0
check "optimize --json" P optimize --from "$FX/opt-small.tsv" --json
cp "$T/out" "$T/small.json"
check "JSON: 21 parameters in bounds, fitted better than the defaults" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["parameters"]) == 21 and all(isinstance(x, float) for x in d["parameters"])
assert d["reviews"] == 4633 and d["items"] == 2752 and d["applied"] is None
assert d["log_loss"] < d["current"]["log_loss"] and 0 < d["rmse_bins"] < 0.1
assert 0.1 <= d["parameters"][20] <= 0.8
' "$T/small.json"

# Bad histories: the line, and nothing fitted.
printf 'card\treviewed_at\trating\nc1\t2026-01-08T11:55:19Z\t3\nc1\t2026-01-07T11:00:00Z\t3\n' > "$T/back.tsv"
check_exit "times going backwards" 1 P optimize --from "$T/back.tsv"
expect_grep "backwards message" "line 3: card c1: review times go backwards" "$T/err"
printf 'card\treviewed_at\trating\nc1\t2026-01-08T11:55:19Z\t0\n' > "$T/rating.tsv"
check_exit "rating out of range" 1 P optimize --from "$T/rating.tsv"
expect_grep "rating message" "line 2: bad rating \"0\" (expected 1-4)" "$T/err"
printf 'card\treviewed_at\trating\nc1\t2026-01-08 11:55\t3\n' > "$T/time.tsv"
check_exit "bad time" 1 P optimize --from "$T/time.tsv"
expect_grep "time message" "line 2: bad time" "$T/err"
printf 'card,reviewed_at,rating\n' > "$T/header.tsv"
check_exit "bad header" 1 P optimize --from "$T/header.tsv"
expect_grep "header message" "line 1: expected the header" "$T/err"
check_exit "missing file" 1 P optimize --from "$T/nosuch.tsv"
expect_grep "missing file message" "cannot read" "$T/err"
check_exit "unknown option" 2 P optimize --fast
head -n 300 "$FX/opt-small.tsv" > "$T/few.tsv"
check_exit "too little history" 1 P optimize --from "$T/few.tsv"
expect_grep "what is missing" "not enough history to fit: [0-9]* reviews made a day or more after the card's previous review (from 299 reviews of [0-9]* cards); fitting needs 400, so [0-9]* more" "$T/err"

# --apply on too little data: refused, nothing saved.
check_exit "--apply with too little history" 1 P optimize --from "$T/few.tsv" --apply
expect_grep "nothing applied" "nothing applied" "$T/err"
expect_eq "still no parameters saved" "$(sql "SELECT count(*) FROM setting WHERE key LIKE 'fsrs%'")" 0
check_exit "--apply on an empty review log" 1 P optimize --apply
expect_grep "empty log message" "not enough history to fit: 0 reviews" "$T/err"

# --apply with better held-out figures: saved once, used by the scheduler.
check "optimize --apply" P optimize --from "$FX/opt-hard.tsv" --apply --json
cp "$T/out" "$T/hard.json"
check "applied" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["better"] and d["applied"] is True
assert d["held_out"]["log_loss"] < d["current"]["held_out_log_loss"]
' "$T/hard.json"
saved=$(sql "SELECT value FROM setting WHERE key = 'fsrs_weights'")
check "saved parameters are the fitted ones" python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); s = [float(x) for x in sys.argv[2].split()]
assert len(s) == 21 and all(abs(a - b) <= 1e-5 * max(1, abs(a)) for a, b in zip(d["parameters"], s))
' "$T/hard.json" "$saved"
expect_eq "fit facts saved" "$(sql "SELECT value FROM setting WHERE key = 'fsrs_fit_reviews'")" 29682
k1=$(P next | cut -f1)
check "grade a new card Good" P grade "$k1" good
w2=$(python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["parameters"][2])' "$T/hard.json")
expect_eq "its stability is the fitted w2" "$(sql "SELECT printf('%.4f', stability) FROM card_state WHERE key = '$k1'")" "$w2"
check "retention shows the fitted parameters" P retention
expect_grep "fitted in use" "^Memory parameters: fitted" "$T/out"
expect_grep "fitted row" "^  fitted  [0-9]" "$T/out"
expect_grep "default row" "^  default 0.2120 1.2931 2.3065" "$T/out"

# Parameters that would not beat the current ones are not applied, and
# it says so with the figures.
best=$(sed -n 's/^fitted\t//p' "$FX/opt-hard.expect" | tr '\t' ' ')
sql "UPDATE setting SET value = '$best' WHERE key = 'fsrs_weights'"
check "optimize --apply, not better" P optimize --from "$FX/opt-hard.tsv" --apply
expect_grep "not applied message" "^Not applied: the fitted parameters do not predict held-out reviews better (log loss 0\.[0-9]* >= 0\.[0-9]*); the current ones stay\.$" "$T/out"
expect_eq "current parameters kept" "$(sql "SELECT value FROM setting WHERE key = 'fsrs_weights'")" "$best"

# Damaged saved parameters: plain message, defaults used.
sql "UPDATE setting SET value = 'nan 1 2' WHERE key = 'fsrs_weights'"
check "retention with damaged parameters" P retention
expect_grep "damaged shown" "^Memory parameters: defaults (the saved ones are damaged)" "$T/out"
sql "UPDATE setting SET value = '0.2 1.2 2.3 8.2 6.4 0.8 3.0 0.001 1.8 0.1 0.8 1.4 0.06 0.26 1.6 0.6 1.8 0.5 0.09 0.06 0.95' WHERE key = 'fsrs_weights'"
check "out-of-bounds decay counts as damaged" P retention
expect_grep "out of bounds shown" "the saved ones are damaged" "$T/out"
k2=$(P next | cut -f1)
check "the scheduler falls back to the defaults" P grade "$k2" good
expect_eq "default w2 used" "$(sql "SELECT printf('%.4f', stability) FROM card_state WHERE key = '$k2'")" 2.3065

# kill -9 while fitting: the saved parameters stay as they were.
sql "UPDATE setting SET value = '$saved' WHERE key = 'fsrs_weights'"
cat "$FX/opt-hard.tsv" > "$T/big.tsv"
for f in small typical; do tail -n +2 "$FX/opt-$f.tsv" | sed 's/^/x/' >> "$T/big.tsv"; done
"$PREPDECK" --db "$DB" optimize --from "$T/big.tsv" --apply --progress > "$T/kill.out" 2> "$T/kill.err" &
pid=$!
i=0
while ! grep -q "optimize: [0-9]*%" "$T/kill.err" 2>/dev/null && [ $i -lt 400 ]; do sleep 0.01; i=$((i + 1)); done
expect_grep "progress shown" "optimize: [0-9]*%" "$T/kill.err"
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
expect_no_grep "killed before the end" "optimize: 100%" "$T/kill.err"
expect_eq "parameters untouched after kill -9" "$(sql "SELECT value FROM setting WHERE key = 'fsrs_weights'")" "$saved"
expect_eq "database intact" "$(sql "PRAGMA integrity_check")" ok

# From the review log: a learner's history in the store, days by the
# rollover hour.
sql "DELETE FROM setting WHERE key LIKE 'fsrs%'"
python3 - "$FX/opt-small.tsv" "$T/log.sql" "$DB" <<'EOF'
import sqlite3, sys, datetime
keys = [r[0] for r in sqlite3.connect(sys.argv[3]).execute("SELECT key FROM card ORDER BY key")]
cards, out = {}, ["BEGIN;"]
for line in open(sys.argv[1]).read().split("\n")[1:]:
    if not line:
        continue
    c, when, g = line.split("\t")
    if c not in cards:
        cards[c] = keys[len(cards) % len(keys)] if len(cards) < len(keys) else None
    if cards[c] is None:
        continue
    t = int(datetime.datetime.strptime(when, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())
    out.append("INSERT INTO review_log(card_key, reviewed_at, rating, mode, duration_ms, prev_state) "
               "VALUES ('%s', %d, %s, 'review', 9000, 2);" % (cards[c], t, g))
out.append("COMMIT;")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
EOF
sql < "$T/log.sql"
check "optimize from the review log" P optimize --json
cp "$T/out" "$T/log.json"
check "log fit" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["reviews"] > 2000 and d["items"] > 1000 and d["log_loss"] < d["current"]["log_loss"]
' "$T/log.json"
check "retention" P retention
expect_grep "true retention line" "^True retention: [0-9]* of [0-9]* reviews made a day or more after the previous one were recalled ([0-9.]*%); desired retention 90%.$" "$T/out"
expect_grep "interval band" "^  1 day  *[0-9]* *[0-9.]*% *[0-9.]*%$" "$T/out"
expect_grep "calibration bin" "^  0.90-0.93  *[0-9]* *[0-9.]*% *9[0-9].[0-9]%$" "$T/out"
check "retention --json" P retention --json
cp "$T/out" "$T/ret.json"
check "retention JSON" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["by_interval"]) == 7 and len(d["calibration"]) == 8 and len(d["by_deck"]) >= 1
assert sum(b["reviews"] for b in d["by_interval"]) == d["reviews"] == sum(b["reviews"] for b in d["calibration"])
assert d["parameters"] == "default" and len(d["weights"]) == 21
' "$T/ret.json"

# simulate: deterministic for a seed, a table across retentions, recall
# on the interview day.
check "simulate" P simulate --days 14 --seed 7
cp "$T/out" "$T/sim1"
check "simulate again" P simulate --days 14 --seed 7
cp "$T/out" "$T/sim2"
check "same seed, same figures" cmp "$T/sim1" "$T/sim2"
expect_grep "table row" "^\* 0.90 *[0-9.]* *[0-9.]*" "$T/sim1"
expect_grep "recommended" "^Minimum recommended retention: 0\.[0-9][0-9] " "$T/sim1"
check "target" P target set 2026-03-20 --company Acme
check "simulate --json with an interview" P simulate --json --runs 20 --new-per-day 5 --retention 0.85
cp "$T/out" "$T/sim.json"
check "simulate JSON" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["days"] == 18 and d["runs"] == 20 and d["new_per_day"] == 5 and d["retention"] == 0.85
assert d["interview"]["date"] == "2026-03-20" and d["interview"]["company"] == "Acme"
assert len(d["daily"]) == 18 and 0 < d["recall_on_day"] <= 1
t = d["by_retention"]; assert [r["retention"] for r in t] == [0.8, 0.85, 0.9, 0.95]
assert t[0]["minutes_per_day"] <= t[3]["minutes_per_day"] and t[0]["recall_on_day"] <= t[3]["recall_on_day"]
' "$T/sim.json"
check "simulate text with an interview" P simulate --runs 10
expect_grep "interview line" "^Interview at Acme on 2026-03-20: recall counted over [0-9]* cards.$" "$T/out"
expect_grep "recall column" "^\* 0.90 .* [0-9]*%$" "$T/out"
check_exit "simulate --days 0" 2 P simulate --days 0
check_exit "simulate --retention 2" 2 P simulate --retention 2
expect_grep "retention message" "0.70 to 0.99" "$T/err"
check_exit "simulate --runs x" 2 P simulate --runs x

finish
