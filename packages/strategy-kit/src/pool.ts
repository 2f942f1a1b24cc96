/**
 * The lifecycle every pool shares, written once: start `workers` workers, wait until each has imported the workload,
 * accept run() calls, and fail or close cleanly. How parts reach the workers is the one part that differs between
 * pools, so it is a `Dispatch` the pool is given: by default one message per part (messageDispatch(), used by the
 * child-process and cluster strategies), or a strategy's own (worker-threads dispatches through shared memory).
 *
 * Failure rules, chosen so a benchmark never hangs and never leaks:
 * - a part that throws rejects its run() with the worker's error (message and remote stack); the pool stays usable;
 * - a worker that exits unasked breaks the pool: every pending and later run() rejects (E_WORKER_EXIT), and the
 *   remaining workers are stopped at once;
 * - an aborted context signal does the same with E_ABORTED;
 * - close() stops every worker and resolves once each has exited; it is idempotent.
 */
import {
  CoresweepError,
  type DataMoved,
  deserializeError,
  type Executor,
  NO_TRANSPORT,
  type PartRange,
  type StrategyContext,
  type Transport,
} from '@coresweep/core/define';
import { messageDispatch } from './message-dispatch.js';
import type { PartRequest, WorkerMessage } from './protocol.js';

/** One worker as the pool's lifecycle sees it; each strategy adapts its thread or process to this shape. */
export interface WorkerHandle {
  /** The worker's OS process id, or undefined for a thread of the current process. */
  readonly pid: number | undefined;
  /** Calls `listener` for every message from the worker (non-kit messages may be passed too; they are ignored). */
  onMessage(listener: (message: unknown) => void): void;
  /** Calls `listener` once when the worker has exited (thread stopped, or process reaped), for whatever reason. */
  onExit(listener: (reason: string) => void): void;
  /** Stops the worker now, even mid-part; its exit is then reported through onExit. */
  kill(): void;
}

/** A worker that takes one message per part: what messageDispatch() needs (see threadLink and processLink). */
export interface WorkerLink extends WorkerHandle {
  /**
   * Sends a part request, moving the buffers in `transfer` where the channel can (threads). May throw if the worker
   * is already gone; its exit is reported through onExit.
   */
  send(message: PartRequest, transfer?: readonly ArrayBuffer[]): void;
}

/** A live worker of the pool, as a dispatch sees it. */
export interface PoolWorker<L extends WorkerHandle = WorkerHandle> {
  /** 0-based, in spawn order; stable for the pool's life. */
  readonly index: number;
  readonly link: L;
}

/** One accepted run() call with at least one part. */
export interface PoolJob {
  readonly size: number;
  readonly parts: readonly PartRange[];
  /** Each part's input (a workload with data), in the order of `parts`. */
  readonly inputs?: readonly unknown[] | undefined;
  /** True once it resolved or rejected: a dispatch spends no more work on it. */
  readonly settled: boolean;
}

/** What the lifecycle offers its dispatch. */
export interface PoolControl {
  /** The strategy id, for error messages. */
  readonly name: string;
  /** How part inputs and results travel (the context's transport; `none` when no data moves). */
  readonly transport: Transport;
  /** Resolves `job` with one result per part, in part order (ignored once the job is settled). */
  resolve(job: PoolJob, results: unknown[]): void;
  /** Rejects `job` alone (a part threw); the pool stays usable. Ignored once the job is settled. */
  reject(job: PoolJob, error: Error): void;
  /** Breaks the pool: rejects everything pending and later with `error` and stops every worker. */
  fail(error: Error): void;
}

/** How a pool hands parts to its workers: the part that differs between pools. */
export interface Dispatch<L extends WorkerHandle> {
  /** Every worker has imported the workload. Called once, before the first submit(). */
  ready(workers: readonly PoolWorker<L>[]): void;
  /** A new run; settle it through the PoolControl. Runs arrive in call order and may overlap. */
  submit(job: PoolJob): void;
  /** A message from a live worker that is not the lifecycle's own ('ready', 'load-failed'). */
  message(worker: PoolWorker<L>, message: unknown): void;
  /** What `worker` was doing, appended to the error when it exits unasked (e.g. ' while running part 3'), or ''. */
  activity(worker: PoolWorker<L>): string;
  /** The pool closes or broke and every job is already rejected: drop queued work and release waiting workers. */
  stop(): void;
  /** Data moved since the pool started (Executor.moved); absent when the dispatch does not count it. */
  moved?(): DataMoved;
}

