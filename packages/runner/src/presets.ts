/**
 * Measurement presets. `quick` answers "does everything work and roughly how does it scale" in about a minute;
 * `full` is the run to publish: larger sizes, at least three fresh processes per cell for between-process
 * intervals, and more for the cells whose interval is still wider than ±2% (docs/statistics.md says why 2%).
 */
import type { RunConfig } from '@coresweep/core';
import type { MeasureSettings } from './protocol.js';

export type PresetName = 'quick' | 'full';

/** What a preset decides: the configuration's measurement fields, under the configuration's own names. */
export type Preset = Pick<RunConfig, 'repetitions' | 'warmupIterations' | 'minIterations' | 'timeBudgetMs'> & {
  /** Target relative half-width of a cell's interval; null: a fixed number of repetitions. */
  precision: number | null;
  /** With a precision target, the most repetitions a cell gets. */
  maxRepetitions: number;
};

export const PRESETS: Record<PresetName, Preset> = {
  quick: {
    repetitions: 1,
    precision: null,
    maxRepetitions: 1,
    warmupIterations: 3,
    minIterations: 5,
    timeBudgetMs: 100,
  },
  full: {
    repetitions: 3,
    precision: 0.02,
    maxRepetitions: 10,
    warmupIterations: 3,
    minIterations: 5,
    timeBudgetMs: 500,
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
