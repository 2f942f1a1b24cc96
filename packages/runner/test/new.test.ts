/**
 * `coresweep new`: a scaffolded strategy and workload compile, pass their own tests (the strategy conformance suite),
 * are found by discovery and run in a matrix with status ok — with no other edit.
 *
 * Everything happens in a temporary workspace root (pnpm-workspace.yaml, the repository's tsconfig.base.json, and a
 * node_modules that links the real @coresweep packages, @types and vitest), never in this repository's packages/:
 * other test runs discover that tree, and a half-made package there would break them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseResultFile } from '@coresweep/core';
import { execa, execaNode } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../src/discovery.js';
import { CLI, FAST, ROOT, type RunFlags, runArgs } from './helpers.js';
import { processesWithMarker, waitFor } from './processes.js';

const STRATEGY = 'e2e-pool';
const PROCESS_STRATEGY = 'e2e-fork';
const SERIAL_LIKE = 'e2e-plain';
const WORKLOAD = 'e2e-kernel';
/** A workload with data (`new workload --data`): an input generated from size and seed, a slice per part. */
const DATA_WORKLOAD = 'e2e-bytes';
/** Every process a test starts inherits this marker, so the test can check that none is left behind. */
const MARKER = `coresweep-new-test-${process.pid}`;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');

let root: string;
const strategyDir = (name = STRATEGY) => join(root, 'packages', 'strategies', name);
const workloadDir = () => join(root, 'packages', `workload-${WORKLOAD}`);
const dataWorkloadDir = () => join(root, 'packages', `workload-${DATA_WORKLOAD}`);

/** The environment of a child: this one without vitest's own variables (a nested vitest must not think it is a worker). */
function childEnv(): Record<string, string> {
  const env: Record<string, string> = { CORESWEEP_NEW_TEST: MARKER };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST') env[key] = value;
  }
  return env;
}

function coresweep(args: string[], cwd = ROOT) {
  return execaNode(CLI, args, { reject: false, cwd, all: true, timeout: 60_000, env: childEnv(), extendEnv: false });
}

/** The built entry of a scaffolded package. */
const built = (dir: string) => join(dir, 'dist', 'index.js');

/**
 * `coresweep run` of the scaffolded packages with `flags`, one repetition of the fast settings and seed 11, writing
 * `name` in the temporary root: the CLI's result and the result file, parsed against the schema.
 */
async function runScaffolded(name: string, flags: RunFlags) {
  const out = join(root, name);
  const result = await coresweep(runArgs({ ...flags, out, ...FAST, seed: 11, repetitions: 1 }));
  expect(result.exitCode, result.all).toBe(0);
  return parseResultFile(readFileSync(out, 'utf8'), out);
}

function link(target: string, path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  symlinkSync(target, path, 'dir');
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'coresweep-new-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n  - packages/strategies/*\n');
  cpSync(join(ROOT, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  for (const pkg of ['core', 'strategy-kit', 'workloads']) {
    link(join(ROOT, 'packages', pkg), join(root, 'node_modules', '@coresweep', pkg));
  }
  link(join(ROOT, 'node_modules', '@types'), join(root, 'node_modules', '@types'));
  link(join(ROOT, 'node_modules', 'vitest'), join(root, 'node_modules', 'vitest'));
});

