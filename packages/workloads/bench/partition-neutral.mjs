// Does a workload cost the same whether a job arrives as one part or as many? It must, or strategies that split
// work would be compared on how V8 compiles one long loop rather than on parallelism. Prints, per workload, the
// time of one call over the whole size against the same size in 250k-unit slices, measured in this one run.
// Usage: node packages/workloads/bench/partition-neutral.mjs [size]
import { builtinWorkloadUrls } from '../dist/index.js';

const size = Number(process.argv[2] ?? 100_000_000);
const SLICE = 250_000;
const ROUNDS = 5;

function timeIt(fn) {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

for (const url of builtinWorkloadUrls) {
  const workload = (await import(url)).default;
  const n = workload.id === 'primes' ? Math.min(size, 10_000_000) : size;
  const whole = [];
  const sliced = [];
  for (let round = 0; round < ROUNDS; round++) {
    whole.push(timeIt(() => workload.run(0, n, n)));
    sliced.push(
      timeIt(() => {
        for (let at = 0; at < n; at += SLICE) workload.run(at, Math.min(at + SLICE, n), n);
      }),
    );
  }
  const ratio = median(whole) / median(sliced);
  console.log(
    `${workload.id.padEnd(8)} size ${n}: one call ${median(whole).toFixed(0)} ms, ${SLICE}-unit slices ` +
      `${median(sliced).toFixed(0)} ms, ratio ${ratio.toFixed(2)} (1.00 = partition-neutral)`,
  );
}
