/**
 * Adaptive repetitions, the runner's side: after the planned rounds (every cell's minimum), rounds of one more
 * repetition each for the cells whose interval is still wider than their target, interleaved in a seeded shuffled
 * order like the first rounds, until every cell has stopped or the run's time cap ends the rounds. Which cells need
 * more is core's decision (precision.ts: nextStep); this module decides only when the run stops adding rounds.
 *
 * Everything is derived from the repetitions collected so far, the ones a resumed run read back included: a
 * resumed run picks the loop up where the interrupted one left it, and its time cap counts the time the first one
 * spent.
 */
import {
  cellKey,
  createRandom,
  maxRepetitionsFor,
  nextStep,
  type PrecisionSettings,
  precisionSettings,
  type Repetition,
  type RunConfig,
  repetitionMedians,
  type StopReason,
  shuffled,
} from '@coresweep/core';
import type { PlannedCell, PlannedRun } from './plan.js';

/** The repetitions a run collected so far, by cell key. */
export type RepetitionsByCell = ReadonlyMap<string, readonly Repetition[]>;

/** Process time (ms) the run's repetitions took in all: what the time cap is measured against. */
export function repetitionTimeMs(collected: RepetitionsByCell): number {
  let total = 0;
  for (const reps of collected.values()) for (const rep of reps) total += rep.durationMs;
  return total;
}

/** The default time cap as a multiple of the time the minimum rounds took (see timeCapMs). */
export const DEFAULT_TIME_CAP_FACTOR = 1.5;

/**
 * The time cap in ms: `--time-cap`, or by default half as long again as the minimum rounds took (the repetitions
 * with an index below the configured count), so that adding rounds makes a run at most 1.5 times as long: the full
 * preset's matrix has to stay an affordable run on a small machine (docs/statistics.md).
 */
export function timeCapMs(config: RunConfig, collected: RepetitionsByCell): number {
  if (config.timeCapSec !== null && config.timeCapSec !== undefined) return config.timeCapSec * 1000;
  let minimumRounds = 0;
  for (const reps of collected.values()) {
    for (const rep of reps) if (rep.index < config.repetitions) minimumRounds += rep.durationMs;
  }
  return DEFAULT_TIME_CAP_FACTOR * minimumRounds;
}

/** Whether a cell gets another repetition, or why not; a cell planned without a process never does. */
function stepFor(cell: PlannedCell, reps: readonly Repetition[], settings: PrecisionSettings) {
  if (cell.notRun) return null;
  return nextStep(cell.strategy, reps.length, repetitionMedians(reps), settings);
}

/**
 * The next round: one more repetition of every cell that needs one, in a seeded shuffled order; empty when no cell
 * does. A repetition's index follows the cell's highest so far, so every process keeps its own index.
 */
export function nextRound(
  cells: readonly PlannedCell[],
  collected: RepetitionsByCell,
  settings: PrecisionSettings,
  seed: number,
): PlannedRun[] {
  const open = cells.filter((cell) => stepFor(cell, collected.get(cellKey(cell)) ?? [], settings) === 'more');
  if (open.length === 0) return [];
  const nextIndex = (cell: PlannedCell) =>
    Math.max(-1, ...(collected.get(cellKey(cell)) ?? []).map((rep) => rep.index)) + 1;
  // Each round gets its own order: the seed and the round's number (the fewest repetitions an open cell has).
  const round = Math.min(...open.map((cell) => collected.get(cellKey(cell))?.length ?? 0));
  return shuffled(open, createRandom(seed + round)).map((cell) => ({ cell, repetition: nextIndex(cell) }));
}

/**
 * The first repetitions of a round that fit in `remainingMs` of the time cap, each cell's repetition expected to
 * take as long as its earlier ones did on average. The cap is checked before every repetition rather than every
 * round: a round of a few hundred cells takes minutes, and a run that starts one just under its cap would end a whole
 * round past it. The round is in a shuffled order, so the cells left without their repetition are a random few.
 */
export function withinTimeCap(
  round: readonly PlannedRun[],
  collected: RepetitionsByCell,
  remainingMs: number,
): PlannedRun[] {
  let expected = 0;
  const fitting: PlannedRun[] = [];
  for (const run of round) {
    const reps = collected.get(cellKey(run.cell)) ?? [];
    const mean = reps.length > 0 ? reps.reduce((sum, rep) => sum + rep.durationMs, 0) / reps.length : 0;
    if (expected + mean > remainingMs) break;
    expected += mean;
    fitting.push(run);
  }
  return fitting;
}

/**
 * The most repetitions still to come, were every open cell to reach its maximum: the upper end of the run's
 * forecast and ETA.
 */
export function repetitionsUpTo(
  cells: readonly PlannedCell[],
  collected: RepetitionsByCell,
  settings: PrecisionSettings,
): number {
  let remaining = 0;
  for (const cell of cells) {
    const reps = collected.get(cellKey(cell)) ?? [];
    if (stepFor(cell, reps, settings) === 'more') {
      remaining += maxRepetitionsFor(cell.strategy, settings.maxRepetitions) - reps.length;
    }
  }
  return remaining;
}

/**
 * Why each cell stopped, by cell key, once the rounds are over: null for a cell that stopped at a repetition that
 * was not ok, one planned without a process, or one that still needed more when the run was interrupted. Null for the whole run without a target.
 */
export function stopReasons(
  config: RunConfig,
  cells: readonly PlannedCell[],
  collected: RepetitionsByCell,
  timeCapped: boolean,
): Map<string, StopReason | null> | null {
  const settings = precisionSettings(config);
  if (!settings) return null;
  const reasons = new Map<string, StopReason | null>();
  for (const cell of cells) {
    const step = stepFor(cell, collected.get(cellKey(cell)) ?? [], settings);
    reasons.set(cellKey(cell), step === 'more' ? (timeCapped ? 'time cap' : null) : step);
  }
  return reasons;
}
