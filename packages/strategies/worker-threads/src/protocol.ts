/**
 * The shared-memory protocol between the worker-threads primary and its threads.
 *
 * Control block (one SharedArrayBuffer per executor, fixed for its life), Int32 slots on separate cache lines where
 * threads write them concurrently:
 * - GEN   run generation. The primary bumps it (Atomics.add + Atomics.notify) to start a run; idle threads sleep in
 *         Atomics.wait on it, so starting a run costs one futex wake per thread and no message.
 * - NEXT  the next unclaimed part of the current run. Threads claim chunks of parts with Atomics.compareExchange
 *         (guided self-scheduling: big chunks first, single parts at the end), so no part is handed out by the
 *         primary and the primary's thread stays idle while the workers compute.
 * - COUNT parts in the current run; STOP set once when the executor closes; EPOCH version of the data buffer.
 * - SIZE  (Float64) the job's size in units, any safe integer.
 *
 * Data buffer (one SharedArrayBuffer, replaced by a bigger one when a run has more parts than it holds; a new one is
 * announced by a message on the thread's own port, read with receiveMessageOnPort, before EPOCH is bumped):
 * - ranges  Float64 [start, end] per part, written once per run by the primary (zero-copy partitioning);
 * - values  Float64 x VALUE_STRIDE per part: a result that is a number or an array of up to VALUE_STRIDE numbers is
 *           written here by the thread that computed it and never crosses a message;
 * - kinds   Int32 per part: how the part's result is stored (KIND_*).
 * Any other result (strings, objects, BigInt, longer arrays) travels in the thread's one 'done' message per run.
 */
import type { MessagePort } from 'node:worker_threads';
import type { SerializedError } from '@coresweep/core/define';

export const GEN = 0;
export const NEXT = 16;
export const COUNT = 32;
export const STOP = 33;
export const EPOCH = 34;
/** Index of the job size in a Float64Array over the control block. */
export const SIZE_F64 = 24;
export const CONTROL_BYTES = 256;

/** Float64 slots per part for numeric results. */
export const VALUE_STRIDE = 4;
/** The result is in the thread's 'done' message (structured clone). */
export const KIND_MESSAGE = 0;
/** The result is the number in values[i * VALUE_STRIDE]. */
export const KIND_NUMBER = 1;
/** The result is an array of (kind - KIND_TUPLE) numbers in values[i * VALUE_STRIDE ...]. */
export const KIND_TUPLE = 2;

/** Bytes of a data buffer for `capacity` parts: ranges, values, kinds. */
export function dataBytes(capacity: number): number {
  return capacity * (16 + 8 * VALUE_STRIDE + 4);
}

/** Typed views over a data buffer of `capacity` parts. */
export interface DataViews {
  capacity: number;
  ranges: Float64Array;
  values: Float64Array;
  kinds: Int32Array;
}

export function dataViews(buffer: SharedArrayBuffer, capacity: number): DataViews {
  return {
    capacity,
    ranges: new Float64Array(buffer, 0, 2 * capacity),
    values: new Float64Array(buffer, 16 * capacity, VALUE_STRIDE * capacity),
    kinds: new Int32Array(buffer, (16 + 8 * VALUE_STRIDE) * capacity, capacity),
  };
}

/** workerData of every thread. */
export interface ThreadData {
  workloadUrl: string;
  workers: number;
  /** The most parts one claim may take (guided claims shrink to single parts at the end of a run). */
  maxClaim: number;
  control: SharedArrayBuffer;
  /** The thread's end of its buffer channel (transferred). */
  port: MessagePort;
}

/** Primary -> thread on its port: use this data buffer from now on. */
export interface BufferMessage {
  epoch: number;
  capacity: number;
  buffer: SharedArrayBuffer;
}

/** Thread -> primary. */
export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'load-failed'; error: SerializedError }
  /**
   * The thread found no more parts in run `gen`. `indices`/`values`: results that did not fit the shared values;
   * `error`: the first part that threw (the thread then stopped every thread from claiming more).
   */
  | { type: 'done'; gen: number; indices: number[]; values: unknown[]; error?: SerializedError };

export type DoneMessage = Extract<ThreadMessage, { type: 'done' }>;

/**
 * A run's `count` results in part order: numeric ones from the shared values (as the threads wrote them, see
 * KIND_*), the rest from the threads' 'done' messages.
 */
export function readResults({ values, kinds }: DataViews, count: number, replies: readonly DoneMessage[]): unknown[] {
  const results = new Array<unknown>(count);
  for (let i = 0; i < count; i++) {
    const kind = kinds[i] as number;
    if (kind === KIND_MESSAGE) continue;
    const at = i * VALUE_STRIDE;
    if (kind === KIND_NUMBER) results[i] = values[at];
    else if (kind === KIND_TUPLE + 2) results[i] = [values[at], values[at + 1]];
    else results[i] = Array.from(values.subarray(at, at + kind - KIND_TUPLE));
  }
  for (const reply of replies) {
    for (let k = 0; k < reply.indices.length; k++) results[reply.indices[k] as number] = reply.values[k];
  }
  return results;
}
