import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import { expect } from 'vitest';
import { readJournal } from '../src/journal.js';
import type { RunOptions } from '../src/run-options.js';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the built CLI like a user would; never rejects, so tests can assert on exit codes. */
export function cli(args: string[], options: { cwd?: string; timeout?: number; env?: Record<string, string> } = {}) {
  return execaNode(CLI, args, {
    reject: false,
    cwd: options.cwd ?? ROOT,
    timeout: options.timeout ?? 120_000,
    all: true,
    ...(options.env ? { env: options.env } : {}),
  });
}

/** `coresweep run` options by their flag names; a list repeats its option, `true` is a bare switch. */
export type RunFlags = { [name in keyof RunOptions]?: string | number | true | readonly string[] };

/**
 * The arguments of `coresweep run` with `flags`, in the order given: `{ sizes: 100000, strategy: [a, b] }` is
 * `run --sizes 100000 --strategy a --strategy b`. A test names its matrix instead of spelling out a column of argv.
 */
export function runArgs(flags: RunFlags): string[] {
  return [
    'run',
    ...Object.entries(flags).flatMap(([name, value]) =>
      value === true ? [`--${name}`] : [value].flat().flatMap((item) => [`--${name}`, String(item)]),
    ),
  ];
}

/** Measurement settings for a run whose timings the test does not read: two timed runs, one warm-up, 5 ms. */
export const FAST = { iterations: 2, warmup: 1, 'time-budget': 5 } as const;

/** Repetitions in the journal of result file `out` so far (its first line is the run record, not a repetition). */
export function journaledRepetitions(out: string): number {
  return readJournal(out)?.entries.length ?? 0;
}

/** Bad input as the CLI must report it: exit code 2, nothing on stdout, one line on stderr that matches `message`. */
export function expectOneLineError(
  result: { exitCode?: number; stdout: string; stderr: string },
  message: RegExp,
): void {
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
}
