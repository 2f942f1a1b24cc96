/**
 * The primary side of a pool: starts `workers` workers, waits until each has imported the workload, then hands
 * parts out dynamically (an idle worker takes the next queued part the moment it finishes one), so uneven parts
 * never leave a core idle while work is queued. Results land in index order.
 *
 * Failure rules, chosen so a benchmark never hangs and never leaks:
 * - a part that throws rejects its run() with the worker's error (message and remote stack); the pool stays usable;
 * - a worker that exits unasked breaks the pool: every pending and later run() rejects (E_WORKER_EXIT), and the
 *   remaining workers are stopped at once;
 * - an aborted context signal does the same with E_ABORTED;
 * - close() stops every worker and resolves once each has exited; it is idempotent.
 */
import { CoresweepError, deserializeError, type Executor, type PartRange, type StrategyContext } from '@coresweep/core';
import type { PartRequest, WorkerMessage } from './protocol.js';

/** One worker as the pool sees it; each strategy adapts its thread or process to this shape. */
export interface WorkerLink {
  /** The worker's OS process id, or undefined for a thread of the current process. */
  readonly pid: number | undefined;
  /** Sends a part request. May throw if the worker is already gone; its exit is reported through onExit. */
  send(message: PartRequest): void;
  /** Calls `listener` for every message from the worker (non-kit messages may be passed too; they are ignored). */
  onMessage(listener: (message: unknown) => void): void;
  /** Calls `listener` once when the worker has exited (thread stopped, or process reaped), for whatever reason. */
  onExit(listener: (reason: string) => void): void;
  /** Stops the worker now, even mid-part; its exit is then reported through onExit. */
  kill(): void;
}

/** What a strategy tells the pool. */
export interface PoolOptions {
  /** The strategy id, used in error messages. */
  name: string;
  /** Creates worker number `index` (0-based), already loading `workloadUrl`. */
  spawn(index: number, workloadUrl: string): WorkerLink;
}

/** The executor a pool returns: the contract's Executor with pids() always present. */
export interface PoolExecutor extends Executor {
  pids(): number[];
}

/** One run() call in flight. */
interface Job {
  results: unknown[];
  remaining: number;
  settled: boolean;
  resolve(results: unknown[]): void;
  reject(error: Error): void;
}

/**
 * A first-in first-out queue with O(1) take: Array.shift() moves every remaining item, which made handing out
 * 100 000 fine-grained parts quadratic.
 */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Drop the consumed prefix now and then so a long-lived pool does not keep a growing array.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Puts an item back at the front (a part that could not be sent). */
  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

/** One part of a job, waiting in the queue or running on a worker. */
interface Task {
  job: Job;
  index: number;
  size: number;
  range: PartRange;
}

interface PoolWorker {
  index: number;
  link: WorkerLink;
  exited: Promise<void>;
  alive: boolean;
  ready: boolean;
  current: { id: number; task: Task } | undefined;
}

/**
 * Starts a pool of `ctx.workers` workers created by `options.spawn` and resolves once every worker has imported
 * the workload. Rejects (after stopping every worker it started) if a worker fails to load or exits, or if
 * `ctx.signal` aborts, before the pool is ready.
 */
export function startPool(ctx: StrategyContext, options: PoolOptions): Promise<PoolExecutor> {
  return new Pool(ctx, options).started;
}

class Pool {
  readonly started: Promise<PoolExecutor>;
  private readonly workers: PoolWorker[] = [];
  private readonly idle: PoolWorker[] = [];
  private readonly queue = new Fifo<Task>();
  private readonly jobs = new Set<Job>();
  private nextId = 0;
  /** Set once the pool can take no more work: why later run() calls reject. */
  private broken: Error | undefined;
  private closing: Promise<void> | undefined;
  private resolveStarted!: (executor: PoolExecutor) => void;
  private rejectStarted!: (error: Error) => void;
  private readonly onAbort = () =>
    this.fail(new CoresweepError('E_ABORTED', `${this.options.name}: aborted`, { cause: this.ctx.signal.reason }));

