/** Small formatting helpers shared by progress lines, summaries and compare tables. */

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}:${String(s).padStart(2, '0')}`;
}

/** 300000000 -> 3e8, 2000000 -> 2e6, 200000 -> 2e5, 123456 -> 123456: sizes stay readable in tables. */
export function formatSize(size: number): string {
  const exponent = Math.floor(Math.log10(size));
  const mantissa = size / 10 ** exponent;
  if (exponent >= 4 && Number.isInteger(mantissa * 10) && mantissa * 10 < 100) {
    return `${Number(mantissa.toFixed(1))}e${exponent}`;
  }
  return String(size);
}

/** Pads a table of strings into aligned columns (first column left-aligned, the rest right-aligned). */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}
