// Writes the FSRS cross-check fixtures next to this script:
//   fixture.tsv           default parameters (short-term steps on)
//   fixture-longterm.tsv  the same with enable_short_term off
// Each is review sequences computed by ts-fsrs (fuzz off, retention 0.9),
// one row per review: the card's state, due time, stability and
// difficulty after it. A fixed-seed generator makes the output
// reproducible: `npm ci && node gen-fixture.mjs`.
// `node gen-fixture.mjs --bench N > reviews.tsv` instead writes N
// synthetic reviews in replay's input format, for timing.
import { writeFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { fsrs, createEmptyCard, generatorParameters } from 'ts-fsrs';
import { mulberry32, iso } from './common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DAY = 86400;

function generate(file, seed, ncards, params) {
  const rand = mulberry32(seed);
  const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const f = fsrs(generatorParameters({ enable_fuzz: false, request_retention: 0.9, ...params }));
  const base = Date.UTC(2025, 0, 1) / 1000;
  const rows = ['card\treviewed_at\trating\tstate\tdue\tstability\tdifficulty'];
  const modes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

  for (let i = 1; i <= ncards; i++) {
    const id = `c${String(i).padStart(4, '0')}`;
    // Each card gets its own mix of ratings, from easy cards to leeches.
    const pAgain = 0.05 + rand() * 0.3;
    const pHard = 0.05 + rand() * 0.2;
    const pEasy = 0.03 + rand() * 0.22;
    const nrev = between(5, 25);
    let t = base + between(0, 400 * DAY);
    let card = createEmptyCard(new Date(t * 1000));
    let crossMidnight = false;

    for (let r = 0; r < nrev; r++) {
      if (r > 0) {
        const last = t;
        const due = Math.floor(card.due.getTime() / 1000);
        const span = Math.max(due - last, 60);
        const u = rand();
        let mode;
        if (crossMidnight) mode = 'cross';
        else if (u < 0.15) mode = 'sameday';
        else if (u < 0.35) mode = 'early';
        else if (u < 0.65) mode = 'ontime';
        else if (u < 0.87) mode = 'late';
        else if (u < 0.92) mode = 'verylate';
        else mode = 'midnight';
        crossMidnight = false;
        switch (mode) {
          case 'cross': // just after midnight following a 23:5x review
            t = last + between(300, 1500);
            break;
          case 'sameday': { // again later the same UTC day
            const endOfDay = (Math.floor(last / DAY) + 1) * DAY - 1;
            t = Math.min(last + between(0, 4 * 3600), endOfDay);
            break;
          }
          case 'early':
            t = last + Math.floor(span * (0.05 + rand() * 0.9));
            break;
          case 'ontime':
            t = due + between(0, 1800);
            break;
          case 'late':
            t = due + Math.floor(span * (0.1 + rand() * 2.9)) + between(0, DAY);
            break;
          case 'verylate':
            t = due + between(30, 500) * DAY + between(0, DAY - 1);
            break;
          case 'midnight': { // 23:50-23:59 on the due day, then past midnight
            t = Math.floor(Math.max(due, last) / DAY) * DAY + DAY - between(1, 600);
            if (t < last) t += DAY;
            crossMidnight = true;
            break;
          }
        }
        if (t < last) t = last;
        modes[['cross', 'sameday', 'early', 'ontime', 'late', 'verylate', 'midnight'].indexOf(mode)]++;
      }
      const u = rand();
      const rating = u < pAgain ? 1 : u < pAgain + pHard ? 2 : u < pAgain + pHard + pEasy ? 4 : 3;
      card = f.next(card, new Date(t * 1000), rating).card;
      rows.push([
        id, iso(t), rating, card.state, iso(Math.floor(card.due.getTime() / 1000)),
        card.stability.toFixed(6), card.difficulty.toFixed(6),
      ].join('\t'));
    }
  }
  writeFileSync(join(here, file), rows.join('\n') + '\n');
  console.log(`${file}: ${ncards} cards, ${rows.length - 1} reviews ` +
    `(cross ${modes[0]}, same-day ${modes[1]}, early ${modes[2]}, on time ${modes[3]}, ` +
    `late ${modes[4]}, very late ${modes[5]}, near midnight ${modes[6]})`);
}

// Synthetic replay input for timing: n reviews of n/20 cards, the cards
// interleaved, gaps from seconds to months. Written to stdout.
function bench(n) {
  const rand = mulberry32(42);
  const ncards = Math.max(1, Math.floor(n / 20));
  const times = new Array(ncards);
  const base = Date.UTC(2025, 0, 1) / 1000;
  for (let c = 0; c < ncards; c++) times[c] = base + Math.floor(rand() * 30 * DAY);
  const gaps = [60, 600, 3600, DAY, 3 * DAY, 10 * DAY, 40 * DAY, 120 * DAY];
  let out = ['card\treviewed_at\trating\n'];
  let done = 0;
  for (let round = 0; done < n; round++) {
    for (let c = 0; c < ncards && done < n; c++, done++) {
      if (round > 0) times[c] += Math.floor(rand() * gaps[Math.floor(rand() * gaps.length)]);
      const u = rand();
      const rating = u < 0.12 ? 1 : u < 0.25 ? 2 : u < 0.9 ? 3 : 4;
      out.push(`card${c}\t${iso(times[c])}\t${rating}\n`);
      if (out.length >= 65536) {
        writeSync(1, out.join(''));
        out = [];
      }
    }
  }
  writeSync(1, out.join(''));
}

const benchArg = process.argv.indexOf('--bench');
if (benchArg > 0) {
  bench(Number(process.argv[benchArg + 1] || 1000000));
} else {
  generate('fixture.tsv', 20260108, 400, {});
  generate('fixture-longterm.tsv', 20260109, 120, { enable_short_term: false });
}
