/**
 * A new user's half-made plugins: `coresweep new workload NAME` and `coresweep new strategy NAME` without the
 * `pnpm install` step, then `pnpm coresweep list` and `pnpm coresweep run` through the wrapper that builds the
 * workspace first, as the README says. Neither package builds; both are named with their first error, everything
 * else keeps working, and asking for the broken strategy is one clear error.
 *
 * The packages go where a new user's go, into this repository's packages/ (the wrapper's workspace build must see
 * them), and are removed afterwards. Vitest runs test files one at a time, so no other test sees them.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseResultFile } from '@coresweep/core';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, FAST, ROOT, runArgs } from './helpers.js';
import { processesWithMarker } from './processes.js';
import { STACK_FRAME } from './spawn-cli.js';

const PREFIX = 'e2e-unbuilt-';
const WORKLOAD = `${PREFIX}kernel`;
const STRATEGY = `${PREFIX}pool`;
const workloadDir = join(ROOT, 'packages', `workload-${WORKLOAD}`);
const strategyDir = join(ROOT, 'packages', 'strategies', STRATEGY);
const MARKER = `coresweep-broken-plugin-test-${process.pid}`;
const out = join(ROOT, 'results', `.broken-plugin-test-${process.pid}.json`);

/** Packages this test made, including ones left by an earlier run that was killed before cleaning up. */
function remove(): void {
  for (const parent of [join(ROOT, 'packages'), join(ROOT, 'packages', 'strategies')]) {
    for (const name of readdirSync(parent).filter((n) => n.includes(PREFIX))) {
      rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
  rmSync(out, { force: true });
  rmSync(`${out}.journal.jsonl`, { force: true });
}

/** `pnpm coresweep ...` from the repository root, without vitest's variables (they would leak into child tests). */
function pnpmCoresweep(args: string[]) {
  const env: Record<string, string> = { CORESWEEP_TEST_MARKER: MARKER };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST') env[key] = value;
  }
  return execa('node', [join(ROOT, 'scripts', 'coresweep.mjs'), ...args], {
    cwd: ROOT,
    env,
    extendEnv: false,
    reject: false,
    all: true,
    timeout: 240_000,
  });
}

beforeAll(async () => {
  remove();
  for (const [kind, name] of [
    ['workload', WORKLOAD],
    ['strategy', STRATEGY],
  ]) {
    const made = await cli(['new', kind as string, name as string]);
    expect(made.exitCode, made.all).toBe(0);
    expect(made.stdout).toContain('pnpm install');
  }
  expect(existsSync(join(workloadDir, 'package.json'))).toBe(true);
  expect(existsSync(join(strategyDir, 'node_modules'))).toBe(false);
});

afterAll(remove);

describe('scaffolded packages that were never installed', () => {
  it('list names both with their build error and lists everything else', async () => {
    const list = await pnpmCoresweep(['list']);
    expect(list.exitCode, list.all).toBe(0);
    for (const id of ['serial', 'worker-threads', 'child-process', 'do-math', 'primes'])
      expect(list.stdout).toContain(id);
    expect(list.stdout).toContain('Left out (2)');
    for (const source of [`packages/workload-${WORKLOAD}`, `packages/strategies/${STRATEGY}`]) {
      expect(list.stdout).toMatch(
        new RegExp(
          `workspace ${source}: its dependencies are not installed \\(run pnpm install\\); does not build: .*error TS`,
        ),
      );
    }
  }, 300_000);

  it('run measures the rest with a warning line about each, and leaves no process behind', async () => {
    const run = await pnpmCoresweep(
      runArgs({ workloads: 'do-math', strategies: 'serial,worker-threads', sizes: 100000, workers: 1, ...FAST, out }),
    );
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stderr).toContain(`warning: left out workspace packages/workload-${WORKLOAD}: its dependencies`);
    expect(run.stderr).toContain(`warning: left out workspace packages/strategies/${STRATEGY}: its dependencies`);
    const file = parseResultFile(readFileSync(out, 'utf8'), out);
    expect(file.cells.map((c) => `${c.strategy}:${c.status}`)).toEqual(['serial:ok', 'worker-threads:ok']);
    expect(processesWithMarker(MARKER)).toEqual([]);
  }, 300_000);

  it('run --strategies with the broken one exits 2 with one line naming it and its error', async () => {
    const run = await pnpmCoresweep(['run', '--strategies', `serial,${STRATEGY}`, '--workers', '1']);
    expect(run.exitCode, run.all).toBe(2);
    const error = run.stderr.split('\n').filter((line) => line.startsWith('coresweep: '));
    expect(error, run.stderr).toEqual([
      expect.stringMatching(
        new RegExp(
          `^coresweep: --strategies: the strategy ${STRATEGY} is left out: workspace packages/strategies/${STRATEGY}: .*does not build: .*error TS`,
        ),
      ),
    ]);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  }, 300_000);
});
