/**
 * Adapters from Node's threads and processes to the pool's WorkerLink, so a strategy's spawn() is one line. Each
 * keeps the last 'error' event for the exit reason: without a listener an 'error' (a thread's uncaught throw, a
 * failed spawn, a send after exit) would crash the primary, and the exit that follows is what the pool reports.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import { NO_TRANSPORT, type Transport } from '@coresweep/core/define';
import type { WorkerLink } from './pool.js';

/** A worker_threads Worker: no pid (it lives in this process), stopped with terminate(). */
export function threadLink(worker: Worker): WorkerLink {
  let lastError: Error | undefined;
  worker.on('error', (error) => {
    lastError = error;
  });
  return {
    pid: undefined,
    send: (message, transfer) => worker.postMessage(message, transfer as ArrayBuffer[] | undefined),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) =>
      worker.once('exit', (code) => listener(`exit code ${code}${lastError ? `: ${lastError.message}` : ''}`)),
    kill: () => void worker.terminate(),
  };
}

/**
 * A child process with an IPC channel (child_process.fork, or a cluster worker's `worker.process`), stopped with
 * SIGKILL: a busy process cannot run a graceful handler before its current part ends, and close() must not wait.
 */
export function processLink(child: ChildProcess): WorkerLink {
  let lastError: Error | undefined;
  child.on('error', (error) => {
    lastError = error;
  });
  return {
    pid: child.pid,
    send: (message) => {
      child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) =>
      child.once('exit', (code, signal) =>
        listener(`${signal ? `signal ${signal}` : `exit code ${code}`}${lastError ? `: ${lastError.message}` : ''}`),
      ),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The IPC serialisation of a process transport: 'json' for `json`, 'advanced' (structured clone) otherwise. */
export function ipcSerialization(transport: Transport): 'json' | 'advanced' {
  return transport === 'json' ? 'json' : 'advanced';
}

/**
 * Forks the compiled module at `modulePath` (a file path) as a pool process. IPC serialisation by transport: by
 * default 'advanced', so part results cross by structured clone, like postMessage, not squeezed through JSON; 'json'
 * for the `json` transport. No execArgv: no loader or test-runner flags inherited from the parent, so the child runs
 * compiled JavaScript only.
 */
export function forkLink(modulePath: string, args: readonly string[], transport: Transport = NO_TRANSPORT): WorkerLink {
  return processLink(
    fork(modulePath, args, {
      serialization: ipcSerialization(transport),
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}
