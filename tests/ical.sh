#!/bin/sh
# Calendar export: `prepdeck export ical` writes the running plan's days,
# the mock rounds and the interview dates as iCalendar (RFC 5545). The
# file is parsed back with python3-icalendar (event count, UIDs, dates,
# summaries, descriptions with commas, semicolons, backslashes and
# non-ASCII text) and its raw bytes are checked (CRLF everywhere, lines
# folded at 75 octets without splitting a UTF-8 sequence). Bad input: a
# clear message, exit 1 or 2, and no partial file.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

DB="$T/p.db"
P() { "$PREPDECK" --db "$DB" "$@"; }
# A study day starts at 04:00 local time (the default rollover hour), and
# the plan runs across the switch to summer time on 2024-03-31 in Berlin.
export TZ=Europe/Berlin

PY=""
for py in /usr/bin/python3 python3; do
	if "$py" -c 'import icalendar' 2>/dev/null; then PY=$py; break; fi
done
if [ -z "$PY" ]; then
	fail "python3-icalendar is needed to parse the export (apt-get install python3-icalendar)"
	finish
	exit 1
fi

# The parser side: `dump FILE` prints one line per event (uid, start, end,
# summary, sequence) after checking what every event must have; `desc
# FILE UID` prints an event's description; `raw FILE` checks the bytes;
# `unfold FILE` prints the content lines unfolded, still escaped.
cat >"$T/ical.py" <<'EOF'
import datetime, sys
import icalendar

def load(path):
    with open(path, 'rb') as f:
        return icalendar.Calendar.from_ical(f.read())

def dump(path):
    cal = load(path)
    for k in ('VERSION', 'PRODID', 'CALSCALE'):
        if k not in cal:
            print('missing calendar property ' + k)
    print('version ' + str(cal['VERSION']) + ' calscale ' + str(cal['CALSCALE']))
    seen = set()
    for ev in cal.walk('VEVENT'):
        uid = str(ev['UID'])
        if uid in seen:
            print('duplicate uid ' + uid)
        seen.add(uid)
        stamp = ev.decoded('DTSTAMP')
        if not isinstance(stamp, datetime.datetime) or stamp.utcoffset() != datetime.timedelta(0):
            print('dtstamp not in UTC: ' + uid)
        start, end = ev.decoded('DTSTART'), ev.decoded('DTEND')
        if isinstance(start, datetime.datetime) or isinstance(end, datetime.datetime):
            print('not an all-day event: ' + uid)
        if end - start != datetime.timedelta(days=1):
            print('does not last one day: ' + uid)
        print('\t'.join([uid, start.isoformat(), end.isoformat(), str(ev['SUMMARY']),
                         str(ev.get('SEQUENCE', 0))]))

def desc(path, uid):
    for ev in load(path).walk('VEVENT'):
        if str(ev['UID']) == uid:
            sys.stdout.write(str(ev.get('DESCRIPTION', '')) + '\n')

def raw(path):
    data = open(path, 'rb').read()
    bad = []
    if not data.endswith(b'\r\n'):
        bad.append('does not end with CRLF')
    if b'\n' in data.replace(b'\r\n', b'') or b'\r' in data.replace(b'\r\n', b''):
        bad.append('a line break that is not CRLF')
    lines = data.split(b'\r\n')[:-1]
    folded = 0
    for i, l in enumerate(lines):
        if len(l) > 75:
            bad.append('line %d has %d octets' % (i + 1, len(l)))
        try:
            l.decode('utf-8')
        except UnicodeDecodeError:
            bad.append('line %d splits a UTF-8 sequence or is not UTF-8' % (i + 1))
        if l.startswith(b' '):
            folded += 1
            if len(lines[i - 1]) < 72:
                bad.append('line %d folded early' % i)
    print('\n'.join(bad) if bad else 'ok %d folded' % folded)

def unfold(path):
    data = open(path, 'rb').read().replace(b'\r\n ', b'').replace(b'\r\n', b'\n')
    sys.stdout.write(data.decode('utf-8'))

{'dump': lambda: dump(sys.argv[2]), 'desc': lambda: desc(sys.argv[2], sys.argv[3]),
 'raw': lambda: raw(sys.argv[2]), 'unfold': lambda: unfold(sys.argv[2])}[sys.argv[1]]()
EOF
ical() { "$PY" "$T/ical.py" "$@"; }
# field FILE UID N: field N (2 start, 3 end, 4 summary, 5 sequence) of an event.
field() { ical dump "$1" | awk -F '\t' -v u="$2" -v n="$3" '$1 == u { print $n }'; }

