/**
 * The result file of a run, assembled from what the run collected: its planned cells, the repetitions each one got,
 * the reference checksums and the facts about the machine. A pure function — no clock, no file, no process — so the
 * runner writes exactly what the tests build their synthetic runs with.
 */
import {
  betweenRunSpread,
  type Cell,
  cellKey,
  fitRunModels,
  type Machine,
  MIN_REPETITIONS,
  type Repetition,
  type ResultFile,
  type RunConfig,
  referenceKey,
  SCHEMA_VERSION,
  type StopReason,
  timeSpent,
  withBetweenRunSpread,
} from '@coresweep/core';
import { aggregateCell, attachSpeedups } from './aggregate.js';
import { UV_DEFAULT_THREADS } from './machine.js';
import type { PlannedCell } from './plan.js';
import { busyWarning } from './quiet-start.js';
import type { Reference } from './repetition.js';

export interface RunRecord {
  id: string;
  createdAt: string;
  config: RunConfig;
  /** The matrix, in plan order: every planned cell gets a cell in the file, run or not. */
  cells: readonly PlannedCell[];
  workloads: ResultFile['workloads'];
  strategies: ResultFile['strategies'];
}

export interface Collected {
  /** Finished repetitions by cell key (skipped ones never ran and are not here). */
  repetitions: ReadonlyMap<string, readonly Repetition[]>;
  /** The serial reference of each workload and size, by reference key; its checksum is null when it failed. */
  references: ReadonlyMap<string, Reference>;
  /** Why each cell got no more repetitions, by cell key: runs with a precision target only (rounds.ts). */
  stopReasons?: ReadonlyMap<string, StopReason | null> | null;
}

export interface Environment {
  /** The machine, with the load average before the run and after it. */
  machine: Machine;
  runtime: ResultFile['runtime'];
  git: ResultFile['git'];
  toolVersion: string;
}

export interface Ending {
  state: ResultFile['state'];
  finishedAt: string;
}

/**
 * A load average of half a core or more before the run means other work competes for the cores the run wants to
 * measure; speedups will be understated and noisy. Said at the start (so the user can stop) and kept in the file.
 */
export function busyMachineWarning(machine: Machine): string | null {
  return busyWarning(
    { otherWorkCores: machine.loadAverage.otherWork ?? null },
    machine.loadAverage.before[0] ?? 0,
    machine.usableCores,
  );
}

/** Run-level warnings: a busy machine, too few repetitions for between-process intervals. */
function runWarnings(config: RunConfig, machine: Machine): string[] {
  const warnings: string[] = [];
  const busy = busyMachineWarning(machine);
  if (busy) warnings.push(busy);
  if (machine.processMemory === null) {
    warnings.push(
      `CPU time and memory of the processes a strategy starts cannot be read on ${machine.os}: utilisation and peak memory of cells that own processes are left empty`,
    );
  }
  if (config.repetitions < MIN_REPETITIONS) {
    const reach =
      config.repetitions === 1
        ? 'no interval can be given (one process says nothing about the next)'
        : 'intervals reach only 50%, not 95%';
    warnings.push(
      `${config.repetitions} repetition(s) per cell: ${reach} (use --repetitions ${MIN_REPETITIONS} or more, as the full preset does)`,
    );
  }
  return warnings;
}

/**
 * Every planned cell with its estimate, status and speedup over the serial cell of its workload and size; a speedup
 * beyond what the cell's strategy could physically reach on the usable cores is flagged.
 */
export function assembleCells(
  run: RunRecord,
  collected: Collected,
  usableCores: number,
  threadPoolSize = UV_DEFAULT_THREADS,
): Cell[] {
  const cells = run.cells.map((planned) => {
    const reference = collected.references.get(referenceKey(planned));
    const cell = aggregateCell(
      planned,
      collected.repetitions.get(cellKey(planned)) ?? [],
      reference?.checksum ?? null,
      reference?.inputBytes ?? null,
    );
    const stopReason = collected.stopReasons?.get(cellKey(planned));
    return stopReason === undefined ? cell : { ...cell, stopReason };
  });
  const parallelism = new Map(run.strategies.map((s) => [s.id, s.parallelism]));
  const asyncForm = new Set(run.workloads.filter((w) => w.asyncForm).map((w) => w.id));
  return attachSpeedups(cells, {
    usableCores,
    parallelism: (id) => parallelism.get(id) ?? 'threads',
    threadPool: (workload) => (asyncForm.has(workload) ? threadPoolSize : null),
  });
}

/**
 * The result file. `history`, the earlier comparable runs on this machine (history.ts), widens every 95% interval by
 * the spread between runs measured over them and this run (core's between-runs.ts) and is recorded as `betweenRuns`;
 * without it the intervals are this run's alone.
 */
export function assembleResult(
  run: RunRecord,
  collected: Collected,
  environment: Environment,
  ending: Ending,
  history?: readonly ResultFile[],
): ResultFile {
  const within = assembleCells(
    run,
    collected,
    environment.machine.usableCores,
    environment.runtime.uvThreadpoolSize ?? UV_DEFAULT_THREADS,
  );
  const spread = history ? betweenRunSpread([...history, { id: run.id, cells: within }], run.id) : undefined;
  const cells = spread === undefined ? within : withBetweenRunSpread(within, spread);
  return {
    schemaVersion: SCHEMA_VERSION,
    id: run.id,
    createdAt: run.createdAt,
    finishedAt: ending.finishedAt,
    state: ending.state,
    tool: { name: 'coresweep', version: environment.toolVersion },
    machine: environment.machine,
    runtime: environment.runtime,
    git: environment.git,
    config: run.config,
    workloads: run.workloads,
    strategies: run.strategies,
    cells,
    models: fitRunModels(cells, environment.machine.usableCores, run.config.seed),
    timeSpent: timeSpent(cells),
    ...(spread === undefined ? {} : { betweenRuns: spread }),
    warnings: runWarnings(run.config, environment.machine),
  };
}
