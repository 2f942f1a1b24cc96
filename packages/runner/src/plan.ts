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
  DATA_TRANSPORTS,
  DEFAULT_TRANSPORTS,
  NO_TRANSPORT,
  type Repetition,
  type RunConfig,
  type RuntimeInfo,
  runtimeId,
  SERIAL_ID,
  type Strategy,
  type StrategyTarget,
  shuffled,
  type Transport,
  type Workload,
} from '@coresweep/core';
import type { ComponentKind, Discovered, Discovery } from './discovery.js';
import { leftOutFor, leftOutLine } from './left-out.js';
import type { RunStart } from './run-arguments.js';
import { type ResolvedRuntime, runningNode } from './runtimes/resolve.js';

/** Why a planned cell gets no process: its strategy declared it cannot run it, or could not tell. */
export interface NotRun {
  status: Extract<CellStatus, 'skipped' | 'failed'>;
  reason: string;
}

/** A planned cell: its identity and how many parts its job is split into. */
export interface PlannedCell extends CellIdentity {
  parts: number;
  /** The runtime its processes start with; absent only in a resumed run from before runtimes were an axis. */
  runtime?: RuntimeInfo;
  /** Set when the cell is planned without a process (`strategy.unsupported()`): it ends with this status and reason. */
  notRun?: NotRun;
}

/**
 * What planning needs to know of the components beyond their ids: which workloads carry data, and which transports
 * each strategy declares (see contracts.ts). Without it every cell is planned without data, as before transports.
 */
export interface Capabilities {
  hasData(workload: string): boolean;
  /** The strategy's declared transports; undefined when it declares none (it runs workloads without data only). */
  transports(strategy: string): readonly Transport[] | undefined;
}

/**
 * The transports a strategy's cells of a workload with data run with: `none` once for a strategy that computes in
 * the primary (declares `none`), else each requested transport it declares, in the requested order. Empty: it
 * cannot move this workload's data, and its cells are not planned (see unplannedTransports for the reason).
 */
export function cellTransports(
  declared: readonly Transport[] | undefined,
  requested: readonly Transport[],
): Transport[] {
  if (!declared) return [];
  if (declared.includes(NO_TRANSPORT)) return [NO_TRANSPORT];
  return requested.filter((transport) => declared.includes(transport));
}

