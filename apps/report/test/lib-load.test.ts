import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoresweepError } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { reportMerge } from '../scripts/build-report.mjs';
import { loadRuns, slugify, toRuns } from '../src/lib/load';
import { listResultFiles, readResultDirectory } from '../src/lib/read-results.mjs';
import { fixturesDir } from './support/fixtures';
import { cell, resultFile } from './support/result';
import { tempDirs } from './support/temp-dirs';

const fixtures = fixturesDir;
const tempDir = tempDirs('report-load');

const run = (id: string, createdAt: string) =>
  resultFile({ id, createdAt, cells: [cell({ strategy: 'serial', workers: 1, speedup: 1 })] });

describe('slugify', () => {
  it('keeps lowercase letters, digits, dots and dashes and never returns an empty slug', () => {
    expect(slugify('Run 2025-11-20T09:30:00Z')).toBe('run-2025-11-20t09-30-00z');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('<script>')).toBe('script');
    expect(slugify('///')).toBe('run');
    expect(slugify('a'.repeat(200))).toHaveLength(80);
  });
});

describe('toRuns', () => {
  it('orders runs newest first and gives duplicate ids distinct slugs, the oldest keeping the plain one', () => {
    const runs = toRuns([
      { name: 'a.json', text: '', data: run('same', '2025-01-01T00:00:00Z') },
      { name: 'b.json', text: '', data: run('same', '2025-03-01T00:00:00Z') },
      { name: 'c.json', text: '', data: run('other', '2025-02-01T00:00:00Z') },
    ]);
    expect(runs.map((r) => [r.file, r.slug])).toEqual([
      ['b.json', 'same-2'],
      ['c.json', 'other'],
      ['a.json', 'same'],
    ]);
  });
});

describe('readResultDirectory', () => {
  it('reads every *.json file of the fixture directory and each one passes the schema', () => {
    const files = listResultFiles(fixtures);
    expect(files.length).toBeGreaterThan(0);
    const directory = readResultDirectory(fixtures);
    expect(directory.files.map((f) => f.path)).toEqual(files);
    expect(directory.skipped).toEqual([]);
    for (const f of directory.files) {
      expect(f.text).toBe(readFileSync(f.path, 'utf8'));
      expect(f.data.cells.length).toBeGreaterThan(0);
    }
    expect(loadRuns(fixtures).length).toBe(files.length);
  });

  it('stops at an invalid file with one line naming the file and the field', () => {
    const dir = tempDir();
    const good = run('good', '2025-01-01T00:00:00Z');
    writeFileSync(join(dir, 'good.json'), JSON.stringify(good));
    const bad = structuredClone(good) as unknown as { cells: Array<Record<string, unknown>> };
    (bad.cells[0] as Record<string, unknown>).workers = 'two';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    let caught: unknown;
    try {
      readResultDirectory(dir, { cwd: dir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CoresweepError);
    const message = (caught as CoresweepError).message;
    expect((caught as CoresweepError).code).toBe('E_INVALID_RESULT_FILE');
    expect(message).toContain('bad.json');
    expect(message).toContain('cells[0].workers');
    expect(message).not.toContain('\n');
  });

  it('skips invalid files (bad JSON, wrong schema version) with skipInvalid and keeps the valid ones', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.json'), JSON.stringify(run('good', '2025-01-01T00:00:00Z')));
    writeFileSync(join(dir, 'broken.json'), '{ "schemaVersion": 1,');
    writeFileSync(join(dir, 'future.json'), JSON.stringify({ ...run('f', '2025-01-01T00:00:00Z'), schemaVersion: 2 }));
    writeFileSync(join(dir, 'notes.txt'), 'not a result file');
    const directory = readResultDirectory(dir, { skipInvalid: true, cwd: dir });
    expect(directory.files.map((f) => f.name)).toEqual(['good.json']);
    expect(directory.skipped.map((s) => s.message)).toEqual([
      expect.stringMatching(/^broken\.json: not valid JSON/),
      expect.stringMatching(/^future\.json: schemaVersion: expected 1, found 2/),
    ]);
    expect(readdirSync(dir)).toHaveLength(4);
  });

  it('reads a tree in any layout (CI artifacts: a folder per machine), reads a copied run once, and says so', () => {
    const dir = tempDir();
    const write = (path: string, data: unknown) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), JSON.stringify(data));
    };
    const linux = run('linux-run', '2025-01-02T00:00:00Z');
    const mac = run('mac-run', '2025-01-03T00:00:00Z');
    mac.machine = { ...mac.machine, cpuModel: 'Apple M1', os: 'Darwin 24.1.0', arch: 'arm64' };
    write('coresweep-ubuntu-24.04/results/linux.json', linux);
    write('coresweep-macos-15/results/mac.json', mac);
    write('zz-copies/linux-again.json', linux);
    write('node_modules/pkg/package.json', { name: 'pkg' });
    write('.cache/x.json', { x: 1 });
    const directory = readResultDirectory(dir, { cwd: dir });
    expect(directory.files.map((f) => f.name)).toEqual([
      join('coresweep-macos-15', 'results', 'mac.json'),
      join('coresweep-ubuntu-24.04', 'results', 'linux.json'),
    ]);
    expect(directory.skipped.map((s) => s.message)).toEqual([
      `${join('zz-copies', 'linux-again.json')}: the same run as ${join('coresweep-ubuntu-24.04', 'results', 'linux.json')} (run linux-run), read once`,
    ]);
    const logged: string[] = [];
    const warned: string[] = [];
    reportMerge(
      directory,
      (l: string) => logged.push(l),
      (l: string) => warned.push(l),
    );
    expect(logged[0]).toBe('merged 2 result files from 2 machines');
    expect(logged[1]).toMatch(
      /^ {2}coresweep-macos-15\/results\/mac\.json: run mac-run on Apple M1 · 2 usable cores · 1 GB · Darwin arm64 \(arm64-2c-[0-9a-f]{8}\)$/,
    );
    expect(logged.at(-1)).toBe('refused 1 file (named above)');
    expect(warned).toEqual([
      expect.stringMatching(/^warning: skipping .*linux-again\.json: the same run as .*linux\.json/),
    ]);
  });

  it('reports a missing directory as a usage error', () => {
    expect(() => readResultDirectory(join(tempDir(), 'nope'))).toThrow(/results directory not found/);
  });
});
