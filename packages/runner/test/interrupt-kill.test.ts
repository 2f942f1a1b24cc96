/**
 * Whatever ends a run, nothing is lost but the repetition in progress.
 *
 * - SIGKILL (what the OOM killer sends; a power loss ends the runner just as abruptly) at seeded random points of a
 *   real run — any moment after the start, inside a running cell, right after a repetition was journaled — then
 *   `--resume`, killed again at random, and so on until a resume completes. After every kill no process of the run
 *   is alive, and the next resume runs exactly the repetitions the journal does not hold. The final file has exactly
 *   the planned repetitions, each once.
 * - SIGHUP sent to the runner (a shell passing on its hangup) ends the run like Ctrl-C: exit 129, an interrupted
 *   result file, no process left, and `--resume` finishes it.
 * - A terminal that really closes (the pseudo-terminal's master is killed): the runner gets SIGHUP and every write to
 *   its terminal fails from then on (EIO), and it still saves the file and takes its cells down.
 *
 * Reproduce a failure with CORESWEEP_FUZZ_SEED=<the seed in the test name>.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, parseResultFile, type ResultFile } from '@coresweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { journalPath } from '../src/journal.js';
import { loadResumeState } from '../src/resume.js';
import { CLI, FAST, runArgs } from './helpers.js';
import { processesWithMarker, waitFor } from './processes.js';
import { runCli } from './spawn-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'coresweep-interrupt-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Two cells (serial x1, child-process x2: a cell that owns forked processes) x 2 repetitions, one reference.
const REPETITIONS = 2;
const TOTAL = 2 * REPETITIONS;
const MATRIX = runArgs({
  workloads: 'do-math',
  sizes: 1000000,
  strategies: 'serial,child-process',
  workers: 2,
  repetitions: REPETITIONS,
  ...FAST,
});

const SEEDS = process.env.CORESWEEP_FUZZ_SEED ? [Number(process.env.CORESWEEP_FUZZ_SEED)] : [101, 202, 303];
/** Kills per seed at most; after that a resume runs to the end (a bound, so a slow machine cannot loop forever). */
const MAX_KILLS = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Finished repetitions the file and its journal hold together (what --resume will not run again). */
function finished(out: string): number {
  return existsSync(out) || existsSync(journalPath(out)) ? loadResumeState(out).entries.length : 0;
}

function cellRunning(marker: string): boolean {
  return processesWithMarker(marker).some((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('"kind":"cell"');
    } catch {
      return false;
    }
  });
}

type KillPoint = 'anytime' | 'in-cell' | 'journaled';

/** Waits for a random moment of the kind `point`; says which, for the failure message. */
async function reach(point: KillPoint, out: string, marker: string, random: () => number): Promise<string> {
  const before = finished(out);
  switch (point) {
    case 'anytime': {
      // From the first instruction on: planning, the journal's creation, the reference run, a cell.
      const ms = Math.round(random() * 1500);
      await sleep(ms);
      return `${ms} ms after the start`;
    }
    case 'in-cell': {
      await waitFor(() => cellRunning(marker), 30_000, 5);
      const ms = Math.round(random() * 250);
      await sleep(ms);
      return `${ms} ms into a cell (${before} finished before)`;
    }
    case 'journaled': {
      await waitFor(() => finished(out) > before, 30_000, 2);
      return `as repetition ${before + 1} was journaled`;
    }
  }
}

function checkComplete(file: ResultFile): void {
  expect(file.state).toBe('complete');
  expect(file.cells).toHaveLength(2);
  for (const cell of file.cells) {
    expect(cell.status, cell.error ?? '').toBe('ok');
    // exactly the planned repetitions, each once
    expect(cell.repetitions.map((r) => r.index)).toEqual([...Array(REPETITIONS).keys()]);
  }
}

