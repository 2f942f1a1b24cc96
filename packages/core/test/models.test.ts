import { describe, expect, it } from 'vitest';
import {
  type AmdahlFit,
  amdahlSpeedup,
  crossoverSize,
  efficiency,
  fitAmdahl,
  fitUsl,
  karpFlatt,
  overheadSplit,
  type SpeedupPoint,
  speedup,
  type UslFit,
  uslSpeedup,
} from '../src/index.js';

function ok<T extends { status: string }>(fit: T | { status: 'insufficient'; reason: string }): T {
  if (fit.status !== 'ok') throw new Error(`expected a fit, got ${JSON.stringify(fit)}`);
  return fit as T;
}

describe('speedup and efficiency', () => {
  it('S = T_serial / T_p and E = S / p', () => {
    expect(speedup(1000, 250)).toBe(4);
    expect(speedup(1000, 537.6)).toBeCloseTo(1.86, 3); // the design doc's 1.86x at 2 workers
    expect(efficiency(4, 8)).toBe(0.5);
    expect(efficiency(1.86, 2)).toBeCloseTo(0.93, 15);
  });
  it('rejects zero, negative and non-finite inputs', () => {
    expect(() => speedup(0, 1)).toThrow(RangeError);
    expect(() => speedup(1, Number.NaN)).toThrow(RangeError);
    expect(() => efficiency(2, 0)).toThrow(RangeError);
  });
});

describe('karpFlatt', () => {
  // Quinn, Parallel Programming in C with MPI and OpenMP (2004), §7.5 examples; exact values by python3:
  // (1/S - 1/p) / (1 - 1/p) for p = 2..8.
  it('constant e of about 0.1 for S = 1.82, 2.50, 3.08, 3.57, 4.00, 4.38, 4.71 (Amdahl-like program)', () => {
    const s = [1.82, 2.5, 3.08, 3.57, 4.0, 4.38, 4.71];
    const expected = [
      0.09890109890109877, 0.10000000000000005, 0.09956709956709957, 0.10014005602240895, 0.1, 0.09969558599695588,
      0.09978768577494693,
    ];
    s.forEach((value, i) => {
      expect(karpFlatt(value, i + 2)).toBeCloseTo(expected[i] as number, 14);
    });
  });
  it('rising e for S = 1.87, 2.61, 3.23, 3.73, 4.14, 4.46, 4.71 (overhead grows with p)', () => {
    const s = [1.87, 2.61, 3.23, 3.73, 4.14, 4.46, 4.71];
    const expected = [
      0.06951871657753994, 0.07471264367816095, 0.07946336429308569, 0.08512064343163539, 0.08985507246376814,
      0.09491778774289986, 0.09978768577494693,
    ];
    const e = s.map((value, i) => karpFlatt(value, i + 2) as number);
    e.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i] as number, 14);
    });
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThan(e[i - 1] as number);
  });
  it('is 0 for linear speedup, 1 for no speedup, null at p = 1', () => {
    expect(karpFlatt(4, 4)).toBe(0);
    expect(karpFlatt(1, 4)).toBe(1);
    expect(karpFlatt(1, 1)).toBeNull();
  });
});

describe('amdahlSpeedup and uslSpeedup', () => {
  it('Amdahl: f = 0.05 at p = 20 gives 1 / (0.05 + 0.95/20) = 1 / 0.0975; the limit is 1/f', () => {
    expect(amdahlSpeedup(0.05, 20)).toBeCloseTo(10.256410256410255, 13);
    expect(amdahlSpeedup(0.05, 1e12)).toBeCloseTo(20, 6);
    expect(amdahlSpeedup(0, 8)).toBe(8);
    expect(amdahlSpeedup(0.3, 1)).toBe(1);
  });
  it('USL: σ = κ = 0 is linear, κ = 0 is Amdahl with f = σ', () => {
    expect(uslSpeedup(0, 0, 16)).toBe(16);
    expect(uslSpeedup(0.1, 0, 8)).toBeCloseTo(amdahlSpeedup(0.1, 8), 14);
    // p / (1 + 0.05 (p - 1) + 0.002 p (p - 1)) at p = 8: 8 / (1 + 0.35 + 0.112) = 8 / 1.462
    expect(uslSpeedup(0.05, 0.002, 8)).toBeCloseTo(8 / 1.462, 14);
  });
});

