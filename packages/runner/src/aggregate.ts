/**
 * Turns the repetitions of a cell into the cell's estimate. The estimate and its interval come from the
 * per-process medians (core's intervals.ts: a t-interval on their logs; between-process variation — JIT,
 * scheduling, placement — is the honest unit of noise), and the interval records the level it really has: 95% from
 * three processes, 50% with two, none with one. Stability warnings look at the pooled warm samples when there are
 * too few processes to look at their spread.
 */
import {
  baselineKey,
  type Cell,
  disturbedSpeedupWarning,
  MIN_REPETITIONS,
  median,
  modifiedZScores,
  okRepetitions,
  type Parallelism,
  type Repetition,
  ratioInterval,
  repetitionMedians,
  SERIAL_ID,
  summarize,
  type Timing,
  timeInterval,
} from '@coresweep/core';
import type { PlannedCell } from './plan.js';
import { cellStatus } from './repetition.js';

const UNSTABLE_CV = 0.1;
const OUTLIER_Z = 3.5;
const SLOW_FIRST_FACTOR = 1.2;

function medianOrNull(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? median(present) : null;
}

/** The values the stability warnings look at: per-process medians, or pooled samples with too few processes. */
function warningBasis(ok: Repetition[]): number[] {
  if (ok.length >= MIN_REPETITIONS) return ok.map((rep) => rep.medianMs as number);
  return ok.flatMap((rep) => rep.samples);
}

function timing(ok: Repetition[], medians: number[]): Timing | null {
  const samples = ok.flatMap((rep) => rep.samples);
  if (samples.length === 0 || medians.length === 0) return null;
  const summary = summarize(samples);
  const estimate = timeInterval(medians);
  return {
    median: estimate.estimate,
    ci95: estimate.interval,
    ciLevel: estimate.level,
    mean: summary.mean,
    sd: summary.sd,
    cv: summary.cv,
    min: summary.min,
    max: summary.max,
    samples,
  };
}

function warningsFor(ok: Repetition[]): string[] {
  const warnings: string[] = [];
  if (ok.length === 0) return warnings;
  const basis = warningBasis(ok);
  const summary = summarize(basis);
  const what = ok.length >= MIN_REPETITIONS ? 'repetition medians' : 'samples';
  if (summary.cv >= UNSTABLE_CV) warnings.push(`unstable: CV of ${what} is ${(summary.cv * 100).toFixed(1)}%`);
  const outliers = modifiedZScores(basis).filter((z) => Math.abs(z) > OUTLIER_Z).length;
  if (outliers > 0) warnings.push(`${outliers} outlier ${what} (modified z-score > ${OUTLIER_Z})`);
  const sorted = [...ok].sort((a, b) => a.index - b.index);
  const first = sorted[0]?.medianMs;
  const rest = sorted.slice(1).map((rep) => rep.medianMs as number);
  if (first != null && rest.length >= 2 && first > SLOW_FIRST_FACTOR * median(rest)) {
    warnings.push(`slow first repetition: ${first.toFixed(1)} ms vs ${median(rest).toFixed(1)} ms for the rest`);
  }
  return warnings;
}

/**
 * A cell's bytes moved and movement time per run: the median over its ok repetitions. Stated only where the cell
 * moved data or a repetition reported it, so cells without data read as they did before transports.
 */
function dataMoved(ok: Repetition[]): Pick<Cell, 'bytesMoved' | 'movementMs'> {
  if (!ok.some((rep) => rep.bytesMoved != null)) return {};
  return {
    bytesMoved: medianOrNull(ok.map((rep) => rep.bytesMoved ?? null)),
    movementMs: medianOrNull(ok.map((rep) => rep.movementMs ?? null)),
  };
}

export function aggregateCell(
  planned: PlannedCell,
  reps: readonly Repetition[],
  reference: string | null,
  inputBytes: number | null = null,
): Cell {
  const { notRun, ...key } = planned;
  const ok = okRepetitions(reps).filter((rep) => (rep.medianMs as number) > 0);
  const repetitions = [...reps].sort((a, b) => a.index - b.index);
  return {
    ...key,
    // A cell planned not to run ends as its strategy declared, with the reason as its error.
    ...(notRun ? { status: notRun.status, error: notRun.reason } : cellStatus(reps)),
    checksum: reps.find((rep) => rep.checksum !== null)?.checksum ?? null,
    reference,
    wallMs: timing(
      ok,
      ok.map((rep) => rep.medianMs as number),
    ),
    coldMs: medianOrNull(ok.map((rep) => rep.coldMs)),
    startMs: medianOrNull(ok.map((rep) => rep.startMs)),
    cpuMs: medianOrNull(ok.map((rep) => rep.cpuMs)),
    utilisation: medianOrNull(ok.map((rep) => rep.utilisation)),
    peakRssBytes: medianOrNull(ok.map((rep) => rep.peakRssBytes)),
    ...(inputBytes === null ? {} : { inputBytes }),
    ...dataMoved(ok),
    speedup: null,
    repetitions,
    warnings: warningsFor(ok),
  };
}

export interface SpeedupLimits {
  usableCores: number;
  /** The parallelism a strategy declares: one without any cannot beat serial. */
  parallelism: (strategy: string) => Parallelism;
  /**
   * libuv's pool size where a workload has a form that runs on it (null otherwise): there a strategy without
   * parallelism (async) can keep min(workers, pool, cores) cores busy from one JavaScript thread.
   */
  threadPool?: (workload: string) => number | null;
}

/**
 * Fills in speedup = T_serial / T_cell for every ok cell that has an ok serial cell at the same workload, size and
 * runtime, with Welch's interval over both cells' per-process medians (the baseline's uncertainty included), and flags
 * a cell whose whole interval lies above its physical limit as a disturbed measurement. Serial's own speedup is 1
 * exactly: it is the same measurement on both sides of the ratio.
 */
export function attachSpeedups(cells: Cell[], limits: SpeedupLimits): Cell[] {
  const serial = new Map<string, Cell>();
  for (const cell of cells) {
    if (cell.strategy === SERIAL_ID && cell.status === 'ok' && cell.wallMs) serial.set(baselineKey(cell), cell);
  }
  return cells.map((cell) => {
    // Each runtime's cells divide by that runtime's serial time: a speedup says what parallelism bought there.
    const base = serial.get(baselineKey(cell));
    if (!base?.wallMs || !cell.wallMs || cell.status !== 'ok') return { ...cell, speedup: null };
    if (base === cell) return { ...cell, speedup: { median: 1, ci95: [1, 1], ciLevel: 1 } };
    const ratio = ratioInterval(repetitionMedians(base.repetitions), repetitionMedians(cell.repetitions));
    const withSpeedup: Cell = {
      ...cell,
      speedup: { median: ratio.estimate, ci95: ratio.interval, ciLevel: ratio.level },
    };
    const parallelism = limits.parallelism(cell.strategy);
    const pool = parallelism === 'none' ? (limits.threadPool?.(cell.workload) ?? null) : null;
    const disturbed =
      pool === null
        ? disturbedSpeedupWarning(withSpeedup, limits.usableCores, parallelism)
        : disturbedSpeedupWarning(withSpeedup, Math.min(limits.usableCores, pool), 'threads');
    return disturbed ? { ...withSpeedup, warnings: [...withSpeedup.warnings, disturbed] } : withSpeedup;
  });
}
