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
import { defineStrategy, NO_TRANSPORT, type Strategy, type Transport } from '@coresweep/core/define';
import { startPool, THREAD_TRANSPORTS, threadLink, type WorkerLink } from '@coresweep/strategy-kit';
import type { ThreadData } from './protocol.js';
import type { ServeThreadData } from './serve-thread.js';
import { SharedDispatch, SharedMemory, type ThreadLink } from './shared-dispatch.js';

const NAME = 'worker-threads';
/** Default cap of one claim: few atomics per run at fine grain, and single parts at the end keep the tail balanced. */
export const DEFAULT_MAX_CLAIM = 64;
/** Compiled worker entry, next to this module in dist (never a TypeScript loader: only compiled JS is measured). */
const WORKER_ENTRY = new URL('./worker.js', import.meta.url);
const SERVE_ENTRY = new URL('./serve-thread.js', import.meta.url);

/** Starts one thread that serves parts of a workload with data, one message per part. */
function spawnServingThread(workloadUrl: string, transport: Transport): WorkerLink {
  const workerData: ServeThreadData = { workloadUrl, transport };
  return threadLink(new Worker(SERVE_ENTRY, { workerData }));
}

/** Starts one thread on the pool's shared memory, with its own port for announcing larger data buffers. */
function spawnThread(memory: SharedMemory, workers: number, maxClaim: number, workloadUrl: string): ThreadLink {
  const { port1, port2 } = new MessageChannel();
  const workerData: ThreadData = { workloadUrl, workers, maxClaim, control: memory.control, port: port2 };
  // The current data buffer is queued on the thread's port before it starts; it adopts it on its first run.
  port1.postMessage(memory.bufferMessage());
  const worker = new Worker(WORKER_ENTRY, { workerData, transferList: [port2] });
  worker.once('exit', () => port1.close());
  return { ...threadLink(worker), port: port1 };
}

export interface WorkerThreadsOptions {
  /**
   * The most parts a thread takes in one atomic claim [64]. 1 makes every part its own claim: one dispatch step per
   * part, like a pool that sends one message per part (the dispatch benchmarks compare pools that way).
   */
  maxClaim?: number;
}

/** The worker-threads strategy with its claim size set; the default export is `createWorkerThreads()`. */
export function createWorkerThreads({ maxClaim = DEFAULT_MAX_CLAIM }: WorkerThreadsOptions = {}): Strategy {
  if (!Number.isSafeInteger(maxClaim) || maxClaim < 1)
    throw new RangeError(`maxClaim must be a positive integer, got ${maxClaim}`);
  return defineStrategy({
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
        spawn: (_index, workloadUrl) => spawnThread(memory, ctx.workers, maxClaim, workloadUrl),
        dispatch: (pool) => new SharedDispatch(pool, memory),
      });
    },
  });
}

export default createWorkerThreads();
