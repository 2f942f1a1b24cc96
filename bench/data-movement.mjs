#!/usr/bin/env node
/**
 * The data-movement table of docs/performance.md, printed from one result file: for every workload with data and
 * every size, each strategy and transport's warm time with its interval, its speedup over serial, the bytes it
 * copied between threads or processes per run (both directions) and the time it spent moving them.
 *
 *   node bench/data-movement.mjs results/<run>.json
 *
 * Needs `pnpm build` (it imports @coresweep/core's dist).
 */
import { readFileSync } from 'node:fs';
import * as core from '../packages/core/dist/index.js';

if (process.argv.length !== 3) {
  console.error('usage: node bench/data-movement.mjs RESULT.json');
  process.exit(2);
}
const path = process.argv[2];
const run = core.parseResultFile(readFileSync(path, 'utf8'), path);
const withData = run.cells.filter((c) => c.inputBytes !== undefined && c.inputBytes !== null);
if (withData.length === 0) {
  console.error(`${path}: no cells of a workload with data`);
  process.exit(2);
}

const groups = new Map();
for (const cell of withData) {
  const key = `${cell.workload} ${cell.size}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(cell);
}
for (const cells of groups.values()) {
  const { workload, size, inputBytes } = cells[0];
  console.log(`${workload} at ${core.formatSize(size)} units (input ${core.formatBytes(inputBytes)}):`);
  console.log();
  console.log(
    '| strategy | transport | workers | warm time | speedup over serial | bytes copied per run | moving time per run (summed over messages) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const c of cells) {
    if (c.status !== 'ok') {
      console.log(`| ${c.strategy} | ${c.transport ?? 'none'} | ${c.workers} | ${c.status} | | | |`);
      continue;
    }
    const speedup =
      c.strategy === 'serial'
        ? 'the reference'
        : c.speedup
          ? `${core.formatSpeedup(c.speedup.median)} [${core.formatInterval(c.speedup.ci95, (x) => x.toFixed(2))}]`
          : '—';
    console.log(
      `| ${c.strategy} | ${c.transport ?? 'none'} | ${c.workers} | ${core.formatMs(c.wallMs.median)} ` +
        `[${core.formatInterval(c.wallMs.ci95, core.formatMs)}] | ${speedup} | ${core.formatBytes(c.bytesMoved)} | ` +
        `${core.formatMs(c.movementMs)} |`,
    );
  }
  console.log();
}