describe('a runner killed by SIGKILL at random points, resumed until done', () => {
  it.each(SEEDS)(
    'seed %i',
    async (seed) => {
      const random = createRandom(seed);
      const out = join(dir, `killed-${seed}.json`);
      const marker = `coresweep-test-kill-${process.pid}-${seed}`;
      const env = { CORESWEEP_TEST_MARKER: marker };
      const history: string[] = [];
      for (let attempt = 0; ; attempt++) {
        const have = finished(out);
        const started = existsSync(out) || existsSync(journalPath(out));
        const args = started ? ['run', '--resume', out] : [...MATRIX, '--seed', String(seed), '--out', out];
        const run = runCli(args, { cwd: dir, env });
        if (attempt >= MAX_KILLS) {
          const last = await run;
          const context = `${history.join('\n')}\n${last.all}`;
          expect(last.exitCode, context).toBe(0);
          if (started) expect(last.stderr, context).toContain(`${TOTAL - have} to run`);
          break;
        }
        const point = (['anytime', 'in-cell', 'journaled'] as const)[Math.floor(random() * 3)] as KillPoint;
        const when = await reach(point, out, marker, random);
        const seen = finished(out);
        run.kill('SIGKILL');
        const result = await run;
        history.push(
          `#${attempt} ${started ? 'resume' : 'run'}: SIGKILL ${when}; exit ${result.exitCode ?? result.signal}`,
        );
        const context = `${history.join('\n')}\n${result.all}`;
        // A resume starts from exactly what the file and the journal held.
        const announced = /(\d+) to run/.exec(result.stderr)?.[1];
        if (started && announced !== undefined) expect(Number(announced), context).toBe(TOTAL - have);
        // Its cells notice the runner is gone and take their process groups (forked workers) with them.
        expect(await waitFor(() => processesWithMarker(marker).length === 0, 5_000), context).toBe(true);
        if (result.exitCode === 0) {
          // It finished before the kill landed.
          checkComplete(parseResultFile(readFileSync(out, 'utf8'), out));
          break;
        }
        // Nothing journaled before the kill is lost.
        expect(finished(out), context).toBeGreaterThanOrEqual(seen);
      }
      const complete = parseResultFile(readFileSync(out, 'utf8'), out);
      checkComplete(complete);
      expect(existsSync(journalPath(out))).toBe(false);
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect(processesWithMarker(marker)).toEqual([]);
    },
    120_000,
  );
});

async function resumeToTheEnd(out: string, marker: string, finishedBefore: number): Promise<void> {
  const resumed = await runCli(['run', '--resume', out], { cwd: dir, env: { CORESWEEP_TEST_MARKER: marker } });
  expect(resumed.exitCode, resumed.all).toBe(0);
  expect(resumed.stderr).toContain(`${TOTAL - finishedBefore} to run`);
  checkComplete(parseResultFile(readFileSync(out, 'utf8'), out));
  expect(processesWithMarker(marker)).toEqual([]);
}

describe('SIGHUP', () => {
  it('sent to the runner: exit 129, an interrupted file, no process left, and --resume finishes it', async () => {
    const out = join(dir, 'hup.json');
    const marker = `coresweep-test-hup-${process.pid}`;
    const run = runCli([...MATRIX, '--seed', '9', '--out', out], {
      cwd: dir,
      detached: true,
      env: { CORESWEEP_TEST_MARKER: marker },
    });
    expect(await waitFor(() => finished(out) >= 1 && cellRunning(marker), 30_000, 5)).toBe(true);
    run.kill('SIGHUP');
    const result = await run;
    expect(result.exitCode, result.all).toBe(129);
    expect(result.stderr).toContain('SIGHUP: stopping');
    expect(await waitFor(() => processesWithMarker(marker).length === 0, 5_000)).toBe(true);
    const partial = parseResultFile(readFileSync(out, 'utf8'), out);
    expect(partial.state).toBe('interrupted');
    const saved = partial.cells.flatMap((c) => c.repetitions).length;
    expect(saved).toBeGreaterThanOrEqual(1);
    await resumeToTheEnd(out, marker, saved);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)(
    'from a terminal that closes: the file is saved although the terminal is gone, and no process is left',
    async () => {
      const out = join(dir, 'terminal.json');
      const marker = `coresweep-test-terminal-${process.pid}`;
      const command = [process.execPath, CLI, ...MATRIX, '--seed', '9', '--out', out].join(' ');
      // util-linux `script` runs the command on a new pseudo-terminal; killing `script` closes its master side, as
      // closing a terminal window or losing an SSH session does: the kernel sends SIGHUP to the session.
      const terminal = spawn('script', ['-qefc', command, '/dev/null'], {
        cwd: dir,
        env: { ...process.env, CORESWEEP_TEST_MARKER: marker },
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      expect(await waitFor(() => finished(out) >= 1 && cellRunning(marker), 30_000, 5)).toBe(true);
      terminal.kill('SIGKILL');
      expect(await waitFor(() => processesWithMarker(marker).length === 0, 10_000)).toBe(true);
      const partial = parseResultFile(readFileSync(out, 'utf8'), out);
      expect(partial.state).toBe('interrupted');
      expect(partial.cells.flatMap((c) => c.repetitions).length).toBeGreaterThanOrEqual(1);
    },
  );
  if (!hasScript) console.warn('skipped the terminal hangup test: util-linux `script` is not installed');
});
