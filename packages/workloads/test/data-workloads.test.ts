/**
 * The kernels with data: any partition — each part run on its slice of the input, empty parts included — combines
 * to exactly the unpartitioned checksum; the input depends on the size and seed alone; an asynchronous form gives
 * the very parts `run` gives; and different work gives a different checksum.
 */
import { type PartRange, partition, type Workload } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import sha256 from '../src/sha256.js';

/** Each kernel with a size that is small here but still splits into many uneven parts. */
const kernels: Array<[Workload, number]> = [[sha256 as Workload, 37]];

function pieces(workload: Workload, size: number, parts: readonly PartRange[], seed = 1): unknown[] {
  const input = workload.input?.(size, seed);
  return parts.map(([s, e]) => (workload.slice ? workload.slice(input, s, e, size) : input));
}

function checksumOf(workload: Workload, size: number, parts: PartRange[], seed = 1): string {
  const inputs = pieces(workload, size, parts, seed);
  const results = parts.map(([s, e], i) => workload.run(s, e, size, inputs[i]));
  return workload.checksum(workload.combine(results, size));
}

describe.each(kernels.map(([w, size]) => [w.id, w, size] as const))('%s', (_id, workload, size) => {
  const whole = checksumOf(workload, size, [[0, size]]);

  it.each([2, 3, 7, 64])('%i parts give the unpartitioned checksum', (count) => {
    expect(checksumOf(workload, size, partition(size, count))).toBe(whole);
  });

  it('uneven and empty parts give the same checksum', () => {
    const parts: PartRange[] = [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, size - 5],
      [size - 5, size],
      [size, size],
    ];
    expect(checksumOf(workload, size, parts)).toBe(whole);
  });

  it('generates its input from size and seed alone', () => {
    expect(checksumOf(workload, size, [[0, size]], 1)).toBe(whole);
    expect(checksumOf(workload, size, [[0, size]], 2)).not.toBe(whole);
  });

  it('different work gives a different checksum', () => {
    expect(checksumOf(workload, size, [[1, size]])).not.toBe(whole);
  });

  it('its asynchronous form, where it has one, returns the parts run() returns', async (ctx) => {
    if (!workload.runAsync) ctx.skip();
    const parts = partition(size, 3);
    const inputs = pieces(workload, size, parts);
    for (const [i, [s, e]] of parts.entries()) {
      expect(await workload.runAsync?.(s, e, size, inputs[i])).toEqual(workload.run(s, e, size, inputs[i]));
    }
  });

  it('declares sizes from small to large', () => {
    expect(Math.max(...workload.sizes.full)).toBeGreaterThanOrEqual(64 * Math.min(...workload.sizes.full));
  });
});
