/**
 * Entry of each forked process: serve parts of the workload whose file: URL is argv[2], their data travelling by the
 * transport in argv[3]; exit when the parent goes.
 */
import type { Transport } from '@coresweep/core/define';
import { processChannel, serveWorkload } from '@coresweep/strategy-kit';

const [workloadUrl, transport] = process.argv.slice(2);
if (!workloadUrl) throw new Error('usage: child.js <workload file: URL> [transport]');
await serveWorkload(processChannel(), workloadUrl, transport as Transport | undefined);
