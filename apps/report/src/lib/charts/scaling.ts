/**
 * How each series (a strategy, or a strategy and transport) scales with workers: (a) speedup with its fitted curves
 * and (b) parallel efficiency.
 */
import { formatSize, formatSpeedup } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { type Series, type SeriesIdentity, seriesIn, seriesKey, seriesNoun } from '../chart-series.js';
import { type FitCurvePoint, fittedCurves } from '../models.js';
import { IDEAL_COLOUR, INK } from '../palette.js';
import { idealLine } from '../series.js';
import type { StrategyBest, WorkloadView } from '../view.js';
import { describeWinners } from './best-speedup.js';
import {
  coresLabel,
  coresLegend,
  coresRule,
  FIT_DASH,
  idealLineMark,
  seriesColourScale,
  seriesLegend,
  sizeFacet,
  workersAxis,
} from './marks.js';
import { CHART_WIDTH, type LegendItem, type RenderedChart, render } from './render.js';

/** The shaded 95% interval of each series' line. */
function intervalBand(data: readonly SeriesIdentity[], y1: string, y2: string, key: (d: SeriesIdentity) => string) {
  return Plot.areaY(data, { x: 'workers', y1, y2, z: key, fill: key, fx: 'size', fillOpacity: 0.16 });
}

/** The series that have at least one point to draw, in the view's order. */
function drawn(view: WorkloadView): Series[] {
  return seriesIn(view.series, view.speedup);
}

function speedupDescription(view: WorkloadView, fits: { usl: boolean; amdahl: boolean }): string {
  const { cores, problems } = view;
  return (
    `Line chart, one panel per workload size (${view.sizes.map(formatSize).join(', ')} units). x: workers ` +
    `(${view.workers.join(', ')}); y: median speedup over serial with a shaded 95% interval; one line per ` +
    `${seriesNoun(view.series)} (${view.series.map((s) => s.key).join(', ')}). The dashed black line is ideal scaling, min(workers, ${cores}); the dotted ` +
    `vertical line marks ${coresLabel(cores)}. ${describeWinners(view)}` +
    (fits.usl
      ? ` Thin dashed lines in each strategy's colour: the Universal Scalability Law curve fitted to its points ` +
        `(parameters from the result file).`
      : '') +
    (fits.amdahl
      ? ` Thin dotted lines: the fitted Amdahl curve, drawn up to ${coresLabel(cores)}, the range it was fitted over.`
      : '') +
    (problems.length > 0 ? ` Crosses on the x axis mark ${problems.length} cell(s) without a valid result.` : '')
  );
}

function speedupLegend(view: WorkloadView, fits: { usl: boolean; amdahl: boolean }): LegendItem[] {
  const { cores } = view;
  const legend: LegendItem[] = [
    ...seriesLegend(drawn(view)),
    { label: `ideal: min(workers, ${cores})`, kind: 'ideal', colour: IDEAL_COLOUR },
    { label: '95% interval', kind: 'band', colour: INK.band },
    coresLegend(cores),
  ];
  if (fits.usl) legend.push({ label: 'fitted USL curve (strategy colour)', kind: 'fit-usl', colour: INK.fit });
  if (fits.amdahl) {
    legend.push({ label: `fitted Amdahl curve, up to ${cores} cores`, kind: 'fit-amdahl', colour: INK.fit });
  }
  if (view.problems.length > 0) {
    legend.push({ label: 'failed / timeout / wrong result', kind: 'times', colour: INK.mark });
  }
  return legend;
}

/** The fitted USL (dashed) and Amdahl (dotted) curves in each series' colour. */
function fitMarks(curves: readonly FitCurvePoint[], key: (d: SeriesIdentity) => string) {
  return (['usl', 'amdahl'] as const).map((model) =>
    Plot.line(
      curves.filter((c) => c.model === model),
      {
        x: 'workers',
        y: 'speedup',
        z: key,
        stroke: key,
        fx: 'size',
        strokeWidth: model === 'usl' ? 1.6 : 2,
        strokeDasharray: model === 'usl' ? FIT_DASH.usl : FIT_DASH.amdahl,
        strokeLinecap: model === 'usl' ? 'butt' : 'round',
        // the axis follows the measurements; a fit that leaves it is cut at the frame
        clip: true,
      },
    ),
  );
}

