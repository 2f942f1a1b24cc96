/**
 * The strategy conformance suite, for vitest. A strategy package, in this repository or outside it, runs it with
 *
 *   import { describeStrategyConformance } from '@coresweep/strategy-kit/conformance';
 *   describeStrategyConformance(new URL('../dist/index.js', import.meta.url).href);
 *
 * It checks what the Executor contract promises: correct results in index order for several partitions and worker
 * counts, errors that reach run(), close() that is idempotent and leaves no process (checked by pid) or thread
 * behind after success, a part error, a dead worker and an abort. It asserts nothing about timing. Cells the
 * strategy declares it cannot run (`Strategy.unsupported`, e.g. a workload it has no implementation of) are left out,
 * and a check left without any workload it supports is skipped.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { importDefault, NO_TRANSPORT, type Workload } from '@coresweep/core/define';
import { dataWorkloadUrls } from '@coresweep/workloads';
import { describe, expect, it } from 'vitest';
import { type ConformanceOptions, HANG_MS, type Harness, harness, withDeadline } from './conformance-harness.js';
import { FAILURE_MESSAGE, fixtureWorkloadUrls, orphanParentUrl } from './fixtures/index.js';
import { namedPartitions, splitEvenly } from './partitions.js';
import { isProcessAlive, threadCount, waitForThreadCount, waitUntilGone } from './probes.js';

export type { ConformanceOptions } from './conformance-harness.js';

/**
 * Declares a vitest `describe` block that checks the strategy module at `strategyModuleUrl` (an absolute file: URL
 * of a module whose default export is a Strategy) against the Executor contract.
 */
export function describeStrategyConformance(strategyModuleUrl: string, options: ConformanceOptions = {}): void {
  const title = options.name ?? strategyModuleUrl;
  describe(`strategy conformance: ${title}`, () => {
    const h = harness(strategyModuleUrl, options);
    describeCorrectResults(h);
    describeDataTransports(h);
    describeErrors(h);
    describe('lifecycle', () => {
      describeClose(h);
      describeTeardown(h);
    });
  });
}

/** Results against each workload's unpartitioned result, for every partition and worker count. */
function describeCorrectResults(h: Harness): void {
  const { start, timeout, workerCounts, workloads, closeAndExpectNoneAlive, expectClosed } = h;
  describe('correct results', () => {
    for (const workers of workerCounts) {
      it(
        `every partition of every workload at ${workers} worker(s) matches the unpartitioned result`,
        async (ctx) => {
          const supported = await h.supportedTargets();
          if (supported.length === 0) ctx.skip();
          for (const { url, size } of supported) {
            const workload = workloads.get(url) as Workload;
            const reference = workload.checksum(workload.combine([workload.run(0, size, size)], size));
            const executor = await start(url, workers);
            expect(await executor.run(size, [])).toEqual([]);
            for (const { name, parts } of namedPartitions(size, workers)) {
              const results = await executor.run(size, parts);
              const label = `${workload.id}, ${name}, ${workers} worker(s)`;
              expect(results, label).toHaveLength(parts.length);
              // Each part's own value, so results out of index order are caught even when combine() is a sum.
              expect(results, label).toEqual(parts.map(([s, e]) => workload.run(s, e, size)));
              expect(workload.checksum(workload.combine(results, size)), label).toBe(reference);
            }
            await expectClosed(executor);
          }
        },
        timeout,
      );
    }

    it(
      'more workers than cores works',
      async (ctx) => {
        const workers = availableParallelism() + 2;
        const { executor, url, size } = await h.startBusy(ctx, 1_000_000, workers);
        const workload = workloads.get(url) as Workload;
        const parts = splitEvenly(size, workers * 2);
        const results = await executor.run(size, parts);
        expect(workload.checksum(workload.combine(results, size))).toBe(
          workload.checksum(workload.combine([workload.run(0, size, size)], size)),
        );
        // At least one process per worker: a pool may also have a coordinating process of its own.
        if (h.strategy.parallelism === 'processes') expect(executor.pids?.().length).toBeGreaterThanOrEqual(workers);
        await closeAndExpectNoneAlive(executor, executor.pids?.() ?? []);
      },
      timeout,
    );
  });
}

/** Blocks of the data kernel the transports are checked on: small, and split unevenly in the partitions. */
const DATA_SIZE = 24;

/**
 * A workload with data through every transport the strategy declares: each part's result equal to the part computed
 * in place on its slice of the input, the combined checksum the unpartitioned one, and the bytes it reports moving
 * plausible for the transport (copies counted; shared memory almost nothing).
 */
