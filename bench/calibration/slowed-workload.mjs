/**
 * A workload made slower on purpose, for the injected-slowdown experiment (docs/statistics.md). It wraps the
 * workload named by its own URL's `target` parameter and, in every part, runs `extra` (a fraction, e.g. 0.15) of
 * that part's units a second time and throws the answer away: the same kind of CPU work, 15% more of it, on
 * whichever thread or process runs the part. Results and checksums are the target's, so correctness checks pass.
 * The extra range is taken from the middle of the part, so for workloads whose cost grows with the index (primes)
 * it costs about what an average unit of the part costs.
 */
const params = new URL(import.meta.url).searchParams;
const targetUrl = params.get('target');
const extra = Number(params.get('extra') ?? '0');
if (!targetUrl) throw new Error('slowed-workload.mjs: the module URL needs ?target=<workload URL>');
if (!(Number.isFinite(extra) && extra >= 0)) throw new Error(`slowed-workload.mjs: extra must be >= 0, got ${extra}`);

const target = (await import(targetUrl)).default;

/** Results of the extra work end up here, so that no compiler may decide the work is dead. */
let sink = null;

export default {
  ...target,
  run(start, end, size) {
    const result = target.run(start, end, size);
    const burn = Math.round((end - start) * extra);
    if (burn > 0) {
      const from = start + Math.floor((end - start - burn) / 2);
      sink = target.run(from, from + burn, size);
    }
    return result;
  },
  /** For tests: the last thrown-away result. */
  lastDiscarded: () => sink,
};