# Nothing to export yet: a message, exit 1, no file.
export PREPDECK_NOW=2024-03-28T01:30:00Z   # 02:30 in Berlin: still the study day of 03-27
check_exit "empty database" 1 P export ical --out "$T/empty.ics"
expect_grep "says there is nothing" "nothing to export" "$T/err"
[ ! -e "$T/empty.ics" ] && pass || fail "empty export left a file"

# A plan started now (02:30, before the 04:00 rollover) begins on the
# study day that starts at 04:00, 2024-03-28 (doc/plans.md); days 5 and
# later are pushed back 2 days.
check "start the plan" P plan start two-week
check "shift days 5 on by 2" P plan shift 2 --from 5 --yes
check "tick a task of day 1" P plan done d1-jd

# Two mock rounds with text that needs escaping, and a long line that
# has to be folded across multi-byte characters.
long_fix="Say «I», not «we»; quantify: p95 −40%, cost −30% — then ask one \\ question about Zürich’s on-call rotation, é è ê ë 東京 🙂 at the fold"
check "record a behavioral round" P mock record mock-behavioral --partner "Zoë K, Jr.; mentor" \
	--date 2024-03-25 --score clarity=3:"Clear STAR structure, under 3 minutes" \
	--score ownership=2:'Said "we"; not "I"' --score "conflict=3:Named the disagreement" \
	--score=impact=4:"p95 latency down 40%, cost -30%" --fix "$long_fix"
check "record a coding round" P mock record mock-coding --date 2024-03-27 \
	--score understanding=2:"Missed the empty input" --score approach=3:"Brute force, then a heap" \
	--score correctness=3:"One off-by-one, found it" --score complexity=2:"Only when asked" \
	--score tests=1:"Declared done after the example" --score communication=3:"Thought aloud" \
	--fix 'Trace two edge cases before saying done'

# Interviews: one set from the command line, one in the past (with a gap
# map), one whose company holds a byte that is not UTF-8.
check "set an interview" P target set 2024-04-22 --company "Acme, Inc." --role "ML engineer; LLM/RAG — Zürich"
sql "INSERT INTO target(company, role, day, map_id, created_at) VALUES ('Globex', 'Applied scientist', '2024-03-20', 'cheat-sheet-map', 0)"
sql "INSERT INTO target(company, role, day, map_id, created_at) VALUES (CAST(X'496E6974FF6563' AS TEXT), '', '2024-05-02', NULL, 0)"
acme=$(sql "SELECT id FROM target WHERE company = 'Acme, Inc.'")
globex=$(sql "SELECT id FROM target WHERE company = 'Globex'")
initech=$(sql "SELECT id FROM target WHERE role = ''")
run=$(sql "SELECT id FROM plan_run WHERE active = 1")

check "export to a file" P export ical --out "$T/cal.ics"
expect_grep "says what it wrote" "14 plan days, 2 mock rounds and 3 interviews written to" "$T/err"
expect_eq "file is private" "$(stat -c %a "$T/cal.ics")" 600
expect_eq "no temporary file left" "$(ls "$T" | grep -c 'cal.ics.tmp')" 0
check "export to standard output" P export ical
cmp -s "$T/out" "$T/cal.ics" && pass || fail "standard output differs from the file"

# The bytes: CRLF, folding, UTF-8.
r=$(ical raw "$T/cal.ics")
case $r in ok*) pass ;; *) fail "raw format: $r" ;; esac
[ "${r#ok }" != "0 folded" ] && pass || fail "nothing was folded (the test needs long lines)"
expect_grep "calendar header" "^PRODID:-//prepdeck//prepdeck " "$T/cal.ics"
expect_grep "dates are DATE values" "^DTSTART;VALUE=DATE:20240327" "$T/cal.ics"
expect_grep "DTSTAMP in UTC" "^DTSTAMP:20240328T013000Z" "$T/cal.ics"
# The escapes as written (a parser may forgive a missing one).
ical unfold "$T/cal.ics" >"$T/unfolded"
expect_grep "summary escaped" \
	'^SUMMARY:Interview · Acme\\, Inc\. · ML engineer\\; LLM/RAG — Zürich$' "$T/unfolded"
expect_grep "description escaped" \
	'^DESCRIPTION:.*\\nFix next: Say «I»\\, not «we»\\; quantify: p95 −40%\\, cost −30% — then ask one \\\\ question' \
	"$T/unfolded"

