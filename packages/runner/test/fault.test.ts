/**
 * Faults in a strategy or a workload, with real processes: each ends its cell with status failed (and the error text
 * that says why) while the run goes on to the end, exits 1 and lists the bad cells; nothing is left running.
 *
 * The fault-* workloads (fixtures/fault-kernel.mjs) fault in every part that does not start at 0. The reference runs
 * the whole range at once, so it is right; with --parts-per-worker 2 every cell faults, in whichever thread or process
 * the strategy runs that part: the cell process itself (serial), a worker thread (worker-threads) or a forked child
 * (child-process) — the shipped strategies, not stand-ins.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cell, parseResultFile, type ResultFile } from '@coresweep/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST, FIXTURES, runArgs } from './helpers.js';
import { processesWithMarker, waitFor } from './processes.js';
import { errorLines, runCli, STACK_FRAME } from './spawn-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'coresweep-fault-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAULTS = ['exit', 'abort', 'assert', 'oom', 'throws', 'import'];

function cellOf(file: ResultFile, workload: string, strategy: string): Cell {
  const cell = file.cells.find((c) => c.workload === workload && c.strategy === strategy);
  if (!cell) throw new Error(`no cell ${workload}/${strategy}`);
  return cell;
}

describe('faults inside a workload, under the shipped strategies', () => {
  const out = join(dir, 'workload-faults.json');
  const marker = `coresweep-test-fault-workloads-${process.pid}`;
  let result: Awaited<ReturnType<typeof runCli>>;
  let file: ResultFile;

  beforeAll(async () => {
    result = await runCli(
      runArgs({
        workload: FAULTS.map((f) => join(FIXTURES, `fault-${f}-workload.mjs`)),
        workloads: FAULTS.map((f) => `fault-${f}`).join(','),
        strategies: 'serial,worker-threads,child-process',
        workers: 1,
        'parts-per-worker': 2,
        timeout: 30,
        out,
        ...FAST,
        seed: 5,
      }),
      {
        cwd: dir,
        // A small heap for the cell processes, their worker threads and forked children, so that running out of
        // memory takes a fraction of a second and a few tens of MB (Node's default here is about 4 GB and 20 s).
        env: { CORESWEEP_TEST_MARKER: marker, NODE_OPTIONS: '--max-old-space-size=96' },
      },
    );
    file = parseResultFile(readFileSync(out, 'utf8'), out);
  }, 120_000);

  it('runs every cell to the end, exits 1 and summarises the bad cells', () => {
    expect(result.exitCode, result.all).toBe(1);
    expect(file.state).toBe('complete');
    expect(file.cells).toHaveLength(FAULTS.length * 3);
    // Every fault ends in failed, never in a timeout: the runner saw each one as it happened.
    const bad = file.cells.filter((c) => c.status !== 'ok');
    expect(bad.every((c) => c.status === 'failed')).toBe(true);
    expect(bad).toHaveLength(16); // fault-import only faults in a worker thread
    expect(result.stdout).toMatch(/16 cell\(s\) did not finish ok:/);
    for (const cell of bad) {
      const line = new RegExp(`^  failed +${cell.workload} 20k ${cell.strategy} x1: \\S`, 'm');
      expect(result.stdout).toMatch(line);
    }
    for (const cell of file.cells) expect(cell.reference).toBe('59997'); // sum of i mod 7 below 20000
    expect(existsSync(`${out}.journal.jsonl`)).toBe(false);
  });

  it('a part that calls process.exit: the cell process, a worker thread, a forked child', () => {
    expect(cellOf(file, 'fault-exit', 'serial').error).toMatch(/^cell process exited with code 7/);
    expect(cellOf(file, 'fault-exit', 'worker-threads').error).toMatch(/worker 0 exited unexpectedly \(exit code 7\)/);
    expect(cellOf(file, 'fault-exit', 'child-process').error).toMatch(/worker 0 .*exited unexpectedly \(exit code 7\)/);
  });

  it('a part that aborts: the cell process dies by SIGABRT, a forked child too; a worker thread may not abort', () => {
    expect(cellOf(file, 'fault-abort', 'serial').error).toMatch(/^cell process killed by SIGABRT/);
    expect(cellOf(file, 'fault-abort', 'child-process').error).toMatch(/exited unexpectedly \(signal SIGABRT\)/);
    // Node refuses process.abort() inside a worker thread: it throws, and that is the part's error.
    expect(cellOf(file, 'fault-abort', 'worker-threads').error).toMatch(
      /process\.abort\(\) is not supported in workers/,
    );
  });

  it("a part that fails Node's native assertion: the cell's error names it, from the cell, a thread or a child", () => {
    // A failed assertion aborts the whole process, a worker thread's too; the runtime's line leads the error.
    const assertion =
      /^cell process killed by SIGABRT: Assertion failed: \(err\) < \(0\) \(in .*ErrName.* at \S+uv\.cc:\d+\)$/;
    expect(cellOf(file, 'fault-assert', 'serial').error?.split('\n')[0]).toMatch(assertion);
    expect(cellOf(file, 'fault-assert', 'worker-threads').error?.split('\n')[0]).toMatch(assertion);
    // A forked child's abort is the strategy's to report; the line the child printed into the cell's output follows.
    const child = cellOf(file, 'fault-assert', 'child-process').error ?? '';
    expect(child).toMatch(/exited unexpectedly \(signal SIGABRT\)/);
    expect(child).toMatch(/\nthe cell's output names a fatal runtime error: Assertion failed: \(err\) < \(0\) \(in /);
  });

  it('a part that runs out of memory: the V8 message leads the error, a worker dies alone', () => {
    // The fatal line comes first although V8 prints a long native stack trace after it.
    expect(cellOf(file, 'fault-oom', 'serial').error?.split('\n')[0]).toMatch(
      /^cell process killed by SIGABRT: FATAL ERROR: .*JavaScript heap out of memory$/,
    );
    expect(cellOf(file, 'fault-oom', 'worker-threads').error).toMatch(/reaching memory limit: JS heap out of memory/);
    expect(cellOf(file, 'fault-oom', 'child-process').error).toMatch(/exited unexpectedly \(signal SIGABRT\)/);
  });

  it('a part that throws for some ranges: the error text travels from wherever the part ran', () => {
    for (const strategy of ['serial', 'worker-threads', 'child-process']) {
      expect(cellOf(file, 'fault-throws', strategy).error).toMatch(
        /^RangeError: fault-throws: deliberate failure in run\(10000, 20000\)/,
      );
    }
  });

  it('a workload that cannot be imported in a worker thread fails that cell only', () => {
    expect(cellOf(file, 'fault-import', 'worker-threads').error).toMatch(/cannot be imported in a worker thread/);
    expect(cellOf(file, 'fault-import', 'serial').status).toBe('ok');
    expect(cellOf(file, 'fault-import', 'child-process').status).toBe('ok');
  });

  it('leaves no process behind', async () => {
    expect(await waitFor(() => processesWithMarker(marker).length === 0, 5_000)).toBe(true);
  });
});

describe('faults inside a strategy', () => {
  it('a segfault in the cell, a worker out of memory, 2 MB of output then exit: failed promptly, nothing left', async () => {
    const out = join(dir, 'strategy-faults.json');
    const marker = `coresweep-test-fault-strategies-${process.pid}`;
    const result = await runCli(
      runArgs({
        strategy: [
          join(FIXTURES, 'segfault-strategy.mjs'),
          join(FIXTURES, 'oom-worker-strategy.mjs'),
          join(FIXTURES, 'chatty-strategy.mjs'),
        ],
        workloads: 'do-math',
        sizes: 100000,
        strategies: 'serial',
        workers: 1,
        timeout: 60,
        out,
        ...FAST,
        seed: 5,
      }),
      { cwd: dir, env: { CORESWEEP_TEST_MARKER: marker } },
    );
    expect(result.exitCode, result.all).toBe(1);
    const file = parseResultFile(readFileSync(out, 'utf8'), out);
    expect(Object.fromEntries(file.cells.map((c) => [c.strategy, c.status]))).toEqual({
      serial: 'ok',
      'fixture-segfault': 'failed',
      'fixture-oom-worker': 'failed',
      'fixture-chatty': 'failed',
    });

    const segfault = cellOf(file, 'do-math', 'fixture-segfault');
    // The signal, and what the cell wrote before it: its helper still held the cell's stdout and stderr, and the
    // runner must not wait for those pipes to close (that would end as a timeout after 60 s).
    expect(segfault.error).toMatch(/^cell process killed by SIGSEGV\n.*fixture-segfault: about to crash/s);
    expect(segfault.repetitions[0]?.durationMs).toBeLessThan(30_000);

    // The worker died of its 32 MB limit; the cell process survived to report it.
    expect(cellOf(file, 'do-math', 'fixture-oom-worker').error).toMatch(/^Error \[ERR_WORKER_OUT_OF_MEMORY\]/);

    // 2 MB of output neither blocked the cell nor got it killed; the error ends with its last words.
    const chatty = cellOf(file, 'do-math', 'fixture-chatty').error ?? '';
    expect(chatty).toMatch(/^cell process exited with code 3\n/);
    expect(chatty).toMatch(/fixture-chatty: last words$/);
    expect(chatty.split('\n').length).toBeLessThanOrEqual(13);

    expect(result.stdout).toMatch(/3 cell\(s\) did not finish ok:/);
    expect(await waitFor(() => processesWithMarker(marker).length === 0, 5_000)).toBe(true);
  }, 120_000);
});

describe('a module that fails to import is bad input', () => {
  // Written here rather than kept as a fixture: the linter would rightly refuse a file that does not parse.
  const syntaxError = join(dir, 'syntax-error-workload.mjs');
  writeFileSync(syntaxError, "export default { id: 'syntax-error', run( };\n");

  it.each([
    ['throws at import', join(FIXTURES, 'broken-import-workload.mjs'), /deliberate failure at import$/],
    ['is not valid JavaScript', syntaxError, /Unexpected token/],
  ])('a --workload that %s exits 2 with one line naming the file', async (_name, path, message) => {
    const result = await runCli(['run', '--workload', path], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`--workload ${path}: cannot import`);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