  constructor(
    private readonly ctx: StrategyContext,
    private readonly options: PoolOptions,
  ) {
    this.started = new Promise<PoolExecutor>((resolve, reject) => {
      this.resolveStarted = resolve;
      this.rejectStarted = reject;
    });
    if (!Number.isInteger(ctx.workers) || ctx.workers < 1) {
      this.rejectStarted(new CoresweepError('E_USAGE', `${options.name}: workers must be a positive integer`));
      return;
    }
    if (ctx.signal.aborted) {
      this.rejectStarted(new CoresweepError('E_ABORTED', `${options.name}: aborted before start`));
      return;
    }
    ctx.signal.addEventListener('abort', this.onAbort, { once: true });
    try {
      for (let index = 0; index < ctx.workers; index++) this.spawn(index);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private spawn(index: number): void {
    const link = this.options.spawn(index, this.ctx.workload);
    let markExited!: () => void;
    const worker: PoolWorker = {
      index,
      link,
      alive: true,
      ready: false,
      current: undefined,
      exited: new Promise<void>((resolve) => {
        markExited = resolve;
      }),
    };
    this.workers.push(worker);
    link.onMessage((message) => this.handleMessage(worker, message));
    link.onExit((reason) => {
      if (!worker.alive) return;
      worker.alive = false;
      markExited();
      if (this.closing) return;
      const running = worker.current ? ` while running part ${worker.current.task.index}` : '';
      this.fail(
        new CoresweepError('E_WORKER_EXIT', `${this.describe(worker)} exited unexpectedly (${reason})${running}`),
      );
    });
  }

  private describe(worker: PoolWorker): string {
    const pid = worker.link.pid === undefined ? '' : ` (pid ${worker.link.pid})`;
    return `${this.options.name} worker ${worker.index}${pid}`;
  }

  private handleMessage(worker: PoolWorker, raw: unknown): void {
    if (!worker.alive || this.broken) return;
    const message = raw as WorkerMessage;
    switch (message?.type) {
      case 'ready':
        worker.ready = true;
        this.idle.push(worker);
        if (this.workers.every((w) => w.ready)) this.resolveStarted(this.executor());
        this.pump();
        return;
      case 'load-failed': {
        const cause = deserializeError(message.error);
        this.fail(new CoresweepError('E_INVALID_MODULE', `${this.describe(worker)}: ${cause.message}`, { cause }));
        return;
      }
      case 'done':
      case 'failed': {
        const current = worker.current;
        if (!current || current.id !== message.id) return;
        worker.current = undefined;
        const { job, index } = current.task;
        if (message.type === 'done') {
          if (!job.settled) {
            job.results[index] = message.value;
            if (--job.remaining === 0) this.settle(job, undefined);
          }
        } else {
          // The worker's own message and stack, so the real origin of the failure stays visible.
          this.settle(job, deserializeError(message.error));
        }
        this.idle.push(worker);
        this.pump();
        return;
      }
    }
  }

  /** Hands queued parts to idle workers until one of the two runs out. */
  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const task = this.queue.shift() as Task;
      if (task.job.settled) continue; // its run already failed: do not spend a core on it
      const worker = this.idle.shift() as PoolWorker;
      const id = this.nextId++;
      worker.current = { id, task };
      const [start, end] = task.range;
      try {
        worker.link.send({ type: 'part', id, size: task.size, start, end });
      } catch (error) {
        // The worker is going away; its exit event fails the pool. Until then keep the part from being lost.
        worker.current = undefined;
        this.queue.unshift(task);
        if (!this.broken) this.fail(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
  }

  private settle(job: Job, error: Error | undefined): void {
    if (job.settled) return;
    job.settled = true;
    this.jobs.delete(job);
    if (error) job.reject(error);
    else job.resolve(job.results);
  }

  /** Breaks the pool: rejects everything pending with `error` and stops every worker. */
  private fail(error: Error): void {
    if (this.broken) return;
    this.broken = error;
    this.rejectStarted(error);
    for (const job of [...this.jobs]) this.settle(job, error);
    this.queue.clear();
    void this.close();
  }

  private run(size: number, parts: PartRange[]): Promise<unknown[]> {
    if (this.closing && !this.broken) {
      return Promise.reject(new CoresweepError('E_CLOSED', `${this.options.name}: executor is closed`));
    }
    if (this.broken) return Promise.reject(this.broken);
    if (parts.length === 0) return Promise.resolve([]);
    return new Promise<unknown[]>((resolve, reject) => {
      const job: Job = { results: new Array(parts.length), remaining: parts.length, settled: false, resolve, reject };
      this.jobs.add(job);
      parts.forEach((range, index) => {
        this.queue.push({ job, index, size, range });
      });
      this.pump();
    });
  }

  close(): Promise<void> {
    this.closing ??= this.stopAll();
    return this.closing;
  }

  private async stopAll(): Promise<void> {
    this.ctx.signal.removeEventListener('abort', this.onAbort);
    const closed = new CoresweepError('E_CLOSED', `${this.options.name}: executor closed`);
    this.rejectStarted(closed);
    for (const job of [...this.jobs]) this.settle(job, closed);
    this.queue.clear();
    for (const worker of this.workers) {
      if (!worker.alive) continue;
      try {
        worker.link.kill();
      } catch {
        // Already gone: its exit event is on its way.
      }
    }
    await Promise.all(this.workers.map((worker) => worker.exited));
  }

  private executor(): PoolExecutor {
    return {
      run: (size, parts) => this.run(size, parts),
      close: () => this.close(),
      pids: () =>
        this.workers.flatMap((worker) => (worker.alive && worker.link.pid !== undefined ? [worker.link.pid] : [])),
    };
  }
}
