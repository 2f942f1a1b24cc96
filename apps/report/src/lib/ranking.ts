/**
 * How the report decides who wins, everywhere: a strategy's best worker count, the best strategy at a size (the
 * headline, the ★ of the best-speedup chart, the circled points of the speedup chart) and each square of the
 * crossover map all use this one rule and this one tie test.
 *
 * The rule: the better median wins (the highest speedup, or without a serial reference the shortest time). On an
 * exact tie of the medians the candidate with fewer workers wins, since it gets the same result from less of the
 * machine, and after that the one listed first in the fixed strategy order, so the result never depends on the
 * order of the cells in the file. Where a workload ran a strategy over several transports, each strategy and
 * transport is a candidate of its own, ordered by the workload's series order (`chart-series.ts`).
 *
 * The tie test: two candidates are a tie when their 95% intervals overlap. The winner stays the better median (a
 * reader sees the highest measured value named as best), and the page names every candidate it is tied with.
 */
import { type Series, type SeriesIdentity, seriesKey } from './chart-series.js';

/** A measured candidate for "best": who, at how many workers. */
export interface Candidate {
  strategy: string;
  workers: number;
}

export interface Interval {
  lo: number;
  hi: number;
}

export type Better = 'higher' | 'lower';

/**
 * A comparator that sorts candidates best first by `measure` (`better` says which way is better), then fewer
 * workers, then by `order` (strategy ids, or the series keys `keyOf` gives; ids missing from it come last).
 */
export function byRank<T extends Candidate>(
  measure: (candidate: T) => number,
  better: Better,
  order: readonly string[],
  keyOf: (candidate: T) => string = (c) => c.strategy,
): (a: T, b: T) => number {
  const rankOf = (candidate: T) => {
    const i = order.indexOf(keyOf(candidate));
    return i === -1 ? order.length : i;
  };
  const sign = better === 'higher' ? -1 : 1;
  return (a, b) => sign * (measure(a) - measure(b)) || a.workers - b.workers || rankOf(a) - rankOf(b);
}

/** `byRank` over a workload's candidates, ordered by its series (a strategy, or a strategy and transport). */
export function bySeriesRank<T extends Candidate & SeriesIdentity>(
  measure: (candidate: T) => number,
  better: Better,
  series: readonly Series[],
): (a: T, b: T) => number {
  return byRank(
    measure,
    better,
    series.map((s) => s.key),
    seriesKey(series),
  );
}

/** The best of `candidates` by `byRank`; null when there are none. */
export function best<T extends Candidate>(candidates: readonly T[], compare: (a: T, b: T) => number): T | null {
  let top: T | null = null;
  for (const c of candidates) if (top === null || compare(c, top) < 0) top = c;
  return top;
}

/** The tie test: the two 95% intervals share at least one value, so the data do not separate the two. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}
