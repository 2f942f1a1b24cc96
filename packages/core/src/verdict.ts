/**
 * The one rule that calls a change between two runs of a cell `faster`, `slower` or `no clear change`. The
 * terminal and Markdown output of `coresweep compare` and the report's compare pages all call `judgeCells`, so the
 * same pair of files gets the same verdicts and the same words everywhere.
 *
 * Rule: the (1 - alpha) Welch interval of head / base (intervals.ts: per-process medians on the log scale, each
 * side its own spread) must lie wholly beyond the noise threshold: its low end above +noise for `slower`, its high
 * end below -noise for `faster`. A change that is significant but may be smaller than the threshold, or one whose
 * interval reaches back to zero, is `no clear change`. With fewer than MIN_REPETITIONS ok processes on a
 * side the interval cannot reach the nominal level and no verdict is made. The threshold absorbs what intervals
 * within one run cannot see: drift of the whole machine between two runs.
 */
import { ratioInterval, timeInterval } from './intervals.js';
import { MIN_REPETITIONS, repetitionMedians } from './repetitions.js';
import type { Cell } from './schema.js';
import type { Interval } from './stats.js';

export type Verdict = 'faster' | 'slower' | 'no clear change';

/** Changes whose interval reaches inside ±2% are not called: the size of drift between two runs on one machine. */
export const DEFAULT_NOISE = 0.02;
/** The interval of the change has confidence 1 - alpha. */
export const DEFAULT_ALPHA = 0.05;

export interface VerdictSettings {
  /** Relative change treated as noise, as a fraction (0.02 = 2%). */
  noise: number;
  /** The interval of the change has confidence 1 - alpha. */
  alpha: number;
}

export const DEFAULT_VERDICT_SETTINGS: VerdictSettings = { noise: DEFAULT_NOISE, alpha: DEFAULT_ALPHA };

export interface ChangeVerdict {
  /** Each side's time: the geometric mean of its per-process medians (ms). */
  baseTime: number;
  headTime: number;
  /** headTime / baseTime - 1: 0.15 = head 15% slower. */
  change: number;
  /** Interval of the change at `level`. */
  changeInterval: Interval;
  /** The interval's confidence: 1 - alpha when both sides have enough processes, else lower or null. */
  level: number | null;
  /** Welch's two-sided p-value that nothing changed; null with a single process on a side. */
  pValue: number | null;
  /** Ok processes on each side: [base, head]. */
  processes: [number, number];
  verdict: Verdict;
  /** Why no verdict could be made however large the change (too few processes); null otherwise. */
  insufficient: string | null;
}

function checkSettings({ noise, alpha }: VerdictSettings): void {
  if (!(noise >= 0 && Number.isFinite(noise))) throw new RangeError(`noise must be >= 0, got ${noise}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be within (0, 1), got ${alpha}`);
}

/** The verdict on two cells' per-process medians (ms; lower is better). */
export function judgeChange(
  baseMedians: readonly number[],
  headMedians: readonly number[],
  settings: VerdictSettings = DEFAULT_VERDICT_SETTINGS,
): ChangeVerdict {
  checkSettings(settings);
  const ratio = ratioInterval(headMedians, baseMedians, 1 - settings.alpha);
  const processes: [number, number] = [baseMedians.length, headMedians.length];
  const enough = Math.min(...processes) >= MIN_REPETITIONS;
  const [lo, hi] = ratio.interval;
  let verdict: Verdict = 'no clear change';
  if (enough && lo - 1 > settings.noise) verdict = 'slower';
  else if (enough && hi - 1 < -settings.noise) verdict = 'faster';
  return {
    baseTime: timeInterval(baseMedians).estimate,
    headTime: timeInterval(headMedians).estimate,
    change: ratio.estimate - 1,
    changeInterval: [lo - 1, hi - 1],
    level: ratio.level,
    pValue: ratio.pValue,
    processes,
    verdict,
    insufficient: enough ? null : `fewer than ${MIN_REPETITIONS} ok processes on a side`,
  };
}

/** A cell can be judged when it is ok and has at least one ok repetition with a time. */
export function judgeable(cell: Cell): boolean {
  return cell.status === 'ok' && repetitionMedians(cell.repetitions).length > 0;
}

/** The verdict on the same cell in two runs; both must be `judgeable`. */
export function judgeCells(
  base: Cell,
  head: Cell,
  settings: VerdictSettings = DEFAULT_VERDICT_SETTINGS,
): ChangeVerdict {
  return judgeChange(repetitionMedians(base.repetitions), repetitionMedians(head.repetitions), settings);
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}

/** The rule in one sentence, printed under every comparison (terminal, Markdown, report). */
export function describeVerdictRule(settings: VerdictSettings = DEFAULT_VERDICT_SETTINGS): string {
  return (
    `slower or faster only when the ${percent(1 - settings.alpha)} interval of the change (Welch, per-process ` +
    `medians on a log scale) lies wholly beyond ±${percent(settings.noise)}; with fewer than ` +
    `${MIN_REPETITIONS} ok processes on a side no verdict is made`
  );
}
