/**
 * JSON exports for other tools: Bencher Metric Format (BMF) for tracking over time with Bencher, and the JSON that
 * `hyperfine --export-json` writes, so hyperfine's analysis and plotting scripts can read a coresweep run.
 * Neither format has a place for a failed measurement, so only ok cells are exported; `skipped` lists the rest.
 */
import { type Cell, cellKey, matrixKey, median, type ResultFile, runtimesOf } from '@coresweep/core';

export interface JsonExport {
  value: unknown;
  /** Cells left out because they are not ok (or have no timings), as `name: status`. */
  skipped: string[];
}

/**
 * The benchmark name in both formats: `do-math/1000000/worker-threads/2`, the cell's place in the matrix, so a
 * benchmark keeps its name (and its history in a tracker) from run to run; in a run over several runtimes, the cell
 * key, which ends with the runtime (`…/2/bun@1.4.5`).
 */
function namer(run: ResultFile): (cell: Cell) => string {
  return runtimesOf(run.cells).length > 1 ? cellKey : matrixKey;
}

function split(run: ResultFile): { ok: Cell[]; skipped: string[]; benchmarkName: (cell: Cell) => string } {
  const benchmarkName = namer(run);
  const ok = run.cells.filter((cell) => cell.status === 'ok' && cell.wallMs !== null);
  const skipped = run.cells
    .filter((cell) => !ok.includes(cell))
    .map((cell) => `${benchmarkName(cell)}: ${cell.status === 'ok' ? 'no timings' : cell.status}`);
  return { ok, skipped, benchmarkName };
}

const NS_PER_MS = 1e6;

/**
 * BMF (https://bencher.dev/docs/reference/bencher-metric-format): `{ name: { measure: { value, lower_value?,
 * upper_value? } } }`. `latency` is Bencher's built-in measure in nanoseconds: the cell's median with its 95%
 * interval. `throughput` is Bencher's built-in measure in operations per second, with one operation = one unit of
 * the workload (size / time), which unlike latency stays comparable across sizes; its bounds come from the
 * latency interval (the slow end of the time is the low end of the rate).
 */
export function toBmf(run: ResultFile): JsonExport {
  const { ok, skipped, benchmarkName } = split(run);
  const value: Record<string, Record<string, { value: number; lower_value: number; upper_value: number }>> = {};
  for (const cell of ok) {
    const wall = cell.wallMs!;
    const [low, high] = wall.ci95;
    const rate = (ms: number) => (ms > 0 ? (cell.size * 1000) / ms : 0);
    value[benchmarkName(cell)] = {
      latency: { value: wall.median * NS_PER_MS, lower_value: low * NS_PER_MS, upper_value: high * NS_PER_MS },
      throughput: { value: rate(wall.median), lower_value: rate(high), upper_value: rate(low) },
    };
  }
  return { value, skipped };
}

function sampleSd(values: readonly number[], m: number): number | null {
  if (values.length < 2) return null;
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * CPU seconds per timed run, averaged over the ok repetitions: each repetition's CPU time covers its timed phase,
 * which holds `samples.length` runs. The result file does not split user from system time, so `user` carries both
 * and `system` is 0.
 */
function cpuPerRun(cell: Cell): number {
  const perRun = cell.repetitions
    .filter((rep) => rep.status === 'ok' && rep.cpuMs !== null && rep.samples.length > 0)
    .map((rep) => rep.cpuMs! / rep.samples.length / 1000);
  return perRun.length > 0 ? perRun.reduce((a, b) => a + b, 0) / perRun.length : 0;
}

/**
 * hyperfine's JSON (the 1.x `--export-json` layout): `{ results: [{ command, mean, stddev, median, user, system,
 * min, max, times, exit_codes, parameters }] }`, times in seconds. `times` are every warm run of every ok
 * repetition, and the statistics are taken over them as hyperfine does, so `median` here is the pooled median,
 * not the runner's median of per-process medians (the CSV and BMF exports carry that one).
 */
export function toHyperfine(run: ResultFile): JsonExport {
  const { ok, skipped, benchmarkName } = split(run);
  const results = ok.map((cell) => {
    const times = cell.wallMs!.samples.map((ms) => ms / 1000);
    const m = times.reduce((a, b) => a + b, 0) / times.length;
    return {
      command: benchmarkName(cell),
      mean: m,
      stddev: sampleSd(times, m),
      median: median(times),
      user: cpuPerRun(cell),
      system: 0,
      // reduce, not Math.min(...times): a long run has more samples than a call may take arguments.
      min: times.reduce((a, b) => Math.min(a, b)),
      max: times.reduce((a, b) => Math.max(a, b)),
      times,
      exit_codes: times.map(() => 0),
      // Parameter values are strings in hyperfine's output; they let its plot_parametrized script plot scaling.
      parameters: {
        workload: cell.workload,
        size: String(cell.size),
        strategy: cell.strategy,
        workers: String(cell.workers),
        ...(cell.runtime ? { runtime: `${cell.runtime.name} ${cell.runtime.version}` } : {}),
      },
    };
  });
  return { value: { results }, skipped };
}
