/**
 * `coresweep export`: each format parses back with the shape its consumers expect (a CSV reader, Bencher's BMF
 * schema, hyperfine's JSON), cells that are not ok carry no numbers, and bad input exits 2 with one line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_COLUMNS } from '@coresweep/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, expectOneLineError } from './helpers.js';
import { buildResultFile, scratch } from './result-builder.js';

/**
 * A strict RFC 4180 reader: records end in CRLF, a quote may only open a field (and is doubled inside a quoted one),
 * a quoted field must be closed, and every record has the header's width; anything else throws.
 */
const readCsv = (text: string): string[][] => parse(text, { record_delimiter: '\r\n' });

const nasty = 'boom, "quoted"\nsecond line';
const run = buildResultFile({
  cells: [
    { strategy: 'serial', workers: 1, medians: [10, 10.2, 10 / 1.02] }, // the cell's time: geometric mean 10
    { strategy: 'worker-threads', workers: 2, medians: [5.1, 5.2, 5] },
    { strategy: 'child-process', workers: 2, status: 'failed', error: nasty },
    { strategy: 'cluster', workers: 2, status: 'timeout', error: "=cmd|' /C calc'!A0" },
  ],
});
const files = scratch();
const input = files.write('run.json', run);

async function exported(format: string) {
  const result = await cli(['export', input, '--format', format]);
  expect(result.exitCode).toBe(0);
  return result;
}

describe('coresweep export (built CLI)', () => {
  it('csv: header, one record per cell, errors quoted and formula-guarded, no numbers on failed cells', async () => {
    const { stdout, stderr } = await exported('csv');
    expect(stderr).toBe('');
    // execa strips the final line break of stdout; the --out test below checks the file's own CRLF ending.
    const records = readCsv(`${stdout}\r\n`);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(1 + run.cells.length);
    for (const record of records) expect(record).toHaveLength(CSV_COLUMNS.length);
    const byStrategy = new Map(
      records.slice(1).map((r) => [r[2], Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]]))]),
    );
    const serial = byStrategy.get('serial')!;
    expect(serial.status).toBe('ok');
    expect(Number(serial.median_ms)).toBeCloseTo(10, 10);
    expect(Number(serial.repetitions)).toBe(3);
    const failed = byStrategy.get('child-process')!;
    expect(failed.status).toBe('failed');
    expect(failed.median_ms).toBe('');
    expect(failed.cpu_ms).toBe('');
    expect(failed.error).toBe(nasty);
    expect(byStrategy.get('cluster')!.error).toBe("'=cmd|' /C calc'!A0");
  });

  it('bmf: benchmark name -> latency (ns) and throughput (units/s) with bounds; not-ok cells left out on stderr', async () => {
    const { stdout, stderr } = await exported('bmf');
    const bmf = JSON.parse(stdout) as Record<string, Record<string, Record<string, number>>>;
    expect(Object.keys(bmf).sort()).toEqual(['do-math/1000000/serial/1', 'do-math/1000000/worker-threads/2']);
    const serial = bmf['do-math/1000000/serial/1']!;
    expect(Object.keys(serial).sort()).toEqual(['latency', 'throughput']);
    for (const measure of Object.values(serial)) {
      expect(Object.keys(measure).sort()).toEqual(['lower_value', 'upper_value', 'value']);
      expect(measure.lower_value).toBeLessThanOrEqual(measure.value!);
      expect(measure.value).toBeLessThanOrEqual(measure.upper_value!);
    }
    expect(serial.latency!.value).toBeCloseTo(10e6, 0); // 10 ms in nanoseconds
    expect(serial.throughput!.value).toBeCloseTo(1e8, 0); // 1e6 units per 10 ms
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/2 cell\(s\) not ok were left out: .*child-process\/2: failed.*cluster\/2: timeout/),
    ]);
  });

  it('hyperfine: results with the fields of hyperfine --export-json, in seconds', async () => {
    const { stdout } = await exported('hyperfine');
    const { results } = JSON.parse(stdout) as { results: Record<string, unknown>[] };
    expect(results).toHaveLength(2);
    const keys = [
      'command',
      'mean',
      'stddev',
      'median',
      'user',
      'system',
      'min',
      'max',
      'times',
      'exit_codes',
      'parameters',
    ];
    for (const r of results) expect(Object.keys(r).sort()).toEqual([...keys].sort());
    const serial = results.find((r) => r.command === 'do-math/1000000/serial/1')!;
    const times = serial.times as number[];
    expect(times).toHaveLength(15); // 3 repetitions x 5 warm samples
    expect(serial.median).toBeCloseTo(0.01, 6);
    expect(serial.min).toBe(Math.min(...times));
    expect(serial.max).toBe(Math.max(...times));
    expect(serial.mean).toBeCloseTo(times.reduce((a, b) => a + b, 0) / times.length, 12);
    expect(serial.stddev as number).toBeGreaterThan(0);
    expect(serial.parameters).toEqual({ workload: 'do-math', size: '1000000', strategy: 'serial', workers: '1' });
  });

  it('--out writes the file and leaves stdout empty', async () => {
    const out = join(files.dir, 'out.csv');
    const result = await cli(['export', input, '--format', 'csv', '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(readCsv(text)).toHaveLength(1 + run.cells.length);
  });

  const cases: [string, () => string[], RegExp][] = [
    [
      'unknown --format',
      () => ['export', input, '--format', 'xml'],
      /--format: unknown format "xml" \(valid: csv, bmf, hyperfine\)/,
    ],
    ['missing --format', () => ['export', input], /--format: required \(valid: csv, bmf, hyperfine\)/],
    ['missing file', () => ['export', join(files.dir, 'nope.json'), '--format', 'csv'], /nope\.json: no such file/],
    ['a directory', () => ['export', files.dir, '--format', 'csv'], /is a directory/],
    [
      'truncated JSON',
      () => ['export', files.write('cut.json', readFileSync(input, 'utf8').slice(0, 100)), '--format', 'csv'],
      /cut\.json: not valid JSON/,
    ],
    [
      'wrong schemaVersion',
      () => [
        'export',
        files.write('v0.json', readFileSync(input, 'utf8').replace('"schemaVersion": 1', '"schemaVersion": 0')),
        '--format',
        'bmf',
      ],
      /v0\.json: schemaVersion: expected 1, found 0/,
    ],
    [
      'bad field',
      () => [
        'export',
        files.write('bad.json', readFileSync(input, 'utf8').replace('"status": "ok"', '"status": "fine"')),
        '--format',
        'csv',
      ],
      /bad\.json: cells\[0\]\.status: /,
    ],
    ['two files', () => ['export', input, input, '--format', 'csv'], /needs exactly one result file/],
  ];

  it.each(cases)('%s exits 2 with one line', async (_name, args, message) => {
    expectOneLineError(await cli(args()), message);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await cli(['export', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^coresweep export FILE --format csv\|bmf\|hyperfine/);
  });
});
