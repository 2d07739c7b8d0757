// Writes the optimizer cross-check fixtures next to this script, using
// fsrs-rs (the optimizer behind Anki) through @open-spaced-repetition/binding:
//   opt-NAME.tsv     a simulated learner's review history, in the input
//                    format of `prepdeck replay` / `prepdeck optimize --from`
//   opt-NAME.expect  the learner's true parameters, the parameters fsrs-rs
//                    fits to the history, and fsrs-rs's metrics for them
//
// Each learner's memory follows the FSRS-6 model with known, non-default
// parameters: at every review a day or more after the previous one the
// learner recalls with the model's probability R(days, S), and the
// ratings then move S and D as the model says. Same-day reviews (learning
// steps) get ratings from a fixed mix and update the state through the
// short-term terms. Cards are scheduled by ts-fsrs with default
// parameters, and the learner is sometimes late. A fixed-seed generator
// makes everything reproducible: `npm ci && node gen-optimizer-fixture.mjs`.
//
// `node gen-optimizer-fixture.mjs --bench N > history.tsv` writes a
// history of about N reviews for timing, and
// `node gen-optimizer-fixture.mjs --time FILE` times fsrs-rs's optimizer on
// a history file and prints the milliseconds (used by `make bench`).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { fsrs, createEmptyCard, generatorParameters } from 'ts-fsrs';
import { mulberry32, iso } from './common.mjs';
import {
  computeParameters, evaluateWithTimeSeriesSplits, FSRSBinding,
  FSRSBindingItem, FSRSBindingReview,
} from '@open-spaced-repetition/binding';

const here = dirname(fileURLToPath(import.meta.url));
const DAY = 86400;
const DEFAULT_W = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,
  1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014,
  1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

// The FSRS-6 memory model as fsrs-rs trains it (no rounding).
function curve(w, t, s) {
  const decay = -w[20];
  const factor = Math.exp(Math.log(0.9) / decay) - 1;
  return Math.pow(1 + factor * t / s, decay);
}

function step(w, st, dt, g) {
  const clamp = (x, lo, hi) => Math.min(Math.max(x, lo), hi);
  if (st === null) {
    return { s: clamp(w[g - 1], 0.001, 36500), d: clamp(w[4] - Math.exp(w[5] * (g - 1)) + 1, 1, 10) };
  }
  const r = curve(w, dt, st.s);
  let s;
  if (dt === 0) {
    let sinc = Math.exp(w[17] * (g - 3 + w[18])) * Math.pow(st.s, -w[19]);
    if (g >= 2) sinc = Math.max(sinc, 1);
    s = st.s * sinc;
  } else if (g === 1) {
    const raw = w[11] * Math.pow(st.d, -w[12]) * (Math.pow(st.s + 1, w[13]) - 1) * Math.exp((1 - r) * w[14]);
    s = Math.min(raw, st.s / Math.exp(w[17] * w[18]));
  } else {
    const hard = g === 2 ? w[15] : 1, easy = g === 4 ? w[16] : 1;
    s = st.s * (1 + Math.exp(w[8]) * (11 - st.d) * Math.pow(st.s, -w[9]) *
      (Math.exp((1 - r) * w[10]) - 1) * hard * easy);
  }
  const nd = st.d + (10 - st.d) * (-w[6] * (g - 3)) / 9;
  const easyD = w[4] - Math.exp(3 * w[5]) + 1;
  const d = clamp(w[7] * (easyD - nd) + nd, 1, 10);
  return { s: clamp(s, 0.001, 36500), d };
}

