/**
 * The function piscina runs in each worker thread: computes one part. The workload module is imported once per
 * thread (cached by URL), so warm runs pay for no imports.
 */
import { importWorkload } from '@coresweep/core';
import type { PartTask } from '@coresweep/strategy-kit';

export default async function runPart(task: PartTask): Promise<unknown> {
  const workload = await importWorkload(task.workload);
  return workload.run(task.start, task.end, task.size);
}
