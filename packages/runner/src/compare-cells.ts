/**
 * The analysis behind `coresweep compare`: match the cells of two result files, judge each pair that is ok on both
 * sides with core's verdict rule (`judgeCells`, the same function the report's compare pages call), and collect
 * everything that cannot be compared. Pure (no I/O), so the rendering and the exit code are decided elsewhere and
 * the analysis is tested on synthetic files.
 */
import {
  type Cell,
  type CellIdentity,
  type CellStatus,
  type ChangeVerdict,
  cellIdentity,
  cellLabel,
  judgeable,
  judgeCells,
  pairCells,
  type ResultFile,
  type VerdictSettings,
} from '@coresweep/core';

export type CompareSettings = VerdictSettings;

export interface ComparedCell {
  key: CellIdentity;
  comparison: ChangeVerdict;
}

export interface UncomparedCell {
  key: CellIdentity;
  base: CellStatus;
  head: CellStatus;
  /** The error of the side that is not ok (head first: that is the one a reader acts on). */
  error: string | null;
}

export interface CompareResult {
  /** Sorted by relative change, largest slowdown first. */
  compared: ComparedCell[];
  onlyBase: CellIdentity[];
  onlyHead: CellIdentity[];
  notOk: UncomparedCell[];
  /** Differences in machine or runtime that make the comparison suspect; empty when the environments match. */
  environment: string[];
  /** Cells of several runtimes meet: they pair by runtime, and their labels name it. */
  byRuntime: boolean;
}

function compareCell(base: Cell, head: Cell, settings: CompareSettings): ComparedCell {
  return { key: cellIdentity(head), comparison: judgeCells(base, head, settings) };
}

/** A cell is comparable when it is ok and has timed processes; `ok` without them would be a runner bug. */
const comparable = judgeable;

/**
 * Machine and runtime facts that change timings; a difference gets one caution line in the output. The runtime is
 * that of the cells (core's pairing says when they differ, or when the runs are compared across runtimes).
 */
export function environmentDifferences(base: ResultFile, head: ResultFile): string[] {
  const facts: [string, string, string][] = [
    ['CPU', base.machine.cpuModel, head.machine.cpuModel],
    ['usable cores', String(base.machine.usableCores), String(head.machine.usableCores)],
  ];
  const runtimeNote = pairCells(base, head).runtimeNote;
  return [
    ...facts.filter(([, a, b]) => a !== b).map(([what, a, b]) => `${what} ${a} vs ${b}`),
    ...(runtimeNote ? [runtimeNote] : []),
  ];
}

export function compareRuns(base: ResultFile, head: ResultFile, settings: CompareSettings): CompareResult {
  const pairing = pairCells(base, head);
  const compared: ComparedCell[] = [];
  const notOk: UncomparedCell[] = [];
  const onlyHead: CellIdentity[] = [];
  const onlyBase: CellIdentity[] = [];
  for (const { base: baseCell, head: headCell } of pairing.pairs) {
    if (!headCell) {
      if (baseCell) onlyBase.push(cellIdentity(baseCell));
    } else if (!baseCell) {
      onlyHead.push(cellIdentity(headCell));
    } else if (comparable(baseCell) && comparable(headCell)) {
      compared.push(compareCell(baseCell, headCell, settings));
    } else {
      notOk.push({
        key: cellIdentity(headCell),
        base: baseCell.status,
        head: headCell.status,
        error: (headCell.status !== 'ok' ? headCell.error : baseCell.error) ?? 'no timings',
      });
    }
  }
  const label = (key: CellIdentity) => cellLabel(key, { runtime: pairing.byRuntime });
  compared.sort((x, y) => y.comparison.change - x.comparison.change || label(x.key).localeCompare(label(y.key)));
  return {
    compared,
    onlyBase,
    onlyHead,
    notOk,
    environment: environmentDifferences(base, head),
    byRuntime: pairing.byRuntime,
  };
}

/** Cells whose slowdown is significant, beyond the noise threshold and above `failAbove` percent. */
export function slowdownsAbove(result: CompareResult, failAbove: number): ComparedCell[] {
  return result.compared.filter((c) => c.comparison.verdict === 'slower' && c.comparison.change * 100 > failAbove);
}
