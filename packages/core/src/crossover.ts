/**
 * The crossover size: from which problem size a parallel strategy beats serial, measured and interpolated.
 * A pure function over plain numbers, fitted per run by run-models.ts.
 */
import { requirePositive } from './models.js';

export interface SizeTime {
  size: number;
  timeMs: number;
}

export interface Crossover {
  /** Smallest measured size (present in both series) at which the strategy is strictly faster than serial. */
  size: number;
  /**
   * Interpolated break-even size between the last losing size below `size` and `size`, on log-log axes: log t is
   * taken as linear in log size for both series between the two sizes, so log(t_strategy / t_serial) is too, and
   * its zero is the estimate. Null when the strategy already wins at the smallest common size (the break-even
   * point lies below the measured range).
   */
  estimatedSize: number | null;
  /** Whether the strategy also wins at every larger common size (false: the curves cross again, or noise). */
  holdsAbove: boolean;
}

function byUniqueSize(series: readonly SizeTime[], what: string): Map<number, number> {
  const map = new Map<number, number>();
  for (const { size, timeMs } of series) {
    requirePositive(size, `${what} size`);
    requirePositive(timeMs, `${what} timeMs`);
    if (map.has(size)) throw new RangeError(`${what} has more than one time for size ${size}`);
    map.set(size, timeMs);
  }
  return map;
}

/**
 * The problem size from which a parallel strategy (one strategy, one worker count) beats serial: the smallest
 * measured size at which it is faster, with a log-log interpolated break-even estimate (see `Crossover`).
 * Only sizes measured in both series are compared. Null when the strategy is never faster.
 */
export function crossoverSize(strategy: readonly SizeTime[], serial: readonly SizeTime[]): Crossover | null {
  const parallelBySize = byUniqueSize(strategy, 'strategy');
  const serialBySize = byUniqueSize(serial, 'serial');
  const common = [...parallelBySize.keys()].filter((size) => serialBySize.has(size)).sort((a, b) => a - b);
  // log(t_strategy / t_serial): negative where the strategy wins
  const logRatio = common.map((size) =>
    Math.log((parallelBySize.get(size) as number) / (serialBySize.get(size) as number)),
  );
  const first = logRatio.findIndex((r) => r < 0);
  if (first === -1) return null;
  const size = common[first] as number;
  const holdsAbove = logRatio.slice(first).every((r) => r < 0);
  if (first === 0) return { size, estimatedSize: null, holdsAbove };
  const losingSize = common[first - 1] as number;
  const r0 = logRatio[first - 1] as number; // >= 0
  const r1 = logRatio[first] as number; // < 0
  const fraction = r0 / (r0 - r1);
  const estimatedSize = Math.exp(Math.log(losingSize) + fraction * (Math.log(size) - Math.log(losingSize)));
  return { size, estimatedSize, holdsAbove };
}
