/**
 * worker-threads: a persistent pool of `workers` worker threads, started in start() and reused by every run(), that
 * dispatches through shared memory instead of one message per part.
 *
 * Per run, the primary writes every part's range once into a SharedArrayBuffer, bumps a shared run generation and
 * wakes the sleeping threads with one Atomics.notify. Each thread then self-schedules: it claims chunks of parts from
 * a shared counter (guided: large chunks first, single parts at the end, so uneven parts and a slowed core still
 * balance), computes them, writes results that are numbers or short arrays of numbers into a shared Float64Array,
 * and posts one message per run with anything else. So a run costs the primary O(parts) array writes and O(workers)
 * messages, whatever the number of parts, and the primary's thread is idle while the workers compute.
 *
 * Failure rules are those of the strategy kit's pool: a part that throws rejects its run() with the thread's message
 * and stack (the pool stays usable); a thread that exits unasked, or an aborted signal, rejects everything pending
 * and later (E_WORKER_EXIT / E_ABORTED) and stops every thread; close() terminates every thread, resolves once each
 * has exited, and is idempotent.
 */
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import {
  CoresweepError,
  defineStrategy,
  deserializeError,
  type Executor,
  type PartRange,
  type StrategyContext,
} from '@coresweep/core';
import {
  type BufferMessage,
  CONTROL_BYTES,
  COUNT,
  type DataViews,
  dataBytes,
  dataViews,
  EPOCH,
  GEN,
  KIND_MESSAGE,
  KIND_NUMBER,
  KIND_TUPLE,
  NEXT,
  SIZE_F64,
  STOP,
  type ThreadData,
  type ThreadMessage,
  VALUE_STRIDE,
} from './protocol.js';

const NAME = 'worker-threads';
/** Compiled worker entry, next to this module in dist (never a TypeScript loader: only compiled JS is measured). */
const WORKER_ENTRY = new URL('./worker.js', import.meta.url);
/** Parts the first data buffer holds; a run with more parts replaces it with one at least twice as large. */
const INITIAL_CAPACITY = 1024;

interface Thread {
  index: number;
  worker: Worker;
  /** The primary's end of the thread's buffer channel. */
  port: MessagePort;
  alive: boolean;
  ready: boolean;
  exited: Promise<void>;
}

interface Job {
  size: number;
  parts: PartRange[];
  settled: boolean;
  resolve(results: unknown[]): void;
  reject(error: Error): void;
}

/** The run the threads are working on: the next one starts only once every thread has reported this one done. */
interface Active {
  job: Job;
  gen: number;
  count: number;
  acks: number;
  replies: Array<Extract<ThreadMessage, { type: 'done' }>>;
}

class SharedPool {
  readonly started: Promise<Executor>;
  private readonly threads: Thread[] = [];
  private readonly control = new SharedArrayBuffer(CONTROL_BYTES);
  private readonly ctrl = new Int32Array(this.control);
  private readonly meta = new Float64Array(this.control);
  private data: DataViews;
  private epoch = 1;
  private readonly pending: Job[] = [];
  private active: Active | undefined;
  private broken: Error | undefined;
  private closing: Promise<void> | undefined;
  private resolveStarted!: (executor: Executor) => void;
  private rejectStarted!: (error: Error) => void;
  private readonly onAbort = () =>
    this.fail(new CoresweepError('E_ABORTED', `${NAME}: aborted`, { cause: this.ctx.signal.reason }));

