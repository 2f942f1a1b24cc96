import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../src/discovery.js';
import { FIXTURES, ROOT } from './helpers.js';

const BUILTIN_STRATEGIES = ['serial', 'async', 'worker-threads', 'child-process', 'cluster'];
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function fakeRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'coresweep-discovery-'));
  temporary.push(root);
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  return root;
}

function writePackage(dir: string, manifest: object, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const STRATEGY_SOURCE = (id: string) =>
  `export default { id: '${id}', title: '${id}', description: 'x', parallelism: 'none', async start() { return { async run() { return []; }, async close() {} }; } };\n`;

describe('discovery', () => {
  it('finds every workspace strategy and workload, serial first, with where each came from', async () => {
    const found = await discover({ root: ROOT });
    const ids = found.strategies.map((s) => s.value.id);
    expect(ids[0]).toBe('serial');
    for (const id of BUILTIN_STRATEGIES) expect(ids).toContain(id);
    expect(found.strategies.find((s) => s.value.id === 'async')?.source).toBe('workspace packages/strategies/async');
    expect(found.workloads.map((w) => w.value.id)).toEqual(expect.arrayContaining(['do-math', 'primes']));
    for (const s of found.strategies) expect(s.url).toMatch(/^file:\/\//);
  });

  it('finds installed dependencies (scoped too) and ignores packages without the keyword', async () => {
    const root = fakeRoot();
    writePackage(
      join(root, 'node_modules', '@acme', 'fast-pool'),
      { name: '@acme/fast-pool', keywords: ['coresweep-strategy'], coresweep: { strategy: './index.js' } },
      { 'index.js': STRATEGY_SOURCE('acme-fast') },
    );
    writePackage(
      join(root, 'node_modules', 'no-keyword'),
      { name: 'no-keyword', coresweep: { strategy: './index.js' } },
      { 'index.js': STRATEGY_SOURCE('no-keyword') },
    );
    const found = await discover({ root });
    expect(found.strategies.map((s) => [s.value.id, s.source])).toEqual([['acme-fast', 'dependency @acme/fast-pool']]);
  });

  it('counts a workspace package linked into node_modules once', async () => {
    const root = fakeRoot();
    const pkg = join(root, 'packages', 'strategies', 'mine');
    writePackage(
      pkg,
      { name: 'mine', keywords: ['coresweep-strategy'], coresweep: { strategy: './index.js' } },
      {
        'index.js': STRATEGY_SOURCE('mine'),
      },
    );
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    symlinkSync(pkg, join(root, 'node_modules', 'mine'));
    const found = await discover({ root });
    expect(found.strategies.map((s) => s.source)).toEqual(['workspace packages/strategies/mine']);
  });

  it('adds a strategy by path and rejects two strategies with one id', async () => {
    const found = await discover({ root: ROOT, strategyPaths: [join(FIXTURES, 'wrong-strategy.mjs')] });
    expect(found.strategies.at(-1)?.value.id).toBe('fixture-wrong');
    const root = fakeRoot();
    for (const name of ['a', 'b']) {
      writePackage(
        join(root, 'packages', 'strategies', name),
        { keywords: ['coresweep-strategy'], coresweep: { strategy: './i.js' } },
        {
          'i.js': STRATEGY_SOURCE('same'),
        },
      );
    }
    await expect(discover({ root })).rejects.toThrow(/two strategies have the id same/);
  });

  it('leaves out a package that is not built, does not import, exports no valid strategy or has a broken manifest, and finds the rest', async () => {
    const root = fakeRoot();
    const strategies = join(root, 'packages', 'strategies');
    const manifest = (extra: object = {}) => ({
      keywords: ['coresweep-strategy'],
      coresweep: { strategy: './dist/index.js' },
      ...extra,
    });
    writePackage(join(strategies, 'good'), manifest(), { 'dist/index.js': STRATEGY_SOURCE('good') });
    writePackage(join(strategies, 'unbuilt'), manifest(), {});
    writePackage(join(strategies, 'throws'), manifest({ name: '@acme/strategy-throws' }), {
      'dist/index.js': "throw new Error('boom at import');\n",
    });
    writePackage(join(strategies, 'shapeless'), manifest(), { 'dist/index.js': 'export default { id: 42 };\n' });
    mkdirSync(join(strategies, 'torn'), { recursive: true });
    writeFileSync(join(strategies, 'torn', 'package.json'), '{"name": ');
    const found = await discover({ root, buildFailures: new Map() });
    expect(found.strategies.map((s) => s.value.id)).toEqual(['good']);
    const why = Object.fromEntries(found.leftOut.map((item) => [item.source, item.error]));
    expect(why).toEqual({
      'workspace packages/strategies/shapeless': './dist/index.js: id must be a string',
      'workspace packages/strategies/throws': 'cannot import ./dist/index.js: boom at import',
      'workspace packages/strategies/torn': expect.stringMatching(/^package\.json is not valid JSON \(/),
      'workspace packages/strategies/unbuilt': './dist/index.js does not exist (not built: run pnpm build)',
    });
    // named by directory and by package name, with or without the strategy- prefix
    expect(found.leftOut.find((item) => item.source.endsWith('throws'))?.names).toEqual(
      expect.arrayContaining(['throws', 'strategy-throws']),
    );
  });

  it('leaves out a package whose build failed although an older build still imports, and says when it was never installed', async () => {
    const root = fakeRoot();
    const dir = join(root, 'packages', 'workload-stale');
    writePackage(
      dir,
      { name: '@coresweep/workload-stale', coresweep: { workloads: ['./dist/index.js'] }, dependencies: { x: '1' } },
      {
        'dist/index.js':
          "export default { id: 'stale', title: 's', description: 'd', sizes: { quick: [1], full: [1] }, run() { return 0; }, combine() { return 0; }, checksum() { return '0'; } };\n",
      },
    );
    expect((await discover({ root, buildFailures: new Map() })).workloads.map((w) => w.value.id)).toEqual(['stale']);
    const found = await discover({
      root,
      buildFailures: new Map([[dir, "src/index.ts(1,1): error TS2307: Cannot find module 'x'"]]),
    });
    expect(found.workloads).toEqual([]);
    expect(found.leftOut).toEqual([
      {
        source: 'workspace packages/workload-stale',
        kinds: ['workload'],
        names: ['workload-stale', 'stale'],
        error:
          "its dependencies are not installed (run pnpm install); does not build: src/index.ts(1,1): error TS2307: Cannot find module 'x'",
      },
    ]);
  });
});
