/**
 * A thread of the pool: imports the workload once (by its absolute file: URL, never by package name), then computes
 * every part it is sent and replies with the part's value or its error.
 */
import { workerData } from 'node:worker_threads';
import { serveWorkload, threadChannel } from '@coresweep/strategy-kit';

await serveWorkload(threadChannel(), workerData as string);
