/**
 * The function tinypool runs in each worker thread: computes one part. The workload module is imported once per
 * thread (cached by URL), so warm runs pay for no imports.
 *
 * tinypool does not notice a worker thread that dies mid-task: the task's promise never settles. So each thread
 * announces its own exit on a BroadcastChannel named by the pool (in workerData), and the executor rejects the run.
 */
import { BroadcastChannel } from 'node:worker_threads';
import { importWorkload } from '@coresweep/core';
import type { PartTask } from '@coresweep/strategy-kit';
import Tinypool from 'tinypool';

export interface PoolData {
  /** Name of the BroadcastChannel on which a dying thread reports its exit code. */
  exitChannel: string;
}

const { exitChannel } = Tinypool.workerData as PoolData;
const exits = new BroadcastChannel(exitChannel);
exits.unref();
process.on('exit', (code) => exits.postMessage({ code }));

export default async function runPart(task: PartTask): Promise<unknown> {
  const workload = await importWorkload(task.workload);
  return workload.run(task.start, task.end, task.size);
}
