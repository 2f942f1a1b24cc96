/**
 * Where a run's time went: every repetition's phases (schema.ts, PhasesSchema) summed over the cells. It answers
 * what a run pays for besides the timed runs its estimates are made of — starting processes, starting strategies,
 * warm-up — and so where a run can be made cheaper without measuring less.
 */
import type { Cell, Phases, ResultFile } from './schema.js';

export type TimeSpent = NonNullable<ResultFile['timeSpent']>;

const PHASES = [
  'processMs',
  'startMs',
  'firstRunMs',
  'warmupMs',
  'timedMs',
  'closeMs',
] as const satisfies readonly (keyof Phases)[];

/** The phases of every repetition of these cells, summed; repetitions without phases count as `otherMs`. */
export function timeSpent(cells: readonly Cell[]): TimeSpent {
  const phases: Phases = { processMs: 0, startMs: 0, firstRunMs: 0, warmupMs: 0, timedMs: 0, closeMs: 0 };
  let repetitionsMs = 0;
  let otherMs = 0;
  for (const cell of cells) {
    for (const rep of cell.repetitions) {
      repetitionsMs += rep.durationMs;
      if (!rep.phases) {
        otherMs += rep.durationMs;
        continue;
      }
      for (const phase of PHASES) phases[phase] += rep.phases[phase];
    }
  }
  return { repetitionsMs, phases, otherMs };
}