function describeDataTransports(h: Harness): void {
  const { start, timeout, expectClosed } = h;
  it(
    "moves a workload's data by every transport it declares: results match, bytes moved are counted",
    async (ctx) => {
      const transports = h.strategy.transports;
      if (!transports) ctx.skip(); // it declares none: it runs workloads without data only
      const url = dataWorkloadUrls[0] as string;
      if ((await h.declines(url, DATA_SIZE)) !== null) ctx.skip();
      const workload = await importDefault<Workload>(url);
      const input = workload.input?.(DATA_SIZE, 7);
      const sliceOf = ([s, e]: [number, number]) => (workload.slice ? workload.slice(input, s, e, DATA_SIZE) : input);
      const reference = workload.checksum(
        workload.combine([workload.run(0, DATA_SIZE, DATA_SIZE, sliceOf([0, DATA_SIZE]))], DATA_SIZE),
      );
      for (const transport of transports ?? []) {
        const executor = await start(url, 2, undefined, transport);
        let inputBytes = 0;
        for (const { name, parts } of namedPartitions(DATA_SIZE, 2)) {
          const inputs = parts.map(sliceOf);
          for (const piece of inputs) inputBytes += (piece as ArrayBufferView).byteLength;
          const results = await executor.run(DATA_SIZE, parts, inputs);
          const label = `${transport}, ${name}`;
          expect(results, label).toEqual(
            parts.map((range, i) => workload.run(range[0], range[1], DATA_SIZE, inputs[i])),
          );
          expect(workload.checksum(workload.combine(results, DATA_SIZE)), label).toBe(reference);
        }
        const moved = executor.moved?.();
        if (moved && transport !== NO_TRANSPORT) {
          if (transport === 'shared' || transport === 'transfer')
            expect(moved.bytes, transport).toBeLessThan(inputBytes / 100);
          else expect(moved.bytes, transport).toBeGreaterThanOrEqual(inputBytes);
          expect(moved.ms, transport).toBeGreaterThan(0);
        }
        await expectClosed(executor);
      }
    },
    timeout,
  );
}

/** Errors reach run(): a part that throws, a worker that dies. */
function describeErrors(h: Harness): void {
  const { start, timeout, closeAndExpectNoneAlive } = h;
  describe('errors', () => {
    it(
      "a part that throws rejects run() with the worker's message and stack; close() then leaves no process",
      async (ctx) => {
        if ((await h.declines(fixtureWorkloadUrls.failing, 100)) !== null) ctx.skip();
        const executor = await start(fixtureWorkloadUrls.failing, 2);
        const pids = executor.pids?.() ?? [];
        const error = await executor.run(100, splitEvenly(100, 10)).then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(error, 'run() resolved although a part threw').toBeInstanceOf(Error);
        expect(error?.message).toContain(FAILURE_MESSAGE);
        // The stack must be the worker's, naming the function that threw, not one made up in the primary.
        expect(error?.stack).toContain('throwFixtureFailure');
        await closeAndExpectNoneAlive(executor, pids);
      },
      timeout,
    );

    it(
      'a worker that dies rejects run() instead of hanging; close() then leaves no process',
      async (ctx) => {
        if (h.strategy.parallelism === 'none') ctx.skip(); // the fixture would end the test process itself
        if ((await h.declines(fixtureWorkloadUrls.dying, 100)) !== null) ctx.skip();
        const executor = await start(fixtureWorkloadUrls.dying, 2);
        const pids = executor.pids?.() ?? [];
        // Whether later runs work (a respawned worker) or reject (a broken pool) is the strategy's choice; the
        // contract only forbids hanging. A bounded wait turns a hang into a clear failure instead of a timeout.
        const outcome = await withDeadline(
          executor.run(100, splitEvenly(100, 10)).then(
            () => 'resolved',
            () => 'rejected',
          ),
          HANG_MS,
        );
        expect(outcome, `run() must reject when a worker dies (it ${outcome})`).toBe('rejected');
        await closeAndExpectNoneAlive(executor, pids);
      },
      timeout,
    );
  });
}

