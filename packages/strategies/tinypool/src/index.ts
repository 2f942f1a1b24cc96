/**
 * tinypool: the small worker_threads pool behind vitest, with a fixed thread count (minThreads = maxThreads =
 * workers). It is here as a yardstick next to piscina and our own worker-threads strategy.
 */
import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import { CoresweepError, defineStrategy } from '@coresweep/core/define';
import { libraryPoolExecutor } from '@coresweep/strategy-kit';
import Tinypool from 'tinypool';
import type { PoolData } from './task.js';

const TASK_FILE = new URL('./task.js', import.meta.url).href;
/** tinypool's destroy() never resolves after a thread died mid-task; close() does not wait longer than this. */
const DESTROY_WAIT_MS = 2000;

export default defineStrategy({
  id: 'tinypool',
  title: 'tinypool pool',
  description:
    'The tinypool worker_threads pool (the pool vitest uses) with a fixed thread count: a second yardstick ' +
    'from the ecosystem.',
  parallelism: 'threads',
  // A task's data is structured-cloned, moved with tinypool's transferList, or shared (SharedArrayBuffer views).
  transports: ['clone', 'transfer', 'shared'],
  unsupported({ runtime }) {
    // Measured on Deno 2.9: with its default useAtomics a tinypool thread blocks in Atomics.wait and then polls its
    // port with receiveMessageOnPort; under Deno the task posted to that port never arrives, so even a one-line task
    // never returns (it does with useAtomics: false, which would no longer be tinypool as people use it). A later
    // major is tried again.
    if (runtime.name === 'deno' && runtime.version.startsWith('2.')) {
      return (
        'tinypool never returns on Deno 2: its threads wait for tasks with Atomics.wait and receiveMessageOnPort ' +
        '(useAtomics, its default), and under Deno no task reaches them'
      );
    }
    return null;
  },
  async start({ workers, workload, signal, transport }) {
    const workerData: PoolData = { exitChannel: `coresweep-tinypool-${randomUUID()}` };
    const pool = new Tinypool({
      filename: TASK_FILE,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData,
    });
    const exits = new BroadcastChannel(workerData.exitChannel);
    const executor = libraryPoolExecutor({
      name: 'tinypool',
      pool: {
        run: (task, transfer) => pool.run(task, transfer.length > 0 ? { transferList: transfer } : {}),
        on: (event, listener) => pool.on(event, listener),
      },
      workload,
      signal,
      transport,
      async destroy() {
        exits.close();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          pool.destroy().catch(() => undefined),
          new Promise((resolve) => {
            timer = setTimeout(resolve, DESTROY_WAIT_MS);
          }),
        ]);
        clearTimeout(timer);
      },
    });
    // A thread's exit outside close() breaks the pool: every pending and later run() rejects.
    exits.onmessage = (event) =>
      executor.break(
        new CoresweepError(
          'E_WORKER_EXIT',
          `a tinypool worker thread exited unexpectedly (exit code ${(event as MessageEvent).data.code})`,
        ),
      );
    return executor;
  },
});
