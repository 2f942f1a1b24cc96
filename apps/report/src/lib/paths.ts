/**
 * Site-internal URLs. Every link goes through `withBase` so the site works when published under a sub-path
 * (GitHub Pages: /<repository>/). Pages pass import.meta.env.BASE_URL.
 */
export function withBase(base: string, path: string): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return `${prefix}${path.replace(/^\/+/, '')}`;
}

export const routes = {
  index: () => '',
  run: (run: string) => `runs/${encodeURIComponent(run)}/`,
  workload: (run: string, workload: string) => `runs/${encodeURIComponent(run)}/${encodeURIComponent(workload)}/`,
  dataMovement: (run: string, workload: string) =>
    `runs/${encodeURIComponent(run)}/${encodeURIComponent(workload)}/data-movement/`,
  machines: () => 'machines/',
  machineWorkload: (workload: string) => `machines/${encodeURIComponent(workload)}/`,
  /** A run's runtime comparison (runs over several runtimes); outside runs/ so no workload id can collide with it. */
  runtimes: (run: string) => `runtimes/${encodeURIComponent(run)}/`,
  compareIndex: () => 'compare/',
  compare: (base: string, head: string) => `compare/${encodeURIComponent(base)}/${encodeURIComponent(head)}/`,
  json: (run: string) => `data/${encodeURIComponent(run)}.json`,
  csv: (run: string) => `data/${encodeURIComponent(run)}.csv`,
};
