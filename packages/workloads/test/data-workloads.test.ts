/**
 * The kernels with data: any partition — each part run on its slice of the input, empty parts included — combines
 * to exactly the unpartitioned checksum; the input depends on the size and seed alone; an asynchronous form gives
 * the very parts `run` gives; and different work gives a different checksum.
 */
import { createHash } from 'node:crypto';
import { type PartRange, partition, type Workload } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import blur, { BLUR_WIDTH } from '../src/blur.js';
import { KiB, sha256Hex, sizesFromBytes } from '../src/data.js';
import deflate from '../src/deflate.js';
import jsonRecords from '../src/json-records.js';
import sha256, { SHA256_BLOCK } from '../src/sha256.js';
import sort from '../src/sort.js';

/** Each kernel with a size that is small here but still splits into many uneven parts. */
const kernels: Array<[Workload, number]> = [
  [jsonRecords as Workload, 301],
  [sha256 as Workload, 37],
  [deflate as Workload, 9],
  [blur as Workload, 41],
  [sort as Workload, 5003],
];

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

  it('declares a full size at least as large as its quick one', () => {
    expect(Math.max(...workload.sizes.full)).toBeGreaterThanOrEqual(Math.max(...workload.sizes.quick));
  });
});

describe('known answers', () => {
  it('sha256: each 32-byte digest is the SHA-256 of its 16 KiB block', () => {
    const input = sha256.input(3, 5);
    const digests = sha256.run(0, 3, 3, input);
    const second = createHash('sha256')
      .update(input.subarray(SHA256_BLOCK, 2 * SHA256_BLOCK))
      .digest();
    expect(Buffer.from(digests.subarray(32, 64))).toEqual(second);
  });

  it('deflate: the checksum is that of the text itself, recovered by inflating every stream', () => {
    const text = deflate.input(3, 5);
    const result = deflate.combine([deflate.run(0, 3, 3, text)], 3);
    expect(deflate.checksum(result)).toBe(`streams=3 inflated sha256=${sha256Hex(text)}`);
    expect(result.data.byteLength).toBeLessThan(text.byteLength / 2);
  });

  it('blur: a flat image stays flat, and one bright pixel spreads as the 5×5 binomial kernel', () => {
    const rows = 7;
    const image = new Uint8Array(rows * BLUR_WIDTH * 4).fill(90);
    const flat = blur.run(0, rows, rows, { pixels: image, first: 0 });
    expect(flat.every((v) => v === 90)).toBe(true);
    image.fill(0);
    const centre = (3 * BLUR_WIDTH + 10) * 4;
    image[centre] = 256 - 1;
    const spread = blur.run(0, rows, rows, { pixels: image, first: 0 });
    // weight 36/256 at the centre, 6/256 two columns away, 1/256 in the corner: 255 * w / 256, rounded
    expect(spread[centre]).toBe(Math.round((255 * 36) / 256));
    expect(spread[centre + 2 * 4]).toBe(Math.round((255 * 6) / 256));
    expect(spread[centre - (2 * BLUR_WIDTH + 2) * 4]).toBe(Math.round(255 / 256));
  });

  it('sort: the merged result is the input in ascending order', () => {
    const values = sort.input(1000, 3);
    const parts = partition(1000, 7).map(([s, e]) => sort.run(s, e, 1000, values.subarray(s, e)));
    const merged = sort.combine(parts, 1000);
    expect(Array.from(merged)).toEqual(Array.from(values).sort((a, b) => a - b));
  });

  it('json-records: every output record is the transform of its input record', () => {
    const input = jsonRecords.input(50, 3);
    const output = new TextDecoder()
      .decode(jsonRecords.run(0, 50, 50, input.text))
      .trim()
      .split('\n');
    const orders = new TextDecoder()
      .decode(input.text)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(output).toHaveLength(50);
    output.forEach((line, i) => {
      const record = JSON.parse(line);
      const order = orders[i];
      const cents = order.items.reduce(
        (sum: number, it: { cents: number; quantity: number }) => sum + it.cents * it.quantity,
        0,
      );
      expect(record).toMatchObject({ id: i, totalCents: cents, domain: order.customer.email.split('@')[1] });
      expect(record.total).toBe((cents / 100).toFixed(2));
    });
  });
});

describe('sizes declared as bytes of input', () => {
  it('come out as the whole units the presets run: 4 and 16 MiB of blocks, 4 MiB of chunks, 1 MiB of rows', () => {
    expect(sha256.sizes).toEqual({ quick: [256], full: [1024] });
    expect(deflate.sizes).toEqual({ quick: [64], full: [64] });
    expect(blur.sizes).toEqual({ quick: [512], full: [512] });
  });

  it('refuse a byte count that is not a whole number of units', () => {
    expect(() => sizesFromBytes(16 * KiB, { quick: [16 * KiB], full: [1000] })).toThrow(
      /1000 bytes is not a whole number of 16384-byte units/,
    );
  });
});
