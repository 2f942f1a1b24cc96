import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import {
  byCellKey,
  cellIdentity,
  cellKey,
  cellLabel,
  formatBytes,
  formatChange,
  formatInterval,
  formatMs,
  formatPercent,
  formatPrecision,
  formatSize,
  formatSpeedup,
  MISSING,
  referenceKey,
} from '../src/index.js';

const cell = { workload: 'do-math', size: 300_000_000, strategy: 'worker-threads', workers: 2 };

describe('cell identity', () => {
  it('names a cell and its reference by workload, size, strategy and workers only', () => {
    expect(cellKey({ ...cell, parts: 8, status: 'ok' } as typeof cell)).toBe('do-math/300000000/worker-threads/2');
    expect(referenceKey(cell)).toBe('do-math/300000000');
    expect(cellIdentity({ ...cell, parts: 8 } as typeof cell)).toEqual(cell);
    expect(cellLabel(cell)).toBe('do-math 300M worker-threads x2');
  });

  it('tells cells apart that differ in any one field', () => {
    const variants = [cell, { ...cell, size: 3_000 }, { ...cell, strategy: 'serial' }, { ...cell, workers: 3 }];
    expect(new Set(variants.map(cellKey)).size).toBe(4);
    expect(byCellKey([...variants, { ...cell }]).size).toBe(4);
  });

  it('adds the transport only when data moves: cells without data keep the keys of files from before transports', () => {
    const none = { ...cell, transport: 'none' as const };
    expect(cellKey(none)).toBe(cellKey(cell));
    expect(cellLabel(none)).toBe(cellLabel(cell));
    expect(cellIdentity(none)).toEqual(cell);
    const clone = { ...cell, workload: 'sha256', size: 4096, transport: 'clone' as const };
    const shared = { ...clone, transport: 'shared' as const };
    expect(cellKey(clone)).toBe('sha256/4096/worker-threads/2/clone');
    expect(cellLabel(shared)).toBe('sha256 4.1k worker-threads x2 shared');
    expect(cellIdentity({ ...shared, parts: 2 } as typeof shared)).toEqual(shared);
    expect(new Set([clone, shared, { ...clone, transport: undefined }].map(cellKey)).size).toBe(3);
    expect(referenceKey(clone)).toBe(referenceKey(shared));
  });
});

describe('the runtime of a cell', () => {
  const bun = { name: 'bun', version: '1.4.5', engine: 'JavaScriptCore' };
  const onBun = { ...cell, runtime: bun };

  it('is part of its key, its baseline and, on request, its label; the matrix key leaves it out', () => {
    expect(cellKey(onBun)).toBe('do-math/300000000/worker-threads/2/bun@1.4.5');
    expect(core.matrixKey(onBun)).toBe('do-math/300000000/worker-threads/2');
    expect(core.baselineKey(onBun)).toBe('do-math/300000000/bun@1.4.5');
    expect(core.baselineKey(cell)).toBe('do-math/300000000');
    expect(referenceKey(onBun)).toBe('do-math/300000000');
    expect(cellIdentity({ ...onBun, parts: 2 } as typeof onBun)).toEqual(onBun);
    expect(cellLabel(onBun)).toBe('do-math 300M worker-threads x2');
    expect(cellLabel(onBun, { runtime: true })).toBe('do-math 300M worker-threads x2 on bun 1.4.5');
    expect(new Set([cell, onBun, { ...onBun, runtime: { ...bun, version: '1.4.6' } }].map(cellKey)).size).toBe(3);
  });

  it('follows the transport in the key, and in the label where runtimes meet', () => {
    const moved = { ...onBun, workload: 'sha256', size: 4096, transport: 'clone' as const };
    expect(cellKey(moved)).toBe('sha256/4096/worker-threads/2/clone/bun@1.4.5');
    expect(core.matrixKey(moved)).toBe('sha256/4096/worker-threads/2/clone');
    expect(cellIdentity(moved)).toEqual(moved);
    expect(cellLabel(moved, { runtime: true })).toBe('sha256 4.1k worker-threads x2 clone on bun 1.4.5');
    // A cell without data and without a runtime keeps the key files before both axes had.
    expect(cellKey({ ...cell, transport: 'none' })).toBe('do-math/300000000/worker-threads/2');
  });
});

