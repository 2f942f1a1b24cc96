/**
 * What every chart family shares: the strategy and series colour scales and legends, the workers axis, the size
 * facets, log ticks, and the marks that mean the same thing in every chart (the usable cores, the ideal, the rows).
 */
import { formatSize } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import type { Series } from '../chart-series.js';
import { IDEAL_COLOUR, INK, orderStrategies, strategyColour } from '../palette.js';
import { plural } from '../plural.js';
import type { LegendItem, LegendKind } from './render.js';

/** Dash patterns of the fitted curves, shared with the legend. */
export const FIT_DASH = { usl: '6 3', amdahl: '0.5 3.5' } as const;

/** Dash pattern of every ideal line (and of the legend's 'ideal' swatch). */
export const IDEAL_DASH = '5 3';

/**
 * The colour scale and legend of strategies alone. Charts of a workload's cells use the series versions below,
 * which keep the transports of a strategy apart.
 */
export function colourScale(strategies: readonly string[]) {
  const domain = orderStrategies(strategies);
  return { domain, range: domain.map(strategyColour) };
}

export function strategyLegend(strategies: readonly string[], kind: LegendKind = 'line'): LegendItem[] {
  return orderStrategies(strategies).map((s) => ({ label: s, kind, colour: strategyColour(s) }));
}

/** The colour scale of a workload's charts: each series (`chart-series.ts`) in its colour, keyed by its key. */
export function seriesColourScale(series: readonly Series[]) {
  return { domain: series.map((s) => s.key), range: series.map((s) => s.colour) };
}

/** One legend entry per series, labelled with its key. */
export function seriesLegend(series: readonly Series[], kind: LegendKind = 'line'): LegendItem[] {
  return series.map((s) => ({ label: s.key, kind, colour: s.colour }));
}

/**
 * The frame of a chart with a row per series and a panel per size (the best-speedup and overhead bars): its height
 * for `rowHeight` pixels a row above `base`, the left margin its row labels need, the panels, rows and colours.
 */
export function seriesRowsFrame(drawn: readonly Series[], rowHeight: number, base: number) {
  return {
    height: Math.max(150, base + drawn.length * rowHeight),
    marginLeft: rowLabelMargin(drawn.map((s) => s.key)),
    marginRight: 16,
    fx: sizeFacet(),
    y: { label: null, domain: drawn.map((s) => s.key) },
    color: seriesColourScale(drawn),
  };
}

/** The x axis of every chart over worker counts: one tick per measured count, whole numbers only. */
export function workersAxis(workers: number[]) {
  return {
    label: 'Workers (threads or processes) →',
    ticks: workers,
    tickFormat: 'd',
    domain: [Math.min(...workers), Math.max(...workers)],
    inset: 8,
  };
}

/** One panel per workload size, labelled "1M units". */
export function sizeFacet(label = 'Workload size (units of work)') {
  return { label, tickFormat: (s: number) => `${formatSize(s)} units`, padding: 0.12 };
}

/** Log-axis ticks: 1, 2, 5 x 10^k within the data's range, or only powers of ten when that gives too many. */
export function logTicks(values: readonly number[], max = 8): number[] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return [];
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  const ticks = (steps: number[]) => {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
      for (const m of steps) {
        const v = m * 10 ** k;
        if (v >= lo * 0.999 && v <= hi * 1.001) out.push(Number(v.toPrecision(12)));
      }
    }
    return out;
  };
  const fine = ticks([1, 2, 5]);
  if (fine.length <= max) return fine.length >= 2 ? fine : [lo, hi];
  const coarse = ticks([1]);
  return coarse.length >= 2 ? coarse : [lo, hi];
}

/** "2 usable cores". */
export function coresLabel(cores: number): string {
  return plural(cores, 'usable core');
}

/** The dotted vertical line at the usable cores, on every chart over worker counts. */
export function coresRule(cores: number) {
  return Plot.ruleX([cores], { stroke: INK.cores, strokeDasharray: '1.5 3', strokeWidth: 1.5 });
}

/** The legend entry of `coresRule`. */
export function coresLegend(cores: number): LegendItem {
  return { label: coresLabel(cores), kind: 'rule', colour: INK.cores };
}

/** The dashed black ideal line through `data`. */
export function idealLineMark(data: readonly object[], x: string, y: string) {
  return Plot.lineY(data, { x, y, stroke: IDEAL_COLOUR, strokeDasharray: IDEAL_DASH, strokeWidth: 1.5 });
}

/**
 * The left margin of a chart with one row per strategy or series: 100px, or more where a label is longer than a
 * strategy id ("worker-threads · advanced"), at about 6px per character of the 11px labels.
 */
export function rowLabelMargin(labels: readonly string[]): number {
  return Math.max(100, ...labels.map((l) => Math.ceil(l.length * 6 + 10)));
}

/** The row labels of a chart with one row per strategy or series (their names, no ticks, no axis title). */
export function rowAxis() {
  return Plot.axisY({ tickSize: 0, label: null });
}
