/**
 * Which cell of one run is compared with which cell of another: the same workload, size, strategy and workers and,
 * where cells of several runtimes meet, the same runtime. Two runs of one runtime each are compared across their
 * runtimes whatever those are — that is how one runtime is compared with another — and the pairing says so. Where a
 * run holds several runtimes, cells pair by runtime and major version (`node@24`, `bun@1`), so an upgrade within a
 * major still compares, and is named; if a run holds two versions of one major, by the exact version instead.
 * `coresweep compare` and the report's compare pages both pair cells here.
 */
import { type CellIdentity, matrixKey } from './cells.js';
import type { RuntimeInfo } from './contracts.js';
import { cellRuntime, runtimeId, runtimeLabel } from './runtimes.js';

type PairableCell = CellIdentity & { runtime?: RuntimeInfo | undefined };

/** What pairing needs of a result file: its cells and the runtime of the runner (for cells that record none). */
export interface PairableRun<T extends PairableCell> {
  cells: readonly T[];
  runtime: { name: string; version: string; v8: string };
}

/** A cell of either run with its counterpart in the other, when there is one. */
export interface CellPair<T> {
  base: T | undefined;
  head: T | undefined;
}

export interface CellPairing<T> {
  /** Every head cell in its order, with its base cell; then the base cells that have none. */
  pairs: CellPair<T>[];
  /** Cells of several runtimes meet: labels must name each cell's runtime. */
  byRuntime: boolean;
  /**
   * One sentence when the runs are compared across runtimes, or when paired runtimes differ in version; null when
   * every pair ran on the same runtime and version.
   */
  runtimeNote: string | null;
}

function family(runtime: RuntimeInfo): string {
  return `${runtime.name}@${runtime.version.split('.')[0]}`;
}

function runtimesOfRun(run: PairableRun<PairableCell>): RuntimeInfo[] {
  const seen = new Map<string, RuntimeInfo>();
  for (const cell of run.cells) {
    const runtime = cellRuntime(cell, run.runtime);
    seen.set(runtimeId(runtime), runtime);
  }
  // A run without cells still ran its runner on a runtime.
  if (seen.size === 0) {
    const runtime = cellRuntime({}, run.runtime);
    seen.set(runtimeId(runtime), runtime);
  }
  return [...seen.values()];
}

/** How cells are keyed for pairing, and what the reader must be told about the runtimes. */
function pairingRule(
  baseRuntimes: RuntimeInfo[],
  headRuntimes: RuntimeInfo[],
): { slot: ((runtime: RuntimeInfo) => string) | null; note: string | null } {
  if (baseRuntimes.length === 1 && headRuntimes.length === 1) {
    const [b, h] = [baseRuntimes[0] as RuntimeInfo, headRuntimes[0] as RuntimeInfo];
    if (runtimeId(b) === runtimeId(h)) return { slot: null, note: null };
    return {
      slot: null,
      note:
        b.name === h.name
          ? `runtime ${runtimeLabel(b)} vs ${runtimeLabel(h)}`
          : `across runtimes: each cell on ${runtimeLabel(b)} (base) is compared with the same cell on ${runtimeLabel(h)} (head)`,
    };
  }
  const unique = (runtimes: RuntimeInfo[]) => new Set(runtimes.map(family)).size === runtimes.length;
  const slot = unique(baseRuntimes) && unique(headRuntimes) ? family : runtimeId;
  const baseBySlot = new Map(baseRuntimes.map((r) => [slot(r), r]));
  const changed = headRuntimes.flatMap((h) => {
    const b = baseBySlot.get(slot(h));
    return b && runtimeId(b) !== runtimeId(h) ? [`${runtimeLabel(b)} vs ${runtimeLabel(h)}`] : [];
  });
  return { slot, note: changed.length > 0 ? `runtime versions differ: ${changed.join(', ')}` : null };
}

export function pairCells<T extends PairableCell>(base: PairableRun<T>, head: PairableRun<T>): CellPairing<T> {
  const { slot, note } = pairingRule(runtimesOfRun(base), runtimesOfRun(head));
  const keyIn = (run: PairableRun<T>) => (cell: T) =>
    slot ? `${matrixKey(cell)}/${slot(cellRuntime(cell, run.runtime))}` : matrixKey(cell);
  const baseKey = keyIn(base);
  const headKey = keyIn(head);
  // A later cell with the same key replaces an earlier one, as byCellKey does.
  const baseCells = new Map(base.cells.map((cell) => [baseKey(cell), cell]));
  const headCells = new Map(head.cells.map((cell) => [headKey(cell), cell]));
  const pairs: CellPair<T>[] = [...headCells].map(([key, cell]) => ({ base: baseCells.get(key), head: cell }));
  for (const [key, cell] of baseCells) if (!headCells.has(key)) pairs.push({ base: cell, head: undefined });
  return { pairs, byRuntime: slot !== null, runtimeNote: note };
}
