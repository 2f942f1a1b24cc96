/**
 * Rendering a chart: Observable Plot drawn to SVG at build time against a linkedom document, so every chart shows
 * with JavaScript off. Each chart is returned as serialised SVG markup plus its title, description and legend.
 *
 * Escaping: the SVG is built with DOM calls (textContent, setAttribute) and serialised by linkedom, which escapes
 * text and attribute values; text that comes from result files only reaches the SVG that way. The only free text
 * from a file placed in the SVG is in <title>/<desc> text nodes; attributes carry ids and numbers.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

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

const SVG_NS = 'http://www.w3.org/2000/svg';

function newDocument(): Document {
  return parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document as unknown as Document;
}

/** What a chart family hands to `render`: its words and its Plot specification. */
export interface ChartSpec {
  /** The id at full width; the narrow variant gets `-narrow` appended. */
  id: string;
  title: string;
  description: string;
  legend: LegendItem[];
  plot: Plot.PlotOptions;
}

/** Renders a Plot specification and adds role, <title> and <desc>, labelled for assistive technology. */
export function render({ id: baseId, title, description, legend, plot: options }: ChartSpec): RenderedChart {
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

/** A run page chart drawn at both widths: the desktop chart, with the narrow variant attached. */
export function withNarrow<T extends RenderedChart | null>(draw: (width: number) => T): T {
  const wide = draw(CHART_WIDTH);
  if (wide === null) return wide;
  const narrow = draw(NARROW_WIDTH);
  return (narrow ? { ...wide, narrow } : wide) as T;
}
