/**
 * Two-sample significance tests (Mann–Whitney U, Welch's t-test) and Student's t distribution, which the intervals
 * (intervals.ts) and the compare verdict (verdict.ts) are built on. The special functions the p-values need
 * (log-gamma, regularized incomplete gamma and beta) are implemented here so the package stays free of
 * dependencies; each is tested against tabulated values.
 */
import { mean } from './stats.js';

// ---------------------------------------------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------------------------------------------

/** Lanczos coefficients for g = 7, n = 9 (Godfrey), accurate to about 1e-15 in double precision. */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural logarithm of the gamma function, ln Γ(x), for x > 0, by the Lanczos approximation
 * (Press et al., Numerical Recipes, 3rd ed., §6.1), with the reflection formula below 1/2.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) {
    // Γ(x) Γ(1 - x) = π / sin(πx): the series converges badly near 0, so reflect.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/**
 * Upper regularized incomplete gamma Q(a, x) = Γ(a, x) / Γ(a): series for P below x < a + 1, Lentz's continued
 * fraction above (Numerical Recipes §6.2). Used for the normal tail: erfc(x) = Q(1/2, x²).
 */
function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return 1 - sum * Math.exp(logPrefactor);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logPrefactor) * h;
}

/** Complementary error function erfc(x) = 1 - erf(x) = Q(1/2, x²) for x >= 0, 2 - erfc(-x) below. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x >= 0 ? regularizedGammaQ(0.5, x * x) : 2 - regularizedGammaQ(0.5, x * x);
}

/** Upper tail of the standard normal, P(Z > z) = erfc(z / √2) / 2; accurate in the far tail (no 1 - cdf). */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Continued fraction of the incomplete beta function by the modified Lentz method (Numerical Recipes §6.4). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // even step
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // odd step
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  return h;
}

/**
 * I_x(a, b) given both x and y = 1 - x, so a caller that knows 1 - x exactly (the t-distribution does) loses no
 * digits to the subtraction. The continued fraction converges fast for x < (a + 1) / (a + b + 2); above that the
 * symmetry I_x(a, b) = 1 - I_{1-x}(b, a) is used.
 */
function incompleteBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

/**
 * Regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b) for a, b > 0 and x in [0, 1]
 * (Numerical Recipes §6.4; Abramowitz & Stegun 26.5.8 continued fraction).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`regularizedIncompleteBeta needs a, b > 0, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedIncompleteBeta needs x within [0, 1], got ${x}`);
  return incompleteBeta(x, 1 - x, a, b);
}

/**
 * Two-sided p-value of Student's t: P(|T_df| >= |t|) = I_{df/(df+t²)}(df/2, 1/2) (Abramowitz & Stegun 26.7.1).
 * df may be fractional (Welch–Satterthwaite).
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTTwoSidedP needs df > 0, got ${df}`);
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  return incompleteBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
}

/**
 * Two-sided quantile of Student's t: the t > 0 with P(|T_df| <= t) = confidence, i.e. the multiplier of a
 * `confidence` interval (confidence 0.95, df 2 -> 4.303). Found by bisection on the two-sided p-value, which is
 * monotone in t; 200 halvings of a bracket that starts at [0, 1] and doubles reach double precision.
 */
