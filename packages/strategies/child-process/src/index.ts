/**
 * child-process: a persistent pool of `workers` processes started with child_process.fork, talking over IPC with
 * 'advanced' (structured clone) serialisation; see README.md for why. Each process imports the workload once;
 * parts are handed out dynamically by the strategy kit's pool.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineStrategy } from '@coresweep/core';
import { startPool, type WorkerLink } from '@coresweep/strategy-kit';

/** Compiled child entry, next to this module in dist (never a TypeScript loader: only compiled JS is measured). */
const CHILD_ENTRY = fileURLToPath(new URL('./child.js', import.meta.url));

function spawnChild(_index: number, workloadUrl: string): WorkerLink {
  const child = fork(CHILD_ENTRY, [workloadUrl], {
    serialization: 'advanced',
    // Plain node: no loader or test-runner flags inherited from the parent, so the child runs compiled JS only.
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Without a listener an 'error' (failed spawn, send after exit) would crash the primary; 'exit' reports it.
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
      // SIGKILL: a busy child cannot run a graceful handler before its current part ends, and close() must not wait.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export default defineStrategy({
  id: 'child-process',
  title: 'child_process.fork pool',
  description:
    'A persistent pool of forked Node processes over IPC, started once and reused by every run; ' +
    'parts are handed out dynamically.',
  parallelism: 'processes',
  start: (ctx) => startPool(ctx, { name: 'child-process', spawn: spawnChild }),
});
