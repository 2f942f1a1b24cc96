/**
 * Cell identity. A cell is one point of the matrix: a workload at a size, run by a strategy with a number of
 * workers, its data moved by a transport (`none` for a workload without data, and in files from before transports),
 * on a runtime. The runner plans, journals and resumes cells by this identity, `compare` and the report match the
 * cells of two runs by it, every result is checked against the reference of its workload and size, and every speedup
 * divides by the serial cell of the same workload, size and runtime.
 */
import { NO_TRANSPORT, type Transport } from './contracts.js';
import { formatSize } from './format.js';
import { type RuntimeIdentity, runtimeId, runtimeLabel } from './runtimes.js';

/** The reference strategy: every speedup is T_serial / T_cell. It runs at one worker only. */
export const SERIAL_ID = 'serial';

/** What names a cell; a result file's cell, a planned cell and a journal entry all have these fields. */
export interface CellIdentity {
  workload: string;
  size: number;
  strategy: string;
  workers: number;
  /** How the cell's data travels; absent means `none` (no data moved). */
  transport?: Transport | undefined;
  /** The runtime the cell's processes ran on; absent in files from before runtimes were an axis. */
  runtime?: RuntimeIdentity | undefined;
}

/** What names a reference: the serial result and time that the cells of one workload and size are checked against. */
export type ReferenceIdentity = Pick<CellIdentity, 'workload' | 'size'>;

/** A cell's transport, `none` when it has none (a workload without data, or a file from before transports). */
export function transportOf(cell: Pick<CellIdentity, 'transport'>): Transport {
  return cell.transport ?? NO_TRANSPORT;
}

/** `/bun@1.4.5`, or nothing for a cell without a runtime. */
function runtimeSuffix(cell: Pick<CellIdentity, 'runtime'>): string {
  return cell.runtime ? `/${runtimeId(cell.runtime)}` : '';
}

/**
 * `do-math/1000000/worker-threads/2/node@24.21.0`, `sha256/4096/worker-threads/2/clone/bun@1.4.5`: a cell as one
 * string, for maps and sets within a run. Its matrix key, then the runtime when the cell records one (a file from
 * before runtimes has exactly its matrix key). Ids and transports cannot contain a slash, runtime ids always contain an
 * `@` and transports never do, and sizes are integers, so the string is unambiguous.
 */
export function cellKey(cell: CellIdentity): string {
  return `${matrixKey(cell)}${runtimeSuffix(cell)}`;
}

/**
 * `do-math/1000000/worker-threads/2`, `sha256/4096/worker-threads/2/clone`: the cell's point in the matrix whatever
 * runtime ran it — the benchmark name of the exports of a single-runtime run, and what compares one runtime with
 * another. The transport is appended only when data moves, so the keys of cells without data are those of files
 * written before transports existed.
 */
export function matrixKey(cell: CellIdentity): string {
  const transport = transportOf(cell);
  const base = `${cell.workload}/${cell.size}/${cell.strategy}/${cell.workers}`;
  return transport === NO_TRANSPORT ? base : `${base}/${transport}`;
}

/** `do-math/1000000/node@24.21.0`: the serial cell whose time a cell's speedup divides by (same runtime). */
export function baselineKey(cell: ReferenceIdentity & Pick<CellIdentity, 'runtime'>): string {
  return `${referenceKey(cell)}${runtimeSuffix(cell)}`;
}

/** `do-math/1000000`: the reference of a cell (or of a workload and size), as a map key. */
export function referenceKey(cell: ReferenceIdentity): string {
  return `${cell.workload}/${cell.size}`;
}

/**
 * Only the identity of a cell-like object: its fields of identity (the transport when data moves, the runtime when it
 * records one), none of the rest.
 */
export function cellIdentity(cell: CellIdentity): CellIdentity {
  const identity: CellIdentity = {
    workload: cell.workload,
    size: cell.size,
    strategy: cell.strategy,
    workers: cell.workers,
  };
  const transport = transportOf(cell);
  if (transport !== NO_TRANSPORT) identity.transport = transport;
  if (cell.runtime) identity.runtime = cell.runtime;
  return identity;
}

/**
 * `do-math 1M worker-threads x2`, `sha256 4.1k worker-threads x2 clone`: how a cell is named in progress lines,
 * summaries and compare tables; with `runtime: true` (where cells of several runtimes meet)
 * `do-math 1M worker-threads x2 on bun 1.4.5`.
 */
export function cellLabel(cell: CellIdentity, options: { runtime?: boolean } = {}): string {
  const transport = transportOf(cell);
  const base = `${cell.workload} ${formatSize(cell.size)} ${cell.strategy} x${cell.workers}`;
  const label = transport === NO_TRANSPORT ? base : `${base} ${transport}`;
  return options.runtime && cell.runtime ? `${label} on ${runtimeLabel(cell.runtime)}` : label;
}

/** Indexes items by their cell key; a later item with the same identity replaces an earlier one. */
export function byCellKey<T extends CellIdentity>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [cellKey(item), item]));
}
