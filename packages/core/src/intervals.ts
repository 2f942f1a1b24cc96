/**
 * Confidence intervals of a cell's warm time and of a speedup, from the per-process medians of a cell's
 * repetitions (one fresh process each: between-process variation is the honest unit of noise).
 *
 * Model: a process's median time is T · e^(b + e), with b the process's own offset (JIT decisions, placement,
 * frequency) and e the noise of its median over many warm runs, both roughly normal on the log scale. Then the log
 * of per-process medians is a normal sample around log T, and
 * - a cell's time: the t-interval on the logs, exp(mean ± t(n-1) · s / √n), is exact at any number of processes;
 *   its centre, the geometric mean of the per-process medians, estimates T (the median of a log-normal);
 * - a ratio of two cells' times (a speedup, or head / base in `compare`): Welch's t-interval on the difference of
 *   the two log means, with Welch–Satterthwaite degrees of freedom, so each side brings its own spread and the
 *   serial baseline's uncertainty is carried into every speedup that divides by it.
 * The percentile bootstrap this replaces is at most [min, max] of the medians: 75% coverage at three processes.
 *
 * Too few processes: the nominal level needs `MIN_REPETITIONS` (3) processes on every side. With two, the
 * spread rests on one degree of freedom (a t multiplier of 12.7 for 95%, and wholly at the mercy of the normal
 * assumption), so the interval given is ±1 standard error and its level is what that has under Student's t: 50%
 * for one cell of two processes, exactly the distribution-free level of [min, max] of two values. With one process
 * on a side nothing is known about between-process spread: the interval collapses to the estimate and its level is
 * `null` (no interval).
 */
import { MIN_REPETITIONS } from './repetitions.js';
import { studentTCoverage, studentTQuantile, studentTTwoSidedP } from './significance.js';
import type { Interval } from './stats.js';

/** The confidence every interval aims for. */
export const NOMINAL_CONFIDENCE = 0.95;

export interface IntervalEstimate {
  /** Geometric mean of the per-process medians (a cell's time) or the ratio of two such means. */
  estimate: number;
  interval: Interval;
  /** The confidence the interval actually has; null when there is none (one process on a side). */
  level: number | null;
  /** Degrees of freedom of the t distribution behind it; null without an interval. */
  df: number | null;
}

function logs(values: readonly number[], what: string): number[] {
  if (values.length === 0) throw new RangeError(`${what} needs at least one value`);
  return values.map((v) => {
    if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`${what} needs positive finite times, got ${v}`);
    return Math.log(v);
  });
}

function meanAndVariance(xs: readonly number[]): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  if (xs.length < 2) return { mean, variance: 0 };
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  return { mean, variance: squares / (xs.length - 1) };
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be within (0, 1), got ${confidence}`);
}

/**
 * The multiplier and level for `fewest` processes on the smallest side at `df` degrees of freedom (see the module
 * comment): the nominal t quantile when every side has enough processes, else ±1 standard error at its own level.
 */
function multiplierFor(fewest: number, df: number, confidence: number): { multiplier: number; level: number } {
  if (fewest >= MIN_REPETITIONS) return { multiplier: studentTQuantile(confidence, df), level: confidence };
  const oneSe = studentTCoverage(1, df);
  return oneSe < confidence
    ? { multiplier: 1, level: oneSe }
    : { multiplier: studentTQuantile(confidence, df), level: confidence };
}

/** Interval of a cell's time from its per-process medians (ms), at `confidence` when the data support it. */
export function timeInterval(medians: readonly number[], confidence = NOMINAL_CONFIDENCE): IntervalEstimate {
  checkConfidence(confidence);
  const xs = logs(medians, 'timeInterval');
  const { mean, variance } = meanAndVariance(xs);
  if (xs.length < 2) {
    // The measured value itself, not exp(log(value)), which may differ in the last bit.
    const only = medians[0] as number;
    return { estimate: only, interval: [only, only], level: null, df: null };
  }
  const estimate = Math.exp(mean);
  const df = xs.length - 1;
  const { multiplier, level } = multiplierFor(xs.length, df, confidence);
  const half = multiplier * Math.sqrt(variance / xs.length);
  return { estimate, interval: [Math.exp(mean - half), Math.exp(mean + half)], level, df };
}

export interface RatioEstimate extends IntervalEstimate {
  /** Two-sided p-value of Welch's t-test that the ratio is 1; null without an interval. */
  pValue: number | null;
}

/**
 * Interval of mean-time(numerator) / mean-time(denominator) from each side's per-process medians: Welch's
 * t-interval on the difference of log means. A speedup is ratioInterval(serial, cell); a compare change is
 * ratioInterval(head, base).
 */
export function ratioInterval(
  numerator: readonly number[],
  denominator: readonly number[],
  confidence = NOMINAL_CONFIDENCE,
): RatioEstimate {
  checkConfidence(confidence);
  const a = meanAndVariance(logs(numerator, 'ratioInterval numerator'));
  const b = meanAndVariance(logs(denominator, 'ratioInterval denominator'));
  const difference = a.mean - b.mean;
  const estimate = Math.exp(difference);
  const fewest = Math.min(numerator.length, denominator.length);
  if (fewest < 2) return { estimate, interval: [estimate, estimate], level: null, df: null, pValue: null };
  const va = a.variance / numerator.length;
  const vb = b.variance / denominator.length;
  const se2 = va + vb;
  if (se2 === 0) {
    // Identical values on both sides: nothing varies, so the interval is the point at any level.
    return {
      estimate,
      interval: [estimate, estimate],
      level: fewest >= MIN_REPETITIONS ? confidence : studentTCoverage(1, 1),
      df: numerator.length + denominator.length - 2,
      pValue: difference === 0 ? 1 : 0,
    };
  }
  // Welch–Satterthwaite; a side with zero spread contributes nothing to either sum.
  const df = (se2 * se2) / ((va * va) / (numerator.length - 1) + (vb * vb) / (denominator.length - 1));
  const { multiplier, level } = multiplierFor(fewest, df, confidence);
  const se = Math.sqrt(se2);
  return {
    estimate,
    interval: [Math.exp(difference - multiplier * se), Math.exp(difference + multiplier * se)],
    level,
    df,
    pValue: studentTTwoSidedP(difference / se, df),
  };
}

/**
 * An interval's level as people read it: `95%`, `50%`, or `no interval` for null. Levels are rounded down to a
 * whole percent so that a level is never overstated (0.577 -> `57%`).
 */
export function formatLevel(level: number | null | undefined): string {
  if (level === undefined) return '95% (bootstrap, not verified)';
  if (level === null) return 'no interval';
  return `${Math.floor(level * 100 + 1e-9)}%`;
}
