/**
 * Measurement presets. `quick` answers "does everything work and roughly how does it scale" in a couple of minutes;
 * `full` is the run to publish: larger sizes, every worker count up to twice the cores, at least three fresh
 * processes per cell for between-process intervals, and more for the cells whose interval is still wider than ±2%
 * (docs/statistics.md says why 2%). Each preset is a time budget as much as a matrix: seven workloads, ten
 * strategies and five transports multiply into thousands of cells, so a preset picks the default of each axis and
 * the options open the rest (docs/architecture.md, "What a preset runs").
 */
import { DEFAULT_TRANSPORTS, type RunConfig, type Transport } from '@coresweep/core';
import { defaultWorkerCounts } from './plan.js';
import type { MeasureSettings } from './protocol.js';

export type PresetName = 'quick' | 'full';

/** What a preset decides: the configuration's measurement fields, under the configuration's own names. */
export type Preset = Pick<RunConfig, 'repetitions' | 'warmupIterations' | 'minIterations' | 'timeBudgetMs'> & {
  /** Target relative half-width of a cell's interval; null: a fixed number of repetitions. */
  precision: number | null;
  /** With a precision target, the most repetitions a cell gets. */
  maxRepetitions: number;
  /** The worker counts when `--workers` is not given, from the usable cores. */
  workers(usableCores: number): number[];
  /** The transports of workloads with data when `--transports` is not given (each strategy runs those it supports). */
  transports: Transport[];
};

/** One worker and one per usable core: the two points that say whether a strategy scales at all. */
function endsOnly(usableCores: number): number[] {
  return usableCores > 1 ? [1, usableCores] : [1];
}

export const PRESETS: Record<PresetName, Preset> = {
  quick: {
    repetitions: 1,
    precision: null,
    maxRepetitions: 1,
    warmupIterations: 3,
    minIterations: 5,
    timeBudgetMs: 100,
    workers: endsOnly,
    transports: [...DEFAULT_TRANSPORTS],
  },
  full: {
    repetitions: 3,
    precision: 0.02,
    maxRepetitions: 10,
    // The cold run has already run the job once; warm-up adds at least one more run and at least half the time
    // budget, so a small job still gets many calls before V8 optimises it while a job of a second no longer spends
    // three seconds warming up. The per-process median of three timed runs (or 250 ms of them) is enough:
    // between-process variation dominates a cell's interval (docs/statistics.md), and the precision target adds
    // processes where it does not; a longer budget would only lengthen every small cell's process.
    warmupIterations: 1,
    minIterations: 3,
    timeBudgetMs: 250,
    workers: defaultWorkerCounts,
    transports: [...DEFAULT_TRANSPORTS],
  },
};

/**
 * Default per-repetition timeout, derived from the serial reference time of the cell's size: process start and
 * strategy start-up allowance plus ten times what the cold, warm-up and timed runs would take serially.
 */
export function defaultTimeoutMs(referenceRunMs: number, settings: MeasureSettings): number {
  const runs = 1 + settings.warmupIterations + settings.minIterations;
  return 30_000 + 10 * (runs * referenceRunMs + settings.timeBudgetMs);
}
