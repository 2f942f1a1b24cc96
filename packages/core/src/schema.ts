/**
 * The result file: one JSON document per run, validated on write and on read. The JSON Schema in
 * schema/result.schema.json is generated from these definitions (`pnpm --filter @coresweep/core schema:write`);
 * a test fails when the committed file and these definitions drift apart.
 */
import { z } from 'zod';
import { BetweenRunsSchema } from './between-runs-schema.js';
import { ID_PATTERN } from './contracts.js';

export const SCHEMA_VERSION = 1 as const;

const id = z.string().regex(ID_PATTERN, 'must be lowercase letters, digits and dashes');
const nonNegative = z.number().finite().nonnegative();
const interval = z.tuple([z.number().finite(), z.number().finite()]);
/**
 * The confidence the interval next to it actually has (intervals.ts): 0.95 when there are enough processes, lower
 * with too few (0.5 with two), null when there is no interval (one process: `ci95` is then the estimate twice).
 * Absent in files written before it was recorded, whose intervals were percentile bootstraps labelled 95%.
 */
const ciLevel = z.number().gt(0).max(1).nullable().optional();

/** How a cell's data travelled (contracts.ts `Transport`); absent in files from before transports: `none`. */
export const TransportSchema = z.enum(['none', 'clone', 'transfer', 'shared', 'json', 'advanced']);

/**
 * Bytes of part inputs and results copied between threads or processes per warm run, both directions (0 for
 * transferred or shared data); null where the strategy does not report it; absent in older files.
 */
const bytesMoved = nonNegative.nullable().optional();
/** Time spent moving data per warm run (ms, summed over messages); null where not reported; absent in older files. */
const movementMs = nonNegative.nullable().optional();

export const CellStatusSchema = z.enum(['ok', 'failed', 'timeout', 'wrong-result', 'skipped']);
export type CellStatus = z.infer<typeof CellStatusSchema>;

/**
 * Why a cell of a run with a precision target got no more repetitions (precision.ts): its interval reached the
 * target, it reached the run's maximum of repetitions, or the run's time cap ended the rounds first.
 */
export const StopReasonSchema = z.enum(['precision reached', 'max repetitions', 'time cap']);
export type StopReason = z.infer<typeof StopReasonSchema>;

/** Timing of warm `run()` calls in milliseconds. */
export const TimingSchema = z.object({
  /** The cell's time: the geometric mean of the per-process medians of its ok repetitions (intervals.ts). */
  median: nonNegative,
  /** Its confidence interval, at the level `ciLevel` (the name is historical: the level is 95% when supported). */
  ci95: interval,
  ciLevel,
  mean: nonNegative,
  sd: nonNegative,
  cv: nonNegative,
  min: nonNegative,
  max: nonNegative,
  samples: z.array(nonNegative).min(1),
});
export type Timing = z.infer<typeof TimingSchema>;

/**
 * Where the wall time of one repetition went (ms); the parts add up to its `durationMs`. Measured from timestamps in
 * the cell process and the runner's duration of the whole process.
 */
export const PhasesSchema = z.object({
  /** Spawning the process, Node's start, the imports, and its exit. */
  processMs: nonNegative,
  /** The strategy's start(). */
  startMs: nonNegative,
  /** The cold first run. */
  firstRunMs: nonNegative,
  /** Warm-up runs before timing. */
  warmupMs: nonNegative,
  /** The timed runs: what the estimate is made of. */
  timedMs: nonNegative,
  /** After the timed runs: the warm checksum, memory, close() and the check for processes left alive. */
  closeMs: nonNegative,
});
export type Phases = z.infer<typeof PhasesSchema>;

/** One repetition of a cell: one fresh Node process. */
export const RepetitionSchema = z.object({
  index: z.number().int().nonnegative(),
  status: CellStatusSchema,
  error: z.string().nullable(),
  checksum: z.string().nullable(),
  /** Warm samples of this repetition (ms). Empty when the repetition failed before timing. */
  samples: z.array(nonNegative),
  medianMs: nonNegative.nullable(),
  /** start() to the first run() result (ms). */
  coldMs: nonNegative.nullable(),
  /** start() alone (ms): spawning threads or processes, loading code. */
  startMs: nonNegative.nullable(),
  /** CPU time (user + system) of the cell process and every process the executor owns, over the warm phase (ms). */
  cpuMs: nonNegative.nullable(),
  /** Wall time of the warm phase the CPU time was measured over (ms). */
  wallMs: nonNegative.nullable(),
  /** cpuMs / (wallMs x min(workers, usable cores)). */
  utilisation: nonNegative.nullable(),
  /** Peak resident set size of the cell process plus the processes the executor owns (bytes). */
  peakRssBytes: nonNegative.nullable(),
  bytesMoved,
  movementMs,
  durationMs: nonNegative,
  /** Where `durationMs` went; absent in older files and for a repetition that did not get as far as timing. */
  phases: PhasesSchema.optional(),
});
export type Repetition = z.infer<typeof RepetitionSchema>;

