/**
 * `coresweep run`: plan the matrix, compute reference checksums, run every repetition of every cell in a fresh
 * process in a seeded shuffled order, journal each one, and write one validated result file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  type Cell,
  CoresweepError,
  cellKey,
  cellLabel,
  fitRunModels,
  formatSize,
  MIN_REPETITIONS,
  type Repetition,
  type ResultFile,
  type RunConfig,
  referenceKey,
  SCHEMA_VERSION,
  SERIAL_ID,
} from '@coresweep/core';
import { aggregateCell, attachSpeedups } from '../aggregate.js';
import {
  parseCommandArgs,
  parseIntegerList,
  parseList,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parsePositiveNumber,
} from '../args.js';
import { type Discovery, discover } from '../discovery.js';
import { estimateTotalMs, probeCost } from '../estimate.js';
import { formatDuration } from '../format.js';
import { type InterruptSignal, interruptExitCode, onInterrupt } from '../interrupts.js';
import { type JournalEntry, type JournalWriter, journalPath, startJournal } from '../journal.js';
import { leftOutFor, leftOutLine, requireDiscovered } from '../left-out.js';
import { describeGit, describeMachine, describeRuntime } from '../machine.js';
import { defaultWorkerCounts, planCells, planOrder } from '../plan.js';
import { defaultTimeoutMs, PRESETS, type Preset, type PresetName } from '../presets.js';
import { Progress } from '../progress.js';
import type { CellJob } from '../protocol.js';
import { busyWarning, defaultSettleSeconds, settle } from '../quiet-start.js';
import { writeResultFile } from '../result-store.js';
import { loadResumeState } from '../resume.js';
import { type JobResult, spawnJob } from '../spawn-job.js';
import { summarizeRun } from '../summary.js';
import { TOOL_VERSION } from '../version.js';

export const RUN_OPTIONS = {
  preset: { type: 'string' },
  workloads: { type: 'string' },
  sizes: { type: 'string' },
  strategies: { type: 'string' },
  workers: { type: 'string' },
  strategy: { type: 'string', multiple: true },
  workload: { type: 'string', multiple: true },
  repetitions: { type: 'string' },
  'parts-per-worker': { type: 'string' },
  warmup: { type: 'string' },
  iterations: { type: 'string' },
  'time-budget': { type: 'string' },
  timeout: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  yes: { type: 'boolean' },
  settle: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const RUN_HELP = `coresweep run [options]
  --preset quick|full        sizes and repetition defaults (default: quick)
  --workloads a,b            workloads to run (default: all discovered)
  --sizes n,m                total units of work, overriding the preset's sizes for every workload
  --strategies a,b           strategies to run (default: all discovered; serial is always added as the reference)
  --workers 1,2,4            worker counts (default: 1 .. 2 x usable cores)
  --strategy ./module.js     add a strategy module by path (repeatable)
  --workload ./module.js     add a workload module by path (repeatable)
  --repetitions R            fresh processes per cell (default: quick 1, full 3)
  --parts-per-worker K       parts per worker; parts are handed out dynamically (default: 1)
  --warmup N                 warm-up runs before timing (default: quick 1, full 2)
  --iterations N             minimum timed runs per repetition (default: quick 3, full 5)
  --time-budget MS           minimum timed duration per repetition (default: quick 100, full 500)
  --timeout SEC              per-repetition timeout (default: derived from the serial time of the size)
  --seed N                   seed of the run order and bootstrap (default: random, recorded in the file)
  --out FILE                 result file (default: results/<run id>.json)
  --resume FILE              finish an interrupted or killed run (from FILE, or its journal alone): runs exactly
                             the missing repetitions
  --yes                      do not ask for confirmation of a run estimated to take more than 6 hours
  --settle SEC               wait up to SEC seconds for other work (a build just before, a previous run) to quiet
                             down before the first measured process; 0 to start at once (default: 30)`;

/** Longer per-repetition timeouts are surely typos (and beyond 24.8 days Node's timers would fire at once). */
const MAX_TIMEOUT_SEC = 7 * 24 * 3600;
const MIN_TIMEOUT_SEC = 0.5;

/** Runs larger than this ask for --yes: a typo in --sizes should not silently occupy a machine for days. */
const CONFIRM_ABOVE_MS = 6 * 3600_000;

