/** The end-of-run summary: speedup over serial per strategy and worker count, then every cell that went wrong. */
import { type Cell, cellLabel, formatMs, formatSize, formatSpeedup, type ResultFile, SERIAL_ID } from '@coresweep/core';
import { table } from './format.js';

function entry(cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.status !== 'ok') return cell.status.toUpperCase();
  if (cell.speedup) return formatSpeedup(cell.speedup.median);
  return formatMs(cell.wallMs?.median);
}

export function summarizeRun(result: ResultFile): string {
  const out: string[] = [];
  const workerCounts = [...new Set(result.cells.map((c) => c.workers))].sort((a, b) => a - b);
  for (const workload of result.config.workloads) {
    for (const size of result.config.sizes[workload] ?? []) {
      const cells = result.cells.filter((c) => c.workload === workload && c.size === size);
      if (cells.length === 0) continue;
      const serial = cells.find((c) => c.strategy === SERIAL_ID);
      out.push(
        `\n${workload} size ${formatSize(size)} — speedup over serial (serial: ${formatMs(serial?.wallMs?.median)})`,
      );
      const rows = [['strategy', ...workerCounts.map((w) => `${w}w`)]];
      for (const strategy of result.config.strategies) {
        const own = cells.filter((c) => c.strategy === strategy);
        if (own.length === 0) continue;
        rows.push([strategy, ...workerCounts.map((w) => entry(own.find((c) => c.workers === w)))]);
      }
      out.push(table(rows));
    }
  }
  const bad = result.cells.filter((c) => c.status !== 'ok');
  if (bad.length > 0) {
    out.push(`\n${bad.length} cell(s) did not finish ok:`);
    for (const cell of bad) {
      const firstLine = (cell.error ?? '').split('\n')[0];
      out.push(`  ${cell.status.padEnd(12)} ${cellLabel(cell)}: ${firstLine}`);
    }
  }
  const unstable = result.cells.filter((c) => c.warnings.length > 0 && c.status === 'ok');
  if (unstable.length > 0) {
    out.push(`\n${unstable.length} cell(s) carry stability warnings:`);
    const shown = 8;
    for (const cell of unstable.slice(0, shown)) {
      out.push(`  ${cellLabel(cell)}: ${cell.warnings.join('; ')}`);
    }
    if (unstable.length > shown)
      out.push(`  … and ${unstable.length - shown} more (see the result file or the report)`);
  }
  for (const warning of result.warnings) out.push(`\nwarning: ${warning}`);
  return out.join('\n');
}
