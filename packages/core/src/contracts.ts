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
 *
 * Two kinds: a kernel that computes from its index range alone (do-math, primes), and a kernel with data. A kernel
 * with data declares `input(size, seed)`: the job's input, generated deterministically in the primary (the cell's
 * main thread) before anything is timed, and `slice(input, start, end, size)`: the piece of it that part
 * [start, end) needs. Each part's `run` then receives its piece as its fourth argument; how that piece travels to the
 * thread or process computing it (copied, transferred, shared) is the strategy's transport. Inputs and part results
 * may be large: bytes, typed arrays, strings, plain objects and arrays of those.
 */
export interface Workload<Part = unknown, Result = unknown, Input = unknown, PartInput = Input> {
  /** Stable identifier used on the command line and in result files (lowercase, digits, dashes). */
  id: string;
  title: string;
  description: string;
  sizes: WorkloadSizes;
  /**
   * Computes units [start, end) of a job of `size` units. Pure and deterministic. A kernel with data receives its
   * part of the input as `input` (its own `run` may declare it required); one without receives nothing.
   */
  run(start: number, end: number, size: number, input?: PartInput): Part;
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
  /**
   * Optional: the job's input, generated from `size` and `seed` alone (the same pair gives the same input, in any
   * process). Called once per process in the primary, never timed. Without it the kernel has no data.
   */
  input?(size: number, seed: number): Input;
  /**
   * With `input`: the piece of `input` that units [start, end) need, for example a subarray view with the halo rows
   * a convolution reads. Views rather than copies: moving the piece is the transport's job, and it is measured.
   * Without it every part receives the whole input.
   */
  slice?(input: Input, start: number, end: number, size: number): PartInput;
  /**
   * Optional: the same computation as `run`, as a promise that does its work off the JavaScript thread (on
   * libuv's thread pool: node:crypto's and node:zlib's asynchronous forms). It must resolve to a part equal to
   * `run`'s. The `async` strategy uses it: the one case where a single JavaScript thread keeps several cores busy.
   */
  runAsync?(start: number, end: number, size: number, input?: PartInput): Promise<Part>;
}

/**
 * How part inputs and part results travel between the primary and its workers: between threads `clone`
 * (structured clone per message), `transfer` (ArrayBuffers moved, not copied) and `shared` (SharedArrayBuffer: the
 * input written once, results written to shared memory); between processes `json` and `advanced` (the two IPC
 * serialisations of child_process). `none`: nothing to move — a kernel without data, or a strategy without
 * parallelism that computes in the primary itself.
 */
export type Transport = 'none' | 'clone' | 'transfer' | 'shared' | 'json' | 'advanced';

/** Every transport that moves data, in the order the matrix lists them. */
export const DATA_TRANSPORTS = [
  'clone',
  'transfer',
  'shared',
  'json',
  'advanced',
] as const satisfies readonly Transport[];

/**
 * The transports a strategy's users get without asking for anything else, and the presets' default: a structured
 * clone of each part between threads (postMessage), and the V8 serialiser between processes (fork's `advanced`, the
 * same algorithm as the clone). Threads and processes then copy their data alike; `--transports` adds the others.
 */
export const DEFAULT_TRANSPORTS = ['clone', 'advanced'] as const satisfies readonly Transport[];

/** The transport of a cell that moves no data (and of every cell in files written before transports existed). */
export const NO_TRANSPORT = 'none' satisfies Transport;

/** What moving a run's data cost, cumulated since start(): the counters an executor may report. */
export interface DataMoved {
  /**
   * Bytes of part inputs and part results copied between threads or processes, both directions: serialised for a
   * message (clone, json, advanced), 0 for data that is transferred or lives in shared memory.
   */
  bytes: number;
  /**
   * Time in ms spent moving that data, summed over messages: from just before a message carrying a part's input or
   * result is serialised to the moment its receiver holds the deserialised value.
   */
  ms: number;
}

export interface StrategyContext {
  /** How many workers (threads, processes, concurrent tasks) the executor should use. */
  workers: number;
  /** Absolute `file:` URL of the workload module; import() it, do not resolve package names. */
  workload: string;
  /** Aborted when the run is being torn down; executors should stop starting work and release resources. */
  signal: AbortSignal;
  /**
   * How part inputs and results travel (one of the strategy's `transports`). Absent or `none`: the workload has no
   * data (or the strategy moves none), and the strategy uses its own default channel.
   */
  transport?: Transport;
}

export interface Executor {
  /**
   * Runs the parts of a job of `size` units and resolves with the parts' results in the order given. `inputs`, for
   * a workload with data, holds each part's piece of the input (the workload's `slice`), in the order of `parts`;
   * the executor moves each piece to the worker that computes the part, by the context's transport.
   */
  run(size: number, parts: PartRange[], inputs?: readonly unknown[]): Promise<unknown[]>;
  /** Releases everything; afterwards no thread or process of this executor is alive. Idempotent. */
  close(): Promise<void>;
  /** Process ids this executor owns (not including the current process), for CPU/RSS accounting and orphan checks. */
  pids?(): number[];
  /** Data moved since start() (both directions), for the cell's bytesMoved and data-movement time. */
  moved?(): DataMoved;
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
  /**
   * The transports it can move a workload's data with, first the one it prefers. Absent: it runs only workloads
   * without data. A strategy without parallelism that computes in the primary declares `['none']`: nothing moves.
   */
  transports?: readonly Transport[];
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

/**
 * A workload with data as its author writes it: `input` is required, and `run` (and `runAsync`) may rely on
 * receiving its part of it.
 */
export interface DataWorkload<Part, Result, Input, PartInput = Input>
  extends Omit<Workload<Part, Result, Input, PartInput>, 'input' | 'run' | 'runAsync'> {
  input(size: number, seed: number): Input;
  run(start: number, end: number, size: number, input: PartInput): Part;
  runAsync?(start: number, end: number, size: number, input: PartInput): Promise<Part>;
}

/**
 * Identity helper that only adds types: a plain object of the same shape is a valid workload module. With two type
 * arguments a kernel without data; with three or four (`defineWorkload<Part, Result, Input, PartInput>`) a kernel
 * with data, whose `run` receives its part of the input.
 */
export function defineWorkload<Part, Result>(
  workload: Workload<Part, Result, undefined>,
): Workload<Part, Result, undefined>;
export function defineWorkload<Part, Result, Input, PartInput = Input>(
  workload: DataWorkload<Part, Result, Input, PartInput>,
): Workload<Part, Result, Input, PartInput>;
export function defineWorkload(workload: Workload): Workload {
  return workload;
}

/** Identity helper that only adds types: a plain object of the same shape is a valid strategy module. */
export function defineStrategy(strategy: Strategy): Strategy {
  return strategy;
}

/** Ids appear in file names, URLs and CSS classes; keep them to a safe alphabet. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
