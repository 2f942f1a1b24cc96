import { describe, expect, it } from 'vitest';
import {
  erfc,
  logGamma,
  mannWhitneyU,
  normalSurvival,
  regularizedIncompleteBeta,
  studentTTwoSidedP,
  welchTTest,
} from '../src/significance.js';

// Reference values from SciPy 1.17 (python3): scipy.special.gammaln / betainc / erfc, scipy.stats.norm.sf,
// 2 * scipy.stats.t.sf(t, df), scipy.stats.mannwhitneyu, scipy.stats.ttest_ind(equal_var=False).
// Where a value can also be derived by hand, the derivation is given.

describe('logGamma', () => {
  it('matches ln Γ at tabulated points', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14); // Γ(1/2) = √π
    expect(logGamma(1.5)).toBeCloseTo(-0.12078223763524526, 14); // Γ(3/2) = √π / 2
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12); // Γ(10) = 9!
    expect(logGamma(100.5)).toBeCloseTo(361.43554046777757, 10);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 13); // Γ(0.1) = 9.513507698668732
  });
  it('rejects x <= 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('I_x(1, 1) = x and I_0.4(2, 3) = Σ_{j=2..4} C(4,j) 0.4^j 0.6^(4-j) = 0.5248', () => {
    expect(regularizedIncompleteBeta(0.7, 1, 1)).toBeCloseTo(0.7, 14);
    expect(regularizedIncompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 14);
  });
  it('I_x(1/2, 1/2) = (2/π) asin √x (arcsine distribution)', () => {
    expect(regularizedIncompleteBeta(0.3, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(0.3)), 13);
    expect(regularizedIncompleteBeta(0.3, 0.5, 0.5)).toBeCloseTo(0.36901011956554536, 13);
  });
  it('matches SciPy betainc across shapes, including both sides of the symmetry switch', () => {
    const cases: Array<[x: number, a: number, b: number, expected: number]> = [
      [0.9, 5, 0.5, 0.3166429150200122],
      [0.5, 10, 10, 0.5],
      [0.01, 0.5, 50, 0.6826956021258024],
      [0.33, 100, 200, 0.45661816333399713],
      [0.999, 2.5, 0.5, 0.9463423453081866],
    ];
    for (const [x, a, b, expected] of cases) {
      expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(expected, 12);
    }
  });
  it('is 0 and 1 at the ends and rejects bad arguments', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedIncompleteBeta(1.1, 2, 3)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 3)).toThrow(RangeError);
  });
});

describe('erfc and the normal tail', () => {
  it('matches tabulated erfc, with relative accuracy in the far tail', () => {
    const cases: Array<[number, number]> = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028516],
      [1.96, 0.005573724535172135],
      [3, 2.2090496998585445e-5],
      [5, 1.5374597944280347e-12],
      [8, 1.1224297172982928e-29],
    ];
    for (const [x, expected] of cases) {
      expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-12);
    }
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028516, 14);
  });
  it('P(Z > 1.96) = 0.025 and P(Z > 0) = 1/2', () => {
    expect(normalSurvival(0)).toBeCloseTo(0.5, 15);
    expect(normalSurvival(1.96)).toBeCloseTo(0.024997895148220435, 14);
    expect(normalSurvival(-1)).toBeCloseTo(1 - 0.15865525393145707, 14);
  });
});

describe('studentTTwoSidedP', () => {
  it('df = 1 is the Cauchy distribution: P(|T| >= 1) = 1/2', () => {
    expect(studentTTwoSidedP(1, 1)).toBeCloseTo(0.5, 14);
  });
  it('df = 2 has a closed form: P(|T| >= t) = 1 - t / √(t² + 2)', () => {
    expect(studentTTwoSidedP(10, 2)).toBeCloseTo(1 - 10 / Math.sqrt(102), 14);
  });
  it('matches the t table and SciPy, fractional df included', () => {
    expect(studentTTwoSidedP(2.228, 10)).toBeCloseTo(0.05001177181711132, 12); // t_{0.975, 10} = 2.228
    expect(studentTTwoSidedP(2, 5)).toBeCloseTo(0.10193947882985835, 13);
    expect(studentTTwoSidedP(0.5, 3.7)).toBeCloseTo(0.6453356333199318, 13);
    expect(studentTTwoSidedP(4, 28.3)).toBeCloseTo(0.0004139453974754772, 15);
    expect(studentTTwoSidedP(1.96, 1e4)).toBeCloseTo(0.05002352023183303, 12);
  });
  it('is symmetric in t, 1 at t = 0 and 0 at infinity', () => {
    expect(studentTTwoSidedP(-2, 5)).toBe(studentTTwoSidedP(2, 5));
    expect(studentTTwoSidedP(0, 5)).toBe(1);
    expect(studentTTwoSidedP(Number.POSITIVE_INFINITY, 5)).toBe(0);
  });
});