  constructor(private readonly ctx: StrategyContext) {
    this.started = new Promise<Executor>((resolve, reject) => {
      this.resolveStarted = resolve;
      this.rejectStarted = reject;
    });
    this.data = dataViews(new SharedArrayBuffer(dataBytes(INITIAL_CAPACITY)), INITIAL_CAPACITY);
    if (!Number.isInteger(ctx.workers) || ctx.workers < 1) {
      this.rejectStarted(new CoresweepError('E_USAGE', `${NAME}: workers must be a positive integer`));
      return;
    }
    if (ctx.signal.aborted) {
      this.rejectStarted(new CoresweepError('E_ABORTED', `${NAME}: aborted before start`));
      return;
    }
    ctx.signal.addEventListener('abort', this.onAbort, { once: true });
    Atomics.store(this.ctrl, EPOCH, this.epoch);
    try {
      for (let index = 0; index < ctx.workers; index++) this.spawn(index);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private spawn(index: number): void {
    const { port1, port2 } = new MessageChannel();
    const workerData: ThreadData = {
      workloadUrl: this.ctx.workload,
      workers: this.ctx.workers,
      control: this.control,
      port: port2,
    };
    // The first data buffer is queued on the thread's port before it starts; it adopts it on its first run.
    port1.postMessage(this.bufferMessage());
    const worker = new Worker(WORKER_ENTRY, { workerData, transferList: [port2] });
    let markExited!: () => void;
    const thread: Thread = {
      index,
      worker,
      port: port1,
      alive: true,
      ready: false,
      exited: new Promise<void>((resolve) => {
        markExited = resolve;
      }),
    };
    this.threads.push(thread);
    let lastError: Error | undefined;
    // An uncaught error in the thread arrives here before 'exit'; keep it for the exit reason.
    worker.on('error', (error) => {
      lastError = error;
    });
    worker.on('message', (message: ThreadMessage) => this.handleMessage(thread, message));
    worker.once('exit', (code) => {
      thread.alive = false;
      port1.close();
      markExited();
      if (this.closing) return;
      const reason = lastError ? `exit code ${code}: ${lastError.message}` : `exit code ${code}`;
      const running = this.active ? ' during a run' : '';
      this.fail(
        new CoresweepError('E_WORKER_EXIT', `${NAME} worker ${index} exited unexpectedly (${reason})${running}`),
      );
    });
  }

  private bufferMessage(): BufferMessage {
    return { epoch: this.epoch, capacity: this.data.capacity, buffer: this.data.ranges.buffer as SharedArrayBuffer };
  }

  private handleMessage(thread: Thread, message: ThreadMessage): void {
    if (!thread.alive || this.broken || this.closing) return;
    switch (message?.type) {
      case 'ready':
        thread.ready = true;
        if (this.threads.length === this.ctx.workers && this.threads.every((t) => t.ready)) {
          this.resolveStarted(this.executor());
          this.pump();
        }
        return;
      case 'load-failed': {
        const cause = deserializeError(message.error);
        this.fail(
          new CoresweepError('E_INVALID_MODULE', `${NAME} worker ${thread.index}: ${cause.message}`, { cause }),
        );
        return;
      }
      case 'done': {
        const active = this.active;
        if (!active || message.gen !== active.gen) return;
        active.replies.push(message);
        // The first part error rejects the run at once; the next run still waits until every thread has stopped.
        if (message.error) this.settle(active.job, deserializeError(message.error));
        if (++active.acks < this.threads.length) return;
        this.active = undefined;
        if (!active.job.settled) this.settle(active.job, undefined, this.collect(active));
        this.pump();
        return;
      }
    }
  }

  /** The run's results in part order: numeric ones from shared memory, the rest from the threads' messages. */
  private collect(active: Active): unknown[] {
    const { values, kinds } = this.data;
    const results = new Array<unknown>(active.count);
    for (let i = 0; i < active.count; i++) {
      const kind = kinds[i] as number;
      if (kind === KIND_MESSAGE) continue;
      const at = i * VALUE_STRIDE;
      if (kind === KIND_NUMBER) results[i] = values[at];
      else if (kind === KIND_TUPLE + 2) results[i] = [values[at], values[at + 1]];
      else results[i] = Array.from(values.subarray(at, at + kind - KIND_TUPLE));
    }
    for (const reply of active.replies) {
      for (let k = 0; k < reply.indices.length; k++) results[reply.indices[k] as number] = reply.values[k];
    }
    return results;
  }

  /** Starts the next queued run when the threads are idle. */
  private pump(): void {
    if (this.active || this.broken || this.closing || !this.threads.every((t) => t.ready)) return;
    let job = this.pending.shift();
    while (job?.settled) job = this.pending.shift();
    if (!job) return;
    const count = job.parts.length;
    try {
      this.ensureCapacity(count);
      const ranges = this.data.ranges;
      for (let i = 0; i < count; i++) {
        const range = job.parts[i] as PartRange;
        ranges[2 * i] = range[0];
        ranges[2 * i + 1] = range[1];
      }
    } catch (error) {
      // A malformed part list or a buffer too large to allocate fails this run only.
      this.settle(job, error instanceof Error ? error : new Error(String(error)));
      this.pump();
      return;
    }
    this.meta[SIZE_F64] = job.size;
    Atomics.store(this.ctrl, COUNT, count);
    Atomics.store(this.ctrl, NEXT, 0);
    const gen = Atomics.add(this.ctrl, GEN, 1) + 1;
    this.active = { job, gen, count, acks: 0, replies: [] };
    Atomics.notify(this.ctrl, GEN);
  }

  /** Replaces the data buffer with a larger one and announces it to every thread before the next run starts. */
  private ensureCapacity(count: number): void {
    if (count <= this.data.capacity) return;
    const capacity = Math.max(count, 2 * this.data.capacity);
    this.data = dataViews(new SharedArrayBuffer(dataBytes(capacity)), capacity);
    this.epoch++;
    const message = this.bufferMessage();
    for (const thread of this.threads) if (thread.alive) thread.port.postMessage(message);
    Atomics.store(this.ctrl, EPOCH, this.epoch);
  }

  private settle(job: Job, error: Error | undefined, results?: unknown[]): void {
    if (job.settled) return;
    job.settled = true;
    if (error) job.reject(error);
    else job.resolve(results ?? []);
  }

  private rejectAll(error: Error): void {
    if (this.active) this.settle(this.active.job, error);
    for (const job of this.pending.splice(0)) this.settle(job, error);
  }

  /** Breaks the pool: rejects everything pending with `error` and stops every thread. */
  private fail(error: Error): void {
    if (this.broken) return;
    this.broken = error;
    this.rejectStarted(error);
    this.rejectAll(error);
    void this.close();
  }

  private run(size: number, parts: PartRange[]): Promise<unknown[]> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closing) return Promise.reject(new CoresweepError('E_CLOSED', `${NAME}: executor is closed`));
    if (parts.length === 0) return Promise.resolve([]);
    return new Promise<unknown[]>((resolve, reject) => {
      this.pending.push({ size, parts, settled: false, resolve, reject });
      this.pump();
    });
  }

