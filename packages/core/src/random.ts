/**
 * Seeded pseudo-random numbers (mulberry32): bootstrap intervals and run order must be reproducible from a seed,
 * so nothing in coresweep uses Math.random for results.
 */
export type Random = () => number;

/**
 * The generator's raw output: unsigned 32-bit integers. The kernels with data fill inputs of many megabytes from
 * it a word at a time, so their inputs come from the same generator as everything else seeded here.
 */
export function createWords(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Numbers uniform in [0, 1) from `seed`: each is one word of createWords divided by 2^32. */
export function createRandom(seed: number): Random {
  const next = createWords(seed);
  return () => next() / 4294967296;
}

/** Fisher–Yates shuffle of a copy, driven by `random`. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
