/**
 * Real cell processes on Node, Bun and Deno (from the runtime cache; `.ci/run` fills it from the npm registry first,
 * and a missing one is installed on first use): every cell records its runtime, every result matches the one
 * reference, the pair a strategy declares unsupported is skipped with its reason, and a cell that hangs on any
 * runtime times out with nothing of it left running.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResultFile, runtimeLabel } from '@coresweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, FIXTURES } from './helpers.js';
import { processesWithMarker, waitFor } from './processes.js';

const dir = mkdtempSync(join(tmpdir(), 'coresweep-runtimes-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAST = ['--iterations', '2', '--warmup', '1', '--time-budget', '5', '--seed', '11', '--settle', '0'];
/** Installing a runtime on first use takes a while; a run of tiny cells on three runtimes does not. */
const TIMEOUT_MS = 240_000;

/** One `coresweep run` with the fast settings into its own file, its processes carrying `marker`. */
async function runInto(name: string, marker: string, args: string[]) {
  const out = join(dir, name);
  const result = await cli(['run', ...args, '--out', out, ...FAST], {
    env: { CORESWEEP_TEST_MARKER: marker },
    timeout: TIMEOUT_MS,
  });
  return { result, file: () => parseResultFile(readFileSync(out, 'utf8'), out) };
}

describe('coresweep run --runtimes', () => {
  it(
    'runs every cell on each runtime against one reference, and skips what a strategy declares it cannot run',
    async () => {
      const marker = `coresweep-test-runtimes-${process.pid}`;
      const { result, file: read } = await runInto('three.json', marker, [
        '--runtimes',
        'node,bun,deno',
        '--workloads',
        'do-math',
        '--sizes',
        '200000',
        '--strategies',
        'serial,worker-threads,child-process,tinypool',
        '--workers',
        '2',
      ]);
      expect(result.exitCode, result.all).toBe(0);
      const file = read();
      const names = file.config.runtimes?.map((id) => id.split('@')[0]);
      expect(names).toEqual(['node', 'bun', 'deno']);
      expect(file.cells).toHaveLength(3 * 4);
      const reference = file.cells[0]?.reference;
      for (const cell of file.cells) {
        expect(cell.runtime, `${cell.strategy}`).toBeDefined();
        expect(`${cell.runtime?.name}@${cell.runtime?.version}`).toBe(
          file.config.runtimes?.find((id) => id.startsWith(`${cell.runtime?.name}@`)),
        );
        expect(cell.reference).toBe(reference);
        const what = `${cell.strategy} on ${cell.runtime && runtimeLabel(cell.runtime)}: ${cell.error}`;
        if (cell.runtime?.name === 'deno' && cell.strategy === 'tinypool') {
          expect(cell.status, what).toBe('skipped');
          expect(cell.error).toMatch(/^tinypool never returns on Deno 2/);
          expect(cell.repetitions).toEqual([]);
        } else {
          expect(cell.status, what).toBe('ok');
          expect(cell.checksum).toBe(reference);
          expect(cell.speedup?.median).toBeGreaterThan(0);
        }
      }
      // The engines differ: V8 for Node and Deno, JavaScriptCore for Bun.
      expect(file.cells.find((c) => c.runtime?.name === 'bun')?.runtime?.engine).toMatch(/^JavaScriptCore/);
      expect(file.cells.find((c) => c.runtime?.name === 'deno')?.runtime?.engine).toMatch(/^V8 /);
      // One table per runtime, each against its own serial time.
      expect(result.stdout).toMatch(/do-math size 200k on bun \d+\.\d+\.\d+ — speedup over serial/);
      expect(result.stdout).toMatch(
        /1 cell\(s\) skipped:\n {2}do-math 200k tinypool x2 on deno [\d.]+: tinypool never/,
      );
      expect(await waitFor(() => processesWithMarker(marker).length === 0, 5000)).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    'a cell that hangs on Bun or Deno times out, and nothing it started is left running',
    async () => {
      const marker = `coresweep-test-runtimes-hang-${process.pid}`;
      const { result, file: read } = await runInto('hang.json', marker, [
        '--runtimes',
        'bun,deno',
        '--workloads',
        'do-math',
        '--sizes',
        '100000',
        '--strategies',
        'serial',
        '--strategy',
        join(FIXTURES, 'hanging-strategy.mjs'),
        '--workers',
        '1',
        '--timeout',
        '8',
      ]);
      expect(result.exitCode, result.all).toBe(1);
      const file = read();
      const hung = file.cells.filter((c) => c.strategy === 'fixture-hangs');
      expect(hung.map((c) => c.runtime?.name)).toEqual(['bun', 'deno']);
      for (const cell of hung) {
        expect(cell.status).toBe('timeout');
        expect(cell.error).toMatch(/timed out after 8\.0 s; killed its process group/);
      }
      expect(file.cells.filter((c) => c.strategy === 'serial').map((c) => c.status)).toEqual(['ok', 'ok']);
      expect(await waitFor(() => processesWithMarker(marker).length === 0, 5000)).toBe(true);
    },
    TIMEOUT_MS,
  );
});
