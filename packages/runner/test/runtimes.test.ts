/**
 * The runtime axis without a network: --runtimes entries, the cache (a version found there is reused, an unfinished
 * install is not), resolution (the running Node as it is, a cached Bun by its binary) and how each runtime starts a
 * script. Installing from an unreachable registry is one line and exit 2.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bestCached, cachedVersions, RUNTIME_RECORD, runtimesCacheDir } from '../src/runtimes/cache.js';
import { launchFor } from '../src/runtimes/launch.js';
import { resolveRuntimes } from '../src/runtimes/resolve.js';
import { parseRuntimeSpec } from '../src/runtimes/spec.js';
import { describeThisRuntime } from '../src/runtimes/this-runtime.js';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'coresweep-runtimes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A cache folder as an install leaves it; `complete: false` is one whose install never finished (no record). */
function cacheEntry(cache: string, name: string, version: string, complete = true): string {
  const folder = join(cache, `${name}@${version}`);
  mkdirSync(join(folder, 'bin'), { recursive: true });
  const binary = join(folder, 'bin', name);
  writeFileSync(binary, '');
  chmodSync(binary, 0o755);
  if (complete) {
    const info = { name, version, engine: `engine of ${name} ${version}` };
    writeFileSync(join(folder, RUNTIME_RECORD), JSON.stringify({ info, binary: join('bin', name) }));
  }
  return binary;
}

describe('--runtimes entries', () => {
  it('reads a runtime with or without a version prefix', () => {
    expect(parseRuntimeSpec('node')).toEqual({ name: 'node' });
    expect(parseRuntimeSpec('node@24')).toEqual({ name: 'node', version: '24' });
    expect(parseRuntimeSpec('bun@1.4')).toEqual({ name: 'bun', version: '1.4' });
    expect(parseRuntimeSpec(' deno@2.9.6 ')).toEqual({ name: 'deno', version: '2.9.6' });
  });

  it.each(['rhino', 'bun@latest', 'node@', 'deno@2.x', 'node@24.1.2.3', 'Bun'])('refuses %s in one line', (text) => {
    expect(() => parseRuntimeSpec(text)).toThrow(/--runtimes: .* is not a runtime \(valid: node, node@MAJOR/);
  });
});

describe('the runtime cache', () => {
  const cache = join(dir, 'cache');
  const bun145 = cacheEntry(cache, 'bun', '1.4.5');
  cacheEntry(cache, 'bun', '1.3.0');
  cacheEntry(cache, 'bun', '1.5.0', false);
  cacheEntry(cache, 'deno', '2.9.6');

  it('lives where the environment says, else under the user cache', () => {
    expect(runtimesCacheDir({ CORESWEEP_RUNTIMES_DIR: '/x/rt' })).toBe('/x/rt');
    expect(runtimesCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/coresweep/runtimes');
    expect(runtimesCacheDir({})).toMatch(/\.cache\/coresweep\/runtimes$/);
  });

  it('reuses the newest complete version a spec accepts, never an unfinished install', () => {
    expect(cachedVersions(cache, 'bun').sort()).toEqual(['1.3.0', '1.4.5']);
    expect(bestCached(cache, { name: 'bun' })).toBe('1.4.5');
    expect(bestCached(cache, { name: 'bun', version: '1.3' })).toBe('1.3.0');
    expect(bestCached(cache, { name: 'bun', version: '1.5' })).toBeNull();
    expect(bestCached(cache, { name: 'node', version: '24' })).toBeNull();
  });

  it('resolves a cached runtime to its binary without installing anything', async () => {
    const said: string[] = [];
    const [bun, deno] = await resolveRuntimes([{ name: 'bun' }, { name: 'deno', version: '2' }], cache, (line) =>
      said.push(line),
    );
    expect(said).toEqual([]);
    expect(bun).toMatchObject({ info: { name: 'bun', version: '1.4.5' }, launch: { command: bun145, args: [] } });
    expect(deno?.launch.args).toEqual(['run', '-A']);
    expect(deno?.source).toBe(join(cache, 'deno@2.9.6'));
  });

  it('uses the running Node for node, and for a node@MAJOR it satisfies', async () => {
    const major = process.versions.node.split('.')[0];
    const [running] = await resolveRuntimes([{ name: 'node' }], cache, () => undefined);
    expect(running).toEqual({
      info: describeThisRuntime(),
      launch: { command: process.execPath, args: [] },
      source: 'this process',
    });
    const [same] = await resolveRuntimes([{ name: 'node', version: major }], cache, () => undefined);
    expect(same?.launch.command).toBe(process.execPath);
    await expect(
      resolveRuntimes([{ name: 'node' }, { name: 'node', version: major }], cache, () => undefined),
    ).rejects.toThrow(/node and node@\d+ are the same runtime/);
  });
});

describe('coresweep runtimes', () => {
  it('lists the complete runtimes of the cache, as a table or as JSON with each binary', async () => {
    const cache = join(dir, 'listed');
    const bun = cacheEntry(cache, 'bun', '1.4.5');
    cacheEntry(cache, 'deno', '2.0.0', false);
    const env = { CORESWEEP_RUNTIMES_DIR: cache };
    const text = await cli(['runtimes'], { env });
    expect(text.exitCode, text.all).toBe(0);
    expect(text.stdout).toContain(`runtime cache: ${cache}`);
    expect(text.stdout).toMatch(/bun 1\.4\.5 +engine of bun 1\.4\.5 +\S+bun/);
    expect(text.stdout).not.toContain('deno');
    const json = await cli(['runtimes', '--json'], { env });
    expect(JSON.parse(json.stdout)).toEqual([
      { name: 'bun', version: '1.4.5', engine: 'engine of bun 1.4.5', binary: bun },
    ]);
    const installed = await cli(['runtimes', '--install', 'bun@1.4', '--json'], { env });
    expect(JSON.parse(installed.stdout)).toEqual([
      { name: 'bun', version: '1.4.5', engine: 'engine of bun 1.4.5', binary: bun },
    ]);
  });
});

describe('starting a script', () => {
  it('runs Node and Bun on the file, Deno through `run` with every permission', () => {
    expect(launchFor('node', '/n')).toEqual({ command: '/n', args: [] });
    expect(launchFor('bun', '/b')).toEqual({ command: '/b', args: [] });
    expect(launchFor('deno', '/d')).toEqual({ command: '/d', args: ['run', '-A'] });
  });

  it('describes this process as the Node it is', () => {
    expect(describeThisRuntime()).toEqual({
      name: 'node',
      version: process.versions.node,
      engine: `V8 ${process.versions.v8}`,
    });
  });
});

describe('a runtime that cannot be had', () => {
  it('offline and not in the cache: one line naming the runtime and the cause, exit 2, nothing left in the cache', async () => {
    const empty = join(dir, 'empty');
    const result = await cli(['run', '--runtimes', 'bun@1.2.3', '--settle', '0'], {
      env: {
        ...process.env,
        CORESWEEP_RUNTIMES_DIR: empty,
        // A closed port on this machine: the registry cannot be reached.
        npm_config_registry: 'http://127.0.0.1:9/',
        npm_config_fetch_retries: '0',
      } as Record<string, string>,
    });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(`runtime bun@1.2.3: not in the cache; installing it from the npm registry into ${empty} …`);
    expect(lines[1]).toMatch(
      new RegExp(
        `^coresweep: runtime bun@1\\.2\\.3: not in the cache \\(${empty}\\) and npm could not install it: \\S`,
      ),
    );
    expect(lines).toHaveLength(2);
    expect(cachedVersions(empty, 'bun')).toEqual([]);
  });
});
