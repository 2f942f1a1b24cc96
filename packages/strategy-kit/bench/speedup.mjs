#!/usr/bin/env node
/**
 * Warm speedup of every parallel strategy over serial, measured in ONE process run so all strategies see the same
 * machine state. Not a test: it asserts nothing, it prints numbers.
 *
 *   npx turbo run build && node packages/strategy-kit/bench/speedup.mjs [--size N] [--workers N] [--parts N]
 *     [--runs N] [--warmup N] [--strategies a,b]
 *
 * Protocol: every executor is started first (cold start = start() -> first run() resolved, reported apart), then
 * warm-up runs, then `runs` timed rounds; in each round every strategy runs once, in a rotating order, so load
 * drift hits all strategies alike. Every result's checksum is checked against serial's. Reported: median wall time,
 * speedup = serial median / strategy median, and that speedup as a fraction of the worker count.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { median, partition as splitEvenly } from '@coresweep/core';
import { builtinWorkloadUrls } from '@coresweep/workloads';
import { closeAll, loadStrategies } from './strategies.mjs';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '300000000' },
    workers: { type: 'string', default: String(availableParallelism()) },
    parts: { type: 'string' },
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '3' },
    strategies: { type: 'string' },
  },
});
const size = Number(values.size);
const workers = Number(values.workers);
// A few parts per worker: dynamic hand-out then evens out a core that a noisy neighbour slows down, at the cost of
// one round trip (well under a millisecond) per part.
const partCount = Number(values.parts ?? workers * 4);
const runs = Number(values.runs);
const warmup = Number(values.warmup);
/** Optional comma-separated ids to measure (serial is always measured: it is the baseline). */
const only = values.strategies ? new Set(['serial', ...values.strategies.split(',')]) : undefined;

const workloadUrl = builtinWorkloadUrls.find((url) => url.endsWith('/do-math.js'));
const workload = (await import(workloadUrl)).default;
const parts = splitEvenly(size, partCount);
const strategies = await loadStrategies({ only, first: ['serial'], target: { workload: workload.id, size } });
const controller = new AbortController();

console.log(
  `do-math size=${size} workers=${workers} parts=${partCount} runs=${runs} warmup=${warmup} | ` +
    `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, availableParallelism=${availableParallelism()}, ` +
    `load=${loadavg()
      .map((l) => l.toFixed(2))
      .join('/')} | node ${process.version}`,
);

if (loadavg()[0] > 0.5) {
  // With Linux autogroup scheduling a busy neighbour session holds its fair share of the cores, so a parallel
  // strategy is capped near that share while serial barely notices: ratios measured now understate the strategies.
  console.warn(`warning: the machine is not idle (1-minute load ${loadavg()[0].toFixed(2)}); ratios will be low`);
}

let reference;
const timedRun = async (bench) => {
  const t0 = performance.now();
  const results = await bench.executor.run(size, parts);
  const ms = performance.now() - t0;
  const checksum = workload.checksum(workload.combine(results, size));
  reference ??= checksum;
  if (checksum !== reference) throw new Error(`${bench.strategy.id}: wrong result ${checksum} != ${reference}`);
  return ms;
};

const benches = [];
try {
  // Cold: start() then the first run, one strategy at a time so spawns do not compete with each other.
  for (const strategy of strategies) {
    const t0 = performance.now();
    const executor = await strategy.start({ workload: workloadUrl, workers, signal: controller.signal });
    const startMs = performance.now() - t0;
    const bench = { strategy, executor, startMs, firstRunMs: 0, samples: [] };
    bench.firstRunMs = await timedRun(bench);
    benches.push(bench);
  }
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < benches.length; k++) {
      const bench = benches[(round + k) % benches.length];
      const ms = await timedRun(bench);
      if (round >= warmup) bench.samples.push(ms);
    }
  }
} finally {
  await closeAll(benches);
}

const serialMedian = median(benches[0].samples);
const rows = benches.map((b) => {
  const warm = median(b.samples);
  const speedup = serialMedian / warm;
  return {
    strategy: b.strategy.id,
    'warm median ms': warm.toFixed(1),
    'min..max ms': `${Math.min(...b.samples).toFixed(0)}..${Math.max(...b.samples).toFixed(0)}`,
    speedup: `${speedup.toFixed(3)}x`,
    'x workers': (speedup / workers).toFixed(3),
    // Best case of each: closest to what the strategy can do when no neighbour steals a core.
    'speedup of mins': `${(Math.min(...benches[0].samples) / Math.min(...b.samples)).toFixed(3)}x`,
    'start() ms': b.startMs.toFixed(1),
    'cold: start->1st result ms': (b.startMs + b.firstRunMs).toFixed(1),
  };
});
console.table(rows);
console.log(
  `checksum ${reference} (every run matched); load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join('/')}`,
);
