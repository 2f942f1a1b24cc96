/**
 * The repetitions of a cell as the estimates use them. Each repetition is one fresh process; between-process
 * variation is the honest unit of noise, so with enough ok repetitions a cell's time (and `compare`'s test) is built
 * on their medians, and with fewer on the pooled warm samples, which understate that noise.
 */
import type { Repetition } from './schema.js';

/** Fewer ok repetitions than this and estimates fall back to the pooled warm samples. */
export const MIN_REPETITIONS = 3;

/** The repetitions that finished ok with timings. */
export function okRepetitions(repetitions: readonly Repetition[]): Repetition[] {
  return repetitions.filter((rep) => rep.status === 'ok' && rep.medianMs !== null);
}

/** The medians of the ok repetitions, in the order given. */
export function repetitionMedians(repetitions: readonly Repetition[]): number[] {
  return okRepetitions(repetitions).map((rep) => rep.medianMs as number);
}
