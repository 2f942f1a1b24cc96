/**
 * A process of the pool: imports the workload once (by its absolute file: URL, given as argv[2]), then computes
 * every part it is sent and replies with the part's value or its error. It exits when its IPC channel disconnects,
 * so it never outlives the primary, even one killed with SIGKILL.
 */
import { processChannel, serveWorkload } from '@coresweep/strategy-kit';

const workloadUrl = process.argv[2];
if (!workloadUrl) throw new Error('usage: worker.js <workload file: URL> (a process forked by the strategy)');
await serveWorkload(processChannel(), workloadUrl);
