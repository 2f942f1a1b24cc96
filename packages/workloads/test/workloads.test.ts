/** Any partition of a job combines to exactly the unpartitioned checksum: that is what makes correctness checks exact. */
import { partition, type Workload } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import doMath from '../src/do-math.js';
import primes from '../src/primes.js';

const workloads = [doMath, primes] as Workload[];

function checksumOf(workload: Workload, size: number, parts: [number, number][]): string {
  return workload.checksum(
    workload.combine(
      parts.map(([s, e]) => workload.run(s, e, size)),
      size,
    ),
  );
}

describe.each(workloads.map((w) => [w.id, w] as const))('%s', (_id, workload) => {
  const size = 100_003;
  const whole = checksumOf(workload, size, [[0, size]]);

  it.each([1, 2, 3, 7, 64, 1000])('%i equal parts give the unpartitioned checksum', (count) => {
    expect(checksumOf(workload, size, partition(size, count))).toBe(whole);
  });

  it('uneven parts, empty parts and merged sub-ranges give the same checksum', () => {
    const parts: [number, number][] = [
      [0, 0],
      [0, 17],
      [17, 17],
      [17, 50_000],
      [50_000, size],
    ];
    expect(checksumOf(workload, size, parts)).toBe(whole);
    const merged = workload.merge?.([workload.run(0, 40_000, size), workload.run(40_000, size, size)], size);
    expect(workload.checksum(workload.combine([merged], size))).toBe(whole);
  });

  it('different work gives a different checksum', () => {
    expect(checksumOf(workload, size, [[1000, size]])).not.toBe(whole);
  });

  it('declares quick and full sizes, the full ones reaching at least as far', () => {
    expect(workload.sizes.quick.length).toBeGreaterThan(0);
    expect(Math.max(...workload.sizes.full)).toBeGreaterThanOrEqual(Math.max(...workload.sizes.quick));
  });
});

describe('known answers', () => {
  it('do-math sums |pos - 1e6| exactly, past 2^53', () => {
    // sum_{pos<n} |pos - 1e6| = 1e6(1e6+1)/2 + (n-1e6-1)(n-1e6)/2 for n > 1e6
    const n = 3_000_000;
    const expected = (1_000_000n * 1_000_001n) / 2n + (BigInt(n - 1_000_001) * BigInt(n - 1_000_000)) / 2n;
    expect(doMath.combine([doMath.run(0, n, n)], n).sum).toBe(expected.toString());
    // the carry keeps exactness where a single float accumulator would round (3e8 sums to ~4.5e16 > 2^53)
    const big = 300_000_000;
    const high = doMath.run(big - 1000, big, big);
    const exact = Array.from({ length: 1000 }, (_, i) => BigInt(big - 1000 + i - 1_000_000)).reduce(
      (a, b) => a + b,
      0n,
    );
    expect(doMath.combine([high], big).sum).toBe(exact.toString());
  });

  it('primes counts pi(10^5) = 9592 and pi(10^6) = 78498', () => {
    expect(primes.combine([primes.run(0, 100_000, 100_000)], 100_000)).toBe(9592);
    expect(
      primes.combine(
        partition(1_000_000, 5).map(([s, e]) => primes.run(s, e, 1_000_000)),
        1_000_000,
      ),
    ).toBe(78498);
  });
});
