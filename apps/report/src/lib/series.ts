/**
 * Derived series for the charts and tables. Pure functions of a result file: every number they return is a field
 * of the file or a ratio of such fields (efficiency = speedup / workers, ideal = min(workers, usable cores)), or a
 * fitted model evaluated from the parameters stored in the file (never refitted here).
 */
import { amdahlSpeedup, type Cell, type CellStatus, type ResultFile, uslSpeedup } from '@coresweep/core';
import { orderStrategies } from './palette.js';

/** Statuses of cells that ran but produced no valid measurement; charts mark them, tables explain them. */
export const PROBLEM_STATUSES: ReadonlySet<CellStatus> = new Set(['failed', 'timeout', 'wrong-result']);

export function workloadCells(run: ResultFile, workload: string): Cell[] {
  return run.cells.filter((c) => c.workload === workload);
}

/** Workload ids in the order the run lists them, then any that only appear in cells. */
export function workloadsOf(run: ResultFile): string[] {
  const ids = [...run.workloads.map((w) => w.id), ...run.config.workloads, ...run.cells.map((c) => c.workload)];
  return [...new Set(ids)].filter((id) => run.cells.some((c) => c.workload === id));
}

export function workloadTitle(run: ResultFile, workload: string): string {
  return run.workloads.find((w) => w.id === workload)?.title ?? workload;
}

export function sizesOf(cells: readonly Cell[]): number[] {
  return [...new Set(cells.map((c) => c.size))].sort((a, b) => a - b);
}

export function workersOf(cells: readonly Cell[]): number[] {
  return [...new Set(cells.map((c) => c.workers))].sort((a, b) => a - b);
}

export function strategiesOf(cells: readonly Cell[]): string[] {
  return orderStrategies(cells.map((c) => c.strategy));
}

/** The cores the run could really use (affinity, quota and availableParallelism considered). */
export function coresOf(run: ResultFile): number {
  return run.machine.usableCores;
}

export function idealSpeedup(workers: number, cores: number): number {
  return Math.min(workers, cores);
}

export interface SpeedupPoint {
  strategy: string;
  size: number;
  workers: number;
  speedup: number;
  lo: number;
  hi: number;
  /** min(workers, cores). */
  ideal: number;
  /** speedup / workers, with the interval scaled the same way. */
  efficiency: number;
  efficiencyLo: number;
  efficiencyHi: number;
  /** speedup / ideal. */
  ofIdeal: number;
}

/** One point per ok cell with a speedup, ordered by strategy, size and workers. */
export function speedupSeries(run: ResultFile, workload: string): SpeedupPoint[] {
  const cores = coresOf(run);
  const cells = workloadCells(run, workload);
  const order = strategiesOf(cells);
  return cells
    .filter((c) => c.status === 'ok' && c.speedup !== null)
    .map((c) => {
      const speedup = c.speedup as NonNullable<Cell['speedup']>;
      const ideal = idealSpeedup(c.workers, cores);
      return {
        strategy: c.strategy,
        size: c.size,
        workers: c.workers,
        speedup: speedup.median,
        lo: speedup.ci95[0],
        hi: speedup.ci95[1],
        ideal,
        efficiency: speedup.median / c.workers,
        efficiencyLo: speedup.ci95[0] / c.workers,
        efficiencyHi: speedup.ci95[1] / c.workers,
        ofIdeal: speedup.median / ideal,
      };
    })
    .sort((a, b) => order.indexOf(a.strategy) - order.indexOf(b.strategy) || a.size - b.size || a.workers - b.workers);
}

export interface IdealPoint {
  workers: number;
  speedup: number;
  efficiency: number;
}

/**
 * The ideal scaling line min(p, cores) over the worker counts of the run, with the knee at `cores` included when
 * it lies inside the range so the line bends where the machine runs out of cores.
 */
export function idealLine(workers: readonly number[], cores: number): IdealPoint[] {
  if (workers.length === 0) return [];
  const lo = Math.min(...workers);
  const hi = Math.max(...workers);
  const xs = [...new Set([...workers, ...(cores > lo && cores < hi ? [cores] : [])])].sort((a, b) => a - b);
  return xs.map((p) => ({ workers: p, speedup: idealSpeedup(p, cores), efficiency: idealSpeedup(p, cores) / p }));
}

export interface ProblemCell {
  strategy: string;
  size: number;
  workers: number;
  status: CellStatus;
  error: string | null;
}

export function problemCells(run: ResultFile, workload: string): ProblemCell[] {
  return workloadCells(run, workload)
    .filter((c) => PROBLEM_STATUSES.has(c.status))
    .map((c) => ({ strategy: c.strategy, size: c.size, workers: c.workers, status: c.status, error: c.error }));
}

