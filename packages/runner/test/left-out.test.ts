/**
 * Packages left out by discovery: the first error of a failed build in one line, the wrapper's list read from the
 * environment, and a requested strategy or workload that a left-out package would provide named with its problem.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_FAILURES_VARIABLE, buildErrorHeadline, buildFailuresFromEnvironment } from '../src/build-failures.js';
import type { Discovery } from '../src/discovery.js';
import { requireDiscovered } from '../src/left-out.js';

const dir = mkdtempSync(join(tmpdir(), 'coresweep-left-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// What `pnpm run build` of a scaffolded package that was never installed writes to its turbo log.
const TSC_LOG = `
> @coresweep/workload-k@0.1.0 build /w/packages/workload-k
> tsc -p tsconfig.json

\u001b[96msrc/index.ts\u001b[0m:\u001b[93m10\u001b[0m:\u001b[93m32\u001b[0m - \u001b[91merror\u001b[0m TS2307: Cannot find module '@coresweep/core'.
src/index.ts(33,7): error TS7006: Parameter 'start' implicitly has an 'any' type.
src/index.ts(33,14): error TS7006: Parameter 'end' implicitly has an 'any' type.
 ELIFECYCLE  Command failed with exit code 2.
 WARN   Local package.json exists, but node_modules missing, did you mean to install?
`;

describe('a failed build', () => {
  it('is summed up by its first error, without colours or package-manager noise, and a count of the rest', () => {
    expect(buildErrorHeadline(TSC_LOG)).toBe(
      "src/index.ts:10:32 - error TS2307: Cannot find module '@coresweep/core'. (+2 more: run pnpm build to see them)",
    );
    expect(buildErrorHeadline('> x build\n> node build.mjs\nSegmentation fault\n')).toBe('Segmentation fault');
    expect(buildErrorHeadline('')).toBe('the build failed (run pnpm build to see why)');
  });

  it("is read from the wrapper's environment variable; a package that never ran says why; junk is ignored", () => {
    const log = join(dir, 'turbo-build.log');
    writeFileSync(log, TSC_LOG);
    const failures = buildFailuresFromEnvironment({
      [BUILD_FAILURES_VARIABLE]: JSON.stringify([
        { directory: join(dir, 'a'), log },
        { directory: join(dir, 'b'), log: null },
        { nonsense: true },
      ]),
    });
    expect([...failures]).toEqual([
      [join(dir, 'a'), expect.stringContaining('error TS2307')],
      [join(dir, 'b'), 'not built: a package it depends on did not build'],
    ]);
    expect(buildFailuresFromEnvironment({ [BUILD_FAILURES_VARIABLE]: '{not json' }).size).toBe(0);
    expect(buildFailuresFromEnvironment({}).size).toBe(0);
  });
});

describe('asking for what a left-out package would provide', () => {
  const discovery = {
    strategies: [{ value: { id: 'serial' } }, { value: { id: 'async' } }],
    workloads: [{ value: { id: 'do-math' } }],
    leftOut: [
      {
        source: 'workspace packages/strategies/my-pool',
        kinds: ['strategy'],
        names: ['my-pool', 'strategy-my-pool'],
        error: 'does not build: src/index.ts(1,1): error TS1005',
      },
    ],
  } as unknown as Discovery;

  it('names the package and its problem', () => {
    expect(() => requireDiscovered(['serial', 'my-pool'], discovery, 'strategy', '--strategies')).toThrow(
      '--strategies: the strategy my-pool is left out: workspace packages/strategies/my-pool: does not build: src/index.ts(1,1): error TS1005',
    );
  });

  it('mentions the left-out packages of that kind beside the valid ids of an unknown one', () => {
    expect(() => requireDiscovered(['nope'], discovery, 'strategy', '--strategies')).toThrow(
      '--strategies: unknown strategy "nope" (valid: serial, async; left out: workspace packages/strategies/my-pool: see coresweep list)',
    );
    // a left-out strategy says nothing about workloads
    expect(() => requireDiscovered(['nope'], discovery, 'workload', '--workloads')).toThrow(
      '--workloads: unknown workload "nope" (valid: do-math)',
    );
    expect(() => requireDiscovered(['serial', 'async'], discovery, 'strategy', '--strategies')).not.toThrow();
  });
});
