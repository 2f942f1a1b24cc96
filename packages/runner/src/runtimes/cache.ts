/**
 * The runtime cache: one folder per installed runtime, `<name>@<version>`, holding what `npm install` put there and
 * `runtime.json` (the probed description and where the binary is), written last, so a folder without it is an
 * install that did not finish and is ignored. A version found here is reused: the same binary run after run, and no
 * network needed.
 *
 * Where: $CORESWEEP_RUNTIMES_DIR, else $XDG_CACHE_HOME/coresweep/runtimes, else ~/.cache/coresweep/runtimes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RuntimeInfo } from '@coresweep/core';
import semver from 'semver';
import type { RuntimeSpec } from './spec.js';

export const RUNTIME_RECORD = 'runtime.json';

/** Where the cache is, as the help says it. */
export const RUNTIMES_DIR_HELP = '$CORESWEEP_RUNTIMES_DIR or ~/.cache/coresweep/runtimes';

/** What runtime.json holds. */
export interface CachedRuntime {
  info: RuntimeInfo;
  /** The executable, relative to the runtime's folder. */
  binary: string;
}

export function runtimesCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CORESWEEP_RUNTIMES_DIR) return resolve(env.CORESWEEP_RUNTIMES_DIR);
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'coresweep', 'runtimes');
}

export function runtimeFolder(cacheDir: string, name: string, version: string): string {
  return join(cacheDir, `${name}@${version}`);
}

/** A complete cached runtime: its record, with the binary's absolute path; null when absent or incomplete. */
export function readCached(folder: string): (CachedRuntime & { path: string }) | null {
  try {
    const record = JSON.parse(readFileSync(join(folder, RUNTIME_RECORD), 'utf8')) as CachedRuntime;
    const path = join(folder, record.binary);
    return existsSync(path) ? { ...record, path } : null;
  } catch {
    return null;
  }
}

/** Versions of `name` complete in the cache. */
export function cachedVersions(cacheDir: string, name: string): string[] {
  if (!existsSync(cacheDir)) return [];
  return readdirSync(cacheDir)
    .filter((entry) => entry.startsWith(`${name}@`))
    .map((entry) => entry.slice(name.length + 1))
    .filter((version) => semver.valid(version) !== null && readCached(join(cacheDir, `${name}@${version}`)) !== null);
}

/** Does `version` satisfy a spec's version, a prefix such as `1`, `1.4` or `1.4.5` (none: any)? */
export function satisfies(version: string, wanted: string | undefined): boolean {
  return wanted === undefined || semver.satisfies(version, wanted);
}

/** The newest cached version a spec accepts, or null. */
export function bestCached(cacheDir: string, spec: RuntimeSpec): string | null {
  return semver.maxSatisfying(cachedVersions(cacheDir, spec.name), spec.version ?? '*');
}
