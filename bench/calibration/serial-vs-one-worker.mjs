#!/usr/bin/env node
/**
 * Does serial, which runs the work on the cell process's main thread, run it as fast as a strategy with one worker
 * does? Every speedup divides by serial, so a serial cell slowed by where it runs (the main thread also runs the
 * timer, tinybench and the runner's IPC) would inflate every speedup of its size — at 2 workers on 2 cores, past
 * the physical limit of 2x. For each workload and size of a run it prints the 1-worker speedup of every parallel
 * strategy with its interval (Welch, the serial cell's uncertainty included), and what the interval says:
 *
 *   serial as fast   1 is inside the interval: no difference this run can see
 *   serial slower    the interval lies wholly above 1: one worker beat serial — serial is handicapped
 *   serial faster    the interval lies wholly below 1: the worker's dispatch costs more than its noise
 *
 *   node bench/calibration/serial-vs-one-worker.mjs RESULT.json
 *
 * RESULT.json is any run with serial and 1-worker cells of the same sizes, e.g. the full preset's, or a targeted one
 * (docs/statistics.md, "Serial against one worker"). All ratios come from that one run: measured side by side,
 * interleaved, under the same conditions. Needs `pnpm build` (it imports @coresweep/core's dist).
 */
import { readFileSync } from 'node:fs';
import {
  formatInterval,
  formatLevel,
  formatSize,
  formatSpeedup,
  parseResultFile,
} from '../../packages/core/dist/index.js';

const [path, ...rest] = process.argv.slice(2);
if (!path || rest.length > 0) {
  console.error('usage: node bench/calibration/serial-vs-one-worker.mjs RESULT.json');
  process.exit(2);
}
const run = parseResultFile(readFileSync(path, 'utf8'), path);
const parallel = new Set(run.strategies.filter((s) => s.parallelism !== 'none').map((s) => s.id));

const counts = { 'serial as fast': 0, 'serial slower': 0, 'serial faster': 0, 'no interval': 0 };
function reading(speedup) {
  if (!speedup || speedup.ciLevel === null || speedup.ciLevel === undefined) return 'no interval';
  const [low, high] = speedup.ci95;
  if (low > 1) return 'serial slower';
  if (high < 1) return 'serial faster';
  return 'serial as fast';
}

for (const workload of run.config.workloads) {
  for (const size of run.config.sizes[workload] ?? []) {
    const cells = run.cells.filter((c) => c.workload === workload && c.size === size && c.status === 'ok');
    const serial = cells.find((c) => c.strategy === 'serial');
    const ones = cells.filter((c) => c.workers === 1 && parallel.has(c.strategy));
    if (!serial || ones.length === 0) continue;
    console.log(
      `${workload} ${formatSize(size)}: serial ${serial.wallMs.median.toFixed(1)} ms from ${serial.repetitions.length} processes`,
    );
    for (const cell of ones) {
      const verdict = reading(cell.speedup);
      counts[verdict]++;
      const interval = cell.speedup?.ciLevel
        ? `${formatInterval(cell.speedup.ci95, formatSpeedup)} ${formatLevel(cell.speedup.ciLevel)}`
        : 'no interval';
      console.log(
        `  ${cell.strategy.padEnd(16)} 1 worker ${formatSpeedup(cell.speedup?.median).padStart(6)}  ${interval.padEnd(28)} ${verdict}`,
      );
    }
  }
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
if (total === 0) {
  console.error(`${path}: no workload and size with both a serial cell and 1-worker cells of a parallel strategy`);
  process.exit(1);
}
console.log(
  `\n${total} one-worker cells: ${Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${what} ${n}`)
    .join(', ')}`,
);
console.log(
  'With correct 95% intervals about 5% of cells land outside by chance (2.5% on each side); "serial slower" in many cells of a size means the serial baseline is handicapped there.',
);
