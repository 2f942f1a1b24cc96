/**
 * A run over several runtimes in the report: one view per workload and runtime (each against that runtime's serial
 * time, its runtime named in every chart's legend), the comparison of one strategy across runtimes, and the
 * runtime × strategy table with the reason of every cell that did not run.
 */
import { describe, expect, it } from 'vitest';
import { runPageCharts, runtimeSpeedupChart } from '../src/lib/charts';
import { compatibility, hasRuntimeComparison, runtimeComparison } from '../src/lib/runtime-comparison';
import { runViews, workloadView } from '../src/lib/view';
import { cell, resultFile } from './support/result';

const node = { name: 'node', version: '20.20.2', engine: 'V8 11.3' };
const deno = { name: 'deno', version: '2.9.6', engine: 'V8 15.0' };
const SKIP = 'tinypool never returns on Deno 2';

const run = resultFile({
  cores: 2,
  cells: [
    cell({ runtime: node, strategy: 'serial', workers: 1, median: 100, speedup: 1, coldMs: 100 }),
    cell({ runtime: node, strategy: 'worker-threads', workers: 2, median: 52, speedup: 1.92, coldMs: 90 }),
    cell({ runtime: node, strategy: 'tinypool', workers: 2, median: 53, speedup: 1.89 }),
    cell({ runtime: deno, strategy: 'serial', workers: 1, median: 120, speedup: 1 }),
    cell({ runtime: deno, strategy: 'worker-threads', workers: 2, median: 63, speedup: 1.9, coldMs: 140 }),
    cell({ runtime: deno, strategy: 'tinypool', workers: 2, status: 'skipped', error: SKIP, median: null }),
  ],
});

describe('a run over several runtimes', () => {
  it('has one view per workload and runtime, each with its own cells and a slug of its own', () => {
    const views = runViews(run);
    expect(views.map((v) => [v.slug, v.title, v.cells.length])).toEqual([
      ['do-math.node-20.20.2', 'do-math title on node 20.20.2', 3],
      ['do-math.deno-2.9.6', 'do-math title on deno 2.9.6', 3],
    ]);
    expect(views[1]?.speedup.map((p) => [p.strategy, p.speedup])).toEqual([
      ['serial', 1],
      ['worker-threads', 1.9],
    ]);
    // A run of one runtime keeps one view per workload, named by the workload alone.
    const single = resultFile({ cores: 2, cells: [cell({ runtime: node, strategy: 'serial', workers: 1 })] });
    expect(runViews(single).map((v) => [v.slug, v.runtime])).toEqual([['do-math', null]]);
    expect(hasRuntimeComparison(single)).toBe(false);
    expect(hasRuntimeComparison(run)).toBe(true);
  });

  it("names the runtime first in every chart's legend of a runtime's view", () => {
    const charts = runPageCharts(workloadView(run, 'do-math', deno));
    for (const chart of Object.values(charts)) {
      if (chart) expect(chart.legend[0]?.label).toBe('runtime: deno 2.9.6 (V8 15.0)');
    }
  });

  it('compares each strategy across the runtimes: speedup, cold start and memory, or the status', () => {
    const comparison = runtimeComparison(run, 'do-math');
    const wt = comparison.points.filter((p) => p.strategy === 'worker-threads');
    expect(wt.map((p) => [p.runtime, p.speedup, p.coldMs])).toEqual([
      ['node 20.20.2', 1.92, 90],
      ['deno 2.9.6', 1.9, 140],
    ]);
    const tinypool = comparison.points.find((p) => p.strategy === 'tinypool' && p.runtime === 'deno 2.9.6');
    expect(tinypool).toMatchObject({ status: 'skipped', error: SKIP, speedup: null });
    const chart = runtimeSpeedupChart(comparison, 2);
    expect(chart.legend.map((l) => l.label).slice(0, 2)).toEqual(['node 20.20.2 (V8 11.3)', 'deno 2.9.6 (V8 15.0)']);
    expect(chart.description).toContain('tinypool on deno 2.9.6 at 1k units (skipped)');
    expect(chart.svg).toContain('<svg');
  });

  it('compares a strategy once per transport where the workload moves data', () => {
    const moved = (runtime: typeof node, transport: 'clone' | 'shared', median: number) => ({
      ...cell({ runtime, workload: 'sha256', strategy: 'worker-threads', workers: 2, median }),
      transport,
    });
    const data = resultFile({
      cores: 2,
      cells: [
        cell({ runtime: node, workload: 'sha256', strategy: 'serial', workers: 1 }),
        cell({ runtime: deno, workload: 'sha256', strategy: 'serial', workers: 1 }),
        moved(node, 'clone', 60),
        moved(node, 'shared', 55),
        moved(deno, 'clone', 70),
        moved(deno, 'shared', 65),
      ],
    });
    const comparison = runtimeComparison(data, 'sha256');
    expect(comparison.series).toEqual(['serial', 'worker-threads · clone', 'worker-threads · shared']);
    expect(
      comparison.points.filter((p) => p.strategy !== 'serial').map((p) => [p.series, p.runtime, p.warmMs]),
    ).toEqual([
      ['worker-threads · clone', 'node 20.20.2', 60],
      ['worker-threads · clone', 'deno 2.9.6', 70],
      ['worker-threads · shared', 'node 20.20.2', 55],
      ['worker-threads · shared', 'deno 2.9.6', 65],
    ]);
  });

  it('tells in one table which strategy ran on which runtime, and why not', () => {
    const table = compatibility(run);
    expect(table.runtimes.map((r) => r.name)).toEqual(['node', 'deno']);
    const tinypool = table.entries.filter((e) => e.strategy === 'tinypool');
    expect(tinypool.map((e) => [e.runtime.name, e.status, e.ok, e.total, e.reason])).toEqual([
      ['node', 'ok', 1, 1, null],
      ['deno', 'skipped', 0, 1, SKIP],
    ]);
  });
});
