/**
 * @coresweep/strategy-kit: what every pool strategy shares, written once.
 * - primary side: startPool() (the pool's lifecycle), its default per-part messageDispatch() or a strategy's own
 *   Dispatch, and threadLink() / processLink() / forkLink() to adapt a thread or process to the pool;
 *   libraryPoolExecutor() for a pool from the ecosystem (piscina, tinypool) that runs its own threads;
 * - worker side: serveWorkload() over threadChannel() or processChannel();
 * - the wire protocol between the two.
 * The conformance suite lives in its own entry point, `@coresweep/strategy-kit/conformance`, so that importing the
 * kit at run time never pulls in vitest.
 */
export {
  type LibraryPool,
  type LibraryPoolExecutor,
  type LibraryPoolOptions,
  libraryPoolExecutor,
  type PartTask,
} from './library-pool.js';
export { forkLink, ipcSerialization, processLink, threadLink } from './links.js';
export { messageDispatch } from './message-dispatch.js';
export { computePart, DataMover, type OutgoingInput, type PartReply, type PartWork } from './part-data.js';
export {
  type Dispatch,
  type PoolControl,
  type PoolExecutor,
  type PoolJob,
  type PoolOptions,
  type PoolWorker,
  startPool,
  type WorkerHandle,
  type WorkerLink,
} from './pool.js';
export {
  isPartRequest,
  isWorkerMessage,
  type LoadFailedMessage,
  type PartDoneMessage,
  type PartFailedMessage,
  type PartRequest,
  type ReadyMessage,
  type WorkerMessage,
} from './protocol.js';
export { type PrimaryChannel, processChannel, serveWorkload, threadChannel } from './serve.js';
export {
  cloneBytes,
  jsonBytes,
  type Packed,
  type PackOptions,
  PROCESS_TRANSPORTS,
  pack,
  THREAD_TRANSPORTS,
  unpack,
  wallClock,
} from './transport.js';
