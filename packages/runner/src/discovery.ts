/**
 * Finds strategies and workloads without any list in the runner: a package advertises them in its package.json
 * (`"coresweep": { "strategy": "./dist/index.js" }` with keyword `coresweep-strategy`, or
 * `"coresweep": { "workloads": ["./dist/a.js"] }`), and a module can be added by path on the command line.
 * Searched: workspace packages (packages/*, packages/strategies/*, apps/*) and dependencies installed in the
 * root node_modules (including scoped ones).
 *
 * A package that does not build, is not built, does not import or does not export a valid component is left out
 * with its reason, and everything else is found as usual: one half-made plugin must not take the tool down. A module
 * given by path is asked for explicitly, so its problem is an error.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CoresweepError, ID_PATTERN, importDefault, SERIAL_ID, type Strategy, type Workload } from '@coresweep/core';
import { type BuildFailures, buildFailuresFromEnvironment } from './build-failures.js';

/** The options that add modules by path, declared once for every command that discovers (run, list). */
export const MODULE_PATH_OPTIONS = {
  strategy: {
    type: 'string',
    multiple: true,
    value: './module.js',
    help: 'add a strategy module by path (repeatable)',
  },
  workload: {
    type: 'string',
    multiple: true,
    value: './module.js',
    help: 'add a workload module by path (repeatable)',
  },
} as const;

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
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export type ComponentKind = 'strategy' | 'workload';

/** A package, or one module of it, that was left out; the rest of discovery goes on without it. */
export interface LeftOut {
  /** Where it is, as in `Discovered.source`. */
  source: string;
  /** What it advertises (empty when its package.json cannot be read). */
  kinds: ComponentKind[];
  /** Ids it most likely provides (its directory, package and module names): to name it when one is asked for. */
  names: string[];
  /** Why, in one line. */
  error: string;
}

const WORKSPACE_GLOBS = ['packages', 'packages/strategies', 'apps'];

function readManifest(dir: string): PackageManifest | { unreadable: string } | null {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
  } catch (error) {
    return { unreadable: `package.json is not valid JSON (${firstLine((error as Error).message)})` };
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
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

/**
 * Workspace packages first, then installed dependencies; a workspace package linked into node_modules counts once.
 * A workspace package whose package.json cannot be read is reported in `unreadable` (it may be a plugin).
 */
export function listPackages(root: string, unreadable: LeftOut[] = []): PackageDir[] {
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
    seen.add(real);
    const manifest = readManifest(real);
    if (manifest && 'unreadable' in manifest) {
      unreadable.push({ source, kinds: [], names: [basename(real)], error: manifest.unreadable });
      return;
    }
    if (!manifest?.coresweep) return;
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

/** What strategies and workloads have in common: an object with an id, a title and a description. */
function componentFields(value: unknown, kind: 'strategy' | 'workload', what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object') {
    throw new CoresweepError('E_INVALID_MODULE', `${what}: the default export must be a ${kind} object`);
  }
  const record = value as Record<string, unknown>;
  requireId(record, what);
  requireString(record, 'title', what);
  requireString(record, 'description', what);
  return record;
}

/** Checks the shape a strategy module's default export must have; the message names the module and the field. */
export function assertStrategy(value: unknown, what: string): asserts value is Strategy {
  const record = componentFields(value, 'strategy', what);
  if (!['none', 'threads', 'processes'].includes(record.parallelism as string)) {
    throw new CoresweepError('E_INVALID_MODULE', `${what}: parallelism must be one of none, threads, processes`);
  }
  if (typeof record.start !== 'function')
    throw new CoresweepError('E_INVALID_MODULE', `${what}: start must be a function`);
  if (record.unsupported !== undefined && typeof record.unsupported !== 'function')
    throw new CoresweepError('E_INVALID_MODULE', `${what}: unsupported must be a function when present`);
}

/** Checks the shape a workload module's default export must have. */
export function assertWorkload(value: unknown, what: string): asserts value is Workload {
  const record = componentFields(value, 'workload', what);
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

/** The ids a package most likely provides: `packages/strategies/my-pool`, `@x/strategy-my-pool` → my-pool. */
function likelyNames(pkg: PackageDir): string[] {
  const names = [basename(pkg.dir), pkg.manifest.name?.split('/').pop() ?? ''];
  const stripped = names.map((name) => name.replace(/^(coresweep-)?(strategy|workload)-/, ''));
  return [...new Set([...names, ...stripped])].filter((name) => name !== '');
}

/** Said first when a package's dependencies were never installed: the usual cause of its problem, and the fix. */
function installHint(pkg: PackageDir): string {
  const declared = Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.devDependencies }).length > 0;
  return declared && !existsSync(join(pkg.dir, 'node_modules'))
    ? 'its dependencies are not installed (run pnpm install); '
    : '';
}

