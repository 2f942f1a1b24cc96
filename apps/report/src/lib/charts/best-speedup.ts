/** The overview chart: each series' best speedup per size, the winner starred, the ideal marked. */
import { formatSize, formatSpeedup } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { type SeriesIdentity, seriesIn, seriesKey, seriesNoun } from '../chart-series.js';
import { IDEAL_COLOUR, INK } from '../palette.js';
import { plural } from '../plural.js';
import type { StrategyBest, WorkloadView } from '../view.js';
import { coresLabel, IDEAL_DASH, rowAxis, seriesLegend, seriesRowsFrame } from './marks.js';
import { CHART_WIDTH, type RenderedChart, render } from './render.js';

/** "Best per size: 1k units: worker-threads at 2 workers, 1.90× of an ideal 2.00×; …" for chart descriptions. */
export function describeWinners(view: WorkloadView): string {
  const winners = view.bests.filter((b) => b.winner);
  if (winners.length === 0) return 'No strategy has a speedup (the run has no ok serial reference).';
  const key = seriesKey(view.series);
  return `Best per size: ${winners
    .map(
      (w) =>
        `${formatSize(w.size)} units: ${key(w)} at ${plural(w.workers, 'worker')}, ` +
        `${formatSpeedup(w.speedup)} of an ideal ${formatSpeedup(w.ideal)}`,
    )
    .join('; ')}.`;
}

/** Bar labels: inside the bar (white) when it is long enough, after the interval otherwise; the winner in bold. */
function barLabels(bests: readonly StrategyBest[], max: number, y: (b: SeriesIdentity) => string) {
  const label = (d: StrategyBest) => `${d.winner ? '★ ' : ''}${formatSpeedup(d.speedup)} @${d.workers}w`;
  const long = (d: StrategyBest) => d.speedup >= max * 0.45;
  return [
    ...[true, false].map((winner) =>
      Plot.text(
        bests.filter((d) => long(d) && d.winner === winner),
        {
          x: 'speedup',
          y,
          fx: 'size',
          text: label,
          textAnchor: 'end',
          dx: -4,
          fill: 'white',
          fontWeight: winner ? 'bold' : 'normal',
        },
      ),
    ),
    Plot.text(
      bests.filter((d) => !long(d)),
      { x: 'hi', y, fx: 'size', text: label, textAnchor: 'start', dx: 4, fill: INK.text },
    ),
  ];
}

/** Overview: each series' best speedup per size as bars, the ideal (usable cores) marked, the winner labelled. */
export function bestSpeedupChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart {
  const { cores, bests } = view;
  const drawn = seriesIn(view.series, bests);
  const y = seriesKey(view.series);
  const max = Math.max(cores, ...bests.map((b) => b.hi));
  return render({
    id: `best-${view.workload}`,
    title: `${view.title}: best speedup of each strategy, by workload size`,
    description:
      `Horizontal bars, one panel per workload size (${view.sizes.map(formatSize).join(', ')} units), one bar per ` +
      `${seriesNoun(view.series)}: the highest median speedup over serial the ${seriesNoun(view.series)} reached at ` +
      `any worker count, with its 95% interval. The dashed line is the ideal, ${cores}× (${coresLabel(cores)}). ${describeWinners(view)}`,
    legend: [
      ...seriesLegend(drawn, 'bar'),
      { label: `ideal: ${cores}× (${coresLabel(cores)})`, kind: 'ideal', colour: IDEAL_COLOUR },
      { label: '95% interval', kind: 'errorbar', colour: INK.mark },
      { label: '★ winner · @2w = at 2 workers', kind: 'none', colour: INK.mark },
    ],
    plot: {
      width,
      ...seriesRowsFrame(drawn, 26, 40),
      x: { label: 'Best speedup vs serial (×) →', domain: [0, max * 1.05], grid: true, nice: true },
      marks: [
        Plot.barX(bests, { x: 'speedup', y, fx: 'size', fill: y, fillOpacity: 0.9 }),
        Plot.ruleY(bests, { x1: 'lo', x2: 'hi', y, fx: 'size', stroke: INK.mark, strokeWidth: 1.2 }),
        Plot.ruleX([cores], { stroke: IDEAL_COLOUR, strokeDasharray: IDEAL_DASH, strokeWidth: 1.5 }),
        ...barLabels(bests, max, y),
        rowAxis(),
      ],
    },
  });
}
