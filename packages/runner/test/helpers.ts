import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
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
