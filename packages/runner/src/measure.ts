/**
 * One repetition of one cell, inside its own fresh Node process: start the strategy, time the cold first run,
 * then let tinybench time warm runs after warm-up, while accounting CPU and memory of every owned process.
 */

import { type Executor, importDefault, partition, type Strategy, type Workload } from '@coresweep/core';
import { Bench } from 'tinybench';
import { isAlive, processCpuMs, processPeakRssBytes, sumOver } from './proc-stats.js';
import type { CellJob, CellOutcome, ReferenceJob, ReferenceOutcome } from './protocol.js';

function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

function ownCpuMs(): number {
  const usage = process.cpuUsage(); // the whole process: main thread plus every worker thread
  return (usage.user + usage.system) / 1000;
}

function totalCpuMs(executor: Executor): number | null {
  const children = sumOver(executor.pids?.() ?? [], processCpuMs);
  return children === null ? null : ownCpuMs() + children;
}

function peakRss(executor: Executor): number | null {
  const children = sumOver(executor.pids?.() ?? [], processPeakRssBytes);
  return children === null ? null : process.resourceUsage().maxRSS * 1024 + children;
}

export async function measureReference(job: ReferenceJob): Promise<ReferenceOutcome> {
  const workload = await importDefault<Workload>(job.workloadUrl);
  const started = performance.now();
  const result = workload.combine([workload.run(0, job.size, job.size)], job.size);
  const runMs = performance.now() - started;
  return { kind: 'reference', checksum: workload.checksum(result), error: null, runMs };
}

export async function measureCell(job: CellJob): Promise<CellOutcome> {
  const outcome: CellOutcome = {
    kind: 'cell',
    status: 'failed',
    error: null,
    checksum: null,
    unstableChecksum: false,
    samples: [],
    startMs: null,
    coldMs: null,
    cpuMs: null,
    wallMs: null,
    utilisation: null,
    peakRssBytes: null,
    leftoverPids: [],
  };
  const [strategy, workload] = await Promise.all([
    importDefault<Strategy>(job.strategyUrl),
    importDefault<Workload>(job.workloadUrl),
  ]);
  const parts = partition(job.size, job.parts);
  const controller = new AbortController();
  let executor: Executor | null = null;
  let ownedPids: number[] = [];
  try {
    const t0 = performance.now();
    executor = await strategy.start({ workers: job.workers, workload: job.workloadUrl, signal: controller.signal });
    outcome.startMs = performance.now() - t0;
    const first = await executor.run(job.size, parts);
    outcome.coldMs = performance.now() - t0;
    outcome.checksum = workload.checksum(workload.combine(first, job.size));
    ownedPids = executor.pids?.() ?? [];

    const running = executor;
    let last: unknown[] = first;
    let timing = false;
    const samples: number[] = [];
    // CPU is read just before the first timed iteration and after the last, so utilisation describes warm runs only.
    let cpuBefore: number | null = null;
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
    // Our own clock readings keep the samples in execution order (tinybench keeps them sorted), which is what
    // drift and slow-start checks need; tinybench still drives warm-up and the iteration/time budget.
    bench.add(
      'run',
      async () => {
        if (timing && samples.length === 0) {
          cpuBefore = totalCpuMs(running);
          wallBefore = performance.now();
        }
        const s = performance.now();
        last = await running.run(job.size, parts);
        if (timing) samples.push(performance.now() - s);
      },
      {
        beforeAll(mode) {
          timing = mode === 'run';
        },
      },
    );
    await bench.run();
    const wallAfter = performance.now();
    const cpuAfter = totalCpuMs(running);
    outcome.samples = samples;
    if (cpuBefore !== null && cpuAfter !== null) {
      outcome.wallMs = wallAfter - wallBefore;
      outcome.cpuMs = cpuAfter - cpuBefore;
      outcome.utilisation = outcome.cpuMs / (outcome.wallMs * Math.min(job.workers, job.usableCores));
    }
    outcome.peakRssBytes = peakRss(running);
    const warmChecksum = workload.checksum(workload.combine(last, job.size));
    outcome.unstableChecksum = warmChecksum !== outcome.checksum;
    outcome.status = 'ok';
  } catch (error) {
    outcome.status = 'failed';
    outcome.error = errorText(error);
  } finally {
    if (executor) {
      controller.abort();
      try {
        await executor.close();
      } catch (error) {
        outcome.status = 'failed';
        outcome.error = `close() failed: ${errorText(error)}`;
      }
      ownedPids = [...new Set([...ownedPids, ...(executor.pids?.() ?? [])])];
      outcome.leftoverPids = ownedPids.filter(isAlive);
      if (outcome.leftoverPids.length > 0 && outcome.status === 'ok') {
        outcome.status = 'failed';
        outcome.error = `close() left processes alive: ${outcome.leftoverPids.join(', ')}`;
      }
    }
  }
  return outcome;
}
