/**
 * Scaling models over measured cells: speedup and efficiency, the Karp–Flatt serial fraction, Amdahl and Universal
 * Scalability Law fits and the overhead split of one cell (the crossover size is in crossover.ts).
 * Pure functions over plain numbers; fits that the data cannot support say so (`status: 'insufficient'`) instead of
 * returning a number that looks like a measurement.
 */
import { createRandom, type Random } from './random.js';
import { type BootstrapOptions, type Interval, percentileOfSorted } from './stats.js';

export function requirePositive(value: number, what: string): void {
  if (!(value > 0 && Number.isFinite(value)))
    throw new RangeError(`${what} must be a positive finite number, got ${value}`);
}

function requireWorkers(workers: number): void {
  if (!(Number.isFinite(workers) && workers >= 1)) throw new RangeError(`workers must be >= 1, got ${workers}`);
}

/** Speedup S(p) = T_serial / T_p (Amdahl 1967; Hennessy & Patterson, Computer Architecture, §1.9). */
export function speedup(tSerial: number, tP: number): number {
  requirePositive(tSerial, 'tSerial');
  requirePositive(tP, 'tP');
  return tSerial / tP;
}

/** Parallel efficiency E(p) = S(p) / p: 1 is perfect linear scaling (Eager, Zahorjan & Lazowska 1989). */
export function efficiency(speedupValue: number, workers: number): number {
  requirePositive(speedupValue, 'speedup');
  requireWorkers(workers);
  return speedupValue / workers;
}

/**
 * Karp–Flatt experimentally determined serial fraction e = (1/S - 1/p) / (1 - 1/p) (Karp & Flatt, "Measuring
 * parallel processor performance", CACM 33(5), 1990). For a program that obeys Amdahl's law e is its serial
 * fraction at every p; e rising with p points at overhead that grows with the worker count (coordination,
 * contention) rather than a fixed serial part. Undefined at p = 1 (0/0), so null there.
 */
export function karpFlatt(speedupValue: number, workers: number): number | null {
  requirePositive(speedupValue, 'speedup');
  requireWorkers(workers);
  if (workers === 1) return null;
  return (1 / speedupValue - 1 / workers) / (1 - 1 / workers);
}

// ---------------------------------------------------------------------------------------------------------------
// Fits
// ---------------------------------------------------------------------------------------------------------------

/** One measured point of a scaling curve: speedup at a worker count, optionally with its own interval. */
export interface SpeedupPoint {
  workers: number;
  speedup: number;
  /** Interval of this point's speedup (e.g. the cell's bootstrap ci95); used by `fitAmdahl` when every point has one. */
  ci95?: Interval | null;
}

/** A fit the points cannot support (too few, or only p = 1): the reason, never a guessed number. */
export interface FitInsufficient {
  status: 'insufficient';
  reason: string;
}

function validatePoints(points: readonly SpeedupPoint[]): void {
  for (const point of points) {
    requireWorkers(point.workers);
    requirePositive(point.speedup, 'speedup');
  }
}

function residualsOf(points: readonly SpeedupPoint[], predict: (workers: number) => number): number[] {
  return points.map((point) => point.speedup - predict(point.workers));
}

function rootMeanSquare(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return Math.sqrt(sum / values.length);
}

/** Amdahl's law S(p) = 1 / (f + (1 - f) / p) for serial fraction f (Amdahl 1967). */
export function amdahlSpeedup(serialFraction: number, workers: number): number {
  return 1 / (serialFraction + (1 - serialFraction) / workers);
}

function amdahlSquaredError(f: number, workers: readonly number[], speedups: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < workers.length; i++) {
    const r = (speedups[i] as number) - amdahlSpeedup(f, workers[i] as number);
    sum += r * r;
  }
  return sum;
}

const GRID_STEPS = 200;
const INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Least-squares f in [0, 1] for Amdahl's law in speedup units. The squared error need not be unimodal over the
 * whole range, so a coarse grid finds the best cell and golden-section search refines inside its neighbours.
 */
