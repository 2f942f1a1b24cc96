import { describe, expect, it } from 'vitest';
import { ratioInterval } from '../src/intervals.js';
import { createRandom } from '../src/random.js';
import { repetitionMedians } from '../src/repetitions.js';
import type { Cell } from '../src/schema.js';
import { DEFAULT_VERDICT_SETTINGS, describeVerdictRule, judgeCells, judgeChange } from '../src/verdict.js';
import { gaussian, machineNoise, simulateCell } from './cell-simulation.js';

describe('judgeChange', () => {
  it('calls slower only when the whole interval of the change lies above the noise threshold', () => {
    const base = [100, 101, 99];
    const slower = judgeChange(base, [110, 111, 109]);
    expect(slower.verdict).toBe('slower');
    expect(slower.changeInterval[0]).toBeGreaterThan(0.02);
    expect(slower.change).toBeCloseTo(ratioInterval([110, 111, 109], base).estimate - 1, 12);
    expect(slower.processes).toEqual([3, 3]);
    expect(slower.insufficient).toBeNull();
    expect(judgeChange([110, 111, 109], base).verdict).toBe('faster');
  });
  it('a significant change that may be smaller than the threshold is no clear change', () => {
    const v = judgeChange([100, 100.1, 99.9], [101.5, 101.6, 101.4]);
    expect(v.pValue).toBeLessThan(0.05); // significant...
    expect(v.changeInterval[0]).toBeLessThan(0.02); // ...but not surely beyond 2%
    expect(v.verdict).toBe('no clear change');
    expect(judgeChange([100, 100.1, 99.9], [101.5, 101.6, 101.4], { noise: 0.005, alpha: 0.05 }).verdict).toBe(
      'slower',
    );
  });
  it('makes no verdict with fewer than three ok processes on a side, however large the change', () => {
    const v = judgeChange([100, 101], [200, 201, 199]);
    expect(v.verdict).toBe('no clear change');
    expect(v.insufficient).toMatch(/fewer than 3 ok processes/);
    expect(v.level).toBeLessThan(0.95);
    expect(judgeChange([100], [200, 201, 199]).level).toBeNull();
  });
  it('refuses bad settings', () => {
    expect(() => judgeChange([1, 2, 3], [1, 2, 3], { noise: -1, alpha: 0.05 })).toThrow(RangeError);
    expect(() => judgeChange([1, 2, 3], [1, 2, 3], { noise: 0.02, alpha: 1 })).toThrow(RangeError);
  });
  it('states the rule with the settings in it', () => {
    expect(describeVerdictRule(DEFAULT_VERDICT_SETTINGS)).toMatch(/95% interval .* beyond ±2%/);
    expect(describeVerdictRule({ noise: 0.05, alpha: 0.01 })).toMatch(/99% interval .* beyond ±5%/);
  });
});

describe('judgeCells', () => {
  const cell = (medians: (number | null)[], status: Cell['status'] = 'ok') =>
    ({
      status,
      repetitions: medians.map((m, index) => ({ index, status: m === null ? 'failed' : 'ok', medianMs: m })),
    }) as unknown as Cell;
  it('judges the per-process medians of ok repetitions only', () => {
    expect(repetitionMedians(cell([100, null, 102, 98]).repetitions)).toEqual([100, 102, 98]);
    expect(judgeCells(cell([100, null, 101, 99]), cell([120, 121, 119])).verdict).toBe('slower');
  });
});

/**
 * Calibration on simulated pairs of runs (cell-simulation.ts, this machine's noise) with, in addition, a drift of
 * the whole machine between the two runs (sd 1%), which no interval inside one run can see.
 */
describe('verdict calibration (seeded simulation)', () => {
  const TRIALS = 2000;
  function rates(processes: number, seed: number): { falseAlarm: number; detected: number } {
    const random = createRandom(seed);
    let falseAlarm = 0;
    let detected = 0;
    for (let t = 0; t < TRIALS; t++) {
      const drift = Math.exp(0.01 * gaussian(random));
      const baseNoise = machineNoise(random);
      const headNoise = machineNoise(random);
      const base = simulateCell(random, processes, 100, baseNoise);
      const same = simulateCell(random, processes, 100 * drift, headNoise);
      const slower = simulateCell(random, processes, 115 * drift, headNoise);
      if (judgeChange(base, same).verdict !== 'no clear change') falseAlarm++;
      if (judgeChange(base, slower).verdict === 'slower') detected++;
    }
    return { falseAlarm: falseAlarm / TRIALS, detected: detected / TRIALS };
  }
  it('an A/A pair is flagged in far fewer than 1 in 20 cells, a 15% slowdown in most, at 3 processes', () => {
    const { falseAlarm, detected } = rates(3, 31);
    expect(falseAlarm).toBeLessThanOrEqual(0.05);
    expect(detected).toBeGreaterThanOrEqual(0.8);
  });
  it('with 5 processes a 15% slowdown is flagged in nearly every cell', () => {
    const { falseAlarm, detected } = rates(5, 35);
    expect(falseAlarm).toBeLessThanOrEqual(0.05);
    expect(detected).toBeGreaterThanOrEqual(0.97);
  });
});
