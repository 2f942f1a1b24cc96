/**
 * Entry of each worker-threads thread when the workload has data: the strategy kit's per-part loop over the thread's
 * port, each part's input and result moved by the transport in workerData (clone, transfer or shared). A part's data
 * goes only to the thread that computes it, which self-scheduling through shared ranges (worker.ts) cannot give.
 */
import { workerData } from 'node:worker_threads';
import type { Transport } from '@coresweep/core/define';
import { serveWorkload, threadChannel } from '@coresweep/strategy-kit';

/** workerData of a serving thread. */
export interface ServeThreadData {
  workloadUrl: string;
  transport: Transport;
}

const { workloadUrl, transport } = workerData as ServeThreadData;
await serveWorkload(threadChannel(), workloadUrl, transport);
