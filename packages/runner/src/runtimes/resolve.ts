/**
 * From `--runtimes` (or a resumed run's recorded runtimes) to the runtimes a run starts its cell processes with. The
 * running Node is used as it is; a `node@MAJOR` it satisfies is the same runtime. Anything else comes from the cache,
 * or is installed into it from the npm registry (said on stderr, with where). Each runtime is probed once, so the plan
 * knows exactly what every cell will run on.
 */
import { CoresweepError, type RuntimeInfo, runtimeId, runtimeLabel } from '@coresweep/core';
import { bestCached, readCached, runtimeFolder, satisfies } from './cache.js';
import { installRuntime } from './install.js';
import { type Launch, launchFor, runningNodeLaunch } from './launch.js';
import { type RuntimeSpec, specText } from './spec.js';
import { describeThisRuntime } from './this-runtime.js';

export interface ResolvedRuntime {
  info: RuntimeInfo;
  launch: Launch;
  /** `this process`, or the folder in the cache it runs from. */
  source: string;
}

/** The Node that runs coresweep, as a runtime: what every cell runs on when --runtimes is not given. */
export function runningNode(): ResolvedRuntime {
  return { info: describeThisRuntime(), launch: runningNodeLaunch(), source: 'this process' };
}

async function resolveOne(spec: RuntimeSpec, cacheDir: string, say: (line: string) => void): Promise<ResolvedRuntime> {
  const running = runningNode();
  if (spec.name === 'node' && satisfies(running.info.version, spec.version)) return running;
  const version = bestCached(cacheDir, spec);
  const cached = version ? readCached(runtimeFolder(cacheDir, spec.name, version)) : null;
  if (cached) {
    const folder = runtimeFolder(cacheDir, spec.name, cached.info.version);
    return { info: cached.info, launch: launchFor(spec.name, cached.path), source: folder };
  }
  say(`runtime ${specText(spec)}: not in the cache; installing it from the npm registry into ${cacheDir} …`);
  const installed = await installRuntime(spec, cacheDir);
  say(
    `runtime ${specText(spec)}: installed ${runtimeLabel(installed.info)} (${installed.info.engine}) at ${installed.path}`,
  );
  return { info: installed.info, launch: launchFor(spec.name, installed.path), source: installed.folder };
}

/** The runtimes in the order given; two entries that come to the same runtime are an error, as a duplicate is. */
export async function resolveRuntimes(
  specs: readonly RuntimeSpec[],
  cacheDir: string,
  say: (line: string) => void,
): Promise<ResolvedRuntime[]> {
  const resolved: ResolvedRuntime[] = [];
  const seen = new Map<string, string>();
  for (const spec of specs) {
    const runtime = await resolveOne(spec, cacheDir, say);
    const id = runtimeId(runtime.info);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new CoresweepError(
        'E_USAGE',
        `--runtimes: ${earlier} and ${specText(spec)} are the same runtime (${runtimeLabel(runtime.info)})`,
      );
    }
    seen.set(id, specText(spec));
    resolved.push(runtime);
  }
  return resolved;
}
