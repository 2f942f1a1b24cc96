/**
 * How a part's input and result travel between a primary and its workers, by transport (contracts.ts `Transport`),
 * and what that costs in bytes copied. Written once so every strategy moves data the same way and counts it the
 * same way: the kit's pools, worker-threads, and the task files of piscina and tinypool.
 *
 * The sender packs a value, the receiver unpacks it:
 * - `clone`: structured clone by postMessage. A view into a larger buffer (the primary's input, sliced per part)
 *   is first copied into a buffer of its own: structured clone copies a view's whole underlying ArrayBuffer, so
 *   posting `input.subarray(…)` would copy the entire input to every part;
 * - `advanced`, `none`: the value as it is; the 'advanced' IPC channel serialises only a view's own bytes;
 * - `transfer`: every ArrayBuffer is moved instead (listed for postMessage's transfer list). A sender that does not
 *   own the memory (the primary's input, which every run reuses) first copies the piece into a buffer of its own:
 *   that copy happens inside the sending thread and is in the time, but no byte is copied between threads;
 * - `shared`: binary data goes into SharedArrayBuffers, which cross between threads without a copy. A primary's
 *   input is written into shared memory once (cached by its buffer), a worker's result once per part;
 * - `json`: binary data becomes base64 text (what JSON IPC needs to carry bytes at all), restored by unpack.
 *
 * Bytes counted (`Packed.bytes`): what the transport copies between threads or processes — exact for binary data
 * (its byteLength; base64's length for json), strings at their serialised width (one byte per character of a
 * one-byte string, two otherwise; for json the characters plus quotes), numbers at 8 bytes (json: their text).
 * The serialiser's framing (a few bytes of tags and lengths per value) and the message's envelope (ids, ranges) are
 * not counted. Data in SharedArrayBuffers, and transferred buffers, count 0.
 */
import { payloadBytes, type Transport } from '@coresweep/core/define';

/** Transports between threads of one process. */
export const THREAD_TRANSPORTS = ['clone', 'transfer', 'shared'] as const satisfies readonly Transport[];
/** Transports between processes (child_process IPC serialisations). */
export const PROCESS_TRANSPORTS = ['json', 'advanced'] as const satisfies readonly Transport[];

/** A value ready to send. */
export interface Packed {
  value: unknown;
  /** ArrayBuffers to move rather than copy (postMessage's transfer list); empty but for `transfer`. */
  transfer: ArrayBuffer[];
  /** Bytes the message copies between threads or processes. */
  bytes: number;
}

/** Which side packs: the owner of the memory may hand it over; the primary's input is reused by every run. */
export interface PackOptions {
  /** True when the sender owns the value's buffers (a result just computed), false for the primary's input. */
  owned: boolean;
}

/** The key json uses to mark base64-encoded binary data (unlikely in any workload's own objects). */
const BINARY_TAG = '$coresweep:binary';

type View = ArrayBufferView & { constructor: { name: string } };

interface BinaryJson {
  [BINARY_TAG]: string;
  base64: string;
}

/** The constructors binary data is restored with; Node's Buffer arrives as the Uint8Array it is. */
const VIEW_TYPES: Record<string, new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView> =
  {
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
    Float64Array,
    BigInt64Array,
    BigUint64Array,
    DataView: DataView as unknown as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => DataView,
  };

function elementSize(view: ArrayBufferView): number {
  return 'BYTES_PER_ELEMENT' in view ? (view as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 1;
}

/** A view of the same type and length over `buffer` at `byteOffset`. */
function viewOver(view: View, buffer: ArrayBufferLike, byteOffset: number): ArrayBufferView {
  const name = view instanceof Buffer ? 'Uint8Array' : view.constructor.name;
  const Type = VIEW_TYPES[name] ?? Uint8Array;
  const length = name === 'DataView' ? view.byteLength : view.byteLength / elementSize(view);
  return new Type(buffer, byteOffset, length);
}

function isShared(buffer: ArrayBufferLike): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Rebuilds arrays and plain objects with `leaf` applied to every binary value inside; anything else is kept. */
function mapBinary(value: unknown, leaf: (binary: ArrayBufferView | ArrayBuffer) => unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return leaf(value);
  if (Array.isArray(value)) return value.map((item) => mapBinary(item, leaf));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = mapBinary(item, leaf);
  return out;
}

/**
 * Bytes a structured clone (postMessage, 'advanced' IPC) copies for `value` (core's payloadBytes); shared memory counts
 * 0, and so does other binary data when `binary` is false (it is transferred).
 */
export const cloneBytes = payloadBytes;

/** Bytes of the JSON text of an already JSON-safe value (binary data is base64 text by then). */
export function jsonBytes(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return String(value).length;
    case 'string':
      return value.length + 2;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null) return 4;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) bytes += jsonBytes(item) + 1;
    return bytes;
  }
  for (const [key, item] of Object.entries(value)) bytes += key.length + 3 + jsonBytes(item) + 1;
  return bytes;
}

