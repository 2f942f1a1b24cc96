/**
 * One colour per strategy across every chart and page. Known strategies get fixed colours from the Okabe–Ito
 * palette (distinguishable with the common colour-vision deficiencies); any other id gets a deterministic colour
 * derived from a hash of the id, so it too is the same everywhere.
 */
export const KNOWN_STRATEGY_COLOURS: Readonly<Record<string, string>> = {
  serial: '#6b6b6b',
  async: '#cc79a7',
  'worker-threads': '#0072b2',
  'child-process': '#d55e00',
  cluster: '#009e73',
  piscina: '#56b4e9',
  tinypool: '#e69f00',
};

/** Display order of the known strategies; unknown ids follow in the order given. */
export const KNOWN_STRATEGY_ORDER: readonly string[] = Object.keys(KNOWN_STRATEGY_COLOURS);

/** The colour of the ideal-scaling reference line in every chart. */
export const IDEAL_COLOUR = '#111111';

/** 32-bit FNV-1a hash. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

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
