#!/usr/bin/env node
/**
 * The README's "Measured here" section, printed from one result file, so that every number in it comes from a run:
 * the run's line (machine, runtime, cells, processes, wall time, where the time went) and the table of one workload,
 * size and worker count (by default do-math at its largest size and the usable cores).
 *
 *   node bench/measured-here.mjs results/<a pnpm bench run>.json [--workload do-math] [--size N] [--workers N]
 *
 * Needs `pnpm build` (it imports @coresweep/core's dist).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as core from '../packages/core/dist/index.js';

const { values, positionals } = parseArgs({
  options: { workload: { type: 'string' }, size: { type: 'string' }, workers: { type: 'string' } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error('usage: node bench/measured-here.mjs RESULT.json [--workload ID] [--size N] [--workers N]');
  process.exit(2);
}
const run = core.parseResultFile(readFileSync(positionals[0], 'utf8'), positionals[0]);
const workload = values.workload ?? 'do-math';
const sizes = run.cells.filter((c) => c.workload === workload).map((c) => c.size);
if (sizes.length === 0) {
  console.error(`${positionals[0]}: no cells of workload ${workload}`);
  process.exit(2);
}
const size = values.size ? Number(values.size) : Math.max(...sizes);
const workers = values.workers ? Number(values.workers) : run.machine.usableCores;

const ok = run.cells.filter((c) => c.status === 'ok');
const processes = run.cells.reduce((sum, c) => sum + (c.repetitions?.length ?? 0), 0);
const perCell = run.cells.filter((c) => c.repetitions?.length).map((c) => c.repetitions.length);
const minutes = (Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 60_000;
const load = run.machine.loadAverage.before[0];
const counts = new Map();
for (const cell of run.cells) counts.set(cell.status, (counts.get(cell.status) ?? 0) + 1);
const statuses = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');

console.log(
  `One run (${run.config.precision ? `±${run.config.precision * 100}% precision target, ` : ''}` +
    `${run.config.repetitions} to ${run.config.maxRepetitions ?? run.config.repetitions} processes a cell: ` +
    `${run.cells.length} cells — ${statuses}; ${processes} fresh ` +
    `processes, ${Math.min(...perCell)}–${Math.max(...perCell)} per cell; ${minutes.toFixed(1)} minutes) on ` +
    `${run.machine.label ?? `${run.machine.cpuModel}, ${run.machine.usableCores} usable cores`} ` +
    `(${run.runtime.name} ${run.runtime.version}, 1-minute load ${load.toFixed(2)} when measuring began), ` +
    `${workload} at ${core.formatSize(size)} units, ${workers} workers, warm medians with their intervals:`,
);
console.log();
console.log('| strategy | warm time | speedup over serial | CPU utilisation | start() | peak RSS | processes |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const rows = ok.filter(
  (c) => c.workload === workload && c.size === size && (c.workers === workers || c.strategy === 'serial'),
);
for (const c of rows) {
  const speedup =
    c.strategy === 'serial'
      ? 'the reference'
      : c.speedup
        ? `${core.formatSpeedup(c.speedup.median)} [${core.formatInterval(c.speedup.ci95, (x) => x.toFixed(2))}] (${core.formatLevel(c.speedup.ciLevel)})`
        : '—';
  const time =
    c.wallMs.ciLevel === null || c.wallMs.ciLevel === undefined
      ? `${core.formatMs(c.wallMs.median)} (no interval)`
      : `${core.formatMs(c.wallMs.median)} [${core.formatInterval(c.wallMs.ci95, core.formatMs)}]`;
  console.log(
    `| ${c.strategy} | ${time} | ${speedup} | ` +
      `${c.utilisation === null ? '—' : c.utilisation.toFixed(2)} | ${core.formatMs(c.startMs)} | ` +
      `${core.formatBytes(c.peakRssBytes)} | ${c.repetitions?.length ?? 0} |`,
  );
}
const spent = run.timeSpent;
if (spent?.phases) {
  const total = spent.repetitionsMs;
  const share = (ms) => core.formatPercent(ms / total);
  const p = spent.phases;
  console.log();
  console.log(
    `Where the processes' time went: timed runs ${share(p.timedMs)}, warm-up ${share(p.warmupMs)}, first runs ` +
      `${share(p.firstRunMs)}, starting processes ${share(p.processMs)}, strategies' start() ${share(p.startMs)}, ` +
      `closing ${share(p.closeMs)}.`,
  );
}
