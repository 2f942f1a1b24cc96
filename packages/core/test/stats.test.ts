import { describe, expect, it } from 'vitest';
import {
  bootstrapMedianInterval,
  bootstrapRatioInterval,
  coefficientOfVariation,
  mean,
  median,
  medianAbsoluteDeviation,
  modifiedZScores,
  percentile,
  percentileOfSorted,
  standardDeviation,
  summarize,
} from '../src/stats.js';
import { timings } from './helpers.js';

// Known answers below come from NumPy 2.4 (python3):
//   a = [3,1,4,1,5,9,2,6]; np.median(a); np.percentile(a, p) (default method 'linear' = type 7); np.std(a, ddof=1)
const A = [3, 1, 4, 1, 5, 9, 2, 6];
const B = [3, 1, 4, 1, 5, 9, 2];

describe('median', () => {
  it('averages the two middle values of an even-length sample', () => {
    expect(median(A)).toBe(3.5);
  });
  it('takes the middle value of an odd-length sample', () => {
    expect(median(B)).toBe(3);
  });
  it('does not reorder its input', () => {
    const copy = A.slice();
    median(copy);
    expect(copy).toEqual(A);
  });
  it('throws on an empty sample', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('percentile (type 7, NumPy default)', () => {
  // np.percentile([3,1,4,1,5,9,2,6], p) for p in 0, 5, 25, 37.5, 50, 90, 95, 100
  const cases: Array<[number, number]> = [
    [0, 1],
    [5, 1],
    [25, 1.75],
    [37.5, 2.625],
    [50, 3.5],
    [90, 6.9],
    [95, 7.95],
    [100, 9],
  ];
  for (const [p, expected] of cases) {
    it(`p${p} = ${expected}`, () => {
      expect(percentile(A, p)).toBeCloseTo(expected, 12);
    });
  }
  it('rejects p outside [0, 100]', () => {
    expect(() => percentile(A, -1)).toThrow(RangeError);
    expect(() => percentile(A, 101)).toThrow(RangeError);
    expect(() => percentile(A, Number.NaN)).toThrow(RangeError);
  });
  it('percentileOfSorted throws on an empty array instead of returning NaN', () => {
    expect(() => percentileOfSorted([], 50)).toThrow(RangeError);
  });
});

describe('mean, standard deviation, coefficient of variation', () => {
  it('sample sd uses n - 1 (textbook set 2,4,4,4,5,5,7,9: population sd 2, sample sd sqrt(32/7))', () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(x)).toBe(5);
    // sum of squared deviations = 32; sqrt(32 / 7) = 2.138089935299395 (np.std(x, ddof=1))
    expect(standardDeviation(x)).toBeCloseTo(2.138089935299395, 13);
    expect(coefficientOfVariation(x)).toBeCloseTo(2.138089935299395 / 5, 13);
  });
  it('matches NumPy on the even and odd samples', () => {
    expect(standardDeviation(A)).toBeCloseTo(2.748376143938713, 13);
    expect(standardDeviation(B)).toBeCloseTo(2.819996622760558, 13);
  });
  it('is 0 for a single value and for constant data', () => {
    expect(standardDeviation([7])).toBe(0);
    expect(standardDeviation([4, 4, 4])).toBe(0);
  });
});

describe('MAD and modified z-scores (Iglewicz & Hoaglin)', () => {
  it('MAD of the even sample: median 3.5, |x - 3.5| = .5 2.5 .5 2.5 1.5 5.5 1.5 2.5 -> median 2', () => {
    expect(medianAbsoluteDeviation(A)).toBe(2);
  });
  it('scores 0.6745 (x - median) / MAD', () => {
    // by hand: (0.6745 * (x - 3.5)) / 2
    const expected = [-0.168625, -0.843125, 0.168625, -0.843125, 0.505875, 1.854875, -0.505875, 0.843125];
    modifiedZScores(A).forEach((z, i) => {
      expect(z).toBeCloseTo(expected[i] as number, 12);
    });
  });
  it('flags a gross outlier above 3.5', () => {
    // [1,2,3,4,100]: median 3, MAD 1, score of 100 = 0.6745 * 97 = 65.4265
    const z = modifiedZScores([1, 2, 3, 4, 100]);
    expect(z).toEqual([-1.349, -0.6745, 0, 0.6745, expect.closeTo(65.4265, 10)]);
    expect(z.filter((s) => Math.abs(s) > 3.5)).toHaveLength(1);
  });
  it('with MAD 0 marks only values off the median, as infinite', () => {
    expect(modifiedZScores([5, 5, 5, 5, 9, 1])).toEqual([
      0,
      0,
      0,
      0,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
  });
});

describe('summarize', () => {
  it('agrees with the individual functions', () => {
    const s = summarize(A);
    expect(s).toMatchObject({ n: 8, mean: 3.875, median: 3.5, min: 1, max: 9, mad: 2 });
    expect(s.p95).toBeCloseTo(7.95, 12);
    expect(s.sd).toBeCloseTo(2.748376143938713, 13);
  });
});

describe('bootstrapMedianInterval', () => {
  const data = timings(11, 25, 100, 0.1);

  it('is deterministic for a seed', () => {
    // (another seed may well give the same interval: with an odd n every resampled median is a data value)
    expect(bootstrapMedianInterval(data, { seed: 7 })).toEqual(bootstrapMedianInterval(data, { seed: 7 }));
  });
  it('contains the sample median and lies within the data range', () => {
    const [lo, hi] = bootstrapMedianInterval(data, { seed: 3 });
    const m = median(data);
    expect(lo).toBeLessThanOrEqual(m);
    expect(hi).toBeGreaterThanOrEqual(m);
    expect(lo).toBeGreaterThanOrEqual(Math.min(...data));
    expect(hi).toBeLessThanOrEqual(Math.max(...data));
    expect(hi).toBeGreaterThan(lo);
  });
  it('has zero width for constant data and for a single value', () => {
    expect(bootstrapMedianInterval([4, 4, 4, 4])).toEqual([4, 4]);
    expect(bootstrapMedianInterval([9])).toEqual([9, 9]);
  });
  it('spans [1, 3] for the sample {1, 3}: resampled medians are 1, 2, 3 with probabilities 1/4, 1/2, 1/4', () => {
    expect(bootstrapMedianInterval([1, 3], { seed: 5 })).toEqual([1, 3]);
    // at 40% confidence the tails (30% each) fall in the middle mass, so the interval collapses to [2, 2]
    expect(bootstrapMedianInterval([1, 3], { seed: 5, confidence: 0.4 })).toEqual([2, 2]);
  });
  it('treats explicitly undefined options as defaults', () => {
    const viaUndefined = bootstrapMedianInterval(data, {
      seed: undefined,
      resamples: undefined,
      confidence: undefined,
    });
    expect(viaUndefined).toEqual(bootstrapMedianInterval(data));
  });
  it('rejects bad options and empty samples', () => {
    expect(() => bootstrapMedianInterval(data, { confidence: 1 })).toThrow(RangeError);
    expect(() => bootstrapMedianInterval(data, { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapMedianInterval([])).toThrow(RangeError);
  });
  it('covers the true median of a normal population in roughly 95% of seeded samples', () => {
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const [lo, hi] = bootstrapMedianInterval(timings(1000 + t, 41, 50, 0.2), { seed: t, resamples: 500 });
      // log-normal noise around 50: the population median is exactly 50
      if (lo <= 50 && 50 <= hi) covered++;
    }
    // binomial(200, 0.95) has sd 3.1 points; percentile bootstrap of a median is slightly liberal at n = 41
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThanOrEqual(1);
  });
});

describe('bootstrapRatioInterval', () => {
  it('is deterministic for a seed', () => {
    const n = timings(1, 20, 1000);
    const d = timings(2, 20, 500);
    expect(bootstrapRatioInterval(n, d, { seed: 4 })).toEqual(bootstrapRatioInterval(n, d, { seed: 4 }));
  });
  it('brackets the true ratio 2 of synthetic serial 1000 ms vs. parallel 500 ms timings', () => {
    const serial = timings(21, 30, 1000, 0.03);
    const parallel = timings(22, 30, 500, 0.03);
    const [lo, hi] = bootstrapRatioInterval(serial, parallel, { seed: 9 });
    expect(lo).toBeLessThan(2);
    expect(hi).toBeGreaterThan(2);
    // 3% noise on 30 samples: the interval is a few percent wide, not arbitrary
    expect(hi - lo).toBeLessThan(0.2);
    const point = median(serial) / median(parallel);
    expect(lo).toBeLessThanOrEqual(point);
    expect(hi).toBeGreaterThanOrEqual(point);
  });
  it('has zero width for constant groups', () => {
    expect(bootstrapRatioInterval([10, 10, 10], [4, 4])).toEqual([2.5, 2.5]);
  });
  it('throws on an empty group', () => {
    expect(() => bootstrapRatioInterval([], [1])).toThrow(RangeError);
    expect(() => bootstrapRatioInterval([1], [])).toThrow(RangeError);
  });
});
