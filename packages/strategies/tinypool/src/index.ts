/**
 * tinypool: the small worker_threads pool behind vitest, with a fixed thread count (minThreads = maxThreads =
 * workers). It is here as a yardstick next to piscina and our own worker-threads strategy.
 */
import { defineStrategy, type PartRange } from '@coresweep/core';
import Tinypool from 'tinypool';

const TASK_FILE = new URL('./task.js', import.meta.url).href;

export default defineStrategy({
  id: 'tinypool',
  title: 'tinypool pool',
  description:
    'The tinypool worker_threads pool (the pool vitest uses) with a fixed thread count: a second yardstick ' +
    'from the ecosystem.',
  parallelism: 'threads',
  async start({ workers, workload, signal }) {
    const pool = new Tinypool({
      filename: TASK_FILE,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    let closed: Promise<void> | null = null;
    const close = () => {
      closed ??= pool.destroy();
      return closed;
    };
    signal.addEventListener('abort', () => void close(), { once: true });
    return {
      async run(size: number, parts: PartRange[]) {
        if (closed) throw new Error('tinypool executor is closed');
        return Promise.all(parts.map(([start, end]) => pool.run({ workload, start, end, size }) as Promise<unknown>));
      },
      close,
    };
  },
});
