/**
 * json-records: parse, transform and stringify generated JSON records — the everyday CPU-bound job of a Node service.
 * A unit is one record of a newline-delimited JSON document (about 300 bytes: an order with a customer, a few line
 * items and tags), held as UTF-8 bytes as it would arrive from a file or a socket. Part [start, end) receives the
 * bytes of its records (a view of the input) and returns the bytes of its transformed records: each is parsed, its
 * total computed in integer cents, its e-mail domain extracted, its tags sorted, and stringified again.
 *
 * Everything is integer or text, so the output is exact; the checksum is the SHA-256 of the whole output document,
 * the same for every partition.
 */
import { createWords, defineWorkload } from '@coresweep/core/define';
import { concatBytes, countAndDigest } from './data.js';

/** The document and where each record starts (offsets[i] is record i's first byte; offsets[size] the end). */
export interface RecordsInput {
  text: Uint8Array;
  offsets: Float64Array;
}

interface Order {
  id: number;
  customer: { name: string; email: string };
  items: Array<{ sku: string; cents: number; quantity: number }>;
  tags: string[];
  placed: string;
}

const NAMES = ['ada', 'brian', 'chen', 'dana', 'emeka', 'farah', 'grace', 'hiro', 'ines', 'jonas', 'kofi', 'lena'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'shop.example'];
const TAGS = ['gift', 'express', 'fragile', 'bulk', 'repeat', 'promo', 'wholesale', 'priority'];

function generatedOrder(id: number, next: () => number): Order {
  const name = `${NAMES[next() % NAMES.length]}-${next() % 1000}`;
  const items = Array.from({ length: 1 + (next() % 4) }, () => ({
    sku: `SKU-${(next() % 100000).toString().padStart(5, '0')}`,
    cents: 99 + (next() % 20000),
    quantity: 1 + (next() % 5),
  }));
  const tags = TAGS.filter(() => next() % 3 === 0);
  const day = 1 + (next() % 28);
  return {
    id,
    customer: { name, email: `${name}@${DOMAINS[next() % DOMAINS.length]}` },
    items,
    tags,
    placed: `2026-${String(1 + (next() % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

function generatedRecords(size: number, seed: number): RecordsInput {
  const next = createWords(seed);
  const encoder = new TextEncoder();
  const lines: Uint8Array[] = [];
  const offsets = new Float64Array(size + 1);
  for (let i = 0; i < size; i++) {
    const line = encoder.encode(`${JSON.stringify(generatedOrder(i, next))}\n`);
    lines.push(line);
    offsets[i + 1] = (offsets[i] as number) + line.byteLength;
  }
  return { text: concatBytes(lines), offsets };
}

/** The transformation of one record. */
function transform(order: Order): unknown {
  const cents = order.items.reduce((sum, item) => sum + item.cents * item.quantity, 0);
  return {
    id: order.id,
    customer: order.customer.name.toUpperCase(),
    domain: order.customer.email.slice(order.customer.email.indexOf('@') + 1),
    items: order.items.length,
    units: order.items.reduce((sum, item) => sum + item.quantity, 0),
    totalCents: cents,
    total: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    tags: [...order.tags].sort(),
    month: order.placed.slice(0, 7),
  };
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Records per chunk: run() works through its part a chunk at a time, so that a record costs the same in a part of any
 * size. Decoding a whole part into one string, splitting it into one array of lines and growing one output string
 * made a 20,000-record job 8–9% slower per record in one part than in four in the same thread (the parts' results
 * kept and combined, as in a cell): serial, which gets the whole job as one part, was handicapped, and `async` at
 * four tasks read as faster than serial on one core.
 */
const CHUNK_RECORDS = 500;
const NEWLINE = 0x0a;

/** The transformed records of a chunk of whole lines, as bytes. */
function transformLines(bytes: Uint8Array): Uint8Array {
  let out = '';
  for (const line of decoder.decode(bytes).split('\n')) {
    if (line !== '') out += `${JSON.stringify(transform(JSON.parse(line) as Order))}\n`;
  }
  return encoder.encode(out);
}

export default defineWorkload<Uint8Array, Uint8Array, RecordsInput, Uint8Array>({
  id: 'json-records',
  title: 'json-records (parse, transform, stringify)',
  description:
    'Newline-delimited JSON orders as UTF-8 bytes; a unit is a record, a part gets its bytes, parses each record, ' +
    'computes its total and domain, sorts its tags and returns the stringified results as bytes.',
  sizes: {
    // About 6 MB of JSON in both presets (the full preset is a time budget too); --sizes reaches the rest.
    quick: [20_000],
    full: [20_000],
  },
  input(size, seed) {
    return generatedRecords(size, seed);
  },
  slice({ text, offsets }, start, end) {
    return text.subarray(offsets[start] as number, offsets[end] as number);
  },
  run(_start, _end, _size, bytes) {
    const chunks: Uint8Array[] = [];
    let from = 0;
    while (from < bytes.byteLength) {
      // The end of the chunk: just past its CHUNK_RECORDS-th newline, or the end of the part.
      let end = from;
      for (let records = 0; records < CHUNK_RECORDS && end < bytes.byteLength; records++) {
        const newline = bytes.indexOf(NEWLINE, end);
        end = newline === -1 ? bytes.byteLength : newline + 1;
      }
      chunks.push(transformLines(bytes.subarray(from, end)));
      from = end;
    }
    return concatBytes(chunks);
  },
  combine(parts) {
    return concatBytes(parts);
  },
  checksum(document) {
    return countAndDigest('bytes', document.byteLength, document);
  },
});
