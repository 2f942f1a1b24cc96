/**
 * The end-of-run summary: speedup over serial per strategy and worker count, the confidence the run's intervals
 * really have, why cells stopped getting repetitions (runs with a precision target), the cells whose speedup claims
 * to beat physics, then every cell that went wrong.
 */
import {
  betweenRunsLine,
  type Cell,
  cellLabel,
  DISTURBED_WARNING,
  formatLevel,
  formatMs,
  formatPrecision,
  formatSize,
  formatSpeedup,
  NO_TRANSPORT,
  precisionSettings,
  type ResultFile,
  relativeHalfWidth,
  repetitionMedians,
  runtimeId,
  runtimeLabel,
  runtimesOf,
  SERIAL_ID,
  type StopReason,
  targetFor,
  transportOf,
} from '@coresweep/core';
import { formatDuration, table } from './format.js';

/** Marks a speedup in the table whose interval lies wholly above its physical limit. */
const DISTURBED_MARK = '!';

function isDisturbed(cell: Cell): boolean {
  return cell.warnings.some((w) => w.startsWith(DISTURBED_WARNING));
}

function entry(cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.status !== 'ok') return cell.status.toUpperCase();
  if (cell.speedup) return `${formatSpeedup(cell.speedup.median)}${isDisturbed(cell) ? DISTURBED_MARK : ''}`;
  return formatMs(cell.wallMs?.median);
}

