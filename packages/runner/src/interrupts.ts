/**
 * The signals that stop a run cleanly — Ctrl-C (SIGINT), SIGTERM, and SIGHUP (the terminal or SSH session closed) —
 * and the exit status of a run stopped by each: 128 + the signal's number, what a shell reports for a process the
 * signal killed, so scripts see the same status whether or not the runner had time to save its file.
 */
import { constants } from 'node:os';

export const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type InterruptSignal = (typeof INTERRUPT_SIGNALS)[number];

export function interruptExitCode(signal: InterruptSignal): number {
  return 128 + constants.signals[signal];
}

/** Calls `handler` for each interrupt signal until the returned function removes it. */
export function onInterrupt(handler: (signal: InterruptSignal) => void): () => void {
  for (const signal of INTERRUPT_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of INTERRUPT_SIGNALS) process.off(signal, handler);
  };
}