/** The primary's input buffers already written to shared memory: the input is written once, not once per run. */
const sharedCopies = new WeakMap<ArrayBufferLike, SharedArrayBuffer>();

function sharedCopyOf(buffer: ArrayBuffer, cache: boolean): SharedArrayBuffer {
  const cached = cache ? sharedCopies.get(buffer) : undefined;
  if (cached) return cached;
  const shared = new SharedArrayBuffer(buffer.byteLength);
  new Uint8Array(shared).set(new Uint8Array(buffer));
  if (cache) sharedCopies.set(buffer, shared);
  return shared;
}

function toShared(binary: ArrayBufferView | ArrayBuffer, owned: boolean): unknown {
  if (binary instanceof ArrayBuffer) return sharedCopyOf(binary, !owned);
  const view = binary as View;
  if (isShared(view.buffer)) return view;
  if (!owned) return viewOver(view, sharedCopyOf(view.buffer as ArrayBuffer, true), view.byteOffset);
  // A result: only its own bytes go to shared memory, once.
  const shared = new SharedArrayBuffer(view.byteLength);
  new Uint8Array(shared).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return viewOver(view, shared, 0);
}

/** A view that spans its whole buffer: what a structured clone of it copies is then exactly its own bytes. */
function compact(binary: ArrayBufferView | ArrayBuffer): unknown {
  if (binary instanceof ArrayBuffer) return binary;
  const view = binary as View;
  if (isShared(view.buffer) || (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength)) return view;
  const own = new ArrayBuffer(view.byteLength);
  new Uint8Array(own).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return viewOver(view, own, 0);
}

function toTransferable(binary: ArrayBufferView | ArrayBuffer, owned: boolean, transfer: Set<ArrayBuffer>): unknown {
  if (binary instanceof ArrayBuffer) {
    const own = owned ? binary : binary.slice(0);
    transfer.add(own);
    return own;
  }
  const view = binary as View;
  if (isShared(view.buffer)) return view;
  const whole = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
  if (owned && whole) {
    transfer.add(view.buffer as ArrayBuffer);
    return view;
  }
  // Not ours to hand over (the primary's input), or a view into a larger buffer (Node's pooled small Buffers cannot
  // be transferred at all): copy the piece into a buffer of its own, and move that.
  const own = new ArrayBuffer(view.byteLength);
  new Uint8Array(own).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  transfer.add(own);
  return viewOver(view, own, 0);
}

function toJson(binary: ArrayBufferView | ArrayBuffer): BinaryJson {
  const view = binary instanceof ArrayBuffer ? new Uint8Array(binary) : (binary as View);
  const name =
    binary instanceof ArrayBuffer ? 'ArrayBuffer' : view instanceof Buffer ? 'Uint8Array' : view.constructor.name;
  const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  return { [BINARY_TAG]: name, base64: bytes.toString('base64') };
}

function fromJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(fromJson);
  const tagged = value as Partial<BinaryJson>;
  if (typeof tagged[BINARY_TAG] === 'string' && typeof tagged.base64 === 'string') {
    const bytes = Buffer.from(tagged.base64, 'base64');
    // A buffer of its own, aligned for any element type (Buffer.from may return a slice of a shared pool).
    const own = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(own).set(bytes);
    const name = tagged[BINARY_TAG];
    if (name === 'ArrayBuffer') return own;
    const Type = VIEW_TYPES[name] ?? Uint8Array;
    const length =
      name === 'DataView'
        ? own.byteLength
        : own.byteLength / (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    return new Type(own, 0, length);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = fromJson(item);
  return out;
}

/** Prepares `value` for sending by `transport` and counts the bytes that will be copied. */
export function pack(value: unknown, transport: Transport, { owned }: PackOptions): Packed {
  if (value === undefined) return { value, transfer: [], bytes: 0 };
  switch (transport) {
    case 'transfer': {
      const transfer = new Set<ArrayBuffer>();
      const packed = mapBinary(value, (binary) => toTransferable(binary, owned, transfer));
      return { value: packed, transfer: [...transfer], bytes: cloneBytes(packed, false) };
    }
    case 'shared': {
      const packed = mapBinary(value, (binary) => toShared(binary, owned));
      return { value: packed, transfer: [], bytes: cloneBytes(packed) };
    }
    case 'clone': {
      const packed = mapBinary(value, compact);
      return { value: packed, transfer: [], bytes: cloneBytes(packed) };
    }
    case 'json': {
      const packed = mapBinary(value, toJson);
      return { value: packed, transfer: [], bytes: jsonBytes(packed) };
    }
    default:
      return { value, transfer: [], bytes: cloneBytes(value) };
  }
}

/** Restores a received value: json's base64 back to binary data; every other transport delivers it as it was. */
export function unpack(value: unknown, transport: Transport): unknown {
  return transport === 'json' ? fromJson(value) : value;
}

/** A clock comparable across threads and processes of one machine (ms): when a message left, when it arrived. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}
