/**
 * The poolifier worker: the file each of the pool's threads runs as its main module. Each part imports its workload
 * through core's importWorkload, which loads it once per thread and caches it by URL, so warm runs pay for no
 * imports (as piscina's and tinypool's tasks do).
 *
 * Two rules keep a thread that is terminated while it loads from taking the whole process down (README, "How the
 * threads load their code"):
 * - this file is an ES module started by `new Worker(path)`, which Node loads with its asynchronous ES module
 *   loader (the package is `"type": "module"`), never with require(esm);
 * - it has no top-level await: on Node 20 a thread terminated while it evaluates a module with top-level await
 *   aborts the process (V8's `Check failed: (location_) != nullptr` in SourceTextModule::ExecuteAsyncModule).
 *   The workload is imported inside the task function instead.
 */
import { importWorkload } from '@coresweep/core/define';
import { cloneBytes, computePart, type PartReply, type PartTask } from '@coresweep/strategy-kit';
import { ThreadWorker } from 'poolifier';

/** One part per task: the kit's computePart unpacks its input, computes it and packs the result. */
async function runPart(task?: PartTask): Promise<PartReply> {
  if (!task) throw new Error('poolifier task without data');
  const workload = await importWorkload(task.workload);
  const { reply, transfer } = computePart(workload, task, task.transport);
  // poolifier posts a task's response without a transfer list, so buffers packed to be moved are copied: count them.
  if (transfer.length > 0) reply.bytes = cloneBytes(reply.value);
  return reply;
}

export default new ThreadWorker<PartTask, PartReply>(runPart);
