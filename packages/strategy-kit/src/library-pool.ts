/**
 * A worker pool from the ecosystem (piscina, tinypool, poolifier) as an Executor. Such a pool starts, feeds and stops
 * its own threads, so startPool() does not apply; what those strategies share is the contract around the library's
 * pool:
 * - run() sends one task per part and resolves with the results in part order;
 * - the library's 'error' event (a reply to a task it no longer tracks: a part still running when the pool was
 *   destroyed after another part threw) is noise after close(); before, the pool can no longer be trusted, so the
 *   next run() rejects with it. Left unhandled, the event would crash the process;
 * - break(error) is for a failure the library does not report itself (tinypool: a thread that dies mid-task leaves
 *   its task pending forever): every pending and later run() rejects with `error`;
 * - an aborted context signal closes the pool; close() destroys it once and is idempotent, and rejects the runs
 *   still pending (E_CLOSED, or E_ABORTED after an abort): poolifier's destroy() leaves tasks in flight unsettled;
 * - a workload's data travels in the task by the context's transport: a DataMover packs each part's input and counts
 *   what moves, the worker function answers with computePart()'s reply (part-data.ts), and moved() reports it.
 */
import { CoresweepError, type Executor, NO_TRANSPORT, type PartRange, type Transport } from '@coresweep/core/define';
import { DataMover, type PartReply, type PartWork } from './part-data.js';

/** One part as a task for the library's worker function: its range, its packed input and how data travels. */
export interface PartTask extends PartWork {
  workload: string;
  transport: Transport;
}

/** What the executor needs of the library's pool. */
export interface LibraryPool {
  /**
   * Runs one task; resolves with the worker function's reply (computePart's). `transfer`: buffers to move with the
   * task rather than copy (the `transfer` transport), for a library that can (tinypool's transferList).
   */
  run(task: PartTask, transfer: ArrayBuffer[]): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface LibraryPoolOptions {
  /** The strategy id, for error messages. */
  name: string;
  pool: LibraryPool;
  /** The workload module's URL, passed on in every task. */
  workload: string;
  /** The context signal: its abort closes the pool. */
  signal: AbortSignal;
  /** The context's transport (`none` when no data moves). */
  transport?: Transport | undefined;
  /** Stops the pool's threads; called once, by the first close(). */
  destroy(): Promise<void>;
}

export interface LibraryPoolExecutor extends Executor {
  /** Breaks the pool from outside: every pending and later run() rejects with `error`. Ignored after close(). */
  break(error: Error): void;
}

export function libraryPoolExecutor(options: LibraryPoolOptions): LibraryPoolExecutor {
  const { name, pool, workload, signal, destroy } = options;
  const transport = options.transport ?? NO_TRANSPORT;
  const mover = new DataMover(transport);
  const runPart = async (size: number, [start, end]: PartRange, input: unknown): Promise<unknown> => {
    const { transfer, ...data } = mover.send(input);
    const reply = await pool.run({ workload, transport, start, end, size, ...data }, transfer);
    return mover.receive(reply as PartReply);
  };
  let closed: Promise<void> | null = null;
  let broken: Error | null = null;
  const failPending = new Set<(error: Error) => void>();
  pool.on('error', (error: Error) => {
    if (!closed) broken = error;
  });
  const close = () => {
    if (!closed) {
      const error = signal.aborted
        ? new CoresweepError('E_ABORTED', `${name} executor aborted`)
        : new CoresweepError('E_CLOSED', `${name} executor is closed`);
      for (const failRun of failPending) failRun(error);
    }
    closed ??= destroy();
    return closed;
  };
  signal.addEventListener('abort', () => void close(), { once: true });
  return {
    async run(size: number, parts: PartRange[], inputs?: readonly unknown[]) {
      if (closed) throw new Error(`${name} executor is closed`);
      if (broken) throw broken;
      let fail: (error: Error) => void = () => undefined;
      const broke = new Promise<never>((_, reject) => {
        fail = reject;
      });
      failPending.add(fail);
      try {
        return await Promise.race([
          Promise.all(parts.map((range, index) => runPart(size, range, inputs?.[index]))),
          broke,
        ]);
      } finally {
        failPending.delete(fail);
      }
    },
    close,
    moved: () => mover.moved(),
    break(error: Error) {
      if (closed) return;
      broken = error;
      for (const failRun of failPending) failRun(error);
    },
  };
}
