/**
 * Charts: Observable Plot rendered to SVG at build time against a linkedom document, so every chart shows with
 * JavaScript off. Each chart is returned as serialised SVG markup plus its title, description and legend.
 *
 * Escaping: the SVG is built with DOM calls (textContent, setAttribute) and serialised by linkedom, which escapes
 * text and attribute values; text that comes from result files only reaches the SVG that way. The only free text
 * from a file placed in the SVG is in <title>/<desc> text nodes; attributes carry ids and numbers.
 */
import type { ResultFile } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { CellChange } from './compare.js';
import { formatBytes, formatChange, formatMs, formatPercent, formatSize, formatSpeedup } from './format.js';
import { IDEAL_COLOUR, orderStrategies, strategyColour, textColourOn, tint } from './palette.js';
import {
  coldWarm,
  coresOf,
  crossoverMap,
  fittedCurves,
  idealLine,
  idealTimeVsSize,
  overheadAtCores,
  problemCells,
  resources,
  sizesOf,
  speedupSeries,
  strategiesOf,
  strategyBests,
  timeVsSize,
  workersOf,
  workloadCells,
  workloadTitle,
} from './series.js';

export type LegendKind =
  | 'line'
  | 'ideal'
  | 'band'
  | 'rule'
  | 'errorbar'
  | 'dot'
  | 'ring'
  | 'times'
  | 'tick'
  | 'bar'
  | 'fit-usl'
  | 'fit-amdahl'
  | 'none';

/** Dash patterns of the fitted curves, shared with the legend. */
export const FIT_DASH = { usl: '6 3', amdahl: '0.5 3.5' } as const;

export interface LegendItem {
  label: string;
  kind: LegendKind;
  colour: string;
}

