/**
 * The default dispatch of a pool: one message per part and one reply per part. Parts wait in one queue across runs;
 * an idle worker takes the next queued part the moment it finishes one, so uneven parts never leave a core idle
 * while work is queued. Results land in index order. Used by child-process and cluster over IPC, and by any
 * strategy whose workers run serveWorkload().
 */
import { type DataMoved, deserializeError, type PartRange } from '@coresweep/core/define';
import { Fifo } from './fifo.js';
import { DataMover } from './part-data.js';
import type { Dispatch, PoolControl, PoolJob, PoolWorker, WorkerLink } from './pool.js';
import type { WorkerMessage } from './protocol.js';

/** A run's results as they come in. */
interface Run {
  job: PoolJob;
  results: unknown[];
  remaining: number;
}

/** One part of a run, waiting in the queue or running on a worker. */
interface Task {
  run: Run;
  index: number;
  range: PartRange;
}

/** Makes the per-part message dispatch of one pool (the default of startPool()). */
export function messageDispatch(pool: PoolControl): Dispatch<WorkerLink> {
  return new MessageDispatch(pool);
}

class MessageDispatch implements Dispatch<WorkerLink> {
  private readonly idle: PoolWorker<WorkerLink>[] = [];
  private readonly queue = new Fifo<Task>();
  /** The part each worker is computing, by worker index; `id` pairs the reply with the request. */
  private readonly current: Array<{ id: number; task: Task } | undefined> = [];
  private nextId = 0;
  /** Packs every part's input and counts what moves both ways. */
  private readonly mover: DataMover;

  constructor(private readonly pool: PoolControl) {
    this.mover = new DataMover(pool.transport);
  }

  moved(): DataMoved {
    return this.mover.moved();
  }

  ready(workers: readonly PoolWorker<WorkerLink>[]): void {
    this.idle.push(...workers);
    this.pump();
  }

  submit(job: PoolJob): void {
    const run: Run = { job, results: new Array(job.parts.length), remaining: job.parts.length };
    job.parts.forEach((range, index) => {
      this.queue.push({ run, index, range });
    });
    this.pump();
  }

  message(worker: PoolWorker<WorkerLink>, raw: unknown): void {
    const message = raw as WorkerMessage;
    if (message?.type !== 'done' && message?.type !== 'failed') return;
    const current = this.current[worker.index];
    if (!current || current.id !== message.id) return;
    this.current[worker.index] = undefined;
    const { run, index } = current.task;
    if (message.type === 'done') {
      const value = this.mover.receive(message);
      if (!run.job.settled) {
        run.results[index] = value;
        if (--run.remaining === 0) this.pool.resolve(run.job, run.results);
      }
    } else {
      // The worker's own message and stack, so the real origin of the failure stays visible.
      this.pool.reject(run.job, deserializeError(message.error));
    }
    this.idle.push(worker);
    this.pump();
  }

  activity(worker: PoolWorker<WorkerLink>): string {
    const current = this.current[worker.index];
    return current ? ` while running part ${current.task.index}` : '';
  }

  stop(): void {
    this.queue.clear();
  }

  /** Hands queued parts to idle workers until one of the two runs out. */
  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const task = this.queue.shift() as Task;
      if (task.run.job.settled) continue; // its run already failed: do not spend a core on it
      const worker = this.idle.shift() as PoolWorker<WorkerLink>;
      const id = this.nextId++;
      this.current[worker.index] = { id, task };
      const [start, end] = task.range;
      try {
        const { transfer, ...data } = this.mover.send(task.run.job.inputs?.[task.index]);
        worker.link.send({ type: 'part', id, size: task.run.job.size, start, end, ...data }, transfer);
      } catch (error) {
        // The worker is going away; its exit event fails the pool. Until then keep the part from being lost.
        this.current[worker.index] = undefined;
        this.queue.unshift(task);
        this.pool.fail(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
  }
}
