/**
 * worker-threads beyond the conformance suite: both result paths (shared memory and the per-run message), shared
 * buffers that grow between runs, queued concurrent runs, a result no message can carry, a pool that stays
 * usable after a part fails, and the claim size of createWorkerThreads({ maxClaim }). Runs the compiled strategy
 * (build first). No timing assertions.
 */
import type { Executor, PartRange, Strategy } from '@coresweep/core';
import { fixtureWorkloadUrls } from '@coresweep/strategy-kit/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript fixture without types
import { FUNCTION_UNIT, partValue } from './fixtures/mixed-workload.mjs';

const strategyUrl = new URL('../dist/index.js', import.meta.url).href;
const mixedUrl = new URL('./fixtures/mixed-workload.mjs', import.meta.url).href;
const open = new Set<Executor>();

async function start(workload: string, workers = 2): Promise<Executor> {
  const strategy = (await import(strategyUrl)).default as Strategy;
  const executor = await strategy.start({ workload, workers, signal: new AbortController().signal });
  open.add(executor);
  return executor;
}

/** Parts of one unit each: [from, from + 1), ... */
function unitParts(from: number, count: number): PartRange[] {
  return Array.from({ length: count }, (_, i): PartRange => [from + i, from + i + 1]);
}

const expected = (parts: PartRange[]) => parts.map(([s, e]) => partValue(s, e) as unknown);

afterEach(async () => {
  await Promise.all([...open].map((executor) => executor.close()));
  open.clear();
});

describe('worker-threads shared-memory dispatch', () => {
  it('returns every kind of result, in part order, whichever path it takes', async () => {
    const executor = await start(mixedUrl, 3);
    const parts = [...unitParts(0, 240), [500, 500] as PartRange, [600, 600] as PartRange];
    const results = await executor.run(1000, parts);
    expect(results).toEqual(expected(parts));
    // -0 survives shared memory (toEqual treats it as equal to 0, Object.is does not).
    expect(Object.is(results[7], -0)).toBe(true);
    expect(Number.isNaN(results[10] as number)).toBe(true);
  });

  it('grows its shared buffers for runs with more parts, and smaller runs afterwards stay correct', async () => {
    const executor = await start(mixedUrl, 2);
    for (const count of [10, 5000, 300, 70_000, 1]) {
      const parts = unitParts(count, count);
      expect(await executor.run(200_000, parts), `${count} parts`).toEqual(expected(parts));
    }
  });

  it('queues concurrent run() calls and answers each with its own parts', async () => {
    const executor = await start(mixedUrl, 2);
    const jobs = [unitParts(0, 50), unitParts(100, 3000), unitParts(7, 1), unitParts(40, 500)];
    const results = await Promise.all(jobs.map((parts) => executor.run(10_000, parts)));
    results.forEach((result, i) => {
      expect(result).toEqual(expected(jobs[i] as PartRange[]));
    });
  });

  it('a result that cannot cross a thread boundary rejects run(); the pool stays usable', async () => {
    const executor = await start(mixedUrl, 2);
    const bad: PartRange[] = [...unitParts(0, 20), [FUNCTION_UNIT, FUNCTION_UNIT + 1]];
    await expect(executor.run(2_000_000, bad)).rejects.toThrow(/could not be cloned|clone/i);
    const parts = unitParts(0, 100);
    expect(await executor.run(1000, parts)).toEqual(expected(parts));
  });

  it('after a part throws, later runs on the same pool succeed', async () => {
    const executor = await start(fixtureWorkloadUrls.failing, 2);
    await expect(executor.run(100, unitParts(0, 100))).rejects.toThrow(/fixture part failed/);
    const parts = unitParts(20, 80);
    expect(await executor.run(100, parts)).toEqual(parts.map(() => 1));
  });

  it('an empty part list resolves at once; run() after close() rejects', async () => {
    const executor = await start(mixedUrl, 1);
    expect(await executor.run(10, [])).toEqual([]);
    await executor.close();
    await expect(executor.run(10, [[0, 1]])).rejects.toThrow(/closed/);
  });
});

describe('worker-threads claim size (createWorkerThreads)', () => {
  it('with maxClaim 1 (one claim per part) returns every result in part order', async () => {
    const { createWorkerThreads } = (await import(strategyUrl)) as {
      createWorkerThreads: (options: { maxClaim: number }) => Strategy;
    };
    const executor = await createWorkerThreads({ maxClaim: 1 }).start({
      workload: mixedUrl,
      workers: 3,
      signal: new AbortController().signal,
    });
    open.add(executor);
    for (const count of [1, 7, 2000]) {
      const parts = unitParts(count, count);
      expect(await executor.run(10_000, parts), `${count} parts`).toEqual(expected(parts));
    }
  });

  it('refuses a claim size that is not a positive integer', async () => {
    const { createWorkerThreads } = (await import(strategyUrl)) as {
      createWorkerThreads: (options: { maxClaim: number }) => Strategy;
    };
    for (const maxClaim of [0, -1, 1.5, Number.NaN]) {
      expect(() => createWorkerThreads({ maxClaim }), String(maxClaim)).toThrow(RangeError);
    }
  });
});
