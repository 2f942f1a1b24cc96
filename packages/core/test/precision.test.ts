import { describe, expect, it } from 'vitest';
import { timeInterval } from '../src/intervals.js';
import { nextStep, relativeHalfWidth, targetFor } from '../src/precision.js';

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
