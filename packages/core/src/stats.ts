/**
 * Descriptive statistics and bootstrap intervals. Pure functions over plain arrays; every function that takes
 * samples throws on an empty array rather than returning NaN, so a missing measurement can never pass as a number.
 */
import { createRandom } from './random.js';

function requireSamples(values: readonly number[], what: string): void {
  if (values.length === 0) throw new RangeError(`${what} needs at least one value`);
}

export function sortedCopy(values: readonly number[]): number[] {
  return values.slice().sort((a, b) => a - b);
}

export function mean(values: readonly number[]): number {
  requireSamples(values, 'mean');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n - 1 in the denominator); 0 for a single value. */
export function standardDeviation(values: readonly number[]): number {
  requireSamples(values, 'standardDeviation');
  if (values.length < 2) return 0;
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** Coefficient of variation: sd / mean (0 when the mean is 0). */
export function coefficientOfVariation(values: readonly number[]): number {
  const m = mean(values);
  return m === 0 ? 0 : standardDeviation(values) / m;
}

/** Percentile by linear interpolation between closest ranks (type 7, as R and NumPy default); p in [0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  requireSamples(values, 'percentile');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be within [0, 100], got ${p}`);
  return percentileOfSorted(sortedCopy(values), p);
}

/** Type-7 percentile of an already ascending array (no copy, no sort); p in [0, 100]. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  requireSamples(sorted, 'percentileOfSorted');
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Median absolute deviation (unscaled). Multiply by 1.4826 for a normal-consistent estimate of sd. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/**
 * Modified z-scores (Iglewicz & Hoaglin): 0.6745 (x - median) / MAD. |z| > 3.5 marks an outlier.
 * When MAD is 0 every score is 0 except values that differ from the median, which are ±Infinity.
 */
export function modifiedZScores(values: readonly number[]): number[] {
  const m = median(values);
  const mad = medianAbsoluteDeviation(values);
  return values.map((v) => {
    if (mad === 0) return v === m ? 0 : v > m ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    return (0.6745 * (v - m)) / mad;
  });
}

export interface BootstrapOptions {
  /** Seed of the resampling; the same seed and data give the same interval. */
  seed?: number;
  /** Number of resamples; 2000 keeps percentile intervals stable to about 1% of their width. */
  resamples?: number;
  /** Confidence level, default 0.95. */
  confidence?: number;
}

export type Interval = [low: number, high: number];

function resampleMedian(values: readonly number[], random: () => number, scratch: number[]): number {
  const n = values.length;
  for (let i = 0; i < n; i++) scratch[i] = values[Math.floor(random() * n)] as number;
  scratch.sort((a, b) => a - b);
  return percentileOfSorted(scratch, 50);
}

function percentileInterval(estimates: number[], confidence: number): Interval {
  estimates.sort((a, b) => a - b);
  const tail = ((1 - confidence) / 2) * 100;
  return [percentileOfSorted(estimates, tail), percentileOfSorted(estimates, 100 - tail)];
}

function resolveOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  // Spread alone would let an explicit `undefined` (e.g. `{ seed: options.seed }` forwarded by a caller)
  // overwrite a default, so each option falls back individually.
  const resolved = {
    seed: options.seed ?? 1,
    resamples: options.resamples ?? 2000,
    confidence: options.confidence ?? 0.95,
  };
  if (!(resolved.confidence > 0 && resolved.confidence < 1)) {
    throw new RangeError(`confidence must be within (0, 1), got ${resolved.confidence}`);
  }
  if (!Number.isInteger(resolved.resamples) || resolved.resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resolved.resamples}`);
  }
  return resolved;
}

/** Percentile bootstrap confidence interval of the median. A single value gives a zero-width interval. */
export function bootstrapMedianInterval(values: readonly number[], options: BootstrapOptions = {}): Interval {
  requireSamples(values, 'bootstrapMedianInterval');
  const { seed, resamples, confidence } = resolveOptions(options);
  const random = createRandom(seed);
  const scratch = new Array<number>(values.length);
  const estimates = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) estimates[r] = resampleMedian(values, random, scratch);
  return percentileInterval(estimates, confidence);
}

/**
 * Percentile bootstrap interval of median(numerator) / median(denominator), resampling both groups
 * independently: the interval of a speedup T_serial / T_p.
 */
export function bootstrapRatioInterval(
  numerator: readonly number[],
  denominator: readonly number[],
  options: BootstrapOptions = {},
): Interval {
  requireSamples(numerator, 'bootstrapRatioInterval numerator');
  requireSamples(denominator, 'bootstrapRatioInterval denominator');
  const { seed, resamples, confidence } = resolveOptions(options);
  const random = createRandom(seed);
  const scratchN = new Array<number>(numerator.length);
  const scratchD = new Array<number>(denominator.length);
  const estimates = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    estimates[r] = resampleMedian(numerator, random, scratchN) / resampleMedian(denominator, random, scratchD);
  }
  return percentileInterval(estimates, confidence);
}

export interface Summary {
  n: number;
  mean: number;
  median: number;
  sd: number;
  cv: number;
  min: number;
  max: number;
  p5: number;
  p95: number;
  mad: number;
}

export function summarize(values: readonly number[]): Summary {
  requireSamples(values, 'summarize');
  const sorted = sortedCopy(values);
  return {
    n: values.length,
    mean: mean(values),
    median: percentileOfSorted(sorted, 50),
    sd: standardDeviation(values),
    cv: coefficientOfVariation(values),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    p5: percentileOfSorted(sorted, 5),
    p95: percentileOfSorted(sorted, 95),
    mad: medianAbsoluteDeviation(values),
  };
}
