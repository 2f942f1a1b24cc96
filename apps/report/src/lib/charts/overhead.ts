/** (g) Why not ideal: the share of a warm run lost to overhead beyond T_serial / p, from the file's fitted models. */
import { formatMs } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { seriesIn, seriesKey, seriesNoun } from '../chart-series.js';
import { type OverheadPoint, overheadAtCores } from '../models.js';
import { INK } from '../palette.js';
import { plural } from '../plural.js';
import type { WorkloadView } from '../view.js';
import { rowAxis, seriesLegend, seriesRowsFrame } from './marks.js';
import { CHART_WIDTH, type RenderedChart, render } from './render.js';

/** The overhead bars at each series' core-count worker count; null when the file has no fitted models. */
export function overheadChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart | null {
  const { cores } = view;
  const points = overheadAtCores(view).map((p) => ({ ...p, pct: p.overheadShare * 100 }));
  if (points.length === 0) return null;
  const drawn = seriesIn(view.series, points);
  const y = seriesKey(view.series);
  return render({
    id: `overhead-${view.workload}`,
    title: `${view.title}: share of warm time lost to overhead at ${plural(cores, 'worker')}`,
    description:
      `Horizontal bars, one panel per workload size, one bar per ${seriesNoun(view.series)} at workers = ${cores} ` +
      `(or the count it ran at). Length: dispatch overhead ÷ warm time in percent, where dispatch = warm time − serial time ÷ ` +
      `workers (splitting, messaging, combining, waiting for the slowest worker). 0% is ideal scaling; the label ` +
      `gives the overhead in milliseconds. Values from the models section of the result file.`,
    legend: seriesLegend(drawn, 'bar'),
    plot: {
      width,
      ...seriesRowsFrame(drawn, 24, 50),
      x: {
        label: 'Overhead beyond ideal (% of warm time) →',
        domain: [0, Math.max(10, ...points.map((p) => p.pct)) * 1.7],
        grid: true,
        nice: true,
      },
      marks: [
        Plot.barX(points, { x: 'pct', y, fx: 'size', fill: y }),
        Plot.text(points, {
          x: 'pct',
          y,
          fx: 'size',
          text: (d: OverheadPoint & { pct: number }) => `${d.pct.toFixed(0)}% · ${formatMs(d.dispatchMs)}`,
          textAnchor: 'start',
          dx: 4,
          fill: INK.text,
        }),
        rowAxis(),
      ],
    },
  });
}
