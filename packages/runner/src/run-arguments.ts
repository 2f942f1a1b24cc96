/**
 * `coresweep run`'s arguments turned into a new run's configuration: every value checked (one E_USAGE line
 * naming the flag), the preset's defaults filled in, the run's id and result path chosen. What the run then does
 * with the configuration is plan.ts's job.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CoresweepError,
  DATA_TRANSPORTS,
  MACHINE_NAME_PATTERN,
  type RunConfig,
  runtimeId,
  SERIAL_ID,
  type Transport,
} from '@coresweep/core';
import {
  parseIntegerList,
  parseList,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parsePositiveNumber,
  requireKnown,
} from './args.js';
import type { Discovery } from './discovery.js';
import { journalPath } from './journal.js';
import { requireDiscovered } from './left-out.js';
import { nonEmpty, type OptionValues } from './options.js';
import { PRESETS, type Preset, type PresetName } from './presets.js';
import type { RunOptions } from './run-options.js';
import type { ResolvedRuntime } from './runtimes/resolve.js';
import { parseRuntimeSpec, type RuntimeSpec } from './runtimes/spec.js';

export type RunValues = OptionValues<RunOptions>;

/** A run about to start: who it is, where it goes and what it measures. */
export interface RunStart {
  id: string;
  createdAt: string;
  outPath: string;
  config: RunConfig;
}

/** Longer per-repetition timeouts are surely typos (and beyond 24.8 days Node's timers would fire at once). */
const MAX_TIMEOUT_SEC = 7 * 24 * 3600;
/** Below this not even an empty Node process starts: every cell would time out. */
const MIN_TIMEOUT_SEC = 0.5;
const MAX_WORKERS = 1024;

/** A string option's value, checked non-empty, or undefined when it was left out. */
function text(values: RunValues, name: keyof RunOptions & string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? nonEmpty(value, name) : undefined;
}

/** `--machine NAME` as a config field, checked: it becomes the machine's id in file names and report URLs. */
function machineName(values: RunValues): { machineName?: string } {
  const name = text(values, 'machine');
  if (name === undefined) return {};
  if (!MACHINE_NAME_PATTERN.test(name)) {
    throw new CoresweepError(
      'E_USAGE',
      `--machine: ${JSON.stringify(name)} is not a machine name (1-64 letters, digits, dots, dashes, underscores; starting with a letter or digit)`,
    );
  }
  return { machineName: name };
}

function presetName(value: string | undefined): PresetName {
  if (value === undefined) return 'quick';
  if (value === 'quick' || value === 'full') return value;
  throw new CoresweepError('E_USAGE', `--preset: unknown preset ${JSON.stringify(value)} (valid: quick, full)`);
}

/** The most repetitions a cell may be given; the serial baseline may get twice it. */
const MAX_REPETITIONS = 1000;

/** `--precision 2` or `2%` is ±2% (0.02); `off` is no target. */
function parsePrecision(text: string): number | null {
  if (text.trim().toLowerCase() === 'off') return null;
  const percent = Number(text.trim().replace(/%$/, ''));
  if (!Number.isFinite(percent) || percent <= 0 || percent >= 100 || text.trim() === '') {
    throw new CoresweepError(
      'E_USAGE',
      `--precision: ${JSON.stringify(text)} is not a percentage between 0 and 100 (e.g. 2 for ±2%), or off`,
    );
  }
  return percent / 100;
}

/** How each repetition measures and how many there are: the preset's values, each overridable by its own option. */
function measurement(
  values: RunValues,
  preset: Preset,
): Omit<Preset, 'workers' | 'transports'> & { timeCapSec: number | null } {
  const option = <T>(name: keyof RunOptions & string, parse: (value: string) => T, fallback: T): T => {
    const value = text(values, name);
    return value === undefined ? fallback : parse(value);
  };
  const repetitions = option(
    'repetitions',
    (v) => parsePositiveInteger(v, '--repetitions', MAX_REPETITIONS),
    preset.repetitions,
  );
  // A fixed --repetitions R keeps meaning exactly R processes per cell, unless a precision target is asked for too.
  const presetPrecision = values.repetitions === undefined ? preset.precision : null;
  const precision = option('precision', parsePrecision, presetPrecision);
  if (precision === null) {
    for (const name of ['max-repetitions', 'time-cap'] as const) {
      if (values[name] !== undefined) throw new CoresweepError('E_USAGE', `--${name}: needs a --precision target`);
    }
  }
  const maxRepetitions = option(
    'max-repetitions',
    (v) => parsePositiveInteger(v, '--max-repetitions', MAX_REPETITIONS),
    Math.max(preset.maxRepetitions, repetitions),
  );
  if (maxRepetitions < repetitions) {
    throw new CoresweepError(
      'E_USAGE',
      `--max-repetitions: ${maxRepetitions} is fewer than the ${repetitions} repetition(s) every cell gets first`,
    );
  }
  return {
    repetitions,
    precision,
    maxRepetitions,
    timeCapSec: option('time-cap', (v) => parsePositiveNumber(v, '--time-cap'), null),
    warmupIterations: option('warmup', (v) => parseNonNegativeInteger(v, '--warmup'), preset.warmupIterations),
    minIterations: option('iterations', (v) => parsePositiveInteger(v, '--iterations', 100_000), preset.minIterations),
    timeBudgetMs: option('time-budget', (v) => parsePositiveNumber(v, '--time-budget'), preset.timeBudgetMs),
  };
}