/** One advertised module of a package, checked; a problem comes back as a line for the left-out list. */
async function loadEntry<T>(
  pkg: PackageDir,
  entry: string,
  check: (value: unknown, what: string) => asserts value is T,
): Promise<{ value: T; url: string } | { problem: string }> {
  const file = resolve(pkg.dir, entry);
  if (!existsSync(file)) return { problem: `${entry} does not exist (not built: run pnpm build)` };
  const url = pathToFileURL(file).href;
  let value: unknown;
  try {
    value = await importDefault<unknown>(url);
  } catch (error) {
    return { problem: `cannot import ${entry}: ${firstLine(error instanceof Error ? error.message : String(error))}` };
  }
  try {
    check(value, entry);
  } catch (error) {
    if (error instanceof CoresweepError) return { problem: error.message };
    throw error;
  }
  return { value, url };
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
  /** Packages whose build failed, by real directory [what `pnpm coresweep` passes in CORESWEEP_BUILD_FAILURES]. */
  buildFailures?: BuildFailures;
}

export interface Discovery {
  strategies: Discovered<Strategy>[];
  workloads: Discovered<Workload>[];
  /** Packages (or modules of them) that were found but cannot be used, each with its reason. */
  leftOut: LeftOut[];
}

export async function discover(options: DiscoveryOptions): Promise<Discovery> {
  const strategies: Discovered<Strategy>[] = [];
  const workloads: Discovered<Workload>[] = [];
  const leftOut: LeftOut[] = [];
  const buildFailures = options.buildFailures ?? buildFailuresFromEnvironment();
  for (const pkg of listPackages(options.root, leftOut)) {
    const { strategy: strategyEntry, workloads: workloadEntries = [] } = pkg.manifest.coresweep ?? {};
    const strategy = strategyEntry && pkg.manifest.keywords?.includes('coresweep-strategy') ? strategyEntry : null;
    const kinds: ComponentKind[] = [
      ...(strategy ? (['strategy'] as const) : []),
      ...(workloadEntries.length > 0 ? (['workload'] as const) : []),
    ];
    const leaveOut = (problem: string, names = likelyNames(pkg)) =>
      leftOut.push({ source: pkg.source, kinds, names, error: `${installHint(pkg)}${problem}` });
    // What is in dist/ may be an older build that still imports: a package that does not build now is left out.
    const buildError = buildFailures.get(pkg.dir);
    if (buildError !== undefined) {
      leaveOut(`does not build: ${buildError}`);
      continue;
    }
    if (strategy) {
      const loaded = await loadEntry(pkg, strategy, assertStrategy);
      if ('problem' in loaded) leaveOut(loaded.problem);
      else addUnique(strategies, { ...loaded, source: pkg.source }, 'strategy');
    }
    for (const entry of workloadEntries) {
      const loaded = await loadEntry(pkg, entry, assertWorkload);
      if ('problem' in loaded) leaveOut(loaded.problem, [...likelyNames(pkg), basename(entry, extname(entry))]);
      else addUnique(workloads, { ...loaded, source: pkg.source }, 'workload');
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
  return { strategies, workloads, leftOut };
}
