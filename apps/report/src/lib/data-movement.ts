/**
 * The data-movement section of a workload with data: per size, strategy and transport, how long a job took against
 * the size of its input, the bytes moved per run, the time moving them took, and the compute per byte a job needs
 * before a parallel strategy beats serial on the machine that ran it. Pure functions of one result file.
 *
 * The break-even: a cell at p workers costs T_p = T_1 / p + O, where T_1 is the serial time and O everything that is
 * not ideal compute (moving data, dispatch, waiting). Parallel beats serial when T_1 > T_1 / p + O, that is when the
 * compute per byte T_1 / B exceeds (O / B) · p / (p − 1). The measured O of a cell, over the job's input bytes B,
 * gives that threshold; the job's own compute per byte, T_1 / B, says which side of it the job is on.
 */
import {
  baselineKey,
  type Cell,
  NO_TRANSPORT,
  type ResultFile,
  runtimeLabel,
  runtimesOf,
  SERIAL_ID,
  transportOf,
} from '@coresweep/core';
import { strategyTransportLabel } from './chart-series.js';

export interface MovementRow {
  size: number;
  strategy: string;
  transport: string;
  /** The cell's runtime (`bun 1.4.5`) in a run that holds several; null otherwise. */
  runtime: string | null;
  workers: number;
  /** The job's input in bytes (null in files that did not record it). */
  inputBytes: number | null;
  /** Median warm time of a job (ms). */
  timeMs: number;
  /** Serial time of the same size (ms), or null without an ok serial cell. */
  serialMs: number | null;
  bytesMoved: number | null;
  movementMs: number | null;
  /** T_1 / B: the job's compute per byte on this machine (ns per byte). */
  computeNsPerByte: number | null;
  /** (O / B) · p / (p − 1): the compute per byte a job needs before this cell beats serial (ns per byte). */
  breakEvenNsPerByte: number | null;
  speedup: number | null;
}

/** Whether a workload's cells moved data (a kernel with data: its cells carry a transport). */
export function hasDataMovement(data: ResultFile, workload: string): boolean {
  return data.cells.some((c) => c.workload === workload && transportOf(c) !== NO_TRANSPORT);
}

/** The serial cells of a workload, by size and runtime (each runtime's cells against its own serial time). */
function serialTimes(data: ResultFile, workload: string): Map<string, Cell> {
  const serial = new Map<string, Cell>();
  for (const cell of data.cells) {
    if (cell.workload === workload && cell.strategy === SERIAL_ID && cell.status === 'ok' && cell.wallMs) {
      serial.set(baselineKey(cell), cell);
    }
  }
  return serial;
}

/** Every ok cell of `workload` that moved data (serial included as the reference), size by size. */
export function movementRows(data: ResultFile, workload: string): MovementRow[] {
  const serial = serialTimes(data, workload);
  const severalRuntimes = runtimesOf(data.cells).length > 1;
  const rows: MovementRow[] = [];
  for (const cell of data.cells) {
    if (cell.workload !== workload || cell.status !== 'ok' || !cell.wallMs) continue;
    const transport = transportOf(cell);
    if (transport === NO_TRANSPORT && cell.strategy !== SERIAL_ID) continue;
    const own = serial.get(baselineKey(cell));
    const serialMs = own?.wallMs?.median ?? null;
    const inputBytes = cell.inputBytes ?? own?.inputBytes ?? null;
    const perByte = (ms: number) => (inputBytes ? (ms * 1e6) / inputBytes : null);
    const p = cell.workers;
    const overhead = serialMs === null ? null : cell.wallMs.median - serialMs / p;
    rows.push({
      size: cell.size,
      strategy: cell.strategy,
      transport,
      runtime: severalRuntimes && cell.runtime ? runtimeLabel(cell.runtime) : null,
      workers: p,
      inputBytes,
      timeMs: cell.wallMs.median,
      serialMs,
      bytesMoved: cell.bytesMoved ?? null,
      movementMs: cell.movementMs ?? null,
      computeNsPerByte: serialMs === null ? null : perByte(serialMs),
      breakEvenNsPerByte:
        overhead === null || p < 2 || cell.strategy === SERIAL_ID
          ? null
          : perByte((Math.max(0, overhead) * p) / (p - 1)),
      speedup: cell.speedup?.median ?? null,
    });
  }
  return rows.sort(
    (a, b) =>
      a.size - b.size ||
      a.strategy.localeCompare(b.strategy) ||
      a.transport.localeCompare(b.transport) ||
      (a.runtime ?? '').localeCompare(b.runtime ?? '') ||
      a.workers - b.workers,
  );
}

/** The series label of a row: the strategy, where data moved its transport, and its runtime where a run holds several. */
export function seriesLabel(row: Pick<MovementRow, 'strategy' | 'transport'> & { runtime?: string | null }): string {
  const label = strategyTransportLabel(row);
  return row.runtime ? `${label} on ${row.runtime}` : label;
}
