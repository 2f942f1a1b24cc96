/**
 * One repetition of one cell, inside its own fresh Node process: start the strategy, time the cold first run,
 * then let tinybench time warm runs after warm-up, while accounting CPU and memory of every owned process.
 */

import {
  type DataMoved,
  type Executor,
  importDefault,
  type PartRange,
  partition,
  payloadBytes,
  type Strategy,
  type Workload,
} from '@coresweep/core/define';
import { Bench } from 'tinybench';
import { isAlive } from './proc-stats.js';
import { type ProcessProbe, processProbe } from './process-usage.js';
import type { CellJob, CellOutcome, ReferenceJob, ReferenceOutcome } from './protocol.js';

function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

function ownCpuMs(): number {
  const usage = process.cpuUsage(); // the whole process: main thread plus every worker thread
  return (usage.user + usage.system) / 1000;
}

/**
 * CPU of this process and every process the executor owns; null when the owned ones cannot be read here. Reading
 * them may start a process (`ps` on macOS), whose cost to this process must stay outside the timed interval: this
 * process's own CPU is read after that at the start of the interval (`ownLast`) and before it at the end.
 */
async function totalCpuMs(executor: Executor, probe: ProcessProbe, ownLast: boolean): Promise<number | null> {
  const ownBefore = ownLast ? 0 : ownCpuMs();
  const owned = await probe.read(executor.pids?.() ?? []);
  if (owned === null) return null;
  return (ownLast ? ownCpuMs() : ownBefore) + owned.cpuMs;
}

/** This process's peak RSS (exact on every platform) plus the owned processes' memory as the probe reads it. */
async function peakRss(executor: Executor, probe: ProcessProbe): Promise<number | null> {
  const owned = await probe.read(executor.pids?.() ?? []);
  return owned === null ? null : process.resourceUsage().maxRSS * 1024 + owned.rssBytes;
}

/**
 * Each part's piece of the workload's input, generated from the size and seed (never timed): undefined for a
 * workload without data. The pieces are the workload's slices (views), so generating them copies nothing.
 */
export function partInputs(workload: Workload, size: number, seed: number, parts: readonly PartRange[]) {
  if (typeof workload.input !== 'function') return undefined;
  const input = workload.input(size, seed);
  return parts.map(([start, end]) => (workload.slice ? workload.slice(input, start, end, size) : input));
}

export async function measureReference(job: ReferenceJob): Promise<ReferenceOutcome> {
  const workload = await importDefault<Workload>(job.workloadUrl);
  const whole: PartRange = [0, job.size];
  const [input] = partInputs(workload, job.size, job.seed, [whole]) ?? [undefined];
  const started = performance.now();
  const result = workload.combine([workload.run(0, job.size, job.size, input)], job.size);
  const runMs = performance.now() - started;
  const inputBytes = input === undefined ? null : payloadBytes(input);
  return { kind: 'reference', checksum: workload.checksum(result), error: null, runMs, inputBytes };
}

interface WarmRuns {
  /** Timed runs in execution order (ms). */
  samples: number[];
  /** The last run's combined result, for the warm checksum. */
  last: unknown;
  /** CPU and wall time over the timed runs; null when CPU time could not be read. */
  cpuMs: number | null;
  wallMs: number | null;
  /** Data moved per timed run; null when the executor does not report it. */
  moved: DataMoved | null;
  /** When the first timed run started and the last one ended, on the process's clock. */
  timedFrom: number;
  timedTo: number;
}

/** One job: the executor's run and the workload's combine, both timed, as a user's job would be. */
type TimedJob = () => Promise<unknown>;

/**
 * tinybench drives warm-up (at least `warmupIterations` runs and half the time budget) and the timed phase (at
 * least `minIterations` runs and the time budget). Our own clock readings keep the samples in execution order
 * (tinybench keeps them sorted), which is what drift and slow-start checks need.
 */
