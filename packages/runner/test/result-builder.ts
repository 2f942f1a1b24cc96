/**
 * Synthetic result files for compare and export tests: the caller chooses each cell's per-repetition medians (or a
 * failure), the builder makes the repetitions, and the runner's own assembly (`assembleResult`) turns them into the
 * file — estimates, intervals, speedups, models and warnings exactly as a real run computes them. The file is then
 * validated, so a builder that drifted from the schema fails here rather than in some assertion later.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CellStatus,
  cellKey,
  createRandom,
  type Repetition,
  type ResultFile,
  type RuntimeInfo,
  referenceKey,
  type Transport,
  validateResultFile,
} from '@coresweep/core';
import { assembleResult } from '../src/assemble.js';
import type { PlannedCell } from '../src/plan.js';
import { unmeasured } from '../src/repetition.js';

const CHECKSUM = 'c0ffee';

export interface CellSpec {
  workload?: string;
  size?: number;
  strategy: string;
  workers: number;
  /** Median of each repetition (ms); one repetition per value. Ignored for cells that are not ok. */
  medians?: number[];
  status?: CellStatus;
  error?: string | null;
  /** The runtime the cell ran on; none, as in files from before runtimes were an axis, when left out. */
  runtime?: RuntimeInfo;
  /** How its data moved; none (a workload without data) when left out. */
  transport?: Transport;
}

export interface RunSpec {
  id?: string;
  cpuModel?: string;
  usableCores?: number;
  nodeVersion?: string;
  /** Timed budget per process (ms); 100 when left out. */
  timeBudgetMs?: number;
  /** Earlier runs whose spread between runs the intervals include (assembleResult's history); none when left out. */
  history?: ResultFile[];
  cells: CellSpec[];
}

/** `count` values around `center` with relative spread `cv` (Box–Muller normal), reproducible from `seed`. */
export function noisy(center: number, cv: number, count: number, seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const u = 1 - random();
    const v = random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return center * (1 + cv * z);
  });
}

/** Five warm samples whose median is exactly the repetition median, spread ±1% around it. */
function samplesAround(m: number): number[] {
  return [0.99, 0.995, 1, 1.005, 1.01].map((f) => m * f);
}

export function repetition(index: number, medianMs: number): Repetition {
  const samples = samplesAround(medianMs);
  const wall = samples.reduce((a, b) => a + b, 0);
  return {
    index,
    status: 'ok',
    error: null,
    checksum: CHECKSUM,
    samples,
    medianMs,
    coldMs: medianMs * 1.5,
    startMs: 20,
    cpuMs: wall * 0.95,
    wallMs: wall,
    utilisation: 0.95,
    peakRssBytes: 50_000_000,
    durationMs: wall + 100,
  };
}

function planned(spec: CellSpec): PlannedCell {
  return {
    workload: spec.workload ?? 'do-math',
    size: spec.size ?? 1_000_000,
    strategy: spec.strategy,
    workers: spec.workers,
    parts: spec.workers,
    ...(spec.transport ? { transport: spec.transport } : {}),
    ...(spec.runtime ? { runtime: spec.runtime } : {}),
  };
}

/** The repetitions a cell of this spec finished: one per median, or one that failed. */
function repetitions(spec: CellSpec): Repetition[] {
  const status = spec.status ?? 'ok';
  if (status !== 'ok') return [unmeasured(0, 10, status, spec.error === undefined ? `${status} in test` : spec.error)];
  // Geometric mean exactly 10 (the cell time the runner reports is the geometric mean of these).
  return (spec.medians ?? [10, 10.1, 10 / 1.01]).map((m, i) => repetition(i, m));
}

export function buildResultFile(spec: RunSpec): ResultFile {
  const cells = spec.cells.map(planned);
  const workloads = [...new Set(cells.map((c) => c.workload))];
  const run = {
    id: spec.id ?? 'synthetic',
    createdAt: '2026-01-01T00:00:00.000Z',
    config: {
      preset: 'custom' as const,
      workloads,
      sizes: Object.fromEntries(
        workloads.map((w) => [w, [...new Set(cells.filter((c) => c.workload === w).map((c) => c.size))]]),
      ),
      strategies: [...new Set(cells.map((c) => c.strategy))],
      workers: [...new Set(cells.map((c) => c.workers))],
      repetitions: 3,
      partsPerWorker: 1,
      timeoutSec: null,
      seed: 1,
      warmupIterations: 1,
      minIterations: 5,
      timeBudgetMs: spec.timeBudgetMs ?? 100,
    },
    cells,
    workloads: [],
    strategies: [],
  };
  const collected = {
    repetitions: new Map(spec.cells.map((c, i) => [cellKey(cells[i]!), repetitions(c)])),
    references: new Map(cells.map((c) => [referenceKey(c), { checksum: CHECKSUM, error: null, runMs: 1 }])),
  };
  const environment = {
    machine: {
      cpuModel: spec.cpuModel ?? 'Test CPU @ 3.0GHz',
      logicalCores: 2,
      availableParallelism: 2,
      cpuQuota: null,
      cpuAffinity: [0, 1],
      usableCores: spec.usableCores ?? 2,
      memoryBytes: 8_000_000_000,
      os: 'linux',
      kernel: '6.0.0',
      arch: 'x64',
      loadAverage: { before: [0, 0, 0], after: [0, 0, 0] },
    },
    runtime: { name: 'node', version: spec.nodeVersion ?? '20.20.2', v8: '11.3' },
    git: { commit: 'abcdef0123456789', dirty: false },
    toolVersion: '0.0.0-test',
  };
  const file = assembleResult(
    run,
    collected,
    environment,
    { state: 'complete', finishedAt: '2026-01-01T00:01:00.000Z' },
    spec.history,
  );
  return validateResultFile(file, 'synthetic result file');
}

/** A fresh temporary directory and a writer of result files (or any text) into it. */
export function scratch(): { dir: string; write(name: string, content: ResultFile | string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'coresweep-test-'));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
  };
}