/** The transports asked for: the configuration's, or every transport that moves data (files from before transports). */
export function requestedTransports(config: Pick<RunConfig, 'transports'>): Transport[] {
  return config.transports ? [...config.transports] : [...DATA_TRANSPORTS];
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
export type MatrixConfig = Pick<
  RunConfig,
  'workloads' | 'sizes' | 'strategies' | 'workers' | 'partsPerWorker' | 'transports'
>;

/**
 * Every cell of the matrix, workload by workload, size by size, runtime by runtime, strategy by strategy, transport
 * by transport, worker count by count. A workload without data has one cell per strategy and worker count (transport
 * `none`); one with data has one per transport the strategy supports among those requested, and none where it
 * supports none of them (those pairs are never planned, so they cannot fail: unplannedTransports names them). Each
 * runtime gets the whole matrix, its own serial cell included: speedups divide by the same runtime's serial time.
 * Without runtimes (a resumed run from before they were an axis) the cells carry none.
 */
export function planCells(
  config: MatrixConfig,
  capabilities?: Capabilities,
  runtimes: readonly RuntimeInfo[] = [],
): PlannedCell[] {
  const requested = requestedTransports(config);
  const cells: PlannedCell[] = [];
  const onRuntimes: (RuntimeInfo | undefined)[] = runtimes.length > 0 ? [...runtimes] : [undefined];
  for (const workload of config.workloads) {
    const hasData = capabilities?.hasData(workload) ?? false;
    for (const size of config.sizes[workload] ?? []) {
      for (const runtime of onRuntimes) {
        for (const strategy of config.strategies) {
          // The serial baseline does not depend on a worker count: it runs once, at one worker.
          const workerCounts = strategy === SERIAL_ID ? [1] : config.workers;
          const transports: Transport[] = hasData
            ? cellTransports(capabilities?.transports(strategy), requested)
            : [NO_TRANSPORT];
          for (const transport of transports) {
            for (const workers of workerCounts) {
              const cell: PlannedCell = { workload, size, strategy, workers, parts: workers * config.partsPerWorker };
              if (transport !== NO_TRANSPORT) cell.transport = transport;
              if (runtime) cell.runtime = runtime;
              cells.push(cell);
            }
          }
        }
      }
    }
  }
  return cells;
}

/**
 * One line per strategy whose requested transports it cannot use for the run's workloads with data: the pairs that
 * are not planned, and why. Empty when every workload is without data or every strategy supports every transport.
 * Without `everyPair`, only the strategies that get no cell of a workload with data at all: with the default
 * transports (clone for threads, advanced for processes) every other strategy is missing one of them by design.
 */
export function unplannedTransports(config: MatrixConfig, capabilities: Capabilities, everyPair = true): string[] {
  if (!config.workloads.some((workload) => capabilities.hasData(workload))) return [];
  const requested = requestedTransports(config);
  const lines: string[] = [];
  for (const strategy of config.strategies) {
    const declared = capabilities.transports(strategy);
    const planned = cellTransports(declared, requested);
    if (planned.includes(NO_TRANSPORT)) continue;
    const missing = requested.filter((transport) => !planned.includes(transport));
    if (missing.length === 0 || (!everyPair && planned.length > 0)) continue;
    const why = declared
      ? `it supports ${declared.join(', ')}`
      : 'it declares no transports, so it runs workloads without data only';
    const what = planned.length === 0 ? 'no cells of workloads with data' : `no ${missing.join(', ')} cells`;
    lines.push(`${strategy}: ${what} (${why})`);
  }
  return lines;
}

function isDefaultTransports(transports: readonly Transport[]): boolean {
  return transports.length === DEFAULT_TRANSPORTS.length && DEFAULT_TRANSPORTS.every((t) => transports.includes(t));
}

/** Planning's view of discovered components. */
export function capabilitiesOf(
  strategies: readonly Discovered<Strategy>[],
  workloads: readonly Discovered<Workload>[],
): Capabilities {
  const data = new Map(workloads.map((w) => [w.value.id, typeof w.value.input === 'function']));
  const transports = new Map(strategies.map((s) => [s.value.id, s.value.transports]));
  return { hasData: (id) => data.get(id) ?? false, transports: (id) => transports.get(id) };
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
  /** The runtimes of `config.runtimes`, resolved, in that order; the running Node for a run from before them. */
  runtimes: ResolvedRuntime[];
  /** In the configuration's order; serial first. */
  strategies: Discovered<Strategy>[];
  workloads: Discovered<Workload>[];
  /** The matrix, in plan order. */
  cells: PlannedCell[];
  /** Strategy and transport pairs not planned, one line each with the reason (see unplannedTransports). */
  unplanned: string[];
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

/** The resolved runtime a planned cell starts with: its own, or the first (the only one of an older run). */
export function runtimeFor(plan: Pick<RunPlan, 'runtimes'>, cell: Pick<PlannedCell, 'runtime'>): ResolvedRuntime {
  const wanted = cell.runtime ? runtimeId(cell.runtime) : undefined;
  const found = plan.runtimes.find((r) => runtimeId(r.info) === wanted) ?? plan.runtimes[0];
  if (!found) throw new Error(`no runtime resolved for ${wanted ?? 'the run'}`);
  return found;
}

/**
 * Plans a run: its cells and their order are built here, once, from the configuration and the resolved runtimes
 * (those of `config.runtimes`, in order; without them, the running Node and cells that record no runtime).
 */
export function planRun(
  start: RunStart,
  discovery: Discovery,
  done = new Map<string, Repetition[]>(),
  runtimes: readonly ResolvedRuntime[] = [runningNode()],
): RunPlan {
  const { config } = start;
  if (config.runtimes && config.runtimes.join() !== runtimes.map((r) => runtimeId(r.info)).join()) {
    throw new Error(`planRun: runtimes ${runtimes.map((r) => runtimeId(r.info))} are not ${config.runtimes}`);
  }
  const strategies = config.strategies.map((id) => component<Discovered<Strategy>>(discovery, 'strategy', id, start));
  const workloads = config.workloads.map((id) => component<Discovered<Workload>>(discovery, 'workload', id, start));
  const capabilities = capabilitiesOf(strategies, workloads);
  const byId = new Map(strategies.map((s) => [s.value.id, s.value]));
  const plan = { runtimes: [...runtimes] };
  const onRuntimes = config.runtimes ? plan.runtimes.map((r) => r.info) : [];
  const cells = planCells(config, capabilities, onRuntimes).map((cell) => {
    // serial is the reference of every speedup: it runs whatever it declares.
    const strategy = cell.strategy === SERIAL_ID ? undefined : byId.get(cell.strategy);
    const runtime = runtimeFor(plan, cell).info;
    const notRun = strategy && unsupportedBy(strategy, { workload: cell.workload, size: cell.size, runtime });
    return notRun ? { ...cell, notRun } : cell;
  });
  const finished = (run: PlannedRun) => (done.get(cellKey(run.cell)) ?? []).some((rep) => rep.index === run.repetition);
  return {
    ...start,
    runtimes: plan.runtimes,
    strategies,
    workloads,
    unplanned: unplannedTransports(config, capabilities, !isDefaultTransports(requestedTransports(config))),
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
