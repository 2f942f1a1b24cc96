/**
 * Ctrl-C at random points, property style: the same small run is started again and again and stopped by SIGINT to
 * its process group (as a terminal sends it) or SIGTERM to the runner, at seeded random moments in each phase —
 * right at the start, during the reference runs, during a cell, just as a cell finished, and near the end — once
 * with a second signal on the heels of the first. After every stop:
 *
 * - the runner ended within seconds with 130 / 143 (or 0 if it had already finished, or by the signal itself if it
 *   came before the runner had started anything);
 * - a result file, when there is one, is schema-valid and marked interrupted unless complete, and no temporary file
 *   is left beside it; a journal never exists without a result file (these signals always leave time to write it);
 * - no process the run started is alive;
 * - `--resume` runs exactly the missing repetitions and completes the file.
 *
 * Reproduce a failure with CORESWEEP_FUZZ_SEED=<the seed in the test name>.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, parseResultFile } from '@coresweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { journaledRepetitions, runArgs } from './helpers.js';
import { processesWithMarker, waitFor } from './processes.js';
import { runCli } from './spawn-cli.js';

const SEED = Number(process.env.CORESWEEP_FUZZ_SEED ?? 20_240_611);
const dir = mkdtempSync(join(tmpdir(), 'coresweep-interrupt-random-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Five cells (serial x1, worker-threads x1 x2, child-process x1 x2) and one reference: about five seconds.
const TOTAL = 5;
const MATRIX = runArgs({
  workloads: 'do-math',
  sizes: 3000000,
  strategies: 'serial,worker-threads,child-process',
  workers: '1,2',
  repetitions: 1,
  iterations: 2,
  warmup: 1,
  'time-budget': 20,
});

type Phase = 'start' | 'references' | 'cell' | 'between' | 'late' | 'twice';
const PHASES: Phase[] = ['start', 'references', 'cell', 'between', 'late', 'twice'];

/** A job of this run is alive: `kind` is "reference" or "cell" (the job travels as JSON in the argv). */
function jobRunning(marker: string, kind: 'reference' | 'cell'): boolean {
  return processesWithMarker(marker).some((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`"kind":"${kind}"`);
    } catch {
      return false;
    }
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the moment `phase` describes, plus a random delay; says what it waited for. */
async function reach(phase: Phase, out: string, marker: string, random: () => number): Promise<string> {
  switch (phase) {
    case 'start': {
      const ms = Math.round(random() * 400);
      await sleep(ms);
      return `${ms} ms after start`;
    }
    case 'references': {
      const seen = await waitFor(() => jobRunning(marker, 'reference'), 30_000, 5);
      const ms = Math.round(random() * 60);
      await sleep(ms);
      return `${ms} ms into a reference run (seen: ${seen})`;
    }
    case 'cell':
    case 'twice': {
      const after = 1 + Math.floor(random() * 2);
      await waitFor(() => journaledRepetitions(out) >= after && jobRunning(marker, 'cell'), 30_000, 5);
      const ms = Math.round(random() * 150);
      await sleep(ms);
      return `${ms} ms into the cell after ${after} finished`;
    }
    case 'between': {
      const after = 1 + Math.floor(random() * (TOTAL - 1));
      await waitFor(() => journaledRepetitions(out) >= after, 30_000, 2);
      return `as repetition ${after} was journaled`;
    }
    case 'late': {
      await waitFor(() => journaledRepetitions(out) >= TOTAL - 1, 30_000, 5);
      const ms = Math.round(random() * 2000);
      await sleep(ms);
      return `${ms} ms after ${TOTAL - 1} finished`;
    }
  }
}

describe(`a run stopped at random points (seed ${SEED})`, () => {
  const random = createRandom(SEED);
  const cases = PHASES.map((phase, i) => ({
    phase,
    i,
    signal: random() < 0.5 ? ('SIGINT' as const) : ('SIGTERM' as const),
  }));

  it.each(cases)(
    '#$i $signal during $phase',
    async ({ phase, i, signal }) => {
      const out = join(dir, `run-${i}.json`);
      const marker = `coresweep-test-interrupt-random-${process.pid}-${i}`;
      const run = runCli([...MATRIX, '--seed', String(SEED + i), '--out', out], {
        cwd: dir,
        detached: true,
        env: { CORESWEEP_TEST_MARKER: marker },
      });
      const pid = run.pid as number;
      const when = await reach(phase, out, marker, random);
      const send = (s: NodeJS.Signals) => {
        try {
          // A terminal's Ctrl-C goes to the whole foreground group; SIGTERM usually to the process alone.
          if (s === 'SIGINT') process.kill(-pid, s);
          else process.kill(pid, s);
        } catch {
          // already gone: it finished first
        }
      };
      const sent = Date.now();
      send(signal);
      if (phase === 'twice') {
        await sleep(20 + Math.round(random() * 80));
        send(signal === 'SIGINT' ? 'SIGTERM' : 'SIGINT');
      }
      const result = await run;
      const context = `${signal} ${when}\n${result.all}`;
      expect(Date.now() - sent, context).toBeLessThan(10_000);

      const code = signal === 'SIGINT' ? 130 : 143;
      const byTheSignal = result.exitCode === undefined && result.signal === signal;
      expect(result.exitCode === 0 || result.exitCode === code || byTheSignal, context).toBe(true);
      expect(await waitFor(() => processesWithMarker(marker).length === 0, 5_000), context).toBe(true);
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

      if (!existsSync(out)) {
        // Only a runner stopped before it started any job may leave nothing at all.
        expect(byTheSignal, context).toBe(true);
        expect(existsSync(`${out}.journal.jsonl`), context).toBe(false);
        return;
      }
      const file = parseResultFile(readFileSync(out, 'utf8'), out);
      if (result.exitCode === 0) {
        expect(file.state, context).toBe('complete');
        expect(existsSync(`${out}.journal.jsonl`)).toBe(false);
        return;
      }
      if (file.state === 'complete') {
        // The signal arrived after the file was saved, when the runner no longer listens for it.
        expect(byTheSignal, context).toBe(true);
        return;
      }
      expect(file.state, context).toBe('interrupted');
      expect(result.exitCode, context).toBe(code);
      expect(result.stdout).toContain(`--resume`);
      const finished = file.cells.flatMap((c) => c.repetitions).length;
      expect(finished, context).toBeLessThan(TOTAL);

      const resumed = await runCli(['run', '--resume', out], { cwd: dir, env: { CORESWEEP_TEST_MARKER: marker } });
      expect(resumed.exitCode, resumed.all).toBe(0);
      expect(resumed.stderr).toContain(`${TOTAL - finished} to run`);
      const complete = parseResultFile(readFileSync(out, 'utf8'), out);
      expect(complete.state).toBe('complete');
      expect(complete.id).toBe(file.id);
      expect(complete.cells).toHaveLength(TOTAL);
      for (const cell of complete.cells) {
        expect(cell.status, cell.error ?? '').toBe('ok');
        expect(cell.repetitions.map((r) => r.index)).toEqual([0]);
      }
      expect(existsSync(`${out}.journal.jsonl`)).toBe(false);
      expect(processesWithMarker(marker)).toEqual([]);
    },
    60_000,
  );
});
