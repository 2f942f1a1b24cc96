#!/usr/bin/env node
/**
 * How far runs of the same cells on this machine move from one to the next, beyond what each run's own processes
 * predict: the spread between runs that a run's intervals include (docs/statistics.md, "The spread between runs").
 * For every pair of the files given it prints how many cells both ran with a 95% interval, the shift of the whole
 * machine (the mean log difference of the cells' times), the spread σ̂ of a cell's time and of a speedup
 * (core's spreadOver: the differences' squares less both runs' own variances), and the typical within-run standard
 * error beside it; then σ̂ over all the files at once, as a run beside them would use it.
 *
 *   node bench/calibration/between-runs.mjs RUN1.json RUN2.json [RUN3.json ...]
 *
 * Needs `pnpm build` (it imports @coresweep/core's dist).
 */
import { readFileSync } from 'node:fs';
import { parseResultFile, runEstimates, spreadOver } from '../../packages/core/dist/index.js';

const paths = process.argv.slice(2);
if (paths.length < 2) {
  console.error('usage: node bench/calibration/between-runs.mjs RUN1.json RUN2.json [RUN3.json ...]');
  process.exit(2);
}
const runs = paths.map((path) => ({
  path,
  estimates: runEstimates(parseResultFile(readFileSync(path, 'utf8'), path).cells),
}));
const percent = (x) => `${(100 * x).toFixed(2)}%`;
const sd = (component) => (component ? percent(component.sd) : 'too few cells');

for (let i = 0; i < runs.length; i++) {
  for (let j = i + 1; j < runs.length; j++) {
    const [a, b] = [runs[i], runs[j]];
    const shared = [...a.estimates.time].filter(([key]) => b.estimates.time.has(key));
    if (shared.length === 0) {
      console.log(`${a.path} → ${b.path}: no cell with a 95% interval in both`);
      continue;
    }
    const shift = shared.reduce((sum, [key, x]) => sum + b.estimates.time.get(key).mean - x.mean, 0) / shared.length;
    const withinSe = Math.sqrt(
      shared.reduce((sum, [key, x]) => sum + (x.variance + b.estimates.time.get(key).variance) / 2, 0) / shared.length,
    );
    console.log(
      `${a.path} → ${b.path}: ${shared.length} cells; machine shift ${percent(shift)}; between runs: time ${sd(spreadOver([a.estimates.time, b.estimates.time]))}, speedup ${sd(spreadOver([a.estimates.speedup, b.estimates.speedup]))}; within-run standard error ${percent(withinSe)} (root mean square)`,
    );
  }
}
const time = spreadOver(runs.map((run) => run.estimates.time));
const speedup = spreadOver(runs.map((run) => run.estimates.speedup));
console.log(
  `all ${runs.length} runs: between runs time ${sd(time)} (${time?.comparisons ?? 0} comparisons), speedup ${sd(speedup)} (${speedup?.comparisons ?? 0} comparisons)`,
);