/** The workloads and strategies to run, by id; serial is always among the strategies, first when it was added. */
function selection(values: RunValues, discovery: Discovery): { workloads: string[]; strategies: string[] } {
  const knownWorkloads = discovery.workloads.map((w) => w.value.id);
  const knownStrategies = discovery.strategies.map((s) => s.value.id);
  if (!knownStrategies.includes(SERIAL_ID)) {
    throw new CoresweepError(
      'E_DISCOVERY',
      'no serial strategy found: it is the reference of every speedup (run pnpm build)',
    );
  }
  const workloadsText = text(values, 'workloads');
  const workloads = workloadsText ? parseList(workloadsText, '--workloads') : knownWorkloads;
  requireDiscovered(workloads, discovery, 'workload', '--workloads');
  const strategiesText = text(values, 'strategies');
  const strategies = strategiesText ? parseList(strategiesText, '--strategies') : knownStrategies;
  requireDiscovered(strategies, discovery, 'strategy', '--strategies');
  // Strategies added by path are meant to run even when --strategies lists others.
  for (const added of discovery.strategies.filter((s) => s.source.startsWith('path '))) {
    if (!strategies.includes(added.value.id)) strategies.push(added.value.id);
  }
  return { workloads, strategies: strategies.includes(SERIAL_ID) ? strategies : [SERIAL_ID, ...strategies] };
}

/** The transports a workload with data is moved by: the listed ones, or the preset's (each strategy runs those it supports). */
function transports(values: RunValues, preset: Preset): Transport[] {
  const value = text(values, 'transports');
  if (value === undefined) return [...preset.transports];
  const listed = parseList(value, '--transports');
  requireKnown(listed, [...DATA_TRANSPORTS], '--transports', 'transport');
  return listed as Transport[];
}

function timeoutSeconds(values: RunValues): number | null {
  const value = text(values, 'timeout');
  if (value === undefined) return null;
  const seconds = parsePositiveNumber(value, '--timeout');
  if (seconds > MAX_TIMEOUT_SEC) {
    throw new CoresweepError('E_USAGE', `--timeout: ${seconds} is larger than the maximum ${MAX_TIMEOUT_SEC} (7 days)`);
  }
  if (seconds < MIN_TIMEOUT_SEC) {
    throw new CoresweepError('E_USAGE', `--timeout: ${seconds} is smaller than the minimum ${MIN_TIMEOUT_SEC} s`);
  }
  return seconds;
}

function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
}

/** The result file of a new run: neither it nor its journal may exist yet (finishing one is --resume's job). */
function resultPath(values: RunValues, root: string, id: string): string {
  const outPath = resolve(text(values, 'out') ?? join(root, 'results', `${id}.json`));
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
      `--out: ${journalPath(outPath)} holds an unfinished run (use --resume ${text(values, 'out')} to finish it, or choose another file)`,
    );
  }
  return outPath;
}

/** --runtimes as specs, checked; the running Node alone when it is not given. */
export function runtimeSpecs(values: RunValues): RuntimeSpec[] {
  const listed = text(values, 'runtimes');
  return listed ? parseList(listed, '--runtimes').map((entry) => parseRuntimeSpec(entry)) : [{ name: 'node' }];
}

/**
 * A new run from the command line: `usableCores` sizes the default worker counts; `runtimes` are those of
 * --runtimes, resolved (runtimes/resolve.ts), recorded in the configuration by their exact versions.
 */
export function startFromArguments(
  values: RunValues,
  root: string,
  discovery: Discovery,
  usableCores: number,
  runtimes: readonly ResolvedRuntime[],
): RunStart {
  const name = presetName(text(values, 'preset'));
  const settings = measurement(values, PRESETS[name]);
  const customised = (
    ['sizes', 'repetitions', 'precision', 'max-repetitions', 'time-cap', 'warmup', 'iterations', 'time-budget'] as const
  ).some((option) => values[option] !== undefined);
  const { workloads, strategies } = selection(values, discovery);
  const workersText = text(values, 'workers');
  const workers = workersText
    ? parseIntegerList(workersText, '--workers', MAX_WORKERS).sort((a, b) => a - b)
    : PRESETS[name].workers(usableCores);
  const sizesText = text(values, 'sizes');
  const sizesOverride = sizesText ? parseIntegerList(sizesText, '--sizes') : null;
  const partsText = text(values, 'parts-per-worker');
  const partsPerWorker = partsText ? parsePositiveInteger(partsText, '--parts-per-worker', 1_000_000) : 1;
  const sizes = Object.fromEntries(
    workloads.map((id) => [id, sizesOverride ?? discovery.workloads.find((w) => w.value.id === id)!.value.sizes[name]]),
  );
  const timeoutSec = timeoutSeconds(values);
  const seedText = text(values, 'seed');
  const seed = seedText ? parseNonNegativeInteger(seedText, '--seed') : randomBytes(4).readUInt32LE() >>> 1;
  const now = new Date();
  const id = newRunId(now);
  return {
    id,
    createdAt: now.toISOString(),
    outPath: resultPath(values, root, id),
    config: {
      preset: customised ? 'custom' : name,
      workloads,
      sizes,
      strategies,
      workers,
      transports: transports(values, PRESETS[name]),
      repetitions: settings.repetitions,
      // Written only with a target: a run with a fixed number of repetitions keeps the configuration it always had.
      ...(settings.precision === null
        ? {}
        : {
            precision: settings.precision,
            maxRepetitions: settings.maxRepetitions,
            timeCapSec: settings.timeCapSec,
          }),
      partsPerWorker,
      timeoutSec,
      seed,
      warmupIterations: settings.warmupIterations,
      minIterations: settings.minIterations,
      timeBudgetMs: settings.timeBudgetMs,
      ...machineName(values),
      runtimes: runtimes.map((runtime) => runtimeId(runtime.info)),
    },
  };
}
