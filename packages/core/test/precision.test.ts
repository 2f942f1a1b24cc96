import { describe, expect, it } from 'vitest';
import { timeInterval } from '../src/intervals.js';
import { maxRepetitionsFor, nextStep, precisionSettings, relativeHalfWidth, targetFor } from '../src/precision.js';

const settings = { precision: 0.02, minRepetitions: 3, maxRepetitions: 6 };

describe('relativeHalfWidth', () => {
  it('is the upper end of the 95% interval over the estimate, minus 1', () => {
    const medians = [100, 101, 99.5, 100.4];
    const { estimate, interval } = timeInterval(medians);
    expect(relativeHalfWidth(medians)).toBeCloseTo(interval[1] / estimate - 1, 12);
  });
  it('is null below three processes', () => {
    expect(relativeHalfWidth([100, 101])).toBeNull();
  });
});

describe('nextStep', () => {
  it('asks for the minimum first, then stops when precise', () => {
    expect(nextStep('worker-threads', 2, [100, 100.1], settings)).toBe('more');
    expect(nextStep('worker-threads', 3, [100, 100.1, 99.9], settings)).toBe('precision reached');
  });
  it('asks for more while the interval is wider than the target, up to the maximum', () => {
    expect(nextStep('worker-threads', 3, [100, 103, 97], settings)).toBe('more');
    expect(nextStep('worker-threads', 6, [100, 103, 97, 102, 98, 101], settings)).toBe('max repetitions');
  });
  it('holds the serial baseline to half the target', () => {
    expect(targetFor('serial', 0.02)).toBe(0.01);
    const medians = [100, 101.5, 98.5, 100.8, 99.2];
    const width = relativeHalfWidth(medians) as number;
    expect(width).toBeGreaterThan(0.01);
    expect(width).toBeLessThan(0.02);
    expect(nextStep('cluster', 5, medians, settings)).toBe('precision reached');
    expect(nextStep('serial', 5, medians, settings)).toBe('more');
  });
  it('stops a cell with a repetition that was not ok', () => {
    expect(nextStep('worker-threads', 3, [100, 101], settings)).toBeNull();
  });
});

describe('the serial baseline', () => {
  it('may get twice the maximum of repetitions', () => {
    const wide = [100, 103, 97, 102, 98, 101];
    expect(maxRepetitionsFor('serial', 6)).toBe(12);
    expect(maxRepetitionsFor('cluster', 6)).toBe(6);
    expect(nextStep('serial', 6, wide, settings)).toBe('more');
    expect(nextStep('serial', 12, [...wide, ...wide], settings)).toBe('max repetitions');
  });
});

describe('precisionSettings', () => {
  const base = {
    preset: 'full',
    workloads: [],
    sizes: {},
    strategies: [],
    workers: [1],
    repetitions: 3,
    partsPerWorker: 1,
    timeoutSec: null,
    seed: 1,
    warmupIterations: 3,
    minIterations: 5,
    timeBudgetMs: 500,
  } as const;
  it('is null for a run with a fixed number of repetitions, old files included', () => {
    expect(precisionSettings(base)).toBeNull();
    expect(precisionSettings({ ...base, precision: null })).toBeNull();
  });
  it('takes the minimum from repetitions, and never a maximum below it', () => {
    expect(precisionSettings({ ...base, precision: 0.02, maxRepetitions: 10 })).toEqual({
      precision: 0.02,
      minRepetitions: 3,
      maxRepetitions: 10,
    });
    expect(precisionSettings({ ...base, precision: 0.02 })?.maxRepetitions).toBe(3);
  });
});

describe('what a target costs (the numbers in docs/statistics.md)', () => {
  /** n per-process medians whose logs have exactly the standard deviation `spread`. */
  function medians(n: number, spread: number): number[] {
    const raw = Array.from({ length: n }, (_, i) => i - (n - 1) / 2);
    const sd = Math.sqrt(raw.reduce((sum, x) => sum + x * x, 0) / (n - 1));
    return raw.map((x) => 100 * Math.exp((spread * x) / sd));
  }
  /** The fewest processes whose interval is within the target at this spread. */
  function processesFor(spread: number, target: number): number {
    for (let n = 3; ; n++) {
      if ((relativeHalfWidth(medians(n, spread)) as number) <= target) return n;
    }
  }
  it('±2% takes 4 processes at a spread of 1%, 7 at 2%, 19 at 4%; ±1% takes 7 at 1%', () => {
    expect([0.01, 0.02, 0.04].map((spread) => processesFor(spread, 0.02))).toEqual([4, 7, 19]);
    expect(processesFor(0.01, 0.01)).toBe(7);
  });
});
