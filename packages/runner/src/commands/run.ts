/**
 * `coresweep run`: the pipeline, one step per module. Arguments become a configuration (run-arguments.ts) or
 * `--resume` reads one back (resume.ts); plan.ts builds the cells and their order; execute.ts runs the references
 * and every repetition in fresh processes; assemble.ts turns what was collected into the result file. This module
 * wires them together with the real processes, journal, progress and signals, and decides the exit.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import {
  CoresweepError,
  cellKey,
  formatPrecision,
  type Machine,
  maxRepetitionsFor,
  precisionSettings,
  type ResultFile,
  runtimeLabel,
  SERIAL_ID,
  targetFor,
} from '@coresweep/core';
import { parseNonNegativeInteger } from '../args.js';
import { assembleResult, busyMachineWarning, type Environment, type RunRecord } from '../assemble.js';
import { type Discovery, discover } from '../discovery.js';
import { estimateTotalMs, probeCost } from '../estimate.js';
import { execute } from '../execute.js';
import { formatDuration } from '../format.js';
import { earlierRuns } from '../history.js';
import { type InterruptSignal, interruptExitCode, onInterrupt } from '../interrupts.js';
import { type JournalWriter, journalPath, startJournal } from '../journal.js';
import { leftOutLine } from '../left-out.js';
import { describeGit, describeMachine, describeRuntime, namedMachine } from '../machine.js';
import { helpText, nonEmpty, parseCommand } from '../options.js';
import { type PlannedCell, planRun, type RunPlan } from '../plan.js';
import { Progress } from '../progress.js';
import { defaultSettleSeconds, settle } from '../quiet-start.js';
import { writeResultFile } from '../result-store.js';
import { loadResumeState, type ResumeState } from '../resume.js';
import { DEFAULT_TIME_CAP_FACTOR } from '../rounds.js';
import { type RunValues, runtimeSpecs, startFromArguments } from '../run-arguments.js';
import { RUN_COMMAND } from '../run-options.js';
import { runtimesCacheDir } from '../runtimes/cache.js';
import { resolveRuntimes, runningNode } from '../runtimes/resolve.js';
import { parseRuntimeSpec } from '../runtimes/spec.js';
import { spawnJob } from '../spawn-job.js';
import { summarizeRun } from '../summary.js';
import { TOOL_VERSION } from '../version.js';
import { buildReport } from './report.js';

export const RUN_HELP = helpText(RUN_COMMAND);

/** Runs larger than this ask for --yes: a typo in --sizes should not silently occupy a machine for days. */
const CONFIRM_ABOVE_MS = 6 * 3600_000;

/** Options that may come with --resume: none of them is configuration, which comes from the file. */
const WITH_RESUME = new Set(['resume', 'yes', 'report', 'settle', 'strategy', 'workload']);

export interface RunOutcome {
  exitCode: number;
  resultPath: string | null;
}

interface CommandLinePlan {
  plan: RunPlan;
  /** What `--resume` found already done (null for a new run). */
  resumed: ResumeState | null;
}

/** Installing a runtime is said on stderr, where warnings go: stdout stays the summary's. */
const sayRuntime = (line: string) => process.stderr.write(`${line}\n`);

/**
 * A new run from the arguments, or the run `--resume FILE` names with what it already finished. The runtimes are
 * resolved first (from the cache, or installed), so the plan knows what every cell runs on.
 */
async function planFromCommandLine(
  values: RunValues,
  root: string,
  discovery: Discovery,
  machine: Machine,
): Promise<CommandLinePlan> {
  const resume = nonEmpty(values.resume, 'resume');
  if (resume === undefined) {
    const specs = runtimeSpecs(values);
    const runtimes = await resolveRuntimes(specs, runtimesCacheDir(), sayRuntime);
    const start = startFromArguments(values, root, discovery, machine.usableCores, runtimes);
    return { plan: planRun(start, discovery, new Map(), runtimes), resumed: null };
  }
  const others = Object.keys(values).filter((name) => !WITH_RESUME.has(name));
  if (others.length > 0) {
    throw new CoresweepError(
      'E_USAGE',
      `--resume takes the configuration from the file; drop --${others.join(', --')}`,
    );
  }
  const resumed = loadResumeState(resume);
  // The exact runtimes the run started with (a run from before runtimes were an axis ran on the running Node).
  const recorded = resumed.config.runtimes;
  const runtimes = recorded
    ? await resolveRuntimes(
        recorded.map((id) => parseRuntimeSpec(id, '--resume')),
        runtimesCacheDir(),
        sayRuntime,
      )
    : [runningNode()];
  return { plan: planRun(resumed, discovery, resumed.done, runtimes), resumed };
}

