/**
 * The workloads that have a CPython twin (a module under python/twins/ computing the same part result as the
 * JavaScript workload), and the largest size each runs at by default. CPython takes tens of times longer than the
 * JavaScript kernels per unit; the runner's timeouts and its forecast are based on the JavaScript serial time, and a
 * full preset would spend hours in Python at its largest sizes. So the Python strategies decline sizes above the cap
 * (a skipped cell, with the reason) unless CORESWEEP_PYTHON_MAX_SIZE raises it.
 */
import { fileURLToPath } from 'node:url';
import { formatSize, type StrategyTarget } from '@coresweep/core/define';
import { probePython } from './interpreter.js';

export interface Twin {
  /** The twin's file under python/twins/. */
  file: string;
  /** The largest size run by default: about a second per run of one CPython thread. */
  maxSize: number;
}

export const TWINS: Readonly<Record<string, Twin>> = {
  'do-math': { file: 'do_math.py', maxSize: 10_000_000 },
  primes: { file: 'primes.py', maxSize: 1_000_000 },
};

/** The twin file of a workload id, or undefined when it has none. */
export function twinPath(workloadId: string): string | undefined {
  const twin = TWINS[workloadId];
  return twin ? fileURLToPath(new URL(`../python/twins/${twin.file}`, import.meta.url)) : undefined;
}

/** The size cap: CORESWEEP_PYTHON_MAX_SIZE when set, else the twin's own; a reason when the variable is bad. */
function maxSize(twin: Twin): number | string {
  const text = process.env.CORESWEEP_PYTHON_MAX_SIZE?.trim();
  if (!text) return twin.maxSize;
  const value = Number(text);
  return Number.isSafeInteger(value) && value > 0
    ? value
    : `CORESWEEP_PYTHON_MAX_SIZE must be a positive integer, not ${JSON.stringify(text)}`;
}

/**
 * Why a Python strategy cannot run a cell (`Strategy.unsupported`), or null: it needs an interpreter on the machine, a
 * twin of the workload and a size CPython finishes in reasonable time. The interpreter comes first: without it, that
 * is the one reason that matters.
 */
export function pythonUnsupported(target: Pick<StrategyTarget, 'workload' | 'size'>): string | null {
  const interpreter = probePython();
  if ('problem' in interpreter) return interpreter.problem;
  const twin = TWINS[target.workload];
  if (!twin) {
    return `no CPython twin of ${target.workload} (the Python strategies run ${Object.keys(TWINS).join(' and ')})`;
  }
  const cap = maxSize(twin);
  if (typeof cap === 'string') return cap;
  if (target.size > cap) {
    return (
      `${target.workload} at ${formatSize(target.size)} units is above ${formatSize(cap)}, where one CPython run ` +
      `takes over a second (set CORESWEEP_PYTHON_MAX_SIZE to run it, with a --timeout to match)`
    );
  }
  return null;
}