/** What a strategy tells the pool. */
export interface PoolOptions<L extends WorkerHandle = WorkerLink> {
  /** The strategy id, used in error messages. */
  name: string;
  /**
   * Creates worker number `index` (0-based), already loading `workloadUrl` and serving parts whose data travels by
   * `transport` (serveWorkload's third argument).
   */
  spawn(index: number, workloadUrl: string, transport: Transport): L;
  /** Makes the pool's dispatch; without it, messageDispatch(): one message per part, an idle worker takes the next. */
  dispatch?: (pool: PoolControl) => Dispatch<L>;
}

/** The executor a pool returns: the contract's Executor with pids() always present. */
export interface PoolExecutor extends Executor {
  pids(): number[];
}

/**
 * Starts a pool of `ctx.workers` workers created by `options.spawn` and resolves once every worker has imported
 * the workload. Rejects (after stopping every worker it started) if a worker fails to load or exits, or if
 * `ctx.signal` aborts, before the pool is ready.
 */
export function startPool(ctx: StrategyContext, options: PoolOptions<WorkerLink>): Promise<PoolExecutor>;
export function startPool<L extends WorkerHandle>(
  ctx: StrategyContext,
  options: PoolOptions<L> & Required<Pick<PoolOptions<L>, 'dispatch'>>,
): Promise<PoolExecutor>;
export function startPool(ctx: StrategyContext, options: PoolOptions<WorkerHandle>): Promise<PoolExecutor> {
  // Without a dispatch the first overload applies, so the workers are WorkerLinks, as messageDispatch() needs.
  const dispatch = options.dispatch ?? (messageDispatch as unknown as (pool: PoolControl) => Dispatch<WorkerHandle>);
  return new Pool(ctx, { ...options, dispatch }).started;
}

/** A worker with the lifecycle's own state. */
interface Member<L extends WorkerHandle> extends PoolWorker<L> {
  alive: boolean;
  ready: boolean;
  exited: Promise<void>;
}

interface Job extends PoolJob {
  settled: boolean;
  resolve(results: unknown[]): void;
  reject(error: Error): void;
}

class Pool<L extends WorkerHandle> implements PoolControl {
  readonly started: Promise<PoolExecutor>;
  readonly name: string;
  readonly transport: Transport;
  private readonly dispatch: Dispatch<L>;
  private readonly members: Member<L>[] = [];
  private readonly jobs = new Set<Job>();
  /** Set once every worker is ready and the dispatch took over. */
  private running = false;
  /** Set once the pool can take no more work: why later run() calls reject. */
  private broken: Error | undefined;
  private closing: Promise<void> | undefined;
  private resolveStarted!: (executor: PoolExecutor) => void;
  private rejectStarted!: (error: Error) => void;
  private readonly onAbort = () =>
    this.fail(new CoresweepError('E_ABORTED', `${this.name}: aborted`, { cause: this.ctx.signal.reason }));

