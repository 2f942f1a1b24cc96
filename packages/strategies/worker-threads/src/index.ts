/**
 * worker-threads: a persistent pool of `workers` worker threads, started in start() and reused by every run().
 * Each thread imports the workload once; parts are handed out dynamically by the strategy kit's pool.
 */
import { Worker } from 'node:worker_threads';
import { defineStrategy } from '@coresweep/core';
import { startPool, type WorkerLink } from '@coresweep/strategy-kit';

/** Compiled worker entry, next to this module in dist (never a TypeScript loader: only compiled JS is measured). */
const WORKER_ENTRY = new URL('./worker.js', import.meta.url);

function spawnThread(_index: number, workloadUrl: string): WorkerLink {
  const worker = new Worker(WORKER_ENTRY, { workerData: { workloadUrl } });
  let lastError: Error | undefined;
  // An uncaught error in the thread arrives here before 'exit'; keep it for the exit reason.
  worker.on('error', (error) => {
    lastError = error;
  });
  return {
    pid: undefined,
    send: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) =>
      worker.once('exit', (code) =>
        listener(lastError ? `exit code ${code}: ${lastError.message}` : `exit code ${code}`),
      ),
    kill: () => void worker.terminate(),
  };
}

export default defineStrategy({
  id: 'worker-threads',
  title: 'worker_threads pool',
  description:
    'A persistent pool of worker threads started once and reused by every run; parts are handed out dynamically.',
  parallelism: 'threads',
  start: (ctx) => startPool(ctx, { name: 'worker-threads', spawn: spawnThread }),
});
