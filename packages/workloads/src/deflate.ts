/**
 * deflate: zlib's deflate (raw, level 6) over generated text, chunk by chunk. A unit is a chunk of 64 KiB of
 * English-like text (words drawn from a fixed vocabulary, so it compresses about as well as prose); part
 * [start, end) receives its chunks (a view of the input) and returns their compressed streams with their lengths.
 * Compression costs tens of nanoseconds per byte: plenty of compute per byte moved, so even a structured clone of the
 * text pays off from small jobs on.
 *
 * The checksum inflates every stream and hashes the text it gives back (with the stream count), so it says the
 * compression is complete and lossless whatever zlib build compressed it; the compressed bytes themselves are not
 * part of it. The asynchronous form (runAsync) uses zlib's callback API, which Node runs on libuv's thread pool.
 */
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { createWords, defineWorkload } from '@coresweep/core/define';
import { bytesInUnits, concatBytes, MiB, sha256Hex, sizesFromBytes, unitsView } from './data.js';

/** Bytes of text per unit. */
export const DEFLATE_CHUNK = 64 * 1024;
const LEVEL = 6;

/** A part's compressed chunks: their streams one after another, and each stream's length. */
export interface DeflatePart {
  lengths: Uint32Array;
  data: Uint8Array;
}

const VOCABULARY = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they ' +
  'you were her she there been one all we their has would when if so no will more about up out who them some ' +
  'could what into than then its time only other new two may these any see first way people work part made ' +
  'after such between under parallel thread process worker buffer message memory core speed serial async ' +
  'benchmark result data transfer clone shared compress stream chunk block image sort merge record'
).split(' ');

/** `length` bytes of text: words from the vocabulary with spaces, a newline now and then, all from `seed`. */
function generatedText(length: number, seed: number): Uint8Array {
  const next = createWords(seed);
  const words = VOCABULARY.map((word) => Buffer.from(word, 'latin1'));
  const text = new Uint8Array(length);
  let at = 0;
  while (at < length) {
    const r = next();
    const word = words[r % words.length] as Buffer;
    const room = Math.min(word.length, length - at);
    text.set(word.subarray(0, room), at);
    at += room;
    if (at < length) text[at++] = r >>> 24 < 20 ? 10 : 32;
  }
  return text;
}

function chunks(text: Uint8Array): Uint8Array[] {
  return Array.from({ length: Math.ceil(text.byteLength / DEFLATE_CHUNK) }, (_, i) =>
    unitsView(text, i, i + 1, DEFLATE_CHUNK),
  );
}

function toPart(streams: readonly Uint8Array[]): DeflatePart {
  return { lengths: Uint32Array.from(streams, (stream) => stream.byteLength), data: concatBytes(streams) };
}

function deflateAsync(chunk: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    deflateRaw(chunk, { level: LEVEL }, (error, result) => (error ? reject(error) : resolve(new Uint8Array(result))));
  });
}

export default defineWorkload<DeflatePart, DeflatePart, Uint8Array>({
  id: 'deflate',
  title: 'deflate (node:zlib)',
  description:
    'zlib deflate (level 6) of generated text in 64 KiB chunks; a unit is a chunk, a part gets its chunks and ' +
    'returns their compressed streams. About 3:1 smaller out than in; the async form runs on libuv threads.',
  // In bytes of input; one size in each preset (a time budget), --sizes reaches the rest.
  sizes: sizesFromBytes(DEFLATE_CHUNK, { quick: [4 * MiB], full: [4 * MiB] }),
  ...bytesInUnits(DEFLATE_CHUNK, generatedText),
  run(_start, _end, _size, text) {
    return toPart(chunks(text).map((chunk) => new Uint8Array(deflateRawSync(chunk, { level: LEVEL }))));
  },
  async runAsync(_start, _end, _size, text) {
    const streams: Uint8Array[] = [];
    // One chunk at a time: a part is one task, and the async strategy bounds how many tasks are on the pool.
    for (const chunk of chunks(text)) streams.push(await deflateAsync(chunk));
    return toPart(streams);
  },
  combine(parts) {
    return { lengths: concatLengths(parts.map((part) => part.lengths)), data: concatBytes(parts.map((p) => p.data)) };
  },
  checksum({ lengths, data }) {
    const texts: Uint8Array[] = [];
    let at = 0;
    for (const length of lengths) {
      texts.push(new Uint8Array(inflateRawSync(data.subarray(at, at + length))));
      at += length;
    }
    if (at !== data.byteLength) return `streams=${lengths.length} trailing bytes=${data.byteLength - at}`;
    return `streams=${lengths.length} inflated sha256=${sha256Hex(concatBytes(texts))}`;
  },
});

function concatLengths(parts: readonly Uint32Array[]): Uint32Array {
  const bytes = concatBytes(parts.map((p) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength)));
  return new Uint32Array(bytes.buffer, 0, bytes.byteLength / 4);
}
