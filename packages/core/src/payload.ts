/**
 * The size of a payload as a structured clone copies it: what the transports count as bytes moved (the strategy
 * kit's transport.ts) and what a cell records as its job's input bytes. Exact for binary data (its byteLength);
 * strings at their serialised width (one byte per character of a one-byte string, two otherwise); numbers at 8
 * bytes; keys at their length. The serialiser's framing, a few bytes per value, is not counted.
 */

function isShared(buffer: unknown): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the Latin-1 range is exactly what V8 stores in one byte
const TWO_BYTE = /[^\u0000-\u00ff]/;

/** Bytes a structured clone copies for `value`; shared memory counts 0, other binary data too when `binary` is false. */
export function payloadBytes(value: unknown, binary = true): number {
  switch (typeof value) {
    case 'number':
      return 8;
    case 'string':
      return TWO_BYTE.test(value) ? 2 * value.length : value.length;
    case 'bigint':
      return 8 * Math.max(1, Math.ceil(value.toString(16).length / 16));
    case 'boolean':
    case 'undefined':
      return 1;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null) return 1;
  if (ArrayBuffer.isView(value)) return binary && !isShared(value.buffer) ? value.byteLength : 0;
  if (value instanceof ArrayBuffer) return binary ? value.byteLength : 0;
  if (isShared(value as ArrayBufferLike)) return 0;
  let bytes = 0;
  if (Array.isArray(value)) {
    for (const item of value) bytes += payloadBytes(item, binary);
    return bytes;
  }
  for (const [key, item] of Object.entries(value)) bytes += key.length + payloadBytes(item, binary);
  return bytes;
}
