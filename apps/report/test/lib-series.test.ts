import { uslSpeedup } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { crossoverMap } from '../src/lib/crossover-map';
import { crossoversAtCores, fittedCurves, modelRows, overheadAtCores } from '../src/lib/models';
import { coldWarm, idealLine, idealTimeVsSize, timeVsSize } from '../src/lib/series';
import { runViews, workersAtCores, workloadsOf, workloadView } from '../src/lib/view';
import { cell, resultFile } from './support/result';

// A 2-core run: serial 100 ms; worker-threads 1.9x at 2 workers; child-process 1.7x at 2 and 1.8x at 4.
const run = resultFile({
  cores: 2,
  cells: [
    cell({ strategy: 'serial', workers: 1, median: 100, speedup: 1 }),
    cell({ strategy: 'worker-threads', workers: 1, median: 102, speedup: 0.98 }),
    cell({ strategy: 'worker-threads', workers: 2, median: 52.6, speedup: 1.9, speedupCi: [1.85, 1.95] }),
    cell({ strategy: 'worker-threads', workers: 4, median: 55, speedup: 1.82 }),
    cell({ strategy: 'child-process', workers: 2, median: 58.8, speedup: 1.7, speedupCi: [1.6, 1.8] }),
    cell({ strategy: 'child-process', workers: 4, median: 55.6, speedup: 1.8, speedupCi: [1.7, 1.88] }),
    cell({ strategy: 'cluster', workers: 2, status: 'failed', error: 'boom', median: null }),
    cell({ strategy: 'cluster', workers: 4, status: 'wrong-result', error: 'bad sum', median: 60 }),
    cell({ size: 10, strategy: 'serial', workers: 1, median: 1, speedup: 1 }),
    cell({ size: 10, strategy: 'worker-threads', workers: 2, median: 2, speedup: 0.5 }),
    cell({ workload: 'primes', strategy: 'worker-threads', workers: 2, median: 5 }),
  ],
});
const doMath = workloadView(run, 'do-math');

describe('speedupSeries', () => {
  it('has one point per ok cell with a speedup, with efficiency = speedup / workers and ideal = min(p, cores)', () => {
    const points = doMath.speedup.filter((p) => p.size === 1000);
    expect(points.map((p) => `${p.strategy}@${p.workers}`)).toEqual([
      'serial@1',
      'worker-threads@1',
      'worker-threads@2',
      'worker-threads@4',
      'child-process@2',
      'child-process@4',
    ]);
    const wt4 = points.find((p) => p.strategy === 'worker-threads' && p.workers === 4);
    expect(wt4).toMatchObject({ speedup: 1.82, ideal: 2, efficiency: 1.82 / 4, ofIdeal: 1.82 / 2 });
    const cp2 = points.find((p) => p.strategy === 'child-process' && p.workers === 2);
    expect(cp2).toMatchObject({ lo: 1.6, hi: 1.8, efficiencyLo: 0.8, efficiencyHi: 0.9 });
  });
});

describe('idealLine', () => {
  it('bends at the core count, adding the knee when it lies between worker counts', () => {
    expect(idealLine([1, 2, 4], 2).map((p) => [p.workers, p.speedup])).toEqual([
      [1, 1],
      [2, 2],
      [4, 2],
    ]);
    expect(idealLine([1, 4, 8], 6).map((p) => [p.workers, p.speedup, p.efficiency])).toEqual([
      [1, 1, 1],
      [4, 4, 1],
      [6, 6, 1],
      [8, 6, 0.75],
    ]);
    expect(idealLine([], 2)).toEqual([]);
  });
});