/** `runtimes: node 20.20.2 (this process), bun 1.4.5 (~/.cache/…/bun@1.4.5)`, when any is not the running Node. */
function runtimesLine(plan: RunPlan): string | null {
  if (plan.runtimes.every((runtime) => runtime.source === 'this process')) return null;
  return `runtimes: ${plan.runtimes.map((r) => `${runtimeLabel(r.info)} (${r.source})`).join(', ')}`;
}

/**
 * The forecast, from a quick in-process probe of each workload, before even the reference runs start: a run that
 * would take days is refused unless confirmed with --yes. With a precision target it is a range: from the planned
 * repetitions alone (every cell precise at its minimum) to every cell at its maximum, or the time cap if that comes
 * first.
 */
function forecast(plan: RunPlan, progress: Progress, confirmed: boolean): void {
  const costs = new Map(plan.workloads.map((w) => [w.value.id, probeCost(w.value)]));
  const { config } = plan;
  const cost = (cell: PlannedCell) => costs.get(cell.workload)?.(cell.size) ?? 0;
  const estimate = (runMs: number[]) =>
    estimateTotalMs({
      runMs,
      runsPerRepetition: 1 + config.warmupIterations + config.minIterations,
      timeBudgetMs: config.timeBudgetMs,
    });
  const lowMs = estimate(plan.order.map((run) => cost(run.cell)));
  const settings = precisionSettings(config);
  let highMs = lowMs;
  if (settings) {
    // Cells planned without a process (a strategy's unsupported()) cost nothing.
    const measured = plan.cells.filter((cell) => !cell.notRun);
    const repeat = (cell: PlannedCell, times: number) => Array.from({ length: Math.max(0, times) }, () => cost(cell));
    const most = measured.flatMap((cell) =>
      repeat(
        cell,
        maxRepetitionsFor(cell.strategy, settings.maxRepetitions) - (plan.done.get(cellKey(cell))?.length ?? 0),
      ),
    );
    const capMs = config.timeCapSec
      ? config.timeCapSec * 1000
      : DEFAULT_TIME_CAP_FACTOR * estimate(measured.flatMap((cell) => repeat(cell, config.repetitions)));
    highMs = Math.max(lowMs, Math.min(estimate(most), capMs));
  }
  progress.message(
    highMs > lowMs
      ? `estimated time: about ${formatDuration(lowMs)} if every cell is within ${formatPrecision(settings?.precision)} after ${config.repetitions} repetitions, at most about ${formatDuration(highMs)}`
      : `estimated time: about ${formatDuration(lowMs)}`,
  );
  if (highMs > CONFIRM_ABOVE_MS && !confirmed) {
    throw new CoresweepError(
      'E_USAGE',
      `this run is estimated to take ${highMs > lowMs ? 'up to ' : ''}${formatDuration(highMs)}; pass --yes to start it, or choose fewer sizes, workers or repetitions`,
    );
  }
}

interface Interrupts {
  signal: AbortSignal;
  /** The signal that stopped the run, once one did. */
  by(): InterruptSignal | null;
  /** Stops listening, unless a signal came: then the handler stays (see below). */
  release(): void;
}

/**
 * Ctrl-C, SIGTERM and SIGHUP abort the run: the running cell is killed and what finished is saved. After the first
 * signal the handler stays installed: a second one while the process winds down would otherwise kill it by the
 * default action, replacing the exit code of the first (129/130/143) and maybe the last output.
 */
function listenForInterrupts(progress: Progress): Interrupts {
  const controller = new AbortController();
  let interruptedBy: InterruptSignal | null = null;
  const stopListening = onInterrupt((signal) => {
    if (interruptedBy) return;
    interruptedBy = signal;
    progress.message(`\n${signal}: stopping — killing the running cell and saving what finished…`);
    controller.abort();
  });
  return {
    signal: controller.signal,
    by: () => interruptedBy,
    release() {
      if (!interruptedBy) stopListening();
    },
  };
}

