/**
 * Turns the repetitions of a cell into the cell's estimate. With three or more repetitions the estimate is the
 * median of the per-process medians and its interval is bootstrapped over those medians: between-process
 * variation (JIT, scheduling, placement) is the honest unit of noise. With fewer, the pooled warm samples are
 * used and the cell carries a warning that the interval understates between-process variation.
 */
import {
  bootstrapMedianInterval,
  bootstrapRatioInterval,
  type Cell,
  type CellStatus,
  MIN_REPETITIONS,
  median,
  modifiedZScores,
  okRepetitions,
  type Repetition,
  referenceKey,
  SERIAL_ID,
  summarize,
  type Timing,
} from '@coresweep/core';
import type { PlannedCell } from './plan.js';

const UNSTABLE_CV = 0.1;
const OUTLIER_Z = 3.5;
const SLOW_FIRST_FACTOR = 1.2;

/** Which status wins when repetitions disagree: the most alarming one. */
const STATUS_RANK: Record<CellStatus, number> = { 'wrong-result': 4, timeout: 3, failed: 2, skipped: 1, ok: 0 };

function worstStatus(repetitions: Repetition[]): Repetition | undefined {
  return repetitions.reduce<Repetition | undefined>(
    (worst, rep) => (worst === undefined || STATUS_RANK[rep.status] > STATUS_RANK[worst.status] ? rep : worst),
    undefined,
  );
}

function medianOrNull(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? median(present) : null;
}

/** The values the estimate and its interval are computed from (see the module comment). */
export function estimationBasis(ok: Repetition[]): number[] {
  if (ok.length >= MIN_REPETITIONS) return ok.map((rep) => rep.medianMs as number);
  return ok.flatMap((rep) => rep.samples);
}

function timing(ok: Repetition[], seed: number): Timing | null {
  const samples = ok.flatMap((rep) => rep.samples);
  if (samples.length === 0) return null;
  const basis = estimationBasis(ok);
  const summary = summarize(samples);
  return {
    median: median(basis),
    ci95: bootstrapMedianInterval(basis, { seed }),
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
  const basis = estimationBasis(ok);
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

export function aggregateCell(key: PlannedCell, reps: Repetition[], reference: string | null, seed: number): Cell {
  const ok = okRepetitions(reps);
  const worst = worstStatus(reps);
  const status: CellStatus = worst?.status ?? 'skipped';
  return {
    ...key,
    status,
    error: status === 'ok' ? null : (worst?.error ?? 'not run'),
    checksum: reps.find((rep) => rep.checksum !== null)?.checksum ?? null,
    reference,
    wallMs: timing(ok, seed),
    coldMs: medianOrNull(ok.map((rep) => rep.coldMs)),
    startMs: medianOrNull(ok.map((rep) => rep.startMs)),
    cpuMs: medianOrNull(ok.map((rep) => rep.cpuMs)),
    utilisation: medianOrNull(ok.map((rep) => rep.utilisation)),
    peakRssBytes: medianOrNull(ok.map((rep) => rep.peakRssBytes)),
    speedup: null,
    repetitions: [...reps].sort((a, b) => a.index - b.index),
    warnings: warningsFor(ok),
  };
}

/** Fills in speedup = T_serial / T_cell for every ok cell that has an ok serial cell at the same workload and size. */
export function attachSpeedups(cells: Cell[], seed: number): Cell[] {
  const serial = new Map<string, Cell>();
  for (const cell of cells) {
    if (cell.strategy === SERIAL_ID && cell.status === 'ok' && cell.wallMs) serial.set(referenceKey(cell), cell);
  }
  return cells.map((cell) => {
    const base = serial.get(referenceKey(cell));
    if (!base?.wallMs || !cell.wallMs || cell.status !== 'ok') return { ...cell, speedup: null };
    const okBase = okRepetitions(base.repetitions);
    const okCell = okRepetitions(cell.repetitions);
    return {
      ...cell,
      speedup: {
        median: base.wallMs.median / cell.wallMs.median,
        ci95: bootstrapRatioInterval(estimationBasis(okBase), estimationBasis(okCell), { seed }),
      },
    };
  });
}
