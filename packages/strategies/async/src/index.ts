/**
 * async: every part is an async task on the one JavaScript thread, and up to `workers` tasks are in flight at once.
 * Each task computes its part in slices and yields to the event loop between slices (setImmediate), so the tasks
 * interleave — concurrency without parallelism. It is Node's counterpart of Python's asyncio/GIL lesson: however
 * many tasks, one core does all the work, so the speedup stays near 1x (a little below, for the yields).
 *
 * The one exception is a kernel with an asynchronous form that libuv runs on its thread pool (`runAsync`: node:crypto,
 * node:zlib): then each task awaits that, up to `workers` of them are on the pool at once, and one JavaScript thread
 * keeps min(workers, UV_THREADPOOL_SIZE, cores) cores busy. The run's file records the pool size.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { defineStrategy, importWorkload, type PartRange, type Workload } from '@coresweep/core/define';

/** Units computed between two yields: small enough to interleave tasks, large enough that yielding stays cheap. */
const SLICE_UNITS = 250_000;

async function runPartInSlices(
  workload: Workload,
  size: number,
  [start, end]: PartRange,
  input: unknown,
): Promise<unknown> {
  if (workload.runAsync) return workload.runAsync(start, end, size, input);
  // A part with data runs as one step: its input is the part's own slice, which sub-ranges cannot be cut from.
  if (!workload.merge || end - start <= SLICE_UNITS || input !== undefined) {
    await yieldToEventLoop();
    return workload.run(start, end, size, input);
  }
  const slices: unknown[] = [];
  for (let at = start; at < end; at += SLICE_UNITS) {
    await yieldToEventLoop();
    slices.push(workload.run(at, Math.min(at + SLICE_UNITS, end), size));
  }
  return workload.merge(slices, size);
}

export default defineStrategy({
  id: 'async',
  title: 'Async (one thread)',
  description:
    'Parts as concurrent async tasks on the main thread, yielding to the event loop between slices: ' +
    'concurrency without parallelism, so one core does all the work.',
  parallelism: 'none',
  // Every task runs in the primary on the input itself: nothing moves.
  transports: ['none'],
  async start({ workload: workloadUrl, workers, signal }) {
    const workload = await importWorkload(workloadUrl);
    let closed = false;
    return {
      async run(size, parts, inputs) {
        if (closed) throw new Error('async executor is closed');
        const results = new Array<unknown>(parts.length);
        let next = 0;
        // `workers` tasks pull parts from a shared cursor, so at most `workers` parts are in flight at once.
        const task = async () => {
          while (next < parts.length) {
            signal.throwIfAborted();
            const index = next++;
            results[index] = await runPartInSlices(workload, size, parts[index] as PartRange, inputs?.[index]);
          }
        };
        await Promise.all(Array.from({ length: Math.min(workers, parts.length) }, task));
        return results;
      },
      async close() {
        closed = true;
      },
    };
  },
});
