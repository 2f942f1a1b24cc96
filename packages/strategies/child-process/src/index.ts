/**
 * child-process: a persistent pool of `workers` processes started with child_process.fork, talking over IPC with
 * 'advanced' (structured clone) serialisation by default, 'json' for the json transport; see README.md. Each process imports the workload once;
 * parts are handed out dynamically by the strategy kit's pool, one message per part.
 */
import { fileURLToPath } from 'node:url';
import { defineStrategy } from '@coresweep/core/define';
import { forkLink, PROCESS_TRANSPORTS, startPool } from '@coresweep/strategy-kit';

/** Compiled child entry, next to this module in dist (never a TypeScript loader: only compiled JS is measured). */
const CHILD_ENTRY = fileURLToPath(new URL('./child.js', import.meta.url));

export default defineStrategy({
  id: 'child-process',
  title: 'child_process.fork pool',
  description:
    'A persistent pool of forked Node processes over IPC, started once and reused by every run; ' +
    'parts are handed out dynamically.',
  parallelism: 'processes',
  transports: PROCESS_TRANSPORTS,
  start: (ctx) =>
    startPool(ctx, {
      name: 'child-process',
      // The IPC channel's serialisation is the transport ('advanced' when no data moves).
      spawn: (_index, workloadUrl, transport) => forkLink(CHILD_ENTRY, [workloadUrl, transport], transport),
    }),
});
