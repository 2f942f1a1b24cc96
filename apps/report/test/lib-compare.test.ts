import { judgeChange } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { ALL_PAIRS_LIMIT, compareCells, comparePairs, previousPair, verdictCounts } from '../src/lib/compare';
import { toRuns } from '../src/lib/load';
import { cell, resultFile } from './support/result';

const at = (id: string, day: number, cpuModel = 'A') => ({
  name: `${id}.json`,
  text: '',
  data: resultFile({
    id,
    cpuModel,
    createdAt: `2025-01-${String(day).padStart(2, '0')}T00:00:00Z`,
    cells: [cell({ strategy: 'serial', workers: 1 })],
  }),
});

describe('comparePairs', () => {
  it('pairs each run with the previous run of the same machine, base always the older run', () => {
    const runs = toRuns([at('a1', 1), at('b1', 2, 'B'), at('a2', 3), at('a3', 4)]);
    const pairs = comparePairs(runs);
    for (const p of pairs) expect(Date.parse(p.base.data.createdAt)).toBeLessThan(Date.parse(p.head.data.createdAt));
    const a3 = runs.find((r) => r.slug === 'a3');
    const a2 = runs.find((r) => r.slug === 'a2');
    expect(previousPair(pairs, a3 as never)).toMatchObject({ base: { slug: 'a2' }, sameMachine: true });
    // a2's previous run overall is on machine B, but the previous same-machine run a1 is preferred.
    expect(previousPair(pairs, a2 as never)).toMatchObject({ base: { slug: 'a1' }, sameMachine: true });
    // With few runs every pair is offered.
    expect(pairs).toHaveLength(6);
    expect(previousPair(pairs, runs.find((r) => r.slug === 'a1') as never)).toBeNull();
  });

  it('offers only consecutive pairs above the limit', () => {
    const many = Array.from({ length: ALL_PAIRS_LIMIT + 2 }, (_, i) => at(`r${i}`, i + 1));
    const pairs = comparePairs(toRuns(many));
    expect(pairs).toHaveLength(many.length - 1);
    expect(pairs[0]).toMatchObject({ base: { slug: `r${many.length - 2}` }, head: { slug: `r${many.length - 1}` } });
  });
});

describe('compareCells', () => {
  it('judges every cell ok on both sides with core’s verdict rule and marks the rest', () => {
    const base = resultFile({
      cells: [
        cell({ strategy: 'serial', workers: 1, median: 100, medians: [100, 101, 99] }),
        cell({ strategy: 'async', workers: 1, median: 100, medians: [100, 101, 99] }),
        cell({ strategy: 'worker-threads', workers: 2, median: 50, medians: [50, 50.5, 49.5] }),
        cell({ strategy: 'cluster', workers: 2, median: 60, medians: [60, 61, 59] }),
        cell({ strategy: 'child-process', workers: 2, median: 60, medians: [60, 61, 59] }),
      ],
    });
    const head = resultFile({
      cells: [
        cell({ strategy: 'serial', workers: 1, median: 80, medians: [80, 81, 79] }),
        cell({ strategy: 'async', workers: 1, median: 101, medians: [101, 102, 100] }),
        cell({ strategy: 'worker-threads', workers: 2, median: 60, medians: [60, 60.5, 59.5] }),
        cell({ strategy: 'cluster', workers: 2, status: 'timeout', median: null, error: 'E_TIMEOUT' }),
        cell({ strategy: 'piscina', workers: 2, median: 40, medians: [40, 41, 39] }),
      ],
    });
    const changes = compareCells(base, head);
    const by = (s: string) => changes.find((c) => c.strategy === s);
    const serial = judgeChange([100, 101, 99], [80, 81, 79]);
    expect(by('serial')).toMatchObject({ verdict: 'faster', changeLevel: 0.95, insufficient: null });
    expect(by('serial')?.change).toBeCloseTo(serial.change, 12);
    expect(by('serial')?.changeLo).toBeCloseTo(serial.changeInterval[0], 12);
    expect(by('serial')?.changeHi).toBeCloseTo(serial.changeInterval[1], 12);
    expect(by('async')).toMatchObject({ verdict: 'no clear change' });
    expect(by('worker-threads')).toMatchObject({ verdict: 'slower' });
    expect(by('cluster')).toMatchObject({
      verdict: 'not comparable',
      change: null,
      head: { status: 'timeout', error: 'E_TIMEOUT' },
    });
    expect(by('child-process')).toMatchObject({ verdict: 'only in base', head: null });
    expect(by('piscina')).toMatchObject({ verdict: 'only in head', base: null });
    expect(verdictCounts(changes)).toEqual({
      faster: 1,
      slower: 1,
      'no clear change': 1,
      'only in base': 1,
      'only in head': 1,
      'not comparable': 1,
    });
  });
});

describe('compareCells without enough processes', () => {
  it('makes no verdict with too few processes, and says why', () => {
    const base = resultFile({ cells: [cell({ strategy: 'serial', workers: 1, median: 100, medians: [100, 101] })] });
    const head = resultFile({ cells: [cell({ strategy: 'serial', workers: 1, median: 150, medians: [150, 151] })] });
    const [c] = compareCells(base, head);
    expect(c).toMatchObject({ verdict: 'no clear change', insufficient: expect.stringMatching(/fewer than 3/) });
    expect(c?.changeLevel).toBeLessThan(0.95);
  });
});