// One learner: ncards cards introduced over `days` days, each reviewed
// until the horizon. Returns [{card, t, rating}] in file order.
function simulate(seed, w, ncards, days, style) {
  const rand = mulberry32(seed);
  const f = fsrs(generatorParameters({ enable_fuzz: true, request_retention: style.retention }));
  const base = Date.UTC(2025, 2, 3) / 1000;
  const horizon = base + days * DAY;
  const rows = [];
  for (let i = 1; i <= ncards; i++) {
    const id = `${style.prefix}${String(i).padStart(5, '0')}`;
    const startDay = Math.floor(rand() * days * style.introduce);
    let t = base + startDay * DAY + 8 * 3600 + Math.floor(rand() * 12 * 3600);
    let card = createEmptyCard(new Date(t * 1000));
    let mem = null;
    let lastDay = 0;
    // Cards differ a little in how they are rated once recalled.
    const pHard = style.hard * (0.5 + rand()), pEasy = style.easy * (0.5 + rand());
    while (t < horizon) {
      const day = Math.floor(t / DAY);
      let rating;
      if (mem === null) {
        const u = rand();
        rating = u < style.first[0] ? 1 : u < style.first[1] ? 2 : u < style.first[2] ? 3 : 4;
      } else if (day === lastDay) {
        const u = rand();
        rating = u < style.sameDayAgain ? 1 : u < style.sameDayAgain + 0.1 ? 2 : u > 0.95 ? 4 : 3;
      } else {
        const r = curve(w, day - lastDay, mem.s);
        if (rand() >= r) rating = 1;
        else {
          const u = rand();
          rating = u < pHard ? 2 : u > 1 - pEasy ? 4 : 3;
        }
      }
      mem = step(w, mem, mem === null ? 0 : day - lastDay, rating);
      lastDay = day;
      rows.push({ card: id, t, rating });
      card = f.next(card, new Date(t * 1000), rating).card;
      const due = Math.floor(card.due.getTime() / 1000);
      if (due - t < DAY / 2) {
        t = due + Math.floor(rand() * 20 * 60);          // a learning step
      } else {
        const u = rand();
        const dueDay = Math.floor(due / DAY);
        let d = dueDay;
        if (u < style.late) d += 1 + Math.floor(rand() * 4);
        else if (u < style.late + style.veryLate) d += 2 + Math.floor(rand() * (dueDay - day));
        t = d * DAY + 7 * 3600 + Math.floor(rand() * 14 * 3600);
      }
      if (t <= rows[rows.length - 1].t) t = rows[rows.length - 1].t + 60;
    }
  }
  return rows;
}

// The rows as fsrs-rs items, the way prepdeck builds them: per card, one
// item for every review on a later UTC day than the previous review (the
// label), holding every earlier review, same-day ones included, with
// delta_t in whole UTC calendar days. Items are ordered by the time of
// their last review, ties by the card's first appearance and position.
export function toItems(rows) {
  const cards = new Map();
  rows.forEach((r) => {
    if (!cards.has(r.card)) cards.set(r.card, []);
    cards.get(r.card).push(r);
  });
  const out = [];
  let ci = 0;
  for (const list of cards.values()) {
    list.sort((a, b) => a.t - b.t);
    const reviews = [];
    let prevDay = null;
    list.forEach((r, k) => {
      const day = Math.floor(r.t / DAY);
      const dt = prevDay === null ? 0 : day - prevDay;
      prevDay = day;
      reviews.push([r.rating, dt]);
      if (k > 0 && dt > 0) out.push({ t: r.t, ci, k, reviews: reviews.slice() });
    });
    ci++;
  }
  out.sort((a, b) => a.t - b.t || a.ci - b.ci || a.k - b.k);
  return out.map((x) => new FSRSBindingItem(x.reviews.map(([g, dt]) => new FSRSBindingReview(g, dt))));
}

function readTsv(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const rows = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const [card, when, rating] = lines[i].split('\t');
    rows.push({ card, t: Date.parse(when) / 1000, rating: Number(rating) });
  }
  return rows;
}

function writeTsv(file, rows) {
  const out = ['card\treviewed_at\trating'];
  for (const r of rows) out.push(`${r.card}\t${iso(r.t)}\t${r.rating}`);
  writeFileSync(file, out.join('\n') + '\n');
}

const fmt = (ws) => ws.map((x) => Number(x).toPrecision(8)).join('\t');

