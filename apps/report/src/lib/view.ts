/**
 * A workload's view: everything the pages, tables and charts of one workload read, computed once per page from the
 * result file. Every number in it is a field of the file or a ratio of such fields (efficiency = speedup / workers,
 * ideal = min(workers, usable cores)); who wins is decided by the one rule of `ranking.ts`. Charts and winners go by
 * series (`chart-series.ts`): a strategy, or a strategy and transport where the workload ran it over several.
 */
import {
  type Cell,
  type CellStatus,
  matrixKey,
  type ResultFile,
  type RuntimeInfo,
  runtimeId,
  runtimeLabel,
  runtimesOf,
  type Transport,
} from '@coresweep/core';
import {
  bySeries,
  type Series,
  type SeriesIdentity,
  seriesKey,
  seriesOfCells,
  transportField,
} from './chart-series.js';
import { orderStrategies } from './palette.js';
import { best, bySeriesRank, overlaps } from './ranking.js';

/** Statuses of cells that ran but produced no valid measurement; charts mark them, tables explain them. */
export const PROBLEM_STATUSES: ReadonlySet<CellStatus> = new Set(['failed', 'timeout', 'wrong-result']);

export interface SpeedupPoint {
  strategy: string;
  /** Present when the cell moved data. */
  transport?: Transport;
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

export interface ProblemCell {
  strategy: string;
  /** Present when the cell moved data. */
  transport?: Transport;
  size: number;
  workers: number;
  status: CellStatus;
  error: string | null;
}

/** Cells of one strategy the run did not start, for one reason (a strategy's `supports()` answer). */
export interface NotRunGroup {
  strategy: string;
  reason: string;
  sizes: number[];
  cells: number;
}

/** Skipped cells grouped by strategy and reason, in the order of the file. */
export function notRunGroups(cells: readonly Cell[]): NotRunGroup[] {
  const groups = new Map<string, NotRunGroup>();
  for (const c of cells) {
    if (c.status !== 'skipped') continue;
    const reason = c.error ?? 'not run';
    const key = JSON.stringify([c.strategy, reason]);
    const group = groups.get(key) ?? { strategy: c.strategy, reason, sizes: [], cells: 0 };
    group.cells++;
    if (!group.sizes.includes(c.size)) group.sizes.push(c.size);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ ...g, sizes: [...g.sizes].sort((a, b) => a - b) }));
}

/** A series' best point at one size (its highest speedup over its worker counts), the size's winner flagged. */
export interface StrategyBest extends SpeedupPoint {
  winner: boolean;
}

/** The winner at one size of a workload, and how far it is from ideal. */
export interface Best {
  workload: string;
  size: number;
  strategy: string;
  /** Present when the winner's cells moved data. */
  transport?: Transport;
  workers: number;
  /** The winner's speedup; null when the run has no serial reference and the winner is simply the fastest. */
  speedup: number | null;
  lo: number | null;
  hi: number | null;
  ideal: number;
  ofIdeal: number | null;
  medianMs: number | null;
  /** The series keys of the other series whose best point's interval overlaps the winner's: not distinguishable. */
  tiedWith: string[];
}

export interface WorkloadView {
  run: ResultFile;
  workload: string;
  /**
   * The runtime of the view's cells where the run holds several (one view per workload and runtime, each against that
   * runtime's serial time); null when the run has one.
   */
  runtime: RuntimeInfo | null;
  /** The view's page in the run: the workload id, with `.bun-1.4.5` for the view of one of several runtimes. */
  slug: string;
  /** The workload's title, `… on bun 1.4.5` for a runtime's view. */
  title: string;
  /** The workload's description from the file, if it lists the workload. */
  description: string | undefined;
  /** The cores the run could really use (affinity, quota and availableParallelism considered). */
  cores: number;
  /** The workload's cells in the order of the file (`tableCells` gives the table order). */
  cells: Cell[];
  /** Axes: every size, worker count and strategy (fixed order) of the workload's cells. */
  sizes: number[];
  workers: number[];
  strategies: string[];
  /** What the charts draw and winners are picked among, in the fixed order (`chart-series.ts`). */
  series: Series[];
  /** One point per ok cell with a speedup, ordered by series, size and workers. */
  speedup: SpeedupPoint[];
  /** Cells that ran without a valid result, in the order of the file. */
  problems: ProblemCell[];
  /** Cells that were not started (skipped), by strategy and reason. */
  notRun: NotRunGroup[];
  /** For each size, each series' best point, the winner flagged. */
  bests: StrategyBest[];
  /** The winner at each size (the fastest ok cell when the run has no speedups). */
  winners: Best[];
  /** The worker count each series (by key) is shown at in the "at the core count" charts (see `workersAtCores`). */
  atCores: ReadonlyMap<string, number>;
}

