/**
 * The crossover map chart: a grid of worker counts (rows) by sizes (columns); each square coloured by the winner
 * there (serial counts as 1.00×), labelled with its speedup, its share of the ideal and its margin over the
 * runner-up; a pale square is a tie (the two 95% intervals overlap). Winners are series: a strategy, or a strategy
 * and transport where the workload ran it over several.
 */
import { formatPercent, formatSize, formatSpeedup, MISSING } from '@coresweep/core';
import * as Plot from '@observablehq/plot';
import { type Series, seriesIn, seriesNoun, seriesOf } from '../chart-series.js';
import { type CrossoverMapCell, crossoverMap } from '../crossover-map.js';
import { INK, textColourOn, tint } from '../palette.js';
import { plural } from '../plural.js';
import type { WorkloadView } from '../view.js';
import { seriesLegend } from './marks.js';
import { CHART_WIDTH, type LegendItem, type RenderedChart, render } from './render.js';

/** How much a tie square of the crossover map is blended towards white. */
const TIE_TINT = 0.72;
const MARGIN_LEFT = 118;
const MARGIN_RIGHT = 8;

/** More than 5% above the ideal: no strategy can do that, so the serial reference or the cell was disturbed. */
function aboveIdeal(c: { ofIdeal: number | null }): boolean {
  return c.ofIdeal !== null && c.ofIdeal > 1.05;
}

/** "+12%", "+0.4%": a winner's margin over the runner-up. */
function formatMargin(margin: number): string {
  return `+${(margin * 100).toFixed(margin < 0.1 ? 1 : 0)}%`;
}

function squareFill(c: CrossoverMapCell, series: readonly Series[]): string {
  if (!c.winner) return INK.empty;
  const colour = seriesOf(series, c.winner).colour;
  return c.tie ? tint(colour, TIE_TINT) : colour;
}

/** The three lines of text of a square and its tooltip; `wide` and `compact` fit them to the column width. */
function square(c: CrossoverMapCell, series: readonly Series[], wide: boolean, compact: boolean) {
  const fill = squareFill(c, series);
  const key = (e: NonNullable<CrossoverMapCell['winner']>) => seriesOf(series, e).key;
  const margin = c.margin === null ? '' : formatMargin(c.margin);
  const against = c.runnerUp ? (wide ? ` ${c.tie ? 'vs' : 'over'} ${key(c.runnerUp)}` : '') : '';
  const ofIdeal = `${formatPercent(c.ofIdeal)}${compact ? '' : ' of ideal'}${aboveIdeal(c) ? ' ⚠' : ''}`;
  return {
    ...c,
    fill,
    ink: textColourOn(fill),
    name: c.winner ? key(c.winner) : 'no speedup',
    value: c.winner ? `${formatSpeedup(c.winner.speedup)} · ${ofIdeal}` : MISSING,
    versus: !c.winner ? '' : !c.runnerUp ? 'only result' : c.tie ? `tie: ${margin}${against}` : `${margin}${against}`,
    detail: c.ranking
      .map((e) => `${key(e)} ${formatSpeedup(e.speedup)} (${formatSpeedup(e.lo)}–${formatSpeedup(e.hi)})`)
      .join('\n'),
  };
}

/** One row of the map in words: "2 workers: 1k units: serial 1.00× (50% of ideal), +100% over worker-threads; …". */
function describeRow(workers: number, row: readonly CrossoverMapCell[], series: readonly Series[]): string {
  const key = (e: NonNullable<CrossoverMapCell['winner']>) => seriesOf(series, e).key;
  const squares = row.map((c) => {
    if (!c.winner) return `${formatSize(c.size)} units: no speedup`;
    const versus = c.runnerUp
      ? c.tie
        ? `, a tie with ${key(c.runnerUp)} (${formatMargin(c.margin ?? 0)})`
        : `, ${formatMargin(c.margin ?? 0)} over ${key(c.runnerUp)}`
      : '';
    return `${formatSize(c.size)} units: ${key(c.winner)} ${formatSpeedup(c.winner.speedup)} (${formatPercent(c.ofIdeal)} of ideal)${versus}`;
  });
  return `${plural(workers, 'worker')}: ${squares.join('; ')}.`;
}

