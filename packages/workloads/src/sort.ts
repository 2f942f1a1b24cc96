/**
 * sort: sorts a Float64Array of pseudo-random values. A unit is one value; part [start, end) receives its values (a
 * view of the input), sorts a copy and returns it, and combine() merges the sorted parts into one array. The merge is
 * serial and part of every timed job, so this kernel shows Amdahl's law at work: however many workers sort, the
 * merge of n values in log2(parts) passes stays on one thread. Sorting costs about log2(n) comparisons per value:
 * little compute per byte, the case where moving the data decides whether threads pay off at all.
 *
 * A sorted array is unique, so the checksum (SHA-256 of the merged values) is the same for every partition.
 */
import { createWords, defineWorkload } from '@coresweep/core/define';
import { countAndDigest } from './data.js';

/** `size` values from `seed`, uniform in [0, 1) with 53 random bits each. */
function generatedValues(size: number, seed: number): Float64Array {
  const next = createWords(seed);
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) values[i] = ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  return values;
}

/** Merges two sorted arrays into one. */
function mergeTwo(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length)
    out[k++] = (a[i] as number) <= (b[j] as number) ? (a[i++] as number) : (b[j++] as number);
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}

export default defineWorkload<Float64Array, Float64Array, Float64Array>({
  id: 'sort',
  title: 'sort (Float64Array, merged in combine)',
  description:
    'Sorts pseudo-random doubles: each part sorts its slice, combine() merges the sorted parts on one thread. ' +
    'Little compute per byte and a serial merge in every job: Amdahl at work.',
  sizes: {
    // 0.8 MB of doubles in the quick preset, 8 MB in the full one (where the merge in combine() weighs).
    quick: [100_000],
    full: [1_000_000],
  },
  input(size, seed) {
    return generatedValues(size, seed);
  },
  slice(values, start, end) {
    return values.subarray(start, end);
  },
  run(_start, _end, _size, values) {
    return values.slice().sort();
  },
  combine(parts) {
    // Pairwise, in log2(parts) passes: each value is copied once per pass.
    let runs = parts;
    while (runs.length > 1) {
      const next: Float64Array[] = [];
      for (let i = 0; i < runs.length; i += 2) {
        next.push(
          i + 1 < runs.length
            ? mergeTwo(runs[i] as Float64Array, runs[i + 1] as Float64Array)
            : (runs[i] as Float64Array),
        );
      }
      runs = next;
    }
    return runs[0] ?? new Float64Array(0);
  },
  checksum(sorted) {
    return countAndDigest('values', sorted.length, sorted);
  },
});