export interface RenderedChart {
  id: string;
  title: string;
  /** Plain-text description: the SVG's <desc> and the figure's caption. */
  description: string;
  /** Serialised <svg> produced through the DOM (see the module comment on escaping). */
  svg: string;
  legend: LegendItem[];
  /** CSS pixels below which the chart scrolls sideways instead of shrinking further, so its text stays readable. */
  minWidth: number;
  /** The same chart drawn `NARROW_WIDTH` wide for narrow screens (ids suffixed with -narrow); run page charts only. */
  narrow?: RenderedChart;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function newDocument(): Document {
  return parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document as unknown as Document;
}

/**
 * Width every chart is drawn at: the inner width of a chart figure on a desktop page (main is at most 1240px wide,
 * minus its padding and the figure's), so a chart is shown 1:1 there and scales down with the page below that.
 */
export const CHART_WIDTH = 1160;

/**
 * Width of the variant shown on narrow screens (below 900px): small multiples side by side in 640px, shown 1:1 on a
 * tablet and scrolled sideways on a phone rather than shrunk below 80% (see `RenderedChart.minWidth`).
 */
export const NARROW_WIDTH = 640;

function colourScale(strategies: readonly string[]) {
  const domain = orderStrategies(strategies);
  return { domain, range: domain.map(strategyColour) };
}

function strategyLegend(strategies: readonly string[], kind: LegendKind = 'line'): LegendItem[] {
  return orderStrategies(strategies).map((s) => ({ label: s, kind, colour: strategyColour(s) }));
}

/** Renders a Plot specification and adds role, <title> and <desc>, labelled for assistive technology. */
function render(
  baseId: string,
  title: string,
  description: string,
  legend: LegendItem[],
  options: Plot.PlotOptions,
): RenderedChart {
  const width = Number(options.width ?? CHART_WIDTH);
  const id = width < CHART_WIDTH ? `${baseId}-narrow` : baseId;
  const document = newDocument();
  const node = Plot.plot({
    ...options,
    document,
    style: options.style ?? { fontSize: '11px', fontFamily: 'system-ui, sans-serif' },
    ariaLabel: null,
    ariaDescription: null,
  } as Plot.PlotOptions);
  const svg = node as unknown as SVGSVGElement;
  if (svg.tagName.toLowerCase() !== 'svg') throw new Error(`chart ${id}: expected an <svg>, got <${svg.tagName}>`);
  svg.setAttribute('id', id);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  const titleEl = document.createElementNS(SVG_NS, 'title');
  titleEl.setAttribute('id', `${id}-title`);
  titleEl.textContent = title;
  const descEl = document.createElementNS(SVG_NS, 'desc');
  descEl.setAttribute('id', `${id}-desc`);
  descEl.textContent = description;
  svg.insertBefore(descEl, svg.firstChild);
  svg.insertBefore(titleEl, svg.firstChild);
  return {
    id,
    title,
    description,
    svg: svg.outerHTML,
    legend,
    minWidth: Math.round(width * (width < CHART_WIDTH ? 0.8 : 0.7)),
  };
}

/** Log-axis ticks: 1, 2, 5 x 10^k within the data's range, or only powers of ten when that gives too many. */

/** The x axis of every chart over worker counts: one tick per measured count, whole numbers only. */
function workersAxis(workers: number[]) {
  return {
    label: 'Workers (threads or processes) →',
    ticks: workers,
    tickFormat: 'd',
    domain: [Math.min(...workers), Math.max(...workers)],
    inset: 8,
  };
}

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

const sizeFacet = (label = 'Workload size (units of work)') => ({
  label,
  tickFormat: (s: number) => `${formatSize(s)} units`,
  padding: 0.12,
});

function coresLabel(cores: number): string {
  return `${cores} usable core${cores === 1 ? '' : 's'}`;
}

function describeBests(run: ResultFile, workload: string): string {
  const winners = strategyBests(run, workload).filter((b) => b.winner);
  if (winners.length === 0) return 'No strategy has a speedup (the run has no ok serial reference).';
  return `Best per size: ${winners
    .map(
      (w) =>
        `${formatSize(w.size)} units: ${w.strategy} at ${w.workers} worker${w.workers === 1 ? '' : 's'}, ` +
        `${formatSpeedup(w.speedup)} of an ideal ${formatSpeedup(w.ideal)}`,
    )
    .join('; ')}.`;
}

/** Overview: each strategy's best speedup per size as bars, the ideal (usable cores) marked, the winner labelled. */
export function bestSpeedupChart(run: ResultFile, workload: string, width = CHART_WIDTH): RenderedChart {
  const cores = coresOf(run);
  const bests = strategyBests(run, workload);
  const strategies = orderStrategies(bests.map((b) => b.strategy));
  const sizes = sizesOf(workloadCells(run, workload));
  const title = `${workloadTitle(run, workload)}: best speedup of each strategy, by workload size`;
  const description =
    `Horizontal bars, one panel per workload size (${sizes.map(formatSize).join(', ')} units), one bar per strategy: ` +
    `the highest median speedup over serial the strategy reached at any worker count, with its 95% interval. ` +
    `The dashed line is the ideal, ${cores}× (${coresLabel(cores)}). ${describeBests(run, workload)}`;
  const max = Math.max(cores, ...bests.map((b) => b.hi));
  const label = (d: (typeof bests)[number]) => `${d.winner ? '★ ' : ''}${formatSpeedup(d.speedup)} @${d.workers}w`;
  return render(
    `best-${workload}`,
    title,
    description,
    [
      ...strategyLegend(strategies, 'bar'),
      { label: `ideal: ${cores}× (${coresLabel(cores)})`, kind: 'ideal', colour: IDEAL_COLOUR },
      { label: '95% interval', kind: 'errorbar', colour: '#333333' },
      { label: '★ winner · @2w = at 2 workers', kind: 'none', colour: '#333333' },
    ],
    {
      width,
      height: Math.max(150, 40 + strategies.length * 26),
      marginLeft: 100,
      marginRight: 16,
      fx: sizeFacet(),
      x: { label: 'Best speedup vs serial (×) →', domain: [0, max * 1.05], grid: true, nice: true },
      y: { label: null, domain: strategies },
      color: colourScale(strategies),
      marks: [
        Plot.barX(bests, { x: 'speedup', y: 'strategy', fx: 'size', fill: 'strategy', fillOpacity: 0.9 }),
        Plot.ruleY(bests, { x1: 'lo', x2: 'hi', y: 'strategy', fx: 'size', stroke: '#333', strokeWidth: 1.2 }),
        Plot.ruleX([cores], { stroke: IDEAL_COLOUR, strokeDasharray: '5 3', strokeWidth: 1.5 }),
        ...[true, false].map((winner) =>
          Plot.text(
            bests.filter((d) => d.speedup >= max * 0.45 && d.winner === winner),
            {
              x: 'speedup',
              y: 'strategy',
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
          bests.filter((d) => d.speedup < max * 0.45),
          { x: 'hi', y: 'strategy', fx: 'size', text: label, textAnchor: 'start', dx: 4, fill: '#111' },
        ),
        Plot.axisY({ tickSize: 0, label: null }),
      ],
    },
  );
}

/** How much a tie cell of the crossover map is blended towards white. */
const TIE_TINT = 0.72;
const NO_RESULT_FILL = '#f1f2f4';

/** More than 5% above the ideal: no strategy can do that, so the serial reference or the cell was disturbed. */
function aboveIdeal(c: { ofIdeal: number | null }): boolean {
  return c.ofIdeal !== null && c.ofIdeal > 1.05;
}

/** "+12%", "+0.4%": a winner's margin over the runner-up. */
function formatMargin(margin: number): string {
  return `+${(margin * 100).toFixed(margin < 0.1 ? 1 : 0)}%`;
}

/**
 * Crossover map: a grid of worker counts (rows) by sizes (columns); each cell coloured by the strategy with the
 * highest median speedup there (serial counts as 1.00×), labelled with that speedup, its share of the ideal and its
 * margin over the runner-up; a pale cell is a tie (the two 95% intervals overlap). Null when nothing has a speedup.
 */
export function crossoverMapChart(run: ResultFile, workload: string, width = CHART_WIDTH): RenderedChart | null {
  const cores = coresOf(run);
  const map = crossoverMap(run, workload);
  if (!map.some((c) => c.winner !== null)) return null;
  const sizes = [...new Set(map.map((c) => c.size))].sort((a, b) => a - b);
  const workers = [...new Set(map.map((c) => c.workers))].sort((a, b) => a - b);
  const winners = orderStrategies(map.flatMap((c) => (c.winner ? [c.winner.strategy] : [])));
  const marginLeft = 118;
  const marginRight = 8;
  const column = (width - marginLeft - marginRight) / sizes.length;
  const wide = column >= 210;
  const compact = column < 170;
  const data = map.map((c) => {
    const fill = c.winner
      ? c.tie
        ? tint(strategyColour(c.winner.strategy), TIE_TINT)
        : strategyColour(c.winner.strategy)
      : NO_RESULT_FILL;
    const margin = c.margin === null ? '' : formatMargin(c.margin);
    const against = c.runnerUp ? (wide ? ` ${c.tie ? 'vs' : 'over'} ${c.runnerUp.strategy}` : '') : '';
    return {
      ...c,
      fill,
      ink: textColourOn(fill),
      name: c.winner ? c.winner.strategy : 'no speedup',
      value: c.winner
        ? `${formatSpeedup(c.winner.speedup)} · ${formatPercent(c.ofIdeal)}${compact ? '' : ' of ideal'}${aboveIdeal(c) ? ' ⚠' : ''}`
        : '—',
      versus: !c.winner ? '' : !c.runnerUp ? 'only result' : c.tie ? `tie: ${margin}${against}` : `${margin}${against}`,
      detail: c.ranking
        .map((e) => `${e.strategy} ${formatSpeedup(e.speedup)} (${formatSpeedup(e.lo)}–${formatSpeedup(e.hi)})`)
        .join('\n'),
    };
  });
  const above = map.filter(aboveIdeal).length;
  const clear = map.filter((c) => c.winner && !c.tie).length;
  const ties = map.filter((c) => c.winner && c.tie).length;
  const byWorkers = workers.map((w) => {
    const row = map.filter((c) => c.workers === w);
    const cellsText = row
      .map((c) => {
        if (!c.winner) return `${formatSize(c.size)} units: no speedup`;
        const versus = c.runnerUp
          ? c.tie
            ? `, a tie with ${c.runnerUp.strategy} (${formatMargin(c.margin ?? 0)})`
            : `, ${formatMargin(c.margin ?? 0)} over ${c.runnerUp.strategy}`
          : '';
        return `${formatSize(c.size)} units: ${c.winner.strategy} ${formatSpeedup(c.winner.speedup)} (${formatPercent(c.ofIdeal)} of ideal)${versus}`;
      })
      .join('; ');
    return `${w} worker${w === 1 ? '' : 's'}: ${cellsText}.`;
  });
  const title = `${workloadTitle(run, workload)}: which strategy wins at each worker count and size`;
  const description =
    `Grid of ${workers.length} worker count${workers.length === 1 ? '' : 's'} (rows) by ${sizes.length} workload ` +
    `size${sizes.length === 1 ? '' : 's'} (columns). Each cell is coloured by the strategy with the highest median ` +
    `speedup over serial at that worker count and size (serial counts as 1.00× in every row) and labelled with that ` +
    `speedup, its share of the ideal min(workers, ${cores}), and how much higher its median is than the runner-up's. ` +
    `Pale cells are ties: the winner's 95% interval overlaps the runner-up's. ${clear} clear win` +
    `${clear === 1 ? '' : 's'}, ${ties} tie${ties === 1 ? '' : 's'}.` +
    (above > 0
      ? ` ${above} cell${above === 1 ? ' is' : 's are'} more than 5% above the ideal (marked ⚠): a disturbed measurement.`
      : '') +
    ` ${byWorkers.join(' ')}`;
  const legend: LegendItem[] = [
    ...strategyLegend(winners, 'bar'),
    { label: 'pale: tie (95% intervals overlap)', kind: 'bar', colour: tint('#6b6b6b', TIE_TINT) },
    { label: "+12%: winner's median over the runner-up's", kind: 'none', colour: '#333333' },
    { label: `of ideal: speedup ÷ min(workers, ${cores})`, kind: 'none', colour: '#333333' },
  ];
  if (above > 0) legend.push({ label: '⚠ above ideal: a disturbed measurement', kind: 'none', colour: '#333333' });
  return render(`map-${workload}`, title, description, legend, {
    width,
    height: 46 + workers.length * 64,
    marginLeft,
    marginRight,
    marginTop: 38,
    marginBottom: 8,
    x: {
      type: 'band',
      domain: sizes,
      axis: 'top',
      label: 'Workload size (units of work) →',
      labelAnchor: 'center',
      tickFormat: (s: number) => `${formatSize(s)} units`,
      tickSize: 0,
      padding: 0,
    },
    y: {
      type: 'band',
      domain: workers,
      label: '↓ Workers',
      tickFormat: (w: number) => (w === cores ? `${w} = cores` : `${w}`),
      tickSize: 0,
      padding: 0,
    },
    color: { type: 'identity' },
    style: { fontSize: '12px', fontFamily: 'system-ui, sans-serif' },
    marks: [
      Plot.cell(data, { x: 'size', y: 'workers', fill: 'fill', inset: 1.5, rx: 5, title: 'detail' }),
      Plot.text(data, {
        x: 'size',
        y: 'workers',
        text: 'name',
        fill: 'ink',
        dy: -16,
        fontSize: 13.5,
        fontWeight: 'bold',
      }),
      Plot.text(data, { x: 'size', y: 'workers', text: 'value', fill: 'ink', dy: 2, fontSize: 12.5 }),
      Plot.text(data, { x: 'size', y: 'workers', text: 'versus', fill: 'ink', dy: 19, fontSize: 11.5 }),
    ],
  });
}

/** (a) Speedup vs workers, one line per strategy, a panel per size, with CI band, ideal and the core count. */
export function speedupChart(run: ResultFile, workload: string, width = CHART_WIDTH): RenderedChart {
  const cores = coresOf(run);
  const cells = workloadCells(run, workload);
  const points = speedupSeries(run, workload);
  const problems = problemCells(run, workload);
  const workers = workersOf(cells);
  const sizes = sizesOf(cells);
  const strategies = strategiesOf(cells);
  const winners = strategyBests(run, workload).filter((b) => b.winner);
  const ideal = idealLine(workers, cores);
  const curves = fittedCurves(run, workload);
  const usl = curves.filter((c) => c.model === 'usl');
  const amdahl = curves.filter((c) => c.model === 'amdahl');
  const max = Math.max(cores, ...points.map((p) => p.hi), 1);
  const midWorkers = (Math.min(...workers) + Math.max(...workers)) / 2;
  const title = `${workloadTitle(run, workload)}: speedup vs workers`;
  const description =
    `Line chart, one panel per workload size (${sizes.map(formatSize).join(', ')} units). x: workers (${workers.join(', ')}); ` +
    `y: median speedup over serial with a shaded 95% interval; one line per strategy (${strategies.join(', ')}). ` +
    `The dashed black line is ideal scaling, min(workers, ${cores}); the dotted vertical line marks ${coresLabel(cores)}. ` +
    `${describeBests(run, workload)}` +
    (usl.length > 0
      ? ` Thin dashed lines in each strategy's colour: the Universal Scalability Law curve fitted to its points ` +
        `(parameters from the result file).`
      : '') +
    (amdahl.length > 0
      ? ` Thin dotted lines: the fitted Amdahl curve, drawn up to ${coresLabel(cores)}, the range it was fitted over.`
      : '') +
    (problems.length > 0 ? ` Crosses on the x axis mark ${problems.length} cell(s) without a valid result.` : '');
  const legend: LegendItem[] = [
    ...strategyLegend(strategies.filter((s) => points.some((p) => p.strategy === s))),
    { label: `ideal: min(workers, ${cores})`, kind: 'ideal', colour: IDEAL_COLOUR },
    { label: '95% interval', kind: 'band', colour: '#888888' },
    { label: coresLabel(cores), kind: 'rule', colour: '#777777' },
  ];
  if (usl.length > 0) legend.push({ label: 'fitted USL curve (strategy colour)', kind: 'fit-usl', colour: '#444444' });
  if (amdahl.length > 0) {
    legend.push({ label: `fitted Amdahl curve, up to ${cores} cores`, kind: 'fit-amdahl', colour: '#444444' });
  }
  if (problems.length > 0) legend.push({ label: 'failed / timeout / wrong result', kind: 'times', colour: '#333333' });
  return render(`speedup-${workload}`, title, description, legend, {
    width,
    height: 380,
    marginLeft: 44,
    marginBottom: 40,
    fx: sizeFacet(),
    x: workersAxis(workers),
    y: { label: '↑ Speedup vs serial (×)', domain: [0, max * 1.1], grid: true, nice: true },
    color: colourScale(strategies),
    marks: [
      Plot.ruleY([1], { stroke: '#bbb' }),
      Plot.ruleX([cores], { stroke: '#777', strokeDasharray: '1.5 3', strokeWidth: 1.5 }),
      Plot.areaY(points, {
        x: 'workers',
        y1: 'lo',
        y2: 'hi',
        z: 'strategy',
        fill: 'strategy',
        fx: 'size',
        fillOpacity: 0.16,
      }),
      Plot.lineY(ideal, {
        x: 'workers',
        y: 'speedup',
        stroke: IDEAL_COLOUR,
        strokeDasharray: '5 3',
        strokeWidth: 1.5,
      }),
      Plot.lineY(points, {
        x: 'workers',
        y: 'speedup',
        z: 'strategy',
        stroke: 'strategy',
        fx: 'size',
        strokeWidth: 2.2,
      }),
      ...(['usl', 'amdahl'] as const).map((model) =>
        Plot.line(
          curves.filter((c) => c.model === model),
          {
            x: 'workers',
            y: 'speedup',
            z: 'strategy',
            stroke: 'strategy',
            fx: 'size',
            strokeWidth: model === 'usl' ? 1.6 : 2,
            strokeDasharray: model === 'usl' ? FIT_DASH.usl : FIT_DASH.amdahl,
            strokeLinecap: model === 'usl' ? 'butt' : 'round',
            // the axis follows the measurements; a fit that leaves it is cut at the frame
            clip: true,
          },
        ),
      ),
      Plot.dot(points, { x: 'workers', y: 'speedup', fill: 'strategy', fx: 'size', r: 2.8 }),
      Plot.dot(winners, { x: 'workers', y: 'speedup', stroke: 'strategy', fx: 'size', r: 7, strokeWidth: 2 }),
      ...(['start', 'end'] as const).map((anchor) =>
        Plot.text(
          winners.filter((d) => d.workers <= midWorkers === (anchor === 'start')),
          {
            x: 'workers',
            y: 'speedup',
            fx: 'size',
            text: (d: (typeof winners)[number]) => `${d.strategy} ${formatSpeedup(d.speedup)}`,
            dy: -14,
            dx: anchor === 'start' ? -4 : 4,
            textAnchor: anchor,
            fontWeight: 'bold',
            fill: 'strategy',
            stroke: 'white',
            strokeWidth: 3,
            paintOrder: 'stroke',
          },
        ),
      ),
      Plot.dot(problems, {
        x: 'workers',
        y: 0,
        fx: 'size',
        stroke: 'strategy',
        symbol: 'times',
        r: 5,
        strokeWidth: 2,
      }),
    ],
  });
}

/** (b) Parallel efficiency vs workers. */
export function efficiencyChart(run: ResultFile, workload: string, width = CHART_WIDTH): RenderedChart {
  const cores = coresOf(run);
  const cells = workloadCells(run, workload);
  const points = speedupSeries(run, workload).map((p) => ({
    ...p,
    efficiencyPct: p.efficiency * 100,
    loPct: p.efficiencyLo * 100,
    hiPct: p.efficiencyHi * 100,
  }));
  const workers = workersOf(cells);
  const strategies = strategiesOf(cells);
  const ideal = idealLine(workers, cores).map((p) => ({ ...p, pct: p.efficiency * 100 }));
  const max = Math.max(100, ...points.map((p) => p.hiPct));
  const title = `${workloadTitle(run, workload)}: parallel efficiency vs workers`;
  const description =
    `Line chart, one panel per workload size. x: workers; y: efficiency = speedup ÷ workers in percent, shaded 95% ` +
    `interval; one line per strategy. 100% means every worker is fully used. The dashed black line is the best ` +
    `possible efficiency on ${coresLabel(cores)}, min(workers, ${cores}) ÷ workers.`;
  return render(
    `efficiency-${workload}`,
    title,
    description,
    [
      ...strategyLegend(strategies.filter((s) => points.some((p) => p.strategy === s))),
      { label: `ideal: min(workers, ${cores}) ÷ workers`, kind: 'ideal', colour: IDEAL_COLOUR },
      { label: '95% interval', kind: 'band', colour: '#888888' },
      { label: coresLabel(cores), kind: 'rule', colour: '#777777' },
    ],
    {
      width,
      height: 300,
      marginLeft: 44,
      fx: sizeFacet(),
      x: workersAxis(workers),
      y: { label: '↑ Parallel efficiency (%)', domain: [0, max * 1.05], grid: true, nice: true },
      color: colourScale(strategies),
      marks: [
        Plot.ruleX([cores], { stroke: '#777', strokeDasharray: '1.5 3', strokeWidth: 1.5 }),
        Plot.areaY(points, {
          x: 'workers',
          y1: 'loPct',
          y2: 'hiPct',
          z: 'strategy',
          fill: 'strategy',
          fx: 'size',
          fillOpacity: 0.16,
        }),
        Plot.lineY(ideal, { x: 'workers', y: 'pct', stroke: IDEAL_COLOUR, strokeDasharray: '5 3', strokeWidth: 1.5 }),
        Plot.lineY(points, {
          x: 'workers',
          y: 'efficiencyPct',
          z: 'strategy',
          stroke: 'strategy',
          fx: 'size',
          strokeWidth: 2,
        }),
        Plot.dot(points, { x: 'workers', y: 'efficiencyPct', fill: 'strategy', fx: 'size', r: 2.5 }),
      ],
    },
  );
}

/** (c) Warm time vs workload size, log-log, per strategy at workers = cores. */
export function timeVsSizeChart(run: ResultFile, workload: string, width = CHART_WIDTH): RenderedChart {
  const cores = coresOf(run);
  const points = timeVsSize(run, workload);
  const ideal = idealTimeVsSize(run, workload);
  const strategies = orderStrategies(points.map((p) => p.strategy));
  const atOther = [...new Set(points.filter((p) => p.workers !== cores).map((p) => `${p.strategy} at ${p.workers}`))];
  const title = `${workloadTitle(run, workload)}: warm time vs workload size at ${cores} worker${cores === 1 ? '' : 's'}`;
  const description =
    `Line chart on log–log axes. x: workload size in units; y: median warm time per job in milliseconds with 95% ` +
    `interval bars; one line per strategy at workers = ${cores} (the usable cores)` +
    (atOther.length > 0 ? `, except ${atOther.join(', ')} worker(s), the counts they ran at` : '') +
    `. A slope of 1 means time grows in proportion to the work.` +
    (ideal.length > 0 ? ` The dashed black line is the serial time divided by ${cores}: the ideal.` : '');
  const legend: LegendItem[] = strategies.map((s) => {
    const w = points.find((p) => p.strategy === s)?.workers;
    return { label: `${s} (${w} worker${w === 1 ? '' : 's'})`, kind: 'line' as const, colour: strategyColour(s) };
  });
  if (ideal.length > 0) legend.push({ label: `ideal: serial ÷ ${cores}`, kind: 'ideal', colour: IDEAL_COLOUR });
  legend.push({ label: '95% interval', kind: 'tick', colour: '#555555' });
  const sizes = [...new Set(points.map((p) => p.size))].sort((a, b) => a - b);
  return render(`time-${workload}`, title, description, legend, {
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
      Plot.lineY(ideal, { x: 'size', y: 'median', stroke: IDEAL_COLOUR, strokeDasharray: '5 3', strokeWidth: 1.5 }),
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
  });
}

/** (d) Cold start vs warm time per strategy, per size, at workers = cores. */
export function coldWarmChart(run: ResultFile, workload: string, width = CHART_WIDTH): RenderedChart {
  const cores = coresOf(run);
  const points = coldWarm(run, workload);
  const strategies = orderStrategies(points.map((p) => p.strategy));
  const sizes = [...new Set(points.map((p) => p.size))].sort((a, b) => a - b);
  const withStart = points.filter((p) => p.startMs !== null && p.startMs > 0);
  const title = `${workloadTitle(run, workload)}: cold start vs warm time per strategy`;
  const description =
    `Dot plot on a log time axis, one band of rows per workload size, one row per strategy at workers = ${cores} (or the ` +
    `count it ran at). Filled dot: median warm time of a job; ring: cold time, start() to the first result; bar ` +
    `between them: the price of starting cold. Tick: start() alone (spawning threads or processes, loading code).`;
  const positive = (v: number) => Math.max(v, 1e-3);
  return render(
    `cold-${workload}`,
    title,
    description,
    [
      ...strategyLegend(strategies, 'dot'),
      { label: 'filled dot: warm median', kind: 'dot', colour: '#333333' },
      { label: 'ring: cold (start() → first result)', kind: 'ring', colour: '#333333' },
      { label: 'tick: start() alone', kind: 'tick', colour: '#333333' },
    ],
    {
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
      marks: [
        Plot.ruleY(points, {
          x1: (d: (typeof points)[number]) => positive(d.warmMs),
          x2: (d: (typeof points)[number]) => positive(d.coldMs),
          y: 'strategy',
          fy: 'size',
          stroke: 'strategy',
          strokeWidth: 3,
          strokeOpacity: 0.35,
        }),
        Plot.tickX(withStart, {
          x: (d: (typeof withStart)[number]) => positive(d.startMs ?? 0),
          y: 'strategy',
          fy: 'size',
          stroke: '#222',
          strokeWidth: 1.5,
        }),
        Plot.dot(points, {
          x: (d: (typeof points)[number]) => positive(d.coldMs),
          y: 'strategy',
          fy: 'size',
          stroke: 'strategy',
          fill: 'white',
          r: 4.5,
          strokeWidth: 2,
        }),
        Plot.dot(points, {
          x: (d: (typeof points)[number]) => positive(d.warmMs),
          y: 'strategy',
          fy: 'size',
          fill: 'strategy',
          r: 4.5,
        }),
        Plot.axisY({ tickSize: 0, label: null }),
      ],
    },
  );
}

/** (e) CPU utilisation per strategy and worker count. */
export function utilisationChart(run: ResultFile, workload: string, width = CHART_WIDTH): RenderedChart {
  const cores = coresOf(run);
  const cells = workloadCells(run, workload);
  const points = resources(run, workload)
    .filter((p) => p.utilisation !== null)
    .map((p) => ({ ...p, pct: (p.utilisation ?? 0) * 100 }));
  const workers = workersOf(cells);
  const strategies = orderStrategies(points.map((p) => p.strategy));
  const max = Math.max(100, ...points.map((p) => p.pct));
  const title = `${workloadTitle(run, workload)}: CPU utilisation vs workers`;
  const description =
    `Line chart, one panel per workload size. x: workers; y: CPU utilisation in percent = CPU time ÷ (wall time × ` +
    `min(workers, ${cores})), as recorded by the run; one line per strategy. Near 100% means the requested ` +
    `parallelism really happened; a strategy without parallelism sits near 100 ÷ min(workers, ${cores}).`;
  return render(
    `utilisation-${workload}`,
    title,
    description,
    [...strategyLegend(strategies), { label: coresLabel(cores), kind: 'rule', colour: '#777777' }],
    {
      width,
      height: 260,
      marginLeft: 44,
      fx: sizeFacet(),
      x: workersAxis(workers),
      y: { label: '↑ CPU utilisation (%)', domain: [0, max * 1.05], grid: true, nice: true },
      color: colourScale(strategies),
      marks: [
        Plot.ruleY([100], { stroke: '#bbb' }),
        Plot.ruleX([cores], { stroke: '#777', strokeDasharray: '1.5 3', strokeWidth: 1.5 }),
        Plot.lineY(points, { x: 'workers', y: 'pct', z: 'strategy', stroke: 'strategy', fx: 'size', strokeWidth: 2 }),
        Plot.dot(points, { x: 'workers', y: 'pct', fill: 'strategy', fx: 'size', r: 2.5 }),
      ],
    },
  );
}

/** (e) Peak memory per strategy and worker count. */
export function memoryChart(run: ResultFile, workload: string, width = CHART_WIDTH): RenderedChart {
  const cores = coresOf(run);
  const cells = workloadCells(run, workload);
  const points = resources(run, workload)
    .filter((p) => p.peakRssBytes !== null)
    .map((p) => ({ ...p, mib: (p.peakRssBytes ?? 0) / 1024 / 1024 }));
  const workers = workersOf(cells);
  const strategies = orderStrategies(points.map((p) => p.strategy));
  const title = `${workloadTitle(run, workload)}: peak memory (RSS) vs workers`;
  const top = points.reduce<(typeof points)[number] | null>((a, b) => (!a || b.mib > a.mib ? b : a), null);
  const description =
    `Line chart, one panel per workload size. x: workers; y: peak resident set size in MiB of the cell process and ` +
    `every process it owns; one line per strategy.` +
    (top ? ` Highest: ${top.strategy} at ${top.workers} workers, ${formatBytes(top.peakRssBytes)}.` : '');
  return render(
    `memory-${workload}`,
    title,
    description,
    [...strategyLegend(strategies), { label: coresLabel(cores), kind: 'rule', colour: '#777777' }],
    {
      width,
      height: 260,
      marginLeft: 44,
      fx: sizeFacet(),
      x: workersAxis(workers),
      y: { label: '↑ Peak RSS (MiB)', grid: true, nice: true, zero: true },
      color: colourScale(strategies),
      marks: [
        Plot.ruleX([cores], { stroke: '#777', strokeDasharray: '1.5 3', strokeWidth: 1.5 }),
        Plot.lineY(points, { x: 'workers', y: 'mib', z: 'strategy', stroke: 'strategy', fx: 'size', strokeWidth: 2 }),
        Plot.dot(points, { x: 'workers', y: 'mib', fill: 'strategy', fx: 'size', r: 2.5 }),
      ],
    },
  );
}

/** (g) The share of a warm run lost to overhead beyond the ideal T_serial / p, from the file's fitted models. */
export function overheadChart(run: ResultFile, workload: string, width = CHART_WIDTH): RenderedChart | null {
  const cores = coresOf(run);
  const points = overheadAtCores(run, workload).map((p) => ({ ...p, pct: p.overheadShare * 100 }));
  if (points.length === 0) return null;
  const strategies = orderStrategies(points.map((p) => p.strategy));
  const title = `${workloadTitle(run, workload)}: share of warm time lost to overhead at ${cores} worker${cores === 1 ? '' : 's'}`;
  const description =
    `Horizontal bars, one panel per workload size, one bar per strategy at workers = ${cores} (or the count it ran ` +
    `at). Length: dispatch overhead ÷ warm time in percent, where dispatch = warm time − serial time ÷ workers ` +
    `(splitting, messaging, combining, waiting for the slowest worker). 0% is ideal scaling; the label gives the ` +
    `overhead in milliseconds. Values from the models section of the result file.`;
  return render(`overhead-${workload}`, title, description, strategyLegend(strategies, 'bar'), {
    width,
    height: Math.max(150, 50 + strategies.length * 24),
    marginLeft: 100,
    marginRight: 16,
    fx: sizeFacet(),
    x: {
      label: 'Overhead beyond ideal (% of warm time) →',
      domain: [0, Math.max(10, ...points.map((p) => p.pct)) * 1.7],
      grid: true,
      nice: true,
    },
    y: { label: null, domain: strategies },
    color: colourScale(strategies),
    marks: [
      Plot.barX(points, { x: 'pct', y: 'strategy', fx: 'size', fill: 'strategy' }),
      Plot.text(points, {
        x: 'pct',
        y: 'strategy',
        fx: 'size',
        text: (d: (typeof points)[number]) => `${d.pct.toFixed(0)}% · ${formatMs(d.dispatchMs)}`,
        textAnchor: 'start',
        dx: 4,
        fill: '#111',
      }),
      Plot.axisY({ tickSize: 0, label: null }),
    ],
  });
}

/** Compare page: per-cell change of the warm median (head vs base) with the conservative interval. */
export function changeChart(changes: readonly CellChange[], workload: string, title: string): RenderedChart {
  const points = changes
    .filter((c) => c.workload === workload && c.change !== null)
    .map((c) => ({
      ...c,
      label: `${c.strategy} ×${c.workers}`,
      pct: (c.change ?? 0) * 100,
      loPct: (c.changeLo ?? 0) * 100,
      hiPct: (c.changeHi ?? 0) * 100,
    }));
  const strategies = orderStrategies(points.map((p) => p.strategy));
  const labels = [...new Set(points.map((p) => p.label))].sort((a, b) => {
    const pa = points.find((p) => p.label === a) as (typeof points)[number];
    const pb = points.find((p) => p.label === b) as (typeof points)[number];
    return strategies.indexOf(pa.strategy) - strategies.indexOf(pb.strategy) || pa.workers - pb.workers;
  });
  const faster = points.filter((p) => p.verdict === 'faster').length;
  const slower = points.filter((p) => p.verdict === 'slower').length;
  const extreme = Math.max(5, ...points.flatMap((p) => [Math.abs(p.loPct), Math.abs(p.hiPct)]));
  const description =
    `Dot plot, one panel per workload size, one row per strategy and worker count. x: change of the median warm ` +
    `time from base to head in percent (left of zero: faster) with a bar spanning the conservative 95% interval. ` +
    `${points.length} cells compared: ${faster} clearly faster, ${slower} clearly slower, the rest within their intervals.`;
  return render(
    `change-${workload}`,
    title,
    description,
    [
      ...strategyLegend(strategies, 'dot'),
      { label: 'filled: clear change; ring: within the intervals', kind: 'ring', colour: '#333333' },
      { label: 'interval of the change', kind: 'errorbar', colour: '#555555' },
      { label: 'no change (0%)', kind: 'ideal', colour: IDEAL_COLOUR },
    ],
    {
      width: CHART_WIDTH,
      height: Math.max(160, 50 + labels.length * 18),
      marginLeft: 120,
      fx: sizeFacet(),
      x: {
        label: '← faster · change of median warm time (%) · slower →',
        domain: [-extreme * 1.1, extreme * 1.1],
        grid: true,
        tickFormat: (v: number) => formatChange(v / 100).replace('.0%', '%'),
      },
      y: { label: null, domain: labels },
      color: colourScale(strategies),
      marks: [
        Plot.ruleX([0], { stroke: IDEAL_COLOUR, strokeDasharray: '5 3' }),
        Plot.ruleY(points, {
          x1: 'loPct',
          x2: 'hiPct',
          y: 'label',
          fx: 'size',
          stroke: 'strategy',
          strokeWidth: 2,
          strokeOpacity: 0.5,
        }),
        Plot.dot(
          points.filter((p) => p.verdict === 'no clear change'),
          { x: 'pct', y: 'label', fx: 'size', fill: 'white', stroke: 'strategy', r: 4, strokeWidth: 1.5 },
        ),
        Plot.dot(
          points.filter((p) => p.verdict !== 'no clear change'),
          { x: 'pct', y: 'label', fx: 'size', fill: 'strategy', stroke: 'strategy', r: 4, strokeWidth: 1.5 },
        ),
        Plot.axisY({ tickSize: 0, label: null }),
      ],
    },
  );
}

/** A run page chart drawn at both widths: the desktop chart, with the narrow variant attached. */
function withNarrow<T extends RenderedChart | null>(draw: (width: number) => T): T {
  const wide = draw(CHART_WIDTH);
  if (wide === null) return wide;
  const narrow = draw(NARROW_WIDTH);
  return (narrow ? { ...wide, narrow } : wide) as T;
}

/** Every chart of a run page, in page order, each with its narrow-screen variant. */
export function runPageCharts(run: ResultFile, workload: string) {
  return {
    map: withNarrow((w) => crossoverMapChart(run, workload, w)),
    best: withNarrow((w) => bestSpeedupChart(run, workload, w)),
    speedup: withNarrow((w) => speedupChart(run, workload, w)),
    efficiency: withNarrow((w) => efficiencyChart(run, workload, w)),
    time: withNarrow((w) => timeVsSizeChart(run, workload, w)),
    coldWarm: withNarrow((w) => coldWarmChart(run, workload, w)),
    utilisation: withNarrow((w) => utilisationChart(run, workload, w)),
    memory: withNarrow((w) => memoryChart(run, workload, w)),
    overhead: withNarrow((w) => overheadChart(run, workload, w)),
  };
}
