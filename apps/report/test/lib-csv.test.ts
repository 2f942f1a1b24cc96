import { readFileSync } from 'node:fs';
import { parseResultFile } from '@coresweep/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, toCsv } from '../src/lib/csv';
import { listResultFiles } from '../src/lib/read-results.mjs';
import { fixturesDir } from './support/fixtures';
import { cell, resultFile } from './support/result';

/** The CSV as a spreadsheet reads it: records end in CRLF; quoted fields may hold commas, quotes and line breaks. */
const readCsv = (text: string): string[][] => parse(text, { record_delimiter: '\r\n' });

describe('toCsv', () => {
  it('writes a header and one row per cell with the values of the file', () => {
    const run = resultFile({
      cells: [
        cell({ strategy: 'serial', workers: 1, median: 100, ci: [99, 101], speedup: 1, speedupCi: [0.98, 1.02] }),
        cell({
          strategy: 'cluster',
          workers: 2,
          status: 'failed',
          median: null,
          error: 'E_WORKER_EXIT, "exit 1"\n<b>x</b>',
        }),
      ],
    });
    const rows = readCsv(toCsv(run));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const record = (i: number) => Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, rows[i]?.[j]]));
    expect(record(1)).toMatchObject({
      workload: 'do-math',
      strategy: 'serial',
      median_ms: '100',
      ci_low_ms: '99',
      speedup_ci_high: '1.02',
      efficiency: '1',
      error: '',
    });
    expect(record(2)).toMatchObject({
      status: 'failed',
      median_ms: '',
      error: 'E_WORKER_EXIT, "exit 1"\n<b>x</b>',
    });
  });

  it('writes the level each interval really has, and nothing where there is none or it is unknown', () => {
    const measured = cell({
      strategy: 'cluster',
      workers: 2,
      median: 50,
      ci: [49, 51],
      speedup: 2,
      speedupCi: [1.9, 2.1],
    });
    const withLevels = (time: number | null | undefined, speedup: number | null | undefined) => ({
      ...measured,
      wallMs: measured.wallMs && { ...measured.wallMs, ciLevel: time },
      speedup: measured.speedup && { ...measured.speedup, ciLevel: speedup },
    });
    const run = resultFile({
      cells: [withLevels(0.95, 0.5), withLevels(null, null), withLevels(undefined, undefined)],
    });
    const rows = readCsv(toCsv(run)).slice(1);
    const column = (name: (typeof CSV_COLUMNS)[number]) => rows.map((row) => row[CSV_COLUMNS.indexOf(name)]);
    expect(column('ci_level')).toEqual(['0.95', '', '']);
    expect(column('speedup_ci_level')).toEqual(['0.5', '', '']);
  });

  it('gives every fixture cell a row of the same width', () => {
    for (const path of listResultFiles(fixturesDir)) {
      const run = parseResultFile(readFileSync(path, 'utf8'), path);
      const rows = readCsv(toCsv(run));
      expect(rows).toHaveLength(run.cells.length + 1);
      for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    }
  });
});
