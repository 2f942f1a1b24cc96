/**
 * Executing a planned run: first the serial reference of every workload and size, then every repetition still to
 * run, in the plan's order, each in a fresh process. Everything with an effect — starting processes, the journal,
 * progress lines, the interrupt — is passed in, so the loop is tested with fakes and no process at all.
 *
 * `runRepetitions` runs any list of repetitions against the references already measured: a run that decides to
 * measure some cells again (another round for the cells that are not yet precise enough) calls it once more.
 */
import {
  type CellIdentity,
  cellKey,
  cellLabel,
  formatSize,
  type Repetition,
  referenceKey,
  transportOf,
} from '@coresweep/core';
import type { PlannedCell, PlannedRun, RunPlan } from './plan.js';
import { defaultTimeoutMs } from './presets.js';
import type { ProgressEvent } from './progress.js';
import type { CellJob, Job } from './protocol.js';
import { type Reference, repetitionFrom } from './repetition.js';
import type { JobResult } from './spawn-job.js';

/** A reference run gets this long when no --timeout is given: it is one serial run, however large. */
const REFERENCE_TIMEOUT_MS = 30 * 60_000;

export interface ExecuteDeps {
  /** Runs one job in a fresh process (spawnJob); it resolves `interrupted` once `signal` is aborted. */
  spawn(job: Job, options: { timeoutMs: number; signal: AbortSignal }): Promise<JobResult>;
  /** Records a finished repetition durably before the next one starts. */
  journal(entry: { cell: PlannedCell; repetition: Repetition }): void;
  progress: {
    starting(done: number, total: number, label: string): void;
    finished(event: ProgressEvent): void;
    message(text: string): void;
  };
  /** Aborted by an interrupt: the running job is killed and nothing new starts. */
  signal: AbortSignal;
  /** Cores the run can use; each cell's utilisation is measured against min(workers, usableCores). */
  usableCores: number;
}

/** What a run collects as it goes: references by reference key, finished repetitions by cell key. */
export interface Collection {
  references: Map<string, Reference>;
  repetitions: Map<string, Repetition[]>;
}

/** Progress through the repetitions: `total` may grow when more rounds are added. */
export interface Tally {
  done: number;
  total: number;
}

/** One unpartitioned serial run per workload and size, each in its own process: the checksums cells must match. */
export async function measureReferences(
  plan: RunPlan,
  deps: ExecuteDeps,
  tally: Tally,
): Promise<Map<string, Reference>> {
  const references = new Map<string, Reference>();
  const timeoutMs = plan.config.timeoutSec === null ? REFERENCE_TIMEOUT_MS : plan.config.timeoutSec * 1000;
  for (const workload of plan.workloads) {
    for (const size of plan.config.sizes[workload.value.id] ?? []) {
      if (deps.signal.aborted) return references;
      const key = referenceKey({ workload: workload.value.id, size });
      deps.progress.starting(tally.done, tally.total, `reference ${workload.value.id} ${formatSize(size)}`);
      const job: Job = { kind: 'reference', workloadUrl: workload.url, size, seed: plan.config.seed };
      const result = await deps.spawn(job, { timeoutMs, signal: deps.signal });
      if (result.kind === 'outcome' && result.outcome.kind === 'reference') {
        const { checksum, error, runMs } = result.outcome;
        references.set(key, { checksum, error, runMs });
      } else if (result.kind !== 'interrupted') {
        const error = 'error' in result ? result.error : 'failed';
        references.set(key, { checksum: null, error, runMs: 0 });
        deps.progress.message(`reference ${key} failed: ${error.split('\n')[0]}`);
      }
    }
  }
  return references;
}

/** The job of one repetition of `cell`: which modules, how big, how many workers and parts, how to measure. */
export function cellJob(plan: RunPlan, cell: CellIdentity & { parts: number }, usableCores: number): CellJob {
  const strategy = plan.strategies.find((s) => s.value.id === cell.strategy)!;
  const workload = plan.workloads.find((w) => w.value.id === cell.workload)!;
  return {
    kind: 'cell',
    strategyUrl: strategy.url,
    workloadUrl: workload.url,
    size: cell.size,
    workers: cell.workers,
    parts: cell.parts,
    transport: transportOf(cell),
    seed: plan.config.seed,
    usableCores,
    warmupIterations: plan.config.warmupIterations,
    minIterations: plan.config.minIterations,
    timeBudgetMs: plan.config.timeBudgetMs,
  };
}

/**
 * Runs `runs` in order, each in a fresh process, and adds every finished repetition to `collected` (and the
 * journal). Stops at an interrupt; the interrupted repetition is not kept, so a resumed run does it again.
 */
export async function runRepetitions(
  plan: RunPlan,
  runs: readonly PlannedRun[],
  collected: Collection,
  deps: ExecuteDeps,
  tally: Tally,
): Promise<void> {
  for (const { cell, repetition } of runs) {
    if (deps.signal.aborted) return;
    const label = `${cellLabel(cell)} #${repetition + 1}`;
    const reference = collected.references.get(referenceKey(cell));
    deps.progress.starting(tally.done, tally.total, label);
    const timeoutMs =
      plan.config.timeoutSec === null
        ? defaultTimeoutMs(reference?.runMs ?? 0, plan.config)
        : plan.config.timeoutSec * 1000;
    const result = await deps.spawn(cellJob(plan, cell, deps.usableCores), { timeoutMs, signal: deps.signal });
    if (result.kind === 'interrupted') return;
    const rep = repetitionFrom(result, repetition, reference);
    deps.journal({ cell, repetition: rep });
    const key = cellKey(cell);
    collected.repetitions.set(key, [...(collected.repetitions.get(key) ?? []), rep]);
    tally.done++;
    deps.progress.finished({ done: tally.done, total: tally.total, label, status: rep.status, medianMs: rep.medianMs });
  }
}

/** References, then the plan's order. Returns what was collected and how many repetitions this execution ran. */
export async function execute(plan: RunPlan, deps: ExecuteDeps): Promise<Collection & { finished: number }> {
  const tally: Tally = { done: 0, total: plan.order.length };
  const references = await measureReferences(plan, deps, tally);
  const collected: Collection = { references, repetitions: new Map(plan.done) };
  await runRepetitions(plan, plan.order, collected, deps, tally);
  return { ...collected, finished: tally.done };
}
