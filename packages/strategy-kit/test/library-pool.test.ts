/**
 * libraryPoolExecutor() over a fake library pool whose tasks settle when the test says so: the contract piscina,
 * tinypool and poolifier share (results in part order, the 'error' event, break(), close and abort settle pending
 * runs, one destroy). No threads, no timing.
 */
import { EventEmitter } from 'node:events';
import { libraryPoolExecutor, type PartTask } from '@coresweep/strategy-kit';
import { describe, expect, it } from 'vitest';

class FakeLibraryPool extends EventEmitter {
  readonly tasks: Array<{ task: PartTask; resolve: (value: unknown) => void }> = [];
  destroyed = 0;
  run(task: PartTask, _transfer: ArrayBuffer[]): Promise<unknown> {
    return new Promise((resolve) => this.tasks.push({ task, resolve }));
  }
  async destroy(): Promise<void> {
    this.destroyed++;
  }
}

function executorOver(pool: FakeLibraryPool, signal = new AbortController().signal) {
  return libraryPoolExecutor({ name: 'fake', pool, workload: 'file:///w.js', signal, destroy: () => pool.destroy() });
}

describe('libraryPoolExecutor', () => {
  it('sends one task per part and resolves with the results in part order', async () => {
    const pool = new FakeLibraryPool();
    const running = executorOver(pool).run(30, [
      [0, 10],
      [10, 30],
    ]);
    expect(pool.tasks.map((t) => t.task)).toEqual([
      { workload: 'file:///w.js', transport: 'none', start: 0, end: 10, size: 30 },
      { workload: 'file:///w.js', transport: 'none', start: 10, end: 30, size: 30 },
    ]);
    // The worker function answers with computePart()'s reply: the packed value and the bytes it copies.
    pool.tasks[1]?.resolve({ value: 'b', bytes: 1 });
    pool.tasks[0]?.resolve({ value: 'a', bytes: 1 });
    expect(await running).toEqual(['a', 'b']);
  });

  it("carries each part's input in its task by the transport, and counts what moved both ways", async () => {
    const pool = new FakeLibraryPool();
    const executor = libraryPoolExecutor({
      name: 'fake',
      pool,
      workload: 'file:///w.js',
      signal: new AbortController().signal,
      transport: 'clone',
      destroy: () => pool.destroy(),
    });
    const input = new Uint8Array(100);
    const running = executor.run(
      100,
      [
        [0, 40],
        [40, 100],
      ],
      [input.subarray(0, 40), input.subarray(40)],
    );
    expect(pool.tasks.map((t) => [(t.task.input as Uint8Array).byteLength, t.task.transport])).toEqual([
      [40, 'clone'],
      [60, 'clone'],
    ]);
    expect(pool.tasks.every((t) => typeof t.task.sentAt === 'number')).toBe(true);
    for (const { resolve } of pool.tasks)
      resolve({ value: 7, bytes: 8, requestMs: 1, sentAt: performance.timeOrigin + performance.now() });
    expect(await running).toEqual([7, 7]);
    const moved = executor.moved?.();
    expect(moved?.bytes).toBe(40 + 60 + 8 + 8);
    expect(moved?.ms).toBeGreaterThanOrEqual(2);
  });

  it("rejects the next run() with the library's 'error' event before close(), and ignores it after", async () => {
    const pool = new FakeLibraryPool();
    const executor = executorOver(pool);
    const stale = new Error('reply for a task the pool no longer tracks');
    pool.emit('error', stale);
    await expect(executor.run(10, [[0, 10]])).rejects.toBe(stale);

    const closing = new FakeLibraryPool();
    const closed = executorOver(closing);
    await closed.close();
    expect(() => closing.emit('error', stale)).not.toThrow();
    await expect(closed.run(10, [[0, 10]])).rejects.toThrow('fake executor is closed');
  });

  it('break() rejects the pending and later runs; after close() it is ignored', async () => {
    const pool = new FakeLibraryPool();
    const executor = executorOver(pool);
    const pending = executor.run(10, [[0, 10]]);
    const died = new Error('a thread exited');
    executor.break(died);
    await expect(pending).rejects.toBe(died);
    await expect(executor.run(10, [[0, 10]])).rejects.toBe(died);

    const closing = new FakeLibraryPool();
    const closed = executorOver(closing);
    await closed.close();
    closed.break(died);
    await expect(closed.run(10, [[0, 10]])).rejects.toThrow('fake executor is closed');
  });

  it('close() or an abort rejects the runs still pending, for a library whose destroy() leaves them unsettled', async () => {
    const pool = new FakeLibraryPool();
    const executor = executorOver(pool);
    const pending = executor.run(10, [[0, 10]]);
    await executor.close();
    await expect(pending).rejects.toMatchObject({ code: 'E_CLOSED' });

    const aborted = new FakeLibraryPool();
    const controller = new AbortController();
    const abortedExecutor = executorOver(aborted, controller.signal);
    const running = abortedExecutor.run(10, [[0, 10]]);
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'E_ABORTED' });
  });

  it('destroys the pool once, whether closed twice or aborted', async () => {
    const pool = new FakeLibraryPool();
    const controller = new AbortController();
    const executor = executorOver(pool, controller.signal);
    controller.abort();
    await executor.close();
    await executor.close();
    expect(pool.destroyed).toBe(1);
  });
});
