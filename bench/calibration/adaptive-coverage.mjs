#!/usr/bin/env node
/**
 * Coverage of a cell's 95% time interval when the number of processes is chosen by the precision target, as the full
 * preset does (docs/statistics.md, "Adaptive repetitions"). The coverage test in core checks the interval at a
 * fixed number of processes; here the run stops adding processes once the interval is narrow enough, and stopping
 * when it is narrow by chance makes it too narrow more often than 5%. For comparison, Stein's two-stage rule: the
 * first R processes alone decide how many the cell needs, and its interval keeps their spread (exact coverage).
 *
 *   node bench/calibration/adaptive-coverage.mjs [--trials 20000] [--seed 1]
 *
 * Per-process medians are simulated as e^(sd · z) around a true time of 1 for between-process spreads sd of
 * 0.5–5%, with the full preset's settings (3 to 10 processes, ±2%). Needs `pnpm build` (it uses core's dist).
 */
import { parseArgs } from 'node:util';
import { createRandom, nextStep, timeInterval } from '../../packages/core/dist/index.js';

const { values } = parseArgs({ options: { trials: { type: 'string' }, seed: { type: 'string' } } });
const trials = Number(values.trials ?? 20_000);
const random = createRandom(Number(values.seed ?? 1));
const settings = { precision: 0.02, minRepetitions: 3, maxRepetitions: 10 };

const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const covers = ([low, high]) => low <= 1 && 1 <= high;

/** Today's rule: add processes while nextStep says so; the interval over all of them. */
function sequential(sd) {
  const medians = [];
  while (nextStep('cell', medians.length, medians, settings) === 'more') medians.push(Math.exp(sd * gaussian()));
  return { covered: covers(timeInterval(medians).interval), processes: medians.length };
}

/** Stein's two-stage rule: the first R processes fix how many in all, and their spread the interval's width. */
function twoStage(sd) {
  const medians = Array.from({ length: settings.minRepetitions }, () => Math.exp(sd * gaussian()));
  const first = timeInterval(medians);
  const firstHalfWidth = Math.log(first.interval[1] / first.estimate);
  const needed = Math.ceil(medians.length * (firstHalfWidth / Math.log(1 + settings.precision)) ** 2);
  const total = Math.min(settings.maxRepetitions, Math.max(medians.length, needed));
  while (medians.length < total) medians.push(Math.exp(sd * gaussian()));
  const center = Math.exp(medians.reduce((sum, m) => sum + Math.log(m), 0) / medians.length);
  const halfWidth = firstHalfWidth * Math.sqrt(settings.minRepetitions / total);
  return { covered: covers([center * Math.exp(-halfWidth), center * Math.exp(halfWidth)]), processes: total };
}

console.log(`${trials} simulated cells per spread, 3 to 10 processes, target ±2%, nominal 95%:`);
console.log('between-process sd | sequential: coverage, mean processes | two-stage: coverage, mean processes');
for (const sd of [0.005, 0.01, 0.02, 0.03, 0.05]) {
  const row = [sequential, twoStage].map((rule) => {
    let covered = 0;
    let processes = 0;
    for (let i = 0; i < trials; i++) {
      const trial = rule(sd);
      covered += trial.covered ? 1 : 0;
      processes += trial.processes;
    }
    return `${((100 * covered) / trials).toFixed(1)}%, ${(processes / trials).toFixed(1)}`;
  });
  console.log(`${(sd * 100).toFixed(1)}% | ${row.join(' | ')}`);
}