# Parsed back.
ical dump "$T/cal.ics" >"$T/dump"
expect_no_grep "every event well formed" "^missing\|^duplicate\|^dtstamp\|^not an all-day\|^does not last" "$T/dump"
expect_grep "version and calendar scale" "^version 2.0 calscale GREGORIAN" "$T/dump"
expect_eq "event count" "$(grep -c '@prepdeck' "$T/dump")" 19
expect_eq "plan day events" "$(grep -c "^plan-$run-day" "$T/dump")" 14

# Plan days: the dates `plan show` gives (the plan's own arithmetic), day
# 4 on the day before the shift, day 5 two days later, across the switch
# to summer time.
P plan show >"$T/show"
sed -n 's/^[> ] Day \([0-9]*\) · [A-Z][a-z]* \([0-9-]*\) · .*/\1 \2/p' "$T/show" >"$T/show-dates"
expect_eq "plan show lists 14 days" "$(wc -l <"$T/show-dates")" 14
bad=0
while read -r d date; do
	got=$(field "$T/cal.ics" "plan-$run-day$d@prepdeck" 2)
	[ "$got" = "$date" ] || { bad=1; echo "day $d: $got, plan show says $date" >&2; }
done <"$T/show-dates"
[ "$bad" -eq 0 ] && pass || fail "plan day dates differ from plan show"
expect_eq "day 1 date" "$(field "$T/cal.ics" "plan-$run-day1@prepdeck" 2)" 2024-03-28
expect_eq "day 4 date" "$(field "$T/cal.ics" "plan-$run-day4@prepdeck" 2)" 2024-03-31
expect_eq "day 5 date (shifted)" "$(field "$T/cal.ics" "plan-$run-day5@prepdeck" 2)" 2024-04-03
expect_eq "day 5 ends the next day" "$(field "$T/cal.ics" "plan-$run-day5@prepdeck" 3)" 2024-04-04
expect_eq "day 14 date" "$(field "$T/cal.ics" "plan-$run-day14@prepdeck" 2)" 2024-04-12
expect_eq "day 1 summary" "$(field "$T/cal.ics" "plan-$run-day1@prepdeck" 4)" \
	"Day 1 · Hashing; framing ML problems; fraud design outline"
expect_eq "day 4 not moved" "$(field "$T/cal.ics" "plan-$run-day4@prepdeck" 5)" 0
expect_eq "day 5 moved once" "$(field "$T/cal.ics" "plan-$run-day5@prepdeck" 5)" 1

ical desc "$T/cal.ics" "plan-$run-day1@prepdeck" >"$T/d1"
expect_eq "day 1: header and one line per task" "$(wc -l <"$T/d1")" 6
expect_eq "day 1: header" "$(sed -n 1p "$T/d1")" \
	"Two-week interview sprint, day 1 of 14, week 1 of 2: Pattern drills, one ML explanation a day, the design template"
expect_eq "day 1: ticked task" "$(sed -n 2p "$T/d1")" \
	"[x] Import your posting as a gap map (prepdeck jd import FILE); mark its top five skills (30 min)"
# The bundled plans are ASCII; escaping and folding of other characters
# are checked on the mock round's description below.
expect_eq "day 1: open task with punctuation to escape" "$(sed -n 3p "$T/d1")" \
	"[ ] Hashing: two-sum, group anagrams, first non-repeating token in a stream; test empty input (45 min)"
expect_grep "day 1: a long task whole" "^\[ \] Set new cards to 30 (prepdeck settings new_per_day 30); review 70 in coding, ml-fundamentals (15 min)$" "$T/d1"

# Mock rounds: rubric, partner, scores and the fix as the description.
expect_eq "mock date" "$(field "$T/cal.ics" "mock-1@prepdeck" 2)" 2024-03-25
expect_eq "mock summary" "$(field "$T/cal.ics" "mock-1@prepdeck" 4)" \
	"Mock round · Behavioral round scorecard with Zoë K, Jr.; mentor"
expect_eq "mock without partner" "$(field "$T/cal.ics" "mock-2@prepdeck" 4)" \
	"Mock round · Coding round scorecard"
ical desc "$T/cal.ics" "mock-1@prepdeck" >"$T/m1"
cat >"$T/m1.want" <<EOF
Behavioral round scorecard
Partner: Zoë K, Jr.; mentor
Mean 3.00 (4 of 4 categories scored)
Clarity 3/4: Clear STAR structure, under 3 minutes
Ownership 2/4: Said "we"; not "I"
Conflict handling 3/4: Named the disagreement
Impact 4/4: p95 latency down 40%, cost -30%
Fix next: $long_fix
EOF
cmp -s "$T/m1" "$T/m1.want" && pass || { fail "mock description"; diff "$T/m1.want" "$T/m1" >&2; }

