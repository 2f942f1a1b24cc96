/**
 * worker-threads: a persistent pool of `workers` worker threads, started in start() and reused by every run(), that
 * dispatches through shared memory instead of one message per part (shared-dispatch.ts, worker.ts). A workload with
 * data is served one message per part instead (serve-thread.ts, the strategy kit's dispatch), its data moved by the
 * cell's transport: clone, transfer or shared.
 *
 * The pool's lifecycle is the strategy kit's: start() resolves once every thread has imported the workload; a part
 * that throws rejects its run() with the thread's message and stack (the pool stays usable); a thread that exits
 * unasked, or an aborted signal, rejects everything pending and later (E_WORKER_EXIT / E_ABORTED) and stops every
 * thread; close() terminates every thread, resolves once each has exited, and is idempotent.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { defineStrategy, NO_TRANSPORT, type Transport } from '@coresweep/core';
import { startPool, THREAD_TRANSPORTS, threadLink, type WorkerLink } from '@coresweep/strategy-kit';
import type { ThreadData } from './protocol.js';
import type { ServeThreadData } from './serve-thread.js';
import { SharedDispatch, SharedMemory, type ThreadLink } from './shared-dispatch.js';

const NAME = 'worker-threads';
/** Compiled worker entry, next to this module in dist (never a TypeScript loader: only compiled JS is measured). */
const WORKER_ENTRY = new URL('./worker.js', import.meta.url);
const SERVE_ENTRY = new URL('./serve-thread.js', import.meta.url);

/** Starts one thread that serves parts of a workload with data, one message per part. */
function spawnServingThread(workloadUrl: string, transport: Transport): WorkerLink {
  const workerData: ServeThreadData = { workloadUrl, transport };
  return threadLink(new Worker(SERVE_ENTRY, { workerData }));
}

/** Starts one thread on the pool's shared memory, with its own port for announcing larger data buffers. */
function spawnThread(memory: SharedMemory, workers: number, workloadUrl: string): ThreadLink {
  const { port1, port2 } = new MessageChannel();
  const workerData: ThreadData = { workloadUrl, workers, control: memory.control, port: port2 };
  // The current data buffer is queued on the thread's port before it starts; it adopts it on its first run.
  port1.postMessage(memory.bufferMessage());
  const worker = new Worker(WORKER_ENTRY, { workerData, transferList: [port2] });
  worker.once('exit', () => port1.close());
  return { ...threadLink(worker), port: port1 };
}

export default defineStrategy({
  id: NAME,
  title: 'worker_threads pool',
  description:
    'A persistent pool of worker threads started once and reused by every run; parts are dispatched through shared ' +
    'memory (ranges written once per run, threads self-schedule with Atomics, numeric results written in place).',
  parallelism: 'threads',
  transports: THREAD_TRANSPORTS,
  start(ctx) {
    if ((ctx.transport ?? NO_TRANSPORT) !== NO_TRANSPORT) {
      return startPool(ctx, {
        name: NAME,
        spawn: (_index, workloadUrl, transport) => spawnServingThread(workloadUrl, transport),
      });
    }
    const memory = new SharedMemory();
    return startPool(ctx, {
      name: NAME,
      spawn: (_index, workloadUrl) => spawnThread(memory, ctx.workers, workloadUrl),
      dispatch: (pool) => new SharedDispatch(pool, memory),
    });
  },
});
