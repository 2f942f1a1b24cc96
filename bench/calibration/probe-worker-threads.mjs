/**
 * `probe-worker-threads`: the built-in worker-threads strategy made slower on purpose, for the injected-slowdown
 * experiment of docs/statistics.md. Every part does CORESWEEP_PROBE_SLOWDOWN (default 0.15: 15%) more of its own
 * work (slowed-workload.mjs); with CORESWEEP_PROBE_SLOWDOWN=0 it is worker-threads itself under another id. Run it
 * once at 0 and once at 0.15 and `coresweep compare` should flag its cells, and only its cells:
 *
 *   CORESWEEP_PROBE_SLOWDOWN=0 pnpm coresweep run --strategy bench/calibration/probe-worker-threads.mjs ... --out base.json
 *   pnpm coresweep run --strategy bench/calibration/probe-worker-threads.mjs ... --out head.json
 *
 * Needs the built workspace (`pnpm build`): it wraps packages/strategies/worker-threads/dist.
 */
import workerThreads from '../../packages/strategies/worker-threads/dist/index.js';

const text = process.env.CORESWEEP_PROBE_SLOWDOWN ?? '0.15';
const extra = Number(text);
if (text.trim() === '' || !(Number.isFinite(extra) && extra >= 0 && extra <= 10)) {
  throw new Error(
    `CORESWEEP_PROBE_SLOWDOWN must be a fraction between 0 and 10 (0.15 = 15%), got ${JSON.stringify(text)}`,
  );
}

export default {
  id: 'probe-worker-threads',
  title: `worker-threads, ${Math.round(extra * 100)}% slower on purpose`,
  description: `worker-threads with ${Math.round(extra * 100)}% more work in every part: the probe of the injected-slowdown experiment`,
  parallelism: 'threads',
  async start(context) {
    const url = new URL('./slowed-workload.mjs', import.meta.url);
    url.searchParams.set('target', context.workload);
    url.searchParams.set('extra', String(extra));
    return workerThreads.start({ ...context, workload: url.href });
  },
};