# Interviews, past ones too.
expect_eq "interview date" "$(field "$T/cal.ics" "target-$acme@prepdeck" 2)" 2024-04-22
expect_eq "interview summary" "$(field "$T/cal.ics" "target-$acme@prepdeck" 4)" \
	"Interview · Acme, Inc. · ML engineer; LLM/RAG — Zürich"
expect_eq "past interview" "$(field "$T/cal.ics" "target-$globex@prepdeck" 2)" 2024-03-20
ical desc "$T/cal.ics" "target-$globex@prepdeck" >"$T/g"
expect_grep "gap map named" "^Gap map: .* (cheat-sheet-map)$" "$T/g"
expect_eq "a byte that is not UTF-8 is replaced" \
	"$(field "$T/cal.ics" "target-$initech@prepdeck" 4)" "Interview · Init�ec"

# Three days later: overdue marks, the same UIDs, a newer DTSTAMP.
export PREPDECK_NOW=2024-03-30T12:00:00Z
chmod 644 "$T/cal.ics"
check "export again over the file" P export ical --out "$T/cal.ics"
expect_eq "keeps the mode it was given" "$(stat -c %a "$T/cal.ics")" 644
cut -f1 "$T/dump" | grep '@prepdeck' | sort >"$T/uids1"
ical dump "$T/cal.ics" | cut -f1 | grep '@prepdeck' | sort >"$T/uids2"
cmp -s "$T/uids1" "$T/uids2" && pass || fail "UIDs changed between exports"
expect_grep "new DTSTAMP" "^DTSTAMP:20240330T120000Z" "$T/cal.ics"
ical desc "$T/cal.ics" "plan-$run-day1@prepdeck" >"$T/d1"
expect_grep "ticked stays ticked" "^\[x\] Import your posting" "$T/d1"
expect_grep "past task overdue" "^\[!\] Hashing: two-sum" "$T/d1"
ical desc "$T/cal.ics" "plan-$run-day3@prepdeck" >"$T/d3"
expect_no_grep "today's tasks not overdue" "^\[!\]" "$T/d3"

# Bad input: exit 2 for usage, 1 for a file that cannot be written, and
# never a partial file.
check_exit "unknown option" 2 P export ical --format ics
expect_grep "names the option" "unknown option '--format'" "$T/err"
check_exit "--out without a file" 2 P export ical --out
expect_grep "--out message" "needs a file name" "$T/err"
check_exit "missing directory" 1 P export ical --out "$T/no/such/dir/cal.ics"
expect_grep "missing directory message" "cannot write $T/no/such/dir/cal.ics: No such file or directory" "$T/err"
[ ! -e "$T/no" ] && pass || fail "missing directory: something was created"
touch "$T/plain"
check_exit "parent is a file" 1 P export ical --out "$T/plain/cal.ics"
expect_grep "parent is a file message" "cannot write $T/plain/cal.ics: Not a directory" "$T/err"
mkdir "$T/adir"
check_exit "out is a directory" 1 P export ical --out "$T/adir"
expect_grep "directory message" "$T/adir is a directory; prepdeck replaces only regular files" "$T/err"
expect_eq "directory: no temporary file left" "$(ls "$T" | grep -c 'adir.tmp')" 0
expect_eq "directory untouched" "$(ls -A "$T/adir" | wc -l)" 0
if [ -w /dev/full ]; then
	check_exit "standard output full" 1 sh -c "'$PREPDECK' --db '$DB' export ical >/dev/full"
	expect_grep "full message" "cannot write standard output" "$T/err"
fi
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$T/ro" && echo old >"$T/ro/cal.ics" && chmod 555 "$T/ro"
	check_exit "read-only directory" 1 P export ical --out "$T/ro/cal.ics"
	expect_grep "read-only message" "cannot write $T/ro/cal.ics: Permission denied" "$T/err"
	expect_eq "old file kept" "$(cat "$T/ro/cal.ics")" old
	chmod 755 "$T/ro"
fi
check_exit "export needs a kind" 2 P export calendar
expect_grep "lists ical" "gapmap, stories, ical or deck" "$T/err"

# Without a plan the other events are still exported.
check "stop the plan" P plan stop --yes
check "export without a plan" P export ical --out "$T/noplan.ics"
expect_grep "counts without a plan" "0 plan days, 2 mock rounds and 3 interviews" "$T/err"
expect_eq "events without a plan" "$(ical dump "$T/noplan.ics" | grep -c '@prepdeck')" 5

check "help mentions ical" P help export
expect_grep "help text" "export ical \[--out FILE\]" "$T/out"

finish
