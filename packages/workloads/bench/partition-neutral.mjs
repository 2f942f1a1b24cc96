// Does a workload cost the same whether a job arrives as one part or as many? It must, or strategies that split
// work would be compared on how V8 compiles one long loop rather than on parallelism. Prints, per workload, the
// time of one call over the whole size against the same size in 250k-unit slices (kernels with data: one part
// against four), measured in this one run.
// Usage: node packages/workloads/bench/partition-neutral.mjs [size]
import { builtinWorkloadUrls, dataWorkloadUrls } from '../dist/index.js';

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

// Kernels with data: the job at the quick preset's size as one part against four, each part on its own piece of the
// input as a strategy hands it out, the parts' results kept and combined as a cell does; the two forms interleaved,
// five warm-up rounds left out. A ratio above 1 handicaps serial (it always gets the job as one part).
const PIECES = 4;
const DATA_ROUNDS = 25;
for (const url of dataWorkloadUrls) {
  const workload = (await import(url)).default;
  const n = Math.max(...workload.sizes.quick);
  const input = workload.input(n, 7);
  const forms = [1, PIECES].map((parts) => {
    const slices = Array.from({ length: parts }, (_, i) => [
      Math.floor((i * n) / parts),
      Math.floor(((i + 1) * n) / parts),
    ]);
    return { slices, pieces: slices.map(([s, e]) => workload.slice(input, s, e, n)), times: [] };
  });
  for (let round = 0; round < DATA_ROUNDS + 5; round++) {
    for (const form of round % 2 ? forms : [...forms].reverse()) {
      const ms = timeIt(() => workload.combine(form.slices.map(([s, e], i) => workload.run(s, e, n, form.pieces[i]))));
      if (round >= 5) form.times.push(ms);
    }
  }
  const [one, many] = forms.map((form) => median(form.times));
  console.log(
    `${workload.id.padEnd(12)} size ${n}: one part ${one.toFixed(1)} ms, ${PIECES} parts ${many.toFixed(1)} ms, ` +
      `ratio ${(one / many).toFixed(2)} (1.00 = partition-neutral)`,
  );
}