export const SpeedupSchema = z.object({
  /** T_serial / T_cell from the two cells' times. */
  median: nonNegative,
  /** Welch interval of the ratio, carrying the serial cell's uncertainty too; its level is `ciLevel`. */
  ci95: interval,
  ciLevel,
});

/** The runtime a cell's processes ran on. */
export const RuntimeInfoSchema = z.object({
  /** `node`, `bun` or `deno`. */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
  /** The runtime's own version (Bun's and Deno's, not the Node version they emulate). */
  version: z.string().regex(/^[0-9A-Za-z.+-]+$/, 'must be a version such as 1.4.5'),
  /** The JavaScript engine and its version: `V8 13.6.233.17-node.53`, `JavaScriptCore (WebKit d6375c7)`. */
  engine: z.string(),
});

/** What a cell, and a scaling model fitted over cells, are of: one workload at one size, run by one strategy. */
const strategyAtSize = { workload: id, size: z.number().int().positive(), strategy: id };

export const CellSchema = z.object({
  ...strategyAtSize,
  workers: z.number().int().positive(),
  /** Absent in files from before transports, where no cell moved data: read as `none`. */
  transport: TransportSchema.optional(),
  /** The runtime of the cell's processes (`--runtimes`); absent in files from before runtimes were an axis. */
  runtime: RuntimeInfoSchema.optional(),
  parts: z.number().int().positive(),
  status: CellStatusSchema,
  error: z.string().nullable(),
  checksum: z.string().nullable(),
  reference: z.string().nullable(),
  /** Warm time from the repetition medians, with its interval and that interval's level; all warm samples kept. */
  wallMs: TimingSchema.nullable(),
  coldMs: nonNegative.nullable(),
  startMs: nonNegative.nullable(),
  cpuMs: nonNegative.nullable(),
  utilisation: nonNegative.nullable(),
  peakRssBytes: nonNegative.nullable(),
  /** Bytes of the job's input (a workload with data: its whole input as one part receives it); absent otherwise. */
  inputBytes: nonNegative.nullable().optional(),
  /** Median over the ok repetitions of the bytes moved per warm run. */
  bytesMoved,
  /** Median over the ok repetitions of the data-movement time per warm run. */
  movementMs,
  /** T_serial / T_this with an interval from both cells' repetition medians; null without an ok serial cell. */
  speedup: SpeedupSchema.nullable(),
  repetitions: z.array(RepetitionSchema),
  warnings: z.array(z.string()),
  /**
   * Runs with a precision target: why this cell got no more repetitions. Null when it stopped for a repetition that
   * was not ok or was interrupted before it stopped; absent in runs with a fixed number of repetitions.
   */
  stopReason: StopReasonSchema.nullable().optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const MachineSchema = z.object({
  /**
   * Stable identity of the kind of machine (core's `machineIdentity`): derived from CPU model, usable cores, memory,
   * OS and architecture, or the name given with `--machine`; absent in older files, where readers derive it.
   */
  id: z.string().min(1).optional(),
  /** The machine as people read it: the `--machine` name, or CPU model, cores, memory, OS; absent in older files. */
  label: z.string().optional(),
  cpuModel: z.string(),
  logicalCores: z.number().int().positive(),
  availableParallelism: z.number().int().positive(),
  /** CPU quota from cgroups in cores (v2 cpu.max or v1 cfs quota / period); null when unlimited or unknown. */
  cpuQuota: nonNegative.nullable(),
  /** CPUs this process may run on (sched affinity); null when unknown. */
  cpuAffinity: z.array(z.number().int().nonnegative()).nullable(),
  /** min(availableParallelism, quota, affinity): the cores the run could really use. */
  usableCores: z.number().int().positive(),
  memoryBytes: nonNegative,
  /**
   * How the memory of processes a strategy owns was read on this platform: `peak`, the kernel's high-water mark
   * (Linux); `last-reading`, the resident set at the end of the warm runs (macOS, Windows: a lower bound of the
   * peak); null where it could not be read (those cells have no CPU or memory); absent in older files (Linux: peak).
   */
  processMemory: z.enum(['peak', 'last-reading']).nullable().optional(),
  os: z.string(),
  kernel: z.string(),
  arch: z.string(),
  loadAverage: z.object({
    /** os.loadavg() when measuring began (after the quiet-start wait) and when the run ended. */
    before: z.array(z.number()),
    after: z.array(z.number()).nullable(),
    /**
     * Cores other processes used right before the first measured cell, after the quiet-start wait (/proc/stat);
     * null where it could not be measured or the wait was off; absent in older files.
     */
    otherWork: nonNegative.nullable().optional(),
  }),
});
export type Machine = z.infer<typeof MachineSchema>;

export const RuntimeSchema = z.object({
  name: z.string(),
  version: z.string(),
  v8: z.string(),
  /**
   * Threads of libuv's pool in the cell processes (UV_THREADPOOL_SIZE as libuv reads it: default 4, at most 1024):
   * it bounds what the asynchronous forms of crypto and zlib can run at once. Absent in older files.
   */
  uvThreadpoolSize: z.number().int().positive().optional(),
});

export const ComponentSchema = z.object({
  id,
  title: z.string(),
  description: z.string(),
  /** Where it came from: a workspace package, an installed dependency or a path given on the command line. */
  source: z.string(),
});

/** A workload as the file lists it: with data or not, and whether it has a form that runs on libuv's pool. */
export const WorkloadInfoSchema = ComponentSchema.extend({
  /** It declares an input (a kernel with data); absent in older files. */
  data: z.boolean().optional(),
  /** It has an asynchronous form on libuv's thread pool (`runAsync`), which the async strategy uses; absent in older files. */
  asyncForm: z.boolean().optional(),
});

export const StrategyInfoSchema = ComponentSchema.extend({
  parallelism: z.enum(['none', 'threads', 'processes']),
  /** The transports it declares (absent: it runs workloads without data only; older files). */
  transports: z.array(TransportSchema).optional(),
});

export const ConfigSchema = z.object({
  preset: z.enum(['quick', 'full', 'custom']),
  workloads: z.array(id),
  sizes: z.record(z.string(), z.array(z.number().int().positive())),
  strategies: z.array(id),
  workers: z.array(z.number().int().positive()),
  /**
   * The transports asked for; a workload with data runs each strategy once per transport it supports among them.
   * The run's `seed` also seeds the workloads' inputs. Absent in files from before transports.
   */
  transports: z.array(TransportSchema).optional(),
  /** Repetitions of every cell; with a precision target, the minimum before precision is judged. */
  repetitions: z.number().int().positive(),
  /**
   * Adaptive repetitions: the target relative half-width of a cell's 95% time interval (0.02 = ±2%; the serial
   * baseline aims at half of it). Null or absent: every cell gets exactly `repetitions`.
   */
  precision: z.number().gt(0).lt(1).nullable().optional(),
  /** With a precision target: the most repetitions a cell gets (the serial baseline gets twice as many). */
  maxRepetitions: z.number().int().positive().optional(),
  /**
   * With a precision target: no round of added repetitions starts once the run's repetitions have taken this long
   * in total (seconds of process time, summed). Null: as long again as the minimum rounds took.
   */
  timeCapSec: z.number().positive().nullable().optional(),
  partsPerWorker: z.number().int().positive(),
  timeoutSec: z.number().positive().nullable(),
  seed: z.number().int(),
  warmupIterations: z.number().int().nonnegative(),
  minIterations: z.number().int().positive(),
  timeBudgetMs: nonNegative,
  /** The name given with `--machine` (it becomes machine.id), kept so that `--resume` keeps it; absent otherwise. */
  machineName: z.string().optional(),
  /**
   * The runtimes the cell processes ran on, as `name@version` (`node@20.20.2`, `bun@1.4.5`), in the order given to
   * --runtimes; absent in files from before runtimes were an axis (every cell ran on the run's runtime).
   */
  runtimes: z
    .array(z.string().regex(/^(node|bun|deno)@\d+\.\d+\.\d+$/, 'must be name@version'))
    .min(1)
    .optional(),
});
export type RunConfig = z.infer<typeof ConfigSchema>;

const insufficient = z.object({ status: z.literal('insufficient'), reason: z.string() });

/** Amdahl's law fitted to the speedup points at or below the usable core count. */
export const AmdahlModelSchema = z.union([
  z.object({
    status: z.literal('ok'),
    serialFraction: z.number().finite(),
    ci95: interval.nullable(),
    rmse: nonNegative,
  }),
  insufficient,
]);

/** The Universal Scalability Law fitted to all speedup points (oversubscribed ones included). */
export const UslModelSchema = z.union([
  z.object({
    status: z.literal('ok'),
    sigma: nonNegative,
    kappa: nonNegative,
    /** Worker count at which the fitted speedup peaks; null when it keeps rising. */
    peakWorkers: nonNegative.nullable(),
    peakSpeedup: nonNegative.nullable(),
    rmse: nonNegative,
  }),
  insufficient,
]);

export const ScalingModelSchema = z.object({
  ...strategyAtSize,
  /** The transport of the cells fitted, when they moved data; absent otherwise. */
  transport: TransportSchema.optional(),
  /** The runtime of the cells it is fitted to (each runtime has its own serial baseline); absent in older files. */
  runtime: RuntimeInfoSchema.optional(),
  /** Karp–Flatt experimentally determined serial fraction per worker count (p > 1). */
  karpFlatt: z.array(z.object({ workers: z.number().int().positive(), serialFraction: z.number().finite() })),
  amdahl: AmdahlModelSchema,
  usl: UslModelSchema,
  /** Where the time of each cell goes, per worker count (ms). */
  overhead: z.array(
    z.object({
      workers: z.number().int().positive(),
      startupMs: nonNegative.nullable(),
      firstRunExtraMs: nonNegative.nullable(),
      computeMs: nonNegative,
      /** Data-movement time of a warm run, taken out of what would otherwise be dispatch; absent in older files. */
      movementMs: nonNegative.nullable().optional(),
      dispatchMs: nonNegative,
    }),
  ),
});

/** Per strategy and worker count: the smallest measured size at which it beats serial. */
export const CrossoverSchema = z.object({
  workload: id,
  strategy: id,
  /** The transport of the cells, when they moved data; absent otherwise. */
  transport: TransportSchema.optional(),
  workers: z.number().int().positive(),
  /** The runtime of the cells, as in ScalingModelSchema. */
  runtime: RuntimeInfoSchema.optional(),
  /** null: it never beat serial at the measured sizes. */
  size: z.number().int().positive().nullable(),
  /** Interpolated on log-log axes between the last losing and the first winning size; null when not bracketed. */
  estimatedSize: nonNegative.nullable(),
  /** false when it loses again at a larger size. */
  holdsAbove: z.boolean(),
});

export const ModelsSchema = z.object({
  scaling: z.array(ScalingModelSchema),
  crossovers: z.array(CrossoverSchema),
});
export type Models = z.infer<typeof ModelsSchema>;

export const ResultFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  /** `interrupted` when the run was stopped (Ctrl-C, SIGTERM) before every cell finished. */
  state: z.enum(['complete', 'interrupted']),
  tool: z.object({ name: z.literal('coresweep'), version: z.string() }),
  machine: MachineSchema,
  runtime: RuntimeSchema,
  git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
  config: ConfigSchema,
  workloads: z.array(WorkloadInfoSchema),
  strategies: z.array(StrategyInfoSchema),
  cells: z.array(CellSchema),
  /** Scaling models fitted to the cells (pure functions of core; recomputable from the cells). */
  models: ModelsSchema,
  /** Where the run's repetitions spent their time, summed over the cells (time-spent.ts); absent in older files. */
  timeSpent: z
    .object({
      /** Every repetition's process, from spawn to exit, summed (ms). */
      repetitionsMs: nonNegative,
      /** The phases of the repetitions that recorded them, summed. */
      phases: PhasesSchema,
      /** Repetitions without phases (failed before timing, timed out): their whole duration. */
      otherMs: nonNegative,
    })
    .optional(),
  /** The spread between runs the intervals include (between-runs.ts); null or absent: intervals within the run. */
  betweenRuns: BetweenRunsSchema.nullable().optional(),
  warnings: z.array(z.string()),
});
export type ResultFile = z.infer<typeof ResultFileSchema>;

/** The JSON Schema (draft 2020-12) of a result file. */
export function resultJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ResultFileSchema, { target: 'draft-2020-12' }),
    $id: 'https://coresweep.dev/schema/result-v1.json',
    title: 'coresweep result file',
  } as Record<string, unknown>;
}
