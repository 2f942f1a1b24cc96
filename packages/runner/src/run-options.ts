/** The options of `coresweep run`, declared once: parsing and the help text both come from this table. */
import { MODULE_PATH_OPTIONS } from './discovery.js';
import type { CommandDeclaration, OptionDeclaration } from './options.js';
import { PRESETS, type Preset } from './presets.js';
import { RUNTIMES_DIR_HELP } from './runtimes/cache.js';
import { RUNTIME_SPEC_HELP } from './runtimes/spec.js';

/** A preset field's default as the help says it: `3` when the presets agree, `quick 1, full 3` when they do not. */
function presetDefault(field: keyof Preset, shown: (value: Preset[keyof Preset]) => string = String): string {
  const { quick, full } = { quick: shown(PRESETS.quick[field]), full: shown(PRESETS.full[field]) };
  return `(default: ${quick === full ? quick : `quick ${quick}, full ${full}`})`;
}

/** A precision as the option takes it: `2` for ±2%, `off` for none. */
const percent = (value: Preset[keyof Preset]) => (value === null ? 'off' : `${Number(value) * 100}`);

export const RUN_COMMAND = {
  name: 'run',
  usage: 'coresweep run [options]',
  options: {
    preset: { type: 'string', value: 'quick|full', help: 'sizes and repetition defaults (default: quick)' },
    workloads: { type: 'string', value: 'a,b', help: 'workloads to run (default: all discovered)' },
    sizes: {
      type: 'string',
      value: 'n,m',
      help: "total units of work, overriding the preset's sizes for every workload",
    },
    strategies: {
      type: 'string',
      value: 'a,b',
      help: 'strategies to run (default: all discovered; serial is always added as the reference)',
    },
    workers: {
      type: 'string',
      value: '1,2,4',
      help: 'worker counts (default: quick 1 and the usable cores, full 1 .. 2 x usable cores)',
    },
    transports: {
      type: 'string',
      value: 'a,b',
      help:
        'how a workload with data travels: clone, transfer, shared (threads), json, advanced (processes); each ' +
        'strategy runs the ones it supports (default: clone,advanced, the copy each gets without asking for more)',
    },
    runtimes: {
      type: 'string',
      value: 'a,b',
      help: `runtimes every cell runs on: ${RUNTIME_SPEC_HELP}; other than the running node, installed from the npm registry into ${RUNTIMES_DIR_HELP} on first use (default: node, the running one)`,
    },
    ...MODULE_PATH_OPTIONS,
    repetitions: {
      type: 'string',
      value: 'R',
      help: `fresh processes per cell; with --precision, the minimum ${presetDefault('repetitions')}`,
    },
    precision: {
      type: 'string',
      value: 'PCT|off',
      help: `add rounds of repetitions until each cell's 95% interval is within ±PCT% (serial: ±PCT/2%); off: exactly R; --repetitions alone turns it off ${presetDefault('precision', percent)}`,
    },
    'max-repetitions': {
      type: 'string',
      value: 'N',
      help: `with --precision, the most repetitions a cell gets; serial gets 2N ${presetDefault('maxRepetitions')}`,
    },
    'time-cap': {
      type: 'string',
      value: 'SEC',
      help: 'with --precision, start no more rounds once repetitions have taken SEC seconds in all (default: half as long again as the first R rounds took)',
    },
    'parts-per-worker': {
      type: 'string',
      value: 'K',
      help: 'parts per worker; parts are handed out dynamically (default: 1)',
    },
    warmup: { type: 'string', value: 'N', help: `warm-up runs before timing ${presetDefault('warmupIterations')}` },
    iterations: {
      type: 'string',
      value: 'N',
      help: `minimum timed runs per repetition ${presetDefault('minIterations')}`,
    },
    'time-budget': {
      type: 'string',
      value: 'MS',
      help: `minimum timed duration per repetition ${presetDefault('timeBudgetMs')}`,
    },
    timeout: {
      type: 'string',
      value: 'SEC',
      help: 'per-repetition timeout (default: derived from the serial time of the size)',
    },
    seed: {
      type: 'string',
      value: 'N',
      help: 'seed of the run order and bootstrap (default: random, recorded in the file)',
    },
    out: { type: 'string', value: 'FILE', help: 'result file (default: results/<run id>.json)' },
    machine: {
      type: 'string',
      value: 'NAME',
      help: 'name of this machine in the report, instead of the id derived from its CPU, usable cores, memory, OS and architecture (letters, digits, . _ -)',
    },
    resume: {
      type: 'string',
      value: 'FILE',
      help: 'finish an interrupted or killed run (from FILE, or its journal alone): runs exactly the missing repetitions',
    },
    yes: {
      type: 'boolean',
      help: 'do not ask for confirmation of a run estimated to take more than 6 hours',
    },
    settle: {
      type: 'string',
      value: 'SEC',
      help: 'wait up to SEC seconds for other work (a build just before, a previous run) to quiet down before the first measured process; 0 to start at once (default: 30)',
    },
    history: {
      type: 'string',
      value: 'DIR|off',
      help: "earlier runs whose spread between runs every 95% interval includes: result files of this machine with the same --warmup, --iterations, --time-budget and --parts-per-worker (default: the result file's directory; off: intervals within this run only)",
    },
    report: {
      type: 'boolean',
      help: 'when the run ends, build the report of results/ into report-site/ (what pnpm bench does)',
    },
  },
} as const satisfies CommandDeclaration<Record<string, OptionDeclaration>>;

export type RunOptions = (typeof RUN_COMMAND)['options'];
