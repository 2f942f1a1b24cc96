/**
 * Transports as an axis of the matrix (plan.ts): a workload with data runs each strategy once per requested transport
 * it declares; pairs it does not support are never planned (so they cannot fail) and are named with the reason; a
 * workload without data is planned exactly as before transports existed.
 */
import type { Transport } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { uvThreadpoolSize } from '../src/machine.js';
import { type Capabilities, cellTransports, type MatrixConfig, planCells, unplannedTransports } from '../src/plan.js';

const declared: Record<string, readonly Transport[] | undefined> = {
  serial: ['none'],
  'worker-threads': ['clone', 'transfer', 'shared'],
  'child-process': ['json', 'advanced'],
  piscina: ['clone', 'shared'],
  legacy: undefined,
};
const capabilities: Capabilities = {
  hasData: (workload) => workload === 'sha256',
  transports: (strategy) => declared[strategy],
};

function config(overrides: Partial<MatrixConfig> = {}): MatrixConfig {
  return {
    workloads: ['sha256', 'do-math'],
    sizes: { sha256: [64], 'do-math': [1000] },
    strategies: ['serial', 'worker-threads', 'child-process', 'piscina', 'legacy'],
    workers: [2],
    partsPerWorker: 1,
    transports: ['clone', 'shared', 'json', 'advanced'],
    ...overrides,
  };
}

const labels = (cells: ReturnType<typeof planCells>) =>
  cells.map((c) => `${c.workload}/${c.strategy}/${c.transport ?? '-'}`);

describe('planning transports', () => {
  it('plans each supported transport of a workload with data, and one transport-less cell without data', () => {
    expect(labels(planCells(config(), capabilities))).toEqual([
      'sha256/serial/-',
      'sha256/worker-threads/clone',
      'sha256/worker-threads/shared',
      'sha256/child-process/json',
      'sha256/child-process/advanced',
      'sha256/piscina/clone',
      'sha256/piscina/shared',
      'do-math/serial/-',
      'do-math/worker-threads/-',
      'do-math/child-process/-',
      'do-math/piscina/-',
      'do-math/legacy/-',
    ]);
  });

  it('names the pairs it does not plan and why, and nothing when every pair is supported', () => {
    expect(unplannedTransports(config(), capabilities)).toEqual([
      'worker-threads: no json, advanced cells (it supports clone, transfer, shared)',
      'child-process: no clone, shared cells (it supports json, advanced)',
      'piscina: no json, advanced cells (it supports clone, shared)',
      'legacy: no cells of workloads with data (it declares no transports, so it runs workloads without data only)',
    ]);
    expect(
      unplannedTransports(config({ strategies: ['serial', 'worker-threads'], transports: ['clone'] }), capabilities),
    ).toEqual([]);
    expect(unplannedTransports(config({ workloads: ['do-math'] }), capabilities)).toEqual([]);
  });

  it('with the default transports, names only the strategies left without any cell of a workload with data', () => {
    const defaults = config({ transports: ['clone', 'advanced'] });
    expect(unplannedTransports(defaults, capabilities, false)).toEqual([
      'legacy: no cells of workloads with data (it declares no transports, so it runs workloads without data only)',
    ]);
    expect(unplannedTransports(defaults, capabilities, true)).toHaveLength(4);
  });

  it('without capabilities or without data, plans as before transports (no transport field at all)', () => {
    const cells = planCells(config(), undefined);
    expect(cells.every((cell) => !('transport' in cell))).toBe(true);
    expect(cells).toHaveLength(10);
  });

  it('a file without transports asks for every transport', () => {
    const { transports: _omitted, ...old } = config();
    expect(labels(planCells(old, capabilities)).filter((l) => l.includes('worker-threads'))).toEqual([
      'sha256/worker-threads/clone',
      'sha256/worker-threads/transfer',
      'sha256/worker-threads/shared',
      'do-math/worker-threads/-',
    ]);
  });

  it('keeps the requested order and runs a strategy without parallelism once, transport none', () => {
    expect(cellTransports(['clone', 'transfer', 'shared'], ['shared', 'json', 'clone'])).toEqual(['shared', 'clone']);
    expect(cellTransports(['none'], ['clone', 'json'])).toEqual(['none']);
    expect(cellTransports(undefined, ['clone'])).toEqual([]);
  });
});

describe('uvThreadpoolSize', () => {
  it('reads UV_THREADPOOL_SIZE as libuv does: default 4, atoi, 0 or garbage is 1, capped at 1024', () => {
    expect(uvThreadpoolSize(undefined)).toBe(4);
    expect(uvThreadpoolSize('8')).toBe(8);
    expect(uvThreadpoolSize('2threads')).toBe(2);
    expect(uvThreadpoolSize('0')).toBe(1);
    expect(uvThreadpoolSize('')).toBe(1);
    expect(uvThreadpoolSize('many')).toBe(1);
    expect(uvThreadpoolSize('5000')).toBe(1024);
    expect(uvThreadpoolSize('-3')).toBe(1024);
  });
});
