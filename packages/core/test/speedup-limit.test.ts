import { describe, expect, it } from 'vitest';
import { DISTURBED_WARNING, disturbedSpeedupWarning, speedupLimit } from '../src/speedup-limit.js';

describe('speedupLimit', () => {
  it('is min(workers, usable cores), or 1 without parallelism', () => {
    expect(speedupLimit(1, 2)).toBe(1);
    expect(speedupLimit(4, 2, 'processes')).toBe(2);
    expect(speedupLimit(3, 8, 'threads')).toBe(3);
    expect(speedupLimit(4, 8, 'none')).toBe(1);
  });
});

describe('disturbedSpeedupWarning', () => {
  const cell = (lo: number, hi: number, ciLevel: number | null = 0.95) => ({
    workers: 2,
    speedup: { median: (lo + hi) / 2, ci95: [lo, hi] as [number, number], ciLevel },
  });
  it('flags only an interval wholly above the limit', () => {
    expect(disturbedSpeedupWarning(cell(2.01, 2.13), 2)).toMatch(
      new RegExp(
        `^${DISTURBED_WARNING}: speedup interval \\[2\\.01×, 2\\.13×\\] lies wholly above the physical limit of 2×`,
      ),
    );
    expect(disturbedSpeedupWarning(cell(1.99, 2.13), 2)).toBeNull();
    expect(disturbedSpeedupWarning({ ...cell(2.01, 2.13), workers: 3 }, 4)).toBeNull();
    expect(disturbedSpeedupWarning({ workers: 2, speedup: null }, 2)).toBeNull();
  });
  it('does not flag a point without an interval', () => {
    expect(disturbedSpeedupWarning(cell(2.1, 2.1, null), 2)).toBeNull();
  });
});
