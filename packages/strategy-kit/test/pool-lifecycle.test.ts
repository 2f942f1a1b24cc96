/**
 * The pool's lifecycle with a strategy's own dispatch (as worker-threads plugs in its shared-memory one), driven
 * through fake workers and a recording dispatch: what the lifecycle keeps for itself, what it hands over, and in
 * which order. No threads, no processes, no timing.
 */
import { serializeError } from '@coresweep/core';
import {
  type Dispatch,
  type PoolControl,
  type PoolJob,
  type PoolWorker,
  startPool,
  type WorkerHandle,
} from '@coresweep/strategy-kit';
import { describe, expect, it } from 'vitest';

class FakeHandle implements WorkerHandle {
  readonly pid = undefined;
  private messageListener: ((message: unknown) => void) | undefined;
  private exitListener: ((reason: string) => void) | undefined;
  constructor(private readonly log: string[]) {}
  onMessage(listener: (message: unknown) => void) {
    this.messageListener = listener;
  }
  onExit(listener: (reason: string) => void) {
    this.exitListener = listener;
  }
  kill() {
    this.log.push('kill');
    queueMicrotask(() => this.exitListener?.('killed'));
  }
  reply(message: unknown) {
    this.messageListener?.(message);
  }
  die(reason: string) {
    this.exitListener?.(reason);
  }
}

/** Records every call; answers a job with the part count once told to. */
class RecordingDispatch implements Dispatch<FakeHandle> {
  readonly jobs: PoolJob[] = [];
  readonly messages: unknown[] = [];
  constructor(
    readonly pool: PoolControl,
    private readonly log: string[],
  ) {}
  ready(workers: readonly PoolWorker<FakeHandle>[]) {
    this.log.push(`ready ${workers.map((w) => w.index).join(',')}`);
  }
  submit(job: PoolJob) {
    this.log.push(`submit ${job.parts.length}`);
    this.jobs.push(job);
  }
  message(worker: PoolWorker<FakeHandle>, message: unknown) {
    this.messages.push([worker.index, message]);
  }
  activity() {
    return this.jobs.some((job) => !job.settled) ? ' during a run' : '';
  }
  stop() {
    this.log.push('stop');
  }
}

function startRecorded(workers: number, signal = new AbortController().signal) {
  const log: string[] = [];
  const handles: FakeHandle[] = [];
  let dispatch: RecordingDispatch | undefined;
  const started = startPool(ctx(workers, signal), {
    name: 'custom',
    spawn: () => {
      const handle = new FakeHandle(log);
      handles.push(handle);
      return handle;
    },
    dispatch: (pool) => {
      dispatch = new RecordingDispatch(pool, log);
      return dispatch;
    },
  });
  return { started, handles, log, dispatch: dispatch as unknown as RecordingDispatch };
}

function ctx(workers: number, signal: AbortSignal) {
  return { workers, workload: 'file:///fake.js', signal };
}

async function readyPool(workers: number, signal?: AbortSignal) {
  const pool = startRecorded(workers, signal);
  for (const handle of pool.handles) handle.reply({ type: 'ready' });
  return { ...pool, executor: await pool.started };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('pool lifecycle with a custom dispatch', () => {
  it('hands the dispatch every worker once all are ready, then each run and every other message', async () => {
    const { executor, handles, log, dispatch } = await readyPool(3);
    expect(log).toEqual(['ready 0,1,2']);
    handles[0]?.reply({ type: 'ready' }); // a repeated 'ready' starts nothing twice
    expect(await executor.run(10, [])).toEqual([]); // no parts: answered by the lifecycle
    const running = executor.run(10, [
      [0, 5],
      [5, 10],
    ]);
    expect(log).toEqual(['ready 0,1,2', 'submit 2']);
    handles[1]?.reply({ type: 'done', gen: 1 });
    handles[2]?.reply('not an object');
    expect(dispatch.messages).toEqual([
      [1, { type: 'done', gen: 1 }],
      [2, 'not an object'],
    ]);
    dispatch.pool.resolve(dispatch.jobs[0] as PoolJob, ['a', 'b']);
    expect(await running).toEqual(['a', 'b']);
    expect(dispatch.jobs[0]?.settled).toBe(true);
    await executor.close();
  });

  it("a job rejected by the dispatch fails alone; the pool's later runs still reach the dispatch", async () => {
    const { executor, dispatch } = await readyPool(1);
    const failing = executor.run(10, [[0, 10]]);
    dispatch.pool.reject(dispatch.jobs[0] as PoolJob, new Error('part threw'));
    dispatch.pool.resolve(dispatch.jobs[0] as PoolJob, ['late']); // ignored: already settled
    await expect(failing).rejects.toThrow('part threw');
    const next = executor.run(10, [[0, 10]]);
    dispatch.pool.resolve(dispatch.jobs[1] as PoolJob, [7]);
    expect(await next).toEqual([7]);
    await executor.close();
  });

  it("an unexpected exit names the worker and the dispatch's activity, stops the dispatch, then kills the rest", async () => {
    const { executor, handles, log } = await readyPool(2);
    const running = executor.run(10, [[0, 10]]);
    handles[0]?.die('exit code 3');
    await expect(running).rejects.toMatchObject({
      code: 'E_WORKER_EXIT',
      message: 'custom worker 0 exited unexpectedly (exit code 3) during a run',
    });
    expect(log).toEqual(['ready 0,1', 'submit 1', 'stop', 'kill']);
    await expect(executor.run(10, [[0, 10]])).rejects.toMatchObject({ code: 'E_WORKER_EXIT' });
    await executor.close();
  });

  it('close() rejects pending runs before the dispatch stops, once, and later runs reject with E_CLOSED', async () => {
    const { executor, log, dispatch } = await readyPool(2);
    const running = executor.run(10, [[0, 10]]);
    await Promise.all([executor.close(), executor.close()]);
    await expect(running).rejects.toMatchObject({ code: 'E_CLOSED' });
    expect(dispatch.jobs[0]?.settled).toBe(true);
    expect(log.filter((line) => line === 'stop')).toHaveLength(1);
    await expect(executor.run(10, [[0, 10]])).rejects.toMatchObject({ code: 'E_CLOSED' });
  });

  it('start() fails with E_INVALID_MODULE on a load failure and the dispatch never starts', async () => {
    const { started, handles, log } = startRecorded(2);
    handles[0]?.reply({ type: 'ready' });
    handles[1]?.reply({ type: 'load-failed', error: serializeError(new Error('Cannot find module')) });
    await expect(started).rejects.toMatchObject({ code: 'E_INVALID_MODULE' });
    await settle();
    expect(log).toEqual(['stop', 'kill', 'kill']);
  });

  it('abort before start and bad worker counts reject without spawning', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = startRecorded(2, controller.signal);
    await expect(aborted.started).rejects.toMatchObject({ code: 'E_ABORTED' });
    expect(aborted.handles).toHaveLength(0);
    const none = startRecorded(0);
    await expect(none.started).rejects.toMatchObject({ code: 'E_USAGE' });
    expect(none.handles).toHaveLength(0);
  });
});
