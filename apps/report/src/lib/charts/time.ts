/** Time at the core count: (c) warm time vs workload size, log-log, and (d) cold start vs warm time. */
import { formatMs, formatSize } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { type Series, type SeriesIdentity, seriesIn, seriesKey, seriesNoun } from '../chart-series.js';
import { IDEAL_COLOUR, INK } from '../palette.js';
import { plural } from '../plural.js';
import { type ColdWarmPoint, coldWarm, idealTimeVsSize, type TimePoint, timeVsSize } from '../series.js';
import type { WorkloadView } from '../view.js';
import {
  idealLineMark,
  logTicks,
  rowAxis,
  rowLabelMargin,
  seriesColourScale,
  seriesLegend,
  sizeFacet,
} from './marks.js';
import { CHART_WIDTH, type LegendItem, type RenderedChart, render } from './render.js';

function timeLegend(points: readonly TimePoint[], series: readonly Series[], cores: number, ideal: boolean) {
  const key = seriesKey(series);
  const legend: LegendItem[] = series.map((s) => {
    const w = points.find((p) => key(p) === s.key)?.workers ?? 0;
    return { label: `${s.key} (${plural(w, 'worker')})`, kind: 'line' as const, colour: s.colour };
  });
  if (ideal) legend.push({ label: `ideal: serial ÷ ${cores}`, kind: 'ideal', colour: IDEAL_COLOUR });
  legend.push({ label: '95% interval', kind: 'tick', colour: INK.interval });
  return legend;
}

/** (c) Warm time vs workload size, log-log, per series at workers = cores. */
export function timeVsSizeChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart {
  const { cores } = view;
  const points = timeVsSize(view);
  const ideal = idealTimeVsSize(view);
  const drawn = seriesIn(view.series, points);
  const key = seriesKey(view.series);
  const atOther = [...new Set(points.filter((p) => p.workers !== cores).map((p) => `${key(p)} at ${p.workers}`))];
  const sizes = [...new Set(points.map((p) => p.size))].sort((a, b) => a - b);
  return render({
    id: `time-${view.workload}`,
    title: `${view.title}: warm time vs workload size at ${plural(cores, 'worker')}`,
    description:
      `Line chart on log–log axes. x: workload size in units; y: median warm time per job in milliseconds with 95% ` +
      `interval bars; one line per ${seriesNoun(view.series)} at workers = ${cores} (the usable cores)` +
      (atOther.length > 0 ? `, except ${atOther.join(', ')} worker(s), the counts they ran at` : '') +
      `. A slope of 1 means time grows in proportion to the work.` +
      (ideal.length > 0 ? ` The dashed black line is the serial time divided by ${cores}: the ideal.` : ''),
    legend: timeLegend(points, drawn, cores, ideal.length > 0),
    plot: {
      width,
      height: 420,
      marginLeft: 56,
      x: { type: 'log', label: 'Workload size (units, log scale) →', ticks: sizes, tickFormat: formatSize, inset: 12 },
      y: {
        type: 'log',
        label: '↑ Warm time per job (ms, log scale)',
        grid: true,
        ticks: logTicks([...points.flatMap((p) => [p.lo, p.hi]), ...ideal.map((p) => p.median)]),
        tickFormat: (v: number) => formatMs(v).replace(' ', '\u202f'),
      },
      color: seriesColourScale(drawn),
      marks: [
        idealLineMark(ideal, 'size', 'median'),
        Plot.ruleX(points, { x: 'size', y1: 'lo', y2: 'hi', stroke: key, strokeWidth: 1.5 }),
        Plot.lineY(points, {
          x: 'size',
          y: 'median',
          z: key,
          stroke: key,
          strokeWidth: 2,
          strokeOpacity: 0.9,
        }),
        Plot.dot(points, { x: 'size', y: 'median', fill: key, r: 3 }),
      ],
    },
  });
}

/** A log axis cannot show zero: times below a microsecond are drawn at one. */
const positive = (v: number) => Math.max(v, 1e-3);

/** Per row: the bar from warm to cold, the start() tick, the cold ring and the warm dot. */
function coldWarmMarks(points: readonly ColdWarmPoint[], key: (d: SeriesIdentity) => string) {
  const row = { y: key, fy: 'size' };
  return [
    Plot.ruleY(points, {
      ...row,
      x1: (d: ColdWarmPoint) => positive(d.warmMs),
      x2: (d: ColdWarmPoint) => positive(d.coldMs),
      stroke: key,
      strokeWidth: 3,
      strokeOpacity: 0.35,
    }),
    Plot.tickX(
      points.filter((p) => p.startMs !== null && p.startMs > 0),
      { ...row, x: (d: ColdWarmPoint) => positive(d.startMs ?? 0), stroke: INK.tick, strokeWidth: 1.5 },
    ),
    Plot.dot(points, {
      ...row,
      x: (d: ColdWarmPoint) => positive(d.coldMs),
      stroke: key,
      fill: 'white',
      r: 4.5,
      strokeWidth: 2,
    }),
    Plot.dot(points, { ...row, x: (d: ColdWarmPoint) => positive(d.warmMs), fill: key, r: 4.5 }),
    rowAxis(),
  ];
}

/** (d) Cold start vs warm time per series, per size, at workers = cores. */
export function coldWarmChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart {
  const { cores } = view;
  const points = coldWarm(view);
  const drawn = seriesIn(view.series, points);
  const sizes = [...new Set(points.map((p) => p.size))];
  return render({
    id: `cold-${view.workload}`,
    title: `${view.title}: cold start vs warm time per strategy`,
    description:
      `Dot plot on a log time axis, one band of rows per workload size, one row per ${seriesNoun(view.series)} at ` +
      `workers = ${cores} ` +
      `(or the count it ran at). Filled dot: median warm time of a job; ring: cold time, start() to the first ` +
      `result; bar between them: the price of starting cold. Tick: start() alone (spawning threads or processes, ` +
      `loading code).`,
    legend: [
      ...seriesLegend(drawn, 'dot'),
      { label: 'filled dot: warm median', kind: 'dot', colour: INK.mark },
      { label: 'ring: cold (start() → first result)', kind: 'ring', colour: INK.mark },
      { label: 'tick: start() alone', kind: 'tick', colour: INK.mark },
    ],
    plot: {
      width,
      height: 60 + sizes.length * (drawn.length * 17 + 14),
      marginLeft: rowLabelMargin(drawn.map((s) => s.key)),
      marginRight: 90,
      fy: { ...sizeFacet(), label: null },
      x: {
        type: 'log',
        label: 'Time (ms, log scale) →',
        grid: true,
        ticks: logTicks(
          points.flatMap((p) => [positive(p.warmMs), positive(p.coldMs), positive(p.startMs ?? p.warmMs)]),
        ),
        tickFormat: (v: number) => formatMs(v),
      },
      y: { label: null, domain: drawn.map((s) => s.key) },
      color: seriesColourScale(drawn),
      marks: coldWarmMarks(points, seriesKey(view.series)),
    },
  });
}
