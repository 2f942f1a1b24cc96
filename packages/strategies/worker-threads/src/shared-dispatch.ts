/**
 * worker-threads' dispatch, plugged into the strategy kit's pool lifecycle: one run at a time owns the threads.
 *
 * Per run, the primary writes every part's range once into a SharedArrayBuffer, bumps a shared run generation and
 * wakes the sleeping threads with one Atomics.notify. Each thread then self-schedules (see worker.ts): it claims
 * chunks of parts from a shared counter, computes them, writes results that are numbers or short arrays of numbers
 * into a shared Float64Array, and posts one message per run with anything else. So a run costs the primary O(parts)
 * array writes and O(workers) messages, whatever the number of parts, and the primary's thread is idle while the
 * workers compute.
 */
import type { MessagePort } from 'node:worker_threads';
import { type DataMoved, deserializeError, type PartRange } from '@coresweep/core/define';
import {
  cloneBytes,
  type Dispatch,
  type PoolControl,
  type PoolJob,
  type PoolWorker,
  type WorkerHandle,
} from '@coresweep/strategy-kit';
import {
  type BufferMessage,
  CONTROL_BYTES,
  COUNT,
  type DataViews,
  type DoneMessage,
  dataBytes,
  dataViews,
  EPOCH,
  GEN,
  NEXT,
  readResults,
  SIZE_F64,
  STOP,
  type ThreadMessage,
} from './protocol.js';

/** Parts the first data buffer holds; a run with more parts replaces it with one at least twice as large. */
const INITIAL_CAPACITY = 1024;

/** A thread of the pool: the kit's handle plus the primary's end of the thread's buffer channel. */
export interface ThreadLink extends WorkerHandle {
  readonly port: MessagePort;
}

/**
 * The memory a pool shares with its threads: the control block, fixed for the pool's life, and the data buffer,
 * replaced by a larger one when a run has more parts than it holds.
 */
export class SharedMemory {
  readonly control = new SharedArrayBuffer(CONTROL_BYTES);
  readonly ctrl = new Int32Array(this.control);
  readonly meta = new Float64Array(this.control);
  data: DataViews = dataViews(new SharedArrayBuffer(dataBytes(INITIAL_CAPACITY)), INITIAL_CAPACITY);
  private epoch = 1;

  constructor() {
    Atomics.store(this.ctrl, EPOCH, this.epoch);
  }

  /** The message that hands the current data buffer to a thread (queued on its port before it needs it). */
  bufferMessage(): BufferMessage {
    return { epoch: this.epoch, capacity: this.data.capacity, buffer: this.data.ranges.buffer as SharedArrayBuffer };
  }

  /** Replaces the data buffer with one for at least `count` parts, announced on `ports` before EPOCH changes. */
  grow(count: number, ports: readonly MessagePort[]): void {
    const capacity = Math.max(count, 2 * this.data.capacity);
    this.data = dataViews(new SharedArrayBuffer(dataBytes(capacity)), capacity);
    this.epoch++;
    const message = this.bufferMessage();
    for (const port of ports) port.postMessage(message);
    Atomics.store(this.ctrl, EPOCH, this.epoch);
  }
}

/** The run the threads are working on: the next one starts only once every thread has reported this one done. */
interface Active {
  job: PoolJob;
  gen: number;
  count: number;
  acks: number;
  replies: DoneMessage[];
}

export class SharedDispatch implements Dispatch<ThreadLink> {
  private threads: readonly PoolWorker<ThreadLink>[] = [];
  private readonly pending: PoolJob[] = [];
  private active: Active | undefined;
  private stopped = false;
  /** Results that did not fit shared memory crossed in 'done' messages: those bytes were copied. */
  private copiedBytes = 0;

  constructor(
    private readonly pool: PoolControl,
    private readonly memory: SharedMemory,
  ) {}

  ready(threads: readonly PoolWorker<ThreadLink>[]): void {
    this.threads = threads;
    this.pump();
  }

  submit(job: PoolJob): void {
    this.pending.push(job);
    this.pump();
  }

  message(_thread: PoolWorker<ThreadLink>, raw: unknown): void {
    const message = raw as ThreadMessage;
    const active = this.active;
    if (message?.type !== 'done' || !active || message.gen !== active.gen) return;
    active.replies.push(message);
    this.copiedBytes += cloneBytes(message.values);
    // The first part error rejects the run at once; the next run still waits until every thread has stopped.
    if (message.error) this.pool.reject(active.job, deserializeError(message.error));
    if (++active.acks < this.threads.length) return;
    this.active = undefined;
    if (!active.job.settled) this.pool.resolve(active.job, readResults(this.memory.data, active.count, active.replies));
    this.pump();
  }

  moved(): DataMoved {
    return { bytes: this.copiedBytes, ms: 0 };
  }

  activity(): string {
    return this.active ? ' during a run' : '';
  }

  stop(): void {
    this.stopped = true;
    this.pending.length = 0;
    // Idle threads leave their wait loop; the pool's kill (terminate) also interrupts a thread mid-part.
    const { ctrl } = this.memory;
    Atomics.store(ctrl, STOP, 1);
    Atomics.store(ctrl, NEXT, Atomics.load(ctrl, COUNT));
    Atomics.notify(ctrl, GEN);
  }

  /** Starts the next queued run when the threads are idle. */
  private pump(): void {
    if (this.active || this.stopped || this.threads.length === 0) return;
    let job = this.pending.shift();
    while (job?.settled) job = this.pending.shift();
    if (!job) return;
    const count = job.parts.length;
    try {
      this.writeRanges(job.parts);
    } catch (error) {
      // A malformed part list or a buffer too large to allocate fails this run only.
      this.pool.reject(job, error instanceof Error ? error : new Error(String(error)));
      this.pump();
      return;
    }
    const { ctrl, meta } = this.memory;
    meta[SIZE_F64] = job.size;
    Atomics.store(ctrl, COUNT, count);
    Atomics.store(ctrl, NEXT, 0);
    const gen = Atomics.add(ctrl, GEN, 1) + 1;
    this.active = { job, gen, count, acks: 0, replies: [] };
    Atomics.notify(ctrl, GEN);
  }

  /** Every part's range into shared memory, once per run (zero-copy partitioning for the threads). */
  private writeRanges(parts: readonly PartRange[]): void {
    const count = parts.length;
    if (count > this.memory.data.capacity) {
      this.memory.grow(
        count,
        this.threads.map((thread) => thread.link.port),
      );
    }
    const ranges = this.memory.data.ranges;
    for (let i = 0; i < count; i++) {
      const range = parts[i] as PartRange;
      ranges[2 * i] = range[0];
      ranges[2 * i + 1] = range[1];
    }
  }
}
