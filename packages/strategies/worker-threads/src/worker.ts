/** Entry of each pool thread: serve parts of the workload named in workerData. */
import { workerData } from 'node:worker_threads';
import { serveWorkload, threadChannel } from '@coresweep/strategy-kit';

await serveWorkload(threadChannel(), (workerData as { workloadUrl: string }).workloadUrl);
