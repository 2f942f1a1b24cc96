/**
 * Adaptive repetitions: when a cell has been measured precisely enough, and why a cell stopped getting more
 * processes. Precision is the relative half-width of the cell's 95% time interval (intervals.ts): 0.02 means the
 * interval reaches 2% either side of the estimate. The serial baseline aims at half the target, because every
 * speedup of its size divides by it: with both at their targets a speedup's interval is then about √(1 + 1/4) ≈ 1.12
 * times the cell's own precision instead of √2 ≈ 1.41 times.
 */
import { SERIAL_ID } from './cells.js';
import { NOMINAL_CONFIDENCE, timeInterval } from './intervals.js';
import { MIN_REPETITIONS } from './repetitions.js';

/** Why a cell got no more repetitions. */
export type StopReason = 'fixed repetitions' | 'precision reached' | 'max repetitions' | 'time cap';

export interface PrecisionSettings {
  /** Target relative half-width of a cell's 95% time interval (0.02 = ±2%). */
  precision: number;
  /** Repetitions every cell gets before precision is judged: enough for a 95% interval. */
  minRepetitions: number;
  /** No cell gets more than this. */
  maxRepetitions: number;
}

/** The serial baseline's share of the target (see the module comment). */
export const SERIAL_PRECISION_FACTOR = 0.5;

/** The precision a cell aims at: the run's target, or half of it for the serial baseline. */
export function targetFor(strategy: string, precision: number): number {
  return strategy === SERIAL_ID ? precision * SERIAL_PRECISION_FACTOR : precision;
}

/**
 * Relative half-width of the 95% time interval of these per-process medians, exp(t · s / √n) - 1; null while there
 * are too few processes for a 95% interval.
 */
export function relativeHalfWidth(medians: readonly number[]): number | null {
  if (medians.length < MIN_REPETITIONS) return null;
  const { estimate, interval, level } = timeInterval(medians, NOMINAL_CONFIDENCE);
  if (level === null || level < NOMINAL_CONFIDENCE) return null;
  return interval[1] / estimate - 1;
}

/**
 * Whether a cell needs another repetition, or why it stops. `attempted` counts every repetition run so far,
 * `medians` the per-process medians of the ok ones; a cell with a repetition that was not ok stops (`null`): more
 * processes would not make a failing cell a result.
 */
export function nextStep(
  strategy: string,
  attempted: number,
  medians: readonly number[],
  settings: PrecisionSettings,
): 'more' | Exclude<StopReason, 'fixed repetitions' | 'time cap'> | null {
  if (medians.length < attempted) return null;
  if (attempted < settings.minRepetitions) return 'more';
  const width = relativeHalfWidth(medians);
  if (width !== null && width <= targetFor(strategy, settings.precision)) return 'precision reached';
  if (attempted >= settings.maxRepetitions) return 'max repetitions';
  return 'more';
}