function describeMap(view: WorkloadView, map: readonly CrossoverMapCell[]): string {
  const above = map.filter(aboveIdeal).length;
  const clear = map.filter((c) => c.winner && !c.tie).length;
  const ties = map.filter((c) => c.winner && c.tie).length;
  const rows = view.workers.map((w) =>
    describeRow(
      w,
      map.filter((c) => c.workers === w),
      view.series,
    ),
  );
  return (
    `Grid of ${plural(view.workers.length, 'worker count')} (rows) by ${plural(view.sizes.length, 'workload size')} ` +
    `(columns). Each cell is coloured by the ${seriesNoun(view.series)} with the highest median ` +
    `speedup over serial at that worker count and size (serial counts as 1.00× in every row) and labelled with that ` +
    `speedup, its share of the ideal min(workers, ${view.cores}), and how much higher its median is than the ` +
    `runner-up's. Pale cells are ties: the winner's 95% interval overlaps the runner-up's. ` +
    `${plural(clear, 'clear win')}, ${plural(ties, 'tie')}.` +
    (above > 0
      ? ` ${plural(above, 'cell')} ${above === 1 ? 'is' : 'are'} more than 5% above the ideal (marked ⚠): a disturbed measurement.`
      : '') +
    ` ${rows.join(' ')}`
  );
}

function mapLegend(map: readonly CrossoverMapCell[], series: readonly Series[], cores: number): LegendItem[] {
  const winners = seriesIn(
    series,
    map.flatMap((c) => (c.winner ? [c.winner] : [])),
  );
  const legend: LegendItem[] = [
    ...seriesLegend(winners, 'bar'),
    { label: 'pale: tie (95% intervals overlap)', kind: 'bar', colour: tint(INK.neutral, TIE_TINT) },
    { label: "+12%: winner's median over the runner-up's", kind: 'none', colour: INK.mark },
    { label: `of ideal: speedup ÷ min(workers, ${cores})`, kind: 'none', colour: INK.mark },
  ];
  if (map.some(aboveIdeal))
    legend.push({ label: '⚠ above ideal: a disturbed measurement', kind: 'none', colour: INK.mark });
  return legend;
}

/** Three text marks per square: the winner in bold, its value, its margin. */
function squareText(data: readonly object[]) {
  const at = { x: 'size', y: 'workers', fill: 'ink' };
  return [
    Plot.text(data, { ...at, text: 'name', dy: -16, fontSize: 13.5, fontWeight: 'bold' }),
    Plot.text(data, { ...at, text: 'value', dy: 2, fontSize: 12.5 }),
    Plot.text(data, { ...at, text: 'versus', dy: 19, fontSize: 11.5 }),
  ];
}

/** The crossover map of a workload; null when nothing has a speedup. */
export function crossoverMapChart(view: WorkloadView, width = CHART_WIDTH): RenderedChart | null {
  const { cores, sizes, workers } = view;
  const map = crossoverMap(view);
  if (!map.some((c) => c.winner !== null)) return null;
  const column = (width - MARGIN_LEFT - MARGIN_RIGHT) / sizes.length;
  const data = map.map((c) => square(c, view.series, column >= 210, column < 170));
  return render({
    id: `map-${view.workload}`,
    title: `${view.title}: which strategy wins at each worker count and size`,
    description: describeMap(view, map),
    legend: mapLegend(map, view.series, cores),
    plot: {
      width,
      height: 46 + workers.length * 64,
      marginLeft: MARGIN_LEFT,
      marginRight: MARGIN_RIGHT,
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
        ...squareText(data),
      ],
    },
  });
}