describe('fitAmdahl', () => {
  it('recovers f exactly from noiseless Amdahl data, with a zero-width interval and zero residuals', () => {
    const points: SpeedupPoint[] = [1, 2, 4, 8, 16].map((p) => ({ workers: p, speedup: amdahlSpeedup(0.1, p) }));
    const fit = ok<AmdahlFit>(fitAmdahl(points, { seed: 1, resamples: 300 }));
    expect(fit.serialFraction).toBeCloseTo(0.1, 9);
    expect(fit.rmse).toBeLessThan(1e-9);
    expect(fit.intervalMethod).toBe('points');
    expect(fit.ci?.[0]).toBeCloseTo(0.1, 9);
    expect(fit.ci?.[1]).toBeCloseTo(0.1, 9);
    expect(fit.predict(32)).toBeCloseTo(amdahlSpeedup(0.1, 32), 8);
  });
  it('matches SciPy on noisy points', () => {
    // scipy.optimize.minimize_scalar(lambda f: sum((S - 1/(f + (1-f)/p))**2), bounds=(0, 1), method='bounded',
    // options={'xatol': 1e-14}) on p = [1,2,4,8,16], S = [1.0,1.9,3.3,5.2,7.1] -> f = 0.08206118710691793,
    // rmse 0.07757888513420146; residuals [0, 0.0516757, 0.0902000, 0.1187906, -0.0719361]
    const p = [1, 2, 4, 8, 16];
    const s = [1.0, 1.9, 3.3, 5.2, 7.1];
    const fit = ok<AmdahlFit>(fitAmdahl(p.map((workers, i) => ({ workers, speedup: s[i] as number }))));
    expect(fit.serialFraction).toBeCloseTo(0.08206118710691793, 9);
    expect(fit.rmse).toBeCloseTo(0.07757888513420146, 9);
    expect(fit.residuals[0]).toBe(0);
    expect(fit.residuals[4]).toBeCloseTo(-0.07193612092663937, 8);
    const [lo, hi] = fit.ci as [number, number];
    expect(lo).toBeLessThan(fit.serialFraction);
    expect(hi).toBeGreaterThan(fit.serialFraction);
  });
  it('uses per-point intervals when every point has one, and they bracket the true f', () => {
    // speedups on the f = 0.1 curve, each with a ±3% interval
    const points: SpeedupPoint[] = [2, 4, 8].map((p) => {
      const s = amdahlSpeedup(0.1, p);
      return { workers: p, speedup: s, ci95: [s * 0.97, s * 1.03] };
    });
    const fit = ok<AmdahlFit>(fitAmdahl(points, { seed: 2, resamples: 500 }));
    expect(fit.intervalMethod).toBe('point-intervals');
    const [lo, hi] = fit.ci as [number, number];
    expect(lo).toBeLessThan(0.1);
    expect(hi).toBeGreaterThan(0.1);
    // ±3% on S moves f by a few hundredths at these p, not by tenths
    expect(hi - lo).toBeLessThan(0.06);
    expect(fitAmdahl(points, { seed: 2, resamples: 500 })).toMatchObject({ ci: fit.ci }); // seeded
    // zero-width point intervals give a zero-width interval of f
    const exact = points.map((point) => ({ ...point, ci95: [point.speedup, point.speedup] as [number, number] }));
    const tight = ok<AmdahlFit>(fitAmdahl(exact, { resamples: 100 }));
    expect((tight.ci as [number, number])[1] - (tight.ci as [number, number])[0]).toBeLessThan(1e-9);
  });
  it('covers the true f in most seeded synthetic experiments (case bootstrap)', () => {
    let covered = 0;
    const trials = 60;
    let state = 12345;
    const noise = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return (state / 2147483648 - 0.5) * 0.06; // uniform ±3%
    };
    for (let t = 0; t < trials; t++) {
      const points = [2, 3, 4, 6, 8, 12, 16].map((p) => ({
        workers: p,
        speedup: amdahlSpeedup(0.15, p) * (1 + noise()),
      }));
      const fit = ok<AmdahlFit>(fitAmdahl(points, { seed: t, resamples: 300 }));
      const [lo, hi] = fit.ci as [number, number];
      if (lo <= 0.15 && 0.15 <= hi) covered++;
    }
    // case bootstrap with 7 points is known to undercover somewhat; it must still cover most of the time
    expect(covered / trials).toBeGreaterThan(0.75);
  });
  it('clamps superlinear data at f = 0', () => {
    const fit = ok<AmdahlFit>(
      fitAmdahl([
        { workers: 2, speedup: 2.1 },
        { workers: 4, speedup: 4.3 },
      ]),
    );
    expect(fit.serialFraction).toBeLessThan(1e-9);
  });
  it('gives no interval from a single informative point without its own interval', () => {
    const fit = ok<AmdahlFit>(
      fitAmdahl([
        { workers: 1, speedup: 1 },
        { workers: 2, speedup: 1.8 },
      ]),
    );
    // one point determines f: 1/1.8 = f + (1 - f)/2 -> f = 2/1.8 - 1 = 0.1111...
    expect(fit.serialFraction).toBeCloseTo(2 / 1.8 - 1, 9);
    expect(fit.ci).toBeNull();
  });
  it('is insufficient with only p = 1 points', () => {
    expect(fitAmdahl([{ workers: 1, speedup: 0.98 }])).toMatchObject({ status: 'insufficient' });
    expect(fitAmdahl([])).toMatchObject({ status: 'insufficient' });
  });
});

