/**
 * Entry of the fresh Node process that measures one repetition (or computes one reference checksum).
 * The runner starts it with execa in its own process group, passes the job as JSON in argv and reads the
 * outcome from the IPC channel. If the runner disappears (even by SIGKILL) the IPC channel closes and this
 * process kills its whole group, so helpers a strategy started do not outlive the run.
 */
import { killTree } from './kill-tree.js';
import type { Job, Outcome } from './protocol.js';

/** Kills this process's group (its tree on Windows); not a group leader (started by hand): this process alone. */
function killOwnGroup(): void {
  killTree(process.pid, {}, () => process.exit(137));
}

// Listen before loading anything slow, and look once: a runner killed while this process was still starting closed
// the channel before anyone listened, and Node does not repeat the 'disconnect' event — the cell would then measure
// to the end, strategy helpers and all, for nobody.
process.on('disconnect', killOwnGroup);
if (process.connected === false) killOwnGroup();

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? 'null') as Job | null;
  if (!job || (job.kind !== 'cell' && job.kind !== 'reference')) throw new Error('cell-main: missing or invalid job');
  // Loaded only now (the statistics and the benchmark library take a while), after the listener above is in place.
  const { measureCell, measureReference } = await import('./measure.js');
  const outcome: Outcome = job.kind === 'cell' ? await measureCell(job) : await measureReference(job);
  await new Promise<void>((resolve, reject) => {
    if (!process.send) return reject(new Error('cell-main must be started with an IPC channel'));
    process.send(outcome, (error: Error | null) => (error ? reject(error) : resolve()));
  });
  // Exit explicitly: a strategy that leaked a handle must not keep this process (and the run) waiting.
  process.off('disconnect', killOwnGroup);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
