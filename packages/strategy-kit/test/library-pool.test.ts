/**
 * libraryPoolExecutor() over a fake library pool whose tasks settle when the test says so: the contract piscina and
 * tinypool share (results in part order, the 'error' event, break(), abort, one destroy). No threads, no timing.
 */
import { EventEmitter } from 'node:events';
import { libraryPoolExecutor, type PartTask } from '@coresweep/strategy-kit';
import { describe, expect, it } from 'vitest';

class FakeLibraryPool extends EventEmitter {
  readonly tasks: Array<{ task: PartTask; resolve: (value: unknown) => void }> = [];
  destroyed = 0;
  run(task: PartTask): Promise<unknown> {
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
      { workload: 'file:///w.js', start: 0, end: 10, size: 30 },
      { workload: 'file:///w.js', start: 10, end: 30, size: 30 },
    ]);
    pool.tasks[1]?.resolve('b');
    pool.tasks[0]?.resolve('a');
    expect(await running).toEqual(['a', 'b']);
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
