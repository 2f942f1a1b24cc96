/**
 * The function tinypool runs in each worker thread: computes one part. The workload module is imported once per
 * thread (cached by URL), so warm runs pay for no imports.
 *
 * tinypool does not notice a worker thread that dies mid-task: the task's promise never settles. So each thread
 * announces its own exit on a BroadcastChannel named by the pool (in workerData), and the executor rejects the run.
 */
import { BroadcastChannel } from 'node:worker_threads';
import { importWorkload } from '@coresweep/core/define';
import { computePart, type PartReply, type PartTask } from '@coresweep/strategy-kit';
import Tinypool, { markMovable } from 'tinypool';

export interface PoolData {
  /** Name of the BroadcastChannel on which a dying thread reports its exit code. */
  exitChannel: string;
}

const { exitChannel } = Tinypool.workerData as PoolData;
const exits = new BroadcastChannel(exitChannel);
exits.unref();
process.on('exit', (code) => exits.postMessage({ code }));

/**
 * Computes the part; the reply carries its packed result and what moving the part cost (the kit's computePart). With
 * buffers to move (`transfer`), the reply goes back wrapped as tinypool's movable value, so they are transferred.
 */
export default async function runPart(task: PartTask): Promise<PartReply> {
  const workload = await importWorkload(task.workload);
  const { reply, transfer } = computePart(workload, task, task.transport);
  if (transfer.length === 0) return reply;
  const movable = { [Tinypool.transferableSymbol]: transfer, [Tinypool.valueSymbol]: reply };
  markMovable(movable);
  return movable as unknown as PartReply;
}
