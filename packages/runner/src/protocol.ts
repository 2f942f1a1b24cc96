/** Messages between the runner and the fresh process that measures one repetition of one cell. */
import type { CellStatus } from '@coresweep/core';

export interface MeasureSettings {
  warmupIterations: number;
  minIterations: number;
  /** tinybench time budget for the timed phase (ms); it stops at whichever of iterations or time comes last. */
  timeBudgetMs: number;
}

export interface CellJob extends MeasureSettings {
  kind: 'cell';
  strategyUrl: string;
  workloadUrl: string;
  size: number;
  workers: number;
  parts: number;
  /** Cores the run can use: utilisation is CPU / (wall x min(workers, usableCores)). */
  usableCores: number;
}

export interface ReferenceJob {
  kind: 'reference';
  workloadUrl: string;
  size: number;
}

export type Job = CellJob | ReferenceJob;

export interface CellOutcome {
  kind: 'cell';
  status: Exclude<CellStatus, 'skipped' | 'timeout' | 'wrong-result'>;
  error: string | null;
  checksum: string | null;
  /** Checksums of the cold result and of the last warm result differ: the strategy is not deterministic. */
  unstableChecksum: boolean;
  samples: number[];
  startMs: number | null;
  coldMs: number | null;
  cpuMs: number | null;
  wallMs: number | null;
  utilisation: number | null;
  peakRssBytes: number | null;
  /** Processes the executor reported that were still alive after close(). */
  leftoverPids: number[];
}

export interface ReferenceOutcome {
  kind: 'reference';
  checksum: string | null;
  error: string | null;
  /** Time of the one unpartitioned run (ms), used to size default timeouts. */
  runMs: number;
}

export type Outcome = CellOutcome | ReferenceOutcome;
