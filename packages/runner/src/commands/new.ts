/**
 * `coresweep new strategy NAME` and `coresweep new workload NAME`: scaffold a package that discovery finds with no
 * other edit, correct out of the box, with a test (the strategy conformance suite, or a partition check for a
 * workload) and a README.
 */
import { relative, resolve } from 'node:path';
import { CoresweepError, ID_PATTERN, type Parallelism } from '@coresweep/core';
import { helpText, parseCommand } from '../options.js';
import { placement, writePackage } from '../scaffold/files.js';
import { strategyFiles, strategyPackageName } from '../scaffold/strategy.js';
import { workloadFiles, workloadPackageName } from '../scaffold/workload.js';

const NEW_COMMAND = {
  name: 'new',
  usage: `coresweep new strategy NAME [--dir DIR] [--parallelism none|threads|processes]
coresweep new workload NAME [--dir DIR] [--data]
  NAME                       the id: lowercase letters, digits and dashes`,
  options: {
    dir: {
      type: 'string',
      value: 'DIR',
      help: 'where the package goes [strategy: packages/strategies/NAME; workload: packages/workload-NAME]',
    },
    parallelism: {
      type: 'string',
      value: 'P',
      help: "the strategy's kind [threads]: none (one thread), threads (a worker_threads pool), processes (a child_process.fork pool)",
    },
    data: {
      type: 'boolean',
      help: 'a workload with data: an input generated from size and seed, each part receiving its slice of it',
    },
  },
  notes: `  Inside this workspace the package uses workspace:* dependencies; anywhere else it names versions and brings
  its own tools. An existing directory is never overwritten.`,
} as const;

export const NEW_HELP = helpText(NEW_COMMAND);

const KINDS = ['strategy', 'workload'] as const;
type Kind = (typeof KINDS)[number];
const PARALLELISMS: readonly Parallelism[] = ['none', 'threads', 'processes'];

export async function newCommand(args: string[], root: string): Promise<number> {
  const parsed = parseCommand(NEW_COMMAND, args);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const [kindArg, name, ...extra] = positionals;
  if (kindArg === undefined || !(KINDS as readonly string[]).includes(kindArg)) {
    const problem = kindArg === undefined ? 'what to create is missing' : `unknown kind ${JSON.stringify(kindArg)}`;
    throw new CoresweepError(
      'E_USAGE',
      `coresweep new: ${problem} (valid: ${KINDS.join(', ')}; e.g. coresweep new strategy my-pool)`,
    );
  }
  const kind = kindArg as Kind;
  if (name === undefined) throw new CoresweepError('E_USAGE', `coresweep new ${kind}: NAME is missing`);
  if (extra.length > 0) {
    throw new CoresweepError('E_USAGE', `coresweep new ${kind}: unexpected argument ${JSON.stringify(extra[0])}`);
  }
  if (!ID_PATTERN.test(name)) {
    throw new CoresweepError(
      'E_USAGE',
      `coresweep new ${kind}: ${JSON.stringify(name)} is not a valid id (lowercase letters, digits and dashes, starting with a letter or digit, at most 63 characters)`,
    );
  }
  const dirValue = values.dir;
  if (dirValue === '') throw new CoresweepError('E_USAGE', '--dir: needs a directory');
  const parallelismValue = values.parallelism;
  if (parallelismValue !== undefined) {
    if (kind !== 'strategy') throw new CoresweepError('E_USAGE', '--parallelism: only for coresweep new strategy');
    if (!(PARALLELISMS as readonly string[]).includes(parallelismValue)) {
      throw new CoresweepError(
        'E_USAGE',
        `--parallelism: unknown value ${JSON.stringify(parallelismValue)} (valid: ${PARALLELISMS.join(', ')})`,
      );
    }
  }

  if (values.data !== undefined && kind !== 'workload') {
    throw new CoresweepError('E_USAGE', '--data: only for coresweep new workload');
  }

  const defaultDir =
    kind === 'strategy' ? resolve(root, 'packages', 'strategies', name) : resolve(root, 'packages', `workload-${name}`);
  const dir = dirValue === undefined ? defaultDir : resolve(dirValue);
  const where = placement(dir);
  let packageName: string;
  if (kind === 'strategy') {
    const parallelism = (parallelismValue ?? 'threads') as Parallelism;
    writePackage(dir, strategyFiles({ name, parallelism, where }));
    packageName = strategyPackageName(name, where);
  } else {
    writePackage(dir, workloadFiles({ name, where, data: values.data === true }));
    packageName = workloadPackageName(name, where);
  }
  process.stdout.write(nextSteps(kind, name, packageName, dir, where.workspaceRoot, values.data === true));
  return 0;
}

function nextSteps(
  kind: Kind,
  name: string,
  packageName: string,
  dir: string,
  workspace: string | null,
  data: boolean,
): string {
  // A unit of the data template is a 4 KiB block: a million of them would be 4 GB of input.
  const size = data ? '1024' : '1000000';
  const shown = relative(process.cwd(), dir) || '.';
  const lines = [`Created ${kind} ${name} (${packageName}) in ${shown}`, '', 'Next steps:'];
  const test = kind === 'strategy' ? 'the conformance suite' : 'the partition check';
  if (workspace) {
    const at = relative(process.cwd(), workspace);
    if (at !== '') lines.push(`  cd ${at}`);
    const testPath = relative(workspace, dir).split('\\').join('/');
    const steps: [string, string][] = [
      ['pnpm install', 'link the new workspace package'],
      ['pnpm build', 'compile it to dist/'],
      [`npx vitest run ${testPath}`, test],
      ['pnpm coresweep list', `${name} is listed`],
    ];
    const width = Math.max(...steps.map(([command]) => command.length));
    for (const [command, comment] of steps) lines.push(`  ${command.padEnd(width)}   # ${comment}`);
    lines.push(
      kind === 'strategy'
        ? `  pnpm coresweep run --strategies ${name} --workloads do-math --sizes 1000000 --workers 1,2`
        : `  pnpm coresweep run --workloads ${name} --strategies worker-threads --sizes ${size} --workers 1,2`,
    );
  } else {
    const moduleFile = resolve(dir, 'dist', 'index.js');
    lines.push(
      `  cd ${shown}`,
      `  npm install && npm test   # compile, then ${test}`,
      '  then, in a coresweep checkout, add it by path (or install the package there as a dependency):',
      kind === 'strategy'
        ? `  pnpm coresweep run --strategy ${moduleFile} --workloads do-math --sizes 1000000 --workers 1,2`
        : `  pnpm coresweep run --workload ${moduleFile} --workloads ${name} --sizes ${size} --workers 1,2`,
    );
  }
  lines.push('', 'Guide: docs/writing-a-strategy.md in the coresweep repository');
  return `${lines.join('\n')}\n`;
}