interface RunPlan {
  config: RunConfig;
  preset: Preset;
  strategies: Discovery['strategies'];
  workloads: Discovery['workloads'];
  outPath: string;
  createdAt: string;
  id: string;
  /** Repetitions already done (from --resume), by cell key string. */
  done: Map<string, Repetition[]>;
  /** The same repetitions with their cells: the start of the resumed run's journal. */
  doneEntries: JournalEntry[];
  /** Said to the user before the run starts. */
  notes: string[];
  timeoutMs: number | null;
}

type Values = ReturnType<typeof parseCommandArgs>['values'];

/** An option's value; an empty one (`--workers=`, `--resume ""`) is an error, never the same as leaving it out. */
function str(values: Values, name: string): string | undefined {
  const value = values[name];
  if (typeof value !== 'string') return undefined;
  if (value.trim() === '') throw new CoresweepError('E_USAGE', `--${name}: needs a value`);
  return value;
}

function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[:.]/g, '-').replace('Z', 'Z')}-${randomBytes(2).toString('hex')}`;
}

function presetName(text: string | undefined): PresetName {
  if (text === undefined) return 'quick';
  if (text === 'quick' || text === 'full') return text;
  throw new CoresweepError('E_USAGE', `--preset: unknown preset ${JSON.stringify(text)} (valid: quick, full)`);
}

async function planFromArguments(values: Values, root: string, discovery: Discovery): Promise<RunPlan> {
  const name = presetName(str(values, 'preset'));
  const base = PRESETS[name];
  const customised = ['sizes', 'repetitions', 'warmup', 'iterations', 'time-budget'].some(
    (k) => values[k] !== undefined,
  );
  const preset: Preset = {
    repetitions: str(values, 'repetitions')
      ? parsePositiveInteger(str(values, 'repetitions')!, '--repetitions', 1000)
      : base.repetitions,
    warmupIterations: str(values, 'warmup')
      ? parseNonNegativeInteger(str(values, 'warmup')!, '--warmup')
      : base.warmupIterations,
    minIterations: str(values, 'iterations')
      ? parsePositiveInteger(str(values, 'iterations')!, '--iterations', 100_000)
      : base.minIterations,
    timeBudgetMs: str(values, 'time-budget')
      ? parsePositiveNumber(str(values, 'time-budget')!, '--time-budget')
      : base.timeBudgetMs,
  };
  const knownWorkloads = discovery.workloads.map((w) => w.value.id);
  const knownStrategies = discovery.strategies.map((s) => s.value.id);
  if (!knownStrategies.includes(SERIAL_ID)) {
    throw new CoresweepError(
      'E_DISCOVERY',
      'no serial strategy found: it is the reference of every speedup (run pnpm build)',
    );
  }
  const workloadIds = str(values, 'workloads') ? parseList(str(values, 'workloads')!, '--workloads') : knownWorkloads;
  requireDiscovered(workloadIds, discovery, 'workload', '--workloads');
  let strategyIds = str(values, 'strategies') ? parseList(str(values, 'strategies')!, '--strategies') : knownStrategies;
  requireDiscovered(strategyIds, discovery, 'strategy', '--strategies');
  // Strategies added by path are meant to run even when --strategies lists others.
  for (const added of discovery.strategies.filter((s) => s.source.startsWith('path '))) {
    if (!strategyIds.includes(added.value.id)) strategyIds.push(added.value.id);
  }
  if (!strategyIds.includes(SERIAL_ID)) strategyIds = [SERIAL_ID, ...strategyIds];
  const machine = describeMachine();
  const maxWorkers = 1024;
  const workers = str(values, 'workers')
    ? parseIntegerList(str(values, 'workers')!, '--workers', maxWorkers).sort((a, b) => a - b)
    : defaultWorkerCounts(machine.usableCores);
  const sizesOverride = str(values, 'sizes') ? parseIntegerList(str(values, 'sizes')!, '--sizes') : null;
  const partsPerWorker = str(values, 'parts-per-worker')
    ? parsePositiveInteger(str(values, 'parts-per-worker')!, '--parts-per-worker', 1_000_000)
    : 1;
  const sizes: Record<string, number[]> = {};
  for (const id of workloadIds) {
    const workload = discovery.workloads.find((w) => w.value.id === id)!;
    sizes[id] = sizesOverride ?? workload.value.sizes[name];
  }
  const timeoutSec = str(values, 'timeout') ? parsePositiveNumber(str(values, 'timeout')!, '--timeout') : null;
  if (timeoutSec !== null && timeoutSec > MAX_TIMEOUT_SEC) {
    throw new CoresweepError(
      'E_USAGE',
      `--timeout: ${timeoutSec} is larger than the maximum ${MAX_TIMEOUT_SEC} (7 days)`,
    );
  }
  // Below this not even an empty Node process starts: every cell would time out.
  if (timeoutSec !== null && timeoutSec < MIN_TIMEOUT_SEC) {
    throw new CoresweepError('E_USAGE', `--timeout: ${timeoutSec} is smaller than the minimum ${MIN_TIMEOUT_SEC} s`);
  }
  const seed = str(values, 'seed')
    ? parseNonNegativeInteger(str(values, 'seed')!, '--seed')
    : randomBytes(4).readUInt32LE() >>> 1;
  const now = new Date();
  const id = newRunId(now);
  const outPath = resolve(str(values, 'out') ?? join(root, 'results', `${id}.json`));
  if (existsSync(outPath)) {
    throw new CoresweepError(
      'E_USAGE',
      `--out: ${outPath} already exists (use --resume to finish it, or choose another file)`,
    );
  }
  // A journal alone is a run that was killed before its file was written: it is finished, not overwritten.
  if (existsSync(journalPath(outPath))) {
    throw new CoresweepError(
      'E_USAGE',
      `--out: ${journalPath(outPath)} holds an unfinished run (use --resume ${str(values, 'out')} to finish it, or choose another file)`,
    );
  }
  return {
    config: {
      preset: customised ? 'custom' : name,
      workloads: workloadIds,
      sizes,
      strategies: strategyIds,
      workers,
      repetitions: preset.repetitions,
      partsPerWorker,
      timeoutSec,
      seed,
      warmupIterations: preset.warmupIterations,
      minIterations: preset.minIterations,
      timeBudgetMs: preset.timeBudgetMs,
    },
    preset,
    strategies: strategyIds.map((s) => discovery.strategies.find((d) => d.value.id === s)!),
    workloads: workloadIds.map((w) => discovery.workloads.find((d) => d.value.id === w)!),
    outPath,
    createdAt: now.toISOString(),
    id,
    done: new Map(),
    doneEntries: [],
    notes: [],
    timeoutMs: timeoutSec === null ? null : timeoutSec * 1000,
  };
}

/** --resume FILE: the same configuration, with every repetition the file or its journal already holds. */
function planFromResume(path: string, discovery: Discovery): RunPlan {
  const state = loadResumeState(path);
  const config = state.config;
  const find = <T extends { value: { id: string } }>(list: T[], id: string, kind: 'strategy' | 'workload'): T => {
    const found = list.find((d) => d.value.id === id);
    if (found) return found;
    const leftOut = leftOutFor(discovery, kind, id);
    throw new CoresweepError(
      'E_USAGE',
      leftOut
        ? `--resume: the ${kind} ${id} of ${path} is left out: ${leftOutLine(leftOut)}`
        : `--resume: the ${kind} ${id} of ${path} is no longer available`,
    );
  };
  return {
    config,
    preset: {
      repetitions: config.repetitions,
      warmupIterations: config.warmupIterations,
      minIterations: config.minIterations,
      timeBudgetMs: config.timeBudgetMs,
    },
    strategies: config.strategies.map((s) => find(discovery.strategies, s, 'strategy')),
    workloads: config.workloads.map((w) => find(discovery.workloads, w, 'workload')),
    outPath: state.outPath,
    createdAt: state.createdAt,
    id: state.id,
    done: state.done,
    doneEntries: state.entries,
    notes: state.notes,
    timeoutMs: config.timeoutSec === null ? null : config.timeoutSec * 1000,
  };
}

/**
 * A load average of half a core or more before the run means other work competes for the cores the run wants to
 * measure; speedups will be understated and noisy. Said at the start (so the user can stop) and kept in the file.
 */
export function busyMachineWarning(machine: ResultFile['machine']): string | null {
  return busyWarning(
    { otherWorkCores: machine.loadAverage.otherWork ?? null },
    machine.loadAverage.before[0] ?? 0,
    machine.usableCores,
  );
}

interface Reference {
  checksum: string | null;
  error: string | null;
  runMs: number;
}

function repetitionFrom(result: JobResult, index: number, reference: Reference | undefined): Repetition {
  const base: Repetition = {
    index,
    status: 'failed',
    error: null,
    checksum: null,
    samples: [],
    medianMs: null,
    coldMs: null,
    startMs: null,
    cpuMs: null,
    wallMs: null,
    utilisation: null,
    peakRssBytes: null,
    durationMs: result.durationMs,
  };
  if (result.kind === 'timeout') return { ...base, status: 'timeout', error: result.error };
  if (result.kind === 'crashed') return { ...base, status: 'failed', error: result.error };
  if (result.kind === 'interrupted') return { ...base, status: 'skipped', error: 'interrupted' };
  const outcome = result.outcome;
  if (outcome.kind !== 'cell') return { ...base, error: 'cell process answered with a reference outcome' };
  const samples = outcome.samples;
  const sorted = [...samples].sort((a, b) => a - b);
  const rep: Repetition = {
    ...base,
    status: outcome.status,
    error: outcome.error,
    checksum: outcome.checksum,
    samples,
    medianMs: sorted.length ? (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2 : null,
    coldMs: outcome.coldMs,
    startMs: outcome.startMs,
    cpuMs: outcome.cpuMs,
    wallMs: outcome.wallMs,
    utilisation: outcome.utilisation,
    peakRssBytes: outcome.peakRssBytes,
  };
  if (rep.status === 'ok') {
    if (!reference?.checksum)
      return { ...rep, status: 'failed', error: `no reference result: ${reference?.error ?? 'not computed'}` };
    if (outcome.checksum !== reference.checksum) {
      return {
        ...rep,
        status: 'wrong-result',
        error: `checksum ${outcome.checksum} differs from the serial reference ${reference.checksum}`,
      };
    }
    if (outcome.unstableChecksum) {
      return { ...rep, status: 'wrong-result', error: 'a warm run returned a different result than the first run' };
    }
  }
  return rep;
}

function buildResult(
  plan: RunPlan,
  reps: Map<string, Repetition[]>,
  references: Map<string, Reference>,
  state: ResultFile['state'],
  machine: ResultFile['machine'],
  root: string,
): ResultFile {
  const cells: Cell[] = planCells({
    workloads: plan.workloads.map((w) => ({ id: w.value.id, sizes: plan.config.sizes[w.value.id] ?? [] })),
    strategies: plan.config.strategies,
    workers: plan.config.workers,
    partsPerWorker: plan.config.partsPerWorker,
    repetitions: plan.config.repetitions,
    seed: plan.config.seed,
  }).map((key) => {
    const reference = references.get(referenceKey(key))?.checksum ?? null;
    return aggregateCell(key, reps.get(cellKey(key)) ?? [], reference);
  });
  const parallelism = new Map(plan.strategies.map((s) => [s.value.id, s.value.parallelism]));
  const withSpeedups = attachSpeedups(cells, {
    usableCores: machine.usableCores,
    parallelism: (id) => parallelism.get(id) ?? 'threads',
  });
  const warnings = busyMachineWarning(machine) ? [busyMachineWarning(machine) as string] : [];
  if (plan.config.repetitions < MIN_REPETITIONS) {
    warnings.push(
      `${plan.config.repetitions} repetition(s) per cell: ${plan.config.repetitions === 1 ? 'no interval can be given (one process says nothing about the next)' : 'intervals reach only 50%, not 95%'} ` +
        `(use --repetitions ${MIN_REPETITIONS} or more, as the full preset does)`,
    );
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    id: plan.id,
    createdAt: plan.createdAt,
    finishedAt: new Date().toISOString(),
    state,
    tool: { name: 'coresweep', version: TOOL_VERSION },
    machine: { ...machine, loadAverage: { ...machine.loadAverage, after: os.loadavg() } },
    runtime: describeRuntime(),
    git: describeGit(root),
    config: plan.config,
    workloads: plan.workloads.map((w) => ({
      id: w.value.id,
      title: w.value.title,
      description: w.value.description,
      source: w.source,
    })),
    strategies: plan.strategies.map((s) => ({
      id: s.value.id,
      title: s.value.title,
      description: s.value.description,
      parallelism: s.value.parallelism,
      source: s.source,
    })),
    cells: withSpeedups,
    models: fitRunModels(withSpeedups, machine.usableCores, plan.config.seed),
    warnings,
  };
}

export interface RunOutcome {
  exitCode: number;
  resultPath: string | null;
}

export async function runCommand(args: string[], root: string): Promise<RunOutcome> {
  const { values, positionals } = parseCommandArgs('run', args, RUN_OPTIONS);
  if (values.help) {
    process.stdout.write(`${RUN_HELP}\n`);
    return { exitCode: 0, resultPath: null };
  }
  // `--workers 1 2 4` would otherwise run with workers 1 and silently drop the rest.
  if (positionals.length > 0) {
    throw new CoresweepError(
      'E_USAGE',
      `coresweep run: unexpected argument ${JSON.stringify(positionals[0])} (lists are comma-separated, e.g. --workers 1,2,4)`,
    );
  }
  const settleSeconds =
    str(values, 'settle') === undefined
      ? defaultSettleSeconds()
      : parseNonNegativeInteger(str(values, 'settle') as string, '--settle');
  const discovery = await discover({
    root,
    strategyPaths: (values.strategy as string[] | undefined) ?? [],
    workloadPaths: (values.workload as string[] | undefined) ?? [],
  });
  for (const item of discovery.leftOut) process.stderr.write(`warning: left out ${leftOutLine(item)}\n`);
  const resume = str(values, 'resume');
  if (resume) {
    const others = Object.keys(values).filter((k) => !['resume', 'yes', 'strategy', 'workload', 'settle'].includes(k));
    if (others.length > 0)
      throw new CoresweepError(
        'E_USAGE',
        `--resume takes the configuration from the file; drop --${others.join(', --')}`,
      );
  }
  const plan = resume ? planFromResume(resume, discovery) : await planFromArguments(values, root, discovery);
  const machine = describeMachine();
  const progress = new Progress();
  const controller = new AbortController();
  let interruptedBy: InterruptSignal | null = null;
  const stopListening = onInterrupt((signal) => {
    if (interruptedBy) return;
    interruptedBy = signal;
    progress.message(`\n${signal}: stopping — killing the running cell and saving what finished…`);
    controller.abort();
  });
  let journal: JournalWriter | null = null;
  try {
    const cellKeys = planCells({
      workloads: plan.workloads.map((w) => ({ id: w.value.id, sizes: plan.config.sizes[w.value.id] ?? [] })),
      strategies: plan.config.strategies,
      workers: plan.config.workers,
      partsPerWorker: plan.config.partsPerWorker,
      repetitions: plan.config.repetitions,
      seed: plan.config.seed,
    });
    const order = planOrder(cellKeys, plan.config.repetitions, plan.config.seed).filter(
      (run) =>
        !(plan.done.get(cellKey(run.cell)) ?? []).some(
          (rep) => rep.index === run.repetition && rep.status !== 'skipped',
        ),
    );
    const reps = new Map<string, Repetition[]>();
    for (const [key, list] of plan.done)
      reps.set(
        key,
        list.filter((rep) => rep.status !== 'skipped'),
      );

    progress.message(
      `coresweep ${resume ? 'resuming' : 'run'} ${plan.id}: ${cellKeys.length} cells x ${plan.config.repetitions} repetition(s), ` +
        `${order.length} to run; seed ${plan.config.seed}; ${machine.usableCores} usable core(s)`,
    );
    for (const note of plan.notes) progress.message(`note: ${note}`);

    // Forecast first, from a quick in-process probe of each workload: a run that would take days must be
    // caught before even the reference runs start.
    const costs = new Map(plan.workloads.map((w) => [w.value.id, probeCost(w.value)]));
    const estimateMs = estimateTotalMs({
      runMs: order.map((run) => costs.get(run.cell.workload)?.(run.cell.size) ?? 0),
      runsPerRepetition: 1 + plan.preset.warmupIterations + plan.preset.minIterations,
      timeBudgetMs: plan.preset.timeBudgetMs,
    });
    progress.message(`estimated time: about ${formatDuration(estimateMs)}`);
    if (estimateMs > CONFIRM_ABOVE_MS && !values.yes && !resume) {
      throw new CoresweepError(
        'E_USAGE',
        `this run is estimated to take ${formatDuration(estimateMs)}; pass --yes to start it, or choose fewer sizes, workers or repetitions`,
      );
    }

    // Let the load of what ran just before (the build, a previous run) pass, then read the load the warning and
    // the file are based on.
    const settled = await settle(settleSeconds, (line) => progress.message(line), undefined, controller.signal);
    machine.loadAverage = { before: os.loadavg(), after: null, otherWork: settled.otherWorkCores };
    const busy = busyMachineWarning(machine);
    if (busy) progress.message(`warning: ${busy}`);

    // From here on the run can be resumed from its journal alone, even if the runner is killed outright.
    journal = startJournal(
      plan.outPath,
      { id: plan.id, createdAt: plan.createdAt, config: plan.config },
      plan.doneEntries,
    );

    // Reference checksums, one unpartitioned serial run per workload and size, each in its own process.
    const references = new Map<string, Reference>();
    for (const workload of plan.workloads) {
      for (const size of plan.config.sizes[workload.value.id] ?? []) {
        if (controller.signal.aborted) break;
        const key = referenceKey({ workload: workload.value.id, size });
        progress.starting(0, order.length, `reference ${workload.value.id} ${formatSize(size)}`);
        const result = await spawnJob(
          { kind: 'reference', workloadUrl: workload.url, size },
          { timeoutMs: plan.timeoutMs ?? 30 * 60_000, signal: controller.signal },
        );
        if (result.kind === 'outcome' && result.outcome.kind === 'reference') {
          references.set(key, {
            checksum: result.outcome.checksum,
            error: result.outcome.error,
            runMs: result.outcome.runMs,
          });
        } else if (result.kind !== 'interrupted') {
          const error = 'error' in result ? result.error : 'failed';
          references.set(key, { checksum: null, error, runMs: 0 });
          progress.message(`reference ${key} failed: ${error.split('\n')[0]}`);
        }
      }
    }
    let done = 0;
    for (const run of order) {
      if (controller.signal.aborted) break;
      const { cell, repetition } = run;
      const key = cellKey(cell);
      const label = `${cellLabel(cell)} #${repetition + 1}`;
      const strategy = plan.strategies.find((s) => s.value.id === cell.strategy)!;
      const workload = plan.workloads.find((w) => w.value.id === cell.workload)!;
      const reference = references.get(referenceKey(cell));
      progress.starting(done, order.length, label);
      const job: CellJob = {
        kind: 'cell',
        strategyUrl: strategy.url,
        workloadUrl: workload.url,
        size: cell.size,
        workers: cell.workers,
        parts: cell.parts,
        usableCores: machine.usableCores,
        warmupIterations: plan.preset.warmupIterations,
        minIterations: plan.preset.minIterations,
        timeBudgetMs: plan.preset.timeBudgetMs,
      };
      const timeoutMs = plan.timeoutMs ?? defaultTimeoutMs(reference?.runMs ?? 0, plan.preset);
      const result = await spawnJob(job, { timeoutMs, signal: controller.signal });
      if (result.kind === 'interrupted') break;
      const rep = repetitionFrom(result, repetition, reference);
      journal.append({ cell, repetition: rep });
      reps.set(key, [...(reps.get(key) ?? []), rep]);
      done++;
      progress.finished({ done, total: order.length, label, status: rep.status, medianMs: rep.medianMs });
    }
    progress.end();
    journal.close();

    const interrupted = controller.signal.aborted;
    const result = buildResult(plan, reps, references, interrupted ? 'interrupted' : 'complete', machine, root);
    writeResultFile(plan.outPath, result);
    // The journal exists to survive a crash before this point; a complete file makes it redundant.
    if (!interrupted) rmSync(journalPath(plan.outPath), { force: true });
    const shown = relative(process.cwd(), plan.outPath) || plan.outPath;
    process.stdout.write(`${summarizeRun(result)}\n\n`);
    if (interrupted) {
      process.stdout.write(
        `interrupted: saved ${done} finished repetition(s) to ${shown}\nresume with: pnpm coresweep run --resume ${shown}\n`,
      );
      // Exit now rather than by draining the event loop: while Node tears down after a natural exit it has already
      // restored the default signal actions, so a second Ctrl-C in those milliseconds would end the process by
      // SIGINT instead of with this status. Everything is saved; the callbacks wait for stdout and stderr to flush.
      const code = interruptExitCode(interruptedBy ?? 'SIGINT');
      await Promise.all(
        [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))),
      );
      process.exit(code);
    }
    process.stdout.write(`result: ${shown}\n`);
    const bad = result.cells.some((cell) => cell.status !== 'ok');
    return { exitCode: bad ? 1 : 0, resultPath: plan.outPath };
  } finally {
    journal?.close();
    // After an interrupt the handler stays: a second signal while the process winds down would otherwise kill it
    // by the default action, replacing the exit code of the first (129/130/143) and maybe the last output.
    if (!interruptedBy) stopListening();
  }
}
