/**
 * One colour per strategy across every chart and page. Known strategies get fixed colours from the Okabe–Ito
 * palette (distinguishable with the common colour-vision deficiencies); any other id gets a deterministic colour
 * derived from a hash of the id, so it too is the same everywhere.
 */
import { hashString } from '@coresweep/core';

export const KNOWN_STRATEGY_COLOURS: Readonly<Record<string, string>> = {
  serial: '#6b6b6b',
  async: '#cc79a7',
  'worker-threads': '#0072b2',
  'child-process': '#d55e00',
  cluster: '#009e73',
  piscina: '#56b4e9',
  tinypool: '#e69f00',
  // Okabe–Ito's two colours left are a yellow unreadable on white and a black taken by the ideal line: Tol's wine.
  poolifier: '#882255',
};

/** Display order of the known strategies; unknown ids follow in the order given. */
export const KNOWN_STRATEGY_ORDER: readonly string[] = Object.keys(KNOWN_STRATEGY_COLOURS);

/** The colour of the ideal-scaling reference line in every chart. */
export const IDEAL_COLOUR = '#111111';

/** The neutral inks of the charts, the same in a mark and in its legend swatch. */
export const INK = {
  /** Labels on the page background (values beside short bars). */
  text: '#111111',
  /** Black marks and the legend swatches that stand for a mark of any strategy's colour. */
  mark: '#333333',
  /** The start() tick of the cold vs warm chart. */
  tick: '#222222',
  /** The fitted curves' legend swatches (the curves are drawn in the strategy's colour). */
  fit: '#444444',
  /** Interval bars drawn in the strategy's colour, in the legend. */
  interval: '#555555',
  /** Interval bands drawn in the strategy's colour, in the legend. */
  band: '#888888',
  /** The usable-cores rule. */
  cores: '#777777',
  /** The 1× and 100% reference rules. */
  reference: '#bbbbbb',
  /** A neutral grey that stands for "any strategy" in a legend (the tint of a tie). */
  neutral: '#6b6b6b',
  /** A crossover map square without a result. */
  empty: '#f1f2f4',
} as const;

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

export function strategyColour(id: string): string {
  const known = KNOWN_STRATEGY_COLOURS[id];
  if (known) return known;
  const hash = hashString(id);
  const hue = hash % 360;
  const lightness = 0.34 + ((hash >>> 9) % 3) * 0.06;
  return hslToHex(hue, 0.62, lightness);
}

/** Known strategies first in their fixed order, then the others in the order given. */
export function orderStrategies(ids: Iterable<string>): string[] {
  const unique = [...new Set(ids)];
  const known = KNOWN_STRATEGY_ORDER.filter((id) => unique.includes(id));
  return [...known, ...unique.filter((id) => !KNOWN_STRATEGY_ORDER.includes(id))];
}

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `hex` blended towards white: amount 0 keeps the colour, 1 gives white. */
export function tint(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((c) =>
      Math.round(c + (255 - c) * amount)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `hex` blended towards black: amount 0 keeps the colour, 1 gives black. */
export function shade(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((c) =>
      Math.round(c * (1 - amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * How the n-th transport of a strategy is told apart from the strategy's other transports: its colour darkened
 * (positive) or lightened (negative), alternating and growing, so every shade stays in the strategy's hue.
 */
const TRANSPORT_SHADES = [0, 0.45, -0.5, 0.7, -0.72] as const;

/**
 * The colour of one transport of a strategy that ran over several (`index` in the workload's transport order):
 * the first keeps the strategy's colour, the others are darker or lighter shades of it.
 */
export function transportColour(strategy: string, index: number): string {
  const base = strategyColour(strategy);
  const amount = TRANSPORT_SHADES[index % TRANSPORT_SHADES.length] as number;
  return amount >= 0 ? shade(base, amount) : tint(base, -amount);
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Near-black or white, whichever has the higher WCAG contrast on `background`. */
export function textColourOn(background: string): string {
  const l = luminance(background);
  const dark = (l + 0.05) / (luminance(INK.text) + 0.05);
  const light = 1.05 / (l + 0.05);
  return dark >= light ? INK.text : '#ffffff';
}
