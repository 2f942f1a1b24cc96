/**
 * The result file's record of the spread between runs (between-runs.ts): what the run's intervals include beyond
 * the variation of its own processes, and what it was measured from.
 */
import { z } from 'zod';

const SpreadComponentSchema = z.object({
  /** Standard deviation on the log scale (0.03: about 3%) of a cell's estimate from run to run, beyond its processes. */
  sd: z.number().nonnegative(),
  /** Degrees of freedom behind `sd`: the differences it was measured from. */
  df: z.number().positive(),
  /** Differences between runs it rests on: one per pair of runs and cell both ran. */
  comparisons: z.number().int().positive(),
});
export type SpreadComponent = z.infer<typeof SpreadComponentSchema>;

export const BetweenRunsSchema = z.object({
  /** How many runs on this machine it was measured over, this one included. */
  runs: z.number().int().min(2),
  /** The ids of the earlier runs it used. */
  from: z.array(z.string()),
  /** Spread of a cell's time; null when too few cells were shared with an interval on both sides. */
  time: SpreadComponentSchema.nullable(),
  /** Spread of a speedup (serial and the cell from the same run). */
  speedup: SpreadComponentSchema.nullable(),
});
export type BetweenRuns = z.infer<typeof BetweenRunsSchema>;
