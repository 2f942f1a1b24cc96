/**
 * The CPython pools through their executor: exact do-math parts where the square of a position no longer fits a
 * double's 53 bits, errors with Python's own traceback, a dying pool process or interpreter, a twin that does not
 * load, no interpreter at all — and nothing alive after close(). (Correctness over many partitions, abort and a
 * SIGKILLed primary are the conformance suite's, which runs over both strategies.)
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Executor, PartRange, Workload } from '@coresweep/core';
import { FAILURE_MESSAGE, fixtureWorkloadUrls } from '@coresweep/strategy-kit/fixtures';
import { builtinWorkloadUrls } from '@coresweep/workloads';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { type PoolMode, probePython, pythonCommand, pythonUnsupported, startPython } from '../src/index.js';

const SERVER = fileURLToPath(new URL('../python/server.py', import.meta.url));

const TEST_TWINS: Record<string, string> = {
  'fixture-failing': fileURLToPath(new URL('./twins/failing.py', import.meta.url)),
  'fixture-dying': fileURLToPath(new URL('./twins/dying.py', import.meta.url)),
  'do-math': fileURLToPath(new URL('./twins/broken.py', import.meta.url)),
};

const doMathUrl = builtinWorkloadUrls.find((url) => url.includes('do-math')) as string;
/** Without an interpreter there is nothing to run (the runner then plans every Python cell skipped: run.test.ts). */
const noPython = 'problem' in probePython();
const open: Executor[] = [];
afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((e) => e.close()));
});

async function start(mode: PoolMode, workload: string, workers = 2, twins?: Record<string, string>) {
  const executor = await startPython(
    { workers, workload, signal: new AbortController().signal },
    { name: `python-${mode}`, mode, ...(twins ? { twinFor: (id: string) => twins[id] } : {}) },
  );
  open.push(executor);
  return executor;
}

/** Ten parts of 10 units: the one covering unit 13 is the second. */
const TEN_PARTS: PartRange[] = Array.from({ length: 10 }, (_, i) => [i * 10, i * 10 + 10]);

/** As strict as the runner's check after close(): a zombie (exited, not reaped) still counts as alive. */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function closeAndExpectGone(executor: Executor, pids: number[]) {
  await executor.close();
  for (const pid of pids) expect(exists(pid), `pid ${pid} still exists after close()`).toBe(false);
}

describe.skipIf(noPython).each(['threads', 'processes'] as const)('python %s', (mode) => {
  it('computes do-math parts exactly where the square of a position exceeds 2^53', async () => {
    const doMath = (await import(doMathUrl)).default as Workload;
    const size = 300_000_000;
    const parts: PartRange[] = [
      [299_950_000, 300_000_000],
      [94_900_000, 94_950_000], // (pos - 1e6)^2 > 2^53 from pos ≈ 95.9M
      [95_900_000, 95_950_000],
      [0, 50_000],
      [7, 7],
    ];
    const executor = await start(mode, doMathUrl);
    const pids = executor.pids();
    expect(pids.length).toBe(mode === 'processes' ? 3 : 1);
    expect(await executor.run(size, parts)).toEqual(parts.map(([s, e]) => doMath.run(s, e, size)));
    await closeAndExpectGone(executor, pids);
  });

  it("rejects run() with Python's message and traceback when a part raises, and stays usable", async () => {
    const executor = await start(mode, fixtureWorkloadUrls.failing, 2, TEST_TWINS);
    const pids = executor.pids();
    const error = await executor.run(100, TEN_PARTS).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(FAILURE_MESSAGE);
    expect(error?.name).toBe('ValueError');
    expect(error?.stack).toContain('throw_fixture_failure');
    expect(
      await executor.run(100, [
        [20, 30],
        [30, 100],
      ]),
    ).toEqual([10, 70]);
    await closeAndExpectGone(executor, pids);
  });

  it('rejects run() when a worker dies, and leaves nothing alive', async () => {
    const executor = await start(mode, fixtureWorkloadUrls.dying, 2, TEST_TWINS);
    const pids = executor.pids();
    await expect(executor.run(100, TEN_PARTS)).rejects.toThrow(
      mode === 'processes' ? /terminated abruptly/ : /exited unexpectedly \(exit code 71\)/,
    );
    await expect(executor.run(100, [[20, 30]])).rejects.toThrow();
    await closeAndExpectGone(executor, pids);
  });

  it('ends like at end of input, pool and all, when a job line is cut short (its parent died mid-write)', async () => {
    const server = execa(
      pythonCommand(),
      ['-I', '-B', SERVER, mode, '2', fileURLToPath(new URL('../python/twins/do_math.py', import.meta.url))],
      { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', reject: false, buffer: { stdout: false } },
    );
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
    const ready = JSON.parse(line) as { type: string; pids: number[] };
    expect(ready.type).toBe('ready');
    server.stdin.end('{"id": 0, "size": 100, "parts": [[0, 5');
    const ended = await server;
    expect(ended.exitCode, ended.stderr).toBe(0);
    expect(ended.stderr).toBe('');
    for (const pid of ready.pids) expect(exists(pid), `pool process ${pid}`).toBe(false);
  });

  it('rejects start() with the Python error when the twin does not load', async () => {
    await expect(start(mode, doMathUrl, 2, TEST_TWINS)).rejects.toThrow(/SyntaxError: .*broken\.py, line 2/);
  });
});

describe('unsupported', () => {
  const cell = (workload: string, size: number) => ({ workload, size });

  it.skipIf(noPython)('runs do-math and primes up to their caps, and says why not otherwise', () => {
    expect(pythonUnsupported(cell('do-math', 10_000_000))).toBeNull();
    expect(pythonUnsupported(cell('primes', 1_000_000))).toBeNull();
    expect(pythonUnsupported(cell('sha256', 1000))).toBe(
      'no CPython twin of sha256 (the Python strategies run do-math and primes)',
    );
    expect(pythonUnsupported(cell('do-math', 30_000_000))).toMatch(/^do-math at 30M units is above 10M, /);
  });

  it('takes its size cap from CORESWEEP_PYTHON_MAX_SIZE and its interpreter from CORESWEEP_PYTHON', async () => {
    const saved = { ...process.env };
    try {
      if (!noPython) {
        process.env.CORESWEEP_PYTHON_MAX_SIZE = '40000000';
        expect(pythonUnsupported(cell('do-math', 30_000_000))).toBeNull();
        process.env.CORESWEEP_PYTHON_MAX_SIZE = 'lots';
        expect(pythonUnsupported(cell('do-math', 1000))).toMatch(
          /CORESWEEP_PYTHON_MAX_SIZE must be a positive integer/,
        );
      }
      process.env.CORESWEEP_PYTHON = '/nonexistent/python3';
      expect(pythonUnsupported(cell('do-math', 1000))).toBe(
        'no /nonexistent/python3 on this machine (install CPython 3.8 or later, or set CORESWEEP_PYTHON)',
      );
      // Started anyway (by hand, not planned), the executor fails at once instead of hanging.
      await expect(start('threads', doMathUrl)).rejects.toThrow(/exited unexpectedly.*ENOENT/);
    } finally {
      process.env = saved;
    }
  });
});
