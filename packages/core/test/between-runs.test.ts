/**
 * The spread between runs, proven by simulation: runs of the same 26 cells on one machine, each run with a shift of
 * the whole machine and an offset of every cell of its own (magnitudes as measured between back-to-back runs on the
 * development VM: 1–3% common, 2–3% per cell), and in each run 3, 5 or 10 processes a cell with the within-run noise
 * of cell-simulation.ts. The last run's intervals, widened by the spread measured over all the runs, must cover the
 * cells' true times and speedups in 93–97% of cases; the within-run intervals alone must not.
 */
import { describe, expect, it } from 'vitest';
import {
  betweenRunSpread,
  logSpeedup,
  logTime,
  spreadOver,
  widenedInterval,
  withBetweenRunSpread,
} from '../src/between-runs.js';
import { ratioInterval, timeInterval } from '../src/intervals.js';
import { createRandom, type Random } from '../src/random.js';
import type { Cell } from '../src/schema.js';
import { gaussian, machineNoise, simulateCell } from './cell-simulation.js';

const COMMON_SD = 0.02;
const CELL_SD = 0.025;
const SIZES = [1_000_000, 10_000_000];
const STRATEGIES = ['async', 'worker-threads', 'child-process'];
const WORKERS = [1, 2, 3, 4];

interface SimCell {
  size: number;
  strategy: string;
  workers: number;
  /** True warm time (ms). */
  truth: number;
}

/** 2 sizes x (serial + 3 strategies x 4 worker counts) = 26 cells with true times. */
function matrix(): SimCell[] {
  const cells: SimCell[] = [];
  for (const size of SIZES) {
    const serialMs = size / 50_000;
    cells.push({ size, strategy: 'serial', workers: 1, truth: serialMs });
    for (const strategy of STRATEGIES) {
      for (const workers of WORKERS) cells.push({ size, strategy, workers, truth: serialMs / Math.min(workers, 2) });
    }
  }
  return cells;
}

/** A cell of the result file with just what the estimates read: identity, status, its processes' medians. */
function asCell(sim: SimCell, medians: number[]): Cell {
  return {
    workload: 'do-math',
    size: sim.size,
    strategy: sim.strategy,
    workers: sim.workers,
    status: 'ok',
    repetitions: medians.map((medianMs, index) => ({ index, status: 'ok', medianMs })),
  } as unknown as Cell;
}

/** One run: every cell's processes, with the run's machine-wide shift and each cell's own offset. */
function simulateRun(
  random: Random,
  cells: readonly SimCell[],
  processes: number,
): { medians: number[][]; cells: Cell[] } {
  const shift = COMMON_SD * gaussian(random);
  const medians = cells.map((sim) => {
    const offset = shift + CELL_SD * gaussian(random);
    return simulateCell(random, processes, sim.truth * Math.exp(offset), machineNoise(random));
  });
  return { medians, cells: cells.map((sim, i) => asCell(sim, medians[i] as number[])) };
}

interface Coverage {
  widened: { time: number; speedup: number };
  within: { time: number; speedup: number };
}

