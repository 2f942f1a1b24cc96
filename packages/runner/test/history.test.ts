/**
 * The spread between runs, the runner's side: which earlier result files a run learns it from (history.ts), and
 * what assembling a run beside them does to its file (wider 95% intervals, the same estimates, `betweenRuns`).
 */
import { betweenRunsLine, type ResultFile } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { earlierRuns } from '../src/history.js';
import { summarizeRun } from '../src/summary.js';
import { buildResultFile, type CellSpec, scratch } from './result-builder.js';

/** Six cells of one size; `shift(i)` multiplies cell i's three process medians (a run's offset for that cell). */
function cells(shift: (i: number) => number): CellSpec[] {
  const strategies = ['worker-threads', 'child-process'];
  const specs: CellSpec[] = [{ strategy: 'serial', workers: 1, medians: [20, 20.2, 19.8].map((m) => m * shift(0)) }];
  for (const [s, strategy] of strategies.entries()) {
    for (const workers of [1, 2, 3, 4]) {
      const i = 1 + s * 4 + workers;
      const base = 20 / Math.min(workers, 2);
      specs.push({ strategy, workers, medians: [base, base * 1.01, base / 1.01].map((m) => m * shift(i)) });
    }
  }
  return specs;
}

const first = buildResultFile({ id: 'first', cells: cells(() => 1) });
// The second run agrees within its processes' spread, but each cell moved by ±4% as a whole.
const moved = (i: number) => (i % 2 === 0 ? 1.04 : 1 / 1.04);

describe('earlierRuns', () => {
  it('reads the comparable runs of a directory: same machine, same per-process settings, not the run itself', () => {
    const dir = scratch();
    dir.write('first.json', first);
    dir.write(
      'other-machine.json',
      buildResultFile({ id: 'other-machine', cpuModel: 'Other CPU', cells: cells(() => 1) }),
    );
    dir.write('other-budget.json', buildResultFile({ id: 'other-budget', timeBudgetMs: 500, cells: cells(() => 1) }));
    dir.write('not-a-run.json', '{"hello": "world"}');
    const out = dir.write('current.json', buildResultFile({ id: 'current', cells: cells(() => 1) }));
    const current = buildResultFile({ id: 'current', cells: cells(() => 1) });
    expect(earlierRuns(dir.dir, current, out).map((run) => run.id)).toEqual(['first']);
    expect(earlierRuns(`${dir.dir}/missing`, current, out)).toEqual([]);
  });
});

describe('a run assembled beside an earlier one', () => {
  const alone = buildResultFile({ id: 'second', history: [], cells: cells(moved) });
  const beside = buildResultFile({ id: 'second', history: [first], cells: cells(moved) });
  const pairs = alone.cells.map((cell, i) => [cell, beside.cells[i]] as const);

  it('records the spread between the two runs, and null with no earlier run', () => {
    expect(alone.betweenRuns).toBeNull();
    expect(beside.betweenRuns?.from).toEqual(['first']);
    expect(beside.betweenRuns?.runs).toBe(2);
    // Every cell moved by 4% (log 0.039) while its own standard error is about 0.6%: σ̂ ≈ 0.039 / √2 less a little.
    expect(beside.betweenRuns?.time?.sd).toBeGreaterThan(0.02);
    expect(beside.betweenRuns?.time?.sd).toBeLessThan(0.03);
    expect(beside.betweenRuns?.time?.comparisons).toBe(9);
  });

  it('keeps every estimate and widens every 95% interval', () => {
    for (const [a, b] of pairs) {
      expect(b.wallMs?.median).toBe(a.wallMs?.median);
      expect(b.wallMs?.ci95[0]).toBeLessThan(a.wallMs?.ci95[0] as number);
      expect(b.wallMs?.ci95[1]).toBeGreaterThan(a.wallMs?.ci95[1] as number);
      if (a.strategy === 'serial') continue;
      expect(b.speedup?.median).toBe(a.speedup?.median);
      expect((b.speedup?.ci95[1] as number) - (b.speedup?.ci95[0] as number)).toBeGreaterThan(
        (a.speedup?.ci95[1] as number) - (a.speedup?.ci95[0] as number),
      );
    }
  });

  it('says what its intervals include, at the end of the summary', () => {
    expect(summarizeRun(beside)).toContain(betweenRunsLine(beside.betweenRuns) as string);
    expect(summarizeRun(alone)).toContain('intervals are within this run');
    expect(summarizeRun(first as ResultFile)).not.toContain('spread between runs');
  });
});
