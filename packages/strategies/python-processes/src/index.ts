/**
 * python-processes: the course's multiprocessing experiment — the workload's CPython twin on a pool of `workers`
 * Python processes (concurrent.futures.ProcessPoolExecutor over multiprocessing, forked where the platform forks),
 * coordinated by one CPython process. Each process has its own GIL; see README.md for what is timed.
 */
import { defineStrategy } from '@coresweep/core/define';
import { pythonUnsupported, startPython } from '@coresweep/python-kit';

const ID = 'python-processes';

export default defineStrategy({
  id: ID,
  title: 'CPython process pool',
  description:
    "The workload's CPython twin on a pool of Python processes (concurrent.futures over multiprocessing) behind " +
    'one coordinating python3 process, started once and reused by every run; parts are handed out one at a time.',
  parallelism: 'processes',
  unsupported: pythonUnsupported,
  start: (ctx) => startPython(ctx, { name: ID, mode: 'processes' }),
});
