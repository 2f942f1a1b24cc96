/**
 * The matrix: workloads x sizes x strategies x workers, each cell repeated R times, and the order the
 * repetitions run in — shuffled with a seed and interleaving all cells, so JIT state, thermal drift and
 * background load do not systematically favour whichever strategy happens to run first.
 */
import {
  type CellIdentity,
  type CellStatus,
  CoresweepError,
  cellKey,
  createRandom,
  type Repetition,
  type RunConfig,
  type RuntimeInfo,
  SERIAL_ID,
  type Strategy,
  type StrategyTarget,
  shuffled,
  type Workload,
} from '@coresweep/core';
import type { ComponentKind, Discovered, Discovery } from './discovery.js';
import { leftOutFor, leftOutLine } from './left-out.js';
import type { RunStart } from './run-arguments.js';
import { describeThisRuntime } from './runtimes/this-runtime.js';

/** Why a planned cell gets no process: its strategy declared it cannot run it, or could not tell. */
export interface NotRun {
  status: Extract<CellStatus, 'skipped' | 'failed'>;
  reason: string;
}

/** A planned cell: its identity and how many parts its job is split into. */
export interface PlannedCell extends CellIdentity {
  parts: number;
  /** Set when the cell is planned without a process (`strategy.unsupported()`): it ends with this status and reason. */
  notRun?: NotRun;
}

export interface PlannedRun {
  cell: PlannedCell;
  repetition: number;
}

/**
 * Default worker counts: every count up to twice the usable cores on small machines (so oversubscription shows),
 * and on larger ones powers of two plus the core count, 1.5x and 2x of it, to keep the matrix affordable.
 */
export function defaultWorkerCounts(cores: number): number[] {
  const max = 2 * cores;
  if (max <= 8) return Array.from({ length: max }, (_, i) => i + 1);
  const counts = new Set<number>([cores, Math.round(cores * 1.5), max]);
  for (let p = 1; p <= max; p *= 2) counts.add(p);
  return [...counts].sort((a, b) => a - b);
}

/** What the matrix is made of: a run's configuration, or the part of it that shapes the cells. */
export type MatrixConfig = Pick<RunConfig, 'workloads' | 'sizes' | 'strategies' | 'workers' | 'partsPerWorker'>;

/** Every cell of the matrix, workload by workload, size by size, strategy by strategy, worker count by count. */
export function planCells(config: MatrixConfig): PlannedCell[] {
  const cells: PlannedCell[] = [];
  for (const workload of config.workloads) {
    for (const size of config.sizes[workload] ?? []) {
      for (const strategy of config.strategies) {
        // The serial baseline does not depend on a worker count: it runs once, at one worker.
        const workerCounts = strategy === SERIAL_ID ? [1] : config.workers;
        for (const workers of workerCounts) {
          cells.push({ workload, size, strategy, workers, parts: workers * config.partsPerWorker });
        }
      }
    }
  }
  return cells;
}

/**
 * Every repetition of every cell in one seeded shuffled order. Repetition r of all cells come before r + 1,
 * so an interrupted run still holds whole rounds of the matrix rather than many repetitions of a few cells.
 */
export function planOrder(cells: PlannedCell[], repetitions: number, seed: number): PlannedRun[] {
  const random = createRandom(seed);
  const order: PlannedRun[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const cell of shuffled(cells, random)) order.push({ cell, repetition });
  }
  return order;
}

/** A run ready to execute: its configuration, its components, its cells (built once) and what is left to run. */
export interface RunPlan extends RunStart {
  /** In the configuration's order; serial first. */
  strategies: Discovered<Strategy>[];
  workloads: Discovered<Workload>[];
  /** The matrix, in plan order. */
  cells: PlannedCell[];
  /** Repetitions already finished (a resumed run), by cell key; a skipped one never ran and is not among them. */
  done: Map<string, Repetition[]>;
  /** The repetitions still to run, in run order: the planned order without those already done. */
  order: PlannedRun[];
}

/** A component the configuration names; a resumed run's may have gone, or be left out by discovery since. */
function component<T extends { value: { id: string } }>(
  discovery: Discovery,
  kind: ComponentKind,
  id: string,
  start: RunStart,
): T {
  const found = (kind === 'strategy' ? discovery.strategies : discovery.workloads) as unknown as T[];
  const match = found.find((d) => d.value.id === id);
  if (match) return match;
  const leftOut = leftOutFor(discovery, kind, id);
  throw new CoresweepError(
    'E_USAGE',
    leftOut
      ? `--resume: the ${kind} ${id} of ${start.outPath} is left out: ${leftOutLine(leftOut)}`
      : `--resume: the ${kind} ${id} of ${start.outPath} is no longer available`,
  );
}

/**
 * What a strategy says about running a cell (`target`: its workload, size and runtime): nothing (it can), `skipped`
 * with its reason, or `failed` when asking threw — a bug of the strategy, which must not look like a deliberate skip.
 */
export function unsupportedBy(strategy: Strategy, target: StrategyTarget): NotRun | undefined {
  if (!strategy.unsupported) return undefined;
  try {
    const reason = strategy.unsupported(target);
    if (reason === null || reason === undefined) return undefined;
    return { status: 'skipped', reason: String(reason) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', reason: `${strategy.id}.unsupported() threw while planning: ${message}` };
  }
}

/** Plans a run: its cells and their order are built here, once, from the configuration. */
export function planRun(
  start: RunStart,
  discovery: Discovery,
  done = new Map<string, Repetition[]>(),
  runtime: RuntimeInfo = describeThisRuntime(),
): RunPlan {
  const { config } = start;
  const strategies = config.strategies.map((id) => component<Discovered<Strategy>>(discovery, 'strategy', id, start));
  const byId = new Map(strategies.map((s) => [s.value.id, s.value]));
  const cells = planCells(config).map((cell) => {
    // serial is the reference of every speedup: it runs whatever it declares.
    const strategy = cell.strategy === SERIAL_ID ? undefined : byId.get(cell.strategy);
    const notRun = strategy && unsupportedBy(strategy, { workload: cell.workload, size: cell.size, runtime });
    return notRun ? { ...cell, notRun } : cell;
  });
  const finished = (run: PlannedRun) => (done.get(cellKey(run.cell)) ?? []).some((rep) => rep.index === run.repetition);
  return {
    ...start,
    strategies,
    workloads: config.workloads.map((id) => component<Discovered<Workload>>(discovery, 'workload', id, start)),
    cells,
    done,
    // A cell planned not to run gets no process: none of its repetitions is in the order.
    order: planOrder(
      cells.filter((cell) => !cell.notRun),
      config.repetitions,
      config.seed,
    ).filter((run) => !finished(run)),
  };
}
