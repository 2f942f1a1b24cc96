/**
 * The data-movement section's numbers (lib/data-movement.ts): rows only for cells that moved data (and serial, the
 * reference), and the break-even compute per byte from the cell's own overhead — checked by hand on one cell.
 */
import type { ResultFile } from '@coresweep/core';
import { describe, expect, it } from 'vitest';
import { hasDataMovement, movementRows, seriesLabel } from '../src/lib/data-movement';

function cell(strategy: string, workers: number, ms: number, extra: Record<string, unknown> = {}) {
  return {
    workload: 'sha256',
    size: 64,
    strategy,
    workers,
    parts: workers,
    status: 'ok',
    wallMs: { median: ms },
    speedup: { median: 10 / ms },
    ...extra,
  };
}

const file = {
  cells: [
    cell('serial', 1, 10, { inputBytes: 1_000_000 }),
    cell('worker-threads', 2, 6, { transport: 'clone', bytesMoved: 1_000_000, movementMs: 1.5 }),
    cell('worker-threads', 2, 5.2, { transport: 'shared', bytesMoved: 0, movementMs: 0.1 }),
    { ...cell('do-math', 1, 3), workload: 'do-math' },
  ],
} as unknown as ResultFile;

describe('data movement', () => {
  it('knows which workloads moved data', () => {
    expect(hasDataMovement(file, 'sha256')).toBe(true);
    expect(hasDataMovement(file, 'do-math')).toBe(false);
  });

  it('computes the break-even compute per byte from the overhead: (T_p - T_1/p) / B * p/(p-1)', () => {
    const rows = movementRows(file, 'sha256');
    expect(rows.map(seriesLabel)).toEqual(['serial', 'worker-threads · clone', 'worker-threads · shared']);
    const [serial, clone, shared] = rows;
    // serial: 10 ms over 1 MB = 10 ns per byte
    expect(serial?.computeNsPerByte).toBeCloseTo(10, 10);
    // clone: overhead 6 - 10/2 = 1 ms; 1 ms / 1 MB = 1 ns/B; x 2/(2-1) = 2 ns/B
    expect(clone?.breakEvenNsPerByte).toBeCloseTo(2, 10);
    expect(clone?.inputBytes).toBe(1_000_000);
    expect(shared?.breakEvenNsPerByte).toBeCloseTo(0.4, 10);
    expect(serial?.breakEvenNsPerByte).toBeNull();
  });
});
