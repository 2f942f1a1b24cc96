/**
 * One verdict rule everywhere: for the same two result files, `coresweep compare` (terminal table and --markdown,
 * run as the built CLI in a child process) and the report's compare page data (`compareCells`) give every cell the
 * same verdict. The pair holds cells that are clearly faster, clearly slower, unchanged, changed within the noise
 * threshold and short of processes, so every branch of the rule is exercised.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '@coresweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { compareCells } from '../src/lib/compare';
import { cell, resultFile } from './support/result';

const RUNNER_CLI = fileURLToPath(new URL('../../../packages/runner/dist/cli.js', import.meta.url));

/** Per-process medians around `centre` with 2% log-normal noise. */
function medians(random: () => number, centre: number, count: number): number[] {
  return Array.from({ length: count }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return centre * Math.exp(0.02 * z);
  });
}

// Head/base factors: clear slowdowns and speedups, nothing, small changes near the 2% threshold; then two cells
// with two processes on a side (no verdict possible).
const FACTORS = [1.3, 1.15, 1.08, 1.03, 1.01, 1, 1, 1, 0.99, 0.97, 0.92, 0.85, 0.7];
const STRATEGIES = ['serial', 'async', 'worker-threads', 'child-process', 'cluster', 'piscina', 'tinypool'];

function pair(): { base: ReturnType<typeof resultFile>; head: ReturnType<typeof resultFile> } {
  const random = createRandom(2026);
  const baseCells = [];
  const headCells = [];
  const specs = [...FACTORS.map((f) => ({ f, n: 3 })), { f: 1.3, n: 2 }, { f: 0.7, n: 2 }];
  for (const [i, { f, n }] of specs.entries()) {
    const key = { strategy: STRATEGIES[i % STRATEGIES.length] as string, workers: 1 + Math.floor(i / 7) };
    const b = medians(random, 100, n);
    const h = medians(random, 100 * f, n);
    baseCells.push(cell({ ...key, median: 100, medians: b }));
    headCells.push(cell({ ...key, median: 100 * f, medians: h }));
  }
  return { base: resultFile({ id: 'base', cells: baseCells }), head: resultFile({ id: 'head', cells: headCells }) };
}

const dir = mkdtempSync(join(tmpdir(), 'coresweep-agree-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `strategy xN` -> verdict, from lines that end in a verdict and contain a cell label. */
function verdictsFrom(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    const label = line.match(/do-math \S+ ([a-z-]+) x(\d+)/);
    const verdict = line.match(/(faster|\*\*slower\*\*|slower|no clear change) *\|? *$/);
    if (label && verdict) out.set(`${label[1]} x${label[2]}`, (verdict[1] as string).replaceAll('*', ''));
  }
  return out;
}

describe('compare: the CLI and the report agree', () => {
  it('gives every cell the same verdict in the terminal, in Markdown and on the report page', () => {
    const { base, head } = pair();
    const basePath = join(dir, 'base.json');
    const headPath = join(dir, 'head.json');
    const mdPath = join(dir, 'compare.md');
    writeFileSync(basePath, JSON.stringify(base));
    writeFileSync(headPath, JSON.stringify(head));
    const run = spawnSync(process.execPath, [RUNNER_CLI, 'compare', basePath, headPath, '--markdown', mdPath], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const terminal = verdictsFrom(run.stdout.split('\n'));
    const markdown = verdictsFrom(readFileSync(mdPath, 'utf8').split('\n'));
    const report = new Map(compareCells(base, head).map((c) => [`${c.strategy} x${c.workers}`, c.verdict as string]));

    expect(report.size).toBe(FACTORS.length + 2);
    expect(terminal).toEqual(report);
    expect(markdown).toEqual(report);
    // Every branch of the rule is present, so agreement is not agreement on one word.
    const words = new Set(report.values());
    expect(words).toEqual(new Set(['faster', 'slower', 'no clear change']));
    expect(report.get(`${STRATEGIES[FACTORS.length % 7]} x${1 + Math.floor(FACTORS.length / 7)}`)).toBe(
      'no clear change',
    ); // the 30% slowdown with two processes a side
  });
});
