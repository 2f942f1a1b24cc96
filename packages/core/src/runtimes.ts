/**
 * The runtime axis of a cell: which JavaScript runtime (Node, Bun, Deno) its process ran on. A cell records it as
 * `runtime: { name, version, engine }`; files written before runtimes were an axis have none, and their cells ran on
 * the run's own runtime, the one that ran the runner.
 */
import type { RuntimeInfo } from './contracts.js';

/** What tells two runtimes apart: the engine string follows from the name and version. */
export type RuntimeIdentity = Pick<RuntimeInfo, 'name' | 'version'>;

/** `bun@1.4.5`: a runtime as one string, for keys (no slash, so it can end a cell key). */
export function runtimeId(runtime: RuntimeIdentity): string {
  return `${runtime.name}@${runtime.version}`;
}

/** `bun 1.4.5`: a runtime as people read it, in progress lines, summaries, legends and tables. */
export function runtimeLabel(runtime: RuntimeIdentity): string {
  return `${runtime.name} ${runtime.version}`;
}

/** A result file's run-level runtime (`{ name, version, v8 }`) as a cell's runtime. */
export function runRuntimeInfo(run: { name: string; version: string; v8: string }): RuntimeInfo {
  return { name: run.name, version: run.version, engine: `V8 ${run.v8}` };
}

/** The runtime a cell ran on: its own, or, in a file from before cells recorded it, the run's. */
export function cellRuntime(
  cell: { runtime?: RuntimeInfo | undefined },
  run: { name: string; version: string; v8: string },
): RuntimeInfo {
  return cell.runtime ?? runRuntimeInfo(run);
}

/** The distinct runtimes of some cells, in the order they first appear; cells without one are left out. */
export function runtimesOf(cells: readonly { runtime?: RuntimeInfo | undefined }[]): RuntimeInfo[] {
  const seen = new Map<string, RuntimeInfo>();
  for (const cell of cells) {
    if (cell.runtime && !seen.has(runtimeId(cell.runtime))) seen.set(runtimeId(cell.runtime), cell.runtime);
  }
  return [...seen.values()];
}
