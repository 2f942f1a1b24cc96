/**
 * A run over several runtimes, side by side: the same workload, size and strategy on each runtime (its speedup over
 * that runtime's serial time, its cold start and its peak memory), and which strategy each runtime could run at all.
 * Every number is a field of the result file; which worker count a strategy is compared at follows the workload
 * pages' rule (`workersAtCores`).
 */
import {
  type Cell,
  type CellStatus,
  NO_TRANSPORT,
  type ResultFile,
  type RuntimeInfo,
  runtimeId,
  runtimeLabel,
  transportOf,
} from '@coresweep/core';
import { orderStrategies } from './palette.js';
import { viewRuntimes, workersAtCores, workloadsOf, workloadTitle } from './view.js';

export interface RuntimePoint {
  workload: string;
  size: number;
  strategy: string;
  /** How the cell's data moved (`none` for a workload without data). */
  transport: string;
  /** The strategy, and its transport where data moved (`worker-threads · clone`): a row of the charts. */
  series: string;
  workers: number;
  /** `bun 1.4.5`: the label legends and tables show. */
  runtime: string;
  status: CellStatus;
  error: string | null;
  speedup: number | null;
  lo: number | null;
  hi: number | null;
  warmMs: number | null;
  coldMs: number | null;
  peakRssBytes: number | null;
}

export interface RuntimeComparison {
  workload: string;
  title: string;
  runtimes: RuntimeInfo[];
  sizes: number[];
  strategies: string[];
  /** The charts' rows: each strategy, once per transport it moved the workload's data with. */
  series: string[];
  /** One point per strategy, transport, size and runtime, at the strategy's compared worker count. */
  points: RuntimePoint[];
}

function onRuntime(runtime: RuntimeInfo) {
  return (cell: Cell) => cell.runtime !== undefined && runtimeId(cell.runtime) === runtimeId(runtime);
}

/** The runs whose cells ran on more than one runtime: they get a comparison page. */
export function hasRuntimeComparison(run: ResultFile): boolean {
  return viewRuntimes(run).length > 1;
}

/** One workload of a run across its runtimes. */
export function runtimeComparison(run: ResultFile, workload: string): RuntimeComparison {
  const runtimes = viewRuntimes(run);
  const cells = run.cells.filter((c) => c.workload === workload);
  const strategies = orderStrategies(cells.map((c) => c.strategy));
  const sizes = [...new Set(cells.map((c) => c.size))].sort((a, b) => a - b);
  const series: string[] = [];
  const points = strategies.flatMap((strategy) => {
    // One worker count per strategy on every runtime, so the runtimes are compared on the same cells.
    const workers = workersAtCores(cells, strategy, run.machine.usableCores);
    const transports = [...new Set(cells.filter((c) => c.strategy === strategy).map(transportOf))];
    return transports.flatMap((transport) => {
      const name = seriesName(strategy, transport);
      series.push(name);
      return sizes.flatMap((size) =>
        runtimes.flatMap((runtime): RuntimePoint[] => {
          const cell = cells.find(
            (c) =>
              c.strategy === strategy &&
              transportOf(c) === transport &&
              c.size === size &&
              c.workers === workers &&
              onRuntime(runtime)(c),
          );
          return cell ? [point(cell, runtime, name)] : [];
        }),
      );
    });
  });
  return { workload, title: workloadTitle(run, workload), runtimes, sizes, strategies, series, points };
}

/** `worker-threads`, or `worker-threads · clone` where the cells moved data. */
function seriesName(strategy: string, transport: string): string {
  return transport === NO_TRANSPORT ? strategy : `${strategy} · ${transport}`;
}

function point(cell: Cell, runtime: RuntimeInfo, series: string): RuntimePoint {
  const ok = cell.status === 'ok';
  return {
    workload: cell.workload,
    size: cell.size,
    strategy: cell.strategy,
    transport: transportOf(cell),
    series,
    workers: cell.workers,
    runtime: runtimeLabel(runtime),
    status: cell.status,
    error: cell.error,
    speedup: ok ? (cell.speedup?.median ?? null) : null,
    lo: ok ? (cell.speedup?.ci95[0] ?? null) : null,
    hi: ok ? (cell.speedup?.ci95[1] ?? null) : null,
    warmMs: ok ? (cell.wallMs?.median ?? null) : null,
    coldMs: ok ? cell.coldMs : null,
    peakRssBytes: ok ? cell.peakRssBytes : null,
  };
}

export function runtimeComparisons(run: ResultFile): RuntimeComparison[] {
  return workloadsOf(run).map((workload) => runtimeComparison(run, workload));
}

/** What one strategy did on one runtime over all its cells. */
export interface Compatibility {
  strategy: string;
  runtime: RuntimeInfo;
  /** `ok` when every cell was; otherwise the most serious status among its cells. */
  status: CellStatus;
  ok: number;
  total: number;
  /** The first line of the error of the first cell with that status (the declared reason of a skip). */
  reason: string | null;
}

const SERIOUSNESS: Record<CellStatus, number> = { 'wrong-result': 4, timeout: 3, failed: 2, skipped: 1, ok: 0 };

/** The runtime × strategy table: which strategy ran on which runtime, and why not where it did not. */
export function compatibility(run: ResultFile): {
  runtimes: RuntimeInfo[];
  strategies: string[];
  entries: Compatibility[];
} {
  const runtimes = viewRuntimes(run);
  const strategies = orderStrategies(run.cells.map((c) => c.strategy));
  const entries = strategies.flatMap((strategy) =>
    runtimes.flatMap((runtime) => {
      const cells = run.cells.filter((c) => c.strategy === strategy && onRuntime(runtime)(c));
      if (cells.length === 0) return [];
      const worst = cells.reduce((a, b) => (SERIOUSNESS[b.status] > SERIOUSNESS[a.status] ? b : a));
      return [
        {
          strategy,
          runtime,
          status: worst.status,
          ok: cells.filter((c) => c.status === 'ok').length,
          total: cells.length,
          reason: worst.status === 'ok' ? null : (worst.error ?? '').split('\n')[0] || null,
        },
      ];
    }),
  );
  return { runtimes, strategies, entries };
}
