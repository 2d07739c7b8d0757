// `prepdeck replay` done with ts-fsrs, for cross-checking and timing:
//   node replay-ts.mjs [--retention R] < reviews.tsv > out.tsv
// Same input and output format as `prepdeck replay` (see src/replay.h):
// default parameters, the given retention, fuzz off, each card's history
// starting from a new card. Stops at the first malformed line with
// `line N: message` on stderr and exit status 1.
import { readFileSync, writeSync } from 'node:fs';
import { fsrs, createEmptyCard, generatorParameters } from 'ts-fsrs';

let retention = 0.9;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--retention' && i + 1 < args.length) retention = Number(args[++i]);
  else if (args[i].startsWith('--retention=')) retention = Number(args[i].slice(12));
  else {
    process.stderr.write(`usage: node replay-ts.mjs [--retention R]\n`);
    process.exit(2);
  }
}
if (!(retention > 0 && retention <= 1)) {
  process.stderr.write(`retention ${retention} is outside (0, 1]\n`);
  process.exit(1);
}

const f = fsrs(generatorParameters({ request_retention: retention, enable_fuzz: false }));
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const cards = new Map();
// Quotes at most 40 characters of s, as prepdeck does.
const clip = (s) => (s.length > 40 ? s.slice(0, 40) + '...' : s);
const isoOf = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';
const text = readFileSync(0, 'utf8');
let out = [];
let outLen = 0;
let status = 0;

function flush() {
  if (out.length) writeSync(1, out.join(''));
  out = [];
  outLen = 0;
}

function fail(lineno, msg) {
  flush();
  process.stderr.write(`line ${lineno}: ${msg}\n`);
  status = 1;
}

let pos = 0;
let lineno = 0;
while (pos < text.length) {
  let nl = text.indexOf('\n', pos);
  if (nl < 0) nl = text.length;
  let line = text.slice(pos, nl);
  pos = nl + 1;
  lineno++;
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (lineno === 1) {
    if (!/^card\treviewed_at\trating(\t|$)/.test(line)) {
      fail(1, 'expected the header "card<TAB>reviewed_at<TAB>rating"');
      break;
    }
    out.push('card\treviewed_at\trating\tstate\tdue\tstability\tdifficulty\n');
    continue;
  }
  const cols = line.split('\t', 3);
  if (cols.length < 3) {
    fail(lineno, 'expected card, reviewed_at and rating separated by tabs');
    break;
  }
  const [id, when, rating] = cols;
  let ms = TIME.test(when) ? Date.parse(when) : NaN;
  if (!Number.isNaN(ms) && isoOf(ms) !== when) ms = NaN; // 24:00, Feb 30
  if (id === '') { fail(lineno, 'empty card id'); break; }
  if (Number.isNaN(ms)) { fail(lineno, `bad time "${clip(when)}" (expected YYYY-MM-DDTHH:MM:SSZ)`); break; }
  if (!/^[1-4]$/.test(rating)) { fail(lineno, `bad rating "${clip(rating)}" (expected 1-4)`); break; }
  let card = cards.get(id);
  if (card === undefined) card = createEmptyCard(new Date(0));
  else if (ms < card.last_review.getTime()) {
    fail(lineno, `card ${id.slice(0, 40)} reviewed at ${when}, before its previous review at ` +
      isoOf(card.last_review.getTime()));
    break;
  }
  card = f.next(card, new Date(ms), Number(rating)).card;
  cards.set(id, card);
  const due = card.due.toISOString();
  const row = `${id}\t${when}\t${rating}\t${card.state}\t${due.slice(0, due.length - 5)}Z\t` +
    `${card.stability.toFixed(6)}\t${card.difficulty.toFixed(6)}\n`;
  out.push(row);
  outLen += row.length;
  if (outLen > 1 << 20) flush();
}
if (lineno === 0) fail(1, 'expected the header "card<TAB>reviewed_at<TAB>rating"');
flush();
process.exitCode = status;
