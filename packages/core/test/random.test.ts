/** The seeded generator: its words are mulberry32's, and createRandom is the same stream scaled to [0, 1). */
import { describe, expect, it } from 'vitest';
import { createRandom, createWords, shuffled } from '../src/index.js';

describe('createWords and createRandom', () => {
  it("gives mulberry32's words for a seed, the same in every call", () => {
    // The first words of mulberry32 for seed 1; every kernel's input and every committed checksum rests on them.
    const words = createWords(1);
    expect([words(), words(), words()]).toEqual([2693262067, 11749833, 2265367787]);
    const again = createWords(1);
    expect(again()).toBe(2693262067);
  });

  it('scales the same words to [0, 1)', () => {
    const words = createWords(42);
    const random = createRandom(42);
    for (let i = 0; i < 1000; i++) {
      const value = random();
      expect(value).toBe(words() / 2 ** 32);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('shuffles reproducibly from a seed without touching its input', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const a = shuffled(items, createRandom(7));
    expect(a).toEqual(shuffled(items, createRandom(7)));
    expect([...a].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
