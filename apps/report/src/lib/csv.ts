/** The per-cell CSV download of a run, generated at build time. */
import type { Cell, ResultFile } from '@coresweep/core';

export const CSV_COLUMNS = [
  'workload',
  'size',
  'strategy',
  'workers',
  'parts',
  'status',
  'wall_median_ms',
  'wall_ci95_low_ms',
  'wall_ci95_high_ms',
  'speedup',
  'speedup_ci95_low',
  'speedup_ci95_high',
  'efficiency',
  'cold_ms',
  'start_ms',
  'cpu_ms',
  'utilisation',
  'peak_rss_bytes',
  'repetitions',
  'samples',
  'error',
] as const;

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. Text that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/carriage return) is prefixed with an apostrophe; numbers are written as numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function row(cell: Cell): Array<string | number | null> {
  return [
    cell.workload,
    cell.size,
    cell.strategy,
    cell.workers,
    cell.parts,
    cell.status,
    cell.wallMs?.median ?? null,
    cell.wallMs?.ci95[0] ?? null,
    cell.wallMs?.ci95[1] ?? null,
    cell.speedup?.median ?? null,
    cell.speedup?.ci95[0] ?? null,
    cell.speedup?.ci95[1] ?? null,
    cell.speedup ? cell.speedup.median / cell.workers : null,
    cell.coldMs,
    cell.startMs,
    cell.cpuMs,
    cell.utilisation,
    cell.peakRssBytes,
    cell.repetitions.length,
    cell.wallMs?.samples.length ?? 0,
    cell.error,
  ];
}

export function toCsv(run: ResultFile): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const cell of run.cells) lines.push(row(cell).map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
