/**
 * `coresweep runtimes`: where the runtime cache is and what it holds; `--install LIST` resolves runtimes the way
 * `run --runtimes` does (reusing what is cached, installing the rest from the npm registry) and prints each one's
 * binary — how CI fetches Bun, Deno and another Node before the tests, and how a user prepares an offline machine.
 */
import { type RuntimeInfo, runtimeLabel } from '@coresweep/core';
import { parseList } from '../args.js';
import { table } from '../format.js';
import { helpText, nonEmpty, parseCommand } from '../options.js';
import { cachedVersions, readCached, runtimeFolder, runtimesCacheDir } from '../runtimes/cache.js';
import { resolveRuntimes } from '../runtimes/resolve.js';
import { parseRuntimeSpec, RUNTIME_NAMES, RUNTIME_SPEC_HELP } from '../runtimes/spec.js';

const RUNTIMES_COMMAND = {
  name: 'runtimes',
  usage: 'coresweep runtimes [--install a,b] [--json]',
  options: {
    json: { type: 'boolean', help: 'print JSON (name, version, engine and binary of each runtime) instead of a table' },
    install: {
      type: 'string',
      value: 'a,b',
      help: `make these runtimes ready (${RUNTIME_SPEC_HELP}): cached ones are reused, the rest installed from the npm registry`,
    },
  },
} as const;

export const RUNTIMES_HELP = helpText(RUNTIMES_COMMAND);

export async function runtimesCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(RUNTIMES_COMMAND, args);
  if (!parsed) return 0;
  const cacheDir = runtimesCacheDir();
  const install = nonEmpty(parsed.values.install, 'install');
  if (install !== undefined) {
    const specs = parseList(install, '--install').map((entry) => parseRuntimeSpec(entry, '--install'));
    const resolved = await resolveRuntimes(specs, cacheDir, (line) => process.stderr.write(`${line}\n`));
    print(
      resolved.map((r) => ({ ...r.info, binary: r.launch.command })),
      parsed.values.json ?? false,
    );
    return 0;
  }
  const cached = RUNTIME_NAMES.flatMap((name) =>
    cachedVersions(cacheDir, name).flatMap((version) => {
      const found = readCached(runtimeFolder(cacheDir, name, version));
      return found ? [{ ...found.info, binary: found.path }] : [];
    }),
  );
  if (!parsed.values.json) process.stdout.write(`runtime cache: ${cacheDir}\n`);
  print(cached, parsed.values.json ?? false);
  return 0;
}

function print(runtimes: readonly (RuntimeInfo & { binary: string })[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(runtimes, null, 2)}\n`);
    return;
  }
  const rows = runtimes.map((r) => [runtimeLabel(r), r.engine, r.binary]);
  process.stdout.write(rows.length > 0 ? `${table([['runtime', 'engine', 'binary'], ...rows])}\n` : 'empty\n');
}