describe('bestPerSize and headline', () => {
  it('picks the highest median speedup per size and lists strategies whose interval overlaps it', () => {
    const best = doMath.winners;
    expect(best.map((b) => [b.size, b.strategy, b.workers, b.speedup, b.ideal])).toEqual([
      [10, 'serial', 1, 1, 1],
      [1000, 'worker-threads', 2, 1.9, 2],
    ]);
    expect(best[1]?.ofIdeal).toBeCloseTo(0.95);
    // child-process's best (1.8, interval up to 1.88) overlaps worker-threads' interval [1.85, 1.95].
    expect(best[1]?.tiedWith).toEqual(['child-process']);
    expect(best[1]?.medianMs).toBe(52.6);
  });

  it('falls back to the fastest ok cell when there is no speedup (no serial reference)', () => {
    const [primes] = runViews(run).filter((h) => h.workload === 'primes');
    expect(primes?.winners).toEqual([
      expect.objectContaining({ strategy: 'worker-threads', workers: 2, speedup: null, medianMs: 5, ofIdeal: null }),
    ]);
  });

  it('flags exactly one winner per size among the strategy bests', () => {
    const bests = doMath.bests;
    expect(bests.filter((b) => b.winner).map((b) => `${b.size}:${b.strategy}`)).toEqual([
      '10:serial',
      '1000:worker-threads',
    ]);
    expect(bests.find((b) => b.size === 1000 && b.strategy === 'child-process')?.workers).toBe(4);
  });

  it('lists workloads in the order of the run', () => {
    expect(workloadsOf(run)).toEqual(['do-math', 'primes']);
  });
});

describe('problem cells', () => {
  it('returns failed, timeout and wrong-result cells with their errors, never ok or skipped ones', () => {
    expect(doMath.problems).toEqual([
      { strategy: 'cluster', size: 1000, workers: 2, status: 'failed', error: 'boom' },
      { strategy: 'cluster', size: 1000, workers: 4, status: 'wrong-result', error: 'bad sum' },
    ]);
  });
});

describe('charts at the core count', () => {
  it('uses workers = cores, else the largest count below, else the smallest', () => {
    const cells = run.cells;
    expect(workersAtCores(cells, 'worker-threads', 2)).toBe(2);
    expect(workersAtCores(cells, 'serial', 2)).toBe(1);
    expect(workersAtCores(cells, 'worker-threads', 3)).toBe(2);
    expect(workersAtCores(cells, 'child-process', 1)).toBe(2);
    expect(workersAtCores(cells, 'nope', 2)).toBeNull();
  });

  it('time vs size takes ok cells only, with the ideal = serial / cores', () => {
    const points = timeVsSize(doMath);
    expect(points.filter((p) => p.strategy === 'worker-threads').map((p) => [p.size, p.median])).toEqual([
      [10, 2],
      [1000, 52.6],
    ]);
    expect(points.some((p) => p.strategy === 'cluster')).toBe(false);
    expect(idealTimeVsSize(doMath)).toEqual([
      { size: 10, median: 0.5 },
      { size: 1000, median: 50 },
    ]);
  });

  it('cold vs warm pairs the cold time with the warm median', () => {
    const wt = coldWarm(doMath).find((p) => p.strategy === 'worker-threads' && p.size === 1000);
    expect(wt).toEqual({
      strategy: 'worker-threads',
      workers: 2,
      size: 1000,
      coldMs: 105.2,
      warmMs: 52.6,
      startMs: 10,
    });
  });
});

describe('fitted models', () => {
  const insufficient = { status: 'insufficient' as const, reason: 'needs at least 4 distinct worker counts' };
  const withModels = resultFile({
    cores: 2,
    cells: run.cells,
    models: {
      scaling: [
        {
          workload: 'do-math',
          size: 1000,
          strategy: 'worker-threads',
          karpFlatt: [
            { workers: 2, serialFraction: 0.05 },
            { workers: 4, serialFraction: 0.4 },
          ],
          amdahl: { status: 'ok', serialFraction: 0.05, ci95: [0.02, 0.08], rmse: 0.01 },
          usl: insufficient,
          overhead: [
            { workers: 1, startupMs: 10, firstRunExtraMs: 1, computeMs: 100, dispatchMs: 2 },
            { workers: 2, startupMs: 12, firstRunExtraMs: 1, computeMs: 50, dispatchMs: 2.6 },
          ],
        },
      ],
      crossovers: [
        {
          workload: 'do-math',
          strategy: 'worker-threads',
          workers: 2,
          size: 1000,
          estimatedSize: 300,
          holdsAbove: true,
        },
        {
          workload: 'do-math',
          strategy: 'worker-threads',
          workers: 4,
          size: 1000,
          estimatedSize: null,
          holdsAbove: true,
        },
      ],
    },
  });

  it('takes the overhead split at the core count and its share of the warm run', () => {
    const [point] = overheadAtCores(workloadView(withModels, 'do-math'));
    expect(point).toMatchObject({ strategy: 'worker-threads', workers: 2, computeMs: 50, dispatchMs: 2.6 });
    expect(point?.overheadShare).toBeCloseTo(2.6 / 52.6);
    expect(overheadAtCores(doMath)).toEqual([]);
  });

  it('lists model fits with the reason when a fit was not possible, and crossovers at the core count', () => {
    expect(modelRows(workloadView(withModels, 'do-math'))).toEqual([
      {
        strategy: 'worker-threads',
        size: 1000,
        amdahl: { serialFraction: 0.05, ci95: [0.02, 0.08], rmse: 0.01 },
        usl: { reason: 'needs at least 4 distinct worker counts' },
        karpFlatt: { workers: 2, serialFraction: 0.05 },
      },
    ]);
    expect(crossoversAtCores(workloadView(withModels, 'do-math'))).toEqual([
      { strategy: 'worker-threads', workers: 2, size: 1000, estimatedSize: 300, holdsAbove: true },
    ]);
  });
});

