/**
 * Installs a runtime from the npm registry into the cache: the `node`, `bun` and `deno` packages ship their binaries
 * (a platform package picked by their install script). npm installs into a private staging folder, the binary is
 * found and probed there, and the folder is renamed to `<name>@<version>` only then, so a folder in the cache is
 * always a working runtime and two runs installing at once do not see each other's half-done work.
 */
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { CoresweepError, type RuntimeInfo } from '@coresweep/core';
import { execa } from 'execa';
import { type CachedRuntime, RUNTIME_RECORD, readCached, runtimeFolder } from './cache.js';
import { launchFor } from './launch.js';
import { probeRuntime } from './probe.js';
import { type RuntimeSpec, specText } from './spec.js';

/** Executable formats: ELF, Mach-O (both byte orders, fat) and PE. A `#!` script here would be a launcher, not the runtime. */
const BINARY_MAGIC = [
  [0x7f, 0x45, 0x4c, 0x46],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xca, 0xfe, 0xba, 0xbe],
  [0x4d, 0x5a],
];

function isNativeExecutable(path: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return BINARY_MAGIC.some((magic) => magic.every((byte, i) => head[i] === byte));
}

/** The first line of npm's complaint that says what went wrong (`npm error code ENOTFOUND`, …). */
function npmReason(output: string): string {
  const lines = output.split('\n').map((line) => line.trim());
  const code = lines.find((line) => /^npm (error|ERR!) code /.test(line));
  const first = lines.find((line) => /^npm (error|ERR!)/.test(line));
  return (code ?? first ?? lines.find(Boolean) ?? 'no output').replace(/^npm (error|ERR!) /, '');
}

export interface Installed extends CachedRuntime {
  path: string;
  folder: string;
}

/**
 * `npm install name@version` into the cache, then the probe. Every failure is one E_RUNTIME line (exit 2): the
 * registry out of reach, a version that does not exist, a package whose binary did not install.
 */
export async function installRuntime(spec: RuntimeSpec, cacheDir: string): Promise<Installed> {
  const what = specText(spec);
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(cacheDir, `.install-${spec.name}-`));
  try {
    const npm = await execa(
      'npm',
      [
        'install',
        '--prefix',
        staging,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts=false',
        '--loglevel=error',
        `${spec.name}@${spec.version ?? 'latest'}`,
      ],
      { reject: false, stdin: 'ignore', all: true, cwd: staging },
    );
    if (npm.failed) {
      throw new CoresweepError(
        'E_RUNTIME',
        `runtime ${what}: not in the cache (${cacheDir}) and npm could not install it: ${npmReason(npm.all ?? npm.shortMessage)}`,
      );
    }
    const packageDir = join(staging, 'node_modules', spec.name);
    const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
    const binary = realpathSync(join(staging, 'node_modules', '.bin', spec.name));
    if (!isNativeExecutable(binary)) {
      throw new CoresweepError(
        'E_RUNTIME',
        `runtime ${what}: npm installed ${spec.name} ${version} without its binary (${binary} is a script; are npm install scripts disabled?)`,
      );
    }
    const info: RuntimeInfo = await probeRuntime(launchFor(spec.name, binary), what);
    if (info.name !== spec.name || info.version !== version) {
      throw new CoresweepError(
        'E_RUNTIME',
        `runtime ${what}: the npm package ${spec.name} ${version} runs as ${info.name} ${info.version}`,
      );
    }
    const record: CachedRuntime = { info, binary: relative(realpathSync(staging), binary) };
    writeFileSync(join(staging, RUNTIME_RECORD), `${JSON.stringify(record, null, 2)}\n`);
    const folder = runtimeFolder(cacheDir, spec.name, version);
    try {
      renameSync(staging, folder);
    } catch {
      // Another run installed the same version meanwhile: keep theirs if it is whole.
      if (!readCached(folder)) throw new CoresweepError('E_RUNTIME', `runtime ${what}: cannot move it into ${folder}`);
    }
    const cached = readCached(folder);
    if (!cached) throw new CoresweepError('E_RUNTIME', `runtime ${what}: ${folder} is incomplete after installing`);
    return { ...cached, folder };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
