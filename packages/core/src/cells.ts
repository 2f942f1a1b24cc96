/**
 * Cell identity. A cell is one point of the matrix: a workload at a size, run by a strategy with a number of
 * workers, its data moved by a transport (`none` for a workload without data, and in files from before transports). The runner plans, journals and resumes cells by this identity, `compare` and the report match the cells
 * of two runs by it, and every speedup divides by the serial cell of the same reference (workload and size).
 */
import { NO_TRANSPORT, type Transport } from './contracts.js';
import { formatSize } from './format.js';

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
}

/** What names a reference: the serial result and time that the cells of one workload and size are checked against. */
export type ReferenceIdentity = Pick<CellIdentity, 'workload' | 'size'>;

/** A cell's transport, `none` when it has none (a workload without data, or a file from before transports). */
export function transportOf(cell: Pick<CellIdentity, 'transport'>): Transport {
  return cell.transport ?? NO_TRANSPORT;
}

/**
 * `do-math/1000000/worker-threads/2`, `sha256/4096/worker-threads/2/clone`: a cell as one string, for maps and sets,
 * and as the benchmark name of the exports. The transport is appended only when data moves, so the keys of cells
 * without data are those of files written before transports existed. Ids and transports cannot contain a slash and
 * sizes are integers, so the string is unambiguous.
 */
export function cellKey(cell: CellIdentity): string {
  const transport = transportOf(cell);
  const base = `${cell.workload}/${cell.size}/${cell.strategy}/${cell.workers}`;
  return transport === NO_TRANSPORT ? base : `${base}/${transport}`;
}

/** `do-math/1000000`: the reference of a cell (or of a workload and size), as a map key. */
export function referenceKey(cell: ReferenceIdentity): string {
  return `${cell.workload}/${cell.size}`;
}

/** Only the identity of a cell-like object: its fields of identity (the transport when data moves), none of the rest. */
export function cellIdentity(cell: CellIdentity): CellIdentity {
  const identity: CellIdentity = {
    workload: cell.workload,
    size: cell.size,
    strategy: cell.strategy,
    workers: cell.workers,
  };
  const transport = transportOf(cell);
  if (transport !== NO_TRANSPORT) identity.transport = transport;
  return identity;
}

/**
 * `do-math 1M worker-threads x2`, `sha256 4.1k worker-threads x2 clone`: how a cell is named in progress lines,
 * summaries and compare tables.
 */
export function cellLabel(cell: CellIdentity): string {
  const transport = transportOf(cell);
  const label = `${cell.workload} ${formatSize(cell.size)} ${cell.strategy} x${cell.workers}`;
  return transport === NO_TRANSPORT ? label : `${label} ${transport}`;
}

/** Indexes items by their cell key; a later item with the same identity replaces an earlier one. */
export function byCellKey<T extends CellIdentity>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [cellKey(item), item]));
}
