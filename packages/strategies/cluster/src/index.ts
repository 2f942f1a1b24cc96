/**
 * cluster: a persistent pool of `workers` node:cluster workers running this package's own worker entry
 * (cluster.setupPrimary({ exec })), the primary dispatching parts over the cluster IPC channel. Each worker imports
 * the workload once; parts are handed out dynamically by the strategy kit's pool, one message per part.
 */
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { defineStrategy, type Transport } from '@coresweep/core/define';
import { ipcSerialization, PROCESS_TRANSPORTS, processLink, startPool, type WorkerLink } from '@coresweep/strategy-kit';

/** Compiled worker entry, next to this module in dist (never a TypeScript loader: only compiled JS is measured). */
const WORKER_ENTRY = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Environment variables that tell a cluster worker which workload to serve and how its data travels. */
const WORKLOAD_ENV = 'CORESWEEP_WORKLOAD_URL';
const TRANSPORT_ENV = 'CORESWEEP_TRANSPORT';

function spawnClusterWorker(_index: number, workloadUrl: string, transport: Transport): WorkerLink {
  // setupPrimary() changes process-wide cluster settings; set them right before every fork so another user of
  // node:cluster in the same process cannot leave us with their entry. Same serialisation choice as child-process.
  cluster.setupPrimary({
    exec: WORKER_ENTRY,
    args: [],
    execArgv: [],
    serialization: ipcSerialization(transport),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const worker = cluster.fork({ [WORKLOAD_ENV]: workloadUrl, [TRANSPORT_ENV]: transport });
  // The cluster Worker re-emits its process's 'error' events, which would crash the primary unheard; the link
  // records them from the process itself for the exit reason.
  worker.on('error', () => {});
  // The process, not the cluster Worker: worker.kill() would first wait for a graceful disconnect, which a worker
  // busy with a long part only notices after the part. Its messages and exit are the ones the Worker relays.
  return processLink(worker.process);
}

export default defineStrategy({
  id: 'cluster',
  title: 'node:cluster pool',
  description:
    'A persistent pool of node:cluster workers with their own entry, the primary dispatching parts over the ' +
    'cluster IPC channel; started once and reused by every run.',
  parallelism: 'processes',
  transports: PROCESS_TRANSPORTS,
  start: (ctx) => startPool(ctx, { name: 'cluster', spawn: spawnClusterWorker }),
});