describe('mannWhitneyU', () => {
  const x = [19, 22, 16, 29, 24];
  const y = [20, 11, 17, 12];

  it('exact: U = 17 of 20 pairs; P(U >= 17) = P(U <= 3) = 7 / C(9,4) = 7/126, two-sided 14/126', () => {
    // Arrangements with U <= 3 are partitions of 0..3 into at most 4 parts of size <= 5: 1 + 1 + 2 + 3 = 7.
    const r = mannWhitneyU(x, y, { method: 'exact' });
    expect(r.u).toBe(17);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(14 / 126, 14);
    expect(mannWhitneyU(x, y).method).toBe('exact'); // auto: no ties, small samples
  });
  it('exact p is the same whichever sample comes first', () => {
    const r = mannWhitneyU(y, x, { method: 'exact' });
    expect(r.u).toBe(3);
    expect(r.pValue).toBeCloseTo(14 / 126, 14);
  });
  it('normal approximation with continuity correction matches SciPy', () => {
    const r = mannWhitneyU(x, y, { method: 'normal' });
    expect(r.u).toBe(17);
    expect(r.pValue).toBeCloseTo(0.11134688653314041, 13);
    expect(r.z).toBeGreaterThan(0);
  });
  it('exact p matches SciPy for 7 vs 8 and 20 vs 25 values', () => {
    const a = [1.1, 2.3, 3.5, 4.2, 5.9, 6.1, 7.7];
    const b = [0.5, 0.9, 1.2, 1.8, 2.0, 2.8, 3.1, 3.3];
    const r = mannWhitneyU(a, b);
    expect(r.u).toBe(47);
    expect(r.pValue).toBeCloseTo(0.028904428904428903, 14);
    const big = mannWhitneyU(SAMPLE_A, SAMPLE_B, { method: 'exact' });
    expect(big.u).toBe(141);
    expect(big.pValue).toBeCloseTo(0.012165728674965317, 13);
    expect(mannWhitneyU(SAMPLE_A, SAMPLE_B, { method: 'normal' }).pValue).toBeCloseTo(0.013200467848508767, 13);
  });
  it('corrects for ties (mid-ranks, Σ(t³ - t)) with and without continuity correction', () => {
    const a = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6];
    const b = [2, 3, 4, 4, 5, 6, 6, 7, 7, 8, 9];
    const r = mannWhitneyU(a, b);
    expect(r.method).toBe('normal'); // ties force the approximation
    expect(r.u).toBe(23.5);
    expect(r.pValue).toBeCloseTo(0.027640884214298913, 13);
    expect(mannWhitneyU(a, b, { continuity: false }).pValue).toBeCloseTo(0.025229689908452892, 13);
    expect(() => mannWhitneyU(a, b, { method: 'exact' })).toThrow(RangeError);
  });
  it('gives p = 1 when every value is tied, and rejects empty samples', () => {
    expect(mannWhitneyU([3, 3], [3, 3, 3]).pValue).toBe(1);
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
  });
});

describe('welchTTest', () => {
  it("reproduces the Wikipedia example of Welch's t-test (t = -2.46, df = 24.99, p = 0.021)", () => {
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const r = welchTTest(a1, a2);
    expect(r.t).toBeCloseTo(-2.455356398286006, 12);
    expect(r.df).toBeCloseTo(24.988529290231416, 10);
    expect(r.pValue).toBeCloseTo(0.021378001462866992, 13);
    expect(r.meanDifference).toBeLessThan(0);
  });
  it('matches SciPy on small and unequal samples', () => {
    const r = welchTTest([19, 22, 16, 29, 24], [20, 11, 17, 12]);
    expect(r.t).toBeCloseTo(2.2831482556870477, 12);
    expect(r.df).toBeCloseTo(6.928837482846501, 11);
    expect(r.pValue).toBeCloseTo(0.05675092592187574, 13);
    const big = welchTTest(SAMPLE_A, SAMPLE_B);
    expect(big.t).toBeCloseTo(-1.8687021442793668, 12);
    expect(big.df).toBeCloseTo(36.364252630388236, 10);
    expect(big.pValue).toBeCloseTo(0.06973630742989255, 13);
  });
  it('degenerates cleanly for constant samples and rejects n < 2', () => {
    expect(welchTTest([5, 5], [5, 5, 5])).toMatchObject({ t: 0, pValue: 1 });
    expect(welchTTest([6, 6], [5, 5, 5])).toMatchObject({ t: Number.POSITIVE_INFINITY, pValue: 0 });
    expect(() => welchTTest([1], [1, 2])).toThrow(RangeError);
  });
});

// np.round(np.random.default_rng(3).normal(10, 2, 20), 6) and .normal(11, 2, 25) drawn next from the same generator
const SAMPLE_A = [
  14.081838, 4.88867, 10.836198, 8.864461, 9.094701, 9.568806, 5.960028, 9.536135, 8.269574, 16.645999, 10.451573,
  9.294738, 9.437425, 8.663907, 7.889699, 9.218398, 10.963891, 9.522893, 11.915517, 9.600396,
];
const SAMPLE_B = [
  11.048519, 14.091642, 12.090211, 9.989543, 10.634322, 12.08105, 14.870176, 10.460759, 10.512883, 13.004627, 9.22708,
  10.41656, 12.765078, 12.1607, 11.183033, 12.340209, 5.343675, 13.042614, 9.08071, 7.66276, 11.552892, 12.40109,
  10.110465, 8.847188, 11.05225,
];
