/**
 * Fits the scaling models of this package to a run's cells (the runner stores the result in the file; the synthetic
 * report fixture uses it too), for the `models` section of the result file: per workload,
 * size and strategy the Karp–Flatt serial fraction per point, an Amdahl fit, a USL fit and the overhead split;
 * per workload, strategy and worker count the crossover size at which it starts to beat serial.
 */

import { baselineKey, SERIAL_ID, transportOf } from './cells.js';
import { NO_TRANSPORT } from './contracts.js';
import { crossoverSize } from './crossover.js';
import { fitAmdahl, fitUsl, karpFlatt, overheadSplit, type SpeedupPoint } from './models.js';
import { runtimeId } from './runtimes.js';
import type { Cell, Models } from './schema.js';

/** The runtime of a group's cells, when they record one: models are per runtime, as serial baselines are. */
function runtimeOf(cell: Cell): Pick<Cell, 'runtime'> {
  return cell.runtime ? { runtime: cell.runtime } : {};
}

/** `/bun@1.4.5` or nothing: groups never mix runtimes. */
function onRuntime(cell: Cell): string {
  return cell.runtime ? `/${runtimeId(cell.runtime)}` : '';
}

function okCells(cells: Cell[]): Cell[] {
  return cells.filter((c) => c.status === 'ok' && c.wallMs !== null && c.wallMs.median > 0);
}

/** The transport of a model's cells, stated only when they moved data (files without transports stay as they were). */
function transportField(cell: Cell): { transport?: Cell['transport'] } {
  return transportOf(cell) === NO_TRANSPORT ? {} : { transport: cell.transport };
}

/** A series of cells that differ only in size or workers: one workload, strategy, transport and runtime. */
function seriesKey(cell: Cell): string {
  return `${cell.workload}/${cell.strategy}/${transportOf(cell)}${onRuntime(cell)}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** The scaling model of one workload, size and strategy: its cells over worker counts against the serial time. */
function scalingModel(group: Cell[], tSerial: number, usableCores: number, seed: number): Models['scaling'][number] {
  const first = group[0]!;
  const sorted = [...group].sort((a, b) => a.workers - b.workers);
  const points: SpeedupPoint[] = sorted.map((c) => ({
    workers: c.workers,
    speedup: c.speedup!.median,
    ci95: c.speedup!.ci95,
  }));
  // Amdahl describes p processors; past the usable cores extra workers only time-share, so those points
  // would be read as serial fraction. They stay in the USL fit, whose kappa term captures that contention.
  const amdahl = fitAmdahl(
    points.filter((p) => p.workers <= usableCores),
    { seed },
  );
  const usl = fitUsl(points);
  return {
    workload: first.workload,
    size: first.size,
    strategy: first.strategy,
    ...transportField(first),
    ...runtimeOf(first),
    karpFlatt: sorted
      .filter((c) => c.workers > 1)
      .map((c) => ({ workers: c.workers, serialFraction: karpFlatt(c.speedup!.median, c.workers) as number })),
    amdahl:
      amdahl.status === 'ok'
        ? { status: 'ok', serialFraction: amdahl.serialFraction, ci95: amdahl.ci, rmse: amdahl.rmse }
        : amdahl,
    usl:
      usl.status === 'ok'
        ? {
            status: 'ok',
            sigma: usl.sigma,
            kappa: usl.kappa,
            peakWorkers: usl.peakWorkers,
            peakSpeedup: usl.peakSpeedup,
            rmse: usl.rmse,
          }
        : usl,
    overhead: sorted.map((c) => ({
      workers: c.workers,
      ...overheadSplit({
        serialMs: tSerial,
        warmMs: c.wallMs!.median,
        workers: c.workers,
        startMs: c.startMs,
        coldMs: c.coldMs,
        movementMs: c.movementMs ?? null,
      }),
    })),
  };
}

/** From which size one strategy at one worker count beats serial, over the sizes of its workload. */
function crossover(group: Cell[], serial: Cell[]): Models['crossovers'][number] {
  const first = group[0]!;
  const timeAt = (c: Cell) => ({ size: c.size, timeMs: c.wallMs!.median });
  const ownSerial = serial.filter((c) => c.workload === first.workload && onRuntime(c) === onRuntime(first));
  const found = crossoverSize(group.map(timeAt), ownSerial.map(timeAt));
  return {
    workload: first.workload,
    strategy: first.strategy,
    ...transportField(first),
    workers: first.workers,
    ...runtimeOf(first),
    size: found?.size ?? null,
    estimatedSize: found?.estimatedSize ?? null,
    holdsAbove: found?.holdsAbove ?? false,
  };
}

export function fitRunModels(cells: Cell[], usableCores: number, seed: number): Models {
  const ok = okCells(cells);
  // One serial cell per workload, size and runtime: it runs at one worker only.
  const serial = new Map(ok.filter((c) => c.strategy === SERIAL_ID).map((c) => [baselineKey(c), c]));
  const others = ok.filter((c) => c.strategy !== SERIAL_ID);
  const scaling: Models['scaling'] = [];
  const series = groupBy(
    others.filter((c) => c.speedup !== null),
    (c) => `${seriesKey(c)}/${c.size}`,
  );
  for (const group of series.values()) {
    const tSerial = serial.get(baselineKey(group[0]!))?.wallMs?.median;
    if (tSerial !== undefined) scaling.push(scalingModel(group, tSerial, usableCores, seed));
  }
  const byStrategy = groupBy(others, (c) => `${seriesKey(c)}/${c.workers}`);
  const crossovers = [...byStrategy.values()].map((group) => crossover(group, [...serial.values()]));
  return { scaling, crossovers };
}
