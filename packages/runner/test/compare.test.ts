/**
 * `coresweep compare`: the analysis on synthetic runs whose truth is known (A/A, a real 20% slowdown), the exit
 * codes of --fail-above through the built CLI, Markdown escaping, and bad input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeInfo } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { compareRuns, slowdownsAbove } from '../src/compare-cells.js';
import { escapeMarkdown } from '../src/compare-render.js';
import { cli, expectOneLineError } from './helpers.js';
import { buildResultFile, type CellSpec, noisy, scratch } from './result-builder.js';

const SETTINGS = { noise: 0.02, alpha: 0.05 };
const NODE20: RuntimeInfo = { name: 'node', version: '20.20.2', engine: 'V8 11.3' };
const BUN: RuntimeInfo = { name: 'bun', version: '1.4.5', engine: 'JavaScriptCore (WebKit d6375c7)' };
const STRATEGIES = ['serial', 'async', 'worker-threads', 'child-process'];

/** Eight cells (two sizes x four strategies) with `reps` repetition medians each, drawn around `center x factor`. */
function matrix(seed: number, reps: number, factor: (strategy: string) => number = () => 1): CellSpec[] {
  return [1_000_000, 2_000_000].flatMap((size, s) =>
    STRATEGIES.map((strategy, i) => ({
      size,
      strategy,
      workers: strategy === 'serial' ? 1 : 2,
      medians: noisy(((size / 1e5) * factor(strategy)) / (i + 1), 0.03, reps, seed * 100 + s * 10 + i),
    })),
  );
}

describe('compare analysis', () => {
  it.each([5, 3])('A/A with %i repetitions: no change called on most cells', (reps) => {
    const base = buildResultFile({ cells: matrix(1, reps) });
    const head = buildResultFile({ cells: matrix(2, reps) });
    const result = compareRuns(base, head, SETTINGS);
    expect(result.compared).toHaveLength(8);
    const changed = result.compared.filter((c) => c.comparison.verdict !== 'no clear change');
    // The rule's false-alarm rate is far below 1 in 20 (core's verdict tests): two of 8 would be miscalibrated.
    expect(changed.length).toBeLessThanOrEqual(1);
    expect(result.compared.every((c) => c.comparison.level === 0.95 && c.comparison.insufficient === null)).toBe(true);
  });

  it.each([5, 3])('a real 20 percent slowdown with %i repetitions is caught and sorted first', (reps) => {
    const base = buildResultFile({ cells: matrix(1, reps) });
    const head = buildResultFile({ cells: matrix(2, reps, (s) => (s === 'worker-threads' ? 1.2 : 1)) });
    const result = compareRuns(base, head, SETTINGS);
    const slower = result.compared.filter((c) => c.comparison.verdict === 'slower');
    expect(slower.map((c) => c.key.strategy)).toEqual(['worker-threads', 'worker-threads']);
    expect(result.compared.slice(0, 2).map((c) => c.key.strategy)).toEqual(['worker-threads', 'worker-threads']);
    for (const c of slower) {
      expect(c.comparison.change).toBeGreaterThan(0.1);
      expect(c.comparison.change).toBeLessThan(0.3);
      expect(c.comparison.changeInterval[0]).toBeGreaterThan(SETTINGS.noise);
      expect(c.comparison.processes).toEqual([reps, reps]);
    }
    expect(slowdownsAbove(result, 10)).toHaveLength(2);
    expect(slowdownsAbove(result, 30)).toHaveLength(0);
  });

  it('makes no verdict with fewer than 3 ok repetitions on a side, and says so', () => {
    const base = buildResultFile({ cells: [{ strategy: 'serial', workers: 1, medians: [10, 10.2] }] });
    const head = buildResultFile({ cells: [{ strategy: 'serial', workers: 1, medians: [20.1, 19.9, 20, 20.2] }] });
    const [c] = compareRuns(base, head, SETTINGS).compared;
    expect(c?.comparison.verdict).toBe('no clear change');
    expect(c?.comparison.insufficient).toMatch(/fewer than 3 ok processes on a side/);
    expect(c?.comparison.processes).toEqual([2, 4]);
    expect(c?.comparison.level).toBeLessThan(0.95);
  });

  it('lists cells present on one side and cells not ok, and notices a different machine', () => {
    const base = buildResultFile({
      cells: [
        { strategy: 'serial', workers: 1 },
        { strategy: 'cluster', workers: 2 },
        { strategy: 'async', workers: 1, status: 'failed', error: 'boom' },
      ],
    });
    const head = buildResultFile({
      cpuModel: 'Other CPU',
      nodeVersion: '22.1.0',
      cells: [
        { strategy: 'serial', workers: 1 },
        { strategy: 'worker-threads', workers: 2 },
        { strategy: 'async', workers: 1 },
      ],
    });
    const result = compareRuns(base, head, SETTINGS);
    expect(result.compared.map((c) => c.key.strategy)).toEqual(['serial']);
    expect(result.onlyBase.map((k) => k.strategy)).toEqual(['cluster']);
    expect(result.onlyHead.map((k) => k.strategy)).toEqual(['worker-threads']);
    expect(result.notOk).toEqual([expect.objectContaining({ base: 'failed', head: 'ok', error: 'boom' })]);
    expect(result.environment).toEqual(['CPU Test CPU @ 3.0GHz vs Other CPU', 'runtime node 20.20.2 vs node 22.1.0']);
  });

  it('compares one runtime with another when each run holds one, and says so', () => {
    const on = (runtime: RuntimeInfo) => matrix(1, 3).map((cell) => ({ ...cell, runtime }));
    const result = compareRuns(buildResultFile({ cells: on(NODE20) }), buildResultFile({ cells: on(BUN) }), SETTINGS);
    expect(result.compared).toHaveLength(8);
    expect(result.onlyBase).toEqual([]);
    expect(result.byRuntime).toBe(false);
    expect(result.environment).toEqual([
      'across runtimes: each cell on node 20.20.2 (base) is compared with the same cell on bun 1.4.5 (head)',
    ]);
  });

  it('pairs the cells of runs that hold several runtimes runtime by runtime, and names a version that moved', () => {
    const cells = (runtimes: RuntimeInfo[], factor: (runtime: RuntimeInfo) => number) =>
      runtimes.flatMap((runtime, r) =>
        matrix(r + 1, 3).map((cell) => ({
          ...cell,
          runtime,
          medians: cell.medians?.map((m) => m * factor(runtime)),
        })),
      );
    const base = buildResultFile({ cells: cells([NODE20, BUN], () => 1) });
    // The running Node moved within its major; Bun's cells got 25% slower in the head run.
    const node20b = { ...NODE20, version: '20.21.0' };
    const head = buildResultFile({ cells: cells([node20b, BUN], (r) => (r.name === 'bun' ? 1.25 : 1)) });
    const result = compareRuns(base, head, SETTINGS);
    expect(result.byRuntime).toBe(true);
    expect(result.compared).toHaveLength(16);
    expect(result.onlyBase).toEqual([]);
    const slower = result.compared.filter((c) => c.comparison.verdict === 'slower');
    expect(slower.length).toBeGreaterThanOrEqual(6);
    expect(slower.every((c) => c.key.runtime?.name === 'bun')).toBe(true);
    expect(result.environment).toEqual(['runtime versions differ: node 20.20.2 vs node 20.21.0']);
  });

  it('escapes Markdown markup, table pipes, HTML and mentions', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<img src=x>')).toBe('\\<img src=x\\>');
    expect(escapeMarkdown('**bold** _it_ `code` [l](u) @user #1')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[l\\](u) \\@user \\#1',
    );
    expect(escapeMarkdown('line one\nline two')).toBe('line one line two');
  });
});