/** What the result file records about the run besides its cells. */
function runRecord(plan: RunPlan): RunRecord {
  return {
    id: plan.id,
    createdAt: plan.createdAt,
    config: plan.config,
    cells: plan.cells,
    workloads: plan.workloads.map(({ value, source }) => ({
      id: value.id,
      title: value.title,
      description: value.description,
      ...(typeof value.input === 'function' ? { data: true } : {}),
      ...(typeof value.runAsync === 'function' ? { asyncForm: true } : {}),
      source,
    })),
    strategies: plan.strategies.map(({ value, source }) => ({
      id: value.id,
      title: value.title,
      description: value.description,
      parallelism: value.parallelism,
      ...(value.transports ? { transports: [...value.transports] } : {}),
      source,
    })),
  };
}

function environment(machine: Machine, root: string): Environment {
  return {
    machine: { ...machine, loadAverage: { ...machine.loadAverage, after: os.loadavg() } },
    runtime: describeRuntime(),
    git: describeGit(root),
    toolVersion: TOOL_VERSION,
  };
}

/**
 * An interrupted run says how to resume it and exits at once with 130/143 rather than by draining the event loop:
 * while Node tears down after a natural exit it has already restored the default signal actions, so a second Ctrl-C
 * in those milliseconds would end the process by SIGINT instead of with this status. Everything is saved; the
 * callbacks wait for stdout and stderr to flush.
 */
async function exitInterrupted(signal: InterruptSignal | null, finished: number, shown: string): Promise<never> {
  process.stdout.write(
    `interrupted: saved ${finished} finished repetition(s) to ${shown}\nresume with: pnpm coresweep run --resume ${shown}\n`,
  );
  await Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))),
  );
  process.exit(interruptExitCode(signal ?? 'SIGINT'));
}

/** `3 repetition(s)`, or with a target `3 to 10 repetitions (serial 20) until within ±2% (serial ±1%)`. */
function repetitionsText(config: RunPlan['config']): string {
  const settings = precisionSettings(config);
  if (!settings) return `${config.repetitions} repetition(s)`;
  return (
    `${config.repetitions} to ${settings.maxRepetitions} repetitions (serial ${maxRepetitionsFor(SERIAL_ID, settings.maxRepetitions)}) ` +
    `until within ${formatPrecision(settings.precision)} (serial ${formatPrecision(targetFor(SERIAL_ID, settings.precision))})`
  );
}

/** What the command line decides about how the run starts, besides its configuration. */
interface StartChoices {
  /** --yes: a run forecast above six hours starts anyway. */
  confirmed: boolean;
  /** --settle: how long to wait for other work to quiet down before measuring. */
  settleSeconds: number;
  /** --history: the directory of earlier runs, or null (off) for intervals within this run only. */
  historyDir: string | null;
}

