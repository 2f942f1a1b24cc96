/**
 * The forecast's probe on a busy machine: one run preempted by the scheduler must not turn a linear workload into a
 * quadratic one and a forecast of minutes into one of days (which refuses the run without --yes). A virtual clock
 * stands in for time, so nothing here depends on the machine.
 */
import type { Workload } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { probeCost } from '../src/estimate.js';

/** A workload that costs 1 µs per unit on a virtual clock; the runs listed in `preempted` lose 50 ms each. */
function linearWorkload(preempted: number[]): { workload: Workload; now: () => number } {
  let time = 0;
  let calls = 0;
  const workload = {
    id: 'linear',
    title: 'linear',
    description: 'linear',
    sizes: { quick: [1], full: [1] },
    run(start: number, end: number) {
      time += (end - start) * 0.001 + (preempted.includes(calls++) ? 50 : 0);
      return 0;
    },
    combine: () => 0,
    checksum: () => '0',
  } satisfies Workload<number, number>;
  return { workload, now: () => time };
}

describe('probeCost', () => {
  it('fits a linear cost', () => {
    const { workload, now } = linearWorkload([]);
    expect(probeCost(workload, 20, 1 << 24, now)(10_000_000)).toBeCloseTo(10_000, 6);
  });

  it('is not thrown off by a run the scheduler preempted', () => {
    for (const preempted of [[0], [1], [3], [4]]) {
      const { workload, now } = linearWorkload(preempted);
      const predicted = probeCost(workload, 20, 1 << 24, now)(10_000_000);
      expect(predicted, `preempted run ${preempted}`).toBeCloseTo(10_000, 6);
    }
  });
});
