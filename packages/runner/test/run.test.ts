/** End to end through the built CLI: real cell processes, a real result file, checked against the schema. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResultFile } from '@coresweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, FAST, FIXTURES, type RunFlags, runArgs } from './helpers.js';
import { processesWithMarker } from './processes.js';

const dir = mkdtempSync(join(tmpdir(), 'coresweep-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** This file's runs: the fast measurement settings and one seed (the first test checks it reaches the file). */
const MEASURE = { ...FAST, seed: 7 } as const;

/** The smallest matrix: serial on do-math at 100k units; a test adds what it is about. */
const SERIAL_DO_MATH = { workloads: 'do-math', sizes: 100000, strategies: 'serial' } as const;

/**
 * `coresweep run` with `flags` and this file's measurement settings, writing `name` in the temporary folder: the
 * CLI's result, the path of the file and a reader that parses it against the schema.
 */
async function runTo(name: string, flags: RunFlags, env?: Record<string, string>) {
  const out = join(dir, name);
  const result = await cli(runArgs({ ...flags, out, ...MEASURE }), env ? { env } : {});
  return { result, out, read: () => parseResultFile(readFileSync(out, 'utf8'), out) };
}

describe('coresweep run', () => {
  it('writes a schema-valid file in which serial and async match the reference', async () => {
    const { result, out, read } = await runTo('ok.json', {
      workloads: 'do-math,primes',
      sizes: 200000,
      strategies: 'serial,async',
      workers: '1,2',
      repetitions: 2,
    });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain(`result: `);
    const file = read();
    expect(file.state).toBe('complete');
    expect(file.config.seed).toBe(7);
    // serial at one worker only; async at both worker counts; two workloads
    expect(file.cells.map((c) => `${c.workload}/${c.strategy}/${c.workers}`).sort()).toEqual(
      [
        'do-math/async/1',
        'do-math/async/2',
        'do-math/serial/1',
        'primes/async/1',
        'primes/async/2',
        'primes/serial/1',
      ].sort(),
    );
    for (const cell of file.cells) {
      expect(cell.status).toBe('ok');
      expect(cell.checksum).toBe(cell.reference);
      expect(cell.wallMs?.samples.length).toBeGreaterThanOrEqual(4);
      expect(cell.wallMs?.ci95[0]).toBeLessThanOrEqual(cell.wallMs?.median ?? Number.NaN);
      expect(cell.repetitions).toHaveLength(2);
      expect(cell.coldMs).toBeGreaterThan(0);
    }
    // primes below 200000: 17984 (a known count), so the reference itself is right
    expect(file.cells.find((c) => c.workload === 'primes')?.reference).toBe('primes=17984');
    expect(file.cells.find((c) => c.strategy === 'serial')?.speedup?.median).toBeCloseTo(1, 6);
    expect(file.machine.logicalCores).toBeGreaterThan(0);
    // The machine's identity, derived from its facts (core's derivedMachineIdentity), and how memory was read.
    expect(file.machine.id).toMatch(new RegExp(`^${file.machine.arch}-${file.machine.usableCores}c-[0-9a-f]{8}$`));
    expect(file.machine.label).toContain(file.machine.cpuModel);
    expect(file.machine.processMemory).toBe('peak');
    expect(existsSync(`${out}.journal.jsonl`)).toBe(false);
  });

  it('plans the cells a strategy declares unsupported as skipped with its reason, runs the rest and exits 0', async () => {
    const { result, read } = await runTo('picky.json', {
      ...SERIAL_DO_MATH,
      workloads: 'do-math,primes',
      workers: 1,
      strategy: join(FIXTURES, 'picky-strategy.mjs'),
    });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain('1 cell(s) skipped:');
    expect(result.stdout).toContain('primes 100k fixture-picky x1: fixture-picky has no implementation of primes');
    const file = read();
    const picky = (workload: string) =>
      file.cells.find((c) => c.strategy === 'fixture-picky' && c.workload === workload);
    expect(picky('primes')).toMatchObject({
      status: 'skipped',
      error: 'fixture-picky has no implementation of primes',
      repetitions: [],
    });
    expect(picky('do-math')).toMatchObject({ status: 'ok', error: null });
    expect(picky('do-math')?.checksum).toBe(picky('do-math')?.reference);
  });

  it('names the machine as told with --machine, in the file and in the configuration a resume reads', async () => {
    const { result, read } = await runTo('named.json', {
      ...SERIAL_DO_MATH,
      repetitions: 1,
      machine: 'lab-box.2',
    });
    expect(result.exitCode, result.all).toBe(0);
    const file = read();
    expect(file.machine.id).toBe('lab-box.2');
    expect(file.machine.label).toBe('lab-box.2');
    expect(file.config.machineName).toBe('lab-box.2');
  });

  it('marks a fast wrong answer wrong-result, a throwing strategy failed, a hang timeout — and goes on', async () => {
    const marker = `coresweep-test-faults-${process.pid}`;
    const { result, read } = await runTo(
      'bad.json',
      {
        ...SERIAL_DO_MATH,
        workers: 1,
        strategy: [
          join(FIXTURES, 'wrong-strategy.mjs'),
          join(FIXTURES, 'throwing-strategy.mjs'),
          join(FIXTURES, 'hanging-strategy.mjs'),
        ],
        timeout: 3,
      },
      { CORESWEEP_TEST_MARKER: marker },
    );
    expect(result.exitCode, result.all).toBe(1);
    const file = read();
    const status = Object.fromEntries(file.cells.map((c) => [c.strategy, c.status]));
    expect(status).toEqual({
      serial: 'ok',
      'fixture-wrong': 'wrong-result',
      'fixture-throws': 'failed',
      'fixture-hangs': 'timeout',
    });
    const byId = (id: string) => file.cells.find((c) => c.strategy === id);
    expect(byId('fixture-wrong')?.error).toMatch(/differs from the serial reference/);
    expect(byId('fixture-throws')?.error).toMatch(/deliberate failure in run\(\)/);
    expect(byId('fixture-hangs')?.error).toMatch(/timed out after 3\.0 s/);
    expect(result.stdout).toMatch(/3 cell\(s\) did not finish ok/);
    // the timeout killed the hanging cell's helpers too, although they ignore SIGTERM
    expect(processesWithMarker(marker)).toEqual([]);
  });

  it('with a precision target adds repetitions within the maximum and records why each cell stopped', async () => {
    const { result, read } = await runTo('precise.json', {
      workloads: 'do-math',
      sizes: 200000,
      strategies: 'serial,async',
      workers: 1,
      repetitions: 3,
      precision: 0.01,
      'max-repetitions': 4,
    });
    expect(result.exitCode, result.all).toBe(0);
    const file = read();
    expect(file.config).toMatchObject({ repetitions: 3, precision: 0.0001, maxRepetitions: 4, timeCapSec: null });
    expect(result.stderr).toMatch(
      /estimated time: about .* if every cell is within ±0\.01% after 3 repetitions, at most about/,
    );
    for (const cell of file.cells) {
      // ±0.01% is out of reach of real processes: every cell goes to its maximum (serial twice it) or the time cap.
      expect(['max repetitions', 'time cap']).toContain(cell.stopReason);
      const most = cell.strategy === 'serial' ? 8 : 4;
      expect(cell.repetitions.length).toBeGreaterThanOrEqual(3);
      expect(cell.repetitions.length).toBeLessThanOrEqual(most);
      if (cell.stopReason === 'max repetitions') expect(cell.repetitions).toHaveLength(most);
    }
    expect(result.stdout).toMatch(/repetitions until within ±0\.01% \(serial ±0\.005%\): /);
  });
});
