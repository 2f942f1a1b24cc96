/**
 * Seeded synthetic samples for tests (not part of the package surface). Normal deviates by Box–Muller over the
 * package's own mulberry32 generator, so every synthetic data set is reproducible from its seed.
 */
import { createRandom, type Random } from '../src/random.js';

export function normalDeviates(random: Random, count: number): number[] {
  const out: number[] = [];
  while (out.length < count) {
    // 1 - u keeps the logarithm finite: random() can return 0 but never 1.
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    out.push(r * Math.cos(2 * Math.PI * v));
    if (out.length < count) out.push(r * Math.sin(2 * Math.PI * v));
  }
  return out;
}

/** `count` timings around `centre` with multiplicative (log-normal) noise of relative spread `spread`. */
export function timings(seed: number, count: number, centre: number, spread = 0.05): number[] {
  return normalDeviates(createRandom(seed), count).map((z) => centre * Math.exp(spread * z));
}
