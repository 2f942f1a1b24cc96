/**
 * The function piscina runs in each worker thread: computes one part. The workload module is imported once per
 * thread (cached by URL), so warm runs pay for no imports.
 */
import { importWorkload } from '@coresweep/core/define';
import { computePart, type PartReply, type PartTask } from '@coresweep/strategy-kit';
import { movable } from './movable.js';

/**
 * Computes the part; the reply carries its packed result and what moving the part cost (the kit's computePart). With
 * the `transfer` transport the reply is marked by Piscina.move, so piscina moves the result's buffers back.
 */
export default async function runPart(task: PartTask): Promise<PartReply> {
  const workload = await importWorkload(task.workload);
  const { reply, transfer } = computePart(workload, task, task.transport);
  return transfer.length === 0 ? reply : movable(reply, transfer);
}
