/**
 * sha256: SHA-256 digests (node:crypto) of a buffer of pseudo-random bytes, block by block. A unit is one block of
 * 16 KiB; part [start, end) receives those blocks (a view of the input) and returns their 32-byte digests, so a
 * part moves 16 KiB in for every 32 bytes out. Hashing costs a few nanoseconds per byte, about ten times what
 * copying the byte costs: enough compute per byte to pay for a structured clone once the job is large.
 *
 * The asynchronous form (runAsync) hashes each block with WebCrypto's digest, which Node runs on libuv's thread
 * pool: the async strategy then keeps several cores busy from one JavaScript thread.
 */
import { createHash, webcrypto } from 'node:crypto';
import { defineWorkload } from '@coresweep/core/define';
import { bytesInUnits, concatBytes, countAndDigest, MiB, seededBytes, sizesFromBytes, unitsView } from './data.js';

/** Bytes per unit. */
export const SHA256_BLOCK = 16 * 1024;
const DIGEST = 32;

function block(input: Uint8Array, index: number): Uint8Array {
  return unitsView(input, index, index + 1, SHA256_BLOCK);
}

export default defineWorkload<Uint8Array, Uint8Array, Uint8Array>({
  id: 'sha256',
  title: 'sha256 (node:crypto)',
  description:
    'SHA-256 of pseudo-random 16 KiB blocks with node:crypto; a unit is a block, a part gets its blocks and returns ' +
    'their digests. 16 KiB in, 32 bytes out per unit; the async form runs on libuv threads.',
  // In bytes of input; one size in each preset (a time budget), --sizes reaches the rest.
  sizes: sizesFromBytes(SHA256_BLOCK, { quick: [4 * MiB], full: [16 * MiB] }),
  ...bytesInUnits(SHA256_BLOCK, seededBytes),
  run(start, end, _size, input) {
    const digests = new Uint8Array((end - start) * DIGEST);
    for (let i = 0; i < end - start; i++) {
      digests.set(createHash('sha256').update(block(input, i)).digest(), i * DIGEST);
    }
    return digests;
  },
  async runAsync(start, end, _size, input) {
    const digests = new Uint8Array((end - start) * DIGEST);
    // One block at a time: a part is one task, and the async strategy bounds how many tasks are on the pool.
    for (let i = 0; i < end - start; i++) {
      digests.set(new Uint8Array(await webcrypto.subtle.digest('SHA-256', block(input, i))), i * DIGEST);
    }
    return digests;
  },
  combine(parts) {
    return concatBytes(parts);
  },
  checksum(digests) {
    return countAndDigest('blocks', digests.byteLength / DIGEST, digests);
  },
});
