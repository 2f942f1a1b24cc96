/**
 * Simulated cells with a known truth, for the coverage and calibration tests (not part of the package surface).
 * A cell of n processes: process i runs K warm samples T · e^(b_i + w_ij), with b_i ~ N(0, between²) its own
 * offset (JIT, placement, frequency) and w_ij ~ N(0, within²) the run-to-run noise inside it; what a cell records
 * per process is the median of its samples. The true time of the cell is T (the median of a typical process).
 * Magnitudes as measured on the 2-core development machine: within-process CV 1-3%, between-process 1-4%.
 */

import type { Random } from '../src/random.js';
import { median } from '../src/stats.js';

/** One standard normal deviate (Box–Muller; 1 - u keeps the logarithm finite since random() may return 0). */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export interface Noise {
  /** Within-process relative spread (sd of log samples). */
  within: number;
  /** Between-process relative spread (sd of the log process offsets). */
  between: number;
}

/** A noise level drawn from the ranges measured on the development machine. */
export function machineNoise(random: Random): Noise {
  return { within: 0.01 + 0.02 * random(), between: 0.01 + 0.03 * random() };
}

/** Per-process medians (ms) of a cell with true time `truth`. */
export function simulateCell(
  random: Random,
  processes: number,
  truth: number,
  noise: Noise,
  samplesPerProcess = 15,
): number[] {
  const medians: number[] = [];
  const samples = new Array<number>(samplesPerProcess);
  for (let i = 0; i < processes; i++) {
    const offset = noise.between * gaussian(random);
    for (let j = 0; j < samplesPerProcess; j++) samples[j] = truth * Math.exp(offset + noise.within * gaussian(random));
    medians.push(median(samples));
  }
  return medians;
}
