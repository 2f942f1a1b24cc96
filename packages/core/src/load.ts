import type { Workload } from './contracts.js';

/** Imports a module by URL and returns its default export: how strategies, workloads and fixtures are loaded. */
export async function importDefault<T>(url: string): Promise<T> {
  return ((await import(url)) as { default: T }).default;
}

const loaded = new Map<string, Promise<Workload>>();

/**
 * Imports a workload module by its file: URL once per thread or process and returns its default export. Worker
 * code calls it per part, so it must cost nothing after the first call: the promise is cached by URL.
 */
export function importWorkload(url: string): Promise<Workload> {
  let workload = loaded.get(url);
  if (!workload) {
    workload = importDefault<Workload>(url);
    loaded.set(url, workload);
  }
  return workload;
}
