/**
 * serial: runs every part one after another on the calling thread. It is the baseline every speedup is measured
 * against, so it does nothing but call the workload.
 */
import { defineStrategy, importWorkload } from '@coresweep/core/define';

export default defineStrategy({
  id: 'serial',
  title: 'Serial',
  description: 'Every part one after another on the main thread: the baseline all speedups are measured against.',
  parallelism: 'none',
  // It computes in the primary, on the input itself: nothing moves.
  transports: ['none'],
  async start({ workload: workloadUrl }) {
    const workload = await importWorkload(workloadUrl);
    let closed = false;
    return {
      async run(size, parts, inputs) {
        if (closed) throw new Error('serial executor is closed');
        return parts.map(([start, end], index) => workload.run(start, end, size, inputs?.[index]));
      },
      async close() {
        closed = true;
      },
    };
  },
});
