/**
 * A process of the pool: imports the workload once (by its absolute file: URL, given as argv[2]), then computes
 * every part it is sent and replies with the part's value or its error, its data travelling by the transport in
 * argv[3]. It exits when its IPC channel disconnects, so it never outlives the primary, even one killed with SIGKILL.
 */
import type { Transport } from '@coresweep/core/define';
import { processChannel, serveWorkload } from '@coresweep/strategy-kit';

const [workloadUrl, transport] = process.argv.slice(2);
if (!workloadUrl)
  throw new Error('usage: worker.js <workload file: URL> [transport] (a process forked by the strategy)');
await serveWorkload(processChannel(), workloadUrl, transport as Transport | undefined);