async function timeWarmRuns(
  executor: Executor,
  job: CellJob,
  doJob: TimedJob,
  first: unknown,
  probe: ProcessProbe,
): Promise<WarmRuns> {
  const runs: WarmRuns = { samples: [], last: first, cpuMs: null, wallMs: null, moved: null, timedFrom: 0, timedTo: 0 };
  let timing = false;
  // CPU and data moved are read just before the first timed iteration and after the last, so utilisation and bytes
  // moved describe warm runs only.
  let cpuBefore: number | null = null;
  let movedBefore: DataMoved | undefined;
  let wallBefore = 0;
  const bench = new Bench({
    iterations: job.minIterations,
    time: job.timeBudgetMs,
    warmup: job.warmupIterations > 0,
    warmupIterations: job.warmupIterations,
    // Warm-up lasts at least half the time budget as well: small jobs need many calls before V8 optimises them.
    warmupTime: job.warmupIterations > 0 ? job.timeBudgetMs / 2 : 0,
    throws: true,
  });
  const run = async () => {
    if (timing && runs.samples.length === 0) {
      runs.timedFrom = performance.now();
      cpuBefore = await totalCpuMs(executor, probe, true);
      movedBefore = executor.moved?.();
      wallBefore = performance.now();
    }
    const started = performance.now();
    runs.last = await doJob();
    if (timing) runs.samples.push(performance.now() - started);
  };
  bench.add('run', run, {
    beforeAll(mode) {
      timing = mode === 'run';
    },
  });
  await bench.run();
  const wallAfter = performance.now();
  runs.timedTo = wallAfter;
  const cpuAfter = await totalCpuMs(executor, probe, false);
  const movedAfter = executor.moved?.();
  if (movedBefore && movedAfter && runs.samples.length > 0) {
    const count = runs.samples.length;
    runs.moved = {
      bytes: (movedAfter.bytes - movedBefore.bytes) / count,
      ms: (movedAfter.ms - movedBefore.ms) / count,
    };
  }
  if (cpuBefore !== null && cpuAfter !== null) {
    runs.wallMs = wallAfter - wallBefore;
    runs.cpuMs = cpuAfter - cpuBefore;
  }
  return runs;
}

/** What a cell process reports before anything ran: no measurement, no error. */
function emptyOutcome(): CellOutcome {
  return {
    kind: 'cell',
    error: null,
    checksum: null,
    warmChecksum: null,
    samples: [],
    startMs: null,
    coldMs: null,
    cpuMs: null,
    wallMs: null,
    utilisation: null,
    peakRssBytes: null,
    bytesMoved: null,
    movementMs: null,
    leftoverPids: [],
    phases: null,
  };
}

/** One repetition; `probe` reads the owned processes (the platform's own by default, a fake in the tests). */
export async function measureCell(job: CellJob, probe: ProcessProbe = processProbe()): Promise<CellOutcome> {
  const outcome = emptyOutcome();
  const [strategy, workload] = await Promise.all([
    importDefault<Strategy>(job.strategyUrl),
    importDefault<Workload>(job.workloadUrl),
  ]);
  const parts = partition(job.size, job.parts);
  const inputs = partInputs(workload, job.size, job.seed, parts);
  const controller = new AbortController();
  let executor: Executor | null = null;
  let ownedPids: number[] = [];
  let cold = 0;
  let warm: WarmRuns | null = null;
  const t0 = performance.now();
  try {
    executor = await strategy.start({
      workers: job.workers,
      workload: job.workloadUrl,
      signal: controller.signal,
      transport: job.transport,
    });
    outcome.startMs = performance.now() - t0;
    const running = executor;
    const doJob: TimedJob = async () => workload.combine(await running.run(job.size, parts, inputs), job.size);
    const first = await doJob();
    cold = performance.now();
    outcome.coldMs = cold - t0;
    outcome.checksum = workload.checksum(first);
    ownedPids = executor.pids?.() ?? [];
    warm = await timeWarmRuns(executor, job, doJob, first, probe);
    outcome.samples = warm.samples;
    if (warm.cpuMs !== null && warm.wallMs !== null) {
      outcome.wallMs = warm.wallMs;
      outcome.cpuMs = warm.cpuMs;
      outcome.utilisation = warm.cpuMs / (warm.wallMs * Math.min(job.workers, job.usableCores));
    }
    outcome.peakRssBytes = await peakRss(executor, probe);
    outcome.bytesMoved = warm.moved?.bytes ?? null;
    outcome.movementMs = warm.moved?.ms ?? null;
    outcome.warmChecksum = workload.checksum(warm.last);
  } catch (error) {
    outcome.error = errorText(error);
  } finally {
    if (executor) {
      controller.abort();
      try {
        await executor.close();
      } catch (error) {
        outcome.error = `close() failed: ${errorText(error)}`;
      }
      ownedPids = [...new Set([...ownedPids, ...(executor.pids?.() ?? [])])];
      outcome.leftoverPids = ownedPids.filter(isAlive);
    }
  }
  if (warm && warm.samples.length > 0) {
    // performance.now() counts from the process's time origin: t0 is how long Node took to get to start().
    const end = performance.now();
    outcome.phases = {
      loadMs: t0,
      warmupMs: warm.timedFrom - cold,
      timedMs: warm.timedTo - warm.timedFrom,
      closeMs: end - warm.timedTo,
      endMs: end,
    };
  }
  return outcome;
}
