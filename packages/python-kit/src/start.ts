/**
 * An executor for a Python strategy: one CPython server process with a pool of `workers` threads or processes,
 * started and failed and closed by the strategy kit's pool lifecycle (the server is the pool's one member), with the
 * job dispatch of job-dispatch.ts.
 */
import { fileURLToPath } from 'node:url';
import { CoresweepError, importDefault, type StrategyContext, type Workload } from '@coresweep/core/define';
import { type PoolExecutor, startPool } from '@coresweep/strategy-kit';
import { pythonCommand } from './interpreter.js';
import { jobDispatch } from './job-dispatch.js';
import { type PoolMode, type PythonLink, pythonLink } from './python-link.js';
import { twinPath } from './twins.js';

const SERVER = fileURLToPath(new URL('../python/server.py', import.meta.url));

export interface PythonPoolOptions {
  /** The strategy id, for error messages. */
  name: string;
  mode: PoolMode;
  /** The twin module of a workload id; by default the shipped twins (python/twins/). */
  twinFor?: (workloadId: string) => string | undefined;
}

export async function startPython(ctx: StrategyContext, options: PythonPoolOptions): Promise<PoolExecutor> {
  if (!Number.isInteger(ctx.workers) || ctx.workers < 1) {
    throw new CoresweepError('E_USAGE', `${options.name}: workers must be a positive integer`);
  }
  const workload = await importDefault<Workload>(ctx.workload);
  const twin = (options.twinFor ?? twinPath)(workload.id);
  if (!twin) throw new CoresweepError('E_INVALID_MODULE', `${options.name}: no CPython twin of ${workload.id}`);
  let link: PythonLink | undefined;
  const pool = await startPool(
    { ...ctx, workers: 1 },
    {
      name: options.name,
      spawn: () => {
        link = pythonLink({ python: pythonCommand(), server: SERVER, mode: options.mode, workers: ctx.workers, twin });
        return link;
      },
      dispatch: jobDispatch,
    },
  );
  return {
    run: (size, parts) => pool.run(size, parts),
    close: () => pool.close(),
    // The server and, for a process pool, its workers: every process whose CPU and memory the cell spends.
    pids: () => {
      const server = pool.pids();
      return server.length > 0 ? [...server, ...(link?.workerPids ?? [])] : [];
    },
  };
}