  close(): Promise<void> {
    this.closing ??= this.stopAll();
    return this.closing;
  }

  private async stopAll(): Promise<void> {
    this.ctx.signal.removeEventListener('abort', this.onAbort);
    const closed = new CoresweepError('E_CLOSED', `${NAME}: executor closed`);
    this.rejectStarted(closed);
    this.rejectAll(closed);
    // Idle threads leave their wait loop; terminate() also interrupts a thread in the middle of a part.
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.store(this.ctrl, NEXT, Atomics.load(this.ctrl, COUNT));
    Atomics.notify(this.ctrl, GEN);
    for (const thread of this.threads) {
      if (thread.alive) void thread.worker.terminate();
    }
    await Promise.all(this.threads.map((thread) => thread.exited));
  }

  private executor(): Executor {
    return {
      run: (size, parts) => this.run(size, parts),
      close: () => this.close(),
      pids: () => [],
    };
  }
}

export default defineStrategy({
  id: NAME,
  title: 'worker_threads pool',
  description:
    'A persistent pool of worker threads started once and reused by every run; parts are dispatched through shared ' +
    'memory (ranges written once per run, threads self-schedule with Atomics, numeric results written in place).',
  parallelism: 'threads',
  start: (ctx) => new SharedPool(ctx).started,
});