describe('pairing the cells of two runs', () => {
  const runner = { name: 'node', version: '20.20.2', v8: '11.3' };
  const node20 = { name: 'node', version: '20.20.2', engine: 'V8 11.3' };
  const node24 = { name: 'node', version: '24.21.0', engine: 'V8 13.6' };
  const bun = { name: 'bun', version: '1.4.5', engine: 'JavaScriptCore' };
  const serial = { workload: 'do-math', size: 1000, strategy: 'serial', workers: 1 };
  const run = (...runtimes: (typeof bun | undefined)[]) => ({
    runtime: runner,
    cells: runtimes.map((runtime) => (runtime ? { ...serial, runtime } : { ...serial })),
  });
  const paired = (pairing: core.CellPairing<{ runtime?: typeof bun }>) =>
    pairing.pairs.map((p) => [p.base?.runtime?.version ?? (p.base ? 'old' : null), p.head?.runtime?.version ?? null]);

  it('an old file (no runtime on its cells) pairs with a new one of the same runtime, silently', () => {
    const pairing = core.pairCells(run(undefined), run(node20));
    expect(paired(pairing)).toEqual([['old', '20.20.2']]);
    expect(pairing.runtimeNote).toBeNull();
    expect(pairing.byRuntime).toBe(false);
  });

  it('two runs of one runtime each pair across runtimes and say so', () => {
    const pairing = core.pairCells(run(node20), run(bun));
    expect(paired(pairing)).toEqual([['20.20.2', '1.4.5']]);
    expect(pairing.runtimeNote).toBe(
      'across runtimes: each cell on node 20.20.2 (base) is compared with the same cell on bun 1.4.5 (head)',
    );
    expect(core.pairCells(run(node20), run(node24)).runtimeNote).toBe('runtime node 20.20.2 vs node 24.21.0');
  });

  it('runs holding several runtimes pair by runtime and major version', () => {
    const moved = { ...node24, version: '24.22.0' };
    const pairing = core.pairCells(run(node20, node24, bun), run(bun, moved, node20));
    expect(pairing.byRuntime).toBe(true);
    expect(paired(pairing)).toEqual([
      ['1.4.5', '1.4.5'],
      ['24.21.0', '24.22.0'],
      ['20.20.2', '20.20.2'],
    ]);
    expect(pairing.runtimeNote).toBe('runtime versions differ: node 24.21.0 vs node 24.22.0');
    // Without a counterpart of its runtime a cell stays unpaired, on either side.
    expect(paired(core.pairCells(run(node20, bun), run(node20, node24)))).toEqual([
      ['20.20.2', '20.20.2'],
      [null, '24.21.0'],
      ['1.4.5', null],
    ]);
  });

  it('by exact version when a run holds two of one major', () => {
    const bun146 = { ...bun, version: '1.4.6' };
    const pairing = core.pairCells(run(bun, bun146), run(bun146, bun));
    expect(paired(pairing)).toEqual([
      ['1.4.6', '1.4.6'],
      ['1.4.5', '1.4.5'],
    ]);
    expect(pairing.runtimeNote).toBeNull();
  });
});

describe('format', () => {
  it('reads the same wherever a number is shown', () => {
    expect([1e6, 3e8, 2e4, 2500, 123_456, 999].map(formatSize)).toEqual([
      '1M',
      '300M',
      '20k',
      '2.5k',
      '123.46k',
      '999',
    ]);
    expect([0, 0.01234, 512.3, 1234, 98_765].map(formatMs)).toEqual([
      '0 ms',
      '0.0123 ms',
      '512 ms',
      '1.23 s',
      '98.8 s',
    ]);
    expect(formatSpeedup(1.956)).toBe('1.96×');
    expect(formatPercent(0.02, 1)).toBe('2.0%');
    expect([0.02, 0.015, 0.0123, 0.01].map(formatPrecision)).toEqual(['±2%', '±1.5%', '±1.23%', '±1%']);
    expect([0.052, -0.1, 0, 1.5, -0.0001].map(formatChange)).toEqual(['+5.2%', '−10.0%', '0.0%', '+150%', '−0.0%']);
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatInterval([1, 2], formatMs)).toBe('1 ms – 2 ms');
  });

  it('writes one mark for every missing value', () => {
    for (const format of [formatMs, formatSpeedup, formatPercent, formatPrecision, formatChange, formatBytes]) {
      expect(format(null)).toBe(MISSING);
      expect(format(undefined)).toBe(MISSING);
      expect(format(Number.NaN)).toBe(MISSING);
    }
    expect(formatInterval(null, formatMs)).toBe(MISSING);
  });
});

describe('public API', () => {
  it('names its exports: the helpers of the statistics stay internal', () => {
    for (const internal of ['logGamma', 'erfc', 'regularizedIncompleteBeta', 'percentileOfSorted', 'describeIssues']) {
      expect(core).not.toHaveProperty(internal);
    }
    expect(core).toHaveProperty('judgeCells');
    expect(core).toHaveProperty('SERIAL_ID', 'serial');
  });
});
