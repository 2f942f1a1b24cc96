/** Time at the core count: (c) warm time vs workload size, log-log, and (d) cold start vs warm time. */
import { formatMs, formatSize } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { IDEAL_COLOUR, INK, orderStrategies, strategyColour } from '../palette.js';
import { plural } from '../plural.js';
import { type ColdWarmPoint, coldWarm, idealTimeVsSize, type TimePoint, timeVsSize } from '../series.js';
import type { WorkloadView } from '../view.js';
import { colourScale, idealLineMark, logTicks, rowAxis, sizeFacet, strategyLegend } from './marks.js';
import { CHART_WIDTH, type LegendItem, type RenderedChart, render } from './render.js';

function timeLegend(points: readonly TimePoint[], strategies: readonly string[], cores: number, ideal: boolean) {
  const legend: LegendItem[] = strategies.map((s) => {
    const w = points.find((p) => p.strategy === s)?.workers ?? 0;
    return { label: `${s} (${plural(w, 'worker')})`, kind: 'line' as const, colour: strategyColour(s) };
  });
  if (ideal) legend.push({ label: `ideal: serial ÷ ${cores}`, kind: 'ideal', colour: IDEAL_COLOUR });
  legend.push({ label: '95% interval', kind: 'tick', colour: INK.interval });
  return legend;
}

/** (c) Warm time vs workload size, log-log, per strategy at workers = cores. */
export function timeVsSizeChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart {
  const { cores } = view;
  const points = timeVsSize(view);
  const ideal = idealTimeVsSize(view);
  const strategies = orderStrategies(points.map((p) => p.strategy));
  const atOther = [...new Set(points.filter((p) => p.workers !== cores).map((p) => `${p.strategy} at ${p.workers}`))];
  const sizes = [...new Set(points.map((p) => p.size))].sort((a, b) => a - b);
  return render({
    id: `time-${view.workload}`,
    title: `${view.title}: warm time vs workload size at ${plural(cores, 'worker')}`,
    description:
      `Line chart on log–log axes. x: workload size in units; y: median warm time per job in milliseconds with 95% ` +
      `interval bars; one line per strategy at workers = ${cores} (the usable cores)` +
      (atOther.length > 0 ? `, except ${atOther.join(', ')} worker(s), the counts they ran at` : '') +
      `. A slope of 1 means time grows in proportion to the work.` +
      (ideal.length > 0 ? ` The dashed black line is the serial time divided by ${cores}: the ideal.` : ''),
    legend: timeLegend(points, strategies, cores, ideal.length > 0),
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
      color: colourScale(strategies),
      marks: [
        idealLineMark(ideal, 'size', 'median'),
        Plot.ruleX(points, { x: 'size', y1: 'lo', y2: 'hi', stroke: 'strategy', strokeWidth: 1.5 }),
        Plot.lineY(points, {
          x: 'size',
          y: 'median',
          z: 'strategy',
          stroke: 'strategy',
          strokeWidth: 2,
          strokeOpacity: 0.9,
        }),
        Plot.dot(points, { x: 'size', y: 'median', fill: 'strategy', r: 3 }),
      ],
    },
  });
}

/** A log axis cannot show zero: times below a microsecond are drawn at one. */
const positive = (v: number) => Math.max(v, 1e-3);

/** Per row: the bar from warm to cold, the start() tick, the cold ring and the warm dot. */
function coldWarmMarks(points: readonly ColdWarmPoint[]) {
  const row = { y: 'strategy', fy: 'size' };
  return [
    Plot.ruleY(points, {
      ...row,
      x1: (d: ColdWarmPoint) => positive(d.warmMs),
      x2: (d: ColdWarmPoint) => positive(d.coldMs),
      stroke: 'strategy',
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
      stroke: 'strategy',
      fill: 'white',
      r: 4.5,
      strokeWidth: 2,
    }),
    Plot.dot(points, { ...row, x: (d: ColdWarmPoint) => positive(d.warmMs), fill: 'strategy', r: 4.5 }),
    rowAxis(),
  ];
}

/** (d) Cold start vs warm time per strategy, per size, at workers = cores. */
export function coldWarmChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart {
  const { cores } = view;
  const points = coldWarm(view);
  const strategies = orderStrategies(points.map((p) => p.strategy));
  const sizes = [...new Set(points.map((p) => p.size))];
  return render({
    id: `cold-${view.workload}`,
    title: `${view.title}: cold start vs warm time per strategy`,
    description:
      `Dot plot on a log time axis, one band of rows per workload size, one row per strategy at workers = ${cores} ` +
      `(or the count it ran at). Filled dot: median warm time of a job; ring: cold time, start() to the first ` +
      `result; bar between them: the price of starting cold. Tick: start() alone (spawning threads or processes, ` +
      `loading code).`,
    legend: [
      ...strategyLegend(strategies, 'dot'),
      { label: 'filled dot: warm median', kind: 'dot', colour: INK.mark },
      { label: 'ring: cold (start() → first result)', kind: 'ring', colour: INK.mark },
      { label: 'tick: start() alone', kind: 'tick', colour: INK.mark },
    ],
    plot: {
      width,
      height: 60 + sizes.length * (strategies.length * 17 + 14),
      marginLeft: 100,
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
      y: { label: null, domain: strategies },
      color: colourScale(strategies),
      marks: coldWarmMarks(points),
    },
  });
}
