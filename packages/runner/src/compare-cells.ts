/**
 * The analysis behind `coresweep compare`: match the cells of two result files, compare each pair that is ok on
 * both sides with `compareSamples`, and collect everything that cannot be compared. Pure (no I/O), so the
 * rendering and the exit code are decided elsewhere and the analysis is tested on synthetic files.
 */
import {
  byCellKey,
  type Cell,
  type CellIdentity,
  type CellStatus,
  type Comparison,
  cellIdentity,
  cellKey,
  cellLabel,
  compareSamples,
  MIN_REPETITIONS,
  type ResultFile,
  repetitionMedians,
} from '@coresweep/core';

export interface CompareSettings {
  /** Relative change treated as noise, as a fraction (0.02 = 2%). */
  noise: number;
  /** Significance level; the interval of the ratio has confidence 1 - alpha. */
  alpha: number;
}

export interface ComparedCell {
  key: CellIdentity;
  comparison: Comparison;
  /** What was tested: per-process medians (the honest unit of noise) or, with too few repetitions, pooled samples. */
  basis: 'repetitions' | 'samples';
  /** How many values each side contributed (base, head). */
  counts: [number, number];
  /** True when no test at these sample sizes could reach alpha, so the verdict is necessarily `unchanged`. */
  underpowered: boolean;
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
}

/** ln C(m + n, m), computed as a sum so that large sample sizes do not overflow. */
function logBinomial(total: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.log(total - k + i) - Math.log(i);
  return sum;
}

/**
 * The smallest two-sided p-value the exact Mann–Whitney test can produce for sizes m and n is 2 / C(m + n, m):
 * with three repetitions a side that is 0.1, so at alpha 0.05 it could never report a change. Then Welch's t-test
 * is used instead, which can, at the price of assuming roughly normal per-process medians.
 */
export function chooseTest(m: number, n: number, alpha: number): { test: 'mann-whitney' | 'welch'; power: boolean } {
  const smallestP = Math.min(1, 2 * Math.exp(-logBinomial(m + n, m)));
  if (smallestP < alpha) return { test: 'mann-whitney', power: true };
  if (m >= 2 && n >= 2) return { test: 'welch', power: true };
  return { test: 'mann-whitney', power: false };
}

function compareCell(base: Cell, head: Cell, settings: CompareSettings): ComparedCell {
  // The ok repetitions' medians: the unit the runner's own intervals are built on.
  const baseReps = repetitionMedians(base.repetitions);
  const headReps = repetitionMedians(head.repetitions);
  const useReps = baseReps.length >= MIN_REPETITIONS && headReps.length >= MIN_REPETITIONS;
  const a = useReps ? baseReps : (base.wallMs?.samples ?? []);
  const b = useReps ? headReps : (head.wallMs?.samples ?? []);
  const { test, power } = chooseTest(a.length, b.length, settings.alpha);
  const comparison = compareSamples(a, b, { noiseThreshold: settings.noise, alpha: settings.alpha, test });
  return {
    key: cellIdentity(head),
    comparison,
    basis: useReps ? 'repetitions' : 'samples',
    counts: [a.length, b.length],
    underpowered: !power,
  };
}

/** A cell is comparable when it is ok and has timings; `ok` with no timing would be a runner bug, not a result. */
function comparable(cell: Cell): boolean {
  return cell.status === 'ok' && cell.wallMs !== null && cell.wallMs.samples.length > 0;
}

/** Machine and runtime facts that change timings; a difference gets one caution line in the output. */
export function environmentDifferences(base: ResultFile, head: ResultFile): string[] {
  const facts: [string, string, string][] = [
    ['CPU', base.machine.cpuModel, head.machine.cpuModel],
    ['usable cores', String(base.machine.usableCores), String(head.machine.usableCores)],
    ['runtime', `${base.runtime.name} ${base.runtime.version}`, `${head.runtime.name} ${head.runtime.version}`],
  ];
  return facts.filter(([, a, b]) => a !== b).map(([what, a, b]) => `${what} ${a} vs ${b}`);
}

export function compareRuns(base: ResultFile, head: ResultFile, settings: CompareSettings): CompareResult {
  const baseCells = byCellKey(base.cells);
  const headKeys = new Set(head.cells.map(cellKey));
  const compared: ComparedCell[] = [];
  const notOk: UncomparedCell[] = [];
  const onlyHead: CellIdentity[] = [];
  for (const headCell of head.cells) {
    const baseCell = baseCells.get(cellKey(headCell));
    if (!baseCell) {
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
  const onlyBase = base.cells.filter((cell) => !headKeys.has(cellKey(cell))).map(cellIdentity);
  compared.sort(
    (x, y) => y.comparison.change - x.comparison.change || cellLabel(x.key).localeCompare(cellLabel(y.key)),
  );
  return { compared, onlyBase, onlyHead, notOk, environment: environmentDifferences(base, head) };
}

/** Cells whose slowdown is significant, beyond the noise threshold and above `failAbove` percent. */
export function slowdownsAbove(result: CompareResult, failAbove: number): ComparedCell[] {
  return result.compared.filter((c) => c.comparison.verdict === 'slower' && c.comparison.change * 100 > failAbove);
}
