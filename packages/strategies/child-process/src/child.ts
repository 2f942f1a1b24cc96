/** Entry of each forked process: serve parts of the workload whose file: URL is argv[2]; exit when the parent goes. */
import { processChannel, serveWorkload } from '@coresweep/strategy-kit';

const workloadUrl = process.argv[2];
if (!workloadUrl) throw new Error('usage: child.js <workload file: URL>');
await serveWorkload(processChannel(), workloadUrl);
