/**
 * The contracts every package, test and out-of-tree strategy author relies on.
 * Names and shapes follow docs/architecture.md; change them only together with it.
 */

/** A half-open range of work units: [start, end). */
export type PartRange = [start: number, end: number];

export interface WorkloadSizes {
  /** Total units of work used by the `quick` preset. */
  quick: number[];
  /** Total units of work used by the `full` preset. */
  full: number[];
}

/**
 * A CPU-bound kernel. Its module's default export is `defineWorkload({...})`, and every thread or process
 * that executes it imports that module by its absolute `file:` URL.
 */
export interface Workload<Part = unknown, Result = unknown> {
  /** Stable identifier used on the command line and in result files (lowercase, digits, dashes). */
  id: string;
  title: string;
  description: string;
  sizes: WorkloadSizes;
  /** Computes units [start, end) of a job of `size` units. Pure and deterministic. */
  run(start: number, end: number, size: number): Part;
  /** Combines the parts of a job; `parts` arrive in index order and together cover [0, size). */
  combine(parts: Part[], size: number): Result;
  /** Equal results <=> equal checksums. */
  checksum(result: Result): string;
  /**
   * Optional: merges the results of adjacent sub-ranges of one part into the result of the whole part.
   * Strategies that slice a part into smaller steps (the `async` strategy) need it; without it they run a
   * part as one step.
   */
  merge?(parts: Part[], size: number): Part;
}

export interface StrategyContext {
  /** How many workers (threads, processes, concurrent tasks) the executor should use. */
  workers: number;
  /** Absolute `file:` URL of the workload module; import() it, do not resolve package names. */
  workload: string;
  /** Aborted when the run is being torn down; executors should stop starting work and release resources. */
  signal: AbortSignal;
}

export interface Executor {
  /** Runs the parts of a job of `size` units and resolves with the parts' results in the order given. */
  run(size: number, parts: PartRange[]): Promise<unknown[]>;
  /** Releases everything; afterwards no thread or process of this executor is alive. Idempotent. */
  close(): Promise<void>;
  /** Process ids this executor owns (not including the current process), for CPU/RSS accounting and orphan checks. */
  pids?(): number[];
}

export type Parallelism = 'none' | 'threads' | 'processes';

/** The JavaScript runtime a cell process runs on: `node`, `bun` or `deno`, its version and its engine. */
export interface RuntimeInfo {
  /** `node`, `bun` or `deno`. */
  name: string;
  /** The runtime's own version: `24.21.0`, `1.4.5`. */
  version: string;
  /** The JavaScript engine with its version: `V8 13.6.233.17-node.53`, `JavaScriptCore (WebKit d6375c7)`. */
  engine: string;
}

/** What a cell would run: the workload (by id), the size of its job and the runtime of its process. */
export interface StrategyTarget {
  workload: string;
  /** Total units of work of the cell's job (a strategy much slower per unit may decline the largest sizes). */
  size: number;
  runtime: RuntimeInfo;
}

/** A concurrency strategy. A strategy package's default export is `defineStrategy({...})`. */
export interface Strategy {
  /** Stable identifier used on the command line and in result files (lowercase, digits, dashes). */
  id: string;
  title: string;
  description: string;
  parallelism: Parallelism;
  start(ctx: StrategyContext): Promise<Executor>;
  /**
   * Optional: why this strategy cannot run `target` (a workload it has no implementation for, a runtime it is known
   * to hang or fail on), or null when it can. The runner plans such cells `skipped` with this reason instead of
   * starting a process for them. Called in the runner's own process while it plans the run, once per cell: answer
   * from what you know, quickly, without starting workers; what takes a moment to learn (does an interpreter run?)
   * learn once per process and remember.
   */
  unsupported?(target: StrategyTarget): string | null;
}

/** Identity helper that only adds types: a plain object of the same shape is a valid workload module. */
export function defineWorkload<Part, Result>(workload: Workload<Part, Result>): Workload<Part, Result> {
  return workload;
}

/** Identity helper that only adds types: a plain object of the same shape is a valid strategy module. */
export function defineStrategy(strategy: Strategy): Strategy {
  return strategy;
}

/** Ids appear in file names, URLs and CSS classes; keep them to a safe alphabet. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
