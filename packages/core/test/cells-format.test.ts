import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import { byCellKey, cellIdentity, cellKey, cellLabel, referenceKey } from '../src/index.js';

const {
  formatBytes,
  formatChange,
  formatInterval,
  formatMs,
  formatPercent,
  formatPrecision,
  formatSize,
  formatSpeedup,
  MISSING,
} = core;

const cell = { workload: 'do-math', size: 300_000_000, strategy: 'worker-threads', workers: 2 };

describe('cell identity', () => {
  it('names a cell and its reference by workload, size, strategy and workers only', () => {
    expect(cellKey({ ...cell, parts: 8, status: 'ok' } as typeof cell)).toBe('do-math/300000000/worker-threads/2');
    expect(referenceKey(cell)).toBe('do-math/300000000');
    expect(cellIdentity({ ...cell, parts: 8 } as typeof cell)).toEqual(cell);
    expect(cellLabel(cell)).toBe('do-math 300M worker-threads x2');
  });

  it('tells cells apart that differ in any one field', () => {
    const variants = [cell, { ...cell, size: 3_000 }, { ...cell, strategy: 'serial' }, { ...cell, workers: 3 }];
    expect(new Set(variants.map(cellKey)).size).toBe(4);
    expect(byCellKey([...variants, { ...cell }]).size).toBe(4);
  });

  it('adds the transport only when data moves: cells without data keep the keys of files from before transports', () => {
    const none = { ...cell, transport: 'none' as const };
    expect(cellKey(none)).toBe(cellKey(cell));
    expect(cellLabel(none)).toBe(cellLabel(cell));
    expect(cellIdentity(none)).toEqual(cell);
    const clone = { ...cell, workload: 'sha256', size: 4096, transport: 'clone' as const };
    const shared = { ...clone, transport: 'shared' as const };
    expect(cellKey(clone)).toBe('sha256/4096/worker-threads/2/clone');
    expect(cellLabel(shared)).toBe('sha256 4.1k worker-threads x2 shared');
    expect(cellIdentity({ ...shared, parts: 2 } as typeof shared)).toEqual(shared);
    expect(new Set([clone, shared, { ...clone, transport: undefined }].map(cellKey)).size).toBe(3);
    expect(referenceKey(clone)).toBe(referenceKey(shared));
  });
});

describe('format', () => {
  it('reads the same wherever a number is shown', () => {
    expect([1e6, 3e8, 2e4, 2500, 123_456, 999].map(formatSize)).toEqual([
      '1M',
      '300M',
      '20k',
      '2.5k',
      '123.46k',
      '999',
    ]);
    expect([0, 0.01234, 512.3, 1234, 98_765].map(formatMs)).toEqual([
      '0 ms',
      '0.0123 ms',
      '512 ms',
      '1.23 s',
      '98.8 s',
    ]);
    expect(formatSpeedup(1.956)).toBe('1.96×');
    expect(formatPercent(0.02, 1)).toBe('2.0%');
    expect([0.02, 0.015, 0.0123, 0.01].map(formatPrecision)).toEqual(['±2%', '±1.5%', '±1.23%', '±1%']);
    expect([0.052, -0.1, 0, 1.5, -0.0001].map(formatChange)).toEqual(['+5.2%', '−10.0%', '0.0%', '+150%', '−0.0%']);
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatInterval([1, 2], formatMs)).toBe('1 ms – 2 ms');
  });

  it('writes one mark for every missing value', () => {
    for (const format of [formatMs, formatSpeedup, formatPercent, formatPrecision, formatChange, formatBytes]) {
      expect(format(null)).toBe(MISSING);
      expect(format(undefined)).toBe(MISSING);
      expect(format(Number.NaN)).toBe(MISSING);
    }
    expect(formatInterval(null, formatMs)).toBe(MISSING);
  });
});

describe('public API', () => {
  it('names its exports: the helpers of the statistics stay internal', () => {
    for (const internal of ['logGamma', 'erfc', 'regularizedIncompleteBeta', 'percentileOfSorted', 'describeIssues']) {
      expect(core).not.toHaveProperty(internal);
    }
    expect(core).toHaveProperty('judgeCells');
    expect(core).toHaveProperty('SERIAL_ID', 'serial');
  });
});
