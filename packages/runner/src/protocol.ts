import type { Transport } from '@coresweep/core/define';

/** Messages between the runner and the fresh process that measures one repetition of one cell. */
export interface MeasureSettings {
  warmupIterations: number;
  minIterations: number;
  /** tinybench time budget for the timed phase (ms); it stops at whichever of iterations or time comes last. */
  timeBudgetMs: number;
}

/** What generates a workload's input (a workload with data): the reference and every cell use the same pair. */
export interface InputSettings {
  /** Seed of the workload's input (the run's seed). */
  seed: number;
}

export interface CellJob extends MeasureSettings, InputSettings {
  kind: 'cell';
  strategyUrl: string;
  workloadUrl: string;
  size: number;
  workers: number;
  parts: number;
  /** How the cell's data travels (`none` for a workload without data). */
  transport: Transport;
  /** Cores the run can use: utilisation is CPU / (wall x min(workers, usableCores)). */
  usableCores: number;
}

export interface ReferenceJob extends InputSettings {
  kind: 'reference';
  workloadUrl: string;
  size: number;
}

export type Job = CellJob | ReferenceJob;

/**
 * What the cell process saw. It reports facts, not a status: the runner decides the repetition's status from them
 * and from how the process ended (repetition.ts).
 */
export interface CellOutcome {
  kind: 'cell';
  /** What went wrong inside the cell (start, a run, close()), with its stack; null when nothing did. */
  error: string | null;
  /** Checksum of the cold (first) result. */
  checksum: string | null;
  /** Checksum of the last warm result: it differs from `checksum` when the strategy is not deterministic. */
  warmChecksum: string | null;
  samples: number[];
  startMs: number | null;
  coldMs: number | null;
  cpuMs: number | null;
  wallMs: number | null;
  utilisation: number | null;
  peakRssBytes: number | null;
  /** Bytes the executor moved per timed run (Executor.moved); null when it does not report them. */
  bytesMoved: number | null;
  /** Data-movement time per timed run (ms, summed over messages); null when not reported. */
  movementMs: number | null;
  /** Processes the executor reported that were still alive after close(). */
  leftoverPids: number[];
  /** Where the cell process's time went, when it got as far as closing the strategy (null otherwise). */
  phases: CellPhases | null;
}

/**
 * Where the time of one cell process went (ms), from its own clock: everything after the process's time origin.
 * The runner adds what happened before it (spawning, Node's start) and after `endMs` (the exit) from its own
 * duration of the repetition.
 */
export interface CellPhases {
  /** Node's start and the imports, up to the call of start(). */
  loadMs: number;
  /** From the end of the cold run to the first timed run: tinybench's warm-up. */
  warmupMs: number;
  /** The timed runs, first to last. */
  timedMs: number;
  /** After the last timed run: the warm checksum, memory, close() and the check for processes left alive. */
  closeMs: number;
  /** The end of all this on the process's clock. */
  endMs: number;
}

export interface ReferenceOutcome {
  kind: 'reference';
  checksum: string | null;
  error: string | null;
  /** Time of the one unpartitioned run (ms), used to size default timeouts. */
  runMs: number;
  /** Bytes of the job's input (payloadBytes), null for a workload without data. */
  inputBytes?: number | null;
}

export type Outcome = CellOutcome | ReferenceOutcome;