export function studentTQuantile(confidence: number, df: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be within (0, 1), got ${confidence}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile needs df > 0, got ${df}`);
  const tail = 1 - confidence;
  let lo = 0;
  let hi = 1;
  while (studentTTwoSidedP(hi, df) > tail) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSidedP(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Confidence of the interval ±multiplier standard errors under Student's t: P(|T_df| <= multiplier). */
export function studentTCoverage(multiplier: number, df: number): number {
  return 1 - studentTTwoSidedP(multiplier, df);
}

// ---------------------------------------------------------------------------------------------------------------
// Mann–Whitney U
// ---------------------------------------------------------------------------------------------------------------

export interface MannWhitneyOptions {
  /**
   * 'exact' enumerates the null distribution of U (no ties allowed); 'normal' uses the normal approximation with
   * tie and continuity corrections; 'auto' (default) is exact when there are no ties and n1·n2 <= 2500.
   */
  method?: 'auto' | 'exact' | 'normal';
  /** Continuity correction of the normal approximation (default true). */
  continuity?: boolean;
}

export interface MannWhitneyResult {
  /** U of the first sample: pairs (a_i, b_j) with a_i > b_j, ties counting 1/2; equals R_a - n_a (n_a + 1) / 2. */
  u: number;
  /** Standardized statistic of the normal approximation (signed, a above b > 0); null for the exact method. */
  z: number | null;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
}

/** Mid-ranks (1-based, ties share their average rank) and the tie term Σ (t³ - t) over tie groups. */
function midRanks(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    const t = end - start;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { ranks, tieTerm };
}

/**
 * Null distribution of U for sample sizes m, n without ties: P(U = u), u = 0..mn, by the recurrence
 * p_{m,n}(u) = m/(m+n) p_{m-1,n}(u - n) + n/(m+n) p_{m,n-1}(u) (Mann & Whitney 1947), on probabilities rather than
 * counts so large binomial coefficients never lose precision. Rolling rows keep memory at O(n · mn).
 */
function exactUDistribution(m: number, n: number): Float64Array {
  // prev[j] = distribution for (i - 1, j); row[j] for (i, j)
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n; j++) prev.push(Float64Array.of(1)); // i = 0: U is always 0
  for (let i = 1; i <= m; i++) {
    const row: Float64Array[] = [Float64Array.of(1)]; // j = 0: U is always 0
    for (let j = 1; j <= n; j++) {
      const dist = new Float64Array(i * j + 1);
      const fromA = prev[j] as Float64Array; // largest value in sample a: it beats all j of b, adds j to U
      const fromB = row[j - 1] as Float64Array; // largest value in sample b: adds nothing
      const pa = i / (i + j);
      const pb = j / (i + j);
      for (let u = 0; u < fromA.length; u++) dist[u + j] = (dist[u + j] as number) + pa * (fromA[u] as number);
      for (let u = 0; u < fromB.length; u++) dist[u] = (dist[u] as number) + pb * (fromB[u] as number);
      row.push(dist);
    }
    prev = row;
  }
  return prev[n] as Float64Array;
}

/**
 * Two-sided Mann–Whitney U (Wilcoxon rank-sum) test of whether values in `a` tend to be larger or smaller than in
 * `b`. Normal approximation: μ = n1 n2 / 2, σ² = n1 n2 / 12 · ((n + 1) - Σ(t³ - t) / (n (n - 1))), z = (|U - μ| - 0.5) / σ,
 * p = 2 P(Z > z) capped at 1 (Conover, Practical Nonparametric Statistics, §5.1; SciPy `mannwhitneyu` conventions).
 * Exact: p = min(1, 2 · min(P(U <= u), P(U >= u))) from the enumerated null distribution.
 */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitneyU needs at least one value in each sample');
  const { ranks, tieTerm } = midRanks([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < n1; i++) rankSumA += ranks[i] as number;
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const method = options.method ?? 'auto';
  const exact = method === 'exact' || (method === 'auto' && tieTerm === 0 && n1 * n2 <= 2500);
  if (exact) {
    if (tieTerm !== 0) throw new RangeError('mannWhitneyU: the exact method needs samples without ties');
    const dist = exactUDistribution(n1, n2);
    // U is an integer without ties; the distribution is symmetric about n1 n2 / 2.
    let lower = 0;
    for (let k = 0; k <= u; k++) lower += dist[k] as number;
    let upper = 0;
    for (let k = u; k < dist.length; k++) upper += dist[k] as number;
    return { u, z: null, pValue: Math.min(1, 2 * Math.min(lower, upper)), method: 'exact' };
  }
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1 || 1)));
  if (!(variance > 0)) return { u, z: 0, pValue: 1, method: 'normal' }; // every value tied: no evidence
  const sigma = Math.sqrt(variance);
  const distance = Math.abs(u - mu) - (options.continuity === false ? 0 : 0.5);
  const z = (Math.sign(u - mu) * Math.max(0, distance)) / sigma;
  return { u, z, pValue: Math.min(1, 2 * normalSurvival(distance / sigma)), method: 'normal' };
}

// ---------------------------------------------------------------------------------------------------------------
// Welch's t-test
// ---------------------------------------------------------------------------------------------------------------

export interface WelchResult {
  /** t = (mean(a) - mean(b)) / √(s_a²/n_a + s_b²/n_b). */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value from Student's t with df degrees of freedom. */
  pValue: number;
  /** mean(a) - mean(b). */
  meanDifference: number;
}

function sampleVariance(values: readonly number[], m: number): number {
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return squares / (values.length - 1);
}

/**
 * Welch's unequal-variances t-test (Welch 1947), two-sided: t = (x̄_a - x̄_b) / √(v_a + v_b) with v = s²/n, and
 * df = (v_a + v_b)² / (v_a² / (n_a - 1) + v_b² / (n_b - 1)) (Satterthwaite 1946). When both samples are constant the
 * test degenerates: p = 1 if the means are equal, else 0 (t = ±Infinity), with df = n_a + n_b - 2.
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult {
  if (a.length < 2 || b.length < 2) throw new RangeError('welchTTest needs at least two values in each sample');
  const ma = mean(a);
  const mb = mean(b);
  const va = sampleVariance(a, ma) / a.length;
  const vb = sampleVariance(b, mb) / b.length;
  const meanDifference = ma - mb;
  const se2 = va + vb;
  if (se2 === 0) {
    const t = meanDifference === 0 ? 0 : meanDifference > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    return { t, df: a.length + b.length - 2, pValue: meanDifference === 0 ? 1 : 0, meanDifference };
  }
  const t = meanDifference / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  return { t, df, pValue: studentTTwoSidedP(t, df), meanDifference };
}
