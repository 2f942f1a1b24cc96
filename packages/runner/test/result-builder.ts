/**
 * Synthetic result files for compare and export tests: the caller chooses each cell's per-repetition medians, and
 * everything else (samples, the cell's estimate and interval, machine, config) is filled in so the file passes
 * `validateResultFile` — a builder that drifted from the schema fails here rather than in some assertion later.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Cell,
  type CellStatus,
  createRandom,
  median,
  type Repetition,
  type ResultFile,
  summarize,
  timeInterval,
  validateResultFile,
} from '@coresweep/core';

export interface CellSpec {
  workload?: string;
  size?: number;
  strategy: string;
  workers: number;
  /** Median of each repetition (ms); one repetition per value. Ignored for cells that are not ok. */
  medians?: number[];
  status?: CellStatus;
  error?: string | null;
}

export interface RunSpec {
  id?: string;
  cpuModel?: string;
  usableCores?: number;
  nodeVersion?: string;
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
    checksum: 'c0ffee',
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

function failedRepetition(status: CellStatus, error: string | null): Repetition {
  return {
    index: 0,
    status,
    error,
    checksum: null,
    samples: [],
    medianMs: null,
    coldMs: null,
    startMs: null,
    cpuMs: null,
    wallMs: null,
    utilisation: null,
    peakRssBytes: null,
    durationMs: 10,
  };
}

function cell(spec: CellSpec): Cell {
  const key = {
    workload: spec.workload ?? 'do-math',
    size: spec.size ?? 1_000_000,
    strategy: spec.strategy,
    workers: spec.workers,
    parts: spec.workers,
  };
  const status = spec.status ?? 'ok';
  if (status !== 'ok') {
    const error = spec.error === undefined ? `${status} in test` : spec.error;
    return {
      ...key,
      status,
      error,
      checksum: null,
      reference: 'c0ffee',
      wallMs: null,
      coldMs: null,
      startMs: null,
      cpuMs: null,
      utilisation: null,
      peakRssBytes: null,
      speedup: null,
      repetitions: [failedRepetition(status, error)],
      warnings: [],
    };
  }
  // Geometric mean exactly 10 (the cell time the runner reports is the geometric mean of these).
  const medians = spec.medians ?? [10, 10.1, 10 / 1.01];
  const repetitions = medians.map((m, i) => repetition(i, m));
  const samples = repetitions.flatMap((rep) => rep.samples);
  const summary = summarize(samples);
  // As the runner does: estimate and interval from the repetition medians.
  const estimate = timeInterval(medians);
  return {
    ...key,
    status,
    error: null,
    checksum: 'c0ffee',
    reference: 'c0ffee',
    wallMs: {
      median: estimate.estimate,
      ci95: estimate.interval,
      ciLevel: estimate.level,
      mean: summary.mean,
      sd: summary.sd,
      cv: summary.cv,
      min: summary.min,
      max: summary.max,
      samples,
    },
    coldMs: median(medians) * 1.5,
    startMs: 20,
    cpuMs: median(medians) * 4.75,
    utilisation: 0.95,
    peakRssBytes: 50_000_000,
    speedup: { median: 1, ci95: [0.9, 1.1], ciLevel: 0.95 },
    repetitions,
    warnings: [],
  };
}

export function buildResultFile(spec: RunSpec): ResultFile {
  const cells = spec.cells.map(cell);
  const file = {
    schemaVersion: 1,
    id: spec.id ?? 'synthetic',
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    state: 'complete',
    tool: { name: 'coresweep', version: '0.0.0-test' },
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
    config: {
      preset: 'custom',
      workloads: [...new Set(cells.map((c) => c.workload))],
      sizes: {},
      strategies: [...new Set(cells.map((c) => c.strategy))],
      workers: [...new Set(cells.map((c) => c.workers))],
      repetitions: 3,
      partsPerWorker: 1,
      timeoutSec: null,
      seed: 1,
      warmupIterations: 1,
      minIterations: 5,
      timeBudgetMs: 100,
    },
    workloads: [],
    strategies: [],
    cells,
    models: { scaling: [], crossovers: [] },
    warnings: [],
  };
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