describe('fitUsl', () => {
  const p = [1, 2, 4, 8, 16, 32];

  it('recovers σ = 0.05, κ = 0.002 from noiseless data; p* = √(0.95 / 0.002) = 21.7945', () => {
    const fit = ok<UslFit>(fitUsl(p.map((workers) => ({ workers, speedup: uslSpeedup(0.05, 0.002, workers) }))));
    expect(fit.sigma).toBeCloseTo(0.05, 12);
    expect(fit.kappa).toBeCloseTo(0.002, 12);
    expect(fit.peakWorkers).toBeCloseTo(21.794494717703365, 9);
    expect(fit.peakSpeedup).toBeCloseTo(7.3976546206218785, 9);
    expect(fit.rmse).toBeLessThan(1e-12);
  });
  it('matches scipy.optimize.nnls on the linearised noisy data', () => {
    // A = [p-1, p(p-1)], y = p/S - 1; scipy.optimize.nnls(A, y) -> σ = 0.07141857764352129, κ = 0.0023208058305207047
    // p* = 20.002790755581735; rmse in speedup units 0.010882752327751329
    const s = [1.0, 1.85, 3.2, 4.9, 6.1, 5.8];
    const fit = ok<UslFit>(fitUsl(p.map((workers, i) => ({ workers, speedup: s[i] as number }))));
    expect(fit.sigma).toBeCloseTo(0.07141857764352129, 12);
    expect(fit.kappa).toBeCloseTo(0.0023208058305207047, 14);
    expect(fit.peakWorkers).toBeCloseTo(20.002790755581735, 8);
    expect(fit.rmse).toBeCloseTo(0.010882752327751329, 10);
    expect(fit.predict(64)).toBeLessThan(fit.predict(20));
  });
  it('clamps a negative κ to 0 and refits σ alone (NNLS boundary), leaving no peak', () => {
    // unconstrained least squares gives σ = 0.3428, κ = -0.00097; nnls -> σ = 0.3158411423471664, κ = 0
    const s = [1.0, 1.5, 2.0, 2.4, 2.7, 3.0];
    const fit = ok<UslFit>(fitUsl(p.map((workers, i) => ({ workers, speedup: s[i] as number }))));
    expect(fit.kappa).toBe(0);
    expect(fit.sigma).toBeCloseTo(0.3158411423471664, 12);
    expect(fit.peakWorkers).toBeNull();
    expect(fit.peakSpeedup).toBeNull();
  });
  it('fits near-linear data with small coefficients (nnls: σ = 0.0048173, κ = 0.00054469)', () => {
    const s = [1.0, 2.05, 4.1, 7.6, 13.0, 19.0];
    const fit = ok<UslFit>(fitUsl(p.map((workers, i) => ({ workers, speedup: s[i] as number }))));
    expect(fit.sigma).toBeCloseTo(0.004817320809116319, 12);
    expect(fit.kappa).toBeCloseTo(0.000544688644902534, 14);
  });
  it('clamps both coefficients to 0 for superlinear data', () => {
    const fit = ok<UslFit>(fitUsl([1, 2, 4, 8].map((workers) => ({ workers, speedup: workers * 1.1 }))));
    expect(fit.sigma).toBe(0);
    expect(fit.kappa).toBe(0);
    expect(fit.peakWorkers).toBeNull();
  });
  it('puts the peak at 1 worker when contention alone makes parallelism a loss (σ >= 1)', () => {
    const fit = ok<UslFit>(
      fitUsl([1, 2, 3, 4].map((workers) => ({ workers, speedup: uslSpeedup(1.5, 0.01, workers) }))),
    );
    expect(fit.sigma).toBeCloseTo(1.5, 10);
    expect(fit.peakWorkers).toBe(1);
    expect(fit.peakSpeedup).toBeCloseTo(1, 12);
  });
  it('is insufficient with fewer than 4 distinct worker counts', () => {
    const three = [1, 2, 4, 4, 2].map((workers) => ({ workers, speedup: uslSpeedup(0.05, 0.002, workers) }));
    const result = fitUsl(three);
    expect(result.status).toBe('insufficient');
    expect(result).toHaveProperty('reason', expect.stringContaining('4 distinct'));
  });
});

