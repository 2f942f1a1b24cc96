/**
 * A part's data on its way to a worker and its result on the way back, for any pool: the kit's own dispatch, and the
 * task files of piscina, tinypool or any other pool library. The primary keeps a DataMover (it packs every part's
 * input and counts what moves), the worker calls computePart (it unpacks the input, computes, packs the result and
 * says how long the input took to arrive). What is packed how, and what is counted, is transport.ts.
 */
import { type DataMoved, NO_TRANSPORT, type Transport, type Workload } from '@coresweep/core/define';
import { cloneBytes, pack, unpack, wallClock } from './transport.js';

/** What travels with a part request besides its range: the packed input and when it left. */
export interface OutgoingInput {
  /** The part's input packed for the transport; absent for a workload without data. */
  input?: unknown;
  /** wallClock() just before packing; absent when no data moves. */
  sentAt?: number;
  /** Buffers to move with the message (postMessage's transfer list; `transfer` only). */
  transfer: ArrayBuffer[];
}

/** A computed part on its way back. */
export interface PartReply {
  /** The result, packed for the transport. */
  value: unknown;
  /** Bytes the packed result copies. */
  bytes: number;
  /** How long the part's input took to arrive (ms), from packing to unpacked; absent when no data moved. */
  requestMs?: number;
  /** wallClock() just before the result was packed; absent when no data moves. */
  sentAt?: number;
}

/** The primary's side: packs inputs, unpacks results, and counts the bytes and time of both. */
export class DataMover {
  private readonly counted: DataMoved = { bytes: 0, ms: 0 };
  /** Movement time is measured only where data moves: for a workload without data it would be message latency. */
  private readonly timed: boolean;

  constructor(readonly transport: Transport) {
    this.timed = transport !== NO_TRANSPORT;
  }

  /** A part's input, packed to go out (nothing for a workload without data). */
  send(input: unknown): OutgoingInput {
    if (input === undefined) return { transfer: [] };
    const sentAt = this.timed ? wallClock() : undefined;
    const packed = pack(input, this.transport, { owned: false });
    this.counted.bytes += packed.bytes;
    const outgoing: OutgoingInput = { input: packed.value, transfer: packed.transfer };
    if (sentAt !== undefined) outgoing.sentAt = sentAt;
    return outgoing;
  }

  /** A part's result as it arrived: unpacked, its bytes and both directions' movement time counted. */
  receive(reply: Partial<PartReply> & Pick<PartReply, 'value'>): unknown {
    const value = unpack(reply.value, this.transport);
    this.counted.bytes += reply.bytes ?? cloneBytes(value);
    if (reply.sentAt !== undefined) this.counted.ms += wallClock() - reply.sentAt + (reply.requestMs ?? 0);
    return value;
  }

  /** Everything counted so far (Executor.moved). */
  moved(): DataMoved {
    return { ...this.counted };
  }
}

/** The part a worker is asked to compute: its range, and its input as OutgoingInput packed it. */
export interface PartWork {
  start: number;
  end: number;
  size: number;
  input?: unknown;
  sentAt?: number;
}

/**
 * The worker's side: unpacks the part's input, computes the part, packs the result as its owner (so `transfer` can
 * move it), and returns the reply with the buffers to move. A part that throws throws here.
 */
export function computePart(
  workload: Workload,
  work: PartWork,
  transport: Transport,
): { reply: PartReply; transfer: ArrayBuffer[] } {
  const input = unpack(work.input, transport);
  const requestMs = work.sentAt === undefined ? undefined : wallClock() - work.sentAt;
  const value = workload.run(work.start, work.end, work.size, input);
  const sentAt = transport === NO_TRANSPORT ? undefined : wallClock();
  const packed = pack(value, transport, { owned: true });
  const reply: PartReply = { value: packed.value, bytes: packed.bytes };
  if (requestMs !== undefined) reply.requestMs = requestMs;
  if (sentAt !== undefined) reply.sentAt = sentAt;
  return { reply, transfer: packed.transfer };
}
