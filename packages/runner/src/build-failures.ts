/**
 * Packages whose build failed, as `pnpm coresweep` (scripts/coresweep.mjs) hands them to the CLI. The wrapper builds
 * the workspace with turbo, carrying on past a failed package, and passes the failed ones in CORESWEEP_BUILD_FAILURES:
 * a JSON list of `{ "directory": absolute path, "log": absolute path of its build log, or null }`. Discovery leaves
 * those packages out — whatever an older build left in their dist/ — and says why with the first error of the log.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';

/** Real directory of a package → the first error of its build, one line. */
export type BuildFailures = Map<string, string>;

export const BUILD_FAILURES_VARIABLE = 'CORESWEEP_BUILD_FAILURES';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character starts the colour codes to remove
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Lines the package manager adds around a failing script: the command echo, lifecycle and install warnings. */
const NOISE = /^(> |ELIFECYCLE|WARN|npm (ERR|error)!?)/;

/** The first error line of a build log, and how many more there are; `pnpm build` shows them all. */
export function buildErrorHeadline(log: string): string {
  const lines = log
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !NOISE.test(line));
  const errors = lines.filter((line) => /error/i.test(line));
  const first = errors[0] ?? lines[0];
  if (first === undefined) return 'the build failed (run pnpm build to see why)';
  const more = errors.length > 1 ? ` (+${errors.length - 1} more: run pnpm build to see them)` : '';
  return `${first}${more}`;
}

function realDirectory(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Reads the wrapper's list; anything malformed in it is ignored (the CLI also runs without the wrapper). */
export function buildFailuresFromEnvironment(env: NodeJS.ProcessEnv = process.env): BuildFailures {
  const failures: BuildFailures = new Map();
  const text = env[BUILD_FAILURES_VARIABLE];
  if (!text) return failures;
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return failures;
  }
  if (!Array.isArray(list)) return failures;
  for (const item of list as { directory?: unknown; log?: unknown }[]) {
    if (typeof item?.directory !== 'string') continue;
    const log = typeof item.log === 'string' && existsSync(item.log) ? readFileSync(item.log, 'utf8') : '';
    failures.set(
      realDirectory(item.directory),
      log ? buildErrorHeadline(log) : 'not built: a package it depends on did not build',
    );
  }
  return failures;
}