/** `95% (48 cells), 50% (2 cells)`: the levels the intervals of one kind really have, most common first. */
function levelCounts(levels: (number | null | undefined)[]): string {
  const counts = new Map<string, number>();
  for (const level of levels) counts.set(formatLevel(level), (counts.get(formatLevel(level)) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${label} (${n} cell${n === 1 ? '' : 's'})`)
    .join(', ');
}

/** One line saying what confidence the run's intervals have, so that nobody reads a 50% interval as 95%. */
export function intervalLevelsLine(cells: readonly Cell[]): string | null {
  const ok = cells.filter((c) => c.status === 'ok' && c.wallMs);
  if (ok.length === 0) return null;
  const times = levelCounts(ok.map((c) => c.wallMs?.ciLevel));
  const withSpeedup = ok.filter((c) => c.speedup && c.strategy !== SERIAL_ID);
  const speedups =
    withSpeedup.length > 0 ? `; speedups: ${levelCounts(withSpeedup.map((c) => c.speedup?.ciLevel))}` : '';
  return `interval levels — times: ${times}${speedups}`;
}

/** Cells that stopped short of their target, listed by name; the others are only counted. */
const SHORT_OF_TARGET_SHOWN = 8;

/**
 * With a precision target: how many cells stopped for each reason, how many processes they took, and which cells
 * stopped short of their target with the precision they reached.
 */
export function stopReasonLines(result: ResultFile): string[] {
  const settings = precisionSettings(result.config);
  if (!settings) return [];
  const ok = result.cells.filter((c) => c.status === 'ok');
  const counts = new Map<StopReason, number>();
  for (const cell of ok) if (cell.stopReason) counts.set(cell.stopReason, (counts.get(cell.stopReason) ?? 0) + 1);
  const processes = ok.map((c) => c.repetitions.length);
  const reasons = (['precision reached', 'max repetitions', 'time cap'] as const)
    .filter((reason) => counts.has(reason))
    .map((reason) => `${reason} ${counts.get(reason)}`);
  const out = [
    `repetitions until within ${formatPrecision(settings.precision)} (serial ${formatPrecision(targetFor(SERIAL_ID, settings.precision))}): ` +
      `${reasons.join(', ') || 'no cell stopped'}` +
      (processes.length > 0 ? `; ${Math.min(...processes)} to ${Math.max(...processes)} processes per cell` : ''),
  ];
  const short = ok.filter((c) => c.stopReason === 'max repetitions' || c.stopReason === 'time cap');
  const several = runtimesOf(result.cells).length > 1;
  for (const cell of short.slice(0, SHORT_OF_TARGET_SHOWN)) {
    const width = relativeHalfWidth(repetitionMedians(cell.repetitions));
    out.push(
      `  ${cellLabel(cell, { runtime: several })}: ${cell.stopReason} after ${cell.repetitions.length}, interval ${formatPrecision(width)} (target ${formatPrecision(targetFor(cell.strategy, settings.precision))})`,
    );
  }
  if (short.length > SHORT_OF_TARGET_SHOWN) {
    out.push(`  … and ${short.length - SHORT_OF_TARGET_SHOWN} more (see the result file or the report)`);
  }
  return out;
}

/**
 * Where the repetitions' time went, from the phases measured in every cell process: the timed runs the estimates are
 * made of against warm-up, first runs, starting processes and strategies, and closing.
 */
export function timeSpentLine(result: ResultFile): string | null {
  const spent = result.timeSpent;
  if (!spent || spent.repetitionsMs <= 0) return null;
  const { phases } = spent;
  const part = (label: string, ms: number) =>
    `${label} ${formatDuration(ms)} (${((100 * ms) / spent.repetitionsMs).toFixed(0)}%)`;
  const parts = [
    part('timed runs', phases.timedMs),
    part('warm-up', phases.warmupMs),
    part('first runs', phases.firstRunMs),
    part('starting processes', phases.processMs),
    part('strategies starting', phases.startMs),
    part('closing', phases.closeMs),
  ];
  if (spent.otherMs > 0) parts.push(part('repetitions that failed before timing', spent.otherMs));
  const processes = result.cells.reduce((n, c) => n + c.repetitions.length, 0);
  return `time in ${processes} processes, ${formatDuration(spent.repetitionsMs)}: ${parts.join(', ')}`;
}

export function summarizeRun(result: ResultFile): string {
  const out: string[] = [];
  const workerCounts = [...new Set(result.cells.map((c) => c.workers))].sort((a, b) => a - b);
  // One table per runtime where a run holds several: each divides by its own runtime's serial time.
  const runtimes = runtimesOf(result.cells);
  const several = runtimes.length > 1;
  const label = (cell: Cell) => cellLabel(cell, { runtime: several });
  for (const workload of result.config.workloads) {
    for (const size of result.config.sizes[workload] ?? []) {
      for (const runtime of several ? runtimes : [undefined]) {
        const cells = result.cells.filter(
          (c) =>
            c.workload === workload &&
            c.size === size &&
            (!runtime || (c.runtime !== undefined && runtimeId(c.runtime) === runtimeId(runtime))),
        );
        if (cells.length === 0) continue;
        const serial = cells.find((c) => c.strategy === SERIAL_ID);
        const on = runtime ? ` on ${runtimeLabel(runtime)}` : '';
        out.push(
          `\n${workload} size ${formatSize(size)}${on} — speedup over serial (serial: ${formatMs(serial?.wallMs?.median)})`,
        );
        const rows = [['strategy', ...workerCounts.map((w) => `${w}w`)]];
        for (const strategy of result.config.strategies) {
          const own = cells.filter((c) => c.strategy === strategy);
          // A workload with data has a row per transport the strategy ran it with.
          for (const transport of [...new Set(own.map(transportOf))]) {
            const row = own.filter((c) => transportOf(c) === transport);
            const name = transport === NO_TRANSPORT ? strategy : `${strategy} ${transport}`;
            rows.push([name, ...workerCounts.map((w) => entry(row.find((c) => c.workers === w)))]);
          }
        }
        out.push(table(rows));
      }
    }
  }
  const levels = intervalLevelsLine(result.cells);
  if (levels) out.push(`\n${levels}`);
  const between = betweenRunsLine(result.betweenRuns);
  if (between) out.push(between);
  const stops = stopReasonLines(result);
  if (stops.length > 0) out.push(`\n${stops.join('\n')}`);
  const disturbed = result.cells.filter((c) => c.status === 'ok' && isDisturbed(c));
  if (disturbed.length > 0) {
    out.push(
      `\n${disturbed.length} cell(s) marked ${DISTURBED_MARK}: disturbed measurement, the speedup interval lies wholly above what the cores allow:`,
    );
    for (const cell of disturbed) {
      const text = cell.warnings.find((w) => w.startsWith(DISTURBED_WARNING)) ?? '';
      out.push(`  ${label(cell)}: ${text}`);
    }
  }
  const bad = result.cells.filter((c) => c.status !== 'ok' && c.status !== 'skipped');
  if (bad.length > 0) {
    out.push(`\n${bad.length} cell(s) did not finish ok:`);
    for (const cell of bad) {
      const firstLine = (cell.error ?? '').split('\n')[0];
      out.push(`  ${cell.status.padEnd(12)} ${label(cell)}: ${firstLine}`);
    }
  }
  const skipped = result.cells.filter((c) => c.status === 'skipped');
  if (skipped.length > 0) {
    out.push(`\n${skipped.length} cell(s) skipped:`);
    for (const cell of skipped) out.push(`  ${label(cell)}: ${(cell.error ?? '').split('\n')[0]}`);
  }
  const unstable = result.cells.filter(
    (c) => c.status === 'ok' && c.warnings.some((w) => !w.startsWith(DISTURBED_WARNING)),
  );
  if (unstable.length > 0) {
    out.push(`\n${unstable.length} cell(s) carry stability warnings:`);
    const shown = 8;
    for (const cell of unstable.slice(0, shown)) {
      out.push(`  ${label(cell)}: ${cell.warnings.filter((w) => !w.startsWith(DISTURBED_WARNING)).join('; ')}`);
    }
    if (unstable.length > shown)
      out.push(`  … and ${unstable.length - shown} more (see the result file or the report)`);
  }
  const spent = timeSpentLine(result);
  if (spent) out.push(`\n${spent}`);
  for (const warning of result.warnings) out.push(`\nwarning: ${warning}`);
  return out.join('\n');
}
