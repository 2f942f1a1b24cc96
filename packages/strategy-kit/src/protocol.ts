/**
 * The messages a pool's primary and its workers exchange. One request per part and one reply per part keep the
 * per-run overhead at a single round trip per part; payloads stay small plain objects so they cross both
 * structured clone (threads) and IPC serialisation (processes) cheaply.
 */
import type { SerializedError } from '@coresweep/core/define';

/** Primary -> worker: compute units [start, end) of a job of `size` units. `id` pairs the reply with the request. */
export interface PartRequest {
  type: 'part';
  id: number;
  size: number;
  start: number;
  end: number;
  /** The part's input, packed for the pool's transport (transport.ts); absent for a workload without data. */
  input?: unknown;
  /** wallClock() just before the input was packed, for the movement time; absent when no data moves. */
  sentAt?: number;
}

/** Worker -> primary: the workload module is imported and the worker takes parts. */
export interface ReadyMessage {
  type: 'ready';
}

/** Worker -> primary: the workload module could not be imported; the worker is useless. */
export interface LoadFailedMessage {
  type: 'load-failed';
  error: SerializedError;
}

/** Worker -> primary: the part with this `id` is done. */
export interface PartDoneMessage {
  type: 'done';
  id: number;
  /** The part's result, packed for the pool's transport. */
  value: unknown;
  /** Bytes the packed result copies (transport.ts). */
  bytes?: number;
  /** The request's movement time (ms), measured in the worker once the input was unpacked. */
  requestMs?: number;
  /** wallClock() just before the result was packed; absent when no data moves. */
  sentAt?: number;
}

/** Worker -> primary: the part with this `id` threw; the worker stays usable. */
export interface PartFailedMessage {
  type: 'failed';
  id: number;
  error: SerializedError;
}

export type WorkerMessage = ReadyMessage | LoadFailedMessage | PartDoneMessage | PartFailedMessage;

/** Narrows an unknown message (from IPC or a MessagePort) to the kit's worker messages; others are ignored. */
export function isWorkerMessage(message: unknown): message is WorkerMessage {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return type === 'ready' || type === 'load-failed' || type === 'done' || type === 'failed';
}

/** Narrows an unknown message to a part request. */
export function isPartRequest(message: unknown): message is PartRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'part';
}
