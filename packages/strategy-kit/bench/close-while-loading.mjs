#!/usr/bin/env node
/**
 * Closes thread strategies while their threads are still loading, many times: a stress for the way a thread pool
 * loads its code. Not a benchmark: it measures nothing, it looks for a process that dies.
 *
 *   npx turbo run build && node packages/strategy-kit/bench/close-while-loading.mjs [--closes N] [--workers N]
 *     [--strategies piscina,tinypool]
 *
 * Why: piscina used to require() its ES-module task, and Node 20 aborts the whole process (a native assertion, not
 * an exception) when a thread is terminated inside require(esm) — see packages/strategies/piscina/README.md. The
 * conformance suite hit it by chance, when a run ended on the first thread (a part threw, a worker died) and close()
 * terminated the others, which had started at the same moment and were finishing their own load.
 *
 * Each strategy (default: every discovered strategy whose parallelism is 'threads') runs in a child process of its
 * own, this script with --child, since what it looks for kills the process. The child starts an executor with
 * `workers` threads (default 8: more threads than cores spread their loading out, so at any moment some thread is
 * deep inside it), sends one tiny part, and closes the executor at a random time between 50% and 100% of its
 * estimate of when that part's result comes back. The estimate follows a staircase (5% down when the result came
 * back before close, 5% up when not), so the closes keep straddling the moment the first thread is ready, whatever
 * the load: all the other threads are then still loading. The estimate starts from the faster of two start-run-close cycles.
 *
 * Prints one line per strategy and exits 1 if any child died (with its signal or code and the start of its stderr).
 * A release runs it with the defaults; on a 2-core machine under the old piscina task loading it died within a few
 * closes in every trial (packages/strategies/piscina/README.md). The test close-while-loading.test.ts runs 5 closes on piscina.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { builtinWorkloadUrls } from '@coresweep/workloads';

const { values } = parseArgs({
  options: {
    closes: { type: 'string', default: '40' },
    workers: { type: 'string', default: '8' },
    strategies: { type: 'string' },
    child: { type: 'string' },
  },
});
const closes = Number(values.closes);
const workers = Number(values.workers);
for (const [name, n] of [
  ['--closes', closes],
  ['--workers', workers],
]) {
  if (!Number.isSafeInteger(n) || n < 1) {
    process.stderr.write(`close-while-loading: ${name} must be a positive integer, got ${n}\n`);
    process.exit(2);
  }
}

/** A workload whose tiny part costs nothing: the part only tells when the first thread has loaded. */
const WORKLOAD = builtinWorkloadUrls[0];

if (values.child) {
  process.stdout.write(`${JSON.stringify(await stress(values.child))}\n`);
} else {
  process.exit(await parent());
}

/** Child: start and close the strategy at `strategyUrl` `closes` times; returns counts for the parent to print. */
async function stress(strategyUrl) {
  const strategy = (await import(strategyUrl)).default;
  const start = () => strategy.start({ workload: WORKLOAD, workers, signal: new AbortController().signal });
  // Two full cycles (the first also warms the file cache): when the first part of a fresh executor comes back.
  let estimateMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 2; i++) {
    const executor = await start();
    const began = performance.now(); // the closes below wait from the same moment: start() has returned
    await executor.run(1, [[0, 1]]);
    estimateMs = Math.min(estimateMs, performance.now() - began);
    await executor.close();
  }
  let beforeFirstResult = 0;
  for (let i = 0; i < closes; i++) {
    const executor = await start();
    let answered = false;
    executor.run(1, [[0, 1]]).then(
      () => {
        answered = true;
      },
      () => {}, // closed before the part ran: expected
    );
    await new Promise((resolve) => setTimeout(resolve, estimateMs * (0.5 + 0.5 * Math.random())));
    const answeredAtClose = answered;
    await executor.close();
    if (!answeredAtClose) beforeFirstResult++;
    estimateMs *= answeredAtClose ? 0.95 : 1.05;
  }
  return { closes, beforeFirstResult, workers };
}

/** Parent: one child per strategy; 0 when every child finished, 1 when any died. */
async function parent() {
  const only = values.strategies?.split(',');
  const strategies = await threadStrategies();
  const chosen = only ? strategies.filter((s) => only.includes(s.id)) : strategies;
  const unknown = only?.filter((id) => !strategies.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`close-while-loading: not a thread strategy here: ${unknown.join(', ')}\n`);
    return 2;
  }
  let died = 0;
  for (const { id, url } of chosen) {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child', url, '--closes', String(closes), '--workers', String(workers)],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const summary = child.status === 0 ? JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') : undefined;
    if (summary) {
      process.stdout.write(
        `${id}: ok — ${summary.closes} closes of ${summary.workers} threads, ` +
          `${summary.beforeFirstResult} before any thread had answered\n`,
      );
    } else {
      died++;
      const how = child.signal ? `killed by ${child.signal}` : `exited with code ${child.status}`;
      // Node prints the fatal line or failed assertion first, then stack traces.
      const said = child.stderr
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(0, 4)
        .join('\n  ');
      process.stdout.write(`${id}: DIED — child process ${how}\n  ${said}\n`);
    }
  }
  return died > 0 ? 1 : 0;
}

/** Every strategy package under packages/strategies/ whose strategy runs parts on threads. */
async function threadStrategies() {
  const dir = new URL('../../strategies/', import.meta.url);
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const packageUrl = new URL(`${entry.name}/package.json`, dir);
    const entryPoint = JSON.parse(readFileSync(packageUrl, 'utf8')).coresweep?.strategy;
    if (!entryPoint) continue;
    const url = new URL(entryPoint, packageUrl).href;
    const strategy = (await import(url)).default;
    if (strategy.parallelism === 'threads') found.push({ id: strategy.id, url });
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}
