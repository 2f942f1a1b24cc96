/**
 * The spread between runs: how far a cell's estimate moves from one run to the next on the same machine, beyond
 * what the spread of its own processes predicts.
 *
 * A cell's interval (intervals.ts) is built from the processes of one run, which run interleaved over the whole run;
 * it covers the process-to-process variation within the run at its stated level. On a shared machine the state of
 * the whole machine also changes between runs (other tenants, placement, frequency) and often stays put for longer
 * than a run: two back-to-back runs on the development VM differed by 2–3.5% (SD) cell by cell where their intervals
 * had reached ±1–2% (docs/statistics.md). One run cannot see that component; runs of the same cells on the same
 * machine can.
 *
 * Model, on the log scale: run r's estimate of cell c is μ_c + b_rc + e_rc, with e_rc the run's own error (variance
 * v_rc, what the within-run interval measures) and b_rc the run's offset for that cell (variance σ², the same for
 * every cell and run). For two runs that both measured c with intervals, d = estimate_1 − estimate_2 has
 * E[d²] = 2σ² + v_1c + v_2c, so σ² is estimated by the method of moments over every pair of runs and every shared
 * cell: σ̂² = Σ (d² − v_1c − v_2c) / (2 · comparisons), at least 0. A cell's interval that holds across runs then
 * has the variance v + σ̂² and Welch–Satterthwaite's degrees of freedom for the sum; the coverage test simulates it
 * (between-runs.test.ts). Speedups are ratios within one run, so a shift of the whole machine cancels in them; they
 * get their own σ̂ from the runs' speedups.
 */
import type { BetweenRuns, SpreadComponent } from './between-runs-schema.js';
import { baselineKey, cellKey, SERIAL_ID } from './cells.js';
import { NOMINAL_CONFIDENCE } from './intervals.js';
import { machineIdentity } from './machine.js';
import { MIN_REPETITIONS, repetitionMedians } from './repetitions.js';
import type { Cell, ResultFile, Timing } from './schema.js';
import { studentTQuantile } from './significance.js';

/** One quantity of one cell in one run, on the log scale: its estimate and the variance of that estimate. */
export interface LogEstimate {
  mean: number;
  /** Variance of `mean` (s² / n; for a speedup the sum of both sides'). */
  variance: number;
  /** Degrees of freedom of `variance`. */
  df: number;
}

/** Fewer differences than this between runs say too little about their spread to use it. */
export const MIN_COMPARISONS = 5;

function logMoments(values: readonly number[]): { mean: number; variance: number; n: number } {
  const logs = values.map(Math.log);
  const n = logs.length;
  const mean = logs.reduce((sum, x) => sum + x, 0) / n;
  const variance = logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1);
  return { mean, variance, n };
}

/** The log estimate of a cell's time from its per-process medians; null without the processes for a 95% interval. */
export function logTime(medians: readonly number[]): LogEstimate | null {
  if (medians.length < MIN_REPETITIONS) return null;
  const { mean, variance, n } = logMoments(medians);
  return { mean, variance: variance / n, df: n - 1 };
}

/** The log estimate of serial / cell (a speedup) from both cells' per-process medians, as ratioInterval has it. */
export function logSpeedup(serial: readonly number[], cell: readonly number[]): LogEstimate | null {
  if (serial.length < MIN_REPETITIONS || cell.length < MIN_REPETITIONS) return null;
  const a = logMoments(serial);
  const b = logMoments(cell);
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const variance = va + vb;
  const df = variance === 0 ? a.n + b.n - 2 : variance ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return { mean: a.mean - b.mean, variance, df };
}

/** A run's cells as log estimates of their times and speedups, by cell key (ok cells with enough processes). */
export function runEstimates(cells: readonly Cell[]): {
  time: Map<string, LogEstimate>;
  speedup: Map<string, LogEstimate>;
} {
  const time = new Map<string, LogEstimate>();
  const speedup = new Map<string, LogEstimate>();
  const ok = cells.filter((cell) => cell.status === 'ok');
  const serial = new Map(ok.filter((cell) => cell.strategy === SERIAL_ID).map((cell) => [baselineKey(cell), cell]));
  for (const cell of ok) {
    const medians = repetitionMedians(cell.repetitions);
    const own = logTime(medians);
    if (own) time.set(cellKey(cell), own);
    const base = serial.get(baselineKey(cell));
    if (cell.strategy === SERIAL_ID || !base) continue;
    const ratio = logSpeedup(repetitionMedians(base.repetitions), medians);
    if (ratio) speedup.set(cellKey(cell), ratio);
  }
  return { time, speedup };
}

/**
 * σ̂ of one quantity over runs (see the module comment), or null with fewer than MIN_COMPARISONS differences. Its
 * degrees of freedom are the number of differences: an approximation (differences that share a run or a machine-wide
 * shift are not independent) that the coverage test checks at the spreads measured here.
 */
