/**
 * The runtime comparison charts: for one workload, each strategy's speedup, cold start and peak memory on every
 * runtime of the run, one bar per runtime, a panel per size. The runtime is the colour and the legend; strategies are
 * the rows.
 */
import { formatBytes, formatMs, formatSize, formatSpeedup } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { IDEAL_COLOUR, INK } from '../palette.js';
import type { RuntimeComparison, RuntimePoint } from '../runtime-comparison.js';
import { IDEAL_DASH, sizeFacet } from './marks.js';
import { CHART_WIDTH, type LegendItem, type RenderedChart, render } from './render.js';

/** Runtimes are told apart by colour (Okabe–Ito, in the order the run lists them). */
const RUNTIME_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

function runtimeColours(comparison: RuntimeComparison) {
  const domain = comparison.runtimes.map((r) => `${r.name} ${r.version}`);
  return { domain, range: domain.map((_, i) => RUNTIME_COLOURS[i % RUNTIME_COLOURS.length] as string) };
}

function runtimeLegend(comparison: RuntimeComparison): LegendItem[] {
  const { domain, range } = runtimeColours(comparison);
  return domain.map((label, i) => ({
    label: `${label} (${comparison.runtimes[i]?.engine})`,
    kind: 'bar',
    colour: range[i] as string,
  }));
}

interface Measure {
  id: string;
  title: string;
  /** What the bars show, for the description. */
  what: string;
  value: (p: RuntimePoint) => number | null;
  label: string;
  format: (value: number) => string;
  /** A reference line (the ideal speedup). */
  reference?: { at: number; label: string };
}

/** Strategies (rows) × runtimes (bars in each row), a panel per size. */
function runtimeBars(comparison: RuntimeComparison, measure: Measure, width: number): RenderedChart {
  const points = comparison.points.flatMap((p) => {
    const value = measure.value(p);
    return value === null ? [] : [{ ...p, value }];
  });
  const missing = comparison.points.filter((p) => measure.value(p) === null);
  const colours = runtimeColours(comparison);
  const max = Math.max(measure.reference?.at ?? 0, ...points.map((p) => p.value));
  const rows = comparison.series.filter((s) => comparison.points.some((p) => p.series === s));
  const describeMissing =
    missing.length > 0
      ? ` No bar where the cell did not finish ok: ${missing.map((p) => `${p.series} on ${p.runtime} at ${formatSize(p.size)} units (${p.status})`).join('; ')}.`
      : '';
  return render({
    id: `${measure.id}-${comparison.workload}`,
    title: `${comparison.title}: ${measure.title} on each runtime`,
    description:
      `Horizontal bars, one panel per workload size (${comparison.sizes.map(formatSize).join(', ')} units), one ` +
      `group per strategy at the worker count its workload page shows, one bar per runtime ` +
      `(${colours.domain.join(', ')}): ${measure.what}.${describeMissing} Values: ${points
        .map((p) => `${p.series} on ${p.runtime} at ${formatSize(p.size)}: ${measure.format(p.value)}`)
        .join('; ')}.`,
    legend: [
      ...runtimeLegend(comparison),
      ...(measure.reference ? [{ label: measure.reference.label, kind: 'ideal' as const, colour: IDEAL_COLOUR }] : []),
      { label: 'no bar: the cell did not finish ok (see the table)', kind: 'none', colour: INK.mark },
    ],
    plot: {
      width,
      height: Math.max(160, 40 + rows.length * (10 + 14 * comparison.runtimes.length)),
      marginLeft: 110,
      marginRight: 60,
      fx: sizeFacet(),
      fy: { label: null, domain: rows, padding: 0.15 },
      x: { label: measure.label, domain: [0, max * 1.1 || 1], grid: true, nice: true },
      y: { label: null, domain: colours.domain, axis: null },
      color: colours,
      marks: [
        Plot.barX(points, { x: 'value', y: 'runtime', fy: 'series', fx: 'size', fill: 'runtime' }),
        Plot.text(points, {
          x: 'value',
          y: 'runtime',
          fy: 'series',
          fx: 'size',
          text: (p: { value: number }) => measure.format(p.value),
          textAnchor: 'start',
          dx: 3,
          fontSize: 9,
          fill: INK.text,
        }),
        ...(measure.reference
          ? [Plot.ruleX([measure.reference.at], { stroke: IDEAL_COLOUR, strokeDasharray: IDEAL_DASH })]
          : []),
        Plot.axisFy({ label: null, tickSize: 0 }),
      ],
    },
  });
}

export function runtimeSpeedupChart(comparison: RuntimeComparison, cores: number, width = CHART_WIDTH): RenderedChart {
  return runtimeBars(
    comparison,
    {
      id: 'runtime-speedup',
      title: 'speedup over serial',
      what: "the median speedup over the same runtime's serial time",
      value: (p) => p.speedup,
      label: 'Speedup over serial on the same runtime (×) →',
      format: formatSpeedup,
      reference: { at: cores, label: `ideal: ${cores}× (${cores} usable cores)` },
    },
    width,
  );
}

export function runtimeColdChart(comparison: RuntimeComparison, width = CHART_WIDTH): RenderedChart {
  return runtimeBars(
    comparison,
    {
      id: 'runtime-cold',
      title: 'cold start (start() to the first result)',
      what: 'the median cold time, from start() to the first result: spawning threads or processes and loading code',
      value: (p) => p.coldMs,
      label: 'Cold start (ms) →',
      format: formatMs,
    },
    width,
  );
}

export function runtimeMemoryChart(comparison: RuntimeComparison, width = CHART_WIDTH): RenderedChart {
  return runtimeBars(
    comparison,
    {
      id: 'runtime-memory',
      title: 'peak memory',
      what: 'the median peak resident memory of the cell process and every process the strategy owns',
      value: (p) => (p.peakRssBytes === null ? null : p.peakRssBytes / 1024 / 1024),
      label: 'Peak memory (MiB) →',
      format: (mib) => formatBytes(mib * 1024 * 1024),
    },
    width,
  );
}
