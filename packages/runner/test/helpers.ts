import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import { expect } from 'vitest';
import { readJournal } from '../src/journal.js';

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
