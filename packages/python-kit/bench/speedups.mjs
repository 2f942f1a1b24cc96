#!/usr/bin/env node
/**
 * Speedups of every strategy in a result file over its own one-worker cell, beside the file's speedup over the
 * JavaScript serial reference: the question the course asks of Python (do threads or processes make CPython faster?)
 * is T(1 worker) / T(p workers) of the same strategy, since CPython is far slower per unit than JavaScript.
 *
 *   node packages/python-kit/bench/speedups.mjs results/<run>.json [--strategies python-threads,python-processes]
 *
 * Intervals are core's (Welch's on the logs of the per-process medians, with the level they really have).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  formatInterval,
  formatLevel,
  formatMs,
  formatSize,
  formatSpeedup,
  parseResultFile,
  ratioInterval,
  repetitionMedians,
} from '@coresweep/core';

const { values, positionals } = parseArgs({ options: { strategies: { type: 'string' } }, allowPositionals: true });
const path = positionals[0];
if (!path) {
  process.stderr.write('usage: speedups.mjs RESULT.json [--strategies a,b]\n');
  process.exit(2);
}
const file = parseResultFile(readFileSync(path, 'utf8'), path);
const wanted = values.strategies?.split(',') ?? [...new Set(file.cells.map((c) => c.strategy))];

const rows = [['workload', 'size', 'strategy', 'workers', 'warm median', 'over its 1 worker', 'over JS serial']];
for (const cell of file.cells) {
  if (!wanted.includes(cell.strategy) || cell.status !== 'ok' || !cell.wallMs) continue;
  const own = file.cells.find(
    (c) => c.workload === cell.workload && c.size === cell.size && c.strategy === cell.strategy && c.workers === 1,
  );
  let self = '—';
  if (own === cell) {
    self = '1.00× (itself)';
  } else if (own?.status === 'ok') {
    const ratio = ratioInterval(repetitionMedians(own.repetitions), repetitionMedians(cell.repetitions));
    const interval =
      ratio.level === null ? '' : ` ${formatInterval(ratio.interval, formatSpeedup)} ${formatLevel(ratio.level)}`;
    self = `${formatSpeedup(ratio.estimate)}${interval}`;
  }
  rows.push([
    cell.workload,
    formatSize(cell.size),
    cell.strategy,
    String(cell.workers),
    formatMs(cell.wallMs.median),
    self,
    cell.speedup ? formatSpeedup(cell.speedup.median) : '—',
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const row of rows)
  process.stdout.write(
    `${row
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd()}\n`,
  );
process.stdout.write(
  `\n${file.machine.cpuModel}, ${file.machine.usableCores} usable core(s), load before ${file.machine.loadAverage.before.map((l) => l.toFixed(2)).join(' ')}\n`,
);
