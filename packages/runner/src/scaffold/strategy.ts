/**
 * `coresweep new strategy NAME`: a strategy package that is correct out of the box and passes the conformance suite.
 * Its source files are copies of the real modules in ./templates/ (linted and type-checked with this package, their
 * compiled output a working strategy), with the name, title and description filled in: `threads` and `processes`
 * are a pool built on @coresweep/strategy-kit, `none` runs the parts one after another on one thread. The manifest,
 * tsconfig, README and test depend on where the package goes, so they are written here.
 */
import { readFileSync } from 'node:fs';
import type { Parallelism } from '@coresweep/core';
import { coresweepDependency, type Placement, packageJson, quote, stringProperty, tsconfigJson } from './files.js';

export interface StrategyScaffold {
  name: string;
  parallelism: Parallelism;
  where: Placement;
}

export function strategyPackageName(name: string, where: Placement): string {
  return where.workspaceRoot ? `@coresweep/strategy-${name}` : `coresweep-strategy-${name}`;
}

function titleOf({ name, parallelism }: StrategyScaffold): string {
  if (parallelism === 'none') return `${name} (one thread)`;
  return `${name} (${parallelism === 'threads' ? 'worker_threads' : 'child_process.fork'} pool)`;
}

function descriptionOf({ parallelism }: StrategyScaffold): string {
  if (parallelism === 'none') return 'Every part one after another on the calling thread.';
  const unit = parallelism === 'threads' ? 'worker threads' : 'forked Node.js processes';
  return `A pool of ${unit} started once and reused by every run; an idle worker takes the next part.`;
}

export function strategyPackageJson(scaffold: StrategyScaffold): string {
  const { where } = scaffold;
  const kit = { '@coresweep/strategy-kit': coresweepDependency(where) };
  // A pool runs on the kit; any strategy's test runs the kit's conformance suite.
  const usesKit = scaffold.parallelism !== 'none';
  return packageJson(where, {
    name: strategyPackageName(scaffold.name, where),
    description: `coresweep strategy: ${descriptionOf(scaffold).replace(/^./, (c) => c.toLowerCase())}`,
    keyword: 'coresweep-strategy',
    coresweep: { strategy: './dist/index.js' },
    ...(usesKit ? { dependencies: kit } : { devDependencies: kit }),
  });
}

/** The template modules, as source: read from src/ whether this module runs from src/ or from dist/. */
const TEMPLATES = new URL('../../src/scaffold/templates/', import.meta.url);

/** Source files of each kind, by path in the new package (the template folder holds the same names). */
const TEMPLATE_FILES: Record<Parallelism, string[]> = {
  none: ['index.ts'],
  threads: ['index.ts', 'worker.ts'],
  processes: ['index.ts', 'worker.ts'],
};

/** A `key: '%PLACEHOLDER%',` line: re-rendered whole, so a long value breaks the way the formatter breaks it. */
const PROPERTY_LINE = /^(\s*)(\w+): '%([A-Z]+)%',$/;
const PLACEHOLDER = /%([A-Z]+)%/g;

/** A template with its %NAME%, %TITLE% and %DESCRIPTION% filled in. */
export function fillTemplate(template: string, scaffold: StrategyScaffold): string {
  const values: Record<string, string> = {
    NAME: scaffold.name,
    TITLE: titleOf(scaffold),
    DESCRIPTION: descriptionOf(scaffold),
  };
  const value = (key: string): string => {
    const text = values[key];
    if (text === undefined) throw new Error(`strategy template: unknown placeholder %${key}%`);
    return text;
  };
  return template
    .split('\n')
    .map((line) => {
      const property = PROPERTY_LINE.exec(line);
      if (property) return stringProperty(property[1] as string, property[2] as string, value(property[3] as string));
      // Elsewhere only NAME appears inside quotes, and an id needs no escaping (lowercase letters, digits, dashes).
      return line.replace(PLACEHOLDER, (_match, key: string) => value(key));
    })
    .join('\n');
}

function sourceFiles(scaffold: StrategyScaffold): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of TEMPLATE_FILES[scaffold.parallelism]) {
    const template = readFileSync(new URL(`${scaffold.parallelism}/${file}`, TEMPLATES), 'utf8');
    files[`src/${file}`] = fillTemplate(template, scaffold);
  }
  return files;
}

