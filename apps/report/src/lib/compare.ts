/**
 * Comparing two runs: which pairs get a page, and the per-cell change of the warm time with its interval and
 * verdict — core's `judgeCells`, the rule `coresweep compare` prints, so both give the same words for the same files.
 */
import {
  type Cell,
  type CellIdentity,
  type CellStatus,
  type Verdict as ChangeVerdict,
  DEFAULT_VERDICT_SETTINGS,
  judgeable,
  judgeCells,
  machineIdentity,
  pairCells,
  type ResultFile,
  runtimeId,
  type VerdictSettings,
} from '@coresweep/core';
import { bySeries, seriesOfCells, transportField } from './chart-series.js';
import type { Run } from './load.js';

/** Runs on the same machine: core's machine identity, the one the machines page groups by. */
export function machineKey(run: ResultFile): string {
  return machineIdentity(run.machine).id;
}

export interface Pair {
  base: Run;
  head: Run;
  sameMachine: boolean;
}

/** Up to this many runs every pair gets a compare page; above it only consecutive runs do. */
export const ALL_PAIRS_LIMIT = 8;

/**
 * The comparisons the site offers, newest head first. Each run is compared with the previous run from the same
 * machine, and with the previous run overall when that is another machine. With few runs, every pair is offered.
 * `runs` may come in any order; base is always the older run.
 */
export function comparePairs(runs: readonly Run[]): Pair[] {
  const oldestFirst = runs
    .slice()
    .sort((a, b) => Date.parse(a.data.createdAt) - Date.parse(b.data.createdAt) || a.slug.localeCompare(b.slug));
  const pairs: Pair[] = [];
  const seen = new Set<string>();
  const add = (base: Run, head: Run) => {
    const key = `${base.slug}\0${head.slug}`;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push({ base, head, sameMachine: machineKey(base.data) === machineKey(head.data) });
  };
  for (let i = 1; i < oldestFirst.length; i++) {
    const head = oldestFirst[i] as Run;
    const earlier = oldestFirst.slice(0, i);
    const sameMachine = earlier.filter((r) => machineKey(r.data) === machineKey(head.data));
    const previousSame = sameMachine[sameMachine.length - 1];
    if (previousSame) add(previousSame, head);
    add(earlier[earlier.length - 1] as Run, head);
    if (oldestFirst.length <= ALL_PAIRS_LIMIT) for (const base of earlier) add(base, head);
  }
  const order = new Map(oldestFirst.map((r, i) => [r.slug, i]));
  return pairs.sort(
    (a, b) =>
      (order.get(b.head.slug) ?? 0) - (order.get(a.head.slug) ?? 0) ||
      (order.get(b.base.slug) ?? 0) - (order.get(a.base.slug) ?? 0),
  );
}

/** The comparison a run's own pages link to: the previous run from the same machine, else the previous run. */
export function previousPair(pairs: readonly Pair[], head: Run): Pair | null {
  const candidates = pairs.filter((p) => p.head.slug === head.slug);
  return candidates.find((p) => p.sameMachine) ?? candidates[0] ?? null;
}

export type Verdict = ChangeVerdict | 'only in base' | 'only in head' | 'not comparable';

export interface CellSide {
  status: CellStatus;
  median: number | null;
  lo: number | null;
  hi: number | null;
  /** The confidence of [lo, hi] (null: no interval; undefined: a file that did not record it). */
  level: number | null | undefined;
  speedup: number | null;
  error: string | null;
}

export interface CellChange extends CellIdentity {
  base: CellSide | null;
  head: CellSide | null;
  /** head time / base time - 1 (negative = faster). */
  change: number | null;
  /** Interval of the change (Welch, both cells' per-process medians) at `changeLevel`. */
  changeLo: number | null;
  changeHi: number | null;
  /** Confidence of the change interval; null when a side has a single process. */
  changeLevel: number | null;
  /** Why no verdict could be made (too few processes), else null. */
  insufficient: string | null;
  verdict: Verdict;
}

function side(cell: Cell): CellSide {
  return {
    status: cell.status,
    median: cell.wallMs?.median ?? null,
    lo: cell.wallMs?.ci95[0] ?? null,
    hi: cell.wallMs?.ci95[1] ?? null,
    level: cell.wallMs ? cell.wallMs.ciLevel : null,
    speedup: cell.speedup?.median ?? null,
    error: cell.error,
  };
}

/**
 * Every cell of either run, matched on workload, size, strategy, workers and transport (and runtime: core's
 * pairCells). A change is computed only when both
 * cells are ok with timed processes, and judged by core's verdict rule.
 */
export function compareCells(
  base: ResultFile,
  head: ResultFile,
  settings: VerdictSettings = DEFAULT_VERDICT_SETTINGS,
): CellChange[] {
  // Core pairs the cells, by runtime too where a run holds several (the rule `coresweep compare` uses).
  const pairing = pairCells(base, head);
  const series = bySeries(seriesOfCells([...base.cells, ...head.cells]));
  const out: CellChange[] = pairing.pairs.map(({ base: b, head: h }) => {
    const any = (h ?? b) as Cell;
    const change: CellChange = {
      workload: any.workload,
      size: any.size,
      strategy: any.strategy,
      workers: any.workers,
      ...transportField(any),
      // Where cells of several runtimes meet, each change names its runtime.
      ...(pairing.byRuntime && any.runtime ? { runtime: any.runtime } : {}),
      base: b ? side(b) : null,
      head: h ? side(h) : null,
      change: null,
      changeLo: null,
      changeHi: null,
      changeLevel: null,
      insufficient: null,
      verdict: !b ? 'only in head' : !h ? 'only in base' : 'not comparable',
    };
    if (b && h && judgeable(b) && judgeable(h)) {
      const judged = judgeCells(b, h, settings);
      change.change = judged.change;
      change.changeLevel = judged.level;
      if (judged.level !== null) [change.changeLo, change.changeHi] = judged.changeInterval;
      change.insufficient = judged.insufficient;
      change.verdict = judged.verdict;
    }
    return change;
  });
  const runtimeOrder = (c: CellChange) => (pairing.byRuntime && c.runtime ? runtimeId(c.runtime) : '');
  return out.sort(
    (a, b) =>
      a.workload.localeCompare(b.workload) ||
      a.size - b.size ||
      runtimeOrder(a).localeCompare(runtimeOrder(b)) ||
      series(a, b) ||
      a.workers - b.workers,
  );
}

/** Core's sentence on the runtimes of two runs (compared across runtimes, or versions that moved); null if none. */
export function runtimeNote(base: ResultFile, head: ResultFile): string | null {
  return pairCells(base, head).runtimeNote;
}

export function verdictCounts(changes: readonly CellChange[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = {
    faster: 0,
    slower: 0,
    'no clear change': 0,
    'only in base': 0,
    'only in head': 0,
    'not comparable': 0,
  };
  for (const c of changes) counts[c.verdict]++;
  return counts;
}