/** Each size's winner circled and named, the label on the side of the panel with more room. */
function winnerMarks(view: WorkloadView) {
  const winners = view.bests.filter((b) => b.winner);
  const midWorkers = (Math.min(...view.workers) + Math.max(...view.workers)) / 2;
  const key = seriesKey(view.series);
  return [
    Plot.dot(winners, { x: 'workers', y: 'speedup', stroke: key, fx: 'size', r: 7, strokeWidth: 2 }),
    ...(['start', 'end'] as const).map((anchor) =>
      Plot.text(
        winners.filter((d) => d.workers <= midWorkers === (anchor === 'start')),
        {
          x: 'workers',
          y: 'speedup',
          fx: 'size',
          text: (d: StrategyBest) => `${key(d)} ${formatSpeedup(d.speedup)}`,
          dy: -14,
          dx: anchor === 'start' ? -4 : 4,
          textAnchor: anchor,
          fontWeight: 'bold',
          fill: key,
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
        },
      ),
    ),
  ];
}

/** (a) Speedup vs workers, one line per series, a panel per size, with CI band, ideal and the core count. */
export function speedupChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart {
  const { cores, speedup: points, workers } = view;
  const key = seriesKey(view.series);
  const curves = fittedCurves(view);
  const fits = { usl: curves.some((c) => c.model === 'usl'), amdahl: curves.some((c) => c.model === 'amdahl') };
  const max = Math.max(cores, ...points.map((p) => p.hi), 1);
  return render({
    id: `speedup-${view.workload}`,
    title: `${view.title}: speedup vs workers`,
    description: speedupDescription(view, fits),
    legend: speedupLegend(view, fits),
    plot: {
      width,
      height: 380,
      marginLeft: 44,
      marginBottom: 40,
      fx: sizeFacet(),
      x: workersAxis(workers),
      y: { label: '↑ Speedup vs serial (×)', domain: [0, max * 1.1], grid: true, nice: true },
      color: seriesColourScale(view.series),
      marks: [
        Plot.ruleY([1], { stroke: INK.reference }),
        coresRule(cores),
        intervalBand(points, 'lo', 'hi', key),
        idealLineMark(idealLine(workers, cores), 'workers', 'speedup'),
        Plot.lineY(points, {
          x: 'workers',
          y: 'speedup',
          z: key,
          stroke: key,
          fx: 'size',
          strokeWidth: 2.2,
        }),
        ...fitMarks(curves, key),
        Plot.dot(points, { x: 'workers', y: 'speedup', fill: key, fx: 'size', r: 2.8 }),
        ...winnerMarks(view),
        Plot.dot(view.problems, {
          x: 'workers',
          y: 0,
          fx: 'size',
          stroke: key,
          symbol: 'times',
          r: 5,
          strokeWidth: 2,
        }),
      ],
    },
  });
}

/** (b) Parallel efficiency vs workers. */
export function efficiencyChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart {
  const { cores, workers } = view;
  const key = seriesKey(view.series);
  const points = view.speedup.map((p) => ({
    ...p,
    efficiencyPct: p.efficiency * 100,
    loPct: p.efficiencyLo * 100,
    hiPct: p.efficiencyHi * 100,
  }));
  const ideal = idealLine(workers, cores).map((p) => ({ ...p, pct: p.efficiency * 100 }));
  const max = Math.max(100, ...points.map((p) => p.hiPct));
  return render({
    id: `efficiency-${view.workload}`,
    title: `${view.title}: parallel efficiency vs workers`,
    description:
      `Line chart, one panel per workload size. x: workers; y: efficiency = speedup ÷ workers in percent, shaded ` +
      `95% interval; one line per ${seriesNoun(view.series)}. 100% means every worker is fully used. The dashed black line is the ` +
      `best possible efficiency on ${coresLabel(cores)}, min(workers, ${cores}) ÷ workers.`,
    legend: [
      ...seriesLegend(drawn(view)),
      { label: `ideal: min(workers, ${cores}) ÷ workers`, kind: 'ideal', colour: IDEAL_COLOUR },
      { label: '95% interval', kind: 'band', colour: INK.band },
      coresLegend(cores),
    ],
    plot: {
      width,
      height: 300,
      marginLeft: 44,
      fx: sizeFacet(),
      x: workersAxis(workers),
      y: { label: '↑ Parallel efficiency (%)', domain: [0, max * 1.05], grid: true, nice: true },
      color: seriesColourScale(view.series),
      marks: [
        coresRule(cores),
        intervalBand(points, 'loPct', 'hiPct', key),
        idealLineMark(ideal, 'workers', 'pct'),
        Plot.lineY(points, {
          x: 'workers',
          y: 'efficiencyPct',
          z: key,
          stroke: key,
          fx: 'size',
          strokeWidth: 2,
        }),
        Plot.dot(points, { x: 'workers', y: 'efficiencyPct', fill: key, fx: 'size', r: 2.5 }),
      ],
    },
  });
}
