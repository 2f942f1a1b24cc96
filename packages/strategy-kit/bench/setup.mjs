/**
 * How every timing bench starts: the options they all take (--size, --workers, --runs, --warmup, --strategies)
 * parsed and checked, the opening line that says what is measured on which machine under which load, and do-math
 * with its reference checksum (one unpartitioned serial run), against which every measured run is checked.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { builtinWorkloadUrls } from '@coresweep/workloads';
import { loadAverages } from './strategies.mjs';

/** Ends the bench with one line on stderr, `bench: message`, and exit code 2 (bad input). */
export function exitWithUsageError(bench, message) {
  process.stderr.write(`${bench}: ${message}\n`);
  process.exit(2);
}

/**
 * The common options with the bench's own `defaults` (size, runs, warmup as strings) and its extra `options`
 * (node:util parseArgs declarations). Returns the parsed `values` and the four counts as numbers; a count that is
 * not a whole number (--warmup from 0, the others from 1) ends the bench through exitWithUsageError.
 */
export function benchOptions(bench, defaults, options = {}) {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: defaults.size },
      workers: { type: 'string', default: String(availableParallelism()) },
      runs: { type: 'string', default: defaults.runs },
      warmup: { type: 'string', default: defaults.warmup },
      strategies: { type: 'string' },
      ...options,
    },
  });
  const counts = {
    size: Number(values.size),
    workers: Number(values.workers),
    runs: Number(values.runs),
    warmup: Number(values.warmup),
  };
  for (const [name, n] of Object.entries(counts)) {
    const min = name === 'warmup' ? 0 : 1;
    if (!Number.isSafeInteger(n) || n < min) {
      exitWithUsageError(bench, `--${name} must be a whole number >= ${min}, got ${values[name]}`);
    }
  }
  return { values, ...counts };
}

/** The opening line: what is measured (`what`), the CPU, the load and Node; a warning when the machine is busy. */
export function printHeader(bench, what) {
  console.log(
    `${bench}: ${what} | ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ` +
      `availableParallelism=${availableParallelism()}, load=${loadAverages()} | node ${process.version}`,
  );
  if (loadavg()[0] > 0.5) {
    // With Linux autogroup scheduling a busy neighbour session holds its fair share of the cores, so a parallel
    // strategy is capped near that share while serial barely notices: parallel times measured now are high.
    console.warn(
      `warning: the machine is not idle (1-minute load ${loadavg()[0].toFixed(2)}); parallel times will be high`,
    );
  }
}

/**
 * do-math, the workload every bench measures, at `size` units: its module URL, the workload, its reference checksum,
 * and timedRun(executor, parts, label), the wall time in ms of one run of `parts`, whose result must match the
 * reference (a wrong result ends the bench with an error naming `label`).
 */
export async function doMathAt(size) {
  const url = builtinWorkloadUrls.find((u) => u.endsWith('/do-math.js'));
  const workload = (await import(url)).default;
  const checksumOf = (results) => workload.checksum(workload.combine(results, size));
  const reference = checksumOf([workload.run(0, size, size)]);
  const timedRun = async (executor, parts, label) => {
    const t0 = performance.now();
    const results = await executor.run(size, parts);
    const ms = performance.now() - t0;
    const checksum = checksumOf(results);
    if (checksum !== reference) throw new Error(`${label}: wrong result ${checksum} != ${reference}`);
    return ms;
  };
  return { url, workload, reference, timedRun };
}
