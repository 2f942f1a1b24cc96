/**
 * tinypool: the small worker_threads pool behind vitest, with a fixed thread count (minThreads = maxThreads =
 * workers). It is here as a yardstick next to piscina and our own worker-threads strategy.
 */
import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import { CoresweepError, defineStrategy, type PartRange } from '@coresweep/core';
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
  async start({ workers, workload, signal }) {
    const workerData: PoolData = { exitChannel: `coresweep-tinypool-${randomUUID()}` };
    const pool = new Tinypool({
      filename: TASK_FILE,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData,
    });
    // A thread's exit outside close() breaks the pool: every pending and later run() rejects.
    let broken: Error | null = null;
    const failPending = new Set<(error: Error) => void>();
    const exits = new BroadcastChannel(workerData.exitChannel);
    exits.onmessage = (event) => {
      if (closed) return;
      broken = new CoresweepError(
        'E_WORKER_EXIT',
        `a tinypool worker thread exited unexpectedly (exit code ${(event as MessageEvent).data.code})`,
      );
      for (const fail of failPending) fail(broken);
    };
    let closed: Promise<void> | null = null;
    // Like piscina, tinypool emits 'error' for a reply to a task it no longer tracks; unhandled it would crash the
    // process. After close() it is noise; before, it breaks the pool.
    pool.on('error', (error: Error) => {
      if (!closed) broken = error;
    });
    const close = () => {
      closed ??= (async () => {
        exits.close();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          pool.destroy().catch(() => undefined),
          new Promise((resolve) => {
            timer = setTimeout(resolve, DESTROY_WAIT_MS);
          }),
        ]);
        clearTimeout(timer);
      })();
      return closed;
    };
    signal.addEventListener('abort', () => void close(), { once: true });
    return {
      async run(size: number, parts: PartRange[]) {
        if (closed) throw new Error('tinypool executor is closed');
        if (broken) throw broken;
        let fail: (error: Error) => void = () => undefined;
        const died = new Promise<never>((_, reject) => {
          fail = reject;
        });
        failPending.add(fail);
        try {
          return await Promise.race([
            Promise.all(parts.map(([start, end]) => pool.run({ workload, start, end, size }) as Promise<unknown>)),
            died,
          ]);
        } finally {
          failPending.delete(fail);
        }
      },
      close,
    };
  },
});
