import type { PartRange } from './contracts.js';

/**
 * Splits [0, size) into `count` contiguous ranges whose lengths differ by at most one unit, in index order.
 * When count > size some ranges are empty ([n, n)); every strategy must accept those.
 */
export function partition(size: number, count: number): PartRange[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer, got ${size}`);
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const base = Math.floor(size / count);
  const extra = size % count;
  const parts: PartRange[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = start + base + (i < extra ? 1 : 0);
    parts.push([start, end]);
    start = end;
  }
  return parts;
}
