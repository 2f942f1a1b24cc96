/**
 * The fitted models of a workload as the report shows them: the overhead split and the crossovers at each
 * strategy's core-count worker count, one row per fit, and the fitted curves evaluated from the parameters stored
 * in the file's `models` section with core's pure model functions (nothing is refitted here). The file fits each
 * strategy and transport apart; rows carry the transport when data moved, so they fall in the view's series.
 */
import { amdahlSpeedup, type RuntimeInfo, runtimeId, type Transport, uslSpeedup } from '@coresweep/core';
import { bySeries, type SeriesIdentity, seriesKey, transportField } from './chart-series.js';
import type { WorkloadView } from './view.js';

/** Sorts rows by size, then by the view's series order. */
function bySizeThenSeries(view: WorkloadView) {
  const series = bySeries(view.series);
  return (a: SeriesIdentity & { size: number }, b: SeriesIdentity & { size: number }) =>
    a.size - b.size || series(a, b);
}

/** The worker count an item's series is shown at in the "at the core count" charts and tables. */
function atCoresOf(view: WorkloadView, item: SeriesIdentity): number | undefined {
  return view.atCores.get(seriesKey(view.series)(item));
}

/** A model of the view's workload and, for a runtime's view, of that runtime (models are fitted per runtime). */
function ofView(view: WorkloadView) {
  return (model: { workload: string; runtime?: RuntimeInfo | undefined }) =>
    model.workload === view.workload &&
    (!view.runtime || (model.runtime !== undefined && runtimeId(model.runtime) === runtimeId(view.runtime)));
}

function scalingModels(view: WorkloadView) {
  return (view.run.models?.scaling ?? []).filter(ofView(view));
}

/**
 * Overhead split of the fitted models (file section `models.scaling[].overhead`) at each series' `atCores`
 * count: the ideal compute T_serial / p and the dispatch overhead beyond it.
 */
export interface OverheadPoint {
  strategy: string;
  transport?: Transport;
  workers: number;
  size: number;
  computeMs: number;
  dispatchMs: number;
  startupMs: number | null;
  firstRunExtraMs: number | null;
  /** dispatch / (compute + dispatch): the share of a warm run lost to overhead. */
  overheadShare: number;
}

export function overheadAtCores(view: WorkloadView): OverheadPoint[] {
  return scalingModels(view)
    .flatMap((model) => {
      const workers = atCoresOf(view, model);
      const split = model.overhead?.find((o) => o.workers === workers);
      if (!split) return [];
      const total = split.computeMs + split.dispatchMs;
      return [
        {
          strategy: model.strategy,
          ...transportField(model),
          workers: split.workers,
          size: model.size,
          computeMs: split.computeMs,
          dispatchMs: split.dispatchMs,
          startupMs: split.startupMs,
          firstRunExtraMs: split.firstRunExtraMs,
          overheadShare: total > 0 ? split.dispatchMs / total : 0,
        },
      ];
    })
    .sort(bySizeThenSeries(view));
}

export interface ModelRow {
  strategy: string;
  transport?: Transport;
  size: number;
  amdahl: { serialFraction: number; ci95: [number, number] | null; rmse: number } | { reason: string };
  usl:
    | { sigma: number; kappa: number; peakWorkers: number | null; peakSpeedup: number | null; rmse: number }
    | { reason: string };
  /** Karp–Flatt serial fraction at the series' `atCores` count, when that count is above 1. */
  karpFlatt: { workers: number; serialFraction: number } | null;
}

/** The fitted scaling models of a workload, one row per series and size (from `models.scaling`). */
export function modelRows(view: WorkloadView): ModelRow[] {
  return scalingModels(view)
    .map(({ strategy, transport, size, amdahl, usl, karpFlatt }) => ({
      strategy,
      ...transportField({ transport }),
      size,
      amdahl:
        amdahl.status === 'ok'
          ? { serialFraction: amdahl.serialFraction, ci95: amdahl.ci95, rmse: amdahl.rmse }
          : { reason: amdahl.reason },
      usl:
        usl.status === 'ok'
          ? {
              sigma: usl.sigma,
              kappa: usl.kappa,
              peakWorkers: usl.peakWorkers,
              peakSpeedup: usl.peakSpeedup,
              rmse: usl.rmse,
            }
          : { reason: usl.reason },
      karpFlatt: karpFlatt.find((k) => k.workers === atCoresOf(view, { strategy, transport })) ?? null,
    }))
    .sort(bySizeThenSeries(view));
}

export interface CrossoverRow {
  strategy: string;
  transport?: Transport;
  workers: number;
  size: number | null;
  estimatedSize: number | null;
  holdsAbove: boolean;
}

/** Per series at its `atCores` count: the smallest measured size at which it beats serial. */
export function crossoversAtCores(view: WorkloadView): CrossoverRow[] {
  return (view.run.models?.crossovers ?? [])
    .filter((c) => ofView(view)(c) && c.workers === atCoresOf(view, c))
    .map(({ strategy, transport, workers, size, estimatedSize, holdsAbove }) => ({
      strategy,
      ...transportField({ transport }),
      workers,
      size,
      estimatedSize,
      holdsAbove,
    }))
    .sort(bySeries(view.series));
}

export type FitModel = 'usl' | 'amdahl';

export interface FitCurvePoint {
  strategy: string;
  transport?: Transport;
  size: number;
  model: FitModel;
  workers: number;
  speedup: number;
}

/** `steps` evenly spaced worker counts from `lo` to `to`, plus every measured count up to `to`; empty if to <= lo. */
function curveGrid(measured: readonly number[], lo: number, to: number, steps: number): number[] {
  if (!(to > lo)) return [];
  const grid = Array.from({ length: steps + 1 }, (_, i) => lo + ((to - lo) * i) / steps);
  return [...new Set([...grid, ...measured.filter((w) => w <= to)])].sort((a, b) => a - b);
}

/**
 * The fitted scaling curves of a workload, evaluated with core's pure model functions from the parameters stored
 * in `models.scaling` (nothing is refitted): the USL curve over the worker counts the strategy was measured at, and
 * the Amdahl curve only up to the usable cores, the range it was fitted over. Fits with status 'insufficient' give
 * no curve. `steps` points per curve, plus every measured worker count, so the curve passes the measured x values.
 */
export function fittedCurves(view: WorkloadView, steps = 40): FitCurvePoint[] {
  const out: FitCurvePoint[] = [];
  const key = seriesKey(view.series);
  for (const m of scalingModels(view)) {
    const measured = view.speedup.filter((p) => key(p) === key(m) && p.size === m.size).map((p) => p.workers);
    if (measured.length === 0) continue;
    const lo = Math.min(...measured);
    const hi = Math.max(...measured);
    const push = (model: FitModel, workers: number[], f: (p: number) => number) => {
      for (const p of workers) {
        const speedup = f(p);
        if (Number.isFinite(speedup) && speedup >= 0)
          out.push({ strategy: m.strategy, ...transportField(m), size: m.size, model, workers: p, speedup });
      }
    };
    const { usl, amdahl } = m;
    if (usl.status === 'ok')
      push('usl', curveGrid(measured, lo, hi, steps), (p) => uslSpeedup(usl.sigma, usl.kappa, p));
    if (amdahl.status === 'ok') {
      const to = Math.min(hi, view.cores);
      push('amdahl', curveGrid(measured, lo, to, steps), (p) => amdahlSpeedup(amdahl.serialFraction, p));
    }
  }
  const bySize = bySizeThenSeries(view);
  return out.sort((a, b) => bySize(a, b) || a.model.localeCompare(b.model) || a.workers - b.workers);
}