afterAll(async () => {
  // Nothing a scaffolded package started may outlive the test, whatever failed above.
  await waitFor(() => processesWithMarker(MARKER).length === 0, 10_000);
  for (const pid of processesWithMarker(MARKER)) process.kill(pid, 'SIGKILL');
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('coresweep new', () => {
  it('scaffolds strategies of each kind and a workload into a workspace, and prints the next steps', async () => {
    const made = await coresweep(['new', 'strategy', STRATEGY, '--dir', strategyDir()]);
    expect(made.exitCode, made.all).toBe(0);
    expect(made.stdout).toContain(`Created strategy ${STRATEGY} (@coresweep/strategy-${STRATEGY})`);
    for (const step of ['pnpm install', 'pnpm build', 'pnpm coresweep list', `--strategies ${STRATEGY}`]) {
      expect(made.stdout).toContain(step);
    }
    for (const [name, parallelism] of [
      [PROCESS_STRATEGY, 'processes'],
      [SERIAL_LIKE, 'none'],
    ] as const) {
      const dir = strategyDir(name);
      const other = await coresweep(['new', 'strategy', name, '--parallelism', parallelism, '--dir', dir]);
      expect(other.exitCode, other.all).toBe(0);
    }
    const workload = await coresweep(['new', 'workload', WORKLOAD, '--dir', workloadDir()]);
    expect(workload.exitCode, workload.all).toBe(0);
    expect(workload.stdout).toContain(`Created workload ${WORKLOAD} (@coresweep/workload-${WORKLOAD})`);
    const data = await coresweep(['new', 'workload', DATA_WORKLOAD, '--data', '--dir', dataWorkloadDir()]);
    expect(data.exitCode, data.all).toBe(0);
    const dataIndex = readFileSync(join(dataWorkloadDir(), 'src', 'index.ts'), 'utf8');
    expect(dataIndex).toContain(`id: '${DATA_WORKLOAD}'`);
    expect(dataIndex).toContain('input(size, seed)');
    expect(dataIndex).not.toMatch(/%[A-Z]+%/);

    const manifest = JSON.parse(readFileSync(join(strategyDir(), 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      keywords: ['coresweep-strategy'],
      coresweep: { strategy: './dist/index.js' },
      scripts: { build: 'tsc -p tsconfig.json' },
      // A pool is built on the kit, so the kit is a runtime dependency.
      dependencies: { '@coresweep/core': 'workspace:*', '@coresweep/strategy-kit': 'workspace:*' },
    });
    expect(manifest.devDependencies ?? {}).toEqual({});
    // Without a pool the kit is needed only by the test (the conformance suite).
    const plain = JSON.parse(readFileSync(join(strategyDir(SERIAL_LIKE), 'package.json'), 'utf8'));
    expect(plain.dependencies).toEqual({ '@coresweep/core': 'workspace:*' });
    expect(plain.devDependencies).toEqual({ '@coresweep/strategy-kit': 'workspace:*' });
    expect(JSON.parse(readFileSync(join(strategyDir(), 'tsconfig.json'), 'utf8')).extends).toBe(
      '../../../tsconfig.base.json',
    );
    for (const file of ['src/index.ts', 'src/worker.ts', 'test/conformance.test.ts', 'README.md']) {
      expect(existsSync(join(strategyDir(), file)), file).toBe(true);
    }
    // The sources are the runner's template modules with every placeholder filled in.
    for (const name of [STRATEGY, PROCESS_STRATEGY, SERIAL_LIKE]) {
      const index = readFileSync(join(strategyDir(name), 'src', 'index.ts'), 'utf8');
      expect(index).toContain(`const ID = '${name}';`);
      expect(index).not.toMatch(/%[A-Z]+%/);
    }
    expect(readFileSync(join(strategyDir(), 'test/conformance.test.ts'), 'utf8')).toContain(
      "from '@coresweep/strategy-kit/conformance'",
    );
    const workloadManifest = JSON.parse(readFileSync(join(workloadDir(), 'package.json'), 'utf8'));
    expect(workloadManifest.coresweep).toEqual({ workloads: ['./dist/index.js'] });
  });

  it('a package outside the workspace folders names versions and carries a complete tsconfig', async () => {
    const dir = join(root, 'elsewhere', 'standalone');
    const made = await coresweep(['new', 'strategy', 'standalone', '--dir', dir]);
    expect(made.exitCode, made.all).toBe(0);
    expect(made.stdout).toContain('--strategy ');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('coresweep-strategy-standalone');
    expect(manifest.dependencies['@coresweep/core']).toMatch(/^\^\d/);
    expect(manifest.dependencies['@coresweep/strategy-kit']).toMatch(/^\^\d/);
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@types/node', 'typescript', 'vitest']);
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.extends).toBeUndefined();
    expect(tsconfig.compilerOptions.strict).toBe(true);
  });

  it('refuses bad names, unknown kinds and existing directories with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['new', 'strategy', 'My_Pool', '--dir', join(root, 'x')], /"My_Pool" is not a valid id/],
      [['new', 'gadget', 'x'], /unknown kind "gadget" \(valid: strategy, workload/],
      [['new', 'strategy'], /NAME is missing/],
      [
        ['new', 'strategy', 'x', '--parallelism', 'gpu', '--dir', join(root, 'x')],
        /--parallelism: unknown value "gpu"/,
      ],
      [['new', 'workload', 'x', '--parallelism', 'none', '--dir', join(root, 'x')], /only for coresweep new strategy/],
      [['new', 'strategy', STRATEGY, '--dir', strategyDir()], /already exists/],
    ];
    const before = readFileSync(join(strategyDir(), 'src', 'index.ts'), 'utf8');
    for (const [args, message] of cases) {
      const result = await coresweep(args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
    expect(existsSync(join(root, 'x'))).toBe(false);
    expect(readFileSync(join(strategyDir(), 'src', 'index.ts'), 'utf8')).toBe(before);
  });

  it('the packages compile with tsc (strict), their own tests pass: the conformance suite and the partition check', async () => {
    const projects = [
      strategyDir(),
      strategyDir(PROCESS_STRATEGY),
      strategyDir(SERIAL_LIKE),
      workloadDir(),
      dataWorkloadDir(),
      join(root, 'elsewhere', 'standalone'),
    ];
    const builds = await Promise.all(
      projects.map((dir) =>
        execa(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { reject: false, all: true, cwd: dir }),
      ),
    );
    builds.forEach((build, i) => {
      expect(build.exitCode, `${projects[i]}: ${build.all}`).toBe(0);
    });
    // The scaffolded tests as their authors will run them: vitest in the package, on its compiled dist/: the default
    // (a thread pool on the kit) and the one template without the kit. The process pool is the kit's pool over
    // forkLink, as child-process is (which the kit's own conformance test covers); it is compiled, linted and run in
    // a matrix below, and left out here because its suite costs the most (every test forks processes).
    const tests = await execa(
      process.execPath,
      [
        VITEST,
        'run',
        '--root',
        root,
        ...[STRATEGY, SERIAL_LIKE].map((name) => `packages/strategies/${name}`),
        'packages/workload-e2e-kernel',
        `packages/workload-${DATA_WORKLOAD}`,
      ],
      { reject: false, all: true, cwd: root, env: childEnv(), extendEnv: false, timeout: 200_000 },
    );
    expect(tests.exitCode, tests.all).toBe(0);
    for (const name of [STRATEGY, SERIAL_LIKE]) {
      expect(tests.all).toContain(`packages/strategies/${name}/test/conformance.test.ts`);
    }
    expect(tests.all).toMatch(/Test Files\s+.*4 passed/);
  }, 300_000);

  it("the generated files already pass the repository's Biome format and lint rules", async () => {
    const lint = await execa(
      BIOME,
      ['check', `--config-path=${join(ROOT, 'biome.json')}`, '--vcs-enabled=false', 'packages', 'elsewhere'],
      { reject: false, all: true, cwd: root },
    );
    expect(lint.exitCode, lint.all).toBe(0);
  });

  it('discovery finds them in the workspace with no other edit', async () => {
    const found = await discover({ root });
    const strategy = found.strategies.find((s) => s.value.id === STRATEGY);
    expect(strategy?.source).toBe(`workspace packages/strategies/${STRATEGY}`);
    expect(strategy?.value.parallelism).toBe('threads');
    expect(found.strategies.find((s) => s.value.id === PROCESS_STRATEGY)?.value.parallelism).toBe('processes');
    expect(found.strategies.find((s) => s.value.id === SERIAL_LIKE)?.value.parallelism).toBe('none');
    const workload = found.workloads.find((w) => w.value.id === WORKLOAD);
    expect(workload?.source).toBe(`workspace packages/workload-${WORKLOAD}`);
    expect(workload?.url).toBe(pathToFileURL(join(workloadDir(), 'dist', 'index.js')).href);
    // The linked @coresweep/workloads counts as an installed dependency.
    expect(found.workloads.map((w) => w.value.id)).toContain('do-math');
  });

  it('they run in a matrix with status ok: --strategy and --workload by path', async () => {
    const file = await runScaffolded('run.json', {
      strategy: [built(strategyDir()), built(strategyDir(PROCESS_STRATEGY))],
      workload: built(workloadDir()),
      strategies: 'serial',
      workloads: `do-math,${WORKLOAD}`,
      sizes: 100000,
      workers: '1,2',
    });
    const cells = file.cells.map((c) => `${c.workload}/${c.strategy}/${c.workers}/${c.status}`).sort();
    expect(cells).toEqual(
      [
        `do-math/${PROCESS_STRATEGY}/1/ok`,
        `do-math/${PROCESS_STRATEGY}/2/ok`,
        `do-math/${STRATEGY}/1/ok`,
        `do-math/${STRATEGY}/2/ok`,
        'do-math/serial/1/ok',
        `${WORKLOAD}/${PROCESS_STRATEGY}/1/ok`,
        `${WORKLOAD}/${PROCESS_STRATEGY}/2/ok`,
        `${WORKLOAD}/${STRATEGY}/1/ok`,
        `${WORKLOAD}/${STRATEGY}/2/ok`,
        `${WORKLOAD}/serial/1/ok`,
      ].sort(),
    );
    expect(await waitFor(() => processesWithMarker(MARKER).length === 0, 10_000)).toBe(true);
  }, 120_000);

  it('a workload with data runs through the scaffolded strategies by their transports, checksums equal the reference', async () => {
    const file = await runScaffolded('run-data.json', {
      strategy: [built(strategyDir()), built(strategyDir(PROCESS_STRATEGY)), built(strategyDir(SERIAL_LIKE))],
      workload: built(dataWorkloadDir()),
      strategies: 'serial',
      workloads: DATA_WORKLOAD,
      sizes: 64,
      workers: 2,
      transports: 'clone,shared,json',
    });
    const cells = file.cells.map((c) => `${c.strategy}/${c.transport ?? 'none'}/${c.status}`).sort();
    expect(cells).toEqual(
      [
        `${PROCESS_STRATEGY}/json/ok`,
        `${SERIAL_LIKE}/none/ok`,
        `${STRATEGY}/clone/ok`,
        `${STRATEGY}/shared/ok`,
        'serial/none/ok',
      ].sort(),
    );
    for (const cell of file.cells) expect(cell.checksum, `${cell.strategy} ${cell.transport}`).toBe(cell.reference);
    expect(await waitFor(() => processesWithMarker(MARKER).length === 0, 10_000)).toBe(true);
  }, 120_000);
});

// The scaffolded files must stay out of this repository's packages/ (other runs discover that tree).
it('leaves this repository untouched', () => {
  for (const name of [STRATEGY, PROCESS_STRATEGY, SERIAL_LIKE]) {
    expect(existsSync(join(ROOT, 'packages', 'strategies', name))).toBe(false);
  }
  expect(existsSync(join(ROOT, 'packages', `workload-${WORKLOAD}`))).toBe(false);
  expect(existsSync(join(ROOT, 'packages', `workload-${DATA_WORKLOAD}`))).toBe(false);
});
