/**
 * The injected-slowdown probe of docs/statistics.md: `slowed-workload.mjs` does `extra` more of each part's own work
 * and returns the target's answers unchanged; `probe-worker-threads.mjs` runs in a real `coresweep run` and its cells
 * pass the correctness check against the serial reference. No timing is asserted: the work is counted.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResultFile } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, runArgs } from './helpers.js';
import { scratch } from './result-builder.js';

const SLOWED = pathToFileURL(join(ROOT, 'bench/calibration/slowed-workload.mjs'));
const PROBE = join(ROOT, 'bench/calibration/probe-worker-threads.mjs');

/** A workload that counts the units it is asked to run, and answers with the sum of its range. */
const COUNTING = `data:text/javascript,${encodeURIComponent(`
  globalThis.countedUnits = 0;
  export default {
    id: 'counting', title: 'counting', description: 'counts units', sizes: { quick: [10], full: [10] },
    run(start, end) { globalThis.countedUnits += end - start; let s = 0; for (let i = start; i < end; i++) s += i; return s; },
    combine(parts) { return parts.reduce((a, b) => a + b, 0); },
    checksum(result) { return String(result); },
  };`)}`;

describe('slowed-workload', () => {
  it('runs 15% more of each part’s units and returns the target’s answer', () => {
    // In plain Node, as a strategy's threads load it (the test runner's module loader drops the URL's query).
    const url = new URL(SLOWED);
    url.searchParams.set('target', COUNTING);
    url.searchParams.set('extra', '0.15');
    const script = `
      const slowed = (await import(${JSON.stringify(url.href)})).default;
      const answer = slowed.run(1000, 3000, 10000);
      console.log(JSON.stringify({ answer, units: globalThis.countedUnits, id: slowed.id,
        discarded: slowed.lastDiscarded() !== null, checksum: slowed.checksum(slowed.combine([1, 2], 10)) }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({
      answer: (1000 + 2999) * 1000, // the target's answer for [1000, 3000)
      units: 2000 + 300,
      id: 'counting',
      discarded: true,
      checksum: '3',
    });
  });
});

describe('probe-worker-threads in a real run', () => {
  const { dir } = scratch();
  it('its cells are ok: answers checked against the serial reference', async () => {
    const out = join(dir, 'probe.json');
    const run = await cli(
      runArgs({
        strategy: PROBE,
        strategies: 'serial,probe-worker-threads',
        workloads: 'do-math',
        sizes: 1000000,
        workers: 2,
        repetitions: 1,
        out,
      }),
      { env: { ...process.env, CORESWEEP_PROBE_SLOWDOWN: '0.15' } as Record<string, string> },
    );
    expect(run.exitCode, run.all).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    const probe = file.cells.find((c) => c.strategy === 'probe-worker-threads');
    expect(probe?.status).toBe('ok');
    expect(probe?.checksum).toBe(probe?.reference);
    expect(file.strategies.find((s) => s.id === 'probe-worker-threads')?.title).toMatch(/15% slower on purpose/);
  });
  it('refuses a slowdown that is not a fraction, with one line', async () => {
    const run = await cli(
      ['run', '--strategy', PROBE, '--strategies', 'probe-worker-threads', '--out', join(dir, 'x.json')],
      {
        env: { ...process.env, CORESWEEP_PROBE_SLOWDOWN: 'lots' } as Record<string, string>,
      },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/CORESWEEP_PROBE_SLOWDOWN must be a fraction/),
    ]);
  });
});
