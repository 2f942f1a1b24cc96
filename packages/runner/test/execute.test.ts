/**
 * The run loop without processes: references first, then every planned repetition in the plan's order, each
 * journaled and reported as it finishes, with the status decided from how the (fake) process ended and the
 * checksum it reported; an interrupt stops the loop without keeping the interrupted repetition; a resumed plan runs
 * only what is missing. The result file is then assembled from what the loop collected.
 */
import {
  cellKey,
  type Repetition,
  type RunConfig,
  type RuntimeInfo,
  type Strategy,
  type StrategyTarget,
  type Workload,
} from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { assembleResult, type Environment } from '../src/assemble.js';
import type { Discovery } from '../src/discovery.js';
import { type ExecuteDeps, execute } from '../src/execute.js';
import { type PlannedCell, planRun } from '../src/plan.js';
import { defaultTimeoutMs } from '../src/presets.js';
import type { ProgressEvent } from '../src/progress.js';
import type { CellOutcome, Job } from '../src/protocol.js';
import type { ResolvedRuntime } from '../src/runtimes/resolve.js';
import type { JobResult } from '../src/spawn-job.js';
import { timeSpentLine } from '../src/summary.js';

const REFERENCE = '5000';

function component<T>(id: string, extra: object): { value: T; url: string; source: string } {
  return { value: { id, title: id, description: id, ...extra } as T, url: `file:///${id}.js`, source: 'test' };
}

const notStarted = () => Promise.reject(new Error('not in this test'));

const discovery: Discovery = {
  strategies: [
    ...['serial', 'steady', 'liar', 'sleepy', 'noisy'].map((id) =>
      component<Strategy>(id, { parallelism: 'threads', start: notStarted }),
    ),
    // Declares one workload and one runtime it cannot run; another strategy's declaration throws.
    component<Strategy>('picky', {
      parallelism: 'threads',
      start: notStarted,
      unsupported: ({ workload, runtime }: StrategyTarget) =>
        workload === 'other'
          ? 'picky has no implementation of other'
          : runtime.name === 'deno'
            ? 'picky hangs on Deno'
            : null,
    }),
    component<Strategy>('broken', {
      parallelism: 'threads',
      start: notStarted,
      unsupported: () => {
        throw new Error('cannot decide');
      },
    }),
  ],
  workloads: ['kernel', 'other'].map((id) => component<Workload>(id, { sizes: { quick: [100], full: [100] } })),
  leftOut: [],
};

const NODE: RuntimeInfo = { name: 'node', version: '24.0.0', engine: 'V8 13' };

function config(overrides: Partial<RunConfig> = {}): RunConfig {
  return {
    preset: 'custom',
    workloads: ['kernel'],
    sizes: { kernel: [100, 200] },
    strategies: ['serial', 'steady', 'liar', 'sleepy'],
    workers: [1, 2],
    repetitions: 2,
    partsPerWorker: 1,
    timeoutSec: null,
    seed: 3,
    warmupIterations: 1,
    minIterations: 2,
    timeBudgetMs: 10,
    ...overrides,
  };
}

function planFor(overrides: Partial<RunConfig> = {}, done = new Map<string, Repetition[]>(), runtime = NODE) {
  const start = {
    id: 'run-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    outPath: '/nowhere/run.json',
    config: config(overrides),
  };
  return planRun(start, discovery, done, [resolved(runtime)]);
}

function resolved(info: RuntimeInfo): ResolvedRuntime {
  return { info, launch: { command: `/bin/${info.name}`, args: [] }, source: 'test' };
}

function cellOutcome(checksum: string, warmChecksum = checksum, samples = [3, 1, 2]): CellOutcome {
  return {
    kind: 'cell',
    error: null,
    checksum,
    warmChecksum,
    samples,
    startMs: 1,
    coldMs: 4,
    cpuMs: 6,
    wallMs: 6,
    utilisation: 1,
    peakRssBytes: 1000,
    leftoverPids: [],
    bytesMoved: null,
    movementMs: null,
    // On the process's clock: start() at 30 ms, the cold run ends at 34, timing from 39 to 45, the end at 47.
    phases: { loadMs: 30, warmupMs: 5, timedMs: 6, closeMs: 2, endMs: 47 },
  };
}

/** A noisy cell's processes come out 10% apart, in turn: its interval never gets within a few percent. */
const NOISY_MEDIANS = [1.8, 2, 2.2];

