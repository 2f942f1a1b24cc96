#!/usr/bin/env node
/**
 * Dispatch cost like with like: every pool at the same batching. dispatch.mjs compares worker-threads, whose threads
 * claim up to 64 parts in one atomic step, with pools that send one message per part; that mixes two things, the
 * dispatch mechanism and the batching. Here every pool gets the same number of parts per dispatch step, in ONE
 * process run (all rows see the same machine). Not a test: it asserts nothing, it prints numbers.
 *
 *   npx turbo run build && node packages/strategy-kit/bench/batching.mjs [--size N] [--workers N]
 *     [--parts 10000,100000] [--batch 1,64] [--runs N] [--warmup N] [--strategies a,b]
 *
 * For each part count and each batch B, do-math at `size` units split into `parts` even parts is run by:
 * - every discovered pool (piscina, tinypool, poolifier, child-process, cluster, …), unchanged: with B = 1 each part
 *   is one task or message; with B > 1 the pool is given batched-do-math.mjs, whose every part is a batch of B
 *   consecutive parts, so each task or message carries B parts and one array of B results back;
 * - `worker-threads/claim-1`: worker-threads with one part per atomic claim (createWorkerThreads({ maxClaim: 1 })),
 *   given the same parts or batches: its dispatch step is a claim of one part, or of one batch;
 * - `worker-threads` as it ships (guided claims of up to 64 parts) on the plain parts: its own batching, printed
 *   beside the others for reference, not part of the like-with-like comparison;
 * - serial, for the compute baseline (the plain parts, one call each).
 * Rounds rotate the order of the rows so load drift hits all alike; every result's checksum is checked against the
 * unpartitioned serial reference.
 *
 * Printed per part count and batch: median wall time, per-part overhead (T - T_serial / workers) / parts with
 * T_serial the serial median at that part count, and parts/s relative to piscina at the same batching.
 */
import { median, partition as splitEvenly } from '@coresweep/core';
import { benchOptions, doMathAt, exitWithUsageError, printHeader } from './setup.mjs';
import { closeAll, formatRate, loadAverages, loadStrategies } from './strategies.mjs';

const { values, size, workers, runs, warmup } = benchOptions(
  'batching',
  { size: '100000000', runs: '5', warmup: '2' },
  { parts: { type: 'string', default: '10000,100000' }, batch: { type: 'string', default: '1,64' } },
);
const list = (name) => {
  const counts = values[name].split(',').map(Number);
  const bad = counts.find((n) => !Number.isSafeInteger(n) || n < 1);
  if (bad !== undefined) exitWithUsageError('batching', `--${name} must be whole numbers >= 1, got ${bad}`);
  return counts;
};
const partCounts = list('parts');
const batches = list('batch');
/** Optional comma-separated ids of pools to measure (piscina, the yardstick of the ratios, is always measured). */
const only = values.strategies
  ? new Set(['serial', 'piscina', 'worker-threads', ...values.strategies.split(',')])
  : undefined;

const { url: plainUrl, workload: doMath, reference } = await doMathAt(size);
const batchedUrl = `${new URL('./batched-do-math.mjs', import.meta.url).href}?size=${size}`;
const batched = (await import(batchedUrl)).default;

const { createWorkerThreads } = await import(
  new URL('../../strategies/worker-threads/dist/index.js', import.meta.url).href
);
const claimOne = { ...createWorkerThreads({ maxClaim: 1 }), id: 'worker-threads/claim-1' };
// A pool that cannot run the batched job here (the Python pools: no CPython twin) is left out.
const discovered = await loadStrategies({ only, first: ['serial', 'piscina'], target: { workload: batched.id, size } });
const serial = discovered.find((s) => s.id === 'serial');
const native = discovered.find((s) => s.id === 'worker-threads');
/** The pools compared like with like: everything parallel but worker-threads as it ships, plus its claim-1 form. */
const pools = [...discovered.filter((s) => s !== serial && s !== native), claimOne];

printHeader(
  'batching',
  `do-math size=${size} workers=${workers} parts=${partCounts.join(',')} batch=${batches.join(',')} ` +
    `runs=${runs} warmup=${warmup}`,
);

