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
 * drift hits all strategies alike. Every result's checksum is checked against the unpartitioned serial reference.
 * Reported: median wall time, speedup = serial median / strategy median, and that speedup as a fraction of the
 * worker count.
 */
import { median, partition as splitEvenly } from '@coresweep/core';
import { benchOptions, doMathAt, exitWithUsageError, printHeader } from './setup.mjs';
import { closeAll, loadAverages, loadStrategies } from './strategies.mjs';

const { values, size, workers, runs, warmup } = benchOptions(
  'speedup',
  { size: '300000000', runs: '7', warmup: '3' },
  { parts: { type: 'string' } },
);
// A few parts per worker: dynamic hand-out then evens out a core that a noisy neighbour slows down, at the cost of
// one round trip (well under a millisecond) per part.
const partCount = Number(values.parts ?? workers * 4);
if (!Number.isSafeInteger(partCount) || partCount < 1) {
  exitWithUsageError('speedup', `--parts must be a whole number >= 1, got ${values.parts}`);
}
/** Optional comma-separated ids to measure (serial is always measured: it is the baseline). */
const only = values.strategies ? new Set(['serial', ...values.strategies.split(',')]) : undefined;

const doMath = await doMathAt(size);
const { url: workloadUrl, workload, reference } = doMath;
const parts = splitEvenly(size, partCount);
const strategies = await loadStrategies({ only, first: ['serial'], target: { workload: workload.id, size } });
const controller = new AbortController();

printHeader('speedup', `do-math size=${size} workers=${workers} parts=${partCount} runs=${runs} warmup=${warmup}`);

const timedRun = (bench) => doMath.timedRun(bench.executor, parts, bench.strategy.id);

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
console.log(`checksum ${reference} (every run matched); load after: ${loadAverages()}`);
