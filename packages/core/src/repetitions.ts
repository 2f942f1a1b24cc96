/**
 * The repetitions of a cell as the estimates use them. Each repetition is one fresh process; between-process
 * variation is the honest unit of noise, so a cell's time, its interval, its speedup and `compare`'s verdict are all
 * built on the medians of its ok repetitions (intervals.ts, verdict.ts).
 */
import type { Repetition } from './schema.js';

/** Ok repetitions every side needs for an interval at the nominal 95%, and for a compare verdict. */
export const MIN_REPETITIONS = 3;

/** The repetitions that finished ok with timings. */
export function okRepetitions(repetitions: readonly Repetition[]): Repetition[] {
  return repetitions.filter((rep) => rep.status === 'ok' && rep.medianMs !== null);
}

/**
 * The medians of the ok repetitions, in the order given. A median of 0 ms (below the timer's resolution) carries no
 * time to estimate from and is left out: the estimates work on logarithms.
 */
export function repetitionMedians(repetitions: readonly Repetition[]): number[] {
  return okRepetitions(repetitions)
    .map((rep) => rep.medianMs as number)
    .filter((ms) => ms > 0);
}