export interface Best {
  workload: string;
  size: number;
  strategy: string;
  workers: number;
  /** The winner's speedup; null when the run has no serial reference and the winner is simply the fastest. */
  speedup: number | null;
  lo: number | null;
  hi: number | null;
  ideal: number;
  ofIdeal: number | null;
  medianMs: number | null;
  /** Other strategies whose best point's interval overlaps the winner's: not distinguishable from it. */
  tiedWith: string[];
}

/** Best point per strategy: highest speedup median; ties on the median go to fewer workers. */
function bestPerStrategy(points: readonly SpeedupPoint[]): Map<string, SpeedupPoint> {
  const best = new Map<string, SpeedupPoint>();
  for (const p of points) {
    const current = best.get(p.strategy);
    if (!current || p.speedup > current.speedup || (p.speedup === current.speedup && p.workers < current.workers)) {
      best.set(p.strategy, p);
    }
  }
  return best;
}

export interface StrategyBest extends SpeedupPoint {
  winner: boolean;
}

/** For each size, each strategy's best point (highest speedup over its worker counts), winner flagged. */
export function strategyBests(run: ResultFile, workload: string): StrategyBest[] {
  const series = speedupSeries(run, workload);
  const out: StrategyBest[] = [];
  for (const size of sizesOf(workloadCells(run, workload))) {
    const bests = [...bestPerStrategy(series.filter((p) => p.size === size)).values()];
    const top = bests.reduce<SpeedupPoint | null>((a, b) => (!a || b.speedup > a.speedup ? b : a), null);
    for (const b of bests) out.push({ ...b, winner: b === top });
  }
  return out;
}

/** The winning strategy at each size of a workload, and how far it is from ideal. */
export function bestPerSize(run: ResultFile, workload: string): Best[] {
  const cores = coresOf(run);
  const cells = workloadCells(run, workload);
  const series = speedupSeries(run, workload);
  const out: Best[] = [];
  for (const size of sizesOf(cells)) {
    const bests = [...bestPerStrategy(series.filter((p) => p.size === size)).values()];
    if (bests.length > 0) {
      const top = bests.reduce((a, b) =>
        b.speedup > a.speedup || (b.speedup === a.speedup && b.workers < a.workers) ? b : a,
      );
      const cell = cells.find((c) => c.size === size && c.strategy === top.strategy && c.workers === top.workers);
      out.push({
        workload,
        size,
        strategy: top.strategy,
        workers: top.workers,
        speedup: top.speedup,
        lo: top.lo,
        hi: top.hi,
        ideal: top.ideal,
        ofIdeal: top.ofIdeal,
        medianMs: cell?.wallMs?.median ?? null,
        tiedWith: bests.filter((b) => b !== top && b.hi >= top.lo).map((b) => b.strategy),
      });
      continue;
    }
    // No speedups (no ok serial cell): the fastest ok cell wins on its median time.
    const timed = cells.filter((c) => c.size === size && c.status === 'ok' && c.wallMs !== null);
    if (timed.length === 0) continue;
    const fastest = timed.reduce((a, b) => ((b.wallMs?.median ?? 0) < (a.wallMs?.median ?? 0) ? b : a));
    out.push({
      workload,
      size,
      strategy: fastest.strategy,
      workers: fastest.workers,
      speedup: null,
      lo: null,
      hi: null,
      ideal: idealSpeedup(fastest.workers, cores),
      ofIdeal: null,
      medianMs: fastest.wallMs?.median ?? null,
      tiedWith: [],
    });
  }
  return out;
}

export interface Headline {
  workload: string;
  title: string;
  best: Best[];
}

/** The index page's headline of a run: the winner per workload and size. */
export function headline(run: ResultFile): Headline[] {
  return workloadsOf(run).map((workload) => ({
    workload,
    title: workloadTitle(run, workload),
    best: bestPerSize(run, workload),
  }));
}

/**
 * The worker count a strategy is shown at in the "at the core count" charts: workers = cores when the run has it,
 * otherwise the largest count below the core count, otherwise the smallest count it ran at. A strategy without
 * parallelism that only ran at one worker count (serial) is shown at that count.
 */
export function workersAtCores(cells: readonly Cell[], strategy: string, cores: number): number | null {
  const counts = workersOf(cells.filter((c) => c.strategy === strategy));
  if (counts.length === 0) return null;
  if (counts.includes(cores)) return cores;
  const below = counts.filter((w) => w < cores);
  return below.length > 0 ? (below[below.length - 1] as number) : (counts[0] as number);
}

