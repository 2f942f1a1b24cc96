/**
 * Hand-made result files for unit tests: small, exact numbers, validated against the real schema so a test can
 * never pass on a shape the runner could not write.
 */
import { type Cell, type ResultFile, validateResultFile } from '@coresweep/core';

export interface CellSpec {
  workload?: string;
  size?: number;
  strategy: string;
  workers: number;
  status?: Cell['status'];
  error?: string | null;
  median?: number | null;
  ci?: [number, number];
  /** Per-process medians: one ok repetition each (what compare verdicts rest on); none by default. */
  medians?: number[];
  speedup?: number | null;
  speedupCi?: [number, number];
  coldMs?: number | null;
  startMs?: number | null;
  utilisation?: number | null;
  peakRssBytes?: number | null;
  /** The runtime the cell ran on; none (a file from before runtimes were an axis) when left out. */
  runtime?: Cell['runtime'];
}

export function cell(spec: CellSpec): Cell {
  const median = spec.median === undefined ? 100 : spec.median;
  const ok = (spec.status ?? 'ok') === 'ok';
  return {
    workload: spec.workload ?? 'do-math',
    size: spec.size ?? 1000,
    strategy: spec.strategy,
    workers: spec.workers,
    ...(spec.runtime ? { runtime: spec.runtime } : {}),
    parts: spec.workers * 4,
    status: spec.status ?? 'ok',
    error: spec.error ?? null,
    checksum: ok ? 'sum=1' : null,
    reference: 'sum=1',
    wallMs:
      median === null
        ? null
        : {
            median,
            ci95: spec.ci ?? [median * 0.98, median * 1.02],
            mean: median,
            sd: 0,
            cv: 0,
            min: median,
            max: median,
            samples: [median],
          },
    coldMs: spec.coldMs === undefined ? (median ?? 0) * 2 : spec.coldMs,
    startMs: spec.startMs === undefined ? 10 : spec.startMs,
    cpuMs: null,
    utilisation: spec.utilisation === undefined ? 0.9 : spec.utilisation,
    peakRssBytes: spec.peakRssBytes === undefined ? 50 * 1024 * 1024 : spec.peakRssBytes,
    speedup:
      spec.speedup === undefined || spec.speedup === null
        ? null
        : { median: spec.speedup, ci95: spec.speedupCi ?? [spec.speedup * 0.97, spec.speedup * 1.03] },
    repetitions: (spec.medians ?? []).map((m, index) => ({
      index,
      status: 'ok' as const,
      error: null,
      checksum: 'sum=1',
      samples: [m],
      medianMs: m,
      coldMs: null,
      startMs: null,
      cpuMs: null,
      wallMs: m,
      utilisation: null,
      peakRssBytes: null,
      durationMs: m,
    })),
    warnings: [],
  };
}

export interface RunSpec {
  id?: string;
  createdAt?: string;
  cores?: number;
  cpuModel?: string;
  cells: Cell[];
  workloadTitle?: string;
  models?: ResultFile['models'];
}

export function resultFile(spec: RunSpec): ResultFile {
  const cores = spec.cores ?? 2;
  const workloads = [...new Set(spec.cells.map((c) => c.workload))];
  const strategies = [...new Set(spec.cells.map((c) => c.strategy))];
  const file = {
    schemaVersion: 1,
    id: spec.id ?? 'run-1',
    createdAt: spec.createdAt ?? '2025-01-01T00:00:00.000Z',
    finishedAt: null,
    state: 'complete',
    tool: { name: 'coresweep', version: '0.0.0' },
    machine: {
      cpuModel: spec.cpuModel ?? 'Test CPU',
      logicalCores: cores,
      availableParallelism: cores,
      cpuQuota: null,
      cpuAffinity: null,
      usableCores: cores,
      memoryBytes: 1024 ** 3,
      os: 'linux',
      kernel: '6.0',
      arch: 'x64',
      loadAverage: { before: [0, 0, 0], after: null },
    },
    runtime: { name: 'node', version: '20.0.0', v8: '11' },
    git: { commit: null, dirty: null },
    config: {
      preset: 'custom',
      workloads,
      sizes: Object.fromEntries(
        workloads.map((w) => [w, [...new Set(spec.cells.filter((c) => c.workload === w).map((c) => c.size))]]),
      ),
      strategies,
      workers: [...new Set(spec.cells.map((c) => c.workers))],
      repetitions: 1,
      partsPerWorker: 4,
      timeoutSec: null,
      seed: 1,
      warmupIterations: 0,
      minIterations: 1,
      timeBudgetMs: 0,
    },
    workloads: workloads.map((id) => ({
      id,
      title: spec.workloadTitle ?? `${id} title`,
      description: `${id} description`,
      source: 'test',
    })),
    strategies: strategies.map((id) => ({
      id,
      title: id,
      description: id,
      source: 'test',
      parallelism: id === 'serial' || id === 'async' ? 'none' : 'threads',
    })),
    cells: spec.cells,
    models: spec.models ?? { scaling: [], crossovers: [] },
    warnings: [],
  };
  return validateResultFile(file, 'test');
}
