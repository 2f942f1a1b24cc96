/**
 * Adaptive repetitions: when a cell has been measured precisely enough, and why a cell stopped getting more
 * processes. Precision is the relative half-width of the cell's 95% time interval (intervals.ts): 0.02 means the
 * interval reaches 2% either side of the estimate.
 *
 * The serial baseline is held to half the target, from Welch's interval of a speedup (intervals.ts): on the log
 * scale its half-width is t_ν · √(s²_serial/n_serial + s²_cell/n_cell), and with ν at least each side's degrees of
 * freedom that is at most √(h²_serial + h²_cell), h being each side's own half-width. With the cell at the target p
 * and serial at p/2 every speedup of the size is then known to about √(1 + 1/4) ≈ 1.12 p; with serial at p too it
 * would be √2 ≈ 1.41 p, for every speedup at once. Halving a width takes about four times the processes, so the
 * serial baseline may also have twice the run's maximum of repetitions: one serial cell per size, against the
 * strategies × worker counts that divide by it.
 */
import { SERIAL_ID } from './cells.js';
import { NOMINAL_CONFIDENCE, timeInterval } from './intervals.js';
import { MIN_REPETITIONS } from './repetitions.js';
import type { RunConfig, StopReason } from './schema.js';

export interface PrecisionSettings {
  /** Target relative half-width of a cell's 95% time interval (0.02 = ±2%). */
  precision: number;
  /** Repetitions every cell gets before precision is judged. */
  minRepetitions: number;
  /** No cell other than the serial baseline gets more than this (it gets SERIAL_REPETITIONS_FACTOR times it). */
  maxRepetitions: number;
}

/** The serial baseline's share of the target (see the module comment). */
export const SERIAL_PRECISION_FACTOR = 0.5;
/** How many times the run's maximum of repetitions the serial baseline may get (see the module comment). */
export const SERIAL_REPETITIONS_FACTOR = 2;

/** The precision settings of a run's configuration, or null when every cell gets a fixed number of repetitions. */
export function precisionSettings(config: RunConfig): PrecisionSettings | null {
  if (config.precision === null || config.precision === undefined) return null;
  return {
    precision: config.precision,
    minRepetitions: config.repetitions,
    maxRepetitions: Math.max(config.maxRepetitions ?? config.repetitions, config.repetitions),
  };
}

/** The precision a cell aims at: the run's target, or half of it for the serial baseline. */
export function targetFor(strategy: string, precision: number): number {
  return strategy === SERIAL_ID ? precision * SERIAL_PRECISION_FACTOR : precision;
}

/** The most repetitions a cell gets: the run's maximum, or twice it for the serial baseline. */
export function maxRepetitionsFor(strategy: string, maxRepetitions: number): number {
  return strategy === SERIAL_ID ? maxRepetitions * SERIAL_REPETITIONS_FACTOR : maxRepetitions;
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
 * processes would not make a failing cell a result. The time cap is the run's to decide, not the cell's.
 */
export function nextStep(
  strategy: string,
  attempted: number,
  medians: readonly number[],
  settings: PrecisionSettings,
): 'more' | Exclude<StopReason, 'time cap'> | null {
  if (medians.length < attempted) return null;
  if (attempted < settings.minRepetitions) return 'more';
  const width = relativeHalfWidth(medians);
  if (width !== null && width <= targetFor(strategy, settings.precision)) return 'precision reached';
  if (attempted >= maxRepetitionsFor(strategy, settings.maxRepetitions)) return 'max repetitions';
  return 'more';
}
