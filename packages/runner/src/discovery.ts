/**
 * Finds strategies and workloads without any list in the runner: a package advertises them in its package.json
 * (`"coresweep": { "strategy": "./dist/index.js" }` with keyword `coresweep-strategy`, or
 * `"coresweep": { "workloads": ["./dist/a.js"] }`), and a module can be added by path on the command line.
 * Searched: workspace packages (packages/*, packages/strategies/*, apps/*) and dependencies installed in the
 * root node_modules (including scoped ones).
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CoresweepError, ID_PATTERN, importDefault, SERIAL_ID, type Strategy, type Workload } from '@coresweep/core';

export interface Discovered<T> {
  /** The loaded module's default export. */
  value: T;
  /** Absolute file: URL of the module (what threads and processes import). */
  url: string;
  /** Human-readable origin: `workspace packages/strategies/serial`, `dependency some-pkg`, `path ./x.js`. */
  source: string;
}

interface PackageManifest {
  name?: string;
  keywords?: string[];
  coresweep?: { strategy?: string; workloads?: string[] };
}

const WORKSPACE_GLOBS = ['packages', 'packages/strategies', 'apps'];

function readManifest(dir: string): PackageManifest | null {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
  } catch (error) {
    throw new CoresweepError('E_DISCOVERY', `${file}: not valid JSON (${(error as Error).message})`);
  }
}

function childDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
    .map((entry) => join(dir, entry.name))
    .sort();
}

interface PackageDir {
  dir: string;
  manifest: PackageManifest;
  source: string;
}

/** Workspace packages first, then installed dependencies; a workspace package linked into node_modules counts once. */
export function listPackages(root: string): PackageDir[] {
  const seen = new Set<string>();
  const found: PackageDir[] = [];
  const add = (dir: string, source: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return; // a dangling link in node_modules is not ours to report
    }
    if (seen.has(real)) return;
    const manifest = readManifest(real);
    if (!manifest?.coresweep) return;
    seen.add(real);
    found.push({ dir: real, manifest, source });
  };
  for (const glob of WORKSPACE_GLOBS) {
    for (const dir of childDirs(join(root, glob))) add(dir, `workspace ${relative(root, dir)}`);
  }
  const modules = join(root, 'node_modules');
  for (const dir of childDirs(modules)) {
    const name = relative(modules, dir);
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      for (const scoped of childDirs(dir)) add(scoped, `dependency ${relative(modules, scoped)}`);
    } else {
      add(dir, `dependency ${name}`);
    }
  }
  return found;
}

/** The module's default export, or one line naming the module when it cannot be imported. */
async function importComponent(url: string, what: string): Promise<unknown> {
  try {
    return await importDefault<unknown>(url);
  } catch (error) {
    throw new CoresweepError('E_INVALID_MODULE', `${what}: cannot import ${url}: ${(error as Error).message}`);
  }
}

function requireString(value: Record<string, unknown>, field: string, what: string): void {
  if (typeof value[field] !== 'string')
    throw new CoresweepError('E_INVALID_MODULE', `${what}: ${field} must be a string`);
}

function requireId(value: Record<string, unknown>, what: string): void {
  requireString(value, 'id', what);
  if (!ID_PATTERN.test(value.id as string)) {
    throw new CoresweepError(
      'E_INVALID_MODULE',
      `${what}: id ${JSON.stringify(value.id)} must be lowercase letters, digits and dashes`,
    );
  }
}

/** Checks the shape a strategy module's default export must have; the message names the module and the field. */
export function assertStrategy(value: unknown, what: string): asserts value is Strategy {
  if (value === null || typeof value !== 'object') {
    throw new CoresweepError('E_INVALID_MODULE', `${what}: the default export must be a strategy object`);
  }
  const record = value as Record<string, unknown>;
  requireId(record, what);
  requireString(record, 'title', what);
  requireString(record, 'description', what);
  if (!['none', 'threads', 'processes'].includes(record.parallelism as string)) {
    throw new CoresweepError('E_INVALID_MODULE', `${what}: parallelism must be one of none, threads, processes`);
  }
  if (typeof record.start !== 'function')
    throw new CoresweepError('E_INVALID_MODULE', `${what}: start must be a function`);
}