/** A row of the measurement: a started executor, the workload it was started on, and how it is called. */
const benches = [];
async function bench(label, strategy, workloadUrl) {
  const signal = new AbortController().signal; // one each: a dozen executors would exceed one signal's listener limit
  const executor = await strategy.start({ workload: workloadUrl, workers, signal });
  const row = { label, strategy, executor, batchedInput: workloadUrl === batchedUrl };
  benches.push(row);
  return row;
}

/** One timed run of `row` over `count` parts in batches of `batch`; the checksum must be the reference. */
async function timedRun(row, count, batch) {
  const useBatches = row.batchedInput;
  const ranges = useBatches ? batchRanges(count, batch) : splitEvenly(size, count);
  const t0 = performance.now();
  const results = await row.executor.run(useBatches ? count : size, ranges);
  const ms = performance.now() - t0;
  const checksum = useBatches
    ? batched.checksum(batched.combine(results, count))
    : doMath.checksum(doMath.combine(results, size));
  if (checksum !== reference) throw new Error(`${row.label}: wrong result ${checksum} != ${reference}`);
  return ms;
}

/** Part indices [0, count) in consecutive batches of `batch` (the last one shorter). */
function batchRanges(count, batch) {
  const ranges = [];
  for (let first = 0; first < count; first += batch) ranges.push([first, Math.min(count, first + batch)]);
  return ranges;
}

/** samples.get(`${label}|${count}|${batch}`) = ms[] */
const samples = new Map();
const key = (label, count, batch) => `${label}|${count}|${batch}`;
try {
  const serialRow = await bench('serial', serial, plainUrl);
  const nativeRow = native ? await bench('worker-threads (its own claims, up to 64)', native, plainUrl) : undefined;
  const plainRows = [];
  const batchedRows = [];
  for (const pool of pools) {
    plainRows.push(await bench(pool.id, pool, plainUrl));
    if (batches.some((b) => b > 1)) batchedRows.push(await bench(pool.id, pool, batchedUrl));
  }
  for (const count of partCounts) {
    for (const batch of batches) {
      // serial and native worker-threads do not depend on the batch: measured once per part count, with the first.
      const rows = [
        ...(batch === batches[0] ? [serialRow, ...(nativeRow ? [nativeRow] : [])] : []),
        ...(batch === 1 ? plainRows : batchedRows),
      ];
      const t0 = performance.now();
      for (let round = 0; round < warmup + runs; round++) {
        for (let k = 0; k < rows.length; k++) {
          const row = rows[(round + k) % rows.length];
          const ms = await timedRun(row, count, batch);
          if (round < warmup) continue;
          const id = key(row.label, count, row === serialRow || row === nativeRow ? 'any' : batch);
          samples.set(id, [...(samples.get(id) ?? []), ms]);
        }
      }
      console.error(
        `  ${count} parts, batch ${batch}: measured in ${((performance.now() - t0) / 1000).toFixed(1)} s, load ${loadAverages()}`,
      );
    }
  }
} finally {
  await closeAll(benches);
}

const med = (label, count, batch) => median(samples.get(key(label, count, batch)) ?? [Number.NaN]);

for (const count of partCounts) {
  const serialMs = med('serial', count, 'any');
  const share = serialMs / workers;
  const line = (label, t, piscina) => ({
    strategy: label,
    'median ms': t.toFixed(1),
    'parts/s': formatRate(count / (t / 1000)),
    'overhead us/part': (((t - share) * 1000) / count).toFixed(2),
    'speedup vs serial': `${(serialMs / t).toFixed(2)}x`,
    'vs piscina': Number.isNaN(piscina) ? '-' : `${(piscina / t).toFixed(2)}x`,
  });
  for (const batch of batches) {
    const piscina = med('piscina', count, batch);
    console.log(
      `\n${count} parts of ~${Math.round(size / count)} units, ${batch} part(s) per dispatch step for every pool ` +
        `(serial ${serialMs.toFixed(1)} ms)`,
    );
    console.table(pools.map((pool) => line(pool.id, med(pool.id, count, batch), piscina)));
  }
  if (native) {
    const label = 'worker-threads (its own claims, up to 64)';
    console.log(`\n${count} parts, worker-threads as it ships (guided claims of up to 64 parts; not like with like)`);
    console.table(
      batches.map((batch) => ({
        batch: `vs piscina at batch ${batch}`,
        ...line(label, med(label, count, 'any'), med('piscina', count, batch)),
      })),
    );
  }
}
console.log(`\nchecksum ${reference} (every run matched); load after: ${loadAverages()}`);
