/**
 * The series the charts draw that the workload's view does not already hold: the ideal lines, the series at each
 * series' core-count worker count (time vs size, cold vs warm) and the resources of every cell. Pure functions
 * of a `WorkloadView`; every number is a field of the result file or a ratio of such fields. Points carry their
 * cell's transport when data moved, so the charts tell the series of a strategy apart (`chart-series.ts`).
 */
import { type Cell, SERIAL_ID, type Transport } from '@coresweep/core';
import { bySeries, seriesKey, transportField } from './chart-series.js';
import { idealSpeedup, type WorkloadView } from './view.js';

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

/** The ok cells of each series at its `atCores` worker count, series by series in the fixed order. */
function okCellsAtCores(view: WorkloadView): Cell[] {
  const key = seriesKey(view.series);
  return view.series.flatMap((s) =>
    view.cells.filter((c) => key(c) === s.key && c.workers === view.atCores.get(s.key) && c.status === 'ok'),
  );
}

export interface TimePoint {
  strategy: string;
  transport?: Transport;
  workers: number;
  size: number;
  median: number;
  lo: number;
  hi: number;
}

/** Warm median time per size for each series at its `atCores` count (ok cells only). */
export function timeVsSize(view: WorkloadView): TimePoint[] {
  const series = bySeries(view.series);
  return okCellsAtCores(view)
    .flatMap((c) =>
      c.wallMs
        ? [
            {
              strategy: c.strategy,
              ...transportField(c),
              workers: c.workers,
              size: c.size,
              median: c.wallMs.median,
              lo: c.wallMs.ci95[0],
              hi: c.wallMs.ci95[1],
            },
          ]
        : [],
    )
    .sort((a, b) => a.strategy.localeCompare(b.strategy) || series(a, b) || a.size - b.size);
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
  transport?: Transport;
  workers: number;
  size: number;
  coldMs: number;
  warmMs: number;
  startMs: number | null;
}

/** Cold (start() to first result) against warm median per series at its `atCores` count. */
export function coldWarm(view: WorkloadView): ColdWarmPoint[] {
  return okCellsAtCores(view).flatMap((c) =>
    c.coldMs !== null && c.wallMs
      ? [
          {
            strategy: c.strategy,
            ...transportField(c),
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
  transport?: Transport;
  workers: number;
  size: number;
  utilisation: number | null;
  peakRssBytes: number | null;
}

/** CPU utilisation and peak RSS of every ok cell, by series, size and workers. */
export function resources(view: WorkloadView): ResourcePoint[] {
  const series = bySeries(view.series);
  return view.cells
    .filter((c) => c.status === 'ok' && (c.utilisation !== null || c.peakRssBytes !== null))
    .map((c) => ({
      strategy: c.strategy,
      ...transportField(c),
      workers: c.workers,
      size: c.size,
      utilisation: c.utilisation,
      peakRssBytes: c.peakRssBytes,
    }))
    .sort((a, b) => series(a, b) || a.size - b.size || a.workers - b.workers);
}
