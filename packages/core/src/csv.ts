/**
 * The CSV of a run, shared by `coresweep export --format csv` and the report's download: one row per cell, RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote or line
 * break), with text that a spreadsheet would run as a formula neutralised.
 */
import type { Cell, ResultFile } from './schema.js';

export const CSV_COLUMNS = [
  'workload',
  'size',
  'strategy',
  'workers',
  'parts',
  'status',
  'median_ms',
  'ci_low_ms',
  'ci_high_ms',
  'ci_level',
  'speedup',
  'speedup_ci_low',
  'speedup_ci_high',
  'speedup_ci_level',
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
 * One field. Text starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before looking
 * for a formula) gets a leading apostrophe so that opening the file never runs it (OWASP "CSV injection").
 * Numbers are written as numbers and never guarded: a negative number is data, not a formula.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/**
 * The confidence an interval really has (0.95, 0.5), or nothing: no interval (one process; the interval columns then
 * hold the estimate twice), or a file from before levels were recorded, whose level is unknown.
 */
function level(value: number | null | undefined): number | null {
  return value ?? null;
}

/** Only ok cells carry numbers: a failed cell's partial timings would read as a result. */
function row(cell: Cell): Array<string | number | null> {
  const ok = cell.status === 'ok';
  return [
    cell.workload,
    cell.size,
    cell.strategy,
    cell.workers,
    cell.parts,
    cell.status,
    ok ? (cell.wallMs?.median ?? null) : null,
    ok ? (cell.wallMs?.ci95[0] ?? null) : null,
    ok ? (cell.wallMs?.ci95[1] ?? null) : null,
    ok ? level(cell.wallMs?.ciLevel) : null,
    ok ? (cell.speedup?.median ?? null) : null,
    ok ? (cell.speedup?.ci95[0] ?? null) : null,
    ok ? (cell.speedup?.ci95[1] ?? null) : null,
    ok ? level(cell.speedup?.ciLevel) : null,
    ok && cell.speedup ? cell.speedup.median / cell.workers : null,
    ok ? cell.coldMs : null,
    ok ? cell.startMs : null,
    ok ? cell.cpuMs : null,
    ok ? cell.utilisation : null,
    ok ? cell.peakRssBytes : null,
    cell.repetitions.length,
    cell.wallMs?.samples.length ?? 0,
    cell.error,
  ];
}

export function toCsv(run: ResultFile): string {
  const lines = [CSV_COLUMNS.join(','), ...run.cells.map((cell) => row(cell).map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