/** Runs the plan and writes its result file; exits the process when the run was interrupted. */
async function runPlan(
  { plan, resumed }: CommandLinePlan,
  choices: StartChoices,
  machine: Machine,
  root: string,
): Promise<ResultFile> {
  const progress = new Progress();
  const interrupts = listenForInterrupts(progress);
  let journal: JournalWriter | null = null;
  try {
    progress.message(
      `coresweep ${resumed ? 'resuming' : 'run'} ${plan.id}: ${plan.cells.length} cells x ${repetitionsText(plan.config)}, ` +
        `${plan.order.length} to run; seed ${plan.config.seed}; ${machine.usableCores} usable core(s)`,
    );
    const runtimes = runtimesLine(plan);
    if (runtimes) progress.message(runtimes);
    for (const note of resumed?.notes ?? []) progress.message(`note: ${note}`);
    for (const line of plan.unplanned) progress.message(`not planned: ${line}`);
    forecast(plan, progress, choices.confirmed || resumed !== null);
    // Let the load of what ran just before (the build, a previous run) pass, then read the load the warning and
    // the file are based on.
    const settled = await settle(choices.settleSeconds, (line) => progress.message(line), undefined, interrupts.signal);
    machine.loadAverage = { before: os.loadavg(), after: null, otherWork: settled.otherWorkCores };
    const busy = busyMachineWarning(machine);
    if (busy) progress.message(`warning: ${busy}`);
    // From here on the run can be resumed from its journal alone, even if the runner is killed outright.
    const writer = startJournal(
      plan.outPath,
      { id: plan.id, createdAt: plan.createdAt, config: plan.config },
      resumed?.entries ?? [],
    );
    journal = writer;
    const collected = await execute(plan, {
      spawn: spawnJob,
      journal: (entry) => writer.append(entry),
      progress,
      signal: interrupts.signal,
      usableCores: machine.usableCores,
    });
    progress.end();
    writer.close();
    const interrupted = interrupts.signal.aborted;
    const current = { id: plan.id, machine, config: plan.config };
    const history = choices.historyDir === null ? [] : earlierRuns(choices.historyDir, current, plan.outPath);
    const result = assembleResult(
      runRecord(plan),
      collected,
      environment(machine, root),
      { state: interrupted ? 'interrupted' : 'complete', finishedAt: new Date().toISOString() },
      history,
    );
    writeResultFile(plan.outPath, result);
    // The journal exists to survive a crash before this point; a complete file makes it redundant.
    if (!interrupted) rmSync(journalPath(plan.outPath), { force: true });
    process.stdout.write(`${summarizeRun(result)}\n\n`);
    const shown = relative(process.cwd(), plan.outPath) || plan.outPath;
    if (interrupted) await exitInterrupted(interrupts.by(), collected.finished, shown);
    process.stdout.write(`result: ${shown}\n`);
    return result;
  } finally {
    journal?.close();
    interrupts.release();
  }
}

/**
 * Where the earlier runs are (--history): the result file's directory by default, null for `off`. A directory named
 * on the command line must exist: a typo would otherwise leave every interval within the run without a word.
 */
function historyDirectory(text: string | undefined, outPath: string): string | null {
  if (text === 'off') return null;
  if (text === undefined) return dirname(outPath);
  const dir = resolve(text);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CoresweepError(
      'E_USAGE',
      `--history: ${text} is not a directory (give a directory of result files, or off)`,
    );
  }
  return dir;
}

export async function runCommand(args: string[], root: string): Promise<RunOutcome> {
  const parsed = parseCommand(RUN_COMMAND, args);
  if (!parsed) return { exitCode: 0, resultPath: null };
  const { values, positionals } = parsed;
  // `--workers 1 2 4` would otherwise run with workers 1 and silently drop the rest.
  if (positionals.length > 0) {
    throw new CoresweepError(
      'E_USAGE',
      `coresweep run: unexpected argument ${JSON.stringify(positionals[0])} (lists are comma-separated, e.g. --workers 1,2,4)`,
    );
  }
  const settleText = nonEmpty(values.settle, 'settle');
  const settleSeconds =
    settleText === undefined ? defaultSettleSeconds() : parseNonNegativeInteger(settleText, '--settle');
  const discovery = await discover({
    root,
    strategyPaths: values.strategy ?? [],
    workloadPaths: values.workload ?? [],
  });
  for (const item of discovery.leftOut) process.stderr.write(`warning: left out ${leftOutLine(item)}\n`);
  const described = describeMachine();
  const planned = await planFromCommandLine(values, root, discovery, described);
  const { plan } = planned;
  // After planning: a resumed run keeps the name its first part was given.
  const machine = namedMachine(described, plan.config.machineName);
  const historyDir = historyDirectory(nonEmpty(values.history, 'history'), plan.outPath);
  const result = await runPlan(planned, { confirmed: Boolean(values.yes), settleSeconds, historyDir }, machine, root);
  // A skipped cell was planned not to run (its strategy declared it unsupported, with the reason): no failure.
  const exitCode = result.cells.some((cell) => cell.status !== 'ok' && cell.status !== 'skipped') ? 1 : 0;
  if (values.report) {
    // After a long run the report must not fail because of some older, unrelated bad file in results/:
    // such files are skipped with a warning here (a plain `coresweep report` stops on them instead).
    const status = await buildReport(root, {
      results: join(root, 'results'),
      out: join(root, 'report-site'),
      skipInvalid: true,
    });
    if (status !== 0) return { exitCode: status, resultPath: plan.outPath };
  }
  return { exitCode, resultPath: plan.outPath };
}
