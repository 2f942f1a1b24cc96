/** (e) What each cell cost the machine, per series and worker count: CPU utilisation and peak memory. */
import { formatBytes } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { type SeriesIdentity, seriesIn, seriesKey, seriesNoun } from '../chart-series.js';
import { INK } from '../palette.js';
import { plural } from '../plural.js';
import { type ResourcePoint, resources } from '../series.js';
import type { WorkloadView } from '../view.js';
import { coresLegend, coresRule, seriesColourScale, seriesLegend, sizeFacet, workersAxis } from './marks.js';
import { CHART_WIDTH, type RenderedChart, render } from './render.js';

interface ResourceChart {
  id: string;
  title: string;
  description: string;
  /** The y axis: label and scale options. */
  y: Record<string, unknown>;
  /** Marks drawn under the lines (reference lines). */
  under?: Plot.Markish[];
  points: ReadonlyArray<SeriesIdentity & { workers: number; size: number; value: number }>;
}

/** One line per series over the worker counts, a panel per size, with the usable cores marked. */
function resourceChart(view: WorkloadView, chart: ResourceChart, width: number): RenderedChart {
  const { points } = chart;
  const drawn = seriesIn(view.series, points);
  const key = seriesKey(view.series);
  return render({
    id: `${chart.id}-${view.workload}`,
    title: `${view.title}: ${chart.title}`,
    description: chart.description,
    legend: [...seriesLegend(drawn), coresLegend(view.cores)],
    plot: {
      width,
      height: 260,
      marginLeft: 44,
      fx: sizeFacet(),
      x: workersAxis(view.workers),
      y: chart.y,
      color: seriesColourScale(drawn),
      marks: [
        ...(chart.under ?? []),
        coresRule(view.cores),
        Plot.lineY(points, { x: 'workers', y: 'value', z: key, stroke: key, fx: 'size', strokeWidth: 2 }),
        Plot.dot(points, { x: 'workers', y: 'value', fill: key, fx: 'size', r: 2.5 }),
      ],
    },
  });
}

/** CPU utilisation per strategy and worker count. */
export function utilisationChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart {
  const { cores } = view;
  const points = resources(view).flatMap((p) => (p.utilisation === null ? [] : [{ ...p, value: p.utilisation * 100 }]));
  const max = Math.max(100, ...points.map((p) => p.value));
  return resourceChart(
    view,
    {
      id: 'utilisation',
      title: 'CPU utilisation vs workers',
      description:
        `Line chart, one panel per workload size. x: workers; y: CPU utilisation in percent = CPU time ÷ (wall time ` +
        `× min(workers, ${cores})), as recorded by the run; one line per ${seriesNoun(view.series)}. Near 100% means the requested ` +
        `parallelism really happened; a strategy without parallelism sits near 100 ÷ min(workers, ${cores}).`,
      y: { label: '↑ CPU utilisation (%)', domain: [0, max * 1.05], grid: true, nice: true },
      under: [Plot.ruleY([100], { stroke: INK.reference })],
      points,
    },
    width,
  );
}

/** Peak memory per strategy and worker count. */
export function memoryChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart {
  const points = resources(view).flatMap((p) =>
    p.peakRssBytes === null ? [] : [{ ...p, value: p.peakRssBytes / 1024 / 1024 }],
  );
  const top = points.reduce<(ResourcePoint & { value: number }) | null>(
    (a, b) => (!a || b.value > a.value ? b : a),
    null,
  );
  return resourceChart(
    view,
    {
      id: 'memory',
      title: 'peak memory (RSS) vs workers',
      description:
        `Line chart, one panel per workload size. x: workers; y: peak resident set size in MiB of the cell process ` +
        `and every process it owns; one line per ${seriesNoun(view.series)}.` +
        (top
          ? ` Highest: ${seriesKey(view.series)(top)} at ${plural(top.workers, 'worker')}, ${formatBytes(top.peakRssBytes)}.`
          : ''),
      y: { label: '↑ Peak RSS (MiB)', grid: true, nice: true, zero: true },
      points,
    },
    width,
  );
}
