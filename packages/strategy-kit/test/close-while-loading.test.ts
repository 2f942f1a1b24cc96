/**
 * A small dose of bench/close-while-loading.mjs (built dist output: run `npx turbo run build` first): the pools
 * whose start() returns before their threads have loaded, piscina and tinypool, are closed while their threads load.
 * A thread terminated inside require(esm) aborts the whole process on Node 20 (packages/strategies/piscina/README.md),
 * so the stress runs in child processes and the test asserts on how they ended.
 *
 * The abort needs a thread to be caught in a window of a few milliseconds, so a dose cheap enough for every test run
 * catches the old piscina task loading only sometimes (1 of 5 trials on a loaded 2-core machine); the script's
 * default dose (40 closes of 8 threads) caught it within a few closes in every trial. This test keeps the loading
 * path and the script honest; a release runs the full dose.
 */
import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import { expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../bench/close-while-loading.mjs', import.meta.url));
const STRATEGIES = ['piscina', 'tinypool'];

it('closing piscina and tinypool while their threads load never kills the process', async () => {
  const result = await execaNode(SCRIPT, ['--closes', '3', '--workers', '4', '--strategies', STRATEGIES.join(',')], {
    reject: false,
    all: true,
    timeout: 120_000,
  });
  expect(result.all, 'a child process died').not.toMatch(/DIED/);
  expect(result.exitCode, result.all).toBe(0);
  for (const id of STRATEGIES) {
    const line = new RegExp(`^${id}: ok — 3 closes of 4 threads, (\\d+) before any thread had answered$`, 'm');
    expect(result.stdout, result.all).toMatch(line);
    // The stress did its job: some closes came while no thread of the pool had finished loading.
    expect(Number(line.exec(result.stdout)?.[1])).toBeGreaterThan(0);
  }
});
