/**
 * piscina: the worker_threads pool many Node.js projects use, with its default settings apart from a fixed
 * thread count (minThreads = maxThreads = workers, so every thread is started in start() and none is retired
 * mid-run). It is here as a yardstick: our own worker-threads strategy should match or beat it.
 */
import { defineStrategy, type PartRange } from '@coresweep/core';
import { Piscina } from 'piscina';
import type { PartTask } from './task.js';

// Not task.js itself: piscina would require() it, and require(esm) can abort the process (see task-entry.cts).
const TASK_FILE = new URL('./task-entry.cjs', import.meta.url).href;

export default defineStrategy({
  id: 'piscina',
  title: 'piscina pool',
  description:
    'The piscina worker_threads pool (default settings, fixed thread count): a yardstick from the ecosystem ' +
    'for our own worker-threads strategy.',
  parallelism: 'threads',
  async start({ workers, workload, signal }) {
    const pool = new Piscina<PartTask, unknown>({
      filename: TASK_FILE,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    let closed: Promise<void> | null = null;
    // piscina reports a reply for a task it no longer tracks (a part still running when destroy() was called after
    // another part threw) as an 'error' event; unhandled, it would crash the process. After close() it is noise;
    // before, the pool can no longer be trusted, so the next run() fails with it.
    let broken: Error | null = null;
    pool.on('error', (error: Error) => {
      if (!closed) broken = error;
    });
    const close = () => {
      closed ??= pool.destroy();
      return closed;
    };
    signal.addEventListener('abort', () => void close(), { once: true });
    return {
      async run(size: number, parts: PartRange[]) {
        if (closed) throw new Error('piscina executor is closed');
        if (broken) throw broken;
        return Promise.all(parts.map(([start, end]) => pool.run({ workload, start, end, size })));
      },
      close,
    };
  },
});