/** Workload ids in the order the run lists them, then any that only appear in cells. */
export function workloadsOf(run: ResultFile): string[] {
  const ids = [...run.workloads.map((w) => w.id), ...run.config.workloads, ...run.cells.map((c) => c.workload)];
  return [...new Set(ids)].filter((id) => run.cells.some((c) => c.workload === id));
}

export function workloadTitle(run: ResultFile, workload: string): string {
  return run.workloads.find((w) => w.id === workload)?.title ?? workload;
}

export function statusCounts(run: ResultFile): Record<CellStatus, number> {
  const counts: Record<CellStatus, number> = { ok: 0, failed: 0, timeout: 0, 'wrong-result': 0, skipped: 0 };
  for (const c of run.cells) counts[c.status]++;
  return counts;
}

export function idealSpeedup(workers: number, cores: number): number {
  return Math.min(workers, cores);
}

/** Compares two items by their strategy's place in `strategies` (a view's fixed order). */
export function byStrategy(strategies: readonly string[]) {
  return (a: { strategy: string }, b: { strategy: string }) =>
    strategies.indexOf(a.strategy) - strategies.indexOf(b.strategy);
}

function distinctSorted(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * The worker count a strategy is shown at in the "at the core count" charts: workers = cores when the run has it,
 * otherwise the largest count below the core count, otherwise the smallest count it ran at. A strategy without
 * parallelism that only ran at one worker count (serial) is shown at that count.
 */
export function workersAtCores(cells: readonly Cell[], strategy: string, cores: number): number | null {
  const counts = distinctSorted(cells.filter((c) => c.strategy === strategy).map((c) => c.workers));
  if (counts.length === 0) return null;
  if (counts.includes(cores)) return cores;
  const below = counts.filter((w) => w < cores);
  return below.length > 0 ? (below[below.length - 1] as number) : (counts[0] as number);
}

function speedupPoint(c: Cell, speedup: NonNullable<Cell['speedup']>, cores: number): SpeedupPoint {
  const ideal = idealSpeedup(c.workers, cores);
  const [lo, hi] = speedup.ci95;
  return {
    strategy: c.strategy,
    ...transportField(c),
    size: c.size,
    workers: c.workers,
    speedup: speedup.median,
    lo,
    hi,
    ideal,
    efficiency: speedup.median / c.workers,
    efficiencyLo: lo / c.workers,
    efficiencyHi: hi / c.workers,
    ofIdeal: speedup.median / ideal,
  };
}

/** Each series' best point at each size, in series order, the size's winner flagged. */
function seriesBests(speedup: readonly SpeedupPoint[], sizes: readonly number[], series: readonly Series[]) {
  const key = seriesKey(series);
  const order = series.map((s) => s.key);
  const rank = bySeriesRank<SpeedupPoint>((p) => p.speedup, 'higher', series);
  const out: StrategyBest[] = [];
  for (const size of sizes) {
    const atSize = speedup.filter((p) => p.size === size);
    const ofSeries = (k: string) => atSize.filter((p) => key(p) === k);
    const bests = order.flatMap((k) => best(ofSeries(k), rank) ?? []);
    const top = best(bests, rank);
    for (const b of bests) out.push({ ...b, winner: b === top });
  }
  return out;
}

/** The view before its winners are known. */
type ViewBase = Omit<WorkloadView, 'winners'>;

/** Who won at a size: the fields every `Best` starts with. */
function winnerAt(view: ViewBase, size: number, winner: SeriesIdentity & { workers: number }) {
  return {
    workload: view.workload,
    size,
    strategy: winner.strategy,
    ...transportField(winner),
    workers: winner.workers,
  };
}

function winnerBySpeedup(view: ViewBase, size: number, bests: StrategyBest[]): Best {
  const top = bests.find((b) => b.winner) as StrategyBest;
  // The view holds one runtime's cells: the matrix key finds the cell whatever runtime it records.
  const key = matrixKey({ ...top, workload: view.workload });
  const cell = view.cells.find((c) => matrixKey(c) === key);
  return {
    ...winnerAt(view, size, top),
    speedup: top.speedup,
    lo: top.lo,
    hi: top.hi,
    ideal: top.ideal,
    ofIdeal: top.ofIdeal,
    medianMs: cell?.wallMs?.median ?? null,
    tiedWith: bests.filter((b) => b !== top && overlaps(b, top)).map(seriesKey(view.series)),
  };
}

/** Without speedups (no ok serial cell) the fastest ok cell wins, on its median time. */
function winnerByTime(view: ViewBase, size: number): Best | null {
  const timed = view.cells.filter((c) => c.size === size && c.status === 'ok' && c.wallMs !== null);
  const fastest = best(
    timed,
    bySeriesRank<Cell>((c) => c.wallMs?.median ?? 0, 'lower', view.series),
  );
  if (!fastest) return null;
  return {
    ...winnerAt(view, size, fastest),
    speedup: null,
    lo: null,
    hi: null,
    ideal: idealSpeedup(fastest.workers, view.cores),
    ofIdeal: null,
    medianMs: fastest.wallMs?.median ?? null,
    tiedWith: [],
  };
}

/** `do-math.bun-1.4.5`: workload ids have no dot, so the slug of a runtime's view cannot be a workload's. */
function viewSlug(workload: string, runtime: RuntimeInfo | null): string {
  return runtime ? `${workload}.${runtime.name}-${runtime.version}` : workload;
}

/** The view of one workload of a run, or of its cells on one runtime (see `WorkloadView`). */
export function workloadView(run: ResultFile, workload: string, runtime: RuntimeInfo | null = null): WorkloadView {
  const cores = run.machine.usableCores;
  const onRuntime = (c: Cell) => !runtime || (c.runtime !== undefined && runtimeId(c.runtime) === runtimeId(runtime));
  const cells = run.cells.filter((c) => c.workload === workload && onRuntime(c));
  const strategies = orderStrategies(cells.map((c) => c.strategy));
  const series = seriesOfCells(cells);
  const key = seriesKey(series);
  const sizes = distinctSorted(cells.map((c) => c.size));
  const speedup = cells
    .flatMap((c) => (c.status === 'ok' && c.speedup !== null ? [speedupPoint(c, c.speedup, cores)] : []))
    .sort((a, b) => bySeries(series)(a, b) || a.size - b.size || a.workers - b.workers);
  const bests = seriesBests(speedup, sizes, series);
  const view: ViewBase = {
    run,
    workload,
    runtime,
    slug: viewSlug(workload, runtime),
    title: runtime ? `${workloadTitle(run, workload)} on ${runtimeLabel(runtime)}` : workloadTitle(run, workload),
    description: run.workloads.find((w) => w.id === workload)?.description,
    cores,
    cells,
    sizes,
    workers: distinctSorted(cells.map((c) => c.workers)),
    strategies,
    series,
    speedup,
    problems: cells
      .filter((c) => PROBLEM_STATUSES.has(c.status))
      .map((c) => ({
        strategy: c.strategy,
        ...transportField(c),
        size: c.size,
        workers: c.workers,
        status: c.status,
        error: c.error,
      })),
    notRun: notRunGroups(cells),
    bests,
    atCores: new Map(
      // every series has cells
      series.map((s) => [
        s.key,
        workersAtCores(
          cells.filter((c) => key(c) === s.key),
          s.strategy,
          cores,
        ) as number,
      ]),
    ),
  };
  const winners = sizes.flatMap((size) => {
    const atSize = bests.filter((b) => b.size === size);
    return (atSize.length > 0 ? winnerBySpeedup(view, size, atSize) : winnerByTime(view, size)) ?? [];
  });
  return { ...view, winners };
}

/** The runtimes of a run's cells when it holds several (each gets its own views); empty otherwise. */
export function viewRuntimes(run: ResultFile): RuntimeInfo[] {
  const runtimes = runtimesOf(run.cells);
  return runtimes.length > 1 ? runtimes : [];
}

/** The views of every workload of a run, in the run's order; workload by workload, runtime by runtime. */
export function runViews(run: ResultFile): WorkloadView[] {
  const runtimes = viewRuntimes(run);
  return workloadsOf(run).flatMap((workload) =>
    runtimes.length > 0
      ? runtimes.flatMap((runtime) =>
          run.cells.some((c) => c.workload === workload && c.runtime && runtimeId(c.runtime) === runtimeId(runtime))
            ? [workloadView(run, workload, runtime)]
            : [],
        )
      : [workloadView(run, workload)],
  );
}

/** The workload's cells in table order: size, series (fixed order), workers. */
export function tableCells(view: WorkloadView): Cell[] {
  const series = bySeries(view.series);
  return view.cells.slice().sort((a, b) => a.size - b.size || series(a, b) || a.workers - b.workers);
}
