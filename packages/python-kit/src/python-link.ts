/**
 * The Python server as one worker of the strategy kit's pool: a process started with execa in a process group of its
 * own, spoken to with JSON lines over stdin and stdout (its stderr is the cell's, so tracebacks land in the cell's
 * output).
 *
 * Stopping it ends its stdin: the server then kills and reaps its pool processes and exits at once, mid-part or not.
 * Should it not be gone after a grace period, or should it exit by itself (leaving pool processes without their
 * coordinator), the whole group is killed with SIGKILL. A Node process that dies, however, closes the pipe too, so
 * the server and its pool never outlive the process that started them.
 */
import { createInterface } from 'node:readline';
import type { WorkerHandle } from '@coresweep/strategy-kit';
import { execa } from 'execa';
import type { JobRequest, PythonMessage } from './protocol.js';

/** How long a server may take to exit after its stdin ends before its group is killed. */
const EXIT_GRACE_MS = 3000;

export type PoolMode = 'threads' | 'processes';

export interface PythonLink extends WorkerHandle {
  /** Sends one job. */
  send(request: JobRequest): void;
  /** The pool's worker processes, once the server reported them ready (none for threads). */
  readonly workerPids: readonly number[];
  /** The interpreter's version, once ready. */
  readonly python: string | undefined;
}

export interface ServerCommand {
  /** The interpreter command (`python3`, or CORESWEEP_PYTHON). */
  python: string;
  /** Absolute path of python/server.py. */
  server: string;
  mode: PoolMode;
  workers: number;
  /** Absolute path of the twin module. */
  twin: string;
}

/** SIGKILL to every process of the server's group; nothing to do when it is already empty. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already.
  }
}

/** Starts the server (-I: no user site or PYTHON* variables; -B: no bytecode written into the package). */
export function pythonLink(command: ServerCommand): PythonLink {
  const child = execa(
    command.python,
    ['-I', '-B', command.server, command.mode, String(command.workers), command.twin],
    { stdin: 'pipe', stdout: 'pipe', stderr: 'inherit', detached: true, buffer: false, reject: false },
  );
  const listeners: Array<(message: unknown) => void> = [];
  let workerPids: number[] = [];
  let python: string | undefined;
  let exited = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const exitListeners: Array<(reason: string) => void> = [];
  let lastError: Error | undefined;

  const reportExit = (reason: string) => {
    if (exited) return;
    exited = true;
    clearTimeout(graceTimer);
    // Pool processes of a server that died on its own would have no coordinator left: end them too.
    killGroup(child.pid);
    for (const listener of exitListeners) listener(reason);
  };
  child.on('error', (error) => {
    lastError = error;
    // A process that never started (ENOENT) emits no 'exit'.
    if (child.pid === undefined) reportExit(error.message);
  });
  child.on('exit', (code, signal) =>
    reportExit(`${signal ? `signal ${signal}` : `exit code ${code}`}${lastError ? `: ${lastError.message}` : ''}`),
  );
  // A write after the server is gone fails with EPIPE; its exit is what gets reported.
  child.stdin?.on('error', () => {});
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.trim() === '') return;
      let message: PythonMessage;
      try {
        message = JSON.parse(line) as PythonMessage;
      } catch {
        lastError = new Error(`unreadable line from the Python server: ${line.slice(0, 200)}`);
        killGroup(child.pid);
        return;
      }
      if (message.type === 'ready') {
        workerPids = message.pids;
        python = message.python;
      }
      for (const listener of listeners) listener(message);
    });
  }

  return {
    pid: child.pid,
    get workerPids() {
      return workerPids;
    },
    get python() {
      return python;
    },
    send(request) {
      child.stdin?.write(`${JSON.stringify(request)}\n`);
    },
    onMessage: (listener) => listeners.push(listener),
    onExit: (listener) => exitListeners.push(listener),
    kill() {
      if (exited || graceTimer) return;
      child.stdin?.end();
      graceTimer = setTimeout(() => killGroup(child.pid), EXIT_GRACE_MS);
    },
  };
}
