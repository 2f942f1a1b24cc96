/**
 * Real processes, real signals: a run stopped by SIGINT (as a terminal sends it, to the whole foreground process
 * group) or SIGTERM saves what finished, leaves no process behind, and --resume runs exactly what is missing.
 * A runner killed by SIGKILL cannot save anything, but its cell processes notice and take their process groups
 * down with them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResultFile } from '@coresweep/core';
import { execaNode } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cli, FIXTURES, journaledRepetitions, ROOT, runArgs } from './helpers.js';
import { processesWithMarker, waitFor } from './processes.js';

// Each case runs two real runs of 14 fresh processes (the interrupted one and its resume) on two shared cores: its
// time grows with the machine's load (20-50 s seen on a busy CI-like machine), so its budget is the waits' sum.
const CASE_BUDGET_MS = 180_000;

const dir = mkdtempSync(join(tmpdir(), 'coresweep-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Pool strategies at two worker counts: every cell owns threads or child processes that must die with it. Seven
// cells of two short repetitions: enough to interrupt mid-run, small enough that the resume finishes quickly.
const MATRIX = runArgs({
  workloads: 'do-math',
  sizes: 10000000,
  strategies: 'serial,worker-threads,child-process,cluster',
  workers: '1,2',
  repetitions: 2,
  iterations: 3,
  warmup: 1,
  'time-budget': 50,
  seed: 11,
});

function startRun(out: string, marker: string) {
  return execaNode(CLI, [...MATRIX, '--out', out], {
    cwd: ROOT,
    reject: false,
    detached: true, // its own process group, like a shell job in a terminal
    env: { CORESWEEP_TEST_MARKER: marker },
    all: true,
  });
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('a run stopped by %s', (signal, exitCode) => {
  it(
    'saves an interrupted result file, leaves no process behind, and resumes exactly the missing repetitions',
    async () => {
      const out = join(dir, `${signal}.json`);
      const marker = `coresweep-test-${signal}-${process.pid}`;
      const run = startRun(out, marker);
      expect(await waitFor(() => journaledRepetitions(out) >= 3, 90_000)).toBe(true);
      const started = Date.now();
      // A terminal sends SIGINT to the whole foreground group; SIGTERM usually comes to the process alone.
      if (signal === 'SIGINT') process.kill(-(run.pid as number), signal);
      else run.kill(signal);
      const result = await run;
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.exitCode, result.all).toBe(exitCode);
      expect(await waitFor(() => processesWithMarker(marker).length === 0, 5_000)).toBe(true);

      const partial = parseResultFile(readFileSync(out, 'utf8'), out);
      expect(partial.state).toBe('interrupted');
      const finished = partial.cells.flatMap((c) => c.repetitions).length;
      expect(finished).toBeGreaterThanOrEqual(3);
      expect(result.stdout).toContain(`--resume`);

      const resumed = await cli(['run', '--resume', out]);
      expect(resumed.exitCode, resumed.all).toBe(0);
      const complete = parseResultFile(readFileSync(out, 'utf8'), out);
      expect(complete.state).toBe('complete');
      expect(complete.id).toBe(partial.id);
      for (const cell of complete.cells) {
        expect(cell.repetitions.map((r) => r.index)).toEqual([0, 1]);
        expect(cell.status).toBe('ok');
      }
    },
    CASE_BUDGET_MS,
  );
});

describe('a runner killed by SIGKILL', () => {
  it('takes its cell process and the helpers it started (even ones ignoring SIGTERM) down with it', async () => {
    const out = join(dir, 'killed.json');
    const marker = `coresweep-test-SIGKILL-${process.pid}`;
    const run = execaNode(
      CLI,
      runArgs({
        workloads: 'do-math',
        sizes: 1000,
        strategies: 'serial',
        workers: 1,
        timeout: 600,
        strategy: join(FIXTURES, 'hanging-strategy.mjs'),
        out,
      }),
      { cwd: ROOT, reject: false, env: { CORESWEEP_TEST_MARKER: marker }, all: true },
    );
    // runner + hanging cell + its two stubborn helpers
    expect(await waitFor(() => processesWithMarker(marker).length >= 4, 60_000, 20)).toBe(true);
    run.kill('SIGKILL');
    await run;
    expect(await waitFor(() => processesWithMarker(marker).length === 0, 5_000)).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
