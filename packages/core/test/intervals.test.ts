import { describe, expect, it } from 'vitest';
import { formatLevel, ratioInterval, timeInterval } from '../src/intervals.js';
import { MIN_REPETITIONS } from '../src/repetitions.js';
import { studentTCoverage, studentTQuantile, studentTTwoSidedP } from '../src/significance.js';

// Known answers: scipy.stats.t.ppf(0.975, df) for df = 1, 2, 4, 9, 30; t.ppf(0.95, 5).
describe('studentTQuantile', () => {
  it('matches tabulated two-sided quantiles', () => {
    expect(studentTQuantile(0.95, 1)).toBeCloseTo(12.706204736, 7);
    expect(studentTQuantile(0.95, 2)).toBeCloseTo(4.30265273, 8);
    expect(studentTQuantile(0.95, 4)).toBeCloseTo(2.776445105, 8);
    expect(studentTQuantile(0.95, 9)).toBeCloseTo(2.262157163, 8);
    expect(studentTQuantile(0.95, 30)).toBeCloseTo(2.042272456, 8);
    expect(studentTQuantile(0.9, 5)).toBeCloseTo(2.015048373, 8);
  });
  it('inverts the two-sided p-value at fractional degrees of freedom', () => {
    const t = studentTQuantile(0.95, 3.7);
    expect(studentTTwoSidedP(t, 3.7)).toBeCloseTo(0.05, 12);
  });
  it('±1 standard error at one degree of freedom is a 50% interval (Cauchy quartiles)', () => {
    expect(studentTCoverage(1, 1)).toBeCloseTo(0.5, 12);
  });
  it('refuses impossible arguments', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.95, 0)).toThrow(RangeError);
  });
});

describe('timeInterval', () => {
  it('is the t-interval on the logs, centred on the geometric mean', () => {
    // logs: ln 100 + (0, 1, 2) · ln 1.1 -> mean ln 110, s = ln 1.1; half-width t(0.975, 2) · s / √3.
    const { estimate, interval, level, df } = timeInterval([121, 100, 110]);
    const half = (4.30265273 * Math.log(1.1)) / Math.sqrt(3);
    expect(estimate).toBeCloseTo(110, 10);
    expect(interval[0]).toBeCloseTo(110 * Math.exp(-half), 6);
    expect(interval[1]).toBeCloseTo(110 * Math.exp(half), 6);
    expect(level).toBe(0.95);
    expect(df).toBe(2);
  });
  it('with two processes gives [min, max] and says it is a 50% interval', () => {
    const { estimate, interval, level } = timeInterval([100, 121]);
    expect(estimate).toBeCloseTo(110, 10);
    expect(interval[0]).toBeCloseTo(100, 10);
    expect(interval[1]).toBeCloseTo(121, 10);
    expect(level).toBeCloseTo(0.5, 12);
  });
  it('with one process has no interval', () => {
    expect(timeInterval([42])).toEqual({ estimate: 42, interval: [42, 42], level: null, df: null });
  });
  it('honours another confidence when there are enough processes', () => {
    const i90 = timeInterval([100, 104, 98, 101], 0.9);
    const i95 = timeInterval([100, 104, 98, 101], 0.95);
    expect(i90.level).toBe(0.9);
    expect(i90.interval[1] - i90.interval[0]).toBeLessThan(i95.interval[1] - i95.interval[0]);
  });
  it('refuses empty, zero or negative times', () => {
    expect(() => timeInterval([])).toThrow(RangeError);
    expect(() => timeInterval([1, 0])).toThrow(RangeError);
    expect(() => timeInterval([1, -2, 3])).toThrow(RangeError);
  });
});

describe('ratioInterval', () => {
  it('is Welch on the difference of log means, with Welch–Satterthwaite degrees of freedom', () => {
    const num = [200, 210, 190, 205];
    const den = [100, 103, 99];
    const la = num.map(Math.log);
    const lb = den.map(Math.log);
    const m = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = (xs: number[]) => xs.reduce((s, x) => s + (x - m(xs)) ** 2, 0) / (xs.length - 1) / xs.length;
    const se2 = v(la) + v(lb);
    const df = se2 ** 2 / (v(la) ** 2 / 3 + v(lb) ** 2 / 2);
    const half = studentTQuantile(0.95, df) * Math.sqrt(se2);
    const r = ratioInterval(num, den);
    expect(r.estimate).toBeCloseTo(Math.exp(m(la) - m(lb)), 12);
    expect(r.df).toBeCloseTo(df, 10);
    expect(r.interval[0]).toBeCloseTo(Math.exp(m(la) - m(lb) - half), 10);
    expect(r.interval[1]).toBeCloseTo(Math.exp(m(la) - m(lb) + half), 10);
    expect(r.level).toBe(0.95);
    expect(r.pValue).toBeCloseTo(studentTTwoSidedP((m(la) - m(lb)) / Math.sqrt(se2), df), 12);
  });
  it('carries the denominator’s uncertainty: a noisier baseline widens every ratio', () => {
    const cell = [50, 51, 49.5];
    const quiet = ratioInterval([100, 100.5, 99.6], cell);
    const noisy = ratioInterval([100, 106, 95], cell);
    expect(noisy.interval[1] / noisy.interval[0]).toBeGreaterThan(quiet.interval[1] / quiet.interval[0]);
  });
  it('says the level it supports below the nominal process count, and none with a single process', () => {
    expect(MIN_REPETITIONS).toBe(3);
    const two = ratioInterval([200, 210], [100, 103, 99]);
    expect(two.level).toBeGreaterThan(0.5);
    expect(two.level).toBeLessThan(0.95);
    expect(two.level).toBeCloseTo(studentTCoverage(1, two.df as number), 12);
    const one = ratioInterval([200], [100, 103, 99]);
    expect(one.level).toBeNull();
    expect(one.interval).toEqual([one.estimate, one.estimate]);
  });
});

describe('formatLevel', () => {
  it('never rounds a level up', () => {
    expect(formatLevel(0.95)).toBe('95%');
    expect(formatLevel(0.5773)).toBe('57%');
    expect(formatLevel(null)).toBe('no interval');
  });
});
