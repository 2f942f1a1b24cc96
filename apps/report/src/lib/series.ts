/**
 * The series the charts draw that the workload's view does not already hold: the ideal lines, the series at each
 * strategy's core-count worker count (time vs size, cold vs warm) and the resources of every cell. Pure functions
 * of a `WorkloadView`; every number is a field of the result file or a ratio of such fields.
 */
import { type Cell, SERIAL_ID } from '@coresweep/core';
import { byStrategy, idealSpeedup, type WorkloadView } from './view.js';

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

/** The ok cells of each strategy at its `atCores` worker count, strategy by strategy in the fixed order. */
function okCellsAtCores(view: WorkloadView): Cell[] {
  return view.strategies.flatMap((strategy) =>
    view.cells.filter((c) => c.strategy === strategy && c.workers === view.atCores.get(strategy) && c.status === 'ok'),
  );
}

export interface TimePoint {
  strategy: string;
  workers: number;
  size: number;
  median: number;
  lo: number;
  hi: number;
}

/** Warm median time per size for each strategy at its `atCores` count (ok cells only). */
export function timeVsSize(view: WorkloadView): TimePoint[] {
  return okCellsAtCores(view)
    .flatMap((c) =>
      c.wallMs
        ? [
            {
              strategy: c.strategy,
              workers: c.workers,
              size: c.size,
              median: c.wallMs.median,
              lo: c.wallMs.ci95[0],
              hi: c.wallMs.ci95[1],
            },
          ]
        : [],
    )
    .sort((a, b) => a.strategy.localeCompare(b.strategy) || a.size - b.size);
}

/** The ideal time at the core count: the serial median divided by the cores (ok serial cells only). */
export function idealTimeVsSize(view: WorkloadView): Array<{ size: number; median: number }> {
  return view.cells
    .filter((c) => c.strategy === SERIAL_ID && c.status === 'ok' && c.wallMs !== null)
    .map((c) => ({ size: c.size, median: (c.wallMs?.median ?? 0) / view.cores }))
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

/** Cold (start() to first result) against warm median per strategy at its `atCores` count. */
export function coldWarm(view: WorkloadView): ColdWarmPoint[] {
  return okCellsAtCores(view).flatMap((c) =>
    c.coldMs !== null && c.wallMs
      ? [
          {
            strategy: c.strategy,
            workers: c.workers,
            size: c.size,
            coldMs: c.coldMs,
            warmMs: c.wallMs.median,
            startMs: c.startMs,
          },
        ]
      : [],
  );
}

export interface ResourcePoint {
  strategy: string;
  workers: number;
  size: number;
  utilisation: number | null;
  peakRssBytes: number | null;
}

/** CPU utilisation and peak RSS of every ok cell, by strategy, size and workers. */
export function resources(view: WorkloadView): ResourcePoint[] {
  const strategy = byStrategy(view.strategies);
  return view.cells
    .filter((c) => c.status === 'ok' && (c.utilisation !== null || c.peakRssBytes !== null))
    .map((c) => ({
      strategy: c.strategy,
      workers: c.workers,
      size: c.size,
      utilisation: c.utilisation,
      peakRssBytes: c.peakRssBytes,
    }))
    .sort((a, b) => strategy(a, b) || a.size - b.size || a.workers - b.workers);
}