/** Coverage of the last of `runs` runs' intervals over `trials` simulated series of runs. */
function coverage(runs: number, processes: number, seed: number, trials: number): Coverage {
  const random = createRandom(seed);
  const sims = matrix();
  const serialIndex = new Map(
    SIZES.map((size) => [size, sims.findIndex((s) => s.size === size && s.strategy === 'serial')]),
  );
  const count = { wt: 0, ws: 0, it: 0, is: 0, time: 0, speedup: 0 };
  for (let t = 0; t < trials; t++) {
    const series = Array.from({ length: runs }, (_, r) => ({
      id: `run-${r}`,
      ...simulateRun(random, sims, processes),
    }));
    const last = series[runs - 1] as (typeof series)[number];
    const spread = betweenRunSpread(series, last.id);
    const widened = withBetweenRunSpread(
      last.cells.map(
        (cell, i) =>
          ({
            ...cell,
            wallMs: { ciLevel: 0.95, ci95: timeInterval(last.medians[i] as number[]).interval },
            speedup: null,
          }) as unknown as Cell,
      ),
      spread,
    );
    for (const [i, sim] of sims.entries()) {
      const own = last.medians[i] as number[];
      const time = spread?.time ? widenedInterval(logTime(own)!, spread.time) : timeInterval(own).interval;
      count.time++;
      if (time[0] <= sim.truth && sim.truth <= time[1]) count.wt++;
      const within = timeInterval(own).interval;
      if (within[0] <= sim.truth && sim.truth <= within[1]) count.it++;
      // withBetweenRunSpread widens the file's intervals the same way.
      expect((widened[i] as Cell).wallMs?.ci95).toEqual(time);
      if (sim.strategy === 'serial') continue;
      const serial = last.medians[serialIndex.get(sim.size) as number] as number[];
      const truth = (sims[serialIndex.get(sim.size) as number] as SimCell).truth / sim.truth;
      const ratio = spread?.speedup
        ? widenedInterval(logSpeedup(serial, own)!, spread.speedup)
        : ratioInterval(serial, own).interval;
      count.speedup++;
      if (ratio[0] <= truth && truth <= ratio[1]) count.ws++;
      const plain = ratioInterval(serial, own).interval;
      if (plain[0] <= truth && truth <= plain[1]) count.is++;
    }
  }
  return {
    widened: { time: count.wt / count.time, speedup: count.ws / count.speedup },
    within: { time: count.it / count.time, speedup: count.is / count.speedup },
  };
}

describe('intervals widened by the spread between runs', () => {
  for (const [runs, processes] of [
    [2, 5],
    [3, 3],
    [3, 5],
    [3, 10],
    [5, 5],
  ] as const) {
    it(`cover the truth in 93–97% of cells over ${runs} runs of ${processes} processes a cell; within-run ones do not`, () => {
      const got = coverage(runs, processes, 20261203 + runs * 100 + processes, 300);
      expect(got.widened.time).toBeGreaterThanOrEqual(0.93);
      expect(got.widened.time).toBeLessThanOrEqual(0.97);
      expect(got.widened.speedup).toBeGreaterThanOrEqual(0.93);
      expect(got.widened.speedup).toBeLessThanOrEqual(0.97);
      expect(got.within.time).toBeLessThan(0.93);
    });
  }
});

describe('spreadOver', () => {
  it('is 0 for runs that agree as closely as their own intervals predict, and needs five comparisons', () => {
    const run = new Map([...Array(5).keys()].map((k) => [`c${k}`, { mean: 0, variance: 1e-4, df: 2 }]));
    expect(spreadOver([run, run])).toEqual({ sd: 0, df: 5, comparisons: 5 });
    const four = new Map([...run].slice(0, 4));
    expect(spreadOver([four, four])).toBeNull();
  });

  it('recovers a known spread from differences: d² − v₁ − v₂ averaged, halved', () => {
    const a = new Map([...Array(6).keys()].map((k) => [`c${k}`, { mean: 0, variance: 0.0001, df: 4 }]));
    // Every difference is 0.05 and each side's variance 0.0001: σ² = (0.0025 − 0.0002) / 2.
    const b = new Map(
      [...Array(6).keys()].map((k) => [`c${k}`, { mean: k % 2 ? 0.05 : -0.05, variance: 0.0001, df: 4 }]),
    );
    expect(spreadOver([a, b])?.sd).toBeCloseTo(Math.sqrt(0.00115), 10);
  });

  it('leaves cells without a 95% interval as they were', () => {
    const cell = {
      ...asCell({ size: 1, strategy: 'async', workers: 1, truth: 1 }, [1, 1.1]),
      wallMs: { ciLevel: 0.5, ci95: [1, 1.1] },
    } as unknown as Cell;
    const spread = { runs: 2, from: ['a'], time: { sd: 0.1, df: 10, comparisons: 10 }, speedup: null };
    expect(withBetweenRunSpread([cell], spread)[0]?.wallMs).toEqual(cell.wallMs);
  });
});
