#!/usr/bin/env node
/**
 * Builds the coresweep report: a static site rendered from a directory of result files.
 *
 *   node apps/report/scripts/build-report.mjs [--results DIR] [--out DIR] [--base /sub/path/] [--skip-invalid]
 *
 * Defaults: --results <repo>/results, --out <repo>/report-site, --base /. Every result file is validated first; an
 * invalid one stops the build with exit code 2 and one line naming the file and the field (or, with
 * --skip-invalid, is skipped with a one-line warning). On success prints the path of the built index.html.
 *
 * Also importable: `buildReport({ results, out, base, skipInvalid })` resolves to that path.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CoresweepError, isInputError, machineIdentity } from '@coresweep/core';
import { readResultDirectory } from '../src/lib/read-results.mjs';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(appRoot, '..', '..');

export const RESULTS_DIR_ENV = 'CORESWEEP_RESULTS_DIR';
export const SKIP_INVALID_ENV = 'CORESWEEP_SKIP_INVALID';

/** "/", "/x/", "/x/y/" from "", "x", "/x", "x/y/"; rejects anything that is not a plain path. */
export function normaliseBase(base) {
  const trimmed = String(base ?? '/').trim();
  if (/[?#\\\s]|:\/\//.test(trimmed))
    throw new CoresweepError('E_USAGE', `--base: expected a path like /sub/path/, got ${JSON.stringify(base)}`);
  const parts = trimmed.split('/').filter(Boolean);
  if (parts.some((p) => p === '.' || p === '..'))
    throw new CoresweepError('E_USAGE', `--base: must not contain . or .. segments`);
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

const inside = (child, parent) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

/**
 * Astro empties the output directory before building: refuse directories whose loss would hurt (the repository,
 * the app, the results) and non-empty directories that do not look like an earlier report.
 */
function assertSafeOutDir(out, results) {
  for (const precious of [repoRoot, appRoot, results]) {
    if (inside(precious, out))
      throw new CoresweepError('E_USAGE', `--out: refusing to build into ${out}: it contains ${precious}`);
  }
  if (inside(out, results))
    throw new CoresweepError('E_USAGE', `--out: refusing to build into ${out}: it is inside the results directory`);
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new CoresweepError('E_USAGE', `--out: ${out} is not a directory`);
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes('index.html')) {
      throw new CoresweepError(
        'E_USAGE',
        `--out: ${out} is not empty and holds no earlier report; choose an empty directory`,
      );
    }
  }
}

/**
 * What the merge took and what it refused, one line per file, each naming it: merged files on `log` with their
 * run and machine, refused ones on `warn` with the reason (an invalid file, or a second copy of a run).
 * @param {import('../src/lib/read-results.d.mts').ResultDirectory} directory
 * @param {(line: string) => void} log
 * @param {(line: string) => void} warn
 */
export function reportMerge(directory, log, warn) {
  const machines = new Set(directory.files.map((f) => machineIdentity(f.data.machine).id));
  const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  log(`merged ${count(directory.files.length, 'result file')} from ${count(machines.size, 'machine')}`);
  for (const file of directory.files) {
    const machine = machineIdentity(file.data.machine);
    log(`  ${file.name}: run ${file.data.id} on ${machine.label} (${machine.id})`);
  }
  for (const skipped of directory.skipped) warn(`warning: skipping ${skipped.message}`);
  if (directory.skipped.length > 0) log(`refused ${count(directory.skipped.length, 'file')} (named above)`);
}

/**
 * @param {{ results?: string, out?: string, base?: string, skipInvalid?: boolean, log?: (line: string) => void,
 *   warn?: (line: string) => void }} [options]
 * @returns {Promise<string>} absolute path of the built index.html
 */
export async function buildReport(options = {}) {
  const results = resolve(options.results ?? join(repoRoot, 'results'));
  const out = resolve(options.out ?? join(repoRoot, 'report-site'));
  const base = normaliseBase(options.base ?? '/');
  const warn = options.warn ?? ((line) => console.warn(line));
  const log = options.log ?? ((line) => console.log(line));

  // Validate every file before Astro starts, so a bad file is one clear line rather than a build stack trace.
  const directory = readResultDirectory(results, { skipInvalid: options.skipInvalid ?? false });
  reportMerge(directory, log, warn);
  if (directory.files.length === 0)
    warn(`warning: ${relative(process.cwd(), results) || '.'}: no valid result files; the report will be empty`);
  assertSafeOutDir(out, results);
  process.env[RESULTS_DIR_ENV] = results;
  process.env[SKIP_INVALID_ENV] = options.skipInvalid ? '1' : '0';
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // Astro lets process.env override import.meta.env at build time: a BASE_URL inherited from the environment (test
  // runners set one) would silently replace --base in every link. The build alone decides these.
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'SITE', 'ASSETS_PREFIX']) delete process.env[key];
  // Astro writes its intermediate server chunks to <cwd>/.astro/ when the output directory lies outside the working
  // directory, then copies that whole directory into the output. Building from a private scratch directory inside
  // the app keeps those chunks resolvable (they import the app's dependencies), keeps Astro's own .astro/ files out
  // of the site, and lets two builds run at once. The Vite cache is private to the build for the same reason.
  const scratch = mkdtempSync(join(appRoot, '.build-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'coresweep-report-cache-'));
  const cwd = process.cwd();
  process.chdir(scratch);
  try {
    const { build } = await import('astro');
    await build({
      root: appRoot,
      outDir: out,
      base,
      cacheDir,
      logLevel: process.env.CORESWEEP_REPORT_LOG_LEVEL ?? 'warn',
      mode: 'production',
      vite: { logLevel: 'warn', clearScreen: false },
    });
  } finally {
    process.chdir(cwd);
    rmSync(scratch, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const index = join(out, 'index.html');
  if (!existsSync(index)) throw new Error(`the build finished without ${index}`);
  return index;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        results: { type: 'string' },
        out: { type: 'string' },
        base: { type: 'string' },
        'skip-invalid': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`build-report: ${error.message}`);
    return 2;
  }
  if (values.help) {
    console.log('usage: build-report [--results DIR] [--out DIR] [--base /sub/path/] [--skip-invalid]');
    return 0;
  }
  try {
    const index = await buildReport({
      results: values.results,
      out: values.out,
      base: values.base,
      skipInvalid: values['skip-invalid'] ?? false,
    });
    console.log(index);
    return 0;
  } catch (error) {
    if (isInputError(error)) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    console.error(error);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
