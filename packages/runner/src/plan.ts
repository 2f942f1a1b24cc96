/**
 * The matrix: workloads x sizes x strategies x workers, each cell repeated R times, and the order the
 * repetitions run in — shuffled with a seed and interleaving all cells, so JIT state, thermal drift and
 * background load do not systematically favour whichever strategy happens to run first.
 */
import { type CellIdentity, createRandom, SERIAL_ID, shuffled } from '@coresweep/core';

/** A planned cell: its identity and how many parts its job is split into. */
export interface PlannedCell extends CellIdentity {
  parts: number;
}

export interface PlannedRun {
  cell: PlannedCell;
  repetition: number;
}

export interface MatrixInput {
  workloads: { id: string; sizes: number[] }[];
  strategies: string[];
  workers: number[];
  partsPerWorker: number;
  repetitions: number;
  seed: number;
}

/**
 * Default worker counts: every count up to twice the usable cores on small machines (so oversubscription shows),
 * and on larger ones powers of two plus the core count, 1.5x and 2x of it, to keep the matrix affordable.
 */
export function defaultWorkerCounts(cores: number): number[] {
  const max = 2 * cores;
  if (max <= 8) return Array.from({ length: max }, (_, i) => i + 1);
  const counts = new Set<number>([cores, Math.round(cores * 1.5), max]);
  for (let p = 1; p <= max; p *= 2) counts.add(p);
  return [...counts].sort((a, b) => a - b);
}

export function planCells(input: MatrixInput): PlannedCell[] {
  const cells: PlannedCell[] = [];
  for (const workload of input.workloads) {
    for (const size of workload.sizes) {
      for (const strategy of input.strategies) {
        // The serial baseline does not depend on a worker count: it runs once, at one worker.
        const workerCounts = strategy === SERIAL_ID ? [1] : input.workers;
        for (const workers of workerCounts) {
          cells.push({ workload: workload.id, size, strategy, workers, parts: workers * input.partsPerWorker });
        }
      }
    }
  }
  return cells;
}

/**
 * Every repetition of every cell in one seeded shuffled order. Repetition r of all cells come before r + 1,
 * so an interrupted run still holds whole rounds of the matrix rather than many repetitions of a few cells.
 */
export function planOrder(cells: PlannedCell[], repetitions: number, seed: number): PlannedRun[] {
  const random = createRandom(seed);
  const order: PlannedRun[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const cell of shuffled(cells, random)) order.push({ cell, repetition });
  }
  return order;
}
