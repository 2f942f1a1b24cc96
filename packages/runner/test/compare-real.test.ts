/**
 * compare and export on a result file written by a real `coresweep run` (small: two cells, three repetitions),
 * so the commands are checked against what the runner really produces, not only against the synthetic builder.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, runArgs } from './helpers.js';
import { scratch } from './result-builder.js';

describe('compare and export on a real run', () => {
  const { dir } = scratch();
  const file = join(dir, 'real.json');

  it('a run compared with itself is unchanged everywhere, and every export format parses', async () => {
    const run = await cli(
      runArgs({
        workloads: 'do-math',
        sizes: 1000000,
        strategies: 'serial,worker-threads',
        workers: 1,
        repetitions: 3,
        seed: 7,
        out: file,
      }),
    );
    expect(run.exitCode, run.all).toBe(0);

    // Identical inputs: every ratio is exactly 1, so even --fail-above 0 must pass.
    const same = await cli(['compare', file, file, '--fail-above', '0']);
    expect(same.exitCode, same.all).toBe(0);
    expect(same.stdout).toMatch(/0 slower, 0 faster, 2 no clear change of 2 compared cells/);
    expect(same.stdout).not.toMatch(/caution:/);

    const csv = await cli(['export', file, '--format', 'csv']);
    expect(csv.exitCode).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^do-math,1000000,(serial|worker-threads),1,1,ok,\d/);

    const bmf = await cli(['export', file, '--format', 'bmf']);
    expect(Object.keys(JSON.parse(bmf.stdout)).sort()).toEqual([
      'do-math/1000000/serial/1',
      'do-math/1000000/worker-threads/1',
    ]);

    const hyperfine = await cli(['export', file, '--format', 'hyperfine']);
    const { results } = JSON.parse(hyperfine.stdout) as {
      results: { command: string; times: number[]; min: number; max: number }[];
    };
    expect(results).toHaveLength(2);
    const medianMs = new Map(lines.slice(1).map((line) => [line.split(',')[2], Number(line.split(',')[6])]));
    for (const r of results) {
      expect(r.times.length).toBeGreaterThanOrEqual(3);
      // Units without timing assumptions: the cell's median in ms lies within the run times in seconds x 1000.
      const ms = medianMs.get(r.command.split('/')[2]) as number;
      expect(ms).toBeGreaterThanOrEqual(r.min * 1000 - 1e-9);
      expect(ms).toBeLessThanOrEqual(r.max * 1000 + 1e-9);
    }
  });
});
