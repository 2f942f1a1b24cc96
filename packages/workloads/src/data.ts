/**
 * What the kernels with data share: their inputs generated from a seed (the same bytes in every process), inputs
 * made of units of a fixed number of bytes (a block, a chunk, a row), and exact checksums of binary results. A
 * checksum is the SHA-256 of the result's bytes, so equal results give equal checksums to the last bit and any
 * difference — one byte, one value, the order of the parts — changes it.
 */
import { createHash } from 'node:crypto';
import { createWords, type WorkloadSizes } from '@coresweep/core/define';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/**
 * The sizes (in units) of a kernel whose unit is `unitBytes` bytes of input, declared as the input's size in bytes:
 * what a reader wants to know of such a job is how much data it moves. A byte count that is not a whole number of
 * units is a mistake in the declaration and throws when the module loads.
 */
export function sizesFromBytes(unitBytes: number, bytes: WorkloadSizes): WorkloadSizes {
  const units = (list: number[]) =>
    list.map((length) => {
      if (length % unitBytes !== 0)
        throw new RangeError(`${length} bytes is not a whole number of ${unitBytes}-byte units`);
      return length / unitBytes;
    });
  return { quick: units(bytes.quick), full: units(bytes.full) };
}

/** Units [start, end) of an input whose every unit is `unitBytes` bytes long: a view of it, no copy. */
export function unitsView(input: Uint8Array, start: number, end: number, unitBytes: number): Uint8Array {
  return input.subarray(start * unitBytes, end * unitBytes);
}

/**
 * input() and slice() of a kernel whose input is `size` units of `unitBytes` bytes, made by `generate` from a length
 * and the seed, and whose part [start, end) needs exactly its own units.
 */
export function bytesInUnits(unitBytes: number, generate: (length: number, seed: number) => Uint8Array) {
  return {
    input: (size: number, seed: number) => generate(size * unitBytes, seed),
    slice: (input: Uint8Array, start: number, end: number) => unitsView(input, start, end, unitBytes),
  };
}

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

/** A checksum line: how many `noun` the result holds and the SHA-256 of its bytes, `rows=16 sha256=…`. */
export function countAndDigest(noun: string, count: number, data: ArrayBufferView): string {
  return `${noun}=${count} sha256=${sha256Hex(data)}`;
}

/** SHA-256 of bytes (any typed array's memory), in hex. */
export function sha256Hex(data: ArrayBufferView): string {
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}
