/**
 * @coresweep/strategy-kit: what every pool strategy shares, written once.
 * - primary side: startPool() and the WorkerLink a strategy adapts its thread or process to;
 * - worker side: serveWorkload() over threadChannel() or processChannel();
 * - the wire protocol between the two.
 * The conformance suite lives in its own entry point, `@coresweep/strategy-kit/conformance`, so that importing the
 * kit at run time never pulls in vitest.
 */
export { type PoolExecutor, type PoolOptions, startPool, type WorkerLink } from './pool.js';
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
