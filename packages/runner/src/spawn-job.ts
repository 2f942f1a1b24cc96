/**
 * Runs one job in a fresh process of its runtime (execa), in its own process group so that a timeout or an interrupt
 * can kill the whole tree the job created — threads, forked children, cluster workers — with one signal (on Windows,
 * which has no process groups, by walking the tree: kill-tree.ts). The channel is Node's IPC with JSON serialization:
 * the one Bun and Deno speak with a Node parent too.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { fatalLine } from './fatal-line.js';
import { killTree } from './kill-tree.js';
import type { Job, Outcome } from './protocol.js';
import { type Launch, runningNodeLaunch } from './runtimes/launch.js';

const CELL_MAIN = fileURLToPath(new URL('./cell-main.js', import.meta.url));

export type JobResult =
  | { kind: 'outcome'; outcome: Outcome; durationMs: number }
  | { kind: 'timeout'; error: string; durationMs: number }
  | { kind: 'crashed'; error: string; durationMs: number }
  | { kind: 'interrupted'; durationMs: number };

/** The live process groups of running jobs, so an interrupt handler can kill them all. */
export const liveGroups = new Set<number>();

/** Keeps the last `limit` characters of a stream as it flows, so a chatty cell is neither blocked nor killed for it. */
function keepTail(stream: NodeJS.ReadableStream | null | undefined, limit = 64 * 1024): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = text.length + chunk.length > 2 * limit ? (text + chunk).slice(-limit) : text + chunk;
  });
  return () => text.slice(-limit);
}

/**
 * The error text of a dead cell: its last lines of output, led by the runtime's fatal line (heap exhausted, a failed
 * native assertion, …) when there is one, since that is the cause and a native stack trace printed after it would
 * push it out of the tail.
 */
export function crashText(how: string, output: string, lines = 12): string {
  const fatal = fatalLine(output);
  const tail = output.trim().split('\n').slice(-lines).join('\n');
  return `cell process ${how}${fatal ? `: ${fatal}` : ''}${tail ? `\n${tail}` : ''}`;
}

/**
 * A failed outcome keeps its own error and gains the runtime's fatal line when the cell's output has one: a forked
 * child that aborted natively printed it into the stderr it inherited from the cell, while the strategy only saw an
 * exit by SIGABRT.
 */
export function withFatalLine<T extends Outcome>(outcome: T, output: string): T {
  const fatal = outcome.error ? fatalLine(output) : undefined;
  if (!fatal || outcome.error?.includes(fatal)) return outcome;
  return { ...outcome, error: `${outcome.error}\nthe cell's output names a fatal runtime error: ${fatal}` };
}

export interface SpawnOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** The runtime to start the job with [the running Node]. */
  launch?: Launch;
}

export async function spawnJob(job: Job, options: SpawnOptions): Promise<JobResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const launch = options.launch ?? runningNodeLaunch();
  // Measured code must run as compiled JavaScript, without loaders or inspectors inherited from our parent: only the
  // runtime's own arguments (Deno's `run -A`) come before the script.
  const child = execa(launch.command, [...launch.args, CELL_MAIN, JSON.stringify(job)], {
    ipc: true,
    serialization: 'json',
    detached: true, // own process group: a terminal's Ctrl-C reaches only the runner, which then decides
    cleanup: true,
    reject: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    all: true,
    // Not buffered by execa: it would stop at maxBuffer and terminate the cell. keepTail reads the output instead.
    buffer: false,
  });
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  const output = keepTail(child.all);
  // The cell process is gone (even by a crash): kill what it left in its group at once. Helpers that inherited its
  // stdout and stderr would otherwise hold the pipes open, and execa would wait for them until the timeout.
  child.on('exit', () => killTree(pid));
  let timedOut = false;
  let interrupted = false;
  // A delay beyond 2^31 - 1 ms does not fit Node's timers, which then fire after 1 ms: clamp it (24.8 days).
  const timer = setTimeout(
    () => {
      timedOut = true;
      killTree(pid);
    },
    Math.min(options.timeoutMs, 2 ** 31 - 1),
  );
  const onAbort = () => {
    interrupted = true;
    killTree(pid);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let outcome: Outcome | undefined;
  child.on('message', (message: unknown) => {
    outcome = message as Outcome;
  });
  try {
    const result = await child;
    // The job is done or dead; whatever it left in its group goes too.
    killTree(pid);
    if (interrupted) return { kind: 'interrupted', durationMs: elapsed() };
    if (timedOut) {
      return {
        kind: 'timeout',
        error: `timed out after ${(options.timeoutMs / 1000).toFixed(1)} s; killed its process group`,
        durationMs: elapsed(),
      };
    }
    if (outcome && result.exitCode === 0) {
      return { kind: 'outcome', outcome: withFatalLine(outcome, output()), durationMs: elapsed() };
    }
    const how = result.signal ? `killed by ${result.signal}` : `exited with code ${result.exitCode}`;
    return { kind: 'crashed', error: crashText(how, output()), durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (pid !== undefined) liveGroups.delete(pid);
  }
}