/** run() after close(), close() twice, and pids() while running. */
function describeClose(h: Harness): void {
  const { timeout, expectClosed, closeAndExpectNoneAlive } = h;
  it(
    'run() after close() rejects',
    async (ctx) => {
      const { executor } = await h.startBusy(ctx, 1000, 2);
      await expectClosed(executor);
      await expect(executor.run(1000, [[0, 1000]])).rejects.toThrow();
    },
    timeout,
  );
  it(
    'close() is idempotent, sequentially and concurrently',
    async (ctx) => {
      const { executor } = await h.startBusy(ctx, 1000, 2);
      const pids = executor.pids?.() ?? [];
      await Promise.all([executor.close(), executor.close()]);
      await expectClosed(executor);
      await closeAndExpectNoneAlive(executor, pids);
    },
    timeout,
  );
  it(
    'pids() lists live processes during a run and none survive close()',
    async (ctx) => {
      const { executor, size } = await h.startBusy(ctx, 20_000_000, 2);
      if (h.strategy.parallelism === 'processes') {
        expect(typeof executor.pids, 'a process strategy must report pids()').toBe('function');
      }
      if (!executor.pids) ctx.skip();
      const running = executor.run(size, splitEvenly(size, 8));
      const pids = executor.pids?.() ?? [];
      if (h.strategy.parallelism === 'processes') expect(pids.length).toBeGreaterThanOrEqual(2);
      expect(pids).not.toContain(process.pid);
      for (const pid of pids) expect(isProcessAlive(pid), `pid ${pid} reported but not alive`).toBe(true);
      await running;
      await closeAndExpectNoneAlive(executor, pids);
    },
    timeout,
  );
}

/** Nothing outlives its owner: an abort, a SIGKILLed primary, a closed thread pool. */
function describeTeardown(h: Harness): void {
  const { start, timeout, expectClosed, closeAndExpectNoneAlive, strategyModuleUrl } = h;
  it(
    'abort during a run: run() settles and close() leaves no process',
    async (ctx) => {
      const controller = new AbortController();
      const { executor, size } = await h.startBusy(ctx, 30_000_000, 2, controller.signal);
      const pids = executor.pids?.() ?? [];
      const running = executor.run(size, splitEvenly(size, 16)).then(
        () => 'resolved',
        () => 'rejected',
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort(new Error('conformance abort'));
      expect(['resolved', 'rejected']).toContain(await running);
      await closeAndExpectNoneAlive(executor, pids);
    },
    timeout,
  );
  it(
    'worker processes exit on their own when the primary is killed with SIGKILL',
    async (ctx) => {
      if (h.strategy.parallelism === 'none') ctx.skip(); // no workers at all
      const job = await h.busyJob(1000);
      if (!job) return ctx.skip();
      const primary = spawn(process.execPath, [fileURLToPath(orphanParentUrl), strategyModuleUrl, job.url], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let pids: number[] = [];
      try {
        const [line] = (await once(primary.stdout, 'data')) as [Buffer];
        pids = JSON.parse(line.toString()) as number[];
        if (h.strategy.parallelism === 'processes') expect(pids.length).toBeGreaterThanOrEqual(2);
        // Threads in the primary die with it by construction; only a strategy with processes has something to check.
        if (pids.length === 0) return ctx.skip();
        for (const pid of pids) expect(isProcessAlive(pid), `pid ${pid} should be working`).toBe(true);
        primary.kill('SIGKILL');
        await once(primary, 'exit');
        expect(await waitUntilGone(pids, 15_000), 'workers outlived their SIGKILLed primary').toEqual([]);
      } finally {
        // Never leave the primary or its workers behind, even when an assertion above failed.
        primary.kill('SIGKILL');
        for (const pid of pids.filter(isProcessAlive)) process.kill(pid, 'SIGKILL');
      }
    },
    timeout,
  );
  it(
    'threads return to the baseline count after close()',
    async (ctx) => {
      if (h.strategy.parallelism !== 'threads' || threadCount() === undefined) ctx.skip();
      const job = await h.busyJob(1_000_000);
      if (!job) return ctx.skip();
      const { url } = job;
      // One full cycle first, so lazily created runtime threads (libuv pool, V8 platform) are in the baseline.
      const first = await start(url, 1);
      const owned = first.pids?.() ?? [];
      await first.close();
      // Threads that live in processes of their own (an interpreter the strategy started) are checked by pid.
      if (owned.length > 0) return ctx.skip();
      const baseline = threadCount() as number;
      const executor = await start(url, 3);
      await executor.run(job.size, splitEvenly(job.size, 6));
      expect(threadCount(), 'three worker threads should be running').toBeGreaterThanOrEqual(baseline + 3);
      await expectClosed(executor);
      expect(await waitForThreadCount(baseline)).toBeLessThanOrEqual(baseline);
    },
    timeout,
  );
}
