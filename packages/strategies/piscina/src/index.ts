/**
 * piscina: the worker_threads pool many Node.js projects use, with its default settings apart from a fixed
 * thread count (minThreads = maxThreads = workers, so every thread is started in start() and none is retired
 * mid-run). It is here as a yardstick: our own worker-threads strategy should match or beat it.
 */
import { defineStrategy } from '@coresweep/core/define';
import { libraryPoolExecutor, type PartTask, THREAD_TRANSPORTS } from '@coresweep/strategy-kit';
import { Piscina } from 'piscina';
import { movable } from './movable.js';

// Not task.js itself: piscina would require() it, and require(esm) can abort the process (see task-entry.cts).
const TASK_FILE = new URL('./task-entry.cjs', import.meta.url).href;

export default defineStrategy({
  id: 'piscina',
  title: 'piscina pool',
  description:
    'The piscina worker_threads pool (default settings, fixed thread count): a yardstick from the ecosystem ' +
    'for our own worker-threads strategy.',
  parallelism: 'threads',
  // A task's data is structured-cloned by piscina's postMessage, moved the way piscina's users move it (a task and a
  // result wrapped by Piscina.move, carrying their buffers), or shared (SharedArrayBuffer views cross unchanged).
  transports: THREAD_TRANSPORTS,
  async start({ workers, workload, signal, transport }) {
    const pool = new Piscina<PartTask, unknown>({
      filename: TASK_FILE,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    return libraryPoolExecutor({
      name: 'piscina',
      pool: {
        run: (task, transfer) => pool.run(transfer.length === 0 ? task : movable(task, transfer)),
        on: (event, listener) => pool.on(event, listener),
      },
      workload,
      signal,
      transport,
      destroy: () => pool.destroy(),
    });
  },
});
