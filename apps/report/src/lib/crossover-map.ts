/**
 * The crossover map of a workload: for every worker count (rows) and size (columns) of the run, which strategy wins
 * there by the report's one rule (`ranking.ts`), by how much its median beats the runner-up's, and whether their 95%
 * intervals overlap (a tie). Serial takes part in every row with its own speedup (1.00x by definition) and interval,
 * so a row where every parallel strategy loses to serial is won by serial. The candidates are the view's series: a
 * strategy run over several transports takes part once per transport.
 */
import { SERIAL_ID, type Transport } from '@coresweep/core';
import { type Series, seriesKey, transportField } from './chart-series.js';
import { bySeriesRank, overlaps } from './ranking.js';
import { idealSpeedup, type SpeedupPoint, type WorkloadView } from './view.js';

export interface MapEntry {
  strategy: string;
  /** Present when the entry's cells moved data. */
  transport?: Transport;
  /** The workers of the measured cell; for serial, the count it ran at (it counts as 1.00x in every row). */
  workers: number;
  speedup: number;
  lo: number;
  hi: number;
}

export interface CrossoverMapCell {
  workers: number;
  size: number;
  /** min(workers, usable cores). */
  ideal: number;
  /** The strategy with the highest median speedup at this workers x size; null when no strategy has a speedup. */
  winner: MapEntry | null;
  /** The second in the ranking; null with fewer than two candidates. */
  runnerUp: MapEntry | null;
  /** winner / runner-up - 1 (medians); null without a runner-up. */
  margin: number | null;
  /** The winner's 95% interval overlaps the runner-up's: the data do not separate them. */
  tie: boolean;
  /** The series key of every other candidate whose interval overlaps the winner's. */
  tiedWith: string[];
  /** winner speedup / ideal. */
  ofIdeal: number | null;
  /** Every candidate, best first. */
  ranking: MapEntry[];
}

function entry(p: SpeedupPoint): MapEntry {
  return { strategy: p.strategy, ...transportField(p), workers: p.workers, speedup: p.speedup, lo: p.lo, hi: p.hi };
}

function mapCell(
  workers: number,
  size: number,
  ranking: MapEntry[],
  cores: number,
  series: readonly Series[],
): CrossoverMapCell {
  const winner = ranking[0] ?? null;
  const runnerUp = ranking[1] ?? null;
  const ideal = idealSpeedup(workers, cores);
  return {
    workers,
    size,
    ideal,
    winner,
    runnerUp,
    margin: winner && runnerUp && runnerUp.speedup > 0 ? winner.speedup / runnerUp.speedup - 1 : null,
    tie: winner !== null && runnerUp !== null && overlaps(winner, runnerUp),
    tiedWith: winner
      ? ranking
          .slice(1)
          .filter((e) => overlaps(winner, e))
          .map(seriesKey(series))
      : [],
    ofIdeal: winner ? winner.speedup / ideal : null,
    ranking,
  };
}

/** One cell per size and worker count of the workload (sizes outer, worker counts inner). */
export function crossoverMap(view: WorkloadView): CrossoverMapCell[] {
  const rank = bySeriesRank<MapEntry>((e) => e.speedup, 'higher', view.series);
  return view.sizes.flatMap((size) => {
    const atSize = view.speedup.filter((p) => p.size === size);
    const serial = atSize.find((p) => p.strategy === SERIAL_ID);
    return view.workers.map((workers) => {
      const candidates = atSize.filter((p) => p.workers === workers && p.strategy !== SERIAL_ID).map(entry);
      if (serial) candidates.push(entry(serial));
      return mapCell(workers, size, candidates.sort(rank), view.cores, view.series);
    });
  });
}
