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

  it('names the package when its module is missing (not built)', async () => {
    const root = fakeRoot();
    writePackage(
      join(root, 'packages', 'strategies', 'unbuilt'),
      { keywords: ['coresweep-strategy'], coresweep: { strategy: './dist/index.js' } },
      {},
    );
    await expect(discover({ root })).rejects.toThrow(
      /unbuilt.*dist\/index\.js does not exist \(is the package built\?/,
    );
  });
});