export function spreadOver(runs: readonly ReadonlyMap<string, LogEstimate>[]): SpreadComponent | null {
  let excess = 0;
  let comparisons = 0;
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      for (const [key, first] of runs[i] as ReadonlyMap<string, LogEstimate>) {
        const second = runs[j]?.get(key);
        if (!second) continue;
        excess += (first.mean - second.mean) ** 2 - first.variance - second.variance;
        comparisons++;
      }
    }
  }
  if (comparisons < MIN_COMPARISONS) return null;
  return { sd: Math.sqrt(Math.max(0, excess / (2 * comparisons))), df: comparisons, comparisons };
}

/** The measurement settings two runs must share for their processes to be alike. */
const SETTINGS = ['warmupIterations', 'minIterations', 'timeBudgetMs', 'partsPerWorker'] as const;

/**
 * Whether an earlier run's cells can tell how this run's vary between runs: the same machine (its id) and the same
 * measurement of a process (warm-up, timed runs, time budget, parts per worker). Which cells they share is up to the
 * cell keys (workload, size, strategy, workers, transport, runtime).
 */
export function comparableRun(
  current: Pick<ResultFile, 'machine' | 'config'>,
  earlier: Pick<ResultFile, 'machine' | 'config'>,
): boolean {
  if (machineIdentity(current.machine).id !== machineIdentity(earlier.machine).id) return false;
  return SETTINGS.every((field) => current.config[field] === earlier.config[field]);
}

/** The spread between the runs given (cells of each; the current run among them), or null for fewer than two. */
export function betweenRunSpread(
  runs: readonly { id: string; cells: readonly Cell[] }[],
  current: string,
): BetweenRuns | null {
  if (runs.length < 2) return null;
  const estimates = runs.map((run) => runEstimates(run.cells));
  const time = spreadOver(estimates.map((e) => e.time));
  const speedup = spreadOver(estimates.map((e) => e.speedup));
  if (!time && !speedup) return null;
  return { runs: runs.length, from: runs.map((run) => run.id).filter((id) => id !== current), time, speedup };
}

/**
 * The interval of `within` widened by the spread between runs: exp(mean ± t_ν · √(v + σ²)) with ν from
 * Welch–Satterthwaite. Returned in the units of the estimate (the exponential of the log interval).
 */
export function widenedInterval(
  within: LogEstimate,
  spread: SpreadComponent,
  confidence = NOMINAL_CONFIDENCE,
): [number, number] {
  const between = spread.sd ** 2;
  const variance = within.variance + between;
  if (variance === 0) return [Math.exp(within.mean), Math.exp(within.mean)];
  const df = variance ** 2 / (within.variance ** 2 / within.df + between ** 2 / spread.df);
  const half = studentTQuantile(confidence, df) * Math.sqrt(variance);
  return [Math.exp(within.mean - half), Math.exp(within.mean + half)];
}

function widenTiming(timing: Timing | null, within: LogEstimate | null, spread: SpreadComponent | null): Timing | null {
  if (!timing || !within || !spread || timing.ciLevel !== NOMINAL_CONFIDENCE) return timing;
  return { ...timing, ci95: widenedInterval(within, spread) };
}

/**
 * The cells with their time and speedup intervals widened by the spread between runs, where the cell has a 95%
 * interval. Estimates stay as they are; cells with fewer processes keep the interval and level they had.
 */
export function withBetweenRunSpread(cells: readonly Cell[], spread: BetweenRuns | null): Cell[] {
  if (!spread) return [...cells];
  const estimates = runEstimates(cells);
  return cells.map((cell) => {
    const key = cellKey(cell);
    const wallMs = widenTiming(cell.wallMs, estimates.time.get(key) ?? null, spread.time);
    const ratio = estimates.speedup.get(key);
    const speedup =
      cell.speedup && ratio && spread.speedup && cell.speedup.ciLevel === NOMINAL_CONFIDENCE
        ? { ...cell.speedup, ci95: widenedInterval(ratio, spread.speedup) }
        : cell.speedup;
    return { ...cell, wallMs, speedup };
  });
}

function percentSd(component: SpreadComponent | null, what: string): string | null {
  return component ? `${what} ${(component.sd * 100).toFixed(1)}%` : null;
}

/**
 * What a run's intervals include, in words for the terminal and the report; null for a file from before the spread
 * between runs was measured (it says nothing either way).
 */
export function betweenRunsLine(spread: BetweenRuns | null | undefined): string | null {
  if (spread === undefined) return null;
  if (spread === null) {
    return (
      'intervals are within this run: no earlier run of these cells on this machine with the same settings was ' +
      'used (--history), so they leave out how much a whole run moves (the next run beside this one will include it)'
    );
  }
  const parts = [percentSd(spread.time, 'time'), percentSd(spread.speedup, 'speedup')].filter(Boolean).join(', ');
  const cells = Math.max(spread.time?.comparisons ?? 0, spread.speedup?.comparisons ?? 0);
  return (
    `intervals include the spread between runs on this machine (${parts}: standard deviation over ${spread.runs} ` +
    `runs, from ${cells} comparisons of a cell with itself)`
  );
}
