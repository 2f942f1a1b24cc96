/**
 * python-threads: the course's threaded experiment — the workload's CPython twin on a pool of `workers` Python
 * threads (concurrent.futures.ThreadPoolExecutor) in one CPython process. The GIL lets one thread run Python code
 * at a time, so the expected speedup over its own one-worker time is about 1x; see README.md for what is timed.
 */
import { defineStrategy } from '@coresweep/core/define';
import { pythonUnsupported, startPython } from '@coresweep/python-kit';

const ID = 'python-threads';

export default defineStrategy({
  id: ID,
  title: 'CPython threads (GIL)',
  description:
    "The workload's CPython twin on a pool of Python threads in one python3 process, started once and reused by " +
    'every run; parts are handed out one at a time. The GIL runs one thread at a time.',
  parallelism: 'threads',
  unsupported: pythonUnsupported,
  start: (ctx) => startPython(ctx, { name: ID, mode: 'threads' }),
});