describe('coresweep compare (built CLI)', () => {
  const files = scratch();
  const base = files.write('base.json', buildResultFile({ id: 'base', cells: matrix(1, 5) }));
  const slowHead = files.write(
    'head.json',
    buildResultFile({ id: 'head', cells: matrix(2, 5, (s) => (s === 'worker-threads' ? 1.2 : 1)) }),
  );

  it('--fail-above 10 exits 1 on a 20% slowdown, --fail-above 30 exits 0', async () => {
    const strict = await cli(['compare', base, slowHead, '--fail-above', '10']);
    expect(strict.stderr).toBe('');
    expect(strict.exitCode).toBe(1);
    const lines = strict.stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('cell'));
    expect(lines[header]).toMatch(/cell\s+base\s+head\s+change\s+interval of change\s+level\s+p\s+processes\s+verdict/);
    // Largest slowdown first.
    expect(lines[header + 1]).toMatch(
      /^do-math \S+ worker-threads x2 .* \+\d+\.\d% +\[\+\d+\.\d%, \+\d+\.\d%\] +95% .* 5v5 +slower$/,
    );
    expect(strict.stdout).toMatch(/2 significant slowdown\(s\) above 10%: failing/);

    const lenient = await cli(['compare', base, slowHead, '--fail-above', '30']);
    expect(lenient.exitCode).toBe(0);
    expect(lenient.stdout).toMatch(
      /2 slower, 0 faster, 6 no clear change of 8 compared cells; no significant slowdown/,
    );
  });

  it('without --fail-above a slowdown is reported but exits 0', async () => {
    const result = await cli(['compare', base, slowHead]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/2 slower/);
  });

  it('says when a side has too few processes for a verdict and cautions about different machines', async () => {
    const a = files.write(
      'few-a.json',
      buildResultFile({ cells: [{ strategy: 'serial', workers: 1, medians: [10] }] }),
    );
    const b = files.write(
      'few-b.json',
      buildResultFile({ usableCores: 4, cells: [{ strategy: 'serial', workers: 1, medians: [10.1] }] }),
    );
    const result = await cli(['compare', a, b]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/no interval .* 1v1 ‡ +no clear change/);
    expect(result.stdout).toMatch(
      /‡: fewer than 3 ok processes on a side: the interval cannot reach 95%, so no verdict is made/,
    );
    const cautions = result.stdout.split('\n').filter((line) => line.startsWith('caution:'));
    expect(cautions).toEqual([expect.stringMatching(/different machines or runtimes \(usable cores 2 vs 4\)/)]);
  });

  it('across runtimes: says so, and names the runtime of each cell where a run holds several', async () => {
    const on = (runtimes: RuntimeInfo[]) => runtimes.flatMap((runtime) => matrix(1, 3).map((c) => ({ ...c, runtime })));
    const node = files.write('rt-node.json', buildResultFile({ cells: on([NODE20]) }));
    const bun = files.write('rt-bun.json', buildResultFile({ cells: on([BUN]) }));
    const both = files.write('rt-both.json', buildResultFile({ cells: on([NODE20, BUN]) }));
    const across = await cli(['compare', node, bun]);
    expect(across.exitCode, across.all).toBe(0);
    expect(across.stdout).toMatch(/^head: .*, bun 1\.4\.5, 2 usable cores\)$/m);
    expect(across.stdout).toMatch(
      /^caution: .*\(across runtimes: each cell on node 20\.20\.2 \(base\) is compared with the same cell on bun 1\.4\.5 \(head\)\)/m,
    );
    expect(across.stdout).toMatch(/of 8 compared cells/);
    const several = await cli(['compare', both, both]);
    expect(several.stdout).toMatch(/^head: .*, node 20\.20\.2 \+ bun 1\.4\.5, 2 usable cores\)$/m);
    expect(several.stdout).toMatch(/^do-math 1M worker-threads x2 on bun 1\.4\.5 /m);
    expect(several.stdout).toMatch(/of 16 compared cells/);
  });

  it('--markdown writes a GitHub table with names and errors escaped', async () => {
    const error = 'boom | <script>alert(1)</script> **x** @team\nsecond line';
    const a = files.write(
      'md-a.json',
      buildResultFile({
        cpuModel: 'CPU | _fast_',
        cells: [...matrix(1, 5), { strategy: 'cluster', workers: 2 }],
      }),
    );
    const b = files.write(
      'md-b.json',
      buildResultFile({ cells: [...matrix(2, 5), { strategy: 'cluster', workers: 2, status: 'failed', error }] }),
    );
    const out = join(files.dir, 'comment.md');
    const result = await cli(['compare', a, b, '--markdown', out]);
    expect(result.exitCode).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/^### coresweep compare$/m);
    expect(md).toContain('> [!WARNING]');
    expect(md).toContain('CPU \\| \\_fast\\_ vs Test CPU');
    expect(md).toContain('boom \\| \\<script\\>alert(1)\\</script\\> \\*\\*x\\*\\* \\@team');
    // Only the message line of an error: a stack trace has no place in a pull request comment.
    expect(md).not.toContain('second line');
    expect(md).not.toContain('<script>');
    // Every table row has exactly the 9 columns: unescaped pipes = 10.
    const rows = md.split('\n').filter((line) => line.startsWith('|'));
    expect(rows.length).toBe(2 + 8);
    for (const row of rows) expect(row.match(/(?<!\\)\|/g)).toHaveLength(10);
  });

  const cases: [string, (dir: string) => string[], RegExp][] = [
    ['missing file', (d) => ['compare', join(d, 'nope.json'), base], /nope\.json: no such file/],
    [
      'truncated JSON',
      () => ['compare', base, files.write('cut.json', readFileSync(base, 'utf8').slice(0, 200))],
      /cut\.json: not valid JSON/,
    ],
    [
      'wrong schemaVersion',
      () => [
        'compare',
        files.write('v2.json', readFileSync(base, 'utf8').replace('"schemaVersion": 1', '"schemaVersion": 2')),
        base,
      ],
      /v2\.json: schemaVersion: expected 1, found 2/,
    ],
    [
      'bad field',
      () => [
        'compare',
        base,
        files.write('bad.json', readFileSync(base, 'utf8').replace('"workers": 2', '"workers": "two"')),
      ],
      /bad\.json: cells\[\d+\]\.workers: /,
    ],
    ['one file', () => ['compare', base], /needs exactly two result files/],
    [
      'bad --fail-above',
      () => ['compare', base, base, '--fail-above', 'ten'],
      /--fail-above: "ten" is not a percentage/,
    ],
    ['negative --noise', () => ['compare', base, base, '--noise=-1'], /--noise: "-1" is not a percentage/],
    ['bad --alpha', () => ['compare', base, base, '--alpha', '1.5'], /--alpha: "1.5" is not a number between 0 and 1/],
    [
      'unknown flag',
      () => ['compare', base, base, '--frobnicate'],
      /Unknown option '--frobnicate' \(valid options: --fail-above/,
    ],
    [
      'unwritable --markdown',
      (d) => ['compare', base, base, '--markdown', join(d, 'no/dir/x.md')],
      /--markdown: cannot write .*its directory does not exist/,
    ],
  ];

  it.each(cases)('%s exits 2 with one line', async (_name, args, message) => {
    expectOneLineError(await cli(args(files.dir)), message);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await cli(['compare', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^coresweep compare BASE\.json HEAD\.json/);
  });
});
