/** Partitions of [0, size) the conformance suite runs: each stresses a different part of dispatch. */
import type { PartRange } from '@coresweep/core/define';

/** `count` contiguous parts covering [0, size) whose lengths differ by at most one. */
export function splitEvenly(size: number, count: number): PartRange[] {
  const parts: PartRange[] = [];
  for (let i = 0; i < count; i++) {
    parts.push([Math.floor((size * i) / count), Math.floor((size * (i + 1)) / count)]);
  }
  return parts;
}

/** Named partitions of [0, size) for a pool of `workers`. */
export function namedPartitions(size: number, workers: number): Array<{ name: string; parts: PartRange[] }> {
  const tenth = Math.floor(size / 10);
  return [
    { name: 'one part', parts: [[0, size]] },
    { name: 'more parts than workers', parts: splitEvenly(size, workers * 2 + 1) },
    {
      name: 'empty parts',
      parts: [
        [0, 0],
        [0, 5],
        [5, 5],
        [5, size],
        [size, size],
      ],
    },
    { name: 'many small parts', parts: splitEvenly(size, 97) },
    {
      name: 'uneven parts',
      parts: [
        [0, tenth],
        [tenth, size - tenth],
        [size - tenth, size],
      ],
    },
  ];
}
