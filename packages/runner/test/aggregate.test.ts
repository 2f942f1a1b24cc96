/**
 * From repetitions to a cell's estimate: intervals with the level they really have, speedups whose interval
 * carries the serial baseline's uncertainty, and the flag for a speedup beyond what the cores allow — in the cell's
 * warnings (the result file) and in the terminal summary.
 */
import { DISTURBED_WARNING, type ResultFile } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { aggregateCell, attachSpeedups } from '../src/aggregate.js';
import { summarizeRun } from '../src/summary.js';
import { buildResultFile, repetition } from './result-builder.js';

const key = (strategy: string, workers: number) => ({
  workload: 'do-math',
  size: 1e6,
  strategy,
  workers,
  parts: workers,
});
const reps = (medians: number[]) => medians.map((m, i) => repetition(i, m));
const limits = {
  usableCores: 2,
  parallelism: (id: string) => (id === 'serial' || id === 'async' ? 'none' : 'threads'),
} as const;

describe('aggregateCell', () => {
  it('gives the geometric mean of the per-process medians with a 95% interval from three processes', () => {
    const cell = aggregateCell(key('serial', 1), reps([100, 110, 121]), 'c0ffee');
    expect(cell.wallMs?.median).toBeCloseTo(110, 10);
    expect(cell.wallMs?.ciLevel).toBe(0.95);
    expect(cell.wallMs?.ci95[0]).toBeLessThan(100);
    expect(cell.wallMs?.ci95[1]).toBeGreaterThan(121);
  });
  it('records a 50% level with two processes and no interval with one', () => {
    expect(aggregateCell(key('serial', 1), reps([100, 121]), 'c0ffee').wallMs?.ciLevel).toBeCloseTo(0.5, 12);
    const one = aggregateCell(key('serial', 1), reps([100]), 'c0ffee').wallMs;
    expect(one?.ciLevel).toBeNull();
    expect(one?.ci95).toEqual([100, 100]);
  });
});

describe('attachSpeedups', () => {
  function run(serial: number[], parallel: number[], strategy = 'worker-threads', workers = 2) {
    return attachSpeedups(
      [
        aggregateCell(key('serial', 1), reps(serial), 'c0ffee'),
        aggregateCell(key(strategy, workers), reps(parallel), 'c0ffee'),
      ],
      limits,
    );
  }
  it('serial is 1x exactly; a parallel cell’s interval widens with the baseline’s spread', () => {
    const [serial, quiet] = run([100, 100.5, 99.5], [52, 52.3, 51.7]);
    expect(serial?.speedup).toEqual({ median: 1, ci95: [1, 1], ciLevel: 1 });
    const [, noisy] = run([100, 106, 94], [52, 52.3, 51.7]);
    const width = (c: typeof quiet) => (c?.speedup?.ci95[1] ?? 0) / (c?.speedup?.ci95[0] ?? 1);
    expect(width(noisy)).toBeGreaterThan(width(quiet));
    expect(quiet?.speedup?.ciLevel).toBe(0.95);
    expect(quiet?.warnings).toEqual([]);
  });
  it('flags a cell whose speedup interval lies wholly above min(workers, usable cores) as disturbed', () => {
    // The serial baseline was slowed: 2 workers on 2 cores read 2.06x with a tight interval.
    const [, cell] = run([950, 952, 948], [461, 462, 460]);
    expect(cell?.speedup?.ci95[0]).toBeGreaterThan(2);
    expect(cell?.warnings).toEqual([
      expect.stringMatching(
        /^disturbed measurement: speedup interval \[2\.\d\d×, 2\.\d\d×\] lies wholly above the physical limit of 2×/,
      ),
    ]);
    // Oversubscribed: 4 workers on 2 cores have the same limit of 2.
    expect(run([950, 952, 948], [461, 462, 460], 'cluster', 4)[1]?.warnings[0]).toMatch(DISTURBED_WARNING);
    // Above 2 but an interval that reaches below the limit is not flagged.
    expect(run([950, 990, 910], [461, 480, 445])[1]?.warnings).toEqual([]);
  });
  it('a strategy without parallelism is limited to 1x', () => {
    const [, async] = run([104, 104.2, 103.8], [100, 100.1, 99.9], 'async', 2);
    expect(async?.warnings[0]).toMatch(/physical limit of 1× \(a strategy without parallelism\)/);
  });
  it("async on a kernel with a form on libuv's pool is limited by min(workers, pool, cores), not 1x", () => {
    const cells = (pool: number | null) =>
      attachSpeedups(
        [
          aggregateCell({ ...key('serial', 1), workload: 'sha256' }, reps([200, 200.5, 199.5]), 'c0ffee'),
          aggregateCell({ ...key('async', 2), workload: 'sha256' }, reps([104, 104.2, 103.8]), 'c0ffee'),
        ],
        { ...limits, threadPool: (workload) => (workload === 'sha256' ? pool : null) },
      )[1];
    // 1.92x from one JavaScript thread: libuv's threads hashed in parallel; nothing disturbed.
    expect(cells(4)?.warnings).toEqual([]);
    // A pool of one thread cannot do that: the same numbers are flagged against a limit of 1x.
    expect(cells(1)?.warnings[0]).toMatch(/physical limit of 1×/);
    // A kernel without such a form: the strategy's own limit of 1x.
    expect(cells(null)?.warnings[0]).toMatch(/physical limit of 1× \(a strategy without parallelism\)/);
  });
  it('records the input bytes of a cell with data, and nothing for one without', () => {
    expect(aggregateCell(key('serial', 1), reps([100]), 'c0ffee', 4096).inputBytes).toBe(4096);
    expect('inputBytes' in aggregateCell(key('serial', 1), reps([100]), 'c0ffee')).toBe(false);
  });
  it('one process on a side gives no interval, and so no flag', () => {
    const [, cell] = run([950], [461, 462, 460]);
    expect(cell?.speedup?.ciLevel).toBeNull();
    expect(cell?.warnings).toEqual([]);
  });
});

describe('summarizeRun', () => {
  it('marks disturbed cells, lists them, and states the levels the intervals have', () => {
    const file: ResultFile = buildResultFile({ cells: [{ strategy: 'serial', workers: 1 }] });
    file.config.workloads = ['do-math'];
    file.config.sizes = { 'do-math': [1e6] };
    file.config.strategies = ['serial', 'worker-threads'];
    file.cells = run2();
    const text = summarizeRun(file);
    expect(text).toMatch(/worker-threads +2\.\d+×!/);
    expect(text).toMatch(/1 cell\(s\) marked !: disturbed measurement/);
    expect(text).toMatch(/do-math 1M worker-threads x2: disturbed measurement: speedup interval/);
    expect(text).toMatch(/interval levels — times: 95% \(2 cells\); speedups: 95% \(1 cell\)/);
    expect(text).not.toMatch(/stability warnings/);
  });
  function run2() {
    return attachSpeedups(
      [
        aggregateCell(key('serial', 1), reps([950, 952, 948]), 'c0ffee'),
        aggregateCell(key('worker-threads', 2), reps([461, 462, 460]), 'c0ffee'),
      ],
      limits,
    );
  }
});