async function fixture(name, seed, w, ncards, days, style) {
  const rows = simulate(seed, w, ncards, days, style);
  writeTsv(join(here, `opt-${name}.tsv`), rows);
  const items = toItems(readTsv(join(here, `opt-${name}.tsv`)));
  const t0 = process.hrtime.bigint();
  const fitted = await computeParameters(items, { enableShortTerm: true });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const evFit = new FSRSBinding(fitted).evaluate(items);
  const evDef = new FSRSBinding(DEFAULT_W).evaluate(items);
  const evTrue = new FSRSBinding(w).evaluate(items);
  const ts = await evaluateWithTimeSeriesSplits(items, { enableShortTerm: true });
  const lines = [
    `reviews\t${rows.length}`,
    `items\t${items.length}`,
    `true\t${fmt(w)}`,
    `fitted\t${fmt(fitted)}`,
    `fitted_metrics\t${evFit.logLoss.toPrecision(8)}\t${evFit.rmseBins.toPrecision(8)}`,
    `default_metrics\t${evDef.logLoss.toPrecision(8)}\t${evDef.rmseBins.toPrecision(8)}`,
    `true_metrics\t${evTrue.logLoss.toPrecision(8)}\t${evTrue.rmseBins.toPrecision(8)}`,
    `split_metrics\t${ts.logLoss.toPrecision(8)}\t${ts.rmseBins.toPrecision(8)}`,
    `fit_ms\t${ms.toFixed(0)}`,
  ];
  writeFileSync(join(here, `opt-${name}.expect`), lines.join('\n') + '\n');
  console.log(`opt-${name}: ${rows.length} reviews, ${items.length} items, fit ${ms.toFixed(0)} ms, ` +
    `log loss default ${evDef.logLoss.toFixed(4)} fsrs-rs ${evFit.logLoss.toFixed(4)} true ${evTrue.logLoss.toFixed(4)}`);
}

const STYLE = {
  prefix: 'a', retention: 0.9, introduce: 0.7, first: [0.25, 0.4, 0.9],
  sameDayAgain: 0.15, hard: 0.12, easy: 0.08, late: 0.2, veryLate: 0.05,
};

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

if (arg('--bench') !== undefined) {
  // About N reviews: a learner with many cards over half a year.
  const n = Number(arg('--bench'));
  const rows = simulate(99, [0.4, 1.5, 3.1, 10.5, 6.2, 0.7, 2.4, 0.02, 1.7, 0.18, 0.85, 1.6, 0.07,
    0.28, 1.8, 0.55, 2.0, 0.45, 0.15, 0.08, 0.2], Math.max(1, Math.round(n / 16)), 180, STYLE);
  const out = ['card\treviewed_at\trating'];
  for (const r of rows.slice(0, n)) out.push(`${r.card}\t${iso(r.t)}\t${r.rating}`);
  process.stdout.write(out.join('\n') + '\n');
} else if (arg('--time') !== undefined) {
  const items = toItems(readTsv(arg('--time')));
  const t0 = process.hrtime.bigint();
  await computeParameters(items, { enableShortTerm: true });
  console.log((Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0));
} else {
  // Three learners: a quick one with a high decay, a typical one, and a
  // large one who finds the material hard.
  await fixture('small', 20260601,
    [0.6, 1.1, 3.9, 14.0, 5.6, 0.9, 2.6, 0.01, 1.5, 0.12, 0.95, 1.3, 0.1, 0.35, 1.5, 0.7, 2.4,
      0.6, 0.12, 0.05, 0.45], 500, 150, { ...STYLE, prefix: 's' });
  await fixture('typical', 20260602,
    [0.3, 1.9, 3.2, 9.0, 7.0, 0.6, 2.2, 0.005, 1.95, 0.2, 0.75, 1.7, 0.05, 0.3, 1.9, 0.45, 1.6,
      0.45, 0.2, 0.1, 0.25], 1200, 200, { ...STYLE, prefix: 't', easy: 0.12 });
  await fixture('hard', 20260603,
    [0.15, 0.8, 1.6, 5.5, 7.8, 0.5, 3.4, 0.03, 1.4, 0.25, 0.9, 1.9, 0.08, 0.4, 2.2, 0.5, 1.5,
      0.5, 0.1, 0.08, 0.18], 2000, 240, { ...STYLE, prefix: 'h', first: [0.35, 0.55, 0.93], hard: 0.2 });
}
