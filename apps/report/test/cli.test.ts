import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listResultFiles } from '../src/lib/read-results.mjs';
import { buildReportCli } from './support/cli';
import { fixturesDir } from './support/fixtures';
import { tempDirs } from './support/temp-dirs';

const fixtures = fixturesDir;
const tempDir = tempDirs('report-cli');

/** A results directory holding one fixture file and one file whose first cell has a bad field. */
function resultsWithBadFile(): string {
  const dir = tempDir();
  const results = join(dir, 'results');
  mkdirSync(results);
  const source = listResultFiles(fixtures)[0] as string;
  const data = JSON.parse(readFileSync(source, 'utf8'));
  writeFileSync(join(results, 'good.json'), JSON.stringify(data));
  data.cells[0].wallMs = { median: 'fast' };
  writeFileSync(join(results, 'bad.json'), JSON.stringify(data));
  return results;
}

describe('build-report command line', () => {
  it('stops at a result file that fails the schema: exit 2, one line naming the file and the field', async () => {
    const results = resultsWithBadFile();
    const out = join(results, '..', 'site');
    const { code, stdout, stderr } = await buildReportCli(['--results', results, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: .*bad\.json: cells\[0\]\.wallMs/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a missing results directory and bad options as usage errors (exit 2)', async () => {
    const missing = await buildReportCli(['--results', join(tempDir(), 'none'), '--out', join(tempDir(), 'site')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^error: .*none: results directory not found$/);
    const bad = await buildReportCli(['--colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const base = await buildReportCli([
      '--results',
      fixtures,
      '--out',
      join(tempDir(), 'site'),
      '--base',
      'https://x/',
    ]);
    expect(base.code).toBe(2);
    expect(base.stderr).toMatch(/--base/);
  });

  it('refuses to empty a directory that is not an earlier report', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'precious.txt'), 'keep me');
    const { code, stderr } = await buildReportCli(['--results', fixtures, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/not empty/);
    expect(readFileSync(join(out, 'precious.txt'), 'utf8')).toBe('keep me');
  });
});