/**
 * A fake process per job: `liar` answers a wrong checksum, `sleepy` times out, `noisy` scatters by 10% from process
 * to process, the rest are right and take 2 ms every time.
 */
function fakeProcess(job: Job, noisy: readonly string[] = ['noisy'], processes = new Map<string, number>()): JobResult {
  if (job.kind === 'reference') {
    return {
      kind: 'outcome',
      outcome: { kind: 'reference', checksum: REFERENCE, error: null, runMs: 7 },
      durationMs: 8,
    };
  }
  if (job.strategyUrl.includes('sleepy')) return { kind: 'timeout', error: 'timed out after 1.0 s', durationMs: 1000 };
  const checksum = job.strategyUrl.includes('liar') ? '4999' : REFERENCE;
  if (noisy.some((id) => job.strategyUrl === `file:///${id}.js`)) {
    const cell = `${job.strategyUrl} ${job.size} ${job.workers}`;
    const count = processes.get(cell) ?? 0;
    processes.set(cell, count + 1);
    const median = NOISY_MEDIANS[count % NOISY_MEDIANS.length] as number;
    return { kind: 'outcome', outcome: cellOutcome(checksum, checksum, [median]), durationMs: 50 };
  }
  return { kind: 'outcome', outcome: cellOutcome(checksum), durationMs: 50 };
}

const ENVIRONMENT: Environment = {
  machine: {
    cpuModel: 'test',
    logicalCores: 2,
    availableParallelism: 2,
    cpuQuota: null,
    cpuAffinity: null,
    usableCores: 2,
    memoryBytes: 1,
    os: 'test',
    kernel: 'test',
    arch: 'x64',
    loadAverage: { before: [0, 0, 0], after: [0, 0, 0] },
  },
  runtime: { name: 'node', version: '0', v8: '0' },
  git: { commit: null, dirty: null },
  toolVersion: '0',
};

interface Recorded {
  deps: ExecuteDeps;
  jobs: { job: Job; timeoutMs: number }[];
  journal: { cell: PlannedCell; repetition: Repetition }[];
  finished: ProgressEvent[];
  controller: AbortController;
}

/** Fakes for every effect; `stopAfter` cell jobs the interrupt comes (as Ctrl-C would, during the next job). */
function fakes(stopAfter = Number.POSITIVE_INFINITY, noisy?: readonly string[]): Recorded {
  const controller = new AbortController();
  const recorded: Omit<Recorded, 'deps'> = { jobs: [], journal: [], finished: [], controller };
  let cells = 0;
  const processes = new Map<string, number>();
  const deps: ExecuteDeps = {
    async spawn(job, options) {
      recorded.jobs.push({ job, timeoutMs: options.timeoutMs });
      if (job.kind === 'cell' && ++cells > stopAfter) {
        controller.abort();
        return { kind: 'interrupted', durationMs: 1 };
      }
      return fakeProcess(job, noisy, processes);
    },
    journal: (entry) => recorded.journal.push(entry),
    progress: { starting() {}, finished: (event) => recorded.finished.push(event), message() {} },
    signal: controller.signal,
    usableCores: 2,
  };
  return { ...recorded, deps };
}

