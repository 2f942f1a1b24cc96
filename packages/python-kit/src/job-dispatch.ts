/**
 * How a Python pool gets its parts: the whole job goes to the server in one line, and the server hands the parts
 * to its pool one at a time, an idle worker taking the next (a chunk size of one, as the JavaScript pools do). So the
 * parts the runner chose are the tasks CPython's pool runs, and one run costs one round trip over the pipe.
 */
import { CoresweepError, deserializeError } from '@coresweep/core/define';
import type { Dispatch, PoolControl, PoolJob, PoolWorker } from '@coresweep/strategy-kit';
import type { PythonMessage } from './protocol.js';
import type { PythonLink } from './python-link.js';

export function jobDispatch(pool: PoolControl): Dispatch<PythonLink> {
  let server: PoolWorker<PythonLink> | undefined;
  let nextId = 0;
  const jobs = new Map<number, PoolJob>();
  const take = (id: number) => {
    const job = jobs.get(id);
    jobs.delete(id);
    return job;
  };
  return {
    ready(workers) {
      server = workers[0];
    },
    submit(job) {
      const id = nextId++;
      jobs.set(id, job);
      server?.link.send({ id, size: job.size, parts: job.parts });
    },
    message(_worker, raw) {
      const message = raw as PythonMessage;
      if (message.type === 'result') {
        const job = take(message.id);
        if (job) pool.resolve(job, message.results);
      } else if (message.type === 'part-failed') {
        const job = take(message.id);
        if (job) pool.reject(job, deserializeError(message.error));
      } else if (message.type === 'broken') {
        // A pool process died: CPython's pool is unusable from now on, and so is this executor.
        pool.fail(new CoresweepError('E_WORKER_EXIT', `${pool.name}: ${message.error.message}`));
      }
    },
    activity() {
      return jobs.size > 0 ? ` while running ${jobs.size} job(s)` : '';
    },
    stop() {
      jobs.clear();
    },
  };
}
