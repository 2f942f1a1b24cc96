/**
 * A rough run-time forecast made before anything expensive runs, so that a matrix which would take days is caught
 * at once. Each workload is timed in this process at two small sizes; a power law through the two points
 * extrapolates to the requested sizes (linear work gives exponent 1, trial division about 1.5).
 */
import type { Workload } from '@coresweep/core';

export type CostModel = (size: number) => number;

/** A clock in milliseconds; tests pass their own. */
export type Clock = () => number;

/**
 * The fastest of a few runs: a run the scheduler preempted is slow for reasons that have nothing to do with its size,
 * and one such run at a probe size would be extrapolated into a forecast of days on a busy machine.
 */
function timeRun(workload: Workload, size: number, now: Clock, tries = 3): number {
  // A workload with data gets its input as a cell would (generated before timing; the seed does not matter here).
  const input = workload.input?.(size, 1);
  const whole = input !== undefined && workload.slice ? workload.slice(input, 0, size, size) : input;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tries; i++) {
    const started = now();
    workload.run(0, size, size, whole);
    best = Math.min(best, now() - started);
  }
  return best;
}

/**
 * Times the workload at growing sizes until a run takes at least `minMs`, then fits t = a * size^k. It starts at
 * 4096 units; a kernel with data starts at its smallest preset size when that is smaller: its unit may be a block of
 * kilobytes, and 4096 of them already a large job.
 */
export function probeCost(
  workload: Workload,
  minMs = 20,
  maxSize = 1 << 24,
  now: Clock = () => performance.now(),
): CostModel {
  let size = workload.input ? Math.max(4, Math.min(1 << 12, ...workload.sizes.quick, ...workload.sizes.full)) : 1 << 12;
  let ms = timeRun(workload, size, now);
  while (ms < minMs && size < maxSize) {
    size *= 4;
    ms = timeRun(workload, size, now);
  }
  const smaller = size / 4;
  const smallerMs = Math.max(timeRun(workload, smaller, now), 1e-3);
  const exponent = Math.min(2, Math.max(1, Math.log(ms / smallerMs) / Math.log(4)));
  return (target) => ms * (target / size) ** exponent;
}

export interface EstimateInput {
  /** Per planned repetition: the predicted serial time of one run of its size. */
  runMs: number[];
  runsPerRepetition: number;
  timeBudgetMs: number;
  /** Process start, imports and strategy start-up per repetition. */
  overheadMs?: number;
}

/** Total forecast in ms: each repetition costs its overhead plus its timed and warm-up runs or the time budget. */
export function estimateTotalMs(input: EstimateInput): number {
  const overhead = input.overheadMs ?? 400;
  return input.runMs.reduce(
    (sum, runMs) => sum + overhead + Math.max(input.timeBudgetMs * 1.5, input.runsPerRepetition * runMs),
    0,
  );
}