export interface TimePoint {
  strategy: string;
  workers: number;
  size: number;
  median: number;
  lo: number;
  hi: number;
}

/** Warm median time per size for each strategy at its `workersAtCores` count (ok cells only). */
export function timeVsSize(run: ResultFile, workload: string): TimePoint[] {
  const cells = workloadCells(run, workload);
  const cores = coresOf(run);
  const out: TimePoint[] = [];
  for (const strategy of strategiesOf(cells)) {
    const workers = workersAtCores(cells, strategy, cores);
    for (const c of cells) {
      if (c.strategy !== strategy || c.workers !== workers || c.status !== 'ok' || !c.wallMs) continue;
      out.push({
        strategy,
        workers,
        size: c.size,
        median: c.wallMs.median,
        lo: c.wallMs.ci95[0],
        hi: c.wallMs.ci95[1],
      });
    }
  }
  return out.sort((a, b) => a.strategy.localeCompare(b.strategy) || a.size - b.size);
}

/** The ideal time at the core count: the serial median divided by the cores (ok serial cells only). */
export function idealTimeVsSize(run: ResultFile, workload: string): Array<{ size: number; median: number }> {
  const cores = coresOf(run);
  return workloadCells(run, workload)
    .filter((c) => c.strategy === 'serial' && c.status === 'ok' && c.wallMs !== null)
    .map((c) => ({ size: c.size, median: (c.wallMs?.median ?? 0) / cores }))
    .sort((a, b) => a.size - b.size);
}

export interface ColdWarmPoint {
  strategy: string;
  workers: number;
  size: number;
  coldMs: number;
  warmMs: number;
  startMs: number | null;
}

/** Cold (start() to first result) against warm median per strategy at its `workersAtCores` count. */
export function coldWarm(run: ResultFile, workload: string): ColdWarmPoint[] {
  const cells = workloadCells(run, workload);
  const cores = coresOf(run);
  const out: ColdWarmPoint[] = [];
  for (const strategy of strategiesOf(cells)) {
    const workers = workersAtCores(cells, strategy, cores);
    for (const c of cells) {
      if (c.strategy !== strategy || c.workers !== workers || c.status !== 'ok') continue;
      if (c.coldMs === null || !c.wallMs) continue;
      out.push({ strategy, workers, size: c.size, coldMs: c.coldMs, warmMs: c.wallMs.median, startMs: c.startMs });
    }
  }
  return out;
}

export interface ResourcePoint {
  strategy: string;
  workers: number;
  size: number;
  utilisation: number | null;
  peakRssBytes: number | null;
}

/** CPU utilisation and peak RSS of every ok cell. */
export function resources(run: ResultFile, workload: string): ResourcePoint[] {
  const cells = workloadCells(run, workload);
  const order = strategiesOf(cells);
  return cells
    .filter((c) => c.status === 'ok' && (c.utilisation !== null || c.peakRssBytes !== null))
    .map((c) => ({
      strategy: c.strategy,
      workers: c.workers,
      size: c.size,
      utilisation: c.utilisation,
      peakRssBytes: c.peakRssBytes,
    }))
    .sort((a, b) => order.indexOf(a.strategy) - order.indexOf(b.strategy) || a.size - b.size || a.workers - b.workers);
}

/** Cells of a workload in table order: size, strategy (known order), workers. */
export function tableCells(run: ResultFile, workload: string): Cell[] {
  const cells = workloadCells(run, workload);
  const order = strategiesOf(cells);
  return cells
    .slice()
    .sort((a, b) => a.size - b.size || order.indexOf(a.strategy) - order.indexOf(b.strategy) || a.workers - b.workers);
}

export function statusCounts(run: ResultFile): Record<CellStatus, number> {
  const counts: Record<CellStatus, number> = { ok: 0, failed: 0, timeout: 0, 'wrong-result': 0, skipped: 0 };
  for (const c of run.cells) counts[c.status]++;
  return counts;
}

/**
 * Overhead split of the fitted models (file section `models.scaling[].overhead`) at each strategy's
 * `workersAtCores` count: the ideal compute T_serial / p and the dispatch overhead beyond it.
 */
export interface OverheadPoint {
  strategy: string;
  workers: number;
  size: number;
  computeMs: number;
  dispatchMs: number;
  startupMs: number | null;
  firstRunExtraMs: number | null;
  /** dispatch / (compute + dispatch): the share of a warm run lost to overhead. */
  overheadShare: number;
}