describe('execute', () => {
  it('runs the references, then every planned repetition once, in the plan order', async () => {
    const plan = planFor();
    // serial at one worker, three strategies at two worker counts, two sizes, two repetitions.
    expect(plan.cells).toHaveLength(2 * (1 + 3 * 2));
    expect(plan.order).toHaveLength(2 * plan.cells.length);
    const run = fakes();
    const collected = await execute(plan, run.deps);

    const references = run.jobs.filter((j) => j.job.kind === 'reference');
    expect(references.map((j) => (j.job as { size: number }).size)).toEqual([100, 200]);
    expect(run.jobs.slice(0, 2).every((j) => j.job.kind === 'reference')).toBe(true);
    const cellJobs = run.jobs.slice(2).map((j) => j.job);
    expect(cellJobs).toHaveLength(plan.order.length);
    cellJobs.forEach((job, i) => {
      const { cell } = plan.order[i]!;
      expect(job).toMatchObject({ kind: 'cell', size: cell.size, workers: cell.workers, parts: cell.parts });
      expect(job.kind === 'cell' && job.strategyUrl).toBe(`file:///${cell.strategy}.js`);
    });

    expect(run.journal.map((e) => [cellKey(e.cell), e.repetition.index])).toEqual(
      plan.order.map((r) => [cellKey(r.cell), r.repetition]),
    );
    expect(run.finished.map((e) => e.done)).toEqual(plan.order.map((_, i) => i + 1));
    expect(collected.finished).toBe(plan.order.length);
    for (const cell of plan.cells) expect(collected.repetitions.get(cellKey(cell))).toHaveLength(2);
  });

  it("records where each repetition's time went, the parts adding up to its duration", async () => {
    const plan = planFor();
    const collected = await execute(plan, fakes().deps);
    const steady = collected.repetitions.get(cellKey(plan.cells.find((c) => c.strategy === 'steady')!))?.[0];
    // 50 ms in all: 3 ms before the process's clock started and after it stopped, plus its 30 ms to start().
    expect(steady?.phases).toEqual({
      processMs: 33,
      startMs: 1,
      firstRunMs: 3,
      warmupMs: 5,
      timedMs: 6,
      closeMs: 2,
    });
    const sleepy = collected.repetitions.get(cellKey(plan.cells.find((c) => c.strategy === 'sleepy')!))?.[0];
    expect(sleepy).not.toHaveProperty('phases');

    const file = assembleResult({ ...plan, workloads: [], strategies: [] }, collected, ENVIRONMENT, {
      state: 'complete',
      finishedAt: '2026-01-01T00:01:00.000Z',
    });
    const measured = file.cells.flatMap((c) => c.repetitions).filter((r) => r.phases);
    const timedOut = file.cells.flatMap((c) => c.repetitions).filter((r) => !r.phases);
    expect(file.timeSpent).toEqual({
      repetitionsMs: 50 * measured.length + 1000 * timedOut.length,
      phases: {
        processMs: 33 * measured.length,
        startMs: measured.length,
        firstRunMs: 3 * measured.length,
        warmupMs: 5 * measured.length,
        timedMs: 6 * measured.length,
        closeMs: 2 * measured.length,
      },
      otherMs: 1000 * timedOut.length,
    });
    expect(timeSpentLine(file)).toMatch(
      /^time in \d+ processes, .*: timed runs .*, warm-up .*, starting processes .*repetitions that failed before timing/,
    );
  });

  it('decides each status once: a wrong checksum is wrong-result, a killed process a timeout', async () => {
    const run = fakes();
    const collected = await execute(planFor(), run.deps);
    const statuses = new Map(run.journal.map((e) => [e.cell.strategy, e.repetition]));
    expect(statuses.get('steady')).toMatchObject({ status: 'ok', error: null, medianMs: 2, checksum: REFERENCE });
    expect(statuses.get('liar')).toMatchObject({
      status: 'wrong-result',
      error: `checksum 4999 differs from the serial reference ${REFERENCE}`,
    });
    expect(statuses.get('sleepy')).toMatchObject({ status: 'timeout', medianMs: null, samples: [] });
    expect(collected.references.get('kernel/100')).toEqual({ checksum: REFERENCE, error: null, runMs: 7 });
  });

  it('gives each cell the default timeout from its reference, or --timeout', async () => {
    const derived = fakes();
    const plan = planFor();
    await execute(plan, derived.deps);
    const cellTimeouts = derived.jobs.filter((j) => j.job.kind === 'cell').map((j) => j.timeoutMs);
    expect(new Set(cellTimeouts)).toEqual(new Set([defaultTimeoutMs(7, plan.config)]));

    const given = fakes();
    await execute(planFor({ timeoutSec: 2 }), given.deps);
    expect(new Set(given.jobs.map((j) => j.timeoutMs))).toEqual(new Set([2000]));
  });

  it('stops at an interrupt and keeps only the repetitions that finished', async () => {
    const run = fakes(5);
    const plan = planFor();
    const collected = await execute(plan, run.deps);
    expect(collected.finished).toBe(5);
    expect(run.journal).toHaveLength(5);
    // The sixth job was interrupted: it is neither journaled nor collected, and nothing starts after it.
    expect(run.jobs.filter((j) => j.job.kind === 'cell')).toHaveLength(6);
    const kept = [...collected.repetitions.values()].flat();
    expect(kept).toHaveLength(5);

    const file = assembleResult(
      {
        id: plan.id,
        createdAt: plan.createdAt,
        config: plan.config,
        cells: plan.cells,
        workloads: [],
        strategies: [],
      },
      collected,
      ENVIRONMENT,
      { state: 'interrupted', finishedAt: '2026-01-01T00:01:00.000Z' },
    );
    expect(file.cells).toHaveLength(plan.cells.length);
    expect(file.cells.flatMap((c) => c.repetitions)).toHaveLength(5);
    const notRun = file.cells.filter((c) => c.repetitions.length === 0);
    expect(notRun.length).toBeGreaterThan(0);
    for (const cell of notRun) expect(cell).toMatchObject({ status: 'skipped', error: 'not run', wallMs: null });
  });

  it('resumes: runs only the repetitions not done, and keeps the ones that were', async () => {
    const first = fakes(7);
    const plan = planFor();
    const partial = await execute(plan, first.deps);
    const resumed = planFor({}, partial.repetitions);
    expect(resumed.order).toHaveLength(plan.order.length - 7);
    expect(resumed.order).toEqual(plan.order.slice(7));

    const second = fakes();
    const collected = await execute(resumed, second.deps);
    expect(collected.finished).toBe(plan.order.length - 7);
    for (const cell of plan.cells) {
      expect(
        collected.repetitions
          .get(cellKey(cell))
          ?.map((r) => r.index)
          .sort(),
      ).toEqual([0, 1]);
    }
  });

  it('plans the cells a strategy declares unsupported as skipped with its reason, and starts no process for them', async () => {
    const strategies = ['serial', 'steady', 'picky', 'broken'];
    const plan = planFor({ workloads: ['kernel', 'other'], sizes: { kernel: [100], other: [100] }, strategies });
    const notRun = (strategy: string, workload: string) =>
      plan.cells.filter((c) => c.strategy === strategy && c.workload === workload).map((c) => c.notRun);
    expect(notRun('picky', 'other')).toEqual([
      { status: 'skipped', reason: 'picky has no implementation of other' },
      { status: 'skipped', reason: 'picky has no implementation of other' },
    ]);
    expect(notRun('picky', 'kernel')).toEqual([undefined, undefined]);
    expect(notRun('broken', 'kernel')[0]).toEqual({
      status: 'failed',
      reason: 'broken.unsupported() threw while planning: cannot decide',
    });

    const run = fakes();
    const collected = await execute(plan, run.deps);
    const started = run.jobs.flatMap((j) => (j.job.kind === 'cell' ? [j.job.strategyUrl] : []));
    expect(started.filter((url) => url.includes('broken'))).toEqual([]);
    // picky runs kernel (two worker counts, two repetitions) but never other.
    expect(started.filter((url) => url.includes('picky'))).toHaveLength(4);
    expect(run.journal.filter((e) => e.cell.strategy === 'picky').every((e) => e.cell.workload === 'kernel')).toBe(
      true,
    );

    const file = assembleResult({ ...plan, workloads: [], strategies: [] }, collected, ENVIRONMENT, {
      state: 'complete',
      finishedAt: '2026-01-01T00:01:00.000Z',
    });
    const skipped = file.cells.filter((c) => c.strategy === 'picky' && c.workload === 'other');
    for (const cell of skipped) {
      expect(cell).toMatchObject({ status: 'skipped', error: 'picky has no implementation of other', wallMs: null });
      expect(cell).not.toHaveProperty('notRun');
    }
    expect(file.cells.find((c) => c.strategy === 'broken')?.status).toBe('failed');
    expect(file.cells.find((c) => c.strategy === 'picky' && c.workload === 'kernel')?.status).toBe('ok');
  });

  it('asks the strategy about the runtime the cells run on', () => {
    const deno = planFor({ strategies: ['serial', 'picky'] }, new Map(), {
      name: 'deno',
      version: '2.9.6',
      engine: 'V8',
    });
    const picky = deno.cells.filter((c) => c.strategy === 'picky');
    expect(picky.map((c) => c.notRun?.reason)).toEqual(picky.map(() => 'picky hangs on Deno'));
    expect(deno.order.some((r) => r.cell.strategy === 'picky')).toBe(false);
  });

  it('plans the whole matrix on every runtime and starts each cell with its own', async () => {
    const BUN: RuntimeInfo = { name: 'bun', version: '1.4.5', engine: 'JavaScriptCore' };
    const start = {
      id: 'run-2',
      createdAt: '2026-01-01T00:00:00.000Z',
      outPath: '/nowhere/run.json',
      config: config({ sizes: { kernel: [100] }, repetitions: 1, runtimes: ['node@24.0.0', 'bun@1.4.5'] }),
    };
    const plan = planRun(start, discovery, new Map(), [resolved(NODE), resolved(BUN)]);
    // serial once and three strategies at two worker counts, on each runtime.
    expect(plan.cells).toHaveLength(2 * (1 + 3 * 2));
    expect(plan.cells.filter((c) => c.runtime?.name === 'bun')).toHaveLength(7);
    expect(new Set(plan.cells.map(cellKey)).size).toBe(plan.cells.length);

    const launched: string[] = [];
    const run = fakes();
    const spawn = run.deps.spawn;
    run.deps.spawn = (job, options) => {
      if (job.kind === 'cell') launched.push(options.launch?.command ?? 'none');
      return spawn(job, options);
    };
    const collected = await execute(plan, run.deps);
    expect(launched.sort()).toEqual([...Array(7).fill('/bin/bun'), ...Array(7).fill('/bin/node')]);
    const file = assembleResult({ ...plan, workloads: [], strategies: [] }, collected, ENVIRONMENT, {
      state: 'complete',
      finishedAt: '2026-01-01T00:01:00.000Z',
    });
    expect(file.cells.every((c) => c.runtime !== undefined)).toBe(true);
    // Each runtime's speedups divide by its own serial cell: both serial cells have speedup 1.
    expect(file.cells.filter((c) => c.strategy === 'serial').map((c) => c.speedup?.median)).toEqual([1, 1]);
    expect(file.models.scaling.map((m) => m.runtime?.name).sort()).toEqual(['bun', 'node']);
  });

  it('refuses runtimes other than those the configuration records', () => {
    const start = {
      id: 'run-3',
      createdAt: '2026-01-01T00:00:00.000Z',
      outPath: '/nowhere/run.json',
      config: config({ runtimes: ['node@24.0.0'] }),
    };
    expect(() => planRun(start, discovery, new Map(), [resolved({ ...NODE, version: '22.0.0' })])).toThrow(
      /runtimes node@22.0.0 are not node@24.0.0/,
    );
  });
});