function conformanceTest(name: string): string {
  const oneLine = `describeStrategyConformance(new URL('../dist/index.js', import.meta.url).href, { name: ${quote(name)} });`;
  const call =
    oneLine.length <= 120
      ? oneLine
      : `describeStrategyConformance(new URL('../dist/index.js', import.meta.url).href, {\n  name: ${quote(name)},\n});`;
  return `/**
 * Runs the coresweep conformance suite on this strategy's compiled module (build first: the suite imports dist/).
 */
import { describeStrategyConformance } from '@coresweep/strategy-kit/conformance';

${call}
`;
}

function readme(scaffold: StrategyScaffold): string {
  const { name, parallelism, where } = scaffold;
  const pkg = strategyPackageName(name, where);
  const inRepo = where.workspaceRoot !== null;
  const how =
    parallelism === 'none'
      ? '- `start()` imports the workload module once (by its `file:` URL); `run()` computes every part on the calling\n  thread, in order; `close()` only marks the executor closed.'
      : `- \`src/index.ts\` hands \`startPool()\` of \`@coresweep/strategy-kit\` a \`spawn\` that starts one ${parallelism === 'threads' ? 'worker thread' : 'forked process'}
  running \`src/worker.ts\`, which imports the workload module once (by its \`file:\` URL) and serves parts.
- The kit's pool resolves \`start()\` once every worker is ready, then hands parts out one message per part (an idle
  worker takes the next one); results come back in the order of \`parts\`.
- A part that throws rejects \`run()\` with the worker's message and stack; a worker that dies or an aborted signal
  rejects everything pending and later. \`close()\` stops every worker and resolves once all have exited.
- \`pids()\` ${parallelism === 'processes' ? 'lists the worker processes (the runner adds their CPU time and memory).' : 'is empty: threads live in the calling process.'}
- To dispatch differently (e.g. through shared memory, as the built-in \`worker-threads\` does), give \`startPool()\`
  your own \`dispatch\`; the lifecycle and failure rules stay the kit's.`;
  const commands = inRepo
    ? `\`\`\`sh\n${aligned([
        ['pnpm install', 'link the new workspace package'],
        ['pnpm build', 'compile src/ to dist/'],
        [`npx vitest run ${relativeHint(scaffold)}`, 'the conformance suite'],
        ['pnpm coresweep list', `${name} is listed`],
      ])}
pnpm coresweep run --strategies ${name} --workloads do-math --sizes 1000000 --workers 1,2
\`\`\``
    : `\`\`\`sh
npm install          # or pnpm install
npm test             # compile, then the conformance suite
# in a coresweep checkout: run it by path, or install this package there as a dependency
pnpm coresweep run --strategy /path/to/${name}/dist/index.js --workloads do-math --sizes 1000000 --workers 1,2
\`\`\``;
  return `# ${pkg}

A coresweep strategy (parallelism: \`${parallelism}\`), generated by \`coresweep new strategy ${name}\`.

${how}

${commands}

The package is found by its \`package.json\`: keyword \`coresweep-strategy\` and
\`"coresweep": { "strategy": "./dist/index.js" }\`. See \`docs/writing-a-strategy.md\` in the coresweep repository for
the contract, what the conformance suite checks and how the runner measures a strategy.
`;
}

/** Shell lines with their comments aligned. */
function aligned(steps: [command: string, comment: string][]): string {
  const width = Math.max(...steps.map(([command]) => command.length));
  return steps.map(([command, comment]) => `${command.padEnd(width)}   # ${comment}`).join('\n');
}

function relativeHint(scaffold: StrategyScaffold): string {
  const root = scaffold.where.workspaceRoot;
  if (!root) return '.';
  return scaffold.where.dir
    .slice(root.length + 1)
    .split('\\')
    .join('/');
}

/** Every file of the new strategy package, by path relative to its directory. */
export function strategyFiles(scaffold: StrategyScaffold): Record<string, string> {
  return {
    'package.json': strategyPackageJson(scaffold),
    'tsconfig.json': tsconfigJson(scaffold.where),
    'README.md': readme(scaffold),
    ...sourceFiles(scaffold),
    'test/conformance.test.ts': conformanceTest(scaffold.name),
  };
}
