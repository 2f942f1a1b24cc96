#!/usr/bin/env node
/**
 * Dispatch cost of every strategy: do-math at one fixed total size split into ever finer parts, measured in ONE
 * process run so all strategies see the same machine state. Not a test: it asserts nothing, it prints numbers.
 *
 *   npx turbo run build && node packages/strategy-kit/bench/dispatch.mjs [--size N] [--workers N]
 *     [--parts coarse,1000,10000,100000] [--runs N] [--warmup N] [--strategies a,b] [--no-reference]
 *
 * Protocol: every executor is started first (workers = availableParallelism() unless --workers), then for each
 * partition: `warmup` untimed rounds (JIT warm-up of both sides of the dispatch), then `runs` timed rounds; in each
 * round every strategy runs once, in a rotating order, so load drift hits all strategies alike. Every result's
 * checksum is checked against the unpartitioned serial reference. `coarse` is one part per worker.
 *
 * Reported per strategy and partition: median wall time, parts per second, per-part overhead
 * (T - T_serial / workers) / parts — the time a part costs beyond its share of the pure compute, with T_serial the
 * serial median at the partition with the fewest parts — and the ratio of parts/s to piscina's (> 1: faster than piscina).
 *
 * Besides the discovered strategies, a reference row `kit-pool-threads` runs the strategy kit's generic pool over
 * worker threads: one message per part and one reply per part, the design worker-threads used before it dispatched
 * through shared memory (and the design child-process and cluster still use, over IPC). --no-reference drops it.
 */
import { Worker } from 'node:worker_threads';
import { median, partition as splitEvenly } from '@coresweep/core';
import { benchOptions, doMathAt, exitWithUsageError, printHeader } from './setup.mjs';
import { closeAll, formatRate, loadAverages, loadStrategies } from './strategies.mjs';

const { values, size, workers, runs, warmup } = benchOptions(
  'dispatch',
  { size: '100000000', runs: '5', warmup: '2' },
  {
    parts: { type: 'string', default: 'coarse,1000,10000,100000' },
    'no-reference': { type: 'boolean', default: false },
  },
);
const partitions = values.parts
  .split(',')
  .map((p) => (p === 'coarse' ? { name: 'coarse', count: workers } : { name: p, count: Number(p) }));
for (const p of partitions) {
  if (!Number.isSafeInteger(p.count) || p.count < 1)
    exitWithUsageError('dispatch', `--parts: bad part count ${p.name}`);
}
/** Optional comma-separated ids to measure (serial and piscina are always measured: they are the baselines). */
const only = values.strategies ? new Set(['serial', 'piscina', ...values.strategies.split(',')]) : undefined;

const kitUrl = new URL('../dist/index.js', import.meta.url).href;

/** The kit's generic pool over worker threads: one postMessage per part, one reply per part. */
const kitPoolThreads = {
  id: 'kit-pool-threads',
  title: 'kit pool over worker threads (one message per part; reference)',
  parallelism: 'threads',
  async start(ctx) {
    const { startPool, threadLink } = await import(kitUrl);
    const source =
      "const { workerData } = require('node:worker_threads');" +
      'import(workerData.kitUrl).then((kit) => kit.serveWorkload(kit.threadChannel(), workerData.workloadUrl));';
    return startPool(ctx, {
      name: 'kit-pool-threads',
      spawn: (_index, workloadUrl) =>
        threadLink(new Worker(source, { eval: true, workerData: { kitUrl, workloadUrl } })),
    });
  },
};

const doMath = await doMathAt(size);
const { url: workloadUrl, workload, reference } = doMath;
const strategies = await loadStrategies({
  only,
  first: ['serial', 'piscina'],
  extra: values['no-reference'] ? [] : [kitPoolThreads],
  target: { workload: workload.id, size },
});
const controller = new AbortController();

printHeader(
  'dispatch',
  `do-math size=${size} workers=${workers} parts=${partitions.map((p) => p.name).join(',')} ` +
    `runs=${runs} warmup=${warmup}`,
);

const timedRun = (bench, parts) => doMath.timedRun(bench.executor, parts, bench.strategy.id);

const benches = [];
/** samples[strategy][partition] = ms[] */
const samples = new Map();
try {
  for (const strategy of strategies) {
    const t0 = performance.now();
    const executor = await strategy.start({ workload: workloadUrl, workers, signal: controller.signal });
    benches.push({ strategy, executor, startMs: performance.now() - t0 });
    samples.set(strategy.id, new Map());
  }
  for (const partition of partitions) {
    const parts = splitEvenly(size, partition.count);
    const t0 = performance.now();
    for (let round = 0; round < warmup + runs; round++) {
      for (let k = 0; k < benches.length; k++) {
        const bench = benches[(round + k) % benches.length];
        const ms = await timedRun(bench, parts);
        if (round < warmup) continue;
        const byPartition = samples.get(bench.strategy.id);
        byPartition.set(partition.name, [...(byPartition.get(partition.name) ?? []), ms]);
      }
    }
    console.error(
      `  ${partition.name}: measured in ${((performance.now() - t0) / 1000).toFixed(1)} s, load ${loadAverages()}`,
    );
  }
} finally {
  await closeAll(benches);
}

const med = (id, partition) => median(samples.get(id)?.get(partition) ?? [Number.NaN]);
// Serial at the fewest parts is (nearly) pure compute: the baseline every strategy's share is measured against.
const fewest = partitions.reduce((a, b) => (b.count < a.count ? b : a));
const serialCompute = med('serial', fewest.name);
const computeShare = serialCompute / workers;

for (const partition of partitions) {
  const piscina = med('piscina', partition.name);
  const rows = benches.map(({ strategy }) => {
    const xs = samples.get(strategy.id).get(partition.name);
    const t = median(xs);
    const share = strategy.id === 'serial' ? serialCompute : computeShare;
    return {
      strategy: strategy.id,
      'median ms': t.toFixed(1),
      'min..max ms': `${Math.min(...xs).toFixed(0)}..${Math.max(...xs).toFixed(0)}`,
      'parts/s': formatRate(partition.count / (t / 1000)),
      'overhead us/part': (((t - share) * 1000) / partition.count).toFixed(2),
      'speedup vs serial': `${(serialCompute / t).toFixed(2)}x`,
      'vs piscina': Number.isNaN(piscina) ? '-' : `${(piscina / t).toFixed(2)}x`,
    };
  });
  console.log(`\n${partition.name} (${partition.count} parts of ~${Math.round(size / partition.count)} units)`);
  console.table(rows);
}

// One line per strategy: parts/s relative to piscina at every partition, the figure issue #7 asks about.
const summary = benches.map(({ strategy }) => {
  const row = { strategy: strategy.id };
  for (const partition of partitions) {
    const ratio = med('piscina', partition.name) / med(strategy.id, partition.name);
    // A label that is not an integer keeps the columns in partition order (integer keys would sort first).
    const label = partition.name === 'coarse' ? 'coarse' : `${partition.name} parts`;
    row[label] = Number.isNaN(ratio) ? '-' : `${ratio.toFixed(2)}x`;
  }
  return row;
});
console.log('\nparts/s relative to piscina (> 1: faster than piscina)');
console.table(summary);
console.log(
  `serial compute (${fewest.name} median) ${serialCompute.toFixed(1)} ms; start() ms: ${benches
    .map((b) => `${b.strategy.id} ${b.startMs.toFixed(0)}`)
    .join(', ')}`,
);
console.log(`checksum ${reference} (every run matched); load after: ${loadAverages()}`);