describe('overheadSplit', () => {
  it('splits a cell by hand: serial 1000 ms, 2 workers warm 540 ms, start 50 ms, cold 640 ms', () => {
    // compute = 1000 / 2 = 500; dispatch = 540 - 500 = 40; first-run extra = 640 - 50 - 540 = 50
    expect(overheadSplit({ serialMs: 1000, warmMs: 540, workers: 2, startMs: 50, coldMs: 640 })).toEqual({
      startupMs: 50,
      firstRunExtraMs: 50,
      computeMs: 500,
      movementMs: null,
      dispatchMs: 40,
    });
  });
  it('takes the data-movement time, per worker, out of dispatch, never more than the run costs beyond compute', () => {
    // 2 workers moved data for 30 ms in all: 15 ms of the 40 ms beyond compute; the other 25 ms stay dispatch
    expect(
      overheadSplit({ serialMs: 1000, warmMs: 540, workers: 2, startMs: 50, coldMs: 640, movementMs: 30 }),
    ).toEqual({ startupMs: 50, firstRunExtraMs: 50, computeMs: 500, movementMs: 15, dispatchMs: 25 });
    // movement measured as 200 ms (100 per worker) but only 40 ms are beyond compute: movement 40, dispatch 0
    expect(
      overheadSplit({ serialMs: 1000, warmMs: 540, workers: 2, startMs: 50, coldMs: 640, movementMs: 200 }),
    ).toMatchObject({ movementMs: 40, dispatchMs: 0 });
  });
  it('floors dispatch and first-run extra at 0 and passes missing measurements through as null', () => {
    // superlinear (cache) run: warm 240 < 1000 / 4; cold - start - warm = 300 - 80 - 240 < 0
    expect(overheadSplit({ serialMs: 1000, warmMs: 240, workers: 4, startMs: 80, coldMs: 300 })).toEqual({
      startupMs: 80,
      firstRunExtraMs: 0,
      computeMs: 250,
      movementMs: null,
      dispatchMs: 0,
    });
    expect(overheadSplit({ serialMs: 1000, warmMs: 600, workers: 2, startMs: null, coldMs: 700 })).toMatchObject({
      startupMs: null,
      firstRunExtraMs: null,
    });
  });
});

describe('crossoverSize', () => {
  // serial: 1 ms per unit; strategy: 100 ms fixed + 0.5 ms per unit -> true break-even 100 + s/2 = s at s = 200
  const sizes = [10, 100, 1000, 10000];
  const serial = sizes.map((size) => ({ size, timeMs: size }));
  const parallel = sizes.map((size) => ({ size, timeMs: 100 + size / 2 }));

  it('finds the first winning size and a log-log break-even estimate', () => {
    // ratio 1.5 at 100 and 0.6 at 1000: log10 s* = 2 + log 1.5 / (log 1.5 - log 0.6) -> s* = 277.01740035088375
    const c = crossoverSize(parallel, serial);
    expect(c).not.toBeNull();
    expect(c?.size).toBe(1000);
    expect(c?.estimatedSize).toBeCloseTo(277.01740035088375, 9);
    expect(c?.holdsAbove).toBe(true);
  });
  it('estimates the exact crossing when both series are power laws', () => {
    // serial t = s, strategy t = 10 s^0.5 (straight lines on log-log axes): they cross at s = 100
    const sz = [1, 10, 1000, 1e5];
    const c = crossoverSize(
      sz.map((size) => ({ size, timeMs: 10 * Math.sqrt(size) })),
      sz.map((size) => ({ size, timeMs: size })),
    );
    expect(c?.size).toBe(1000);
    expect(c?.estimatedSize).toBeCloseTo(100, 9);
  });
  it('has no estimate when the strategy already wins at the smallest size, and null when it never wins', () => {
    const c = crossoverSize(
      sizes.map((size) => ({ size, timeMs: size / 2 })),
      serial,
    );
    expect(c).toEqual({ size: 10, estimatedSize: null, holdsAbove: true });
    expect(crossoverSize(serial, serial)).toBeNull(); // equal is not faster
  });
  it('compares only sizes present in both series, in size order, and reports a win that does not hold', () => {
    const c = crossoverSize(
      [
        { size: 5000, timeMs: 6000 }, // loses again at 5000
        { size: 1000, timeMs: 900 },
        { size: 100, timeMs: 150 },
        { size: 7, timeMs: 1 }, // no serial time at 7: ignored
      ],
      [...serial, { size: 5000, timeMs: 5000 }],
    );
    expect(c?.size).toBe(1000);
    expect(c?.holdsAbove).toBe(false);
  });
  it('rejects two times for one size', () => {
    expect(() =>
      crossoverSize(
        [
          { size: 1, timeMs: 1 },
          { size: 1, timeMs: 2 },
        ],
        serial,
      ),
    ).toThrow(RangeError);
  });
});
