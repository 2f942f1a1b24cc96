/**
 * Cell identity. A cell is one point of the matrix: a workload at a size, run by a strategy with a number of
 * workers. The runner plans, journals and resumes cells by this identity, `compare` and the report match the cells
 * of two runs by it, and every speedup divides by the serial cell of the same reference (workload and size).
 */
import { formatSize } from './format.js';

/** The reference strategy: every speedup is T_serial / T_cell. It runs at one worker only. */
export const SERIAL_ID = 'serial';

/** What names a cell; a result file's cell, a planned cell and a journal entry all have these fields. */
export interface CellIdentity {
  workload: string;
  size: number;
  strategy: string;
  workers: number;
}

/** What names a reference: the serial result and time that the cells of one workload and size are checked against. */
export type ReferenceIdentity = Pick<CellIdentity, 'workload' | 'size'>;

/**
 * `do-math/1000000/worker-threads/2`: a cell as one string, for maps and sets, and as the benchmark name of the
 * exports. Ids cannot contain a slash (ID_PATTERN) and sizes are integers, so the string is unambiguous.
 */
export function cellKey(cell: CellIdentity): string {
  return `${cell.workload}/${cell.size}/${cell.strategy}/${cell.workers}`;
}

/** `do-math/1000000`: the reference of a cell (or of a workload and size), as a map key. */
export function referenceKey(cell: ReferenceIdentity): string {
  return `${cell.workload}/${cell.size}`;
}

/** Only the identity of a cell-like object: the four fields, none of the rest. */
export function cellIdentity(cell: CellIdentity): CellIdentity {
  return { workload: cell.workload, size: cell.size, strategy: cell.strategy, workers: cell.workers };
}

/** `do-math 1M worker-threads x2`: how a cell is named in progress lines, summaries and compare tables. */
export function cellLabel(cell: CellIdentity): string {
  return `${cell.workload} ${formatSize(cell.size)} ${cell.strategy} x${cell.workers}`;
}

/** Indexes items by their cell key; a later item with the same identity replaces an earlier one. */
export function byCellKey<T extends CellIdentity>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [cellKey(item), item]));
}
