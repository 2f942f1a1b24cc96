import { describe, expect, it } from 'vitest';
import { crossoverMap } from '../src/lib/crossover-map';
import { best, byRank, overlaps } from '../src/lib/ranking';
import { workloadView } from '../src/lib/view';
import { cell, resultFile } from './support/result';

const order = ['serial', 'worker-threads', 'cluster'];

/** A run of one workload and size from [strategy, workers, speedup] triples (speedup null: no serial reference). */
function runOf(points: Array<[string, number, number | null]>) {
  return resultFile({
    cells: points.map(([strategy, workers, speedup]) => cell({ strategy, workers, speedup, median: 50 })),
  });
}

describe('the one ranking rule', () => {
  it('puts the better median first, then fewer workers, then the fixed strategy order', () => {
    const rank = byRank<{ strategy: string; workers: number; v: number }>((c) => c.v, 'higher', order);
    const ranked = [
      { strategy: 'cluster', workers: 2, v: 1.5 },
      { strategy: 'worker-threads', workers: 4, v: 1.5 },
      { strategy: 'unknown', workers: 2, v: 1.5 },
      { strategy: 'worker-threads', workers: 2, v: 1.5 },
      { strategy: 'serial', workers: 1, v: 1.6 },
    ].sort(rank);
    expect(ranked.map((c) => `${c.strategy}@${c.workers}`)).toEqual([
      'serial@1',
      'worker-threads@2',
      'cluster@2',
      'unknown@2',
      'worker-threads@4',
    ]);
    const fastest = best(
      [
        { strategy: 'cluster', workers: 2, v: 10 },
        { strategy: 'worker-threads', workers: 2, v: 9 },
      ],
      byRank((c) => c.v, 'lower', order),
    );
    expect(fastest?.strategy).toBe('worker-threads');
    expect(best([], rank)).toBeNull();
  });

  it('calls two candidates a tie when their intervals share a value, whichever is higher', () => {
    expect(overlaps({ lo: 1, hi: 2 }, { lo: 2, hi: 3 })).toBe(true);
    expect(overlaps({ lo: 2, hi: 3 }, { lo: 1, hi: 2 })).toBe(true);
    expect(overlaps({ lo: 1, hi: 1.9 }, { lo: 2, hi: 3 })).toBe(false);
    expect(overlaps({ lo: 2.1, hi: 3 }, { lo: 1, hi: 2 })).toBe(false);
  });
});

describe('winners of a workload', () => {
  // worker-threads reaches 1.5x at 4 workers, cluster the same median at 2: the same speedup for half the workers.
  const even = runOf([
    ['serial', 1, 1],
    ['worker-threads', 2, 1.2],
    ['worker-threads', 4, 1.5],
    ['cluster', 2, 1.5],
    ['cluster', 4, 1.4],
  ]);
  const view = workloadView(even, 'do-math');

  it('are the same in the headline, the best-speedup bars and the speedup chart on an exact tie', () => {
    expect(view.winners.map((w) => `${w.strategy}@${w.workers}`)).toEqual(['cluster@2']);
    expect(view.bests.filter((b) => b.winner).map((b) => `${b.strategy}@${b.workers}`)).toEqual(['cluster@2']);
    expect(view.winners[0]?.tiedWith).toEqual(['worker-threads']);
  });

  it('go to the fastest cell by the same rule when there is no serial reference', () => {
    // every cell takes 50 ms
    const noSerial = runOf([
      ['cluster', 2, null],
      ['worker-threads', 4, null],
      ['worker-threads', 2, null],
    ]);
    const [winner] = workloadView(noSerial, 'do-math').winners;
    expect(winner).toMatchObject({ strategy: 'worker-threads', workers: 2, speedup: null, medianMs: 50 });
  });

  it('of a crossover map square follow the same rule (serial counts at its own worker count)', () => {
    const two = crossoverMap(view).find((c) => c.workers === 2);
    expect(two?.ranking.map((e) => e.strategy)).toEqual(['cluster', 'worker-threads', 'serial']);
  });
});