  constructor(
    private readonly ctx: StrategyContext,
    options: Required<PoolOptions<L>>,
  ) {
    this.name = options.name;
    this.transport = ctx.transport ?? NO_TRANSPORT;
    this.started = new Promise<PoolExecutor>((resolve, reject) => {
      this.resolveStarted = resolve;
      this.rejectStarted = reject;
    });
    this.dispatch = options.dispatch(this);
    if (!Number.isInteger(ctx.workers) || ctx.workers < 1) {
      this.rejectStarted(new CoresweepError('E_USAGE', `${this.name}: workers must be a positive integer`));
      return;
    }
    if (ctx.signal.aborted) {
      this.rejectStarted(new CoresweepError('E_ABORTED', `${this.name}: aborted before start`));
      return;
    }
    ctx.signal.addEventListener('abort', this.onAbort, { once: true });
    try {
      for (let index = 0; index < ctx.workers; index++)
        this.spawn(index, options.spawn(index, ctx.workload, this.transport));
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private spawn(index: number, link: L): void {
    let markExited!: () => void;
    const member: Member<L> = {
      index,
      link,
      alive: true,
      ready: false,
      exited: new Promise<void>((resolve) => {
        markExited = resolve;
      }),
    };
    this.members.push(member);
    link.onMessage((message) => this.handleMessage(member, message));
    link.onExit((reason) => {
      if (!member.alive) return;
      member.alive = false;
      markExited();
      if (this.closing) return;
      const doing = this.dispatch.activity(member);
      this.fail(
        new CoresweepError('E_WORKER_EXIT', `${this.describe(member)} exited unexpectedly (${reason})${doing}`),
      );
    });
  }

  private describe(member: Member<L>): string {
    const pid = member.link.pid === undefined ? '' : ` (pid ${member.link.pid})`;
    return `${this.name} worker ${member.index}${pid}`;
  }

  private handleMessage(member: Member<L>, raw: unknown): void {
    if (!member.alive || this.broken || this.closing) return;
    const message = raw as WorkerMessage | undefined;
    switch (message?.type) {
      case 'ready':
        member.ready = true;
        if (!this.running && this.members.length === this.ctx.workers && this.members.every((m) => m.ready)) {
          this.running = true;
          this.resolveStarted(this.executor());
          this.dispatch.ready(this.members);
        }
        return;
      case 'load-failed': {
        const cause = deserializeError(message.error);
        this.fail(new CoresweepError('E_INVALID_MODULE', `${this.describe(member)}: ${cause.message}`, { cause }));
        return;
      }
      default:
        this.dispatch.message(member, raw);
    }
  }

  resolve(job: PoolJob, results: unknown[]): void {
    this.settle(job as Job, undefined, results);
  }

  reject(job: PoolJob, error: Error): void {
    this.settle(job as Job, error);
  }

  private settle(job: Job, error: Error | undefined, results: unknown[] = []): void {
    if (job.settled) return;
    job.settled = true;
    this.jobs.delete(job);
    if (error) job.reject(error);
    else job.resolve(results);
  }

  fail(error: Error): void {
    if (this.broken) return;
    this.broken = error;
    this.rejectStarted(error);
    for (const job of [...this.jobs]) this.settle(job, error);
    void this.close();
  }

  private run(size: number, parts: PartRange[], inputs?: readonly unknown[]): Promise<unknown[]> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closing) return Promise.reject(new CoresweepError('E_CLOSED', `${this.name}: executor is closed`));
    if (parts.length === 0) return Promise.resolve([]);
    return new Promise<unknown[]>((resolve, reject) => {
      const job: Job = { size, parts, inputs, settled: false, resolve, reject };
      this.jobs.add(job);
      this.dispatch.submit(job);
    });
  }

  close(): Promise<void> {
    this.closing ??= this.stopAll();
    return this.closing;
  }

  private async stopAll(): Promise<void> {
    this.ctx.signal.removeEventListener('abort', this.onAbort);
    const closed = new CoresweepError('E_CLOSED', `${this.name}: executor closed`);
    this.rejectStarted(closed);
    for (const job of [...this.jobs]) this.settle(job, closed);
    this.dispatch.stop();
    for (const member of this.members) {
      if (!member.alive) continue;
      try {
        member.link.kill();
      } catch {
        // Already gone: its exit event is on its way.
      }
    }
    await Promise.all(this.members.map((member) => member.exited));
  }

  private executor(): PoolExecutor {
    return {
      run: (size, parts, inputs) => this.run(size, parts, inputs),
      close: () => this.close(),
      moved: () => this.dispatch.moved?.() ?? { bytes: 0, ms: 0 },
      pids: () =>
        this.members.flatMap((member) => (member.alive && member.link.pid !== undefined ? [member.link.pid] : [])),
    };
  }
}
