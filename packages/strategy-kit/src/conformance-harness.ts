/**
 * What every group of the conformance suite's checks shares: the strategy under test loaded once, its workloads,
 * executors that are always closed after a test (a hang fails the hook instead of stalling the suite), and the
 * helpers that pick a job the strategy runs and check that close() leaves nothing alive.
 */
import {
  type Executor,
  importDefault,
  type RuntimeInfo,
  type Strategy,
  type Transport,
  type Workload,
} from '@coresweep/core/define';
import { builtinWorkloadUrls } from '@coresweep/workloads';
import { afterEach, beforeAll, expect, type TestContext } from 'vitest';
import { isProcessAlive } from './probes.js';

export interface ConformanceOptions {
  /** Suite title; defaults to the strategy's id. */
  name?: string;
  /** Worker counts the correctness checks run at. Default [1, 2, 3]. */
  workers?: number[];
  /** Workload modules (absolute file: URLs) the correctness checks run on, with a small size each. Default do-math and primes. */
  workloads?: Array<{ url: string; size: number }>;
  /** Per-test timeout in ms. Default 60 000 (process-spawning tests on two shared cores need room). */
  timeoutMs?: number;
}

/** How long a run() or close() that should settle at once may take before the suite calls it a hang. */
export const HANG_MS = 20_000;

/** Resolves with `promise`'s value, or with 'hung' if it has not settled after `ms`. */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The runtime the suite runs on, as a strategy's `unsupported()` sees it: vitest runs on Node. */
const TEST_RUNTIME: RuntimeInfo = { name: 'node', version: process.versions.node, engine: `V8 ${process.versions.v8}` };

/** Small sizes of the built-in workloads: enough parts to exercise dispatch, quick on two cores. */
const DEFAULT_SIZES: Record<string, number> = { 'do-math': 3_000_000, primes: 300_000 };

/** What every group of checks shares: the strategy under test, its workloads, and executors that always get closed. */
export interface Harness {
  readonly strategyModuleUrl: string;
  /** The strategy module's default export (loaded in beforeAll, so read it inside a test). */
  readonly strategy: Strategy;
  readonly workloads: Map<string, Workload>;
  readonly workerCounts: number[];
  readonly timeout: number;
  /** Starts an executor that is closed after the test whatever happens. */
  start(workload: string, workers: number, signal?: AbortSignal, transport?: Transport): Promise<Executor>;
  /** The workloads and sizes of the correctness checks. */
  targets(): Array<{ url: string; size: number }>;
  /** Why the strategy declines a workload at a size (its `unsupported()`), or null when it runs it. */
  declines(url: string, size: number): Promise<string | null>;
  /** The correctness targets the strategy does not decline. */
  supportedTargets(): Promise<Array<{ url: string; size: number }>>;
  /** `preferred` units of the first target the strategy runs at that size, else a target at its own size. */
  busyJob(preferred: number): Promise<{ url: string; size: number } | undefined>;
  /**
   * An executor of `workers` started on busyJob(preferred), with that job; the test is skipped when the strategy
   * runs none of the targets.
   */
  startBusy(
    ctx: TestContext,
    preferred: number,
    workers: number,
    signal?: AbortSignal,
  ): Promise<{ executor: Executor; url: string; size: number }>;
  /** close() must resolve (within HANG_MS, so a hang reads as such rather than as a test timeout). */
  expectClosed(executor: Executor): Promise<void>;
  /** Every pid the executor reported must be gone (reaped) once close() resolved. */
  closeAndExpectNoneAlive(executor: Executor, pids: number[]): Promise<void>;
}

/**
 * Closes the executors a test left open, so one failure never leaves processes behind for the next. A close() that
 * hangs fails the hook after HANG_MS instead of stalling every later test; the pids the executors reported are then
 * killed so that even a broken strategy leaves nothing running.
 */
async function closeAll(open: Set<Executor>): Promise<void> {
  const executors = [...open];
  open.clear();
  const pids = executors.flatMap((executor) => executor.pids?.() ?? []);
  const closed = await withDeadline(
    Promise.allSettled(executors.map((executor) => executor.close())).then(() => 'closed'),
    HANG_MS,
  );
  for (const pid of pids.filter(isProcessAlive)) process.kill(pid, 'SIGKILL');
  expect(closed, 'close() did not resolve').toBe('closed');
}

/** close() must resolve, within HANG_MS (so that a hang reads as such rather than as a test timeout). */
async function expectClosed(executor: Executor): Promise<void> {
  const closed = await withDeadline(
    executor.close().then(() => 'closed'),
    HANG_MS,
  );
  expect(closed, 'close() did not resolve').toBe('closed');
}

/** Registers the suite's hooks (load the strategy and workloads; close what a test left open) and its helpers. */
export function harness(strategyModuleUrl: string, options: ConformanceOptions): Harness {
  let strategy: Strategy | undefined;
  const workloads = new Map<string, Workload>();
  const open = new Set<Executor>();

  beforeAll(async () => {
    strategy = await importDefault<Strategy>(strategyModuleUrl);
    expect(typeof strategy?.start).toBe('function');
    for (const url of [...builtinWorkloadUrls, ...(options.workloads ?? []).map((w) => w.url)]) {
      workloads.set(url, await importDefault<Workload>(url));
    }
  });

  afterEach(() => closeAll(open));

  function targets() {
    if (options.workloads) return options.workloads;
    return builtinWorkloadUrls.map((url) => {
      const id = workloads.get(url)?.id ?? '';
      return { url, size: DEFAULT_SIZES[id] ?? 100_000 };
    });
  }

  async function declines(url: string, size: number): Promise<string | null> {
    const s = strategy as Strategy;
    if (!s.unsupported) return null;
    const workload = workloads.get(url)?.id ?? (await importDefault<Workload>(url)).id;
    return s.unsupported({ workload, size, runtime: TEST_RUNTIME }) ?? null;
  }

  async function start(
    workload: string,
    workers: number,
    signal = new AbortController().signal,
    transport: Transport | undefined = undefined,
  ): Promise<Executor> {
    const executor = await (strategy as Strategy).start({
      workload,
      workers,
      signal,
      ...(transport ? { transport } : {}),
    });
    open.add(executor);
    return executor;
  }

  async function busyJob(preferred: number) {
    for (const target of targets()) {
      if ((await declines(target.url, preferred)) === null) return { url: target.url, size: preferred };
      if ((await declines(target.url, target.size)) === null) return target;
    }
    return undefined;
  }

  return {
    strategyModuleUrl,
    get strategy() {
      return strategy as Strategy;
    },
    workloads,
    workerCounts: options.workers ?? [1, 2, 3],
    timeout: options.timeoutMs ?? 60_000,
    start,
    targets,
    declines,
    async supportedTargets() {
      const answers = await Promise.all(targets().map((t) => declines(t.url, t.size)));
      return targets().filter((_, i) => answers[i] === null);
    },
    busyJob,
    async startBusy(ctx, preferred, workers, signal) {
      const job = await busyJob(preferred);
      if (!job) return ctx.skip();
      return { ...job, executor: await start(job.url, workers, signal) };
    },
    expectClosed,
    async closeAndExpectNoneAlive(executor, pids) {
      await expectClosed(executor);
      for (const pid of pids) expect(isProcessAlive(pid), `pid ${pid} still alive after close()`).toBe(false);
      if (executor.pids) expect(executor.pids().filter(isProcessAlive)).toEqual([]);
    },
  };
}