describe('execute with a precision target', () => {
  const adaptive = { strategies: ['serial', 'steady', 'noisy'], repetitions: 3, precision: 0.02, maxRepetitions: 5 };
  const counts = (repetitions: ReadonlyMap<string, readonly Repetition[]>, strategy: string) =>
    [...repetitions.entries()].filter(([key]) => key.includes(`/${strategy}/`)).map(([, reps]) => reps.length);

  it('adds rounds for the cells still wider than the target, up to the maximum, and says why each stopped', async () => {
    const plan = planFor(adaptive);
    expect(plan.order).toHaveLength(3 * plan.cells.length);
    const run = fakes();
    const collected = await execute(plan, run.deps);
    // Steady cells are exact after the minimum; noisy ones never get within 2% and stop at the maximum.
    expect(counts(collected.repetitions, 'steady')).toEqual([3, 3, 3, 3]);
    expect(counts(collected.repetitions, 'noisy')).toEqual([5, 5, 5, 5]);
    expect(counts(collected.repetitions, 'serial')).toEqual([3, 3]);
    for (const cell of plan.cells) {
      expect(collected.stopReasons?.get(cellKey(cell))).toBe(
        cell.strategy === 'noisy' ? 'max repetitions' : 'precision reached',
      );
    }
    // Every added repetition is journaled under its own index, after the planned rounds.
    const noisy = run.journal.filter((e) => e.cell.strategy === 'noisy');
    expect(noisy.map((e) => e.repetition.index).sort()).toEqual([
      0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
    ]);
    expect(run.journal.slice(plan.order.length).every((e) => e.cell.strategy === 'noisy')).toBe(true);
    // The progress grew with the rounds: its total ends at what ran, never above the most the run could come to.
    const last = run.finished.at(-1) as ProgressEvent;
    expect(last.total).toBe(run.journal.length);
    expect(run.finished.every((e) => e.total <= e.upTo)).toBe(true);
  });

  it('gives the serial baseline up to twice the maximum when it is not precise enough', async () => {
    // A cap far away: this is about the maximum, not the default cap (half as long again as the first rounds).
    const plan = planFor({ ...adaptive, timeCapSec: 3600 });
    const collected = await execute(plan, fakes(Number.POSITIVE_INFINITY, ['serial', 'noisy']).deps);
    expect(counts(collected.repetitions, 'serial')).toEqual([10, 10]);
    expect(counts(collected.repetitions, 'noisy')).toEqual([5, 5, 5, 5]);
  });

  it('stops adding rounds at the time cap and says so', async () => {
    // The planned rounds alone take 50 ms of process time per repetition: a 0.1 s cap is over before any round.
    const run = fakes();
    const plan = planFor({ ...adaptive, timeCapSec: 0.1 });
    const collected = await execute(plan, run.deps);
    expect(collected.finished).toBe(plan.order.length);
    for (const cell of plan.cells) {
      expect(collected.stopReasons?.get(cellKey(cell))).toBe(
        cell.strategy === 'noisy' ? 'time cap' : 'precision reached',
      );
    }
  });

  it('ends a round part-way when the cap falls inside it: the cells left out are the last of its shuffled order', async () => {
    const run = fakes();
    const planned = planFor(adaptive);
    // Room for two and a half more repetitions of 50 ms after the planned rounds: two of the four noisy cells get one.
    const plan = planFor({ ...adaptive, timeCapSec: (planned.order.length * 50 + 125) / 1000 });
    const collected = await execute(plan, run.deps);
    expect(counts(collected.repetitions, 'noisy').sort()).toEqual([3, 3, 4, 4]);
    expect(collected.finished).toBe(plan.order.length + 2);
    for (const cell of plan.cells.filter((c) => c.strategy === 'noisy')) {
      expect(collected.stopReasons?.get(cellKey(cell))).toBe('time cap');
    }
  });

  it('by default stops adding rounds once they have taken half as long again as the first rounds', async () => {
    const collected = await execute(planFor(adaptive), fakes(Number.POSITIVE_INFINITY, ['serial', 'noisy']).deps);
    const spent = (first: boolean) =>
      [...collected.repetitions.values()]
        .flat()
        .filter((rep) => rep.index < adaptive.repetitions === first)
        .reduce((sum, rep) => sum + rep.durationMs, 0);
    expect(spent(false)).toBeGreaterThan(0);
    // The cap is checked before every repetition, from the time each cell's processes took so far (50 ms here).
    expect(spent(false)).toBeLessThanOrEqual(0.5 * spent(true));
    expect(counts(collected.repetitions, 'serial')[0]).toBeLessThan(10);
  });

  it('adds no rounds for the cells planned without a process', async () => {
    const plan = planFor({
      ...adaptive,
      workloads: ['kernel', 'other'],
      sizes: { kernel: [100], other: [100] },
      strategies: ['serial', 'picky', 'broken'],
    });
    const run = fakes();
    const collected = await execute(plan, run.deps);
    const started = run.jobs.flatMap((j) => (j.job.kind === 'cell' ? [j.job.strategyUrl] : []));
    expect(started.filter((url) => url.includes('broken'))).toEqual([]);
    expect(run.journal.filter((e) => e.cell.strategy === 'picky').every((e) => e.cell.workload === 'kernel')).toBe(
      true,
    );
    for (const cell of plan.cells.filter((c) => c.notRun)) expect(collected.stopReasons?.get(cellKey(cell))).toBeNull();
  });

  it('keeps a fixed number of repetitions without a target, and records no stop reason', async () => {
    const collected = await execute(planFor({ ...adaptive, precision: undefined }), fakes().deps);
    expect(counts(collected.repetitions, 'noisy')).toEqual([3, 3, 3, 3]);
    expect(collected.stopReasons).toBeNull();
  });

  it('resumes in the middle of an added round and finishes the loop as an uninterrupted run does', async () => {
    const plan = planFor(adaptive);
    // Interrupted two repetitions into the first added round.
    const first = fakes(plan.order.length + 2);
    const partial = await execute(plan, first.deps);
    expect(partial.finished).toBe(plan.order.length + 2);
    expect(partial.stopReasons?.get(cellKey(plan.cells.find((c) => c.strategy === 'noisy')!))).toBeNull();
    const resumed = planFor(adaptive, partial.repetitions);
    expect(resumed.order).toHaveLength(0);
    const second = fakes();
    const collected = await execute(resumed, second.deps);
    expect(second.journal.every((e) => e.cell.strategy === 'noisy')).toBe(true);
    expect(counts(collected.repetitions, 'noisy')).toEqual([5, 5, 5, 5]);
    expect(counts(collected.repetitions, 'steady')).toEqual([3, 3, 3, 3]);
    for (const reps of collected.repetitions.values()) {
      expect(new Set(reps.map((r) => r.index)).size).toBe(reps.length);
    }
    for (const cell of plan.cells) {
      expect(collected.stopReasons?.get(cellKey(cell))).toBe(
        cell.strategy === 'noisy' ? 'max repetitions' : 'precision reached',
      );
    }
  });
});
