#!/usr/bin/env node
/**
 * How well two runs of the same matrix agree: the numbers of the A/A and injected-slowdown experiments in
 * docs/statistics.md. For every cell ok in both files it checks whether the second run's time (and speedup) lies
 * inside the first run's interval, whether the two intervals overlap, and what `coresweep compare`'s verdict rule
 * (core's judgeCells, default settings) says.
 *
 *   node bench/calibration/agreement.mjs FIRST.json SECOND.json [--strategy ID]
 *
 * --strategy ID restricts the counts to one strategy (the probe of the slowdown experiment) and also prints the
 * verdicts on all other cells, which should stay quiet. Needs `pnpm build` (it imports @coresweep/core's dist).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatLevel, judgeCells, parseResultFile } from '../../packages/core/dist/index.js';

const { values, positionals } = parseArgs({ options: { strategy: { type: 'string' } }, allowPositionals: true });
if (positionals.length !== 2) {
  console.error('usage: node bench/calibration/agreement.mjs FIRST.json SECOND.json [--strategy ID]');
  process.exit(2);
}
const [first, second] = positionals.map((path) => parseResultFile(readFileSync(path, 'utf8'), path));
const key = (c) => `${c.workload}/${c.size}/${c.strategy}/${c.workers}`;
const inSecond = new Map(second.cells.map((c) => [key(c), c]));
const pairs = first.cells
  .filter((c) => c.status === 'ok' && c.wallMs && inSecond.get(key(c))?.status === 'ok')
  .map((a) => [a, inSecond.get(key(a))]);

const inside = (x, [lo, hi]) => lo <= x && x <= hi;
const overlap = ([a, b], [c, d]) => a <= d && c <= b;
const share = (n, of) => `${n}/${of} (${of === 0 ? '-' : ((100 * n) / of).toFixed(0)}%)`;

function agreement(label, cells) {
  const speedups = cells.filter(([a, b]) => a.strategy !== 'serial' && a.speedup && b.speedup);
  const verdicts = cells.map(([a, b]) => judgeCells(a, b).verdict);
  const count = (v) => verdicts.filter((x) => x === v).length;
  const levels = [...new Set(cells.map(([a]) => formatLevel(a.wallMs.ciLevel)))].join(', ');
  console.log(`${label}: ${cells.length} cells ok in both runs (interval levels: ${levels})`);
  console.log(
    `  time:    second inside first interval ${share(cells.filter(([a, b]) => inside(b.wallMs.median, a.wallMs.ci95)).length, cells.length)}, intervals overlap ${share(cells.filter(([a, b]) => overlap(a.wallMs.ci95, b.wallMs.ci95)).length, cells.length)}`,
  );
  console.log(
    `  speedup: second inside first interval ${share(speedups.filter(([a, b]) => inside(b.speedup.median, a.speedup.ci95)).length, speedups.length)}, intervals overlap ${share(speedups.filter(([a, b]) => overlap(a.speedup.ci95, b.speedup.ci95)).length, speedups.length)}`,
  );
  console.log(
    `  compare: ${count('slower')} slower, ${count('faster')} faster, ${count('no clear change')} no clear change; flagged ${share(count('slower') + count('faster'), cells.length)}`,
  );
}

if (values.strategy) {
  agreement(
    `strategy ${values.strategy}`,
    pairs.filter(([a]) => a.strategy === values.strategy),
  );
  agreement(
    'all other strategies',
    pairs.filter(([a]) => a.strategy !== values.strategy),
  );
} else {
  agreement('all strategies', pairs);
}