export function overheadAtCores(run: ResultFile, workload: string): OverheadPoint[] {
  const cells = workloadCells(run, workload);
  const cores = coresOf(run);
  const order = strategiesOf(cells);
  const out: OverheadPoint[] = [];
  for (const model of run.models?.scaling ?? []) {
    if (model.workload !== workload) continue;
    const workers = workersAtCores(cells, model.strategy, cores);
    const split = model.overhead?.find((o) => o.workers === workers);
    if (!split || workers === null) continue;
    const total = split.computeMs + split.dispatchMs;
    out.push({
      strategy: model.strategy,
      workers,
      size: model.size,
      computeMs: split.computeMs,
      dispatchMs: split.dispatchMs,
      startupMs: split.startupMs,
      firstRunExtraMs: split.firstRunExtraMs,
      overheadShare: total > 0 ? split.dispatchMs / total : 0,
    });
  }
  return out.sort((a, b) => a.size - b.size || order.indexOf(a.strategy) - order.indexOf(b.strategy));
}

export interface ModelRow {
  strategy: string;
  size: number;
  amdahl: { serialFraction: number; ci95: [number, number] | null; rmse: number } | { reason: string };
  usl:
    | { sigma: number; kappa: number; peakWorkers: number | null; peakSpeedup: number | null; rmse: number }
    | { reason: string };
  /** Karp–Flatt serial fraction at the strategy's `workersAtCores` count, when that count is above 1. */
  karpFlatt: { workers: number; serialFraction: number } | null;
}

/** The fitted scaling models of a workload, one row per strategy and size (from `models.scaling`). */
export function modelRows(run: ResultFile, workload: string): ModelRow[] {
  const cells = workloadCells(run, workload);
  const cores = coresOf(run);
  const order = strategiesOf(cells);
  return (run.models?.scaling ?? [])
    .filter((m) => m.workload === workload)
    .map((m) => {
      const workers = workersAtCores(cells, m.strategy, cores);
      return {
        strategy: m.strategy,
        size: m.size,
        amdahl:
          m.amdahl.status === 'ok'
            ? { serialFraction: m.amdahl.serialFraction, ci95: m.amdahl.ci95, rmse: m.amdahl.rmse }
            : { reason: m.amdahl.reason },
        usl:
          m.usl.status === 'ok'
            ? {
                sigma: m.usl.sigma,
                kappa: m.usl.kappa,
                peakWorkers: m.usl.peakWorkers,
                peakSpeedup: m.usl.peakSpeedup,
                rmse: m.usl.rmse,
              }
            : { reason: m.usl.reason },
        karpFlatt: m.karpFlatt.find((k) => k.workers === workers) ?? null,
      };
    })
    .sort((a, b) => a.size - b.size || order.indexOf(a.strategy) - order.indexOf(b.strategy));
}

export interface CrossoverRow {
  strategy: string;
  workers: number;
  size: number | null;
  estimatedSize: number | null;
  holdsAbove: boolean;
}

/** Per strategy at its `workersAtCores` count: the smallest measured size at which it beats serial. */
export function crossoversAtCores(run: ResultFile, workload: string): CrossoverRow[] {
  const cells = workloadCells(run, workload);
  const cores = coresOf(run);
  const order = strategiesOf(cells);
  return (run.models?.crossovers ?? [])
    .filter((c) => c.workload === workload && c.workers === workersAtCores(cells, c.strategy, cores))
    .map((c) => ({
      strategy: c.strategy,
      workers: c.workers,
      size: c.size,
      estimatedSize: c.estimatedSize,
      holdsAbove: c.holdsAbove,
    }))
    .sort((a, b) => order.indexOf(a.strategy) - order.indexOf(b.strategy));
}

export type FitModel = 'usl' | 'amdahl';

export interface FitCurvePoint {
  strategy: string;
  size: number;
  model: FitModel;
  workers: number;
  speedup: number;
}

/**
 * The fitted scaling curves of a workload, evaluated with core's pure model functions from the parameters stored
 * in `models.scaling` (nothing is refitted): the USL curve over the worker counts the strategy was measured at, and
 * the Amdahl curve only up to the usable cores, the range it was fitted over. Fits with status 'insufficient' give
 * no curve. `steps` points per curve, plus every measured worker count, so the curve passes the measured x values.
 */
