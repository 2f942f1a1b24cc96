import { describe, expect, it } from 'vitest';
import { partition } from '../src/partition.js';

describe('partition', () => {
  it('splits into contiguous ranges whose lengths differ by at most one', () => {
    expect(partition(10, 3)).toEqual([
      [0, 4],
      [4, 7],
      [7, 10],
    ]);
    expect(partition(2, 4)).toEqual([
      [0, 1],
      [1, 2],
      [2, 2],
      [2, 2],
    ]);
    expect(partition(7, 1)).toEqual([[0, 7]]);
  });

  it('rejects counts and sizes that are not integers', () => {
    expect(() => partition(10, 0)).toThrow(RangeError);
    expect(() => partition(-1, 2)).toThrow(RangeError);
    expect(() => partition(1.5, 2)).toThrow(RangeError);
  });
});
