/**
 * The function piscina runs in each worker thread: computes one part. The workload module is imported once per
 * thread (cached by URL), so warm runs pay for no imports.
 */
import type { Workload } from '@coresweep/core';

export interface PartTask {
  workload: string;
  start: number;
  end: number;
  size: number;
}

const loaded = new Map<string, Promise<Workload>>();

function load(url: string): Promise<Workload> {
  let workload = loaded.get(url);
  if (!workload) {
    workload = import(url).then((mod: { default: Workload }) => mod.default);
    loaded.set(url, workload);
  }
  return workload;
}

export default async function runPart(task: PartTask): Promise<unknown> {
  const workload = await load(task.workload);
  return workload.run(task.start, task.end, task.size);
}
