/**
 * The transports' packing and counting (transport.ts): what each one does to a part's data, what it counts as copied,
 * and that every value arrives as it left — through a real worker thread and a real IPC channel, not just in place.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { Transport } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { cloneBytes, jsonBytes, pack, unpack } from '../src/transport.js';

const input = new Float64Array(1000).map((_, i) => i * 0.5 - 100);
/** Part 2 of 4: a view into the middle of the input, as a workload's slice() returns it. */
const piece = input.subarray(250, 500);
const mixed = { rows: piece, label: 'band 2', count: 250, bytes: new Uint8Array([1, 2, 3]), tags: ['a', 'bé'] };

/** Posts `value` over a MessagePort, as postMessage does between threads, and reads it on the other end. */
function throughPort(value: unknown, transfer: ArrayBuffer[] = []): unknown {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value, transfer);
  const received = receiveMessageOnPort(port2)?.message;
  port1.close();
  return received;
}

describe('pack and unpack', () => {
  it.each(['clone', 'transfer', 'shared', 'none', 'advanced'] as Transport[])(
    '%s: a view, an object with binary data, strings and numbers arrive equal',
    (transport) => {
      for (const value of [piece, mixed, 'text', 42, [piece, piece]]) {
        const packed = pack(value, transport, { owned: false });
        const arrived = unpack(throughPort(packed.value, packed.transfer), transport);
        expect(arrived).toEqual(value);
      }
    },
  );

  it('json: binary data crosses JSON as base64 and comes back as the same typed array', () => {
    const packed = pack(mixed, 'json', { owned: false });
    const arrived = unpack(JSON.parse(JSON.stringify(packed.value)), 'json') as typeof mixed;
    expect(arrived.rows).toBeInstanceOf(Float64Array);
    expect(arrived).toEqual(mixed);
    expect(packed.bytes).toBe(jsonBytes(packed.value));
    // Base64 of 2000 bytes of floats is 2668 characters: the bulk of what the message carries.
    expect(packed.bytes).toBeGreaterThan(Math.ceil((piece.byteLength * 4) / 3));
  });

  it('clone: copies only the piece, not the whole input the view belongs to, and counts exactly its bytes', () => {
    const packed = pack(piece, 'clone', { owned: false });
    expect(packed.bytes).toBe(piece.byteLength);
    expect((packed.value as Float64Array).buffer.byteLength).toBe(piece.byteLength);
    // A structured clone of the raw view would have copied the whole 8000-byte buffer.
    expect((throughPort(piece) as Float64Array).buffer.byteLength).toBe(input.byteLength);
  });

  it('transfer: moves a copy of the input piece (the input stays usable), and an owned result without copying', () => {
    const packed = pack(piece, 'transfer', { owned: false });
    expect(packed.bytes).toBe(0);
    expect(packed.transfer).toHaveLength(1);
    throughPort(packed.value, packed.transfer);
    expect(input.byteLength).toBe(8000); // not detached
    const result = new Float64Array([1, 2, 3]);
    const owned = pack({ result, note: 'ok' }, 'transfer', { owned: true });
    expect(owned.transfer).toEqual([result.buffer]);
    expect(owned.bytes).toBe(cloneBytes({ note: 'ok' }) + 'result'.length);
    throughPort(owned.value, owned.transfer);
    expect(result.byteLength).toBe(0); // moved: detached on this side
  });

  it('shared: the input is written to shared memory once, every later run reuses it; results go there too', () => {
    const first = pack(piece, 'shared', { owned: false });
    const again = pack(input.subarray(0, 250), 'shared', { owned: false });
    const firstView = first.value as Float64Array;
    expect(firstView.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect((again.value as Float64Array).buffer).toBe(firstView.buffer);
    expect(first.bytes + again.bytes).toBe(0);
    const arrived = throughPort(first.value) as Float64Array;
    expect(arrived.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(arrived).toEqual(piece);
    const result = pack(new Uint8Array([7, 8, 9]), 'shared', { owned: true });
    expect((result.value as Uint8Array).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(result.bytes).toBe(0);
  });

  it('counts strings at their serialised width and shared memory as nothing', () => {
    expect(cloneBytes('abc')).toBe(3);
    expect(cloneBytes('ab€')).toBe(6);
    expect(cloneBytes(new Uint8Array(new SharedArrayBuffer(64)))).toBe(0);
    expect(cloneBytes({ a: new Uint16Array(10), b: 1 })).toBe(1 + 20 + 1 + 8);
    expect(pack(undefined, 'clone', { owned: false }).bytes).toBe(0);
  });

  it("advanced and json cross a real child process's IPC channel intact", async () => {
    for (const serialization of ['advanced', 'json'] as const) {
      const transport: Transport = serialization;
      const child = fork('-e', ["process.on('message', (m) => process.send(m, () => process.exit(0)))"], {
        serialization,
        execArgv: [],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      // fork() runs a module path; '-e' with the code as the next argument is node's own eval.
      const packed = pack(mixed, transport, { owned: false });
      child.send(packed.value);
      const [message] = await once(child, 'message');
      await once(child, 'exit');
      expect(unpack(message, transport)).toEqual(mixed);
    }
  });
});