describe('crossoverMap', () => {
  const map = crossoverMap(doMath);
  const at = (size: number, workers: number) => map.find((c) => c.size === size && c.workers === workers);

  it('has one cell per worker count and size of the workload', () => {
    expect(map.map((c) => `${c.size}x${c.workers}`)).toEqual(['10x1', '10x2', '10x4', '1000x1', '1000x2', '1000x4']);
  });

  it('picks the highest median speedup, with the margin over the runner-up and the ideal share', () => {
    const cell = at(1000, 2);
    expect(cell?.winner).toMatchObject({ strategy: 'worker-threads', speedup: 1.9, lo: 1.85, hi: 1.95 });
    expect(cell?.runnerUp?.strategy).toBe('child-process');
    expect(cell?.margin).toBeCloseTo(1.9 / 1.7 - 1);
    expect(cell?.tie).toBe(false);
    expect(cell?.tiedWith).toEqual([]);
    expect(cell?.ideal).toBe(2);
    expect(cell?.ofIdeal).toBeCloseTo(0.95);
    // the failed and wrong-result cluster cells never take part
    expect(cell?.ranking.map((e) => e.strategy)).toEqual(['worker-threads', 'child-process', 'serial']);
  });

  it("calls a tie when the winner's interval overlaps the runner-up's", () => {
    // worker-threads 1.82 [1.77, 1.87] vs child-process 1.8 [1.7, 1.88]
    const cell = at(1000, 4);
    expect(cell?.winner?.strategy).toBe('worker-threads');
    expect(cell?.tie).toBe(true);
    expect(cell?.tiedWith).toEqual(['child-process']);
    expect(cell?.margin).toBeCloseTo(1.82 / 1.8 - 1);
    expect(cell?.ofIdeal).toBeCloseTo(0.91);
  });

  it('counts serial as 1.00x in every row, so it wins where every parallel strategy loses', () => {
    const one = at(1000, 1);
    expect(one?.winner?.strategy).toBe('serial');
    expect(one?.runnerUp?.strategy).toBe('worker-threads');
    expect(one?.tie).toBe(true); // serial [0.97, 1.03] vs worker-threads 0.98 [0.95, 1.01]
    const two = at(10, 2);
    expect(two?.winner).toMatchObject({ strategy: 'serial', speedup: 1, workers: 1 });
    expect(two?.runnerUp?.strategy).toBe('worker-threads');
    expect(two?.margin).toBeCloseTo(1);
    expect(two?.tie).toBe(false);
    expect(two?.ofIdeal).toBeCloseTo(0.5);
    const alone = at(10, 4);
    expect(alone?.winner?.strategy).toBe('serial');
    expect(alone).toMatchObject({ runnerUp: null, margin: null, tie: false, tiedWith: [] });
  });

  it('leaves a cell without a winner when nothing has a speedup (no serial reference)', () => {
    expect(crossoverMap(workloadView(run, 'primes'))).toEqual([
      expect.objectContaining({ size: 1000, workers: 2, winner: null, runnerUp: null, margin: null, ofIdeal: null }),
    ]);
  });

  it('breaks an exact tie on the median by the strategy order', () => {
    const even = resultFile({
      cells: [
        cell({ strategy: 'serial', workers: 1, speedup: 1 }),
        cell({ strategy: 'cluster', workers: 2, speedup: 1.5 }),
        cell({ strategy: 'worker-threads', workers: 2, speedup: 1.5 }),
      ],
    });
    const two = crossoverMap(workloadView(even, 'do-math')).find((c) => c.workers === 2);
    expect(two?.winner?.strategy).toBe('worker-threads');
    expect(two?.runnerUp?.strategy).toBe('cluster');
    expect(two?.margin).toBe(0);
    expect(two?.tie).toBe(true);
  });
});

