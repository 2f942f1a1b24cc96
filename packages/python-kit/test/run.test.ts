/**
 * The Python strategies in a real run, through the built CLI: do-math's checksum equal to the JavaScript reference at
 * one and two workers, a workload without a twin planned as skipped with the reason, and a machine without the
 * interpreter giving skipped cells and exit 0 rather than failures.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResultFile } from '@coresweep/core';
import { execaNode } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { probePython } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'packages/runner/dist/cli.js');
const NO_TWIN = fileURLToPath(new URL('./fixtures/no-twin-workload.js', import.meta.url));
const FAST = ['--iterations', '2', '--warmup', '1', '--time-budget', '5', '--seed', '7'];

const dir = mkdtempSync(join(tmpdir(), 'coresweep-python-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(out: string, args: string[], env: Record<string, string> = {}) {
  return execaNode(CLI, ['run', ...args, '--out', out, ...FAST], { cwd: ROOT, env, reject: false, all: true });
}

describe('the Python strategies in a run', () => {
  it.skipIf('problem' in probePython())(
    'match the JavaScript reference on do-math and skip a workload without a twin, with the reason',
    async () => {
      const out = join(dir, 'python.json');
      const result = await run(out, [
        '--workload',
        NO_TWIN,
        '--workloads',
        'do-math,no-twin',
        '--sizes',
        '200000',
        '--strategies',
        'python-threads,python-processes',
        '--workers',
        '1,2',
      ]);
      expect(result.exitCode, result.all).toBe(0);
      const file = parseResultFile(readFileSync(out, 'utf8'), out);
      const python = file.cells.filter((c) => c.strategy.startsWith('python-'));
      expect(python).toHaveLength(8);
      for (const cell of python.filter((c) => c.workload === 'do-math')) {
        expect(cell.status, cell.error ?? '').toBe('ok');
        expect(cell.checksum).toBe(cell.reference);
        expect(cell.cpuMs).toBeGreaterThan(0);
      }
      for (const cell of python.filter((c) => c.workload === 'no-twin')) {
        expect(cell).toMatchObject({
          status: 'skipped',
          error: 'no CPython twin of no-twin (the Python strategies run do-math and primes)',
          repetitions: [],
        });
      }
      expect(result.stdout).toContain('4 cell(s) skipped:');
      expect(result.stdout).toContain('no-twin 200k python-threads x2: no CPython twin of no-twin');
    },
  );

  it('skips, not fails, every Python cell on a machine without the interpreter', async () => {
    const out = join(dir, 'no-python.json');
    const result = await run(
      out,
      ['--workloads', 'do-math', '--sizes', '200000', '--strategies', 'python-threads', '--workers', '1'],
      { CORESWEEP_PYTHON: '/nonexistent/python3' },
    );
    expect(result.exitCode, result.all).toBe(0);
    const file = parseResultFile(readFileSync(out, 'utf8'), out);
    expect(file.cells.find((c) => c.strategy === 'python-threads')).toMatchObject({
      status: 'skipped',
      error: 'no /nonexistent/python3 on this machine (install CPython 3.8 or later, or set CORESWEEP_PYTHON)',
    });
    expect(file.cells.find((c) => c.strategy === 'serial')?.status).toBe('ok');
  });
});
