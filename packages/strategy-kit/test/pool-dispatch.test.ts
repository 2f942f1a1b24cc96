/**
 * The pool's dispatch and failure rules, driven through fake workers so every interleaving is chosen by the test
 * (no threads, no processes, no timing). Imports the built kit like every other consumer.
 */
import { serializeError } from '@coresweep/core';
import { type PartRequest, startPool, type WorkerLink, type WorkerMessage } from '@coresweep/strategy-kit';
import { describe, expect, it } from 'vitest';

class FakeWorker implements WorkerLink {
  readonly sent: PartRequest[] = [];
  killed = false;
  private messageListener: ((message: unknown) => void) | undefined;
  private exitListener: ((reason: string) => void) | undefined;
  constructor(readonly pid: number | undefined) {}
  send(message: PartRequest) {
    this.sent.push(message);
  }
  onMessage(listener: (message: unknown) => void) {
    this.messageListener = listener;
  }
  onExit(listener: (reason: string) => void) {
    this.exitListener = listener;
  }
  kill() {
    this.killed = true;
    queueMicrotask(() => this.exitListener?.('killed'));
  }
  reply(message: WorkerMessage) {
    this.messageListener?.(message);
  }
  /** Answers the last request with `value`. */
  finish(value: unknown) {
    const last = this.sent.at(-1) as PartRequest;
    this.reply({ type: 'done', id: last.id, value });
  }
  die(reason: string) {
    this.exitListener?.(reason);
  }
}

/** Starts a pool of fake workers (pids 1000, 1001, ..., or none) that have not said ready yet. */
function startFakes(workers: number, { signal = new AbortController().signal, pids = true } = {}) {
  const fakes: FakeWorker[] = [];
  const started = startPool(
    { workers, workload: 'file:///fake.js', signal },
    {
      name: 'fake',
      spawn: (index) => {
        const fake = new FakeWorker(pids ? 1000 + index : undefined);
        fakes.push(fake);
        return fake;
      },
    },
  );
  return { started, fakes };
}

async function fakePool(workers: number, signal = new AbortController().signal) {
  const { started, fakes } = startFakes(workers, { signal });
  for (const fake of fakes) fake.reply({ type: 'ready' });
  return { executor: await started, fakes };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('pool dispatch', () => {
  it('hands the next part to whichever worker finishes first, one message per part, results in index order', async () => {
    const { executor, fakes } = await fakePool(2);
    const [a, b] = fakes as [FakeWorker, FakeWorker];
    const running = executor.run(100, [
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 100],
    ]);
    expect(a.sent.map((m) => m.start)).toEqual([0]);
    expect(b.sent.map((m) => m.start)).toEqual([10]);
    a.finish('p0');
    expect(a.sent.map((m) => m.start)).toEqual([0, 20]); // a is idle again: it takes part 2 while b still works
    a.finish('p2');
    expect(a.sent.map((m) => m.start)).toEqual([0, 20, 30]);
    b.finish('p1');
    a.finish('p3');
    expect(await running).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(a.sent.length + b.sent.length).toBe(4);
    expect(a.sent[0]).toMatchObject({ type: 'part', size: 100, start: 0, end: 10 });
    expect(executor.pids()).toEqual([1000, 1001]);
    await executor.close();
  });

  it("rejects run() with the worker's message and stack when a part throws, and stays usable", async () => {
    const { executor, fakes } = await fakePool(1);
    const [a] = fakes as [FakeWorker];
    const remote = new Error('boom in worker');
    remote.stack = 'Error: boom in worker\n    at remoteFunction (file:///remote.js:1:1)';
    const failing = executor.run(10, [
      [0, 5],
      [5, 10],
    ]);
    a.reply({ type: 'failed', id: (a.sent[0] as PartRequest).id, error: serializeError(remote) });
    const error = await failing.catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('boom in worker');
    expect((error as Error).stack).toContain('remoteFunction');
    expect(a.sent).toHaveLength(1); // the failed run's other part is dropped, not computed
    const next = executor.run(10, [[0, 10]]);
    a.finish(42);
    expect(await next).toEqual([42]);
    await executor.close();
  });

  it('a worker that exits unasked rejects pending and later runs, and stops the other workers', async () => {
    const { executor, fakes } = await fakePool(2);
    const [a, b] = fakes as [FakeWorker, FakeWorker];
    const running = executor.run(10, [
      [0, 5],
      [5, 10],
    ]);
    a.die('exit code 9');
    await expect(running).rejects.toMatchObject({ code: 'E_WORKER_EXIT' });
    await expect(running).rejects.toThrow(
      /worker 0 \(pid 1000\) exited unexpectedly \(exit code 9\) while running part 0/,
    );
    await expect(executor.run(10, [[0, 10]])).rejects.toMatchObject({ code: 'E_WORKER_EXIT' });
    await settle();
    expect(b.killed).toBe(true);
    expect(executor.pids()).toEqual([]);
    await executor.close();
  });

  it('abort rejects the pending run and stops every worker', async () => {
    const controller = new AbortController();
    const { executor, fakes } = await fakePool(2, controller.signal);
    const running = executor.run(10, [[0, 10]]);
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'E_ABORTED' });
    await settle();
    expect(fakes.every((f) => f.killed)).toBe(true);
    await executor.close();
  });

  it('close() rejects a pending run, is idempotent, and later runs reject with E_CLOSED', async () => {
    const { executor, fakes } = await fakePool(2);
    const running = executor.run(10, [[0, 10]]);
    const first = executor.close();
    expect(executor.close()).toBe(first);
    await first;
    await expect(running).rejects.toMatchObject({ code: 'E_CLOSED' });
    await expect(executor.run(10, [[0, 10]])).rejects.toMatchObject({ code: 'E_CLOSED' });
    expect(fakes.every((f) => f.killed)).toBe(true);
  });

  it('start() rejects and stops every worker when one cannot load the workload', async () => {
    const { started, fakes } = startFakes(2, { pids: false });
    fakes[0]?.reply({ type: 'ready' });
    fakes[1]?.reply({ type: 'load-failed', error: serializeError(new Error('Cannot find module')) });
    await expect(started).rejects.toMatchObject({ code: 'E_INVALID_MODULE' });
    await settle();
    expect(fakes.every((f) => f.killed)).toBe(true);
  });
});
