/**
 * What the kernels with data share: their inputs generated from a seed (the same bytes in every process), and exact
 * checksums of binary results. A checksum is the SHA-256 of the result's bytes, so equal results give equal
 * checksums to the last bit and any difference — one byte, one value, the order of the parts — changes it.
 */
import { createHash } from 'node:crypto';
import { createWords } from '@coresweep/core';

/** `length` pseudo-random bytes from `seed`: incompressible, like encrypted or already compressed data. */
export function seededBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  const next = createWords(seed);
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
