/**
 * poolifier: a worker_threads pool that reports itself faster than piscina and tinypool, here as a third yardstick
 * from the ecosystem. Its FixedThreadPool with default settings and `workers` threads, one poolifier task per part
 * (the kit's libraryPoolExecutor, as for piscina and tinypool). Like them, start() returns as soon as the threads are
 * spawned: poolifier accepts tasks at once and queues them on each thread's port, so the threads load the workload
 * during the first run.
 *
 * A thread that exits in the middle of a task leaves that task's promise pending for ever (poolifier starts a
 * replacement thread), so an exit or an uncaught error in a thread breaks the executor: pending and later runs reject.
 */
import { fileURLToPath } from 'node:url';
import { CoresweepError, defineStrategy } from '@coresweep/core/define';
import {
  type LibraryPoolExecutor,
  libraryPoolExecutor,
  type PartReply,
  type PartTask,
  THREAD_TRANSPORTS,
} from '@coresweep/strategy-kit';
import { FixedThreadPool, PoolEvents } from 'poolifier';

/** The worker file, as a path: poolifier checks that it exists and hands it to `new Worker`. */
/** How long close() waits for poolifier's destroy() before terminating the threads itself. */
const DESTROY_WAIT_MS = 2000;

const TASK_FILE = fileURLToPath(new URL('./task.js', import.meta.url));

export default defineStrategy({
  id: 'poolifier',
  title: 'poolifier pool',
  description:
    'The poolifier worker_threads pool (FixedThreadPool, default settings): a third yardstick from the ecosystem, ' +
    'which reports itself faster than piscina and tinypool.',
  parallelism: 'threads',
  // clone and shared as piscina; transfer moves the inputs (execute()'s transfer list) while the results come back
  // copied, and counted as copied: poolifier's thread posts its response without a transfer list.
  transports: THREAD_TRANSPORTS,
  async start({ workers, workload, signal, transport }) {
    // The handlers fire only after start() has returned (a thread's events are asynchronous).
    let executor: LibraryPoolExecutor | undefined;
    const pool = new FixedThreadPool<PartTask, PartReply>(workers, TASK_FILE, {
      // An uncaught error in a thread (a workload that fails to load, say); the thread exits after it.
      errorHandler: (error) => executor?.break(error),
      exitHandler: (code) =>
        executor?.break(
          new CoresweepError('E_WORKER_EXIT', `a poolifier worker thread exited unexpectedly (exit code ${code})`),
        ),
    });
    const emitter = pool.emitter;
    if (!emitter) throw new Error('poolifier pool without its event emitter');
    executor = libraryPoolExecutor({
      name: 'poolifier',
      pool: {
        run: (task, transfer) => pool.execute(task, undefined, undefined, transfer),
        // poolifier re-emits thread and teardown errors on its emitter as PoolEvents.error.
        on: (_event, listener) => emitter.on(PoolEvents.error, listener),
      },
      workload,
      signal,
      transport,
      async destroy() {
        // poolifier unrefs each thread before terminating it, so nothing keeps the event loop alive while destroy()
        // waits for the exits: a script whose last work is `await close()` would end before close() resolves and
        // skip whatever follows it. A timer holds the loop open until destroy() has finished.
        const keepAlive = setInterval(() => undefined, 60_000);
        // destroy() can wait for ever: in the close-while-loading stress about 1 close in 5 never resolved with every
        // thread already gone (a thread exiting before poolifier waits for its exit). Like tinypool, the wait is
        // bounded; after it, any thread still listed is terminated so that none outlives the pool.
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            pool.destroy().catch(() => undefined),
            new Promise<void>((resolve) => {
              timer = setTimeout(resolve, DESTROY_WAIT_MS);
            }),
          ]);
          await Promise.all(pool.workerNodes.map((node) => node.worker.terminate().catch(() => undefined)));
        } finally {
          clearTimeout(timer);
          clearInterval(keepAlive);
        }
      },
    });
    return executor;
  },
});
