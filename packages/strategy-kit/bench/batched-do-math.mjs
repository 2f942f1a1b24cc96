/**
 * A workload module for batching.mjs: do-math at one fixed size, whose "part" is a batch of consecutive parts of an
 * even partition. Given to a pool, it makes every dispatch step (a message, a task, a claim) carry a whole batch, the
 * same way for every pool, without changing any pool.
 *
 * Imported as `batched-do-math.mjs?size=S`. A pool calls run(first, end, count): the parts first … end-1 of
 * core's partition(S, count), computed one after another exactly as do-math computes them, returned as an array of
 * their results. `combine` flattens the batches and hands the parts to do-math's own combine, so the checksum is
 * do-math's and is compared with the unpartitioned reference.
 *
 * No top-level await (a thread terminated while it evaluates one aborts Node 20: see the poolifier README).
 */
import { partition } from '@coresweep/core';
import doMath from '../../workloads/dist/do-math.js';

const size = Number(new URL(import.meta.url).searchParams.get('size'));
if (!Number.isSafeInteger(size) || size < 1) throw new Error(`batched-do-math: bad ?size= in ${import.meta.url}`);

/** partition(size, count) by count: a run asks for the same partition once per batch. */
const partitions = new Map();
function partsOf(count) {
  let parts = partitions.get(count);
  if (!parts) {
    parts = partition(size, count);
    partitions.set(count, parts);
  }
  return parts;
}

export default {
  id: 'batched-do-math',
  title: 'do-math in batches of parts',
  description: `do-math at ${size} units; each part of this workload is a batch of consecutive do-math parts.`,
  sizes: { quick: [size], full: [size] },
  run(first, end, count) {
    const parts = partsOf(count);
    const results = [];
    for (let i = first; i < end; i++) {
      const [start, stop] = parts[i];
      results.push(doMath.run(start, stop, size));
    }
    return results;
  },
  combine: (batches) => doMath.combine(batches.flat(), size),
  checksum: (result) => doMath.checksum(result),
};
