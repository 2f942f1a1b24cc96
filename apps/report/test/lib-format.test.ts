import { formatBytes, formatChange, formatMs, formatPercent, formatSize, formatSpeedup } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { logTicks } from '../src/lib/charts';
import { formatDate } from '../src/lib/format';
import { routes, withBase } from '../src/lib/paths';

describe('format', () => {
  it('formats sizes, times, ratios and bytes deterministically', () => {
    expect([1e6, 1e7, 3e8, 2e5, 2500, 999].map(formatSize)).toEqual(['1M', '10M', '300M', '200k', '2.5k', '999']);
    expect([0.01234, 3.556, 512.3, 1002.9, 12345].map(formatMs)).toEqual([
      '0.0123 ms',
      '3.56 ms',
      '512 ms',
      '1 s',
      '12.3 s',
    ]);
    expect(formatMs(null)).toBe('—');
    expect(formatSpeedup(1.8634)).toBe('1.86×');
    expect(formatPercent(0.934)).toBe('93%');
    expect(formatChange(0.052)).toBe('+5.2%');
    expect(formatChange(-0.1)).toBe('−10.0%');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MiB');
    expect(formatDate('2025-11-20T09:30:00.000Z')).toBe('2025-11-20 09:30 UTC');
  });
});

describe('withBase', () => {
  it('prefixes site paths with the base, with or without a trailing slash', () => {
    expect(withBase('/', routes.index())).toBe('/');
    expect(withBase('/coresweep/', routes.run('r1'))).toBe('/coresweep/runs/r1/');
    expect(withBase('/coresweep', routes.workload('r1', 'do-math'))).toBe('/coresweep/runs/r1/do-math/');
    expect(withBase('/a/b/', routes.csv('r1'))).toBe('/a/b/data/r1.csv');
    expect(withBase('/a/', routes.compare('x', 'y'))).toBe('/a/compare/x/y/');
  });
});

describe('logTicks', () => {
  it('uses 1-2-5 steps when few, powers of ten when many, and stays within the data', () => {
    expect(logTicks([3, 40])).toEqual([5, 10, 20]);
    expect(logTicks([0.05, 4000])).toEqual([0.1, 1, 10, 100, 1000]);
    expect(logTicks([7, 8])).toEqual([7, 8]);
    expect(logTicks([])).toEqual([]);
  });
});
