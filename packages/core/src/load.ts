import type { Workload } from './contracts.js';

const loaded = new Map<string, Promise<Workload>>();

/**
 * Imports a workload module by its file: URL once per thread or process and returns its default export. Worker
 * code calls it per part, so it must cost nothing after the first call: the promise is cached by URL.
 */
export function importWorkload(url: string): Promise<Workload> {
  let workload = loaded.get(url);
  if (!workload) {
    workload = import(url).then((mod: { default: Workload }) => mod.default);
    loaded.set(url, workload);
  }
  return workload;
}
