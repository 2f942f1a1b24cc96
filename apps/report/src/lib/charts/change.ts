/** The compare page's chart: per-cell change of the warm median (head vs base) with the conservative interval. */
import { formatChange, runtimeLabel } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { type Series, seriesIn, seriesKey, seriesNoun, seriesOfCells } from '../chart-series.js';
import type { CellChange } from '../compare.js';
import { IDEAL_COLOUR, INK } from '../palette.js';
import { IDEAL_DASH, rowAxis, rowLabelMargin, seriesColourScale, seriesLegend, sizeFacet } from './marks.js';
import { CHART_WIDTH, type RenderedChart, render } from './render.js';

/** The changes of a workload, each labelled by its series (strategy, or strategy and transport) and workers. */
function changePoints(changes: readonly CellChange[], series: readonly Series[]) {
  const key = seriesKey(series);
  return changes
    .filter((c) => c.change !== null)
    .map((c) => ({
      ...c,
      series: key(c),
      label: `${key(c)} ×${c.workers}${c.runtime ? ` on ${runtimeLabel(c.runtime)}` : ''}`,
      pct: (c.change ?? 0) * 100,
      loPct: (c.changeLo ?? 0) * 100,
      hiPct: (c.changeHi ?? 0) * 100,
    }));
}

/** The row labels ("worker-threads ×2"), by series order, then workers. */
function rowLabels(points: ReturnType<typeof changePoints>, series: readonly Series[]): string[] {
  const order = series.map((s) => s.key);
  const first = (label: string) => points.find((p) => p.label === label) as (typeof points)[number];
  return [...new Set(points.map((p) => p.label))].sort((a, b) => {
    const pa = first(a);
    const pb = first(b);
    return order.indexOf(pa.series) - order.indexOf(pb.series) || pa.workers - pb.workers;
  });
}

export function changeChart(changes: readonly CellChange[], workload: string, title: string): RenderedChart {
  const ofWorkload = changes.filter((c) => c.workload === workload);
  const all = seriesOfCells(ofWorkload);
  const points = changePoints(ofWorkload, all);
  const series = seriesIn(all, points);
  const labels = rowLabels(points, series);
  const faster = points.filter((p) => p.verdict === 'faster').length;
  const slower = points.filter((p) => p.verdict === 'slower').length;
  const extreme = Math.max(5, ...points.flatMap((p) => [Math.abs(p.loPct), Math.abs(p.hiPct)]));
  const dot = { x: 'pct', y: 'label', fx: 'size', stroke: 'series', r: 4, strokeWidth: 1.5 };
  return render({
    id: `change-${workload}`,
    title,
    description:
      `Dot plot, one panel per workload size, one row per ${seriesNoun(series)} and worker count. x: change of the ` +
      `median warm time from base to head in percent (left of zero: faster) with a bar spanning the conservative ` +
      `95% interval. ${points.length} cells compared: ${faster} clearly faster, ${slower} clearly slower, the rest ` +
      `within their intervals.`,
    legend: [
      ...seriesLegend(series, 'dot'),
      { label: 'filled: clear change; ring: within the intervals', kind: 'ring', colour: INK.mark },
      { label: 'interval of the change', kind: 'errorbar', colour: INK.interval },
      { label: 'no change (0%)', kind: 'ideal', colour: IDEAL_COLOUR },
    ],
    plot: {
      width: CHART_WIDTH,
      height: Math.max(160, 50 + labels.length * 18),
      marginLeft: Math.max(120, rowLabelMargin(labels)),
      fx: sizeFacet(),
      x: {
        label: '← faster · change of median warm time (%) · slower →',
        domain: [-extreme * 1.1, extreme * 1.1],
        grid: true,
        tickFormat: (v: number) => formatChange(v / 100).replace('.0%', '%'),
      },
      y: { label: null, domain: labels },
      color: seriesColourScale(series),
      marks: [
        Plot.ruleX([0], { stroke: IDEAL_COLOUR, strokeDasharray: IDEAL_DASH }),
        Plot.ruleY(points, {
          x1: 'loPct',
          x2: 'hiPct',
          y: 'label',
          fx: 'size',
          stroke: 'series',
          strokeWidth: 2,
          strokeOpacity: 0.5,
        }),
        Plot.dot(
          points.filter((p) => p.verdict === 'no clear change'),
          { ...dot, fill: 'white' },
        ),
        Plot.dot(
          points.filter((p) => p.verdict !== 'no clear change'),
          { ...dot, fill: 'series' },
        ),
        rowAxis(),
      ],
    },
  });
}
