/**
 * The built CLI with a chosen environment and working directory (helpers.ts's `cli` takes neither): fault and
 * interrupt tests mark every process a run starts through the environment, and run from a scratch directory so
 * that anything a crash drops in the working directory (a core file, where core dumps are enabled) is cleaned up.
 */
import { execaNode } from 'execa';
import { CLI, ROOT } from './helpers.js';

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeout?: number;
  /** Its own process group, like a shell job in a terminal: the target of a Ctrl-C. */
  detached?: boolean;
}

export function runCli(args: string[], options: CliOptions = {}) {
  return execaNode(CLI, args, {
    reject: false,
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    timeout: options.timeout ?? 120_000,
    detached: options.detached ?? false,
    all: true,
  });
}

/** Asserts nothing; returns the lines of a one-line error so a test can check there is exactly one. */
export function errorLines(stderr: string): string[] {
  return stderr.trim().split('\n');
}

/** A stack trace's frame: must never reach a user for bad input. */
export const STACK_FRAME = /\n\s+at /;
