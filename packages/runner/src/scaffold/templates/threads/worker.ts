/**
 * A thread of the pool: imports the workload once (by its absolute file: URL, never by package name), then computes
 * every part it is sent and replies with the part's value or its error; a part's input and result travel by the
 * transport in workerData.
 */
import { workerData } from 'node:worker_threads';
import type { Transport } from '@coresweep/core/define';
import { serveWorkload, threadChannel } from '@coresweep/strategy-kit';

/** What the primary tells each thread. */
export interface ThreadData {
  workloadUrl: string;
  transport: Transport;
}

const { workloadUrl, transport } = workerData as ThreadData;
await serveWorkload(threadChannel(), workloadUrl, transport);