describe('fittedCurves', () => {
  const ok = (f: number) => ({ status: 'ok' as const, serialFraction: f, ci95: null, rmse: 0.02 });
  const usl = (sigma: number, kappa: number) => ({
    status: 'ok' as const,
    sigma,
    kappa,
    peakWorkers: null,
    peakSpeedup: null,
    rmse: 0.03,
  });
  const insufficient = { status: 'insufficient' as const, reason: 'too few points' };
  const scaling = (strategy: string, amdahl: object, fit: object) => ({
    workload: 'do-math',
    size: 1000,
    strategy,
    karpFlatt: [],
    amdahl,
    usl: fit,
    overhead: [],
  });
  const withModels = resultFile({
    cores: 2,
    cells: run.cells,
    models: {
      scaling: [
        scaling('worker-threads', ok(0.05), usl(0.04, 0.01)),
        scaling('child-process', ok(0.1), usl(0.05, 0.02)),
        scaling('cluster', insufficient, insufficient),
      ] as never,
      crossovers: [],
    },
  });
  const curves = fittedCurves(workloadView(withModels, 'do-math'), 10);

  it('evaluates the stored USL parameters over the measured worker counts of the strategy', () => {
    const wt = curves.filter((c) => c.strategy === 'worker-threads' && c.model === 'usl');
    expect(wt[0]).toMatchObject({ workers: 1, size: 1000 });
    expect(wt[0]?.speedup).toBeCloseTo(1);
    expect(wt.at(-1)?.workers).toBe(4);
    for (const point of wt) expect(point.speedup).toBeCloseTo(uslSpeedup(0.04, 0.01, point.workers), 12);
    // the measured worker counts are on the curve
    expect(wt.map((c) => c.workers)).toEqual(expect.arrayContaining([1, 2, 4]));
    const cp = curves.filter((c) => c.strategy === 'child-process' && c.model === 'usl');
    expect([cp[0]?.workers, cp.at(-1)?.workers]).toEqual([2, 4]);
    expect(cp.at(-1)?.speedup).toBeCloseTo(4 / (1 + 0.05 * 3 + 0.02 * 12));
  });

  it('draws Amdahl only up to the usable cores, the range it was fitted over', () => {
    const wt = curves.filter((c) => c.strategy === 'worker-threads' && c.model === 'amdahl');
    expect(wt.length).toBe(11);
    expect(Math.max(...wt.map((c) => c.workers))).toBe(2);
    expect(wt.at(-1)?.speedup).toBeCloseTo(1 / (0.05 + 0.95 / 2));
    // child-process starts at 2 workers = the cores: nothing to draw
    expect(curves.some((c) => c.strategy === 'child-process' && c.model === 'amdahl')).toBe(false);
  });

  it('skips insufficient fits and files without models', () => {
    expect(curves.some((c) => c.strategy === 'cluster')).toBe(false);
    expect(fittedCurves(doMath)).toEqual([]);
  });
});

describe('notRun', () => {
  it('groups skipped cells by strategy and reason, with their sizes', () => {
    const skipped = resultFile({
      cores: 2,
      cells: [
        cell({ strategy: 'serial', workers: 1, median: 100, speedup: 1 }),
        cell({ strategy: 'py', workers: 1, status: 'skipped', error: 'no twin', median: null }),
        cell({ strategy: 'py', workers: 2, status: 'skipped', error: 'no twin', median: null }),
        cell({ size: 10, strategy: 'py', workers: 1, status: 'skipped', error: 'no twin', median: null }),
        cell({ strategy: 'other', workers: 2, status: 'failed', error: 'boom', median: null }),
      ],
    });
    expect(workloadView(skipped, 'do-math').notRun).toEqual([
      { strategy: 'py', reason: 'no twin', sizes: [10, 1000], cells: 3 },
    ]);
    expect(doMath.notRun).toEqual([]);
  });
});
