/**
 * What the kernels with data share: their inputs generated from a seed (the same bytes in every process), and exact
 * checksums of binary results. A checksum is the SHA-256 of the result's bytes, so equal results give equal
 * checksums to the last bit and any difference — one byte, one value, the order of the parts — changes it.
 */
import { createHash } from 'node:crypto';

/**
 * 32-bit words of mulberry32 from `seed` (the generator core's createRandom uses; integers here, because inputs of
 * many megabytes are filled a word at a time).
 */
export function wordStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** `length` pseudo-random bytes from `seed`: incompressible, like encrypted or already compressed data. */
export function seededBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  const next = wordStream(seed);
  const words = Math.floor(length / 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words; i++) view.setUint32(4 * i, next(), true);
  for (let i = 4 * words; i < length; i++) bytes[i] = next() & 0xff;
  return bytes;
}

/** The parts' bytes one after another, in a buffer of their own. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** SHA-256 of bytes (any typed array's memory), in hex. */
export function sha256Hex(data: ArrayBufferView): string {
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}
