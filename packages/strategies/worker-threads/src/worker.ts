/**
 * Entry of each worker-threads thread. Imports the workload once, says ready, then sleeps in Atomics.wait on the
 * run generation. When the primary starts a run, the thread claims chunks of parts from the shared counter, reads
 * each part's range from shared memory, computes it, writes a numeric result straight into shared memory (anything
 * else is kept for its one message), and when no part is left posts ONE 'done' message for the run. It never returns
 * to its event loop while it serves, so no message hop and no event-loop turn sits between two parts.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { importDefault, serializeError, type Workload } from '@coresweep/core/define';
import {
  type BufferMessage,
  COUNT,
  type DataViews,
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

/** Guided self-scheduling: a claim takes 1/(GUIDE x workers) of what is left, between 1 and data.maxClaim parts. */
const GUIDE = 4;

const data = workerData as ThreadData;
const primary = parentPort;
if (!primary) throw new Error('worker-threads: worker.js must run in a worker thread');
const control = new Int32Array(data.control);
const meta = new Float64Array(data.control);
const nap = new Int32Array(new SharedArrayBuffer(4));
let views: DataViews | undefined;
let epoch = 0;

const send = (message: ThreadMessage) => primary.postMessage(message);

/** Adopts the newest data buffer (announced on the port before EPOCH was bumped). False if the executor stopped. */
function syncBuffers(): boolean {
  const wanted = Atomics.load(control, EPOCH);
  while (epoch !== wanted) {
    const received = receiveMessageOnPort(data.port);
    if (received === undefined) {
      // Not expected (the message is queued before EPOCH changes); never spin hot if it happens.
      if (Atomics.load(control, STOP) !== 0) return false;
      Atomics.wait(nap, 0, 0, 1);
      continue;
    }
    const message = received.message as BufferMessage;
    views = dataViews(message.buffer, message.capacity);
    epoch = message.epoch;
  }
  return true;
}

/**
 * Values read from a Float64Array are doubles even when they hold integers, and V8 then compiles the workload's loop
 * on doubles: primes' `n % d` became a floating-point remainder and ran 5-8x slower than with the small integers
 * every other strategy passes (structured clone keeps them small integers). Below 2^31 `| 0` gives V8 the integer.
 */
function asInteger(value: number): number {
  return value < 2147483648 ? value | 0 : value;
}

function isNumberTuple(value: unknown): value is number[] {
  if (!Array.isArray(value) || value.length > VALUE_STRIDE || Object.getPrototypeOf(value) !== Array.prototype) {
    return false;
  }
  for (let j = 0; j < value.length; j++) if (typeof value[j] !== 'number') return false;
  return true;
}

/** Computes parts of run `gen` until none is left; returns the run's one message. */
function serveRun(workload: Workload, gen: number, { ranges, values, kinds }: DataViews): ThreadMessage {
  const count = Atomics.load(control, COUNT);
  const size = asInteger(meta[SIZE_F64] as number);
  const indices: number[] = [];
  const others: unknown[] = [];
  let start = Atomics.load(control, NEXT);
  while (start < count) {
    const chunk = Math.max(1, Math.min(data.maxClaim, Math.floor((count - start) / (data.workers * GUIDE))));
    const seen = Atomics.compareExchange(control, NEXT, start, start + chunk);
    if (seen !== start) {
      start = seen; // another thread claimed first: try again from where it left the counter
      continue;
    }
    const end = start + chunk;
    for (let i = start; i < end; i++) {
      let value: unknown;
      try {
        value = workload.run(asInteger(ranges[2 * i] as number), asInteger(ranges[2 * i + 1] as number), size);
      } catch (error) {
        // The run fails: stop every thread from claiming more, and report this part's own error.
        Atomics.store(control, NEXT, count);
        return { type: 'done', gen, indices: [], values: [], error: serializeError(error) };
      }
      if (typeof value === 'number') {
        values[i * VALUE_STRIDE] = value;
        kinds[i] = KIND_NUMBER;
      } else if (isNumberTuple(value)) {
        for (let j = 0; j < value.length; j++) values[i * VALUE_STRIDE + j] = value[j] as number;
        kinds[i] = KIND_TUPLE + value.length;
      } else {
        kinds[i] = KIND_MESSAGE;
        indices.push(i);
        others.push(value);
      }
    }
    start = Atomics.load(control, NEXT);
  }
  return { type: 'done', gen, indices, values: others };
}

async function main(): Promise<void> {
  let workload: Workload;
  try {
    workload = await importDefault<Workload>(data.workloadUrl);
    if (typeof workload?.run !== 'function') throw new Error(`${data.workloadUrl} has no default export with run()`);
  } catch (error) {
    send({ type: 'load-failed', error: serializeError(error) });
    return;
  }
  let seen = Atomics.load(control, GEN);
  send({ type: 'ready' });
  for (;;) {
    Atomics.wait(control, GEN, seen);
    if (Atomics.load(control, STOP) !== 0) break;
    const gen = Atomics.load(control, GEN);
    if (gen === seen) continue;
    seen = gen;
    if (!syncBuffers() || !views) break;
    const reply = serveRun(workload, gen, views);
    try {
      send(reply);
    } catch (error) {
      // A result that is not structured-cloneable: the run fails with that error instead of the thread dying.
      send({ type: 'done', gen, indices: [], values: [], error: serializeError(error) });
    }
  }
  data.port.close();
}

await main();
