/**
 * The physical limit of a speedup and the flag for a measurement that claims to beat it. A strategy cannot run
 * its parts faster than min(workers, usable cores) times one core (one, if it has no parallelism at all), so a
 * speedup whose whole interval lies above that limit says the measurement was disturbed — most often the serial
 * baseline was slowed by something else, since every speedup of its size divides by it.
 */
import type { Parallelism } from './contracts.js';
import type { Cell } from './schema.js';

/** The highest speedup a cell can really reach. */
export function speedupLimit(workers: number, usableCores: number, parallelism: Parallelism = 'threads'): number {
  return parallelism === 'none' ? 1 : Math.min(workers, usableCores);
}

/** The start of the warning text, for finding the flag in a cell's warnings. */
export const DISTURBED_WARNING = 'disturbed measurement';

/**
 * The warning for a cell whose speedup interval lies wholly above its physical limit, or null. Cells without a
 * real interval (level null: one process on a side) are not flagged: a point alone carries no confidence.
 */
export function disturbedSpeedupWarning(
  cell: Pick<Cell, 'workers' | 'speedup'>,
  usableCores: number,
  parallelism: Parallelism = 'threads',
): string | null {
  const speedup = cell.speedup;
  if (!speedup || speedup.ciLevel === null) return null;
  const limit = speedupLimit(cell.workers, usableCores, parallelism);
  const [lo, hi] = speedup.ci95;
  if (!(lo > limit)) return null;
  const why = parallelism === 'none' ? 'a strategy without parallelism' : 'min(workers, usable cores)';
  return (
    `${DISTURBED_WARNING}: speedup interval [${lo.toFixed(2)}×, ${hi.toFixed(2)}×] lies wholly above the ` +
    `physical limit of ${limit}× (${why}); the serial baseline or this cell was slowed by other work`
  );
}
