/**
 * The worker side of a pool: import the workload module once, then answer part requests until the primary goes
 * away. The same loop serves worker_threads, child_process.fork and cluster workers; only the channel differs.
 */
import { parentPort } from 'node:worker_threads';
import { importDefault, NO_TRANSPORT, serializeError, type Transport, type Workload } from '@coresweep/core/define';
import { computePart } from './part-data.js';
import { isPartRequest, type WorkerMessage } from './protocol.js';

/** How a worker talks to its primary. */
export interface PrimaryChannel {
  /** Sends a message to the primary, moving the buffers in `transfer` where the channel can (threads). */
  send(message: WorkerMessage, transfer?: readonly ArrayBuffer[]): void;
  /** Calls `listener` for every message from the primary. */
  onMessage(listener: (message: unknown) => void): void;
}

/** The channel of a worker thread: its `parentPort`. Throws when called outside a worker thread. */
export function threadChannel(): PrimaryChannel {
  const port = parentPort;
  if (!port) throw new Error('threadChannel() must be called inside a worker thread');
  return {
    send: (message, transfer) => port.postMessage(message, transfer as ArrayBuffer[] | undefined),
    onMessage: (listener) => port.on('message', listener),
  };
}

/**
 * The channel of a forked process or cluster worker: its IPC channel (`process.send` / `process.on('message')`).
 *
 * The process exits as soon as the channel disconnects, so a worker never outlives its primary, not even when the
 * primary is killed with SIGKILL (the operating system closes the channel's socket, and the child sees 'disconnect'
 * once its current part is done).
 */
export function processChannel(): PrimaryChannel {
  const send = process.send?.bind(process);
  if (!send || !process.connected)
    throw new Error('processChannel() needs an IPC channel (child_process.fork or cluster)');
  process.on('disconnect', () => process.exit(0));
  return {
    send: (message) => {
      // A failed send means the primary is gone; 'disconnect' ends the process, so the callback only swallows it.
      if (process.connected) send(message, undefined, undefined, () => {});
    },
    onMessage: (listener) => process.on('message', listener),
  };
}

/**
 * Imports the workload at `workloadUrl` (an absolute `file:` URL) once, tells the primary it is ready, and then
 * computes every part request it receives, replying with the part's value or its serialised error. Part inputs and
 * results travel by `transport` (transport.ts): the worker unpacks each input, packs each result as its owner, and
 * reports the bytes its reply copies and how long the request took to arrive.
 */
export async function serveWorkload(
  channel: PrimaryChannel,
  workloadUrl: string,
  transport: Transport = NO_TRANSPORT,
): Promise<void> {
  let workload: Workload;
  try {
    workload = await importDefault<Workload>(workloadUrl);
    if (typeof workload?.run !== 'function') throw new Error(`${workloadUrl} has no default export with run()`);
  } catch (error) {
    channel.send({ type: 'load-failed', error: serializeError(error) });
    return;
  }
  channel.onMessage((message) => {
    if (!isPartRequest(message)) return;
    const { id } = message;
    let reply: WorkerMessage;
    let transfer: ArrayBuffer[] = [];
    try {
      const computed = computePart(workload, message, transport);
      reply = { type: 'done', id, ...computed.reply };
      transfer = computed.transfer;
    } catch (error) {
      reply = { type: 'failed', id, error: serializeError(error) };
    }
    try {
      channel.send(reply, transfer);
    } catch (error) {
      // The value could not cross the boundary (not structured-cloneable): report that as the part's failure
      // rather than letting it escape as an uncaught error that would take the whole worker down.
      channel.send({ type: 'failed', id, error: serializeError(error) });
    }
  });
  channel.send({ type: 'ready' });
}
