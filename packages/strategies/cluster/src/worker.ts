/**
 * Entry of each cluster worker: serve parts of the workload named in the environment, their data travelling by the
 * transport named there; exit when the primary goes.
 */
import type { Transport } from '@coresweep/core/define';
import { processChannel, serveWorkload } from '@coresweep/strategy-kit';

const workloadUrl = process.env.CORESWEEP_WORKLOAD_URL;
if (!workloadUrl) throw new Error('CORESWEEP_WORKLOAD_URL is not set: this file is a cluster worker entry');
await serveWorkload(processChannel(), workloadUrl, process.env.CORESWEEP_TRANSPORT as Transport | undefined);