export function fittedCurves(run: ResultFile, workload: string, steps = 40): FitCurvePoint[] {
  const cores = coresOf(run);
  const series = speedupSeries(run, workload);
  const order = strategiesOf(workloadCells(run, workload));
  const out: FitCurvePoint[] = [];
  for (const m of run.models?.scaling ?? []) {
    if (m.workload !== workload) continue;
    const measured = series.filter((p) => p.strategy === m.strategy && p.size === m.size).map((p) => p.workers);
    if (measured.length === 0) continue;
    const lo = Math.min(...measured);
    const hi = Math.max(...measured);
    const xs = (to: number) => {
      if (!(to > lo)) return [];
      const grid = Array.from({ length: steps + 1 }, (_, i) => lo + ((to - lo) * i) / steps);
      return [...new Set([...grid, ...measured.filter((w) => w <= to)])].sort((a, b) => a - b);
    };
    const push = (model: FitModel, workers: number[], f: (p: number) => number) => {
      for (const p of workers) {
        const speedup = f(p);
        if (Number.isFinite(speedup) && speedup >= 0)
          out.push({ strategy: m.strategy, size: m.size, model, workers: p, speedup });
      }
    };
    if (m.usl.status === 'ok') {
      const { sigma, kappa } = m.usl;
      push('usl', xs(hi), (p) => uslSpeedup(sigma, kappa, p));
    }
    if (m.amdahl.status === 'ok') {
      const { serialFraction } = m.amdahl;
      push('amdahl', xs(Math.min(hi, cores)), (p) => amdahlSpeedup(serialFraction, p));
    }
  }
  return out.sort(
    (a, b) =>
      a.size - b.size ||
      order.indexOf(a.strategy) - order.indexOf(b.strategy) ||
      a.model.localeCompare(b.model) ||
      a.workers - b.workers,
  );
}

export interface MapEntry {
  strategy: string;
  /** The workers of the measured cell; for serial, the count it ran at (it counts as 1.00x in every row). */
  workers: number;
  speedup: number;
  lo: number;
  hi: number;
}

export interface CrossoverMapCell {
  workers: number;
  size: number;
  /** min(workers, usable cores). */
  ideal: number;
  /** The strategy with the highest median speedup at this workers x size; null when no strategy has a speedup. */
  winner: MapEntry | null;
  /** The second highest median speedup; null with fewer than two candidates. */
  runnerUp: MapEntry | null;
  /** winner / runner-up - 1 (medians); null without a runner-up. */
  margin: number | null;
  /** The winner's 95% interval overlaps the runner-up's: the data do not separate them. */
  tie: boolean;
  /** Every other strategy whose interval overlaps the winner's. */
  tiedWith: string[];
  /** winner speedup / ideal. */
  ofIdeal: number | null;
  /** Every candidate, best first. */
  ranking: MapEntry[];
}

const SERIAL = 'serial';

/**
 * The crossover map of a workload: for every worker count (rows) and size (columns) of the run, which strategy has
 * the highest median speedup there, by how much it beats the runner-up, and whether their 95% intervals overlap
 * (a tie). Serial takes part in every row with its own speedup (1.00x by definition) and interval, so a row where
 * every parallel strategy loses to serial is won by serial. Ties on the median go to the strategy listed first.
 */
export function crossoverMap(run: ResultFile, workload: string): CrossoverMapCell[] {
  const cells = workloadCells(run, workload);
  const cores = coresOf(run);
  const order = strategiesOf(cells);
  const series = speedupSeries(run, workload);
  const out: CrossoverMapCell[] = [];
  const entry = (p: SpeedupPoint): MapEntry => ({
    strategy: p.strategy,
    workers: p.workers,
    speedup: p.speedup,
    lo: p.lo,
    hi: p.hi,
  });
  for (const size of sizesOf(cells)) {
    const atSize = series.filter((p) => p.size === size);
    const serial = atSize.find((p) => p.strategy === SERIAL);
    for (const workers of workersOf(cells)) {
      const candidates = atSize.filter((p) => p.workers === workers && p.strategy !== SERIAL).map(entry);
      if (serial) candidates.push(entry(serial));
      const ranking = candidates.sort(
        (a, b) => b.speedup - a.speedup || order.indexOf(a.strategy) - order.indexOf(b.strategy),
      );
      const winner = ranking[0] ?? null;
      const runnerUp = ranking[1] ?? null;
      const overlaps = (a: MapEntry, b: MapEntry) => a.lo <= b.hi && b.lo <= a.hi;
      const ideal = idealSpeedup(workers, cores);
      out.push({
        workers,
        size,
        ideal,
        winner,
        runnerUp,
        margin: winner && runnerUp && runnerUp.speedup > 0 ? winner.speedup / runnerUp.speedup - 1 : null,
        tie: winner !== null && runnerUp !== null && overlaps(winner, runnerUp),
        tiedWith: winner
          ? ranking
              .slice(1)
              .filter((e) => overlaps(winner, e))
              .map((e) => e.strategy)
          : [],
        ofIdeal: winner ? winner.speedup / ideal : null,
        ranking,
      });
    }
  }
  return out;
}
