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
  formatPrecision,
  formatSize,
  precisionSettings,
  type Repetition,
  referenceKey,
  SERIAL_ID,
  type StopReason,
  targetFor,
  transportOf,
} from '@coresweep/core';
import { formatDuration } from './format.js';
import { type PlannedCell, type PlannedRun, type RunPlan, runtimeFor } from './plan.js';
import { defaultTimeoutMs } from './presets.js';
import type { ProgressEvent } from './progress.js';
import type { CellJob, Job } from './protocol.js';
import { type Reference, repetitionFrom } from './repetition.js';
import { nextRound, repetitionsUpTo, repetitionTimeMs, stopReasons, timeCapMs, withinTimeCap } from './rounds.js';
import type { Launch } from './runtimes/launch.js';
import type { JobResult } from './spawn-job.js';

/** A reference run gets this long when no --timeout is given: it is one serial run, however large. */
const REFERENCE_TIMEOUT_MS = 30 * 60_000;

export interface ExecuteDeps {
  /**
   * Runs one job in a fresh process (spawnJob) of `launch`'s runtime, the running Node without one; it resolves
   * `interrupted` once `signal` is aborted.
   */
  spawn(job: Job, options: { timeoutMs: number; signal: AbortSignal; launch?: Launch }): Promise<JobResult>;
  /** Records a finished repetition durably before the next one starts. */
  journal(entry: { cell: PlannedCell; repetition: Repetition }): void;
  progress: {
    starting(tally: Tally, label: string): void;
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

/** Progress through the repetitions: `total` grows when more rounds are added, up to at most `upTo`. */
export interface Tally {
  done: number;
  total: number;
  /** The most repetitions the run can come to (more than `total` while rounds may still be added). */
  upTo: number;
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
      deps.progress.starting(tally, `reference ${workload.value.id} ${formatSize(size)}`);
      const job: Job = { kind: 'reference', workloadUrl: workload.url, size, seed: plan.config.seed };
      const result = await deps.spawn(job, { timeoutMs, signal: deps.signal });
      if (result.kind === 'outcome' && result.outcome.kind === 'reference') {
        const { checksum, error, runMs, inputBytes } = result.outcome;
        references.set(key, { checksum, error, runMs, ...(inputBytes == null ? {} : { inputBytes }) });
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
    const label = `${cellLabel(cell, { runtime: plan.runtimes.length > 1 })} #${repetition + 1}`;
    const reference = collected.references.get(referenceKey(cell));
    deps.progress.starting(tally, label);
    const timeoutMs =
      plan.config.timeoutSec === null
        ? defaultTimeoutMs(reference?.runMs ?? 0, plan.config)
        : plan.config.timeoutSec * 1000;
    const result = await deps.spawn(cellJob(plan, cell, deps.usableCores), {
      timeoutMs,
      signal: deps.signal,
      launch: runtimeFor(plan, cell).launch,
    });
    if (result.kind === 'interrupted') return;
    const rep = repetitionFrom(result, repetition, reference);
    deps.journal({ cell, repetition: rep });
    const key = cellKey(cell);
    collected.repetitions.set(key, [...(collected.repetitions.get(key) ?? []), rep]);
    tally.done++;
    deps.progress.finished({ ...tally, label, status: rep.status, medianMs: rep.medianMs });
  }
}

/** What an execution returns: what was collected, how many repetitions it ran, and why each cell stopped. */
export interface Executed extends Collection {
  finished: number;
  /** By cell key, for a run with a precision target (rounds.ts); null for a fixed number of repetitions. */
  stopReasons: Map<string, StopReason | null> | null;
}

/**
 * Rounds of one more repetition for the cells not yet precise enough (rounds.ts), until none needs one, the time
 * cap is reached or the run is interrupted. Returns whether the time cap ended the rounds.
 */
async function addRounds(plan: RunPlan, collected: Collection, deps: ExecuteDeps, tally: Tally): Promise<boolean> {
  const settings = precisionSettings(plan.config);
  if (!settings) return false;
  while (!deps.signal.aborted) {
    const round = nextRound(plan.cells, collected.repetitions, settings, plan.config.seed);
    if (round.length === 0) return false;
    const used = repetitionTimeMs(collected.repetitions);
    const cap = timeCapMs(plan.config, collected.repetitions);
    const fitting = withinTimeCap(round, collected.repetitions, cap - used);
    if (fitting.length === 0) {
      deps.progress.message(
        `time cap: ${round.length} cell(s) still wider than the precision target, but the repetitions have taken ${formatDuration(used)} of ${formatDuration(cap)}`,
      );
      return true;
    }
    tally.total += fitting.length;
    const capped = fitting.length < round.length ? ` (${fitting.length} of them before the time cap)` : '';
    deps.progress.message(
      `round ${Math.min(...round.map((r) => r.repetition)) + 1}: ${round.length} cell(s) still wider than ${formatPrecision(settings.precision)} (serial ${formatPrecision(targetFor(SERIAL_ID, settings.precision))})${capped}`,
    );
    const before = tally.done;
    await runRepetitions(plan, fitting, collected, deps, tally);
    tally.upTo = tally.done + repetitionsUpTo(plan.cells, collected.repetitions, settings);
    // Nothing finished (every job came back interrupted): stop rather than ask for the same round forever.
    if (tally.done === before) return false;
  }
  return false;
}

/**
 * References, the plan's order, then (with a precision target) added rounds. Returns what was collected, how many
 * repetitions this execution ran and why each cell stopped.
 */
export async function execute(plan: RunPlan, deps: ExecuteDeps): Promise<Executed> {
  const settings = precisionSettings(plan.config);
  const collected: Collection = { references: new Map(), repetitions: new Map(plan.done) };
  // With a target, the most the run can come to is every cell at its maximum (the planned repetitions included).
  const upTo = settings ? repetitionsUpTo(plan.cells, collected.repetitions, settings) : 0;
  const tally: Tally = { done: 0, total: plan.order.length, upTo: Math.max(upTo, plan.order.length) };
  const references = await measureReferences(plan, deps, tally);
  for (const [key, reference] of references) collected.references.set(key, reference);
  await runRepetitions(plan, plan.order, collected, deps, tally);
  const timeCapped = deps.signal.aborted ? false : await addRounds(plan, collected, deps, tally);
  return {
    ...collected,
    finished: tally.done,
    stopReasons: stopReasons(plan.config, plan.cells, collected.repetitions, timeCapped),
  };
}
