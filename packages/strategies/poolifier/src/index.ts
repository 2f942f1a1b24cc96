/**
 * poolifier: a worker_threads pool that reports itself faster than piscina and tinypool, here as a third yardstick
 * from the ecosystem. Its FixedThreadPool with default settings and `workers` threads, one poolifier task per part.
 * Like piscina and tinypool, start() returns as soon as the threads are spawned: poolifier accepts tasks at once and
 * queues them on each thread's port, so the threads load the workload during the first run.
 *
 * poolifier leaves two things to its user that the Executor contract demands, so this module adds them:
 * - a thread that exits in the middle of a task leaves that task's promise pending for ever (poolifier starts a
 *   replacement thread), so the exit breaks the executor: pending and later runs reject with E_WORKER_EXIT;
 * - destroy() does not settle tasks still in flight, so close() rejects the pending runs itself.
 */
import { fileURLToPath } from 'node:url';
import { CoresweepError, defineStrategy, type PartRange } from '@coresweep/core';
import { FixedThreadPool, PoolEvents } from 'poolifier';
import type { PartTask, PoolData } from './task.js';

/** The worker file, as a path: poolifier checks that it exists and hands it to `new Worker`. */
const TASK_FILE = fileURLToPath(new URL('./task.js', import.meta.url));

export default defineStrategy({
  id: 'poolifier',
  title: 'poolifier pool',
  description:
    'The poolifier worker_threads pool (FixedThreadPool, default settings): a third yardstick from the ecosystem, ' +
    'which reports itself faster than piscina and tinypool.',
  parallelism: 'threads',
  async start({ workers, workload, signal }) {
    /** Rejecters of the pending runs. */
    const waiting = new Set<(error: Error) => void>();
    let broken: Error | null = null;
    let closed: Promise<void> | null = null;
    const breakPool = (error: Error) => {
      if (closed) return; // threads exiting because close() terminates them
      broken ??= error;
      for (const fail of waiting) fail(broken);
    };
    const workerData: PoolData = { workload };
    const pool = new FixedThreadPool<PartTask, unknown>(workers, TASK_FILE, {
      workerOptions: { workerData },
      // An uncaught error in a thread (the workload failed to load, say); the thread exits after it.
      errorHandler: (error) => breakPool(error),
      exitHandler: (code) =>
        breakPool(
          new CoresweepError('E_WORKER_EXIT', `a poolifier worker thread exited unexpectedly (exit code ${code})`),
        ),
    });
    // poolifier re-emits thread and teardown errors on its emitter; an 'error' event without a listener would end
    // the process. Before close() the pool can no longer be trusted; after, it is noise.
    pool.emitter?.on(PoolEvents.error, (error: Error) => breakPool(error));

    const close = () => {
      closed ??= (async () => {
        const error = signal.aborted
          ? new CoresweepError('E_ABORTED', 'poolifier executor aborted')
          : new CoresweepError('E_CLOSED', 'poolifier executor is closed');
        for (const fail of waiting) fail(error);
        // poolifier unrefs each thread before terminating it, so nothing keeps the event loop alive while destroy()
        // waits for the exits: a script whose last work is `await close()` would end before close() resolves and
        // skip whatever follows it. A timer holds the loop open until destroy() has finished.
        const keepAlive = setInterval(() => undefined, 60_000);
        try {
          await pool.destroy().catch(() => undefined);
        } finally {
          clearInterval(keepAlive);
        }
      })();
      return closed;
    };
    signal.addEventListener('abort', () => void close(), { once: true });

    /** Resolves with `work`, or rejects as soon as the pool breaks or closes. */
    const guarded = async <T>(work: Promise<T>): Promise<T> => {
      let fail: (error: Error) => void = () => undefined;
      const stopped = new Promise<never>((_, reject) => {
        fail = reject;
      });
      waiting.add(fail);
      try {
        return await Promise.race([work, stopped]);
      } finally {
        waiting.delete(fail);
      }
    };

    if (signal.aborted) {
      await close();
      throw new CoresweepError('E_ABORTED', 'poolifier executor aborted');
    }
    return {
      async run(size: number, parts: PartRange[]) {
        if (closed) throw new CoresweepError('E_CLOSED', 'poolifier executor is closed');
        if (broken) throw broken;
        return guarded(Promise.all(parts.map(([start, end]) => pool.execute({ start, end, size }))));
      },
      close,
    };
  },
});