/** Checks the shape a workload module's default export must have. */
export function assertWorkload(value: unknown, what: string): asserts value is Workload {
  if (value === null || typeof value !== 'object') {
    throw new CoresweepError('E_INVALID_MODULE', `${what}: the default export must be a workload object`);
  }
  const record = value as Record<string, unknown>;
  requireId(record, what);
  requireString(record, 'title', what);
  requireString(record, 'description', what);
  for (const fn of ['run', 'combine', 'checksum'] as const) {
    if (typeof record[fn] !== 'function')
      throw new CoresweepError('E_INVALID_MODULE', `${what}: ${fn} must be a function`);
  }
  const sizes = record.sizes as { quick?: unknown; full?: unknown } | undefined;
  const validSizes = (list: unknown) =>
    Array.isArray(list) && list.length > 0 && list.every((n) => Number.isSafeInteger(n) && n > 0);
  if (!sizes || !validSizes(sizes.quick) || !validSizes(sizes.full)) {
    throw new CoresweepError(
      'E_INVALID_MODULE',
      `${what}: sizes.quick and sizes.full must be lists of positive integers`,
    );
  }
}

function moduleUrl(dir: string, entry: string): string {
  const file = resolve(dir, entry);
  if (!existsSync(file)) {
    throw new CoresweepError(
      'E_DISCOVERY',
      `${join(dir, 'package.json')}: ${entry} does not exist (is the package built? run pnpm build)`,
    );
  }
  return pathToFileURL(file).href;
}

/** Resolves a path given on the command line against the current directory. */
export function pathArgumentUrl(path: string, cwd: string = process.cwd()): string {
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  if (!existsSync(file)) throw new CoresweepError('E_USAGE', `${path}: no such file`);
  return pathToFileURL(realpathSync(file)).href;
}

function addUnique<T extends { id: string }>(list: Discovered<T>[], item: Discovered<T>, kind: string): void {
  const clash = list.find((other) => other.value.id === item.value.id);
  if (clash) {
    if (clash.url === item.url) return;
    throw new CoresweepError(
      'E_DISCOVERY',
      `two ${kind === 'strategy' ? 'strategies' : 'workloads'} have the id ${item.value.id}: ${clash.source} and ${item.source}; rename one of them`,
    );
  }
  list.push(item);
}

export interface DiscoveryOptions {
  root: string;
  /** Extra strategy modules given with --strategy PATH. */
  strategyPaths?: string[];
  /** Extra workload modules given with --workload PATH. */
  workloadPaths?: string[];
  cwd?: string;
}

export interface Discovery {
  strategies: Discovered<Strategy>[];
  workloads: Discovered<Workload>[];
}

export async function discover(options: DiscoveryOptions): Promise<Discovery> {
  const strategies: Discovered<Strategy>[] = [];
  const workloads: Discovered<Workload>[] = [];
  for (const pkg of listPackages(options.root)) {
    const { strategy, workloads: workloadEntries } = pkg.manifest.coresweep ?? {};
    if (strategy && pkg.manifest.keywords?.includes('coresweep-strategy')) {
      const url = moduleUrl(pkg.dir, strategy);
      const value = await importComponent(url, pkg.source);
      assertStrategy(value, pkg.source);
      addUnique(strategies, { value, url, source: pkg.source }, 'strategy');
    }
    for (const entry of workloadEntries ?? []) {
      const url = moduleUrl(pkg.dir, entry);
      const what = `${pkg.source} ${entry}`;
      const value = await importComponent(url, what);
      assertWorkload(value, what);
      addUnique(workloads, { value, url, source: pkg.source }, 'workload');
    }
  }
  for (const path of options.strategyPaths ?? []) {
    const url = pathArgumentUrl(path, options.cwd);
    const value = await importComponent(url, `--strategy ${path}`);
    assertStrategy(value, `--strategy ${path}`);
    addUnique(strategies, { value, url, source: `path ${path}` }, 'strategy');
  }
  for (const path of options.workloadPaths ?? []) {
    const url = pathArgumentUrl(path, options.cwd);
    const value = await importComponent(url, `--workload ${path}`);
    assertWorkload(value, `--workload ${path}`);
    addUnique(workloads, { value, url, source: `path ${path}` }, 'workload');
  }
  // Serial first: it is the reference every other strategy is compared with.
  strategies.sort((a, b) => Number(b.value.id === SERIAL_ID) - Number(a.value.id === SERIAL_ID));
  return { strategies, workloads };
}