function fitSerialFraction(workers: readonly number[], speedups: readonly number[]): number {
  const loss = (f: number) => amdahlSquaredError(f, workers, speedups);
  let best = 0;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let k = 0; k <= GRID_STEPS; k++) {
    const value = loss(k / GRID_STEPS);
    if (value < bestLoss) {
      bestLoss = value;
      best = k;
    }
  }
  let lo = Math.max(0, (best - 1) / GRID_STEPS);
  let hi = Math.min(1, (best + 1) / GRID_STEPS);
  let x1 = hi - INVERSE_GOLDEN * (hi - lo);
  let x2 = lo + INVERSE_GOLDEN * (hi - lo);
  let f1 = loss(x1);
  let f2 = loss(x2);
  while (hi - lo > 1e-12) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - INVERSE_GOLDEN * (hi - lo);
      f1 = loss(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + INVERSE_GOLDEN * (hi - lo);
      f2 = loss(x2);
    }
  }
  const mid = (lo + hi) / 2;
  // the grid endpoints are candidates too: the optimum may sit on the constraint f = 0 or f = 1
  return loss(mid) <= bestLoss ? mid : best / GRID_STEPS;
}

/** Standard normal deviate by Box–Muller over the seeded generator. */
function normalDeviate(random: Random): number {
  const u = 1 - random(); // in (0, 1]: the logarithm stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const Z_975 = 1.959963984540054;

export interface AmdahlFit {
  status: 'ok';
  /** Least-squares serial fraction f in [0, 1]. */
  serialFraction: number;
  /** Percentile bootstrap interval of f; null when the method has nothing to resample (see `intervalMethod`). */
  ci: Interval | null;
  /**
   * 'point-intervals': every point carried a ci95, and each resample perturbs every point within its own interval
   * (parametric bootstrap: a normal deviate scaled by the lower or upper half-width / 1.96), so the interval of f
   * reflects the measurement noise of each point. 'points': resampling the (p, S) points with replacement (case
   * bootstrap); needs at least two points with p > 1, else `ci` is null.
   */
  intervalMethod: 'point-intervals' | 'points';
  /** Root mean square of the residuals S_observed - S_predicted, in speedup units, over all points. */
  rmse: number;
  /** S_observed - S_predicted per input point, in input order. */
  residuals: number[];
  /** Predicted speedup at any worker count: 1 / (f + (1 - f) / p). */
  predict: (workers: number) => number;
}

/**
 * Fits Amdahl's law S(p) = 1 / (f + (1 - f) / p) to measured (p, S) points by least squares in speedup units over
 * f in [0, 1] (Amdahl 1967; Gunther, Guerrilla Capacity Planning, 2007, ch. 4). Superlinear points (S > p) pull f
 * to its bound 0. Points at p = 1 do not inform f (S(1) = 1 whatever f) but count in the residuals. The interval is
 * a seeded percentile bootstrap (see `AmdahlFit.intervalMethod`), at `options.confidence` (default 0.95).
 */
export function fitAmdahl(
  points: readonly SpeedupPoint[],
  options: BootstrapOptions = {},
): AmdahlFit | FitInsufficient {
  validatePoints(points);
  const informative = points.filter((point) => point.workers > 1);
  if (informative.length === 0) {
    return { status: 'insufficient', reason: 'Amdahl fit needs at least one point with more than one worker' };
  }
  const seed = options.seed ?? 1;
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be within (0, 1), got ${confidence}`);
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  const workers = informative.map((point) => point.workers);
  const speedups = informative.map((point) => point.speedup);
  const serialFraction = fitSerialFraction(workers, speedups);
  const predict = (p: number) => amdahlSpeedup(serialFraction, p);
  const residuals = residualsOf(points, predict);

  const withIntervals = informative.every((point) => point.ci95 != null);
  const intervalMethod = withIntervals ? 'point-intervals' : 'points';
  let ci: Interval | null = null;
  if (withIntervals || informative.length >= 2) {
    const random = createRandom(seed);
    const estimates: number[] = [];
    const n = informative.length;
    const sampleWorkers = new Array<number>(n);
    const sampleSpeedups = new Array<number>(n);
    for (let r = 0; r < resamples; r++) {
      for (let i = 0; i < n; i++) {
        if (withIntervals) {
          const point = informative[i] as SpeedupPoint;
          const [lo, hi] = point.ci95 as Interval;
          const z = normalDeviate(random);
          // split normal: intervals of a ratio are often asymmetric, so each side keeps its own spread
          const s = point.speedup + z * ((z < 0 ? point.speedup - lo : hi - point.speedup) / Z_975);
          sampleWorkers[i] = point.workers;
          sampleSpeedups[i] = Math.max(s, Number.MIN_VALUE);
        } else {
          const j = Math.floor(random() * n);
          sampleWorkers[i] = workers[j] as number;
          sampleSpeedups[i] = speedups[j] as number;
        }
      }
      estimates.push(fitSerialFraction(sampleWorkers, sampleSpeedups));
    }
    estimates.sort((a, b) => a - b);
    const tail = ((1 - confidence) / 2) * 100;
    ci = [percentileOfSorted(estimates, tail), percentileOfSorted(estimates, 100 - tail)];
  }
  return { status: 'ok', serialFraction, ci, intervalMethod, rmse: rootMeanSquare(residuals), residuals, predict };
}

/** Universal Scalability Law S(p) = p / (1 + σ (p - 1) + κ p (p - 1)) (Gunther 1993; Guerrilla Capacity Planning, ch. 4). */
export function uslSpeedup(sigma: number, kappa: number, workers: number): number {
  return workers / (1 + sigma * (workers - 1) + kappa * workers * (workers - 1));
}

export interface UslFit {
  status: 'ok';
  /** Contention (serialisation) coefficient σ >= 0. */
  sigma: number;
  /** Coherency (crosstalk) coefficient κ >= 0. */
  kappa: number;
  /**
   * Worker count of peak speedup p* = √((1 - σ) / κ), floored at 1 (with σ >= 1 more workers never help);
   * null when κ = 0 and σ < 1: the model then rises forever towards 1/σ, there is no peak.
   */
  peakWorkers: number | null;
  /** S(p*), or null with `peakWorkers`. */
  peakSpeedup: number | null;
  /** Root mean square of S_observed - S_predicted over all points (speedup units; the fit itself is linearised). */
  rmse: number;
  residuals: number[];
  predict: (workers: number) => number;
}

/**
 * Fits the Universal Scalability Law by non-negative least squares on its linearisation
 * p/S - 1 = σ (p - 1) + κ p (p - 1) (Gunther, Guerrilla Capacity Planning, 2007, §5.5: the "deviation from
 * linearity" regression through the origin). With two coefficients NNLS is exact by enumeration: the unconstrained
 * solution if both are >= 0, otherwise the best of the one-coefficient fits (each clamped at 0) and (0, 0). Needs at
 * least 4 distinct worker counts (two parameters plus a check on the shape); fewer returns 'insufficient'.
 * Note the linearisation weights points by p/S, so large-p points count more than in a fit in speedup units.
 */
export function fitUsl(points: readonly SpeedupPoint[]): UslFit | FitInsufficient {
  validatePoints(points);
  const distinct = new Set(points.map((point) => point.workers)).size;
  if (distinct < 4) {
    return { status: 'insufficient', reason: `USL fit needs at least 4 distinct worker counts, got ${distinct}` };
  }
  // Normal equations of y = σ x1 + κ x2 through the origin.
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let s1y = 0;
  let s2y = 0;
  for (const { workers: p, speedup: s } of points) {
    const x1 = p - 1;
    const x2 = p * (p - 1);
    const y = p / s - 1;
    s11 += x1 * x1;
    s12 += x1 * x2;
    s22 += x2 * x2;
    s1y += x1 * y;
    s2y += x2 * y;
  }
  // Linearised sum of squares up to the constant Σy², enough to rank candidates.
  const loss = (a: number, b: number) => a * a * s11 + 2 * a * b * s12 + b * b * s22 - 2 * a * s1y - 2 * b * s2y;
  const det = s11 * s22 - s12 * s12;
  const candidates: Array<[number, number]> = [
    [0, 0],
    [Math.max(0, s1y / s11), 0],
    [0, Math.max(0, s2y / s22)],
  ];
  if (det > 0) {
    const sigma = (s22 * s1y - s12 * s2y) / det;
    const kappa = (s11 * s2y - s12 * s1y) / det;
    if (sigma >= 0 && kappa >= 0) candidates.push([sigma, kappa]);
  }
  let [sigma, kappa] = candidates[0] as [number, number];
  for (const [a, b] of candidates) {
    if (loss(a, b) < loss(sigma, kappa)) [sigma, kappa] = [a, b];
  }
  const predict = (p: number) => uslSpeedup(sigma, kappa, p);
  let peakWorkers: number | null;
  // dS/dp has the sign of 1 - σ - κ p², so the peak is where κ p² = 1 - σ.
  if (kappa > 0) peakWorkers = Math.max(1, Math.sqrt(Math.max(0, 1 - sigma) / kappa));
  else peakWorkers = sigma >= 1 ? 1 : null;
  const residuals = residualsOf(points, predict);
  return {
    status: 'ok',
    sigma,
    kappa,
    peakWorkers,
    peakSpeedup: peakWorkers === null ? null : predict(peakWorkers),
    rmse: rootMeanSquare(residuals),
    residuals,
    predict,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Overhead split
// ---------------------------------------------------------------------------------------------------------------

export interface OverheadInput {
  /** Warm serial time of the same workload and size, T_serial (ms). */
  serialMs: number;
  /** Warm time of the strategy at `workers`, T_p (ms). */
  warmMs: number;
  workers: number;
  /** start() alone (ms); null when not measured. */
  startMs: number | null;
  /** start() to the first run() result (ms); null when not measured. */
  coldMs: number | null;
  /** Data-movement time of a warm run (ms; DataMoved.ms per run); null or absent when not measured. */
  movementMs?: number | null;
}

export interface OverheadSplit {
  /** startup = start(): spawning threads or processes, loading code. Null without startMs. */
  startupMs: number | null;
  /**
   * firstRunExtra = max(0, cold - start - warm): what the first run costs beyond a warm one (lazy module loading,
   * JIT warm-up, first message round trips). Floored at 0 because a first run faster than the warm median is noise.
   * Null without both coldMs and startMs.
   */
  firstRunExtraMs: number | null;
  /** compute = T_serial / p: the ideal, perfectly divided work of one warm run. */
  computeMs: number;
  /**
   * movement = the measured data-movement time of a warm run divided by p (the workers' channels move data at the
   * same time), at most what the run costs beyond compute. Null when not measured.
   */
  movementMs: number | null;
  /**
   * dispatch = max(0, warm - T_serial / p) - movement: what a warm run costs beyond the ideal and the data movement —
   * splitting the work, messaging, combining results, waiting for the slowest worker, and contention when p exceeds
   * the usable cores.
   * Floored at 0: a superlinear run (cache effects) has no negative overhead to chart.
   */
  dispatchMs: number;
}

/**
 * Splits one cell's cost into startup, first-run extra, compute and dispatch overhead (definitions on
 * `OverheadSplit`; the ideal compute T_serial / p is the Amdahl f = 0 bound, cf. Grama et al., Introduction to
 * Parallel Computing, 2nd ed., §5.1: total overhead T_o = p T_p - T_serial, here per worker: T_p - T_serial / p).
 * compute + movement + dispatch = warm whenever warm >= T_serial / p.
 */
export function overheadSplit(input: OverheadInput): OverheadSplit {
  requirePositive(input.serialMs, 'serialMs');
  requirePositive(input.warmMs, 'warmMs');
  requireWorkers(input.workers);
  const computeMs = input.serialMs / input.workers;
  const startupMs = input.startMs;
  const firstRunExtraMs =
    input.coldMs === null || input.startMs === null ? null : Math.max(0, input.coldMs - input.startMs - input.warmMs);
  const beyondCompute = Math.max(0, input.warmMs - computeMs);
  const movementMs =
    input.movementMs === null || input.movementMs === undefined
      ? null
      : Math.min(beyondCompute, input.movementMs / input.workers);
  return { startupMs, firstRunExtraMs, computeMs, movementMs, dispatchMs: beyondCompute - (movementMs ?? 0) };
}
